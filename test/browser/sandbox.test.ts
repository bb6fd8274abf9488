/** The sandbox page itself: sheets, menu, user switcher, cell edits, paste, row deletion, versions, outbox; axe clean. */
jest.setTimeout(60_000); // the browser project's testTimeout is not applied per project
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startSandbox } from '../../src/sandbox/server';
import { expectAxeClean, menuClick, openSandbox, screenshot, type Session } from '../support/browser';

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ seed: false, versions: true }); // Versionshistorik is tested below
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

test('switching user closes the open sidebar: it would show the old user and act as the new one', async () => {
  const { page } = s;
  await menuClick(page, 'Summit Planner', 'Budgetöversikt');
  await page.locator('#sidebar-title', { hasText: 'Budgetöversikt' }).waitFor();
  await expect(page.locator('#sidebar').isHidden()).resolves.toBe(false);
  await page.getByLabel('Användare').selectOption('ekonomi@example.org');
  await expect(page.locator('#sidebar').isHidden()).resolves.toBe(true);
  await page.getByText(/Du är nu ekonomi@example\.org\. .*det öppna sidofältet stängdes/).waitFor();
  await page.getByLabel('Användare').selectOption('projektledare@example.org');
  while ((await page.locator('#messages button').count()) > 0) await page.locator('#messages button').first().click();
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

// https://developers.google.com/apps-script/guides/triggers/events#edit and tanaikech/GetEditType:
// a paste into one cell fires onEdit with neither value nor oldValue, so the page must send it as a paste.
test('pasting one value into one cell is sent as a paste, not as typing', async () => {
  const { page } = s;
  const spy = jest.spyOn(s.sandbox.emulator, 'fireEdit');
  try {
    await page.locator('#grid td[data-r="9"][data-c="0"]').click();
    await page.evaluate(() => {
      const dt = new DataTransfer();
      dt.setData('text/plain', 'inklistrad (exempel)');
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForFunction(() => document.querySelector('#grid td[data-r="9"][data-c="0"]')?.textContent === 'inklistrad (exempel)');
    expect(spy.mock.calls.map((c) => c[1].kind)).toEqual(['paste']);
  } finally {
    spy.mockRestore();
  }
});

test('deleting the selected row with the row buttons shifts the rows up and runs no onEdit', async () => {
  const { page } = s;
  const emu = s.sandbox.emulator;
  const spy = jest.spyOn(emu, 'runExecution');
  try {
    const before = emu.sheetValues('Blad1');
    await page.locator('#grid td[data-r="6"][data-c="1"]').click(); // row 7: "a (exempel)"
    const del = page.getByRole('button', { name: 'Ta bort rad 7' });
    await expect(del.isVisible()).resolves.toBe(true);
    await del.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#grid td[data-r="6"][data-c="2"]')?.textContent === '2');
    expect(emu.sheetValues('Blad1')[6]).toEqual(before[7]);
    expect(spy).not.toHaveBeenCalled(); // no onEdit, no installable trigger: nothing ran
    await expectAxeClean(page, 'sandbox page after a row deletion');
  } finally {
    spy.mockRestore();
  }
});

test("a protected row can't be deleted by someone the protection doesn't list: the reason is shown", async () => {
  const { page } = s;
  const emu = s.sandbox.emulator;
  // The owner (projektledare) protects row 1 for themself only, the reference's recipe.
  const r = emu.runExecution(`function p() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Blad1');
    var p = sh.getRange('A1:Z1').protect().setDescription('Rubrikrad (exempel)'); p.removeEditors(p.getEditors()); }`, 'p');
  expect(r.ok).toBe(true);
  await page.getByLabel('Användare').selectOption('ekonomi@example.org');
  await page.locator('#grid td[data-r="0"][data-c="0"]').click();
  const rows = emu.sheetValues('Blad1').length;
  await page.getByRole('button', { name: 'Ta bort rad 1' }).click();
  await page.getByRole('alert').getByText(/Ändringen avvisades: protected: Rubrikrad \(exempel\)/).waitFor();
  expect(emu.sheetValues('Blad1')).toHaveLength(rows);
  await page.getByLabel('Användare').selectOption('projektledare@example.org');
  for (const b of await page.locator('#errors button').all()) await b.click();
});

test('an earlier version can be restored from the version history, keyboard only', async () => {
  const { page } = s;
  const emu = s.sandbox.emulator;
  const deleted = emu.sheetValues('Blad1');
  await page.getByRole('button', { name: 'Versionshistorik' }).click();
  const restore = page.getByRole('button', { name: /^Återställ versionen från/ }).first();
  await restore.waitFor();
  await expect(page.getByRole('list', { name: /Sparade versioner/ }).getByText(/Före: Raderade 1 rad\(er\) från rad 7 i Blad1/).first().isVisible()).resolves.toBe(true);
  await expectAxeClean(page, 'version history view');
  await restore.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /är återställd/.test(document.querySelector('#messages')?.textContent ?? ''));
  const restored = emu.sheetValues('Blad1');
  expect(restored).toHaveLength(deleted.length + 1); // the deleted row is back
  expect([restored[6][1], restored[6][2]]).toEqual(['a (exempel)', 'b (exempel)']);
  await page.getByRole('button', { name: 'Kalkylblad' }).click();
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

test('the grid is computed once per content, and any write to the workbook shows at the next look', async () => {
  // The server keeps the last grid it computed (the page asks after every sidebar call); a write that
  // bypasses the add-on, as the Sheets API or a restored version makes it, must still show.
  const { sandbox } = s;
  const state = async (sheet: string) => {
    const r = await fetch(`${sandbox.url}api/state?${new URLSearchParams({ sheet, user: 'projektledare@example.org', locale: 'sv' })}`);
    return (await r.json()) as { sheet: string; grid: { rows: { d: string }[][] } };
  };
  const ss = sandbox.emulator.state.spreadsheet;
  const [first, second] = ss.sheets;
  const before = await state(first.name);
  await expect(state(first.name)).resolves.toEqual(before);
  first.rows[40] = [{ v: 'skrivet förbi tillägget' }];
  const after = await state(first.name);
  expect(after.grid.rows[40]?.[0]?.d).toBe('skrivet förbi tillägget');
  if (second) await expect(state(second.name)).resolves.toMatchObject({ sheet: second.name });
  first.rows[40] = null;
  expect((await state(first.name)).grid.rows[40]?.[0]?.d ?? '').toBe('');
});
