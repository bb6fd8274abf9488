/**
 * Reading a table by its headers (src/app/tables.ts over src/core/schema.ts's columnIndex and normHeader):
 * columns in any order, extra columns allowed, headers matched without regard to case or spacing; a missing
 * sheet, a missing column or a required header twice refused with what to do; a row placed by header; a
 * blank row. These are what every use case relies on when an editor has moved, renamed or copied a column.
 */
import { cellOf, isBlankRow, openTable, rowFor } from '../../../src/app/tables';
import { columnIndex, headersOf, normHeader } from '../../../src/core/schema';
import { UserError } from '../../../src/core/msg';
import { memoryPorts } from '../../support/memory';

const refusal = (f: () => unknown): { sv: string; en: string } => {
  try { f(); } catch (e) { if (e instanceof UserError) return e.userMessage; throw e; }
  throw new Error('not refused');
};

describe('normHeader and columnIndex', () => {
  test('headers match without regard to case, blanks around or runs of spaces inside', () => {
    expect(['  Svar  per\tpunkt ', 'SVAR PER PUNKT', null, undefined, 7].map(normHeader)).toEqual(['svar per punkt', 'svar per punkt', '', '', '7']);
  });

  test('columns in any order, extra and blank columns allowed: each required header\'s index', () => {
    expect(columnIndex(['Extra', '', ' b ', 'A', 'a-extra'], ['A', 'B'])).toEqual({ ok: true, index: { A: 3, B: 2 } });
  });

  test('missing headers in the order required; a required header twice named (as typed); an extra one twice is no matter', () => {
    expect(columnIndex(['A', 'x', 'X'], ['A', 'B', 'C'])).toEqual({ ok: false, missing: ['B', 'C'], duplicate: [] });
    expect(columnIndex(['A', 'B', ' a ', 'x', 'X', '', ''], ['A', 'B'])).toEqual({ ok: false, missing: [], duplicate: [' a '] });
    expect(columnIndex(['A', 'a'], ['A', 'B'])).toEqual({ ok: false, missing: ['B'], duplicate: ['a'] });
  });
});

describe('openTable', () => {
  test('a missing sheet: what to run', () => {
    expect(refusal(() => openTable(memoryPorts('').workbook, 'guests'))).toEqual({
      sv: 'Bladet "Gäster" saknas. Kör Summit Planner → Konfigurera arbetsboken.',
      en: 'The sheet "Gäster" is missing. Run Summit Planner → Set up workbook.',
    });
  });

  test('a renamed column and a header twice: both named, with what to do; nothing read beyond the header', () => {
    const p = memoryPorts('');
    const header = headersOf('transfers').map((h) => (h === 'Belopp' ? 'Summa' : h));
    p.workbook.add('transfers', [], [...header, 'Datum']);
    expect(refusal(() => openTable(p.workbook, 'transfers'))).toEqual({
      sv: 'Bladet "Omfördelningar": kolumnerna "Belopp" saknas (har rubrikerna ändrats?); rubrikerna "Datum" finns flera gånger. Återställ rubrikraden; inget har ändrats.',
      en: 'Sheet "Omfördelningar": the columns "Belopp" are missing (were the headers renamed?); the headers "Datum" appear more than once. Restore the header row; nothing was changed.',
    });
  });

  test('columns moved by hand: read and written by header, not by position', () => {
    const p = memoryPorts('');
    const header = [...headersOf('transfers')].reverse();
    p.workbook.add('transfers', [header.map((h) => `v:${h}`)], header);
    const t = openTable(p.workbook, 'transfers');
    expect(cellOf(t, t.snap.rows[0], 'Belopp')).toBe('v:Belopp');
    expect(cellOf(t, t.snap.rows[0], 'Ingen sådan')).toBe('');
    expect(cellOf(t, [], 'Belopp')).toBe('');
    const row = rowFor(t, { Belopp: 100, 'Ingen sådan': 'x', Från: 'STOKAB' });
    expect(row).toHaveLength(header.length);
    expect(row[header.indexOf('Belopp')]).toBe(100);
    expect(row[header.indexOf('Från')]).toBe('STOKAB');
    expect(row.filter((v) => v !== '')).toEqual(header.indexOf('Belopp') < header.indexOf('Från') ? [100, 'STOKAB'] : ['STOKAB', 100]);
    // The whole row and nothing else: a header the sheet lacks is left out, not kept beside the cells.
    expect(row).toEqual(header.map((h) => ({ Belopp: 100, Från: 'STOKAB' } as Record<string, unknown>)[h] ?? ''));
  });
});

test('isBlankRow: only empty strings; a zero, false or a blank is content', () => {
  expect([isBlankRow([]), isBlankRow(['', '', '']), isBlankRow(['', 0]), isBlankRow([false]), isBlankRow([' '])]).toEqual([true, true, false, false, false]);
  // A cell an adapter gives as null is empty too (the Cell type has no null, but a sheet's API may).
  expect(isBlankRow(['', null as never])).toBe(true);
});
