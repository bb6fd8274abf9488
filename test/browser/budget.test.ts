/**
 * Budget control in the sandbox (issues 3 and 9): the Kostnader sidebar at 300 px — a refusal at its
 * field or beside its button, seen and focused; the figures after every reply equal the workbook's; the
 * overspend message says what is missing; crossing the warning threshold is said; a searchable cost
 * picker that fits; every action within 10 Tab presses (or a skip link); a direct edit reverted; axe clean.
 */
jest.setTimeout(90_000);
import type { Frame } from 'playwright-core';
import { formatMoney } from '../../src/core/money';
import { CODE } from '../support/bundle';
import { expectAxeClean, menuClick, openSandbox, screenshot, sidebarFrame, type Session } from '../support/browser';
import { expectDisabledSayingWho, expectEnabled, expectRefusalAt, expectRefusalBeside, krSv, nb, reachAll, workbookFunder } from '../support/budget-browser';
import { rpc } from '../support/invitations-page';

const EKO = 'ekonomi@example.org';
const STY = 'styrgrupp@example.org';
const PL = 'projektledare@example.org';
const NOBODY = 'okand@example.org';

let s: Session;
beforeAll(async () => {
  s = await openSandbox({ user: EKO }); // seeded: example costs, STOKAB has 147 500 kr left
});
afterAll(async () => {
  await s?.close();
});

const stokabRow = () => s.sandbox.emulator.sheetValues('Översikt').find((r) => r[0] === 'STOKAB')!;
/** A colleague saves a cost in the meantime (the sidebar's figures go stale). */
const colleagueSpends = (amount: string) => {
  const r = s.sandbox.emulator.runExecution(CODE, 'recordCost', [{ funder: 'STOKAB', category: 'övrigt', description: 'Kollegans kostnad (exempel)', amount, date: '2009-11-02' }], { authMode: 'FULL', user: EKO });
  expect((r.result as { ok: boolean }).ok).toBe(true);
};
const openCosts = async (): Promise<Frame> => {
  await menuClick(s.page, 'Summit Planner', 'Kostnader');
  const f = await sidebarFrame(s.page);
  await f.locator('#funder option[value="STOKAB"]').waitFor({ state: 'attached' });
  await f.locator('#cost-list .pick-item').first().waitFor({ state: 'attached' });
  return f;
};

test('register a cost with the keyboard; the live figures, the saved message and Översikt follow', async () => {
  const { page } = s;
  const before = Number(stokabRow()[5]);
  const frame = await openCosts();
  await expect(page.locator('#sidebar-title').textContent()).resolves.toBe('Kostnader');

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
  // The reply's figures are on the page at once: the live line says what the workbook says.
  expect(nb(await frame.locator('#live').textContent())).toBe(`STOKAB har ${krSv(workbookFunder(s, 'STOKAB').left)} kvar.`);

  // Översikt (formulas) shows it without any script run.
  await page.getByRole('tab', { name: 'Översikt', exact: true }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('#grid td')].some((td) => td.textContent?.replace(/\s/g, '') === '144999,50kr'));

  await expectAxeClean(page, 'sandbox with the Kostnader sidebar');
  await expectAxeClean(frame, 'Kostnader sidebar');
  await screenshot(page, 'sandbox-costs');
});

test('an overspend: in the form at once, saying what is missing once; the server\'s refusal at the amount, with the server\'s figures', async () => {
  const frame = await sidebarFrame(s.page);
  await frame.selectOption('#funder', 'STOKAB');
  await frame.selectOption('#category', 'övrigt');
  await frame.fill('#description', 'För dyrt (exempel)');
  await frame.fill('#amount', '200 000');
  await frame.locator('#live.bad', { hasText: 'ryms inte' }).waitFor();
  // The live line says what is left once, and what is missing.
  expect(nb(await frame.locator('#live').textContent())).toBe('STOKAB har 144 999,50 kr kvar. Kostnaden ryms inte: saknas 55 000,50 kr.');
  await frame.click('#register-btn');
  await expectRefusalAt(frame, '#amount', 'Kostnaden ryms inte: STOKAB har 144 999,50 kr kvar, kostnaden är 200 000,00 kr. Saknas 55 000,50 kr.');

  // A colleague spends 100 000 kr of STOKAB in the meantime: the form's figure is stale, the server refuses.
  colleagueSpends('100 000');
  await frame.fill('#amount', '50 000');
  expect(nb(await frame.locator('#live').textContent())).toBe('STOKAB har 144 999,50 kr kvar. Kvar efter kostnaden: 94 999,50 kr.'); // stale, as yet
  await frame.click('#register-btn');
  await frame.locator('#amount-err', { hasText: 'Saknas' }).waitFor({ timeout: 15_000 });
  await expectRefusalAt(frame, '#amount', 'Kostnaden ryms inte: STOKAB har 44 999,50 kr kvar, kostnaden är 50 000,00 kr. Saknas 5 000,50 kr.');
  // The refusal brought the figures: the live line now agrees with the message and with the workbook.
  const left = workbookFunder(s, 'STOKAB').left;
  expect(left).toBe(44999.5);
  expect(nb(await frame.locator('#live').textContent())).toBe(`STOKAB har ${krSv(left)} kvar. Kostnaden ryms inte: saknas 5 000,50 kr.`);
  // Nothing is out of sight at the top.
  expect(nb(await frame.locator('#alert').textContent())).toBe('');
  await expectAxeClean(frame, 'Kostnader sidebar, refusal at the amount');
  await screenshot(s.page, 'sandbox-costs-refused');
});

