/**
 * Steps the Kostnader and Fördela budget browser tests share (issue 9): where a refusal is, whether the
 * user sees it without scrolling, how many Tab presses an action is from the top of the sidebar, and
 * the workbook's own figures to compare the page with.
 */
import type { Frame } from 'playwright-core';
import { formatMoney } from '../../src/core/money';
import type { Session } from './browser';

export const nb = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
/** Kronor as the Swedish page writes them, compared with nb(): "147 500,00 kr". */
export const krSv = (kronor: number) => nb(formatMoney(Math.round(kronor * 100)));

/** Översikt's funder row (its formulas, from the sheets): allocation, booked and left, in kronor. */
export function workbookFunder(s: Session, name: string): { allocation: number; booked: number; left: number } {
  const rows = s.sandbox.emulator.sheetValues('Översikt');
  const r = rows.find((x) => x[0] === name);
  if (!r) throw new Error(`no ${name} on Översikt`);
  return { allocation: Number(r[1]), booked: Number(r[5]), left: Number(r[6]) };
}

/**
 * The refusal is at `control`: it is marked invalid, described by its error line (which says `message`),
 * focused, and inside the sidebar's viewport, so the user sees it without scrolling.
 */
export async function expectRefusalAt(f: Frame, control: string, message: string | RegExp): Promise<void> {
  const state = await f.locator(control).evaluate((el) => {
    const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
    const described = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    const r = el.getBoundingClientRect();
    return {
      invalid: el.getAttribute('aria-invalid'), described, focused: document.activeElement === el,
      inView: r.top >= 0 && r.bottom <= window.innerHeight + 1 && r.height > 0, // scrollIntoView aligns to the edge, to a fraction of a pixel
    };
  });
  expect(state.invalid).toBe('true');
  if (typeof message === 'string') expect(nb(state.described)).toContain(message);
  else expect(nb(state.described)).toMatch(message);
  expect(state.focused).toBe(true);
  expect(state.inView).toBe(true);
}

/** The refusal is in the message line beside a button: says `message`, focused, in view. */
export async function expectRefusalBeside(f: Frame, line: string, message: string | RegExp): Promise<void> {
  const state = await f.locator(line).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { text: el.textContent ?? '', focused: document.activeElement === el, inView: r.top >= 0 && r.bottom <= window.innerHeight + 1 && r.height > 0 };
  });
  if (typeof message === 'string') expect(nb(state.text)).toBe(message);
  else expect(nb(state.text)).toMatch(message);
  expect(state.focused).toBe(true);
  expect(state.inView).toBe(true);
}

// Keyboard reachability (one Tab walk for all targets): test/support/keyboard.ts.
export { reachAll } from './keyboard';

/**
 * A read-only user's view of a form: every one of `controls` is there, visible and disabled, and is
 * described by the line `who`, which is visible and says `says` (who may).
 */
export async function expectDisabledSayingWho(f: Frame, controls: readonly string[], who: string, says: string): Promise<void> {
  expect(nb(await f.locator(who).textContent())).toBe(says);
  await expect(f.locator(who).isVisible()).resolves.toBe(true);
  const whoId = who.replace(/^#/, '');
  const states = await Promise.all(controls.map((sel) => f.locator(sel).first().evaluate((el, id) => ({
    disabled: (el as HTMLInputElement).disabled,
    visible: el.getClientRects().length > 0,
    describedByWho: (el.getAttribute('aria-describedby') ?? '').split(/\s+/).includes(id),
  }), whoId)));
  expect(Object.fromEntries(controls.map((c, i) => [c, states[i]]))).toEqual(Object.fromEntries(controls.map((c) => [c, { disabled: true, visible: true, describedByWho: true }])));
}

/** The same controls for a user with the role: enabled, and the who-may line hidden. */
export async function expectEnabled(f: Frame, controls: readonly string[], who: string): Promise<void> {
  await expect(f.locator(who).isVisible()).resolves.toBe(false);
  const disabled = await Promise.all(controls.map((sel) => f.locator(sel).first().isDisabled()));
  expect(Object.fromEntries(controls.map((c, i) => [c, disabled[i]]))).toEqual(Object.fromEntries(controls.map((c) => [c, false])));
}
