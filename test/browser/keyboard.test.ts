/**
 * Keyboard (issue 9): in every sidebar, as the role that uses it (README: who uses which menu item),
 * every action — each enabled button, link and disclosure the sidebar shows once loaded — is reached
 * from the top of the sidebar in at most 10 Tab presses, or through a skip link (at most 10 presses to
 * the link, Enter, at most 10 more). Counted by pressing Tab in Chromium at 300 px (support/keyboard.ts reachAll: one walk
 * for all of a sidebar's actions).
 */
jest.setTimeout(240_000);
import type { Frame } from 'playwright-core';
import { menuClick, openSandbox, sidebarFrame, type Session } from '../support/browser';
import { reachAll } from '../support/keyboard';

const PL = 'projektledare@example.org';
const STY = 'styrgrupp@example.org';
const EKO = 'ekonomi@example.org';
const NOBODY = 'okand@example.org';

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ user: PL });
});
afterAll(async () => {
  await s?.close();
});

/** Marks each action the loaded sidebar offers (data-kbd="n") and names it for the report. */
async function actions(f: Frame): Promise<{ sel: string; name: string }[]> {
  return f.evaluate(() => {
    const all = [...document.querySelectorAll<HTMLElement>('button, a[href], summary, input[type=submit], [role=button]')]
      .filter((el) => !(el as HTMLButtonElement).disabled && !el.hasAttribute('data-skip') && el.checkVisibility()); // not inside a closed disclosure: its summary is the action
    return all.map((el, i) => {
      el.setAttribute('data-kbd', String(i));
      return { sel: `[data-kbd="${i}"]`, name: `${el.tagName.toLowerCase()}#${el.id || ''} "${(el.textContent ?? '').trim().slice(0, 40)}"` };
    });
  });
}

const SIDEBARS: readonly (readonly [item: string, user: string, ready: string])[] = [
  ['Budgetöversikt', NOBODY, 'table, #funders, .funder'],
  ['Kostnader', EKO, '#cost-list .pick-item'],
  ['Fördela budget', STY, '#alloc-3'],
  ['Gäster', PL, '#guest-list'],
  ['Gäster', STY, '#guest-list'],
  ['Inbjudningar', PL, '#state[aria-busy="false"] #state-slots'],
  ['Skicka påminnelse', PL, 'main [aria-busy="false"]'],
  ['Program', PL, 'main [aria-busy="false"]'],
  ['Program', STY, 'main [aria-busy="false"]'],
  ['Beslut', STY, 'main [aria-busy="false"]'],
  ['Granska ändringar', PL, 'main [aria-busy="false"]'],
  ['Inställningar och roller', PL, 'form, main [aria-busy="false"]'],
  ['Självtest av installationen', PL, 'main [aria-busy="false"]'],
];

test.each(SIDEBARS)('%s (%s): every action within 10 Tab presses of the top or of a skip link', async (item, user, ready) => {
  await s.page.getByLabel('Användare').selectOption(user);
  await menuClick(s.page, 'Summit Planner', item);
  const f = await sidebarFrame(s.page);
  await f.locator(ready).first().waitFor({ state: 'attached', timeout: 30_000 });
  await f.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
  const found = await actions(f);
  expect(found.length).toBeGreaterThan(0);
  const ways = await reachAll(s.page, f, found.map((a) => a.sel));
  expect(found.filter((a) => ways[a.sel] === null).map((a) => a.name)).toEqual([]);
});
