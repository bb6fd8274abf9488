/**
 * Fördela budget in the sandbox (issue 9), as the steering group at 300 px: amounts formatted in each
 * language; a refusal at the funder's allocation row, the total, the transfer's amount, or beside the
 * button, seen and focused; after a refusal and after a transfer the figures ("Bokat: …", "Högst … kan
 * flyttas") equal the workbook's; every action within 10 Tab presses or a skip link; axe clean in each state.
 * Also Budgetöversikt's percentages, in Swedish and in English.
 */
jest.setTimeout(90_000);
import type { Frame } from 'playwright-core';
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
  // Seeded: Kommunstyrelsen 210 000 kr, STOKAB 190 000 kr of which 42 500 kr is booked.
  s = await openSandbox({ user: STY });
});
afterAll(async () => {
  await s?.close();
});

const openSidebar = async (item: string, ready: string): Promise<Frame> => {
  await menuClick(s.page, 'Summit Planner', item);
  const f = await sidebarFrame(s.page);
  await f.locator(ready).first().waitFor({ state: 'attached', timeout: 15_000 });
  return f;
};
const openBudget = (item = 'Fördela budget') => openSidebar(item, '#alloc-3');
/** A finance officer books a cost on STOKAB in the meantime (the sidebar's figures go stale). */
const colleagueBooks = (amount: string) => {
  const r = s.sandbox.emulator.runExecution(CODE, 'recordCost', [{ funder: 'STOKAB', category: 'övrigt', description: 'Kollegans kostnad (exempel)', amount, date: '2009-11-02' }], { authMode: 'FULL', user: EKO });
  expect((r.result as { ok: boolean }).ok).toBe(true);
};
const hint = async (f: Frame, i: number) => nb(await f.locator(`#alloc-${i}-hint`).textContent());

test('Budgetöversikt writes percentages the Swedish way and calls the figure "Bokat"', async () => {
  const f = await openSidebar('Budgetöversikt', '.card');
  const used = await f.locator('.card', { has: f.getByRole('heading', { name: 'STOKAB' }) }).locator('p.muted').first().textContent();
  expect(used).toBe('22,4\u00a0% bokat'); // 42 500 of 190 000 kr
  await expect(f.locator('.figures dt', { hasText: 'Bokat' }).count()).resolves.toBe(1);
});

test('allocations are shown as "210 000,00"; what is booked beside each; the live sum', async () => {
  const f = await openBudget();
  expect(nb(await f.locator('#alloc-0').inputValue())).toBe('210 000,00');
  expect(nb(await f.locator('#alloc-3').inputValue())).toBe('190 000,00');
  expect(nb(await f.locator('#total').inputValue())).toBe('800 000,00');
  expect(await hint(f, 3)).toBe('Bokat: 42 500,00 kr (22,4 % av tilldelningen).');
  expect(nb(await f.locator('#booked-means').textContent())).toMatch(/^Bokat är planerade, beställda och fakturerade eller betalda kostnader/);
  expect(nb(await f.locator('#sum').textContent())).toBe('Fördelat: 800 000,00 kr av 800 000,00 kr.');
  await f.fill('#alloc-0', '1');
  await f.locator('#sum.bad', { hasText: 'kvar att fördela' }).waitFor();
  await f.fill('#alloc-0', '210 000,00');
  await expectAxeClean(f, 'Fördela budget');
});

test('an allocation below what is booked is refused at that funder\'s row, with the figures as they are now', async () => {
  const f = await sidebarFrame(s.page);
  await f.fill('#alloc-3', '40 000');
  await f.fill('#alloc-0', '360 000');
  // Meanwhile 10 000 kr more is booked on STOKAB: the hint the page shows is stale.
  colleagueBooks('10 000');
  expect(await hint(f, 3)).toBe('Bokat: 42 500,00 kr (22,4 % av tilldelningen).');
  await f.click('#allocate-btn');
  await f.locator('#alloc-3-err', { hasText: 'kan inte få' }).waitFor({ timeout: 15_000 });
  await expectRefusalAt(f, '#alloc-3', 'STOKAB kan inte få 40 000,00 kr: finansiären har redan bokat 52 500,00 kr.');
  // The refusal's figures are on the page: what is booked equals the workbook; what the user typed stays.
  const w = workbookFunder(s, 'STOKAB');
  expect(await hint(f, 3)).toBe(`Bokat: ${krSv(w.booked)} (27,6 % av tilldelningen).`);
  expect(w.booked).toBe(52500);
  expect(nb(await f.locator('#alloc-3').inputValue())).toBe('40 000');
  expect(nb(await f.locator('#alert').textContent())).toBe('');
  await expectAxeClean(f, 'Fördela budget, refusal at an allocation row');
  await screenshot(s.page, 'sandbox-budget-refused');
});

