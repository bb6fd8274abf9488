/** The emulator's small formula evaluator: exactly the functions Översikt uses. */
import { criterion, FormulaContext, parseFormula } from '../../../src/sandbox/emulator/formula';
import { createInitialState, newSheetState, type CellState, type StoreState } from '../../../src/sandbox/emulator/store';

function workbook(sheets: Record<string, (string | number | null)[][]>): StoreState {
  const st = createInitialState();
  st.spreadsheet.sheets = Object.entries(sheets).map(([name, rows], i) => {
    const sh = newSheetState(name, i);
    sh.rows = rows.map((r) => r.map((v): CellState | null => (v === null ? null : typeof v === 'string' && v.startsWith('=') ? { v: '', f: v } : { v })));
    return sh;
  });
  return st;
}
const value = (st: StoreState, sheet: string, r: number, c: number) =>
  new FormulaContext(st).cellValue(st.spreadsheet.sheets.find((s) => s.name === sheet)!, r, c);

const LEDGER = [
  ['Finansiär', 'Belopp', 'Status', 'Kontroll'],
  ['STOKAB', 100, 'Planerad', ''],
  ['stokab', 50.5, 'Betald', ''],
  ['STOKAB', 1000, 'Makulerad', ''],
  ['Kommunstyrelsen', 'tio', 'Planerad', '⚠ Kostnader rad 5: beloppet är text'],
  ['Kommunstyrelsen', 20, 'Beställd', 'egen anteckning'],
];

test('SUMIFS: case-insensitive exact match, several criteria, text amounts ignored, whole columns', () => {
  const st = workbook({
    Kostnader: LEDGER,
    'Översikt': [
      ['=SUMIFS(Kostnader!$B:$B,Kostnader!$A:$A,"STOKAB",Kostnader!$C:$C,"<>Makulerad")'],
      ['=SUMIFS(Kostnader!B:B,Kostnader!A:A,A3,Kostnader!C:C,"Planerad")', null],
      ['Kommunstyrelsen'],
      ['=SUMIFS(Kostnader!B2:B,Kostnader!A2:A,"Kommunstyrelsen")'],
    ],
  });
  expect(value(st, 'Översikt', 1, 1)).toBe(150.5);
  expect(value(st, 'Översikt', 2, 1)).toBe(0); // the text amount is ignored
  expect(value(st, 'Översikt', 4, 1)).toBe(20);
});

test('COUNTIFS with wildcards and comparisons; IF, IFERROR, ROUND, SUM, arithmetic and strings', () => {
  const st = workbook({
    Kostnader: LEDGER,
    Blad: [
      ['=COUNTIFS(Kostnader!$D:$D,"⚠*")', '=COUNTIFS(Kostnader!B:B,">50")', '=COUNTIFS(Kostnader!B:B,"<=100",Kostnader!A:A,"stok?b")'],
      [10, 0, '=IFERROR(A2/B2,"delat med noll")', '=IF(A2>5,"stor","liten")', '=ROUND(0.1+0.2-0.3,2)', '=SUM(A2:B2,5)*2-1', '="a"&"b"&A2'],
      ['=IF(C9="","tom","inte tom")', '=IF(A2=10,-A2)', '=1+"x"', '=A2/B2', '=FOO(1)', '=SUM(A1:A', '=G3'],
    ],
  });
  expect(value(st, 'Blad', 1, 1)).toBe(1); // only the ⚠ flag, not the note
  expect(value(st, 'Blad', 1, 2)).toBe(3); // 100, 50.5 and 1000; the text "tio" never compares as a number
  expect(value(st, 'Blad', 1, 3)).toBe(2); // 100 and 50.5 (? matches one character, case-insensitively)
  expect(value(st, 'Blad', 2, 3)).toBe('delat med noll');
  expect(value(st, 'Blad', 2, 4)).toBe('stor');
  expect(value(st, 'Blad', 2, 5)).toBe(0);
  expect(value(st, 'Blad', 2, 6)).toBe(29);
  expect(value(st, 'Blad', 2, 7)).toBe('ab10');
  expect(value(st, 'Blad', 3, 1)).toBe('tom');
  expect(value(st, 'Blad', 3, 2)).toBe(-10);
  expect(value(st, 'Blad', 3, 3)).toBe('#VALUE!');
  expect(value(st, 'Blad', 3, 4)).toBe('#DIV/0!');
  expect(value(st, 'Blad', 3, 5)).toBe('#NAME?');
  expect(value(st, 'Blad', 3, 6)).toBe('#ERROR!');
  expect(value(st, 'Blad', 3, 7)).toBe('#REF!'); // a reference to itself
});

