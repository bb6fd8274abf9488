/**
 * Issue 9 in the built Code.js: a budget save's reply, accepted or refused, brings the figures the
 * sidebars show, equal to what the workbook (Översikt's formulas) says; refusals name their field;
 * English users type and read English amounts; the undo toast writes money in the user's language.
 */
import type { Emulator } from '../../src/sandbox/emulator';
import { displayValue } from '../../src/sandbox/emulator/values';
import { CODE, EKO, STY, api, setUpWorkbook, decisionFor } from '../support/bundle';
import { cellAt } from '../support/ledger';

const plain = (s: string) => s.replace(/\u00a0/g, ' ');
const COST = { funder: 'STOKAB', category: 'workshops', description: 'Lokalhyra', amount: '150 000', date: '2009-11-01', status: 'Beställd' };

interface Funder { name: string; allocation: number; consumed: number; available: number }
interface Figures { funders: Funder[]; total: number }
type Reply = { ok: true; data: { message: string; result: { overview: Figures } } } | { ok: false; message: string; field?: string; refusal?: Figures };

/** Each funder's allocation, booked and available in öre, as Översikt's formulas compute them from the sheets. */
function workbookFigures(emu: Emulator): Record<string, [number, number, number]> {
  const rows = emu.sheetValues('Översikt');
  const header = rows.findIndex((r) => r[0] === 'Finansiär');
  const out: Record<string, [number, number, number]> = {};
  for (const r of rows.slice(header + 1)) {
    if (r[0] === 'Totalt' || r[0] === '') break;
    out[String(r[0])] = [Math.round(Number(r[1]) * 100), Math.round(Number(r[5]) * 100), Math.round(Number(r[6]) * 100)];
  }
  return out;
}
const replyFigures = (f: Figures): Record<string, [number, number, number]> =>
  Object.fromEntries(f.funders.map((x) => [x.name, [x.allocation, x.consumed, x.available]]));

const call = (emu: Emulator, fn: string, arg: unknown, user: string, locale?: string): Reply => {
  if (!locale) return api(emu, fn, [arg], user) as Reply;
  const r = emu.runExecution(CODE, fn, [JSON.parse(JSON.stringify(arg))], { authMode: 'FULL', user, locale });
  return r.result as Reply;
};

describe('every reply brings the figures, equal to the workbook\'s', () => {
  test('a registration and its refusal', () => {
    const emu = setUpWorkbook();
    const ok = call(emu, 'recordCost', COST, EKO);
    if (!ok.ok) throw new Error(ok.message);
    expect(replyFigures(ok.data.result.overview)).toEqual(workbookFigures(emu));
    const no = call(emu, 'recordCost', { ...COST, amount: '60 000' }, EKO);
    expect(no).toMatchObject({ ok: false, field: 'amount' });
    if (no.ok) return;
    expect(plain(no.message)).toBe('Kostnaden ryms inte: STOKAB har 50 000,00 kr kvar, kostnaden är 60 000,00 kr. Saknas 10 000,00 kr.');
    expect(replyFigures(no.refusal!)).toEqual(workbookFigures(emu));
    expect(replyFigures(no.refusal!)['STOKAB'][2]).toBe(50_000_00);
  });

  test('a change and its refusal', () => {
    const emu = setUpWorkbook();
    call(emu, 'recordCost', COST, EKO);
    const ok = call(emu, 'updateCost', { id: 'K-0001', amount: '100 000' }, EKO);
    if (!ok.ok) throw new Error(ok.message);
    expect(replyFigures(ok.data.result.overview)).toEqual(workbookFigures(emu));
    const no = call(emu, 'updateCost', { id: 'K-0001', amount: '200 000,01' }, EKO);
    expect(no).toMatchObject({ ok: false, field: 'amount' });
    if (!no.ok) expect(replyFigures(no.refusal!)).toEqual(workbookFigures(emu));
  });

  test('a transfer and its refusal: what can move is what the workbook says', () => {
    const emu = setUpWorkbook();
    call(emu, 'recordCost', COST, EKO);
    const ok = call(emu, 'transferFunds', { from: 'STOKAB', to: 'Kommunstyrelsen', amount: '20 000', decisionRef: decisionFor(emu, 'Budgetomfördelning') }, STY);
    if (!ok.ok) throw new Error(ok.message);
    const wb = workbookFigures(emu);
    expect(replyFigures(ok.data.result.overview)).toEqual(wb);
    expect(wb['STOKAB'][0] - wb['STOKAB'][1]).toBe(30_000_00);
    const no = call(emu, 'transferFunds', { from: 'STOKAB', to: 'Kommunstyrelsen', amount: '30 000,01', decisionRef: decisionFor(emu, 'Budgetomfördelning') }, STY);
    expect(no).toMatchObject({ ok: false, field: 'amount' });
    if (!no.ok) {
      expect(plain(no.message)).toMatch(/högst 30 000,00 kr kan flyttas/);
      expect(replyFigures(no.refusal!)).toEqual(workbookFigures(emu));
    }
  });

  test('an allocation and its refusal at the funder\'s row', () => {
    const emu = setUpWorkbook();
    call(emu, 'recordCost', COST, EKO);
    const rows = (a: number[]) => ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'].map((funder, i) => ({ funder, amount: a[i] }));
    const ok = call(emu, 'allocate', { allocations: rows([250000, 200000, 190000, 160000]) }, STY);
    if (!ok.ok) throw new Error(ok.message);
    expect(replyFigures(ok.data.result.overview)).toEqual(workbookFigures(emu));
    const no = call(emu, 'allocate', { allocations: rows([300000, 200000, 160000, 140000]) }, STY);
    expect(no).toMatchObject({ ok: false, field: 'allocations.3', message: expect.stringMatching(/^STOKAB kan inte få 140\s000,00\skr: finansiären har redan bokat 150\s000,00\skr\.$/) });
    if (!no.ok) expect(replyFigures(no.refusal!)).toEqual(workbookFigures(emu));
  });

  test('a refusal of malformed input names no field', () => {
    const emu = setUpWorkbook();
    const r = api(emu, 'recordCost', ['STOKAB'], EKO) as Reply;
    expect(r).toMatchObject({ ok: false });
    if (!r.ok) expect(r.field).toBeUndefined();
  });
});