test('allocations that don\'t add up are refused at the total', async () => {
  const f = await sidebarFrame(s.page);
  await f.fill('#alloc-3', '190 000');
  await f.fill('#alloc-0', '210 000,01');
  await f.click('#allocate-btn');
  await f.locator('#total-err', { hasText: 'summerar' }).waitFor({ timeout: 15_000 });
  await expectRefusalAt(f, '#total', 'Tilldelningarna summerar till 800 000,01 kr men totalbudgeten är 800 000,00 kr (0,01 kr för mycket).');
  expect(await f.locator('#alloc-3').getAttribute('aria-invalid')).toBeNull(); // the earlier refusal is cleared
  await expectAxeClean(f, 'Fördela budget, refusal at the total');
});

test('a transfer: "Högst … kan flyttas" is the workbook\'s before and after, and the allocations follow', async () => {
  const f = await sidebarFrame(s.page);
  await f.selectOption('#from', 'STOKAB');
  let w = workbookFunder(s, 'STOKAB');
  expect(nb(await f.locator('#move').textContent())).toBe(`Högst ${krSv(w.allocation - w.booked)} kan flyttas från STOKAB.`);
  await f.selectOption('#to', 'Kommunstyrelsen');
  await f.fill('#transfer-amount', '10 000');
  await f.selectOption('#decision', 'B-0003');
  await f.click('#transfer-btn');
  await f.locator('#status.status-ok', { hasText: 'är flyttat' }).waitFor({ timeout: 15_000 });
  expect(nb(await f.locator('#status').textContent())).toBe('10 000,00 kr är flyttat från STOKAB till Kommunstyrelsen (B-0003, Dnr 007-983/2009 § 3 (exempel)).');
  w = workbookFunder(s, 'STOKAB');
  expect(w.allocation).toBe(180000);
  expect(nb(await f.locator('#move').textContent())).toBe(`Högst ${krSv(w.allocation - w.booked)} kan flyttas från STOKAB.`);
  expect(nb(await f.locator('#move').textContent())).toBe('Högst 127 500,00 kr kan flyttas från STOKAB.');
  expect(nb(await f.locator('#alloc-3').inputValue())).toBe('180 000,00');
  expect(nb(await f.locator('#alloc-0').inputValue())).toBe(`${krSv(workbookFunder(s, 'Kommunstyrelsen').allocation).replace(' kr', '')}`);
  expect(await f.locator('[aria-invalid="true"]').count()).toBe(0);
  await expect(f.evaluate(() => document.activeElement?.id)).resolves.toBe('transfer-amount');
  await expectAxeClean(f, 'Fördela budget, after a transfer');
});

test('a transfer above what can move now is refused at the amount, and "Högst … kan flyttas" becomes the server\'s', async () => {
  const f = await sidebarFrame(s.page);
  colleagueBooks('120 000'); // STOKAB: 180 000 allocated, 172 500 booked: 7 500 kr can move, the page still says 127 500
  expect(nb(await f.locator('#move').textContent())).toBe('Högst 127 500,00 kr kan flyttas från STOKAB.');
  await f.fill('#transfer-amount', '50 000');
  await f.selectOption('#decision', 'B-0003');
  await f.click('#transfer-btn');
  await f.locator('#transfer-amount-err', { hasText: 'högst' }).waitFor({ timeout: 15_000 });
  await expectRefusalAt(f, '#transfer-amount', 'Omfördelningen går inte: STOKAB har tilldelning 180 000,00 kr och har bokat 172 500,00 kr; högst 7 500,00 kr kan flyttas, du försökte flytta 50 000,00 kr.');
  const w = workbookFunder(s, 'STOKAB');
  expect(nb(await f.locator('#move').textContent())).toBe(`Högst ${krSv(w.allocation - w.booked)} kan flyttas från STOKAB.`);
  expect(await hint(f, 3)).toBe(`Bokat: ${krSv(w.booked)} (95,8 % av tilldelningen).`);
  await expectAxeClean(f, 'Fördela budget, refusal at the transfer amount');
});

test('the forms\' own refusals, each at its field with its reason', async () => {
  const f = await sidebarFrame(s.page);
  await f.selectOption('#from', 'STOKAB');
  await f.selectOption('#to', 'STOKAB');
  await f.fill('#transfer-amount', '7 500,01');
  await f.selectOption('#decision', '');
  await f.click('#transfer-btn');
  const err = async (id: string) => nb(await f.locator(`#${id}-err`).textContent());
  expect(await err('to')).toBe('Välj två olika finansiärer.');
  expect(await err('transfer-amount')).toBe('Högst 7 500,00 kr kan flyttas från STOKAB; du försökte flytta 7 500,01 kr.');
  expect(await err('decision')).toBe('Välj ett värde.');
  await expectRefusalAt(f, '#to', 'Välj två olika finansiärer.');
  await f.fill('#alloc-2', '200.000,00');
  await f.click('#allocate-btn');
  await expectRefusalAt(f, '#alloc-2', 'Beloppet är tvetydigt: använd mellanslag för tusental och komma för decimaler, till exempel 1 234,50.');
  await f.fill('#alloc-2', '200 000,00');
  await expectAxeClean(f, 'Fördela budget, the forms\' own refusals');
});

