import { exec, newEmu, run, SHEET } from './helpers';

describe('Range value semantics', () => {
  test('apostrophe, formula, numeric strings, text, booleans, dates', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      // The default spreadsheet is sv_SE: "1,5" is one and a half (locale.test.ts has the other locales).
      sh.getRange(1, 1, 1, 8).setValues([["'=1+1", '=A2*2', '12', '-5', '+5', '1,5', 'abc', "'0012"]]);
      sh.getRange('A2:C2').setValues([[true, new Date(Date.UTC(2009, 11, 7, 12)), 3.25]]);
      return { v: sh.getRange('A1:H2').getValues(), f: sh.getRange('A1:H1').getFormulas(),
               isDate: sh.getRange('B2').getValue() instanceof Date, types: sh.getRange('A1:H1').getValues()[0].map(function (x) { return typeof x; }) };`,
    ) as { v: unknown[][]; f: string[][]; isDate: boolean; types: string[] };
    expect(r.v[0]).toEqual(['=1+1', 2, 12, -5, 5, 1.5, 'abc', '0012']); // =A2*2 with A2 = TRUE, evaluated when read
    expect(r.types).toEqual(['string', 'number', 'number', 'number', 'number', 'number', 'string', 'string']);
    expect(r.f[0]).toEqual(['', '=A2*2', '', '', '', '', '', '']);
    expect(r.v[1][0]).toBe(true);
    expect(r.v[1][1]).toEqual(new Date(Date.UTC(2009, 11, 7, 12)));
    expect(r.isDate).toBe(true);
  });

  test('getValues returns copies (mutating a Date does not change the cell)', () => {
    const emu = newEmu();
    const r = run(emu, `${SHEET} sh.getRange('A1').setValue(new Date(0)); var d = sh.getRange('A1').getValue(); d.setFullYear(2000); return sh.getRange('A1').getValue().getTime();`);
    expect(r).toBe(0);
  });

  test('dimension mismatch errors use Apps Script messages', () => {
    const emu = newEmu();
    const rows = exec(emu, `${SHEET} sh.getRange('A1:B2').setValues([[1, 2]]);`);
    expect(rows.error?.message).toBe('The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.');
    const cols = exec(emu, `${SHEET} sh.getRange('A1:B2').setValues([[1, 2], [3]]);`);
    expect(cols.error?.message).toBe('The number of columns in the data does not match the number of columns in the range. The data has 1 but the range has 2.');
    expect(emu.sheetValues('Blad1')).toEqual([['']]);
    const out = exec(emu, `${SHEET} sh.getRange(1001, 1);`);
    expect(out.error?.message).toBe('The coordinates of the range are outside the dimensions of the sheet.');
    const err = exec(emu, `${SHEET} try { sh.getRange(0, 1); } catch (e) { return [e instanceof Error, e.message]; }`);
    expect(err.result).toEqual([true, 'The starting row of the range is too small.']);
  });

  test('getLastRow / getLastColumn / appendRow / getDataRange', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      var empty = [sh.getLastRow(), sh.getLastColumn(), sh.getDataRange().getA1Notation()];
      sh.appendRow(['a', 1]); sh.appendRow(['b', 2, '=B2']);
      sh.getRange('E10').setNumberFormat('0'); // format only: not content
      var mid = [sh.getLastRow(), sh.getLastColumn(), sh.getDataRange().getA1Notation()];
      sh.getRange('A1000').setValue('end'); sh.appendRow(['grown']);
      return { empty: empty, mid: mid, max: sh.getMaxRows(), last: sh.getLastRow(), cols: sh.getMaxColumns() };`,
    );
    expect(r).toEqual({ empty: [0, 0, 'A1'], mid: [2, 3, 'A1:C2'], max: 1001, last: 1001, cols: 26 });
  });

  test('insertSheet duplicate name, sheet lookup, A1 with sheet names', () => {
    const emu = newEmu();
    const r = exec(emu, `${SHEET} ss.insertSheet('Gäster'); ss.getRange("'Gäster'!B2").setValue('x'); ss.insertSheet('Gäster');`);
    expect(r.error?.message).toBe('A sheet with the name "Gäster" already exists. Please enter another name.');
    expect(emu.sheetNames()).toEqual(['Blad1', 'Gäster']);
    expect(emu.sheetValues('Gäster')).toEqual([['', ''], ['', 'x']]);
    expect(run(emu, `return SpreadsheetApp.getActive().getSheetByName('Nope');`)).toBeNull();
  });

  test('insertRowsAfter / deleteRows shift content; offset; clearContent keeps format', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      sh.getRange('A1:A3').setValues([[1], [2], [3]]);
      sh.insertRowsAfter(1, 2); var a = sh.getRange('A1:A5').getValues();
      sh.deleteRows(2, 2); var b = sh.getRange('A1:A3').getValues();
      var off = sh.getRange('A1').offset(1, 1, 2, 2).getA1Notation();
      sh.getRange('B1').setValue(5).setNumberFormat('0%'); sh.getRange('B1').clearContent();
      return { a: a, b: b, off: off, fmt: sh.getRange('B1').getNumberFormat(), v: sh.getRange('B1').getValue(), max: sh.getMaxRows() };`,
    );
    expect(r).toEqual({ a: [[1], [''], [''], [2], [3]], b: [[1], [2], [3]], off: 'B2:C3', fmt: '0%', v: '', max: 1000 });
  });

  test('data validation, protection, notes, styles are recorded', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      var rule = SpreadsheetApp.newDataValidation().requireValueInList(['Ja', 'Nej'], true).setAllowInvalid(false).setHelpText('Ja eller Nej').build();
      sh.getRange('C2:C10').setDataValidation(rule);
      var dv = sh.getRange('C5').getDataValidation();
      var p = sh.protect().setDescription('Logg').setWarningOnly(true);
      sh.getRange('A1').setNote('n').setBackground('#eee').setFontWeight('bold');
      sh.setFrozenRows(1); sh.setColumnWidth(2, 240); sh.setTabColor('#ff0000'); sh.hideSheet();
      return { type: dv.getCriteriaType(), vals: dv.getCriteriaValues(), allow: dv.getAllowInvalid(), help: dv.getHelpText(),
        none: sh.getRange('D5').getDataValidation(), prot: sh.getProtections(SpreadsheetApp.ProtectionType.SHEET).map(function (x) { return [x.getDescription(), x.isWarningOnly()]; }),
        note: sh.getRange('A1').getNote(), frozen: sh.getFrozenRows() };`,
    );
    expect(r).toEqual({ type: 'VALUE_IN_LIST', vals: [['Ja', 'Nej'], true], allow: false, help: 'Ja eller Nej', none: null, prot: [['Logg', true]], note: 'n', frozen: 1 });
    const st = emu.state.spreadsheet.sheets[0];
    expect(st.dataValidations[0]).toMatchObject({ a1: 'C2:C10', rule: { values: ['Ja', 'Nej'], allowInvalid: false } });
    expect(st.columnWidths['2']).toBe(240);
    expect(st.hidden).toBe(true);
    expect(st.tabColor).toBe('#ff0000');
  });
});