test('the cost picker: a search that filters labelled radio buttons, all within 300 px', async () => {
  const frame = await sidebarFrame(s.page);
  const count = Number(await frame.locator('#cost-list').getAttribute('data-count'));
  expect(count).toBeGreaterThanOrEqual(5); // the four examples and the one above (the colleague's came after the list)
  expect(nb(await frame.locator('#cost-count').textContent())).toBe(`${count} kostnader i listan.`);
  // Nothing is cut: every label wraps inside the list, and the list inside the sidebar.
  const fit = await frame.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll<HTMLElement>('#cost-list label, #cost-picker, #cost-search')].map((el) => ({
      text: el.textContent, overflow: el.scrollWidth - el.clientWidth, right: el.getBoundingClientRect().right, width,
    })).filter((x) => x.overflow > 1 || x.right > x.width);
  });
  expect(fit).toEqual([]);
  expect(await frame.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(300);

  await frame.fill('#cost-search', 'affischer');
  expect(nb(await frame.locator('#cost-count').textContent())).toBe(`1 av ${count} kostnader visas.`);
  const item = frame.locator('#cost-list .pick-item:not([hidden])');
  await expect(item.count()).resolves.toBe(1);
  expect(nb(await item.locator('label').textContent())).toMatch(/^K-\d{4} · 2 500,50 kr · Planerad\s*STOKAB · Affischer \(exempel\)$/);
  // The radio is named by its label.
  await frame.getByRole('radio', { name: /Affischer \(exempel\)/ }).check();
  // The chosen cost with what its funder has left, as the server has it.
  expect(nb(await frame.locator('#cost-info').textContent())).toMatch(new RegExp(`· 2 500,50 kr · Planerad\\. STOKAB har ${krSv(workbookFunder(s, 'STOKAB').left)} kvar\\.$`));
  await expectAxeClean(frame, 'Kostnader sidebar, cost picker searched');
});

test('a change that does not fit is refused at the new amount; a change that crosses 90 % says so', async () => {
  const frame = await sidebarFrame(s.page);
  await frame.fill('#new-amount', '60 000');
  await frame.click('#change-btn');
  await frame.locator('#new-amount-err', { hasText: 'Saknas' }).waitFor({ timeout: 15_000 });
  await expectRefusalAt(frame, '#new-amount', 'Ändringen ryms inte: STOKAB har 44 999,50 kr kvar, ändringen bokar 57 499,50 kr till. Saknas 12 500,00 kr.');
  await expectAxeClean(frame, 'Kostnader sidebar, refusal at the new amount');

  // 30 000 fits and takes STOKAB from 76 % to 90,8 % booked: past its 90 % threshold.
  await frame.fill('#new-amount', '30 000');
  await frame.click('#change-btn');
  await frame.locator('#status.status-ok', { hasText: 'är ändrad' }).waitFor({ timeout: 15_000 });
  expect(nb(await frame.locator('#status').textContent())).toMatch(/^Kostnaden K-\d{4} är ändrad: Planerad, 30 000,00 kr\. STOKAB har 17 500,00 kr kvar\. STOKAB har passerat 90 % \(varningsgränsen\): 90,8 % av tilldelningen är bokat\.$/);
  expect(await frame.locator('#status').textContent()).toContain('90\u00a0%'); // a no-break space before the sign
  expect(await frame.locator('#new-amount').getAttribute('aria-invalid')).toBeNull();
  const left = workbookFunder(s, 'STOKAB').left;
  expect(left).toBe(17500);
  expect(nb(await frame.locator('#cost-info').textContent())).toMatch(new RegExp(`STOKAB har ${krSv(left)} kvar\\.$`));
});

