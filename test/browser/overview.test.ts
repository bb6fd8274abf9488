/** Set-up and the budget overview sidebar, end to end in the sandbox, axe clean. */
jest.setTimeout(60_000); // the browser project's testTimeout is not applied per project
import { expectAxeClean, menuClick, openSandbox, screenshot, sidebarFrame, type Session } from '../support/browser';

const FUNDERS = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'];

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ seed: false, user: 'projektledare@example.org' });
});
afterAll(async () => {
  await s?.close();
});

test('"Konfigurera arbetsboken" from the menu creates the sheets and says so', async () => {
  const { page } = s;
  await menuClick(page, 'Summit Planner', 'Konfigurera arbetsboken');
  await page.getByRole('tab', { name: 'Budget', exact: true }).waitFor();
  const tabs = await page.getByRole('tab').allTextContents();
  expect(tabs).toEqual(expect.arrayContaining(['Översikt', 'Budget', 'Kostnader', 'Gäster', 'Inställningar', 'Logg']));
  await page.locator('.toast', { hasText: /konfigurerad/i }).waitFor({ timeout: 10_000 });
  expect(await page.locator('#errors .msg').count()).toBe(0);
  expect(await page.locator('#messages .msg').allTextContents()).toEqual([]);
});

test('the overview sidebar shows every funder with a labelled progress bar', async () => {
  const { page } = s;
  await menuClick(page, 'Summit Planner', 'Budgetöversikt');
  const frame = await sidebarFrame(page);
  await expect(page.locator('#sidebar-title').textContent()).resolves.toBe('Budgetöversikt');
  for (const f of FUNDERS) await frame.getByText(f, { exact: false }).first().waitFor({ timeout: 10_000 });
  const bars = frame.locator('[role="progressbar"], progress');
  await bars.first().waitFor();
  expect(await bars.count()).toBeGreaterThanOrEqual(FUNDERS.length);
  const names = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? (e.getAttribute('aria-labelledby') ? 'labelledby' : (e as HTMLProgressElement).labels?.length ? 'label' : '')));
  expect(names.every((n) => n)).toBe(true);
  await frame.getByText(/kr/).first().waitFor();
  await expectAxeClean(page, 'sandbox page with sidebar');
  await expectAxeClean(frame, 'overview sidebar');
  await screenshot(page, 'sandbox-overview');
});

test('google.script.host.close() from the sidebar closes the panel', async () => {
  const { page } = s;
  const frame = await sidebarFrame(page);
  await frame.evaluate(() => (window as unknown as { google: { script: { host: { close(): void } } } }).google.script.host.close());
  await page.waitForSelector('#sidebar', { state: 'hidden' });
});
