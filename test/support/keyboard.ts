/**
 * Keyboard reachability in a sidebar, counted by pressing Tab in Chromium: how many presses from the
 * top of the sidebar (its h1) each action is, directly or through a skip link.
 *
 * One walk answers for every target: which element a Tab press focuses depends on the tab order and
 * where the focus was, not on which target the test looks for, so walking once and noting after each
 * press which targets have the focus finds the same press counts as a walk per target did (and the
 * budget tests' exact counts say so). A walk per target cost the keyboard test most of its 21 CPU-s:
 * every press and every look at the focus is a round trip to Chromium.
 */
import type { Frame, Page } from 'playwright-core';

/** Puts the focus on the sidebar's h1 (focusable by script only), the top every count starts from. */
export const focusTop = (f: Frame): Promise<void> => f.locator('#title').evaluate((el) => {
  el.setAttribute('tabindex', '-1');
  (el as HTMLElement).focus();
});

/** Which of `sels` has the focus, and the skip link (data-skip) that has it, if one has. */
const focusOf = (f: Frame, sels: readonly string[]): Promise<{ hit: boolean[]; skip: string | null }> => f.evaluate((ss) => {
  const a = document.activeElement;
  return { hit: ss.map((s) => a !== null && a === document.querySelector(s)), skip: a?.getAttribute('data-skip') ?? null };
}, sels);

/**
 * Presses Tab up to `max` times from where the focus is; after each press notes which targets have the
 * focus. Returns each target's first press (1-based; 0 when it had the focus before the first press
 * and `atStart` is true), or null; and the skip links focused on the way (press, data-skip). Stops
 * once every target has been found when `untilAllFound` (the skip links after that are not needed).
 */
export async function tabWalk(page: Page, f: Frame, targets: readonly string[], max: number, opts: { atStart?: boolean; untilAllFound?: boolean } = {}): Promise<{ at: (number | null)[]; skips: { press: number; id: string }[] }> {
  const at: (number | null)[] = targets.map(() => null);
  const skips: { press: number; id: string }[] = [];
  const note = (hit: boolean[], press: number) => hit.forEach((h, j) => { if (h && at[j] === null) at[j] = press; });
  if (opts.atStart) note((await focusOf(f, targets)).hit, 0);
  for (let i = 1; i <= max; i++) {
    if ((opts.untilAllFound ?? true) && at.every((x) => x !== null)) break;
    await page.keyboard.press('Tab');
    const { hit, skip } = await focusOf(f, targets);
    note(hit, i);
    if (skip !== null) skips.push({ press: i, id: skip });
  }
  return { at, skips };
}

/**
 * How each target is reached from the top of the sidebar with at most `max` Tab presses: directly
 * ("n"), or through a skip link within `max` presses, Enter, then at most `max` more ("skip:<id>+n",
 * "+0" when the link leads to the action itself; the first skip link that leads to it); null when it
 * isn't.
 */
export async function reachAll(page: Page, f: Frame, targets: readonly string[], max = 10): Promise<Record<string, string | null>> {
  const ways: Record<string, string | null> = Object.fromEntries(targets.map((t) => [t, null]));
  await focusTop(f);
  // The whole first walk when a target is missing: its skip links are the other ways in.
  const direct = await tabWalk(page, f, targets, max);
  direct.at.forEach((n, j) => { if (n !== null) ways[targets[j]] = String(n); });
  for (const link of direct.skips) {
    const left = targets.filter((t) => ways[t] === null);
    if (!left.length) break;
    await focusTop(f);
    for (let i = 0; i < link.press; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const via = await tabWalk(page, f, left, max, { atStart: true });
    via.at.forEach((n, j) => { if (n !== null) ways[left[j]] = `skip:${link.id}+${n}`; });
  }
  return ways;
}

/** Each target's press count from the top of the sidebar, Tab only, at most `max` presses; null if not reached. */
export async function tabsFromTop(page: Page, f: Frame, targets: readonly string[], max = 10): Promise<Record<string, number | null>> {
  await focusTop(f);
  const { at } = await tabWalk(page, f, targets, max);
  return Object.fromEntries(targets.map((t, j) => [t, at[j]]));
}
