/**
 * Gäster and Inbjudningar in the sandbox, in Chromium: the project leader
 * pastes guests (one with a script tag in the name), the steering group
 * approves them, the project leader previews (the tag shows as text), sends a
 * test, sends for real with the progress bar, and sees the statuses and the
 * outbox. axe-clean page and sidebars.
 */
jest.setTimeout(120_000);
import type { Frame } from 'playwright-core';
import { expectAxeClean, menuClick, openSandbox, screenshot, sidebarFrame, type Session } from '../support/browser';

const PL = 'projektledare@example.org';
const STY = 'styrgrupp@example.org';
const HOSTILE = '<script>window.pwned=1</script>"Ö\'';

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ user: PL }); // seeded: roles, six example guests (four approved)
});
afterAll(async () => {
  await s?.close();
});

async function asUser(email: string): Promise<void> {
  await s.page.getByLabel('Användare').selectOption(email);
}

async function openGuests(): Promise<Frame> {
  await menuClick(s.page, 'Summit Planner', 'Gäster');
  const f = await sidebarFrame(s.page);
  await f.locator('#guest-list').waitFor({ timeout: 15_000 });
  return f;
}

test('the project leader imports pasted rows: preview with per-row errors, then the valid rows', async () => {
  await asUser(PL);
  const f = await openGuests();
  await expect(f.locator('#cap-text').textContent()).resolves.toMatch(/4 av 30/);
  await f.locator('#import-details summary').click();
  await f.getByLabel(/Klistra in rader/).fill([
    'Förnamn\tEfternamn\tE-post\tSpråk',
    `${HOSTILE}\tTestsson (exempel)\thostile@example.org\tsv`,
    'Berit (exempel)\tÅberg\tberit@example.org\ten',
    'Fel (exempel)\tAdress\tinte-en-adress\tsv',
    'Dubbel (exempel)\tAdress\tBERIT@example.org\ten',
  ].join('\n'));
  await f.getByRole('button', { name: 'Förhandsgranska' }).click();
  await f.locator('#import-result').getByText('2 giltiga, 2 med fel.').waitFor();
  expect(await f.locator('#import-result .errors li').count()).toBeGreaterThanOrEqual(2);
  await expectAxeClean(f, 'guests sidebar (import preview)');
  await f.getByRole('button', { name: 'Importera 2 giltiga rader' }).click();
  await f.locator('#status').getByText('2 gäster importerade som förslag.').waitFor();
  await f.getByText(HOSTILE).first().waitFor(); // as text, not markup
  expect(await f.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  const ids = s.sandbox.emulator.sheetValues('Gäster').map((r) => r[1]);
  expect(ids).toContain(HOSTILE);
});

test('the steering group approves the new guests', async () => {
  await asUser(STY);
  const f = await openGuests();
  await f.getByRole('checkbox', { name: `Markera ${HOSTILE} Testsson (exempel)` }).check();
  await f.getByRole('checkbox', { name: 'Markera Berit (exempel) Åberg' }).check();
  await f.getByRole('button', { name: 'Godkänn markerade' }).click();
  await f.locator('#status').getByText('2 godkända.').waitFor();
  await expect(f.locator('#cap-text').textContent()).resolves.toMatch(/6 av 30/);
  await expectAxeClean(f, 'guests sidebar (steering group)');
  await screenshot(s.page, 'invitations-guests');
});

test('the project leader previews (script tag as text, sandboxed frame), sends a test, then sends with the progress bar', async () => {
  await asUser(PL);
  await menuClick(s.page, 'Summit Planner', 'Inbjudningar');
  const f = await sidebarFrame(s.page);
  const select = f.getByLabel('Gäst att förhandsgranska');
  await select.waitFor();
  const value = await f.locator('#guest option', { hasText: 'Testsson' }).getAttribute('value');
  await select.selectOption(value!);
  await f.locator('#mail-subject').waitFor();
  const frame = f.locator('#mail-frame');
  await expect(frame.getAttribute('sandbox')).resolves.toBe('');
  const inner = await (await frame.elementHandle())!.contentFrame();
  await inner!.getByText(HOSTILE, { exact: false }).first().waitFor();
  expect(await inner!.locator('script').count()).toBe(0);
  await expect(f.locator('#mail-text').textContent()).resolves.toContain(HOSTILE);
  await expectAxeClean(f, 'invitations sidebar (preview)');

  await f.getByRole('button', { name: 'Skicka test till mig' }).click();
  await f.locator('#status').getByText(`Testet är skickat till ${PL}.`).waitFor();
  expect(s.sandbox.emulator.outbox().filter((o) => o.to[0] === PL && /^\[TEST\]/.test(o.subject))).toHaveLength(1);

  await f.getByRole('button', { name: 'Skicka inbjudningar …' }).click();
  await f.locator('#confirm').waitFor();
  await expect(f.locator('#sender').textContent()).resolves.toContain(PL);
  expect(await f.locator('#recipients li').count()).toBe(6);
  await expectAxeClean(f, 'invitations sidebar (confirm)');
  await f.getByRole('button', { name: 'Skicka nu' }).click();
  await f.getByRole('progressbar', { name: 'Utskick' }).waitFor();
  await f.locator('#summary').waitFor({ timeout: 30_000 });
  await expect(f.locator('#progress-text').textContent()).resolves.toBe('6 av 6 skickade');
  await expect(f.locator('#summary').textContent()).resolves.toContain('Skickade: 6');
  await expectAxeClean(f, 'invitations sidebar (summary)');
  await expectAxeClean(s.page, 'sandbox page with the invitations sidebar');
  await screenshot(s.page, 'invitations-sent');

  const outbox = s.sandbox.emulator.outbox().filter((o) => !/^\[TEST\]/.test(o.subject));
  expect(outbox).toHaveLength(6);
  expect(new Set(outbox.map((o) => o.to[0])).size).toBe(6);
});

test('the statuses show in Gäster and the outbox view lists the invitations', async () => {
  const f = await openGuests();
  await expect(f.locator('.badge', { hasText: 'Inbjuden' }).count()).resolves.toBe(6);
  await s.page.getByRole('button', { name: /^Utkorg/ }).click();
  await s.page.waitForSelector('#outbox-list li');
  await s.page.getByText(/Inbjudan till Public Services Summit 2009/).first().waitFor();
  await expectAxeClean(s.page, 'outbox view after the send');
  await screenshot(s.page, 'invitations-outbox');
});
