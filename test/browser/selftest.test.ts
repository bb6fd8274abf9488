/**
 * Självtest av installationen in Chromium in the sandbox (the 300 px
 * sidebar): the owner sees every check with its status in words, the signed
 * link to the web app's own checks is a real link with an accessible name
 * that the keyboard reaches, and it opens the web app's page; someone who is
 * not an administrator is refused with the reason. axe clean in each state.
 */
jest.setTimeout(180_000);
import type { Frame } from 'playwright-core';
import { expectAxeClean, menuClick, openSandbox, screenshot, sidebarFrame, type Session } from '../support/browser';

const PL = 'projektledare@example.org'; // the file's owner, so an administrator
const STY = 'styrgrupp@example.org';
const nb = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ user: PL }); // seeded: set up, roles, example costs and guests
});
afterAll(async () => {
  await s?.close();
});

async function asUser(email: string): Promise<void> {
  await s.page.getByLabel('Användare').selectOption(email);
}

/** Opens the self-test from the menu and waits for `ready` in its new document. */
async function openSelfTest(ready: string): Promise<Frame> {
  await menuClick(s.page, 'Summit Planner', 'Självtest av installationen');
  await s.page.locator('#sidebar-title', { hasText: 'Självtest av installationen' }).waitFor();
  const f = await sidebarFrame(s.page);
  await f.locator(ready).first().waitFor({ state: 'attached', timeout: 30_000 });
  return f;
}

/** Tabs forward from the top of the frame until `target` has focus (keyboard reachability); false if never. */
async function tabTo(f: Frame, target: string, max = 40): Promise<boolean> {
  await f.locator('#title').evaluate((el) => { el.setAttribute('tabindex', '-1'); (el as HTMLElement).focus(); });
  for (let i = 0; i < max; i++) {
    await s.page.keyboard.press('Tab');
    if (await f.evaluate((sel) => document.activeElement === document.querySelector(sel), target)) return true;
  }
  return false;
}

test('the owner: every check with its status in words, the link to the web app\'s checks reachable by keyboard', async () => {
  await asUser(PL);
  const f = await openSelfTest('#content[aria-busy="false"] li.check');
  await expect(f.locator('#who').textContent()).resolves.toBe(`Inloggad som ${PL} (administratör)`);
  const checks = f.locator('li.check');
  expect(await checks.count()).toBe(10);
  expect(nb(await checks.first().locator('h2').textContent())).toMatch(/^(OK|Inte OK) 1\. Tidszon$/);
  expect(nb(await f.locator('li[data-id="owner"] h2').textContent())).toBe('Info 10. Ägare');
  await expect(f.locator('li[data-id="owner"]').textContent()).resolves.toContain(`Arbetsbokens ägare: ${PL}.`);
  await expect(f.locator('#status').textContent()).resolves.toBe('Självtestet är klart.');
  expect(nb(await f.locator('#summary').textContent())).toMatch(/^(Alla 8 kontroller är OK|\d kontroll(er)? är inte OK, \d är OK); 2 punkter är information\.$/);
  await expectAxeClean(f, 'self-test (owner)');
  await screenshot(s.page, 'selftest-sidebar');

  const link = f.getByRole('link', { name: 'Öppna webbappens självtest (öppnas i en ny flik)', exact: true });
  expect(await link.count()).toBe(1);
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(new RegExp(`^${s.sandbox.url.replace(/[.]/g, '\\.')}exec\\?selftest=\\d+&w=[\\w-]{16}&t=[\\w-]{43}&lang=sv$`));
  await expect(link.getAttribute('target')).resolves.toBe('_blank');
  await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
  expect(await tabTo(f, '#webapp-link')).toBe(true);

  // The link opens the web app's own page: each of its checks, no personal data, axe clean.
  const tab = await s.context.newPage();
  try {
    await tab.goto(href);
    const frame = await (await tab.waitForSelector('#webapp-frame')).contentFrame();
    await frame!.locator('main li').first().waitFor();
    const items = (await frame!.locator('main li').allTextContents()).map(nb);
    expect(items).toEqual([
      'OK: Webbappen öppnar arbetsboken', 'OK: Bladen Gäster och Logg kan läsas', 'OK: Loggens ankare finns för arbetsboken',
      'OK: Skriptlåset kan tas', 'OK: Kontot som webbappen körs som får ändra Gäster och Logg',
    ]);
    await expect(frame!.locator('body').textContent()).resolves.not.toMatch(/@/);
    await expectAxeClean(frame!, 'self-test (web app page)');
  } finally {
    await tab.close();
  }
});

test('a steering-group member who is not an administrator is refused with who may run it', async () => {
  await asUser(STY);
  try {
    const f = await openSelfTest('#status.status-error');
    expect(nb(await f.locator('#status').textContent())).toBe('Du saknar behörighet: bara kalkylarkets ägare och administratörerna på bladet Inställningar får göra detta.');
    expect(await f.locator('li.check').count()).toBe(0);
    expect(await f.getByRole('link').count()).toBe(0);
    await expectAxeClean(f, 'self-test (refused)');
  } finally {
    await asUser(PL);
  }
});

test('in English: the texts, and the link asks the web app for its English page', async () => {
  await s.page.getByLabel('Språk').selectOption('en');
  try {
    await menuClick(s.page, 'Summit Planner', 'Installation self-test'); // the menu follows the language too
    await s.page.locator('#sidebar-title', { hasText: 'Installation self-test' }).waitFor();
    const f = await sidebarFrame(s.page);
    await f.locator('#content[aria-busy="false"] li.check').first().waitFor({ timeout: 30_000 });
    expect(nb(await f.locator('li[data-id="owner"] h2').textContent())).toBe('Info 10. Owner');
    await expect(f.locator('li[data-id="owner"]').textContent()).resolves.toContain(`The workbook's owner: ${PL}.`);
    const link = f.getByRole('link', { name: 'Open the web app\'s self-test (opens in a new tab)', exact: true });
    await expect(link.getAttribute('href')).resolves.toMatch(/&t=[\w-]{43}&lang=en$/);
    await expectAxeClean(f, 'self-test (English)');
  } finally {
    await s.page.getByLabel('Språk').selectOption('sv_SE');
  }
});
