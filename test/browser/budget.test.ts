/** Budget control in the sandbox (issue 3): the Kostnader sidebar, Översikt, a direct edit; axe clean. */
jest.setTimeout(90_000);
import { CODE } from '../support/bundle';
import { expectAxeClean, menuClick, openSandbox, screenshot, sidebarFrame, type Session } from '../support/browser';

const EKO = 'ekonomi@example.org';
const nb = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ user: EKO }); // seeded: example costs, STOKAB has 147 500 kr left
});
afterAll(async () => {
  await s?.close();
});

const stokabRow = () => s.sandbox.emulator.sheetValues('Översikt').find((r) => r[0] === 'STOKAB')!;

test('register a cost with the keyboard; the live figures, the saved message and Översikt follow', async () => {
  const { page } = s;
  const before = Number(stokabRow()[5]);
  await menuClick(page, 'Summit Planner', 'Kostnader');
  const frame = await sidebarFrame(page);
  await expect(page.locator('#sidebar-title').textContent()).resolves.toBe('Kostnader');
  await frame.locator('#funder option[value="STOKAB"]').waitFor({ state: 'attached' });

  await frame.focus('#funder');
  await frame.selectOption('#funder', 'STOKAB');
  await frame.locator('#live', { hasText: 'STOKAB har' }).waitFor();
  await frame.focus('#category');
  await frame.selectOption('#category', 'kommunikation');
  await frame.focus('#description');
  await page.keyboard.type('Affischer (exempel)');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2 500,50');
  expect(nb(await frame.locator('#live').textContent())).toBe('STOKAB har 147 500,00 kr kvar. Kvar efter kostnaden: 144 999,50 kr.');
  await frame.focus('#register-btn');
  await page.keyboard.press('Enter');
  await frame.locator('#status', { hasText: 'är registrerad på STOKAB' }).waitFor({ timeout: 15_000 });
  expect(nb(await frame.locator('#status').textContent())).toMatch(/^Kostnaden K-\d{4} \(2 500,50 kr\) är registrerad på STOKAB\. Kvar: 144 999,50 kr\.$/);
  await expect(frame.locator('#amount').inputValue()).resolves.toBe('');
  await expect(frame.locator('#description').inputValue()).resolves.toBe('');
  expect(Number(stokabRow()[5])).toBeCloseTo(before + 2500.5, 2);

  // Översikt (formulas) shows it without any script run.
  await page.getByRole('tab', { name: 'Översikt', exact: true }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('#grid td')].some((td) => td.textContent?.replace(/\s/g, '') === '144999,50kr'));

  await expectAxeClean(page, 'sandbox with the Kostnader sidebar');
  await expectAxeClean(frame, 'Kostnader sidebar');
  await screenshot(page, 'sandbox-costs');
});

test('an overspend is refused: in the form at once, and by the server when the figures changed meanwhile', async () => {
  const { page } = s;
  const frame = await sidebarFrame(page);
  await frame.selectOption('#funder', 'STOKAB');
  await frame.selectOption('#category', 'övrigt');
  await frame.fill('#description', 'För dyrt (exempel)');
  await frame.fill('#amount', '200 000');
  await frame.locator('#live.bad', { hasText: 'ryms inte' }).waitFor();
  await frame.click('#register-btn');
  await expect(frame.locator('#amount').getAttribute('aria-invalid')).resolves.toBe('true');
  expect(nb(await frame.locator('#amount-err').textContent())).toBe('Kostnaden ryms inte: STOKAB har 144 999,50 kr kvar.');
  await expect(frame.evaluate(() => document.activeElement?.id)).resolves.toBe('amount');

  // A colleague spends 100 000 kr of STOKAB in the meantime: the form's figure is stale, the server refuses.
  const other = s.sandbox.emulator.runExecution(CODE, 'recordCost', [{ funder: 'STOKAB', category: 'övrigt', description: 'Kollegans kostnad (exempel)', amount: '100 000', date: '2009-11-02' }], { authMode: 'FULL', user: EKO });
  expect((other.result as { ok: boolean }).ok).toBe(true);
  await frame.fill('#amount', '50 000');
  await frame.click('#register-btn');
  await frame.locator('#alert', { hasText: 'ryms inte' }).waitFor({ timeout: 15_000 });
  expect(nb(await frame.locator('#alert').textContent())).toBe('Kostnaden ryms inte: STOKAB har 44 999,50 kr kvar, kostnaden är 50 000,00 kr.');
  await expectAxeClean(frame, 'Kostnader sidebar with errors');
});

test('a direct edit in Kostnader that would overspend is reverted with a toast', async () => {
  const { page } = s;
  await page.getByRole('tab', { name: 'Kostnader', exact: true }).click();
  const values = s.sandbox.emulator.sheetValues('Kostnader');
  const amountCol = values[0].indexOf('Belopp');
  const r = values.findIndex((row) => row[4] === 'Affischer (exempel)');
  const cell = page.locator(`#grid td[data-r="${r}"][data-c="${amountCol}"]`);
  await cell.click();
  await page.keyboard.press('Enter');
  const input = page.getByLabel(/Redigera cell/);
  await input.fill('999999');
  await input.press('Enter');
  await page.locator('.toast', { hasText: /gjordes ogjord/ }).waitFor({ timeout: 15_000 });
  expect(s.sandbox.emulator.sheetValues('Kostnader')[r][amountCol]).toBe(2500.5);
  await page.waitForFunction(([rr, cc]) => document.querySelector(`#grid td[data-r="${rr}"][data-c="${cc}"]`)?.textContent?.replace(/\s/g, '') === '2500,50kr', [r, amountCol]);
  await expectAxeClean(page, 'sandbox after a reverted edit');
  await screenshot(page, 'sandbox-costs-reverted');
});

test('the Fördela budget sidebar is accessible and shows the live sum', async () => {
  const { page } = s;
  await menuClick(page, 'Summit Planner', 'Fördela budget');
  const frame = await sidebarFrame(page);
  await frame.locator('#alloc-0').waitFor();
  expect(nb(await frame.locator('#sum').textContent())).toBe('Fördelat: 800 000,00 kr av 800 000,00 kr.');
  await frame.fill('#alloc-0', '1');
  await frame.locator('#sum.bad', { hasText: 'kvar att fördela' }).waitFor();
  await expectAxeClean(frame, 'Fördela budget sidebar');
});