describe('display values', () => {
  test('sv_SE kronor, percent, integers, text, booleans, general', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      sh.getRange('A1:H1').setValues([[800000, 0.125, 0.5, 1234.56, 'text', true, 1.5, -1234.5]]);
      sh.getRange('A1:H1').setNumberFormats([['#,##0.00 "kr"', '0.0%', '0%', '0', '@', 'General', 'General', '#,##0.00 "kr"']]);
      return sh.getRange('A1:H1').getDisplayValues()[0];`,
    );
    expect(r).toEqual(['800\u00a0000,00 kr', '12,5%', '50%', '1235', 'text', 'TRUE', '1,5', '-1\u00a0234,50 kr']);
  });

  test('dates in Europe/Stockholm including DST', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      var summer = new Date(Date.UTC(2009, 5, 30, 22, 30)); // 00:30 CEST on 1 July
      var winter = new Date(Date.UTC(2009, 11, 7, 23, 15)); // 00:15 CET on 8 Dec
      sh.getRange('A1:D1').setValues([[summer, summer, winter, winter]]);
      sh.getRange('A1:D1').setNumberFormats([['yyyy-mm-dd', 'yyyy-mm-dd hh:mm', 'hh:mm', 'yyyy-mm-dd hh:mm']]);
      sh.getRange('A2').setValue('2009-12-08');
      return [sh.getRange('A1:D1').getDisplayValues()[0], sh.getRange('A2').getDisplayValue(), sh.getRange('A2').getValue().toISOString()];`,
    );
    expect(r).toEqual([['2009-07-01', '2009-07-01 00:30', '00:15', '2009-12-08 00:15'], '2009-12-08', '2009-12-07T23:00:00.000Z']);
  });
});