test('every action is within 10 Tab presses of the top, or of a skip link', async () => {
  const frame = await sidebarFrame(s.page);
  const ways = await reachAll(s.page, frame, ['#register-btn', '#cost-search', '#cost-list input[type=radio]:checked', '#change-btn', '#cancel-btn']);
  expect(ways).toEqual({
    '#register-btn': 'skip:register-h+10', // the optional Programpunkt is one stop more
    '#cost-search': 'skip:change-h+3',
    '#cost-list input[type=radio]:checked': 'skip:change-h+4',
    '#change-btn': 'skip:change-h+7',
    '#cancel-btn': 'skip:change-h+8',
  });
  // Cancel asks first; the confirm step takes the focus.
  await frame.focus('#cancel-btn');
  await s.page.keyboard.press('Enter');
  await expect(frame.evaluate(() => document.activeElement?.id)).resolves.toBe('confirm-no');
  await s.page.keyboard.press('Enter');
  await expect(frame.evaluate(() => document.activeElement?.id)).resolves.toBe('cancel-btn');
});

test('a direct edit in Kostnader that would overspend is reverted with a toast in money', async () => {
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
  const toast = page.locator('.toast', { hasText: /gjordes ogjord/ });
  await toast.waitFor({ timeout: 15_000 });
  expect(nb(await toast.textContent())).toContain(`gjordes ogjord (30 000,00 kr är tillbaka)`);
  expect(s.sandbox.emulator.sheetValues('Kostnader')[r][amountCol]).toBe(30000);
  await page.waitForFunction(([rr, cc]) => document.querySelector(`#grid td[data-r="${rr}"][data-c="${cc}"]`)?.textContent?.replace(/\s/g, '') === '30000,00kr', [r, amountCol]);
  await expectAxeClean(page, 'sandbox after a reverted edit');
  await screenshot(page, 'sandbox-costs-reverted');
});

const REGISTER = ['#funder', '#category', '#description', '#amount', '#date', '#supplier', '#reference', '#cost-status', '#register-btn'];
const CHANGE = ['#new-status', '#new-amount', '#change-btn', '#cancel-btn'];

describe('users without the finance role (issue 9, point 6)', () => {
  test.each([STY, NOBODY])('%s sees the costs and what is left; registering, changing and cancelling are disabled and say who may', async (user) => {
    await s.page.getByLabel('Användare').selectOption(user);
    try {
      const frame = await openCosts();
      await expectDisabledSayingWho(frame, REGISTER, '#register-who', 'Endast ekonomi kan registrera kostnader.');
      await expectDisabledSayingWho(frame, CHANGE, '#change-who', 'Endast ekonomi kan ändra och makulera kostnader.');
      // What they may see: the costs (searchable), each with what its funder has left, as the workbook has it.
      await frame.fill('#cost-search', 'affischer');
      await frame.getByRole('radio', { name: /Affischer \(exempel\)/ }).check();
      expect(nb(await frame.locator('#cost-info').textContent())).toMatch(new RegExp(`STOKAB har ${krSv(workbookFunder(s, 'STOKAB').left)} kvar\\.$`));
      await expectAxeClean(frame, `Kostnader sidebar, read-only (${user})`);
    } finally {
      await s.page.getByLabel('Användare').selectOption(EKO);
    }
    await expectEnabled(await openCosts(), [...REGISTER, ...CHANGE], '#register-who');
  });

  test('the role taken away while the sidebar is open: the refusal names no field, beside the button, seen and focused', async () => {
    const frame = await openCosts();
    await rpc(s, 'saveSettings', [{ sheet: 'settings', values: { Ekonomi: 'annan@example.org' } }], PL);
    try {
      await frame.selectOption('#funder', 'Kommunstyrelsen');
      await frame.selectOption('#category', 'övrigt');
      await frame.fill('#description', 'Utan roll (exempel)');
      await frame.fill('#amount', '100');
      await frame.click('#register-btn');
      await frame.locator('#register-msg', { hasText: 'behörighet' }).waitFor({ timeout: 15_000 });
      await expectRefusalBeside(frame, '#register-msg', /^Du saknar behörighet: bara ekonomipersonalen får göra detta\./);
      expect(await frame.locator('[aria-invalid="true"]').count()).toBe(0);
      await expectAxeClean(frame, 'Kostnader sidebar, refusal beside the button');
    } finally {
      await rpc(s, 'saveSettings', [{ sheet: 'settings', values: { Ekonomi: EKO } }], PL);
    }
  });
});