test('every action is within 10 Tab presses of the top, or of a skip link', async () => {
  const f = await sidebarFrame(s.page);
  const ways = await reachAll(s.page, f, ['#allocate-btn', '#transfer-btn']);
  expect(ways).toEqual({ '#allocate-btn': '8', '#transfer-btn': 'skip:transfer-h+6' });
});

const ALLOCATE = ['#total', '#alloc-0', '#alloc-1', '#alloc-2', '#alloc-3', '#allocate-btn'];
const TRANSFER = ['#from', '#to', '#transfer-amount', '#decision', '#comment', '#transfer-btn'];

describe('users without the steering-group role (issue 9, point 6)', () => {
  test.each([EKO, NOBODY])('%s sees the allocations and what is booked; allocating and transferring are disabled and say who may', async (user) => {
    await s.page.getByLabel('Användare').selectOption(user);
    try {
      const f = await openBudget();
      await expectDisabledSayingWho(f, ALLOCATE, '#allocate-who', 'Endast styrgruppen kan fördela budgeten mellan finansiärerna.');
      await expectDisabledSayingWho(f, TRANSFER, '#transfer-who', 'Endast styrgruppen kan flytta pengar mellan finansiärer.');
      // What they may see: each funder's allocation and what is booked of it, as the workbook has them.
      const stokab = workbookFunder(s, 'STOKAB');
      const i = Number((await f.locator('[data-funder="STOKAB"]').getAttribute('id'))!.slice('alloc-'.length));
      expect(nb(await f.locator(`#alloc-${i}`).inputValue())).toBe(krSv(stokab.allocation).replace(/ kr$/, ''));
      expect(await hint(f, i)).toContain(krSv(stokab.booked));
      await expectAxeClean(f, `Fördela budget, read-only (${user})`);
    } finally {
      await s.page.getByLabel('Användare').selectOption(STY);
    }
    await expectEnabled(await openBudget(), [...ALLOCATE.filter((c) => c !== '#total'), ...TRANSFER], '#allocate-who');
  });

  test('the role taken away while the sidebar is open: the refusal names no field, beside the button, seen and focused', async () => {
    const f = await openBudget();
    await rpc(s, 'saveSettings', [{ sheet: 'settings', values: { Styrgrupp: 'annan@example.org' } }], PL);
    try {
      await f.selectOption('#from', 'Kommunstyrelsen');
      await f.selectOption('#to', 'STOKAB');
      await f.fill('#transfer-amount', '1 000');
      await f.selectOption('#decision', 'B-0003');
      await f.click('#transfer-btn');
      await f.locator('#transfer-msg', { hasText: 'behörighet' }).waitFor({ timeout: 15_000 });
      await expectRefusalBeside(f, '#transfer-msg', /^Du saknar behörighet: bara styrgruppen får göra detta\./);
      await expectAxeClean(f, 'Fördela budget, refusal beside the button');
    } finally {
      await rpc(s, 'saveSettings', [{ sheet: 'settings', values: { Styrgrupp: STY } }], PL);
    }
  });
});

test('in English: "210,000.00", "1,500.50" accepted, money and percentages the English way', async () => {
  await s.page.getByLabel('Språk').selectOption('en');
  try {
    const f = await openBudget('Allocate the budget');
    expect(await f.locator('#alloc-0').inputValue()).toMatch(/^\d{3},\d{3}\.\d{2}$/);
    expect(await f.locator('#total').inputValue()).toBe('800,000.00');
    expect(await hint(f, 3)).toBe('Booked: 172,500.00 SEK (95.8% of the allocation).');
    await f.selectOption('#from', 'Kommunstyrelsen');
    await f.selectOption('#to', 'STOKAB');
    await f.fill('#transfer-amount', '1,500.50');
    await f.selectOption('#decision', 'B-0003');
    await f.click('#transfer-btn');
    await f.locator('#status.status-ok').waitFor({ timeout: 15_000 });
    expect(await f.locator('#status').textContent()).toBe('1,500.50 SEK was moved from Kommunstyrelsen to STOKAB (B-0003, Dnr 007-983/2009 § 3 (exempel)).');
    // A comma that can't group thousands is refused at the field, saying why.
    await f.fill('#transfer-amount', '1,2.5');
    await f.click('#transfer-btn');
    await expectRefusalAt(f, '#transfer-amount', 'The amount is ambiguous: in English the comma groups thousands and the point is the decimal separator, for example 1,234.50.');
    await expectAxeClean(f, 'Fördela budget in English');

    const o = await openSidebar('Budget overview', '.card');
    const used = await o.locator('.card', { has: o.getByRole('heading', { name: 'STOKAB' }) }).locator('p.muted').first().textContent();
    expect(used).toBe('95% booked'); // 172 500 of 181 500.50 SEK: 95.0 %, written "95%" in English (no space, no idle decimal)
  } finally {
    await s.page.getByLabel('Språk').selectOption('sv_SE');
  }
});
