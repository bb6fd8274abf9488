/** The sandbox page itself: sheets, menu, user switcher, cell edits, paste, outbox; axe clean. */
jest.setTimeout(60_000); // the browser project's testTimeout is not applied per project
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../../src/sandbox/server';
import { expectAxeClean, openSandbox, screenshot, type Session } from '../support/browser';

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ seed: false });
});
afterAll(async () => {
  await s?.close();
});

test('loads with the spreadsheet, its sheet tabs and the add-on menu', async () => {
  const { page } = s;
  await expect(page.locator('#ss-name').textContent()).resolves.toBeTruthy();
  const tabs = page.getByRole('tab');
  expect(await tabs.count()).toBeGreaterThanOrEqual(1);
  expect(await page.getByRole('tab', { selected: true }).count()).toBe(1);
  await expect(page.getByRole('button', { name: 'Summit Planner', exact: true }).isVisible()).resolves.toBe(true);
  await expect(page.getByRole('grid').isVisible()).resolves.toBe(true);
  await expectAxeClean(page, 'sandbox page');
});

test('the menu opens with the keyboard and lists the add-on items', async () => {
  const { page } = s;
  const btn = page.getByRole('button', { name: 'Summit Planner', exact: true });
  await btn.focus();
  await page.keyboard.press('ArrowDown');
  await expect(btn.getAttribute('aria-expanded')).resolves.toBe('true');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
  expect(focused).toBe('menuitem');
  expect(await page.getByRole('menuitem').allTextContents()).toEqual(expect.arrayContaining(['Konfigurera arbetsboken']));
  await expectAxeClean(page, 'sandbox page with open menu');
  await page.keyboard.press('Escape');
  await expect(btn.getAttribute('aria-expanded')).resolves.toBe('false');
});

test('the user switcher is remembered across reloads', async () => {
  const { page } = s;
  await page.getByLabel('Användare').selectOption('ekonomi@example.org');
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await expect(page.getByLabel('Användare').inputValue()).resolves.toBe('ekonomi@example.org');
  await page.getByLabel('Användare').selectOption('projektledare@example.org');
});

test('editing a cell (Enter, type, Enter) writes it through fireEdit', async () => {
  const { page } = s;
  await page.getByRole('tab', { name: 'Blad1' }).click();
  const a1 = page.locator('#grid td[data-r="4"][data-c="0"]');
  await a1.click();
  await page.keyboard.press('Enter');
  const input = page.getByLabel('Redigera cell A5');
  await input.fill('Testvärde (exempel)');
  await input.press('Enter');
  await page.waitForFunction(() => document.querySelector('#grid td[data-r="4"][data-c="0"]')?.textContent === 'Testvärde (exempel)');
  // Focus moved down, like Sheets.
  await expect(page.evaluate(() => (document.activeElement as HTMLElement).dataset.r)).resolves.toBe('5');
  const values = s.sandbox.emulator.sheetValues('Blad1');
  expect(values[4][0]).toBe('Testvärde (exempel)');
});

test('pasting a TSV block into a cell is one multi-cell edit', async () => {
  const { page } = s;
  await page.locator('#grid td[data-r="6"][data-c="1"]').click();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData('text/plain', 'a (exempel)\tb (exempel)\r\n1\t2\r\n');
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('#grid td[data-r="7"][data-c="2"]')?.textContent === '2');
  const v = s.sandbox.emulator.sheetValues('Blad1');
  expect([v[6][1], v[6][2], v[7][1], v[7][2]]).toEqual(['a (exempel)', 'b (exempel)', 1, 2]);
});

test('the outbox view opens and is accessible', async () => {
  const { page } = s;
  await page.getByRole('button', { name: /^Utkorg/ }).click();
  await page.waitForSelector('#outbox-list li');
  await expect(page.getByRole('heading', { name: /Utkorg/ }).isVisible()).resolves.toBe(true);
  await expectAxeClean(page, 'outbox view');
  await screenshot(page, 'sandbox-outbox');
  await page.getByRole('button', { name: 'Kalkylblad' }).click();
});

test('a corrupted workbook.json stops the sandbox with a reset hint; reset starts afresh', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sp-corrupt-'));
  fs.writeFileSync(path.join(dir, 'workbook.json'), '{"version": 1, "spre');
  await expect(startSandbox({ port: 0, dataDir: dir, quiet: true })).rejects.toThrow(/npm start -- --reset/);
  const sb = await startSandbox({ port: 0, dataDir: dir, quiet: true, reset: true, seed: false });
  await sb.close();
  expect(JSON.parse(fs.readFileSync(path.join(dir, 'workbook.json'), 'utf8')).version).toBe(1);
  fs.rmSync(dir, { recursive: true, force: true });
});