test('the form\'s own refusals, each at its field with its reason, the first focused', async () => {
  const frame = await openCosts();
  await frame.fill('#date', '');
  await frame.click('#register-btn');
  const err = async (id: string) => nb(await frame.locator(`#${id}-err`).textContent());
  expect(await err('funder')).toBe('Välj ett värde.');
  expect(await err('category')).toBe('Välj ett värde.');
  expect(await err('description')).toBe('Fyll i fältet.');
  expect(await err('amount')).toBe('Fyll i fältet.');
  expect(await err('date')).toBe('Ange ett datum (ÅÅÅÅ-MM-DD).');
  await expectRefusalAt(frame, '#funder', 'Välj ett värde.');
  for (const [amount, why] of [
    ['1,2.5', 'Beloppet är tvetydigt: använd mellanslag för tusental och komma för decimaler, till exempel 1 234,50.'],
    ['1,500.50', 'Beloppet är tvetydigt: använd mellanslag för tusental och komma för decimaler, till exempel 1 234,50.'],
    ['0', 'Beloppet måste vara större än 0.'],
  ]) {
    await frame.fill('#amount', amount);
    await frame.click('#register-btn');
    expect(await err('amount')).toBe(why);
  }
  await frame.fill('#date', '2009-02-30');
  await frame.click('#register-btn');
  expect(await err('date')).toBe('Ange ett datum (ÅÅÅÅ-MM-DD).');

  // Changing: a cost must be chosen, and something must change.
  await frame.click('#change-btn');
  await expectRefusalAt(frame, '#cost-list .pick-item:first-child input', 'Välj ett värde.'); // in the list: the arrow keys choose
  await frame.locator('#cost-list input[type=radio]').first().check();
  await frame.click('#change-btn');
  await expectRefusalAt(frame, '#new-status', 'Ange ny status eller nytt belopp.');
  await frame.fill('#new-amount', '12 34');
  await frame.click('#change-btn');
  await expectRefusalAt(frame, '#new-amount', 'Tusentalen ska grupperas tre och tre, till exempel 1 234 567.');
  await expectAxeClean(frame, 'Kostnader sidebar, the form\'s own refusals');
});

test('in English: "12,000.50" typed, read and answered the English way', async () => {
  const { page } = s;
  await page.getByLabel('Språk').selectOption('en');
  try {
    await menuClick(page, 'Summit Planner', 'Costs');
    const frame = await sidebarFrame(page);
    await frame.locator('#funder option[value="Kommunstyrelsen"]').waitFor({ state: 'attached' });
    await frame.selectOption('#funder', 'Kommunstyrelsen');
    await frame.selectOption('#category', 'kommunikation');
    await frame.fill('#description', 'Programme booklets (example)');
    await frame.fill('#amount', '12,000.50');
    const left = workbookFunder(s, 'Kommunstyrelsen').left;
    expect(nb(await frame.locator('#live').textContent())).toBe(`Kommunstyrelsen has ${nb(formatMoney(Math.round(left * 100), true))} left. Left after this cost: ${nb(formatMoney(Math.round(left * 100) - 1_200_050, true))}.`);
    await frame.click('#register-btn');
    await frame.locator('#status.status-ok').waitFor({ timeout: 15_000 });
    expect(await frame.locator('#status').textContent()).toMatch(/^The cost K-\d{4} \(12,000\.50 SEK\) is registered to Kommunstyrelsen\. Left: \d{2,3},\d{3}\.\d{2} SEK\.$/);
    await expectAxeClean(frame, 'Costs sidebar in English');
  } finally {
    await page.getByLabel('Språk').selectOption('sv_SE');
  }
});

test('a cost tied to a Program item: the item fills its category, the list names it, Översikt counts it for the item', async () => {
  const frame = await openCosts();
  const options = await frame.locator('#item option').allTextContents();
  expect(options[0]).toBe('Ingen programpunkt');
  const dinner = options.find((o) => /middag/i.test(o))!;
  expect(dinner).toMatch(/\(P-\d{3}\)$/);
  const id = /\((P-\d{3})\)$/.exec(dinner)![1];
  await frame.selectOption('#funder', 'Kommunstyrelsen');
  await frame.selectOption('#category', '');
  await frame.selectOption('#item', id);
  await expect(frame.locator('#category').inputValue()).resolves.toBe('representationsmiddag');
  await frame.fill('#description', 'Blommor till middagen (exempel)');
  await frame.fill('#amount', '1 200');
  await frame.click('#register-btn');
  await frame.locator('#status.status-ok', { hasText: 'är registrerad' }).waitFor({ timeout: 15_000 });
  await frame.fill('#cost-search', 'blommor');
  const label = nb(await frame.locator('#cost-list .pick-item:not([hidden]) label').textContent());
  expect(label).toContain(`Blommor till middagen (exempel) · ${dinner}`);
  const ov = s.sandbox.emulator.sheetValues('Översikt');
  expect(Number(ov.find((r) => r[0] === id)![3])).toBeGreaterThanOrEqual(1200);
  await expectAxeClean(frame, 'Kostnader sidebar, a cost tied to an item');
});