test('quoted sheet names, references to formula cells, blank cells as 0 and ""', () => {
  const st = workbook({
    'Inställningar': [['Nyckel', 'Värde'], ['Totalbudget', 800000], ['Varningsgräns (%)', 90]],
    X: [['=SUMIFS(\'Inställningar\'!$B:$B,\'Inställningar\'!$A:$A,"Varningsgräns (%)")', '=A1*2', '=B1+C5', '=IF(C5="",1,2)']],
  });
  expect(value(st, 'X', 1, 1)).toBe(90);
  expect(value(st, 'X', 1, 2)).toBe(180);
  expect(value(st, 'X', 1, 3)).toBe(180);
  expect(value(st, 'X', 1, 4)).toBe(1);
});

test('criteria', () => {
  expect(criterion('⚠*')('⚠ x')).toBe(true);
  expect(criterion('⚠*')('x ⚠')).toBe(false);
  expect(criterion('a~*b')('a*b')).toBe(true);
  expect(criterion('a~*b')('axb')).toBe(false);
  expect(criterion('<0')(-1)).toBe(true);
  expect(criterion('<0')('-1')).toBe(false);
  expect(criterion('<>Makulerad')('makulerad')).toBe(false);
  expect(criterion(5)(5)).toBe(true);
  expect(() => parseFormula('=SUM(')).toThrow();
});

/**
 * INDEX(reference, [row], [column]), as Google's reference gives it
 * (https://support.google.com/docs/answer/3098242): the cell `row` rows and `column` columns into the
 * reference, counted from 1; 0 or left out is the whole row or column; an offset beyond the reference is
 * #REF!. Översikt's item rows read Program's k-th row so (src/core/overview-sheet.ts).
 */
test('INDEX: the cell at a row (and column) offset of a reference, usable as a value and in arithmetic', () => {
  const st = workbook({
    Program: [['ID', 'Kapacitet'], ['P-001', 12], ['P-002', null], ['P-003', 40]],
    X: [
      ['=INDEX(Program!$A:$A,2)', '=INDEX(Program!$A:$B,4,2)-2', '=IF(INDEX(Program!$B:$B,3)="","obegränsat",1)', '=INDEX(Program!A2:B4,3,1)'],
      ['=INDEX(Program!A1:A4,5)', '=IFERROR(INDEX(Program!A1:A4,5),"")', '=INDEX(Program!A1:A4,-1)', '=SUM(INDEX(Program!A1:B4,0,2))'],
      ['=INDEX(Program!$A:$A,2.9)', '=INDEX(Program!$A:$B,3,1)&"!"', '=INDEX(1,1)', '=INDEX(Program!$A:$A,1,3)'],
    ],
  });
  expect(value(st, 'X', 1, 1)).toBe('P-001');
  expect(value(st, 'X', 1, 2)).toBe(38);
  expect(value(st, 'X', 1, 3)).toBe('obegränsat'); // an empty cell is "" in a comparison
  expect(value(st, 'X', 1, 4)).toBe('P-003'); // offsets count from the reference's own first row
  expect(value(st, 'X', 2, 1)).toBe('#REF!'); // past the reference's last row
  expect(value(st, 'X', 2, 2)).toBe('');
  expect(value(st, 'X', 2, 3)).toBe('#VALUE!');
  expect(value(st, 'X', 2, 4)).toBe(52); // row 0: the whole column
  expect(value(st, 'X', 3, 1)).toBe('P-001'); // a fractional offset is truncated
  expect(value(st, 'X', 3, 2)).toBe('P-002!');
  expect(value(st, 'X', 3, 3)).toBe('#VALUE!');
  expect(value(st, 'X', 3, 4)).toBe('#REF!'); // past the reference's last column
});

/**
 * MAX(value1, [value2, …]), as Google's reference gives it (https://support.google.com/docs/answer/3094013):
 * the largest of the values; in a range, only numbers count; 0 when nothing is a number. Översikt's
 * seats left are MAX(0, capacity − yes − open offers).
 */
test('MAX: the largest value, numbers only in ranges, 0 for none, errors passed on', () => {
  const st = workbook({
    Blad: [
      [3, 'tio', null, -2],
      ['=MAX(0,A1-5)', '=MAX(A1:D1)', '=MAX(B1:C1)', '=MAX(-4,D1)', '=MAX(A1,1/0)', '=MAX(A1:D1,7)', '=MAX("x")'],
    ],
  });
  expect(value(st, 'Blad', 2, 1)).toBe(0);
  expect(value(st, 'Blad', 2, 2)).toBe(3); // the text "tio" and the blank are left out
  expect(value(st, 'Blad', 2, 3)).toBe(0); // no number at all
  expect(value(st, 'Blad', 2, 4)).toBe(-2);
  expect(value(st, 'Blad', 2, 5)).toBe('#DIV/0!');
  expect(value(st, 'Blad', 2, 6)).toBe(7);
  expect(value(st, 'Blad', 2, 7)).toBe('#VALUE!'); // text given directly (not in a range) that is no number
});