describe('English', () => {
  test('an English user types "1,500.50" and reads English money; a Swedish user may not', () => {
    const emu = setUpWorkbook();
    const en = call(emu, 'recordCost', { ...COST, amount: '1,500.50' }, EKO, 'en_GB');
    expect(en).toMatchObject({ ok: true, data: { message: 'The cost K-0001 (1,500.50 SEK) is registered to STOKAB. Left: 198,499.50 SEK.' } });
    const sv = call(emu, 'recordCost', { ...COST, amount: '1,500.50' }, EKO);
    expect(sv).toMatchObject({ ok: false, field: 'amount', message: expect.stringMatching(/^Belopp: Beloppet är tvetydigt/) });
    const en2 = call(emu, 'recordCost', { ...COST, amount: '1,2.5' }, EKO, 'en_GB');
    expect(en2).toMatchObject({ ok: false, field: 'amount', message: expect.stringMatching(/^Amount: The amount is ambiguous: in English the comma groups thousands/) });
  });

  test('the undo toast writes the old amount as money, in the user\'s language', () => {
    const emu = setUpWorkbook();
    call(emu, 'recordCost', { ...COST, amount: '42 500' }, EKO);
    const col = emu.sheetValues('Kostnader')[0].indexOf('Belopp') + 1;
    const sv = emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col, values: [[900000]], user: EKO });
    expect(plain(sv.ui.toasts[0].msg)).toMatch(/^Ändringen i Belopp på rad 2 gjordes ogjord \(42 500,00 kr är tillbaka\): Ändringen ryms inte: STOKAB har 157 500,00 kr kvar.* Saknas 700 000,00 kr\.$/);
    const en = emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col, values: [[900000]], user: EKO }, { locale: 'en_GB' });
    expect(en.ui.toasts[0].msg).toMatch(/^The change to Belopp on row 2 was undone \(42,500\.00 SEK is back\): The change does not fit: STOKAB has 157,500\.00 SEK left.* Short by 700,000\.00 SEK\.$/);
  });
});

test('Översikt calls the figure "Bokat" and writes percentages as the sidebars do (no-break space before %)', () => {
  const emu = setUpWorkbook();
  call(emu, 'recordCost', { ...COST, amount: '97 800' }, EKO); // 48,9 % of STOKAB's 200 000 kr
  const rows = emu.sheetValues('Översikt');
  const header = rows.findIndex((r) => r[0] === 'Finansiär');
  expect(rows[header]).toEqual(['Finansiär', 'Tilldelning', 'Planerat', 'Beställt', 'Fakturerat/betalt', 'Bokat', 'Kvar', 'Bokat (%)', 'Varningsgräns (%)', 'Läge']);
  const row = rows.findIndex((r) => r[0] === 'STOKAB');
  const ss = emu.state.spreadsheet;
  const shown = (col: number) => displayValue({ v: rows[row][col], fmt: cellAt(emu, 'Översikt', row + 1, col + 1)?.fmt }, ss.timeZone, ss.locale);
  expect(shown(7)).toBe('48,9\u00a0%');
  expect(shown(8)).toBe('90\u00a0%');
});
