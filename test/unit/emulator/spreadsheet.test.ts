import { cellStyle, exec, formatsInRow, newEmu, run, SHEET, shown } from './helpers';

describe('Range value semantics', () => {
  test('apostrophe, formula, numeric strings, text, booleans, dates', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      // The default spreadsheet is sv_SE: "1,5" is one and a half (locale.test.ts has the other locales).
      sh.getRange(1, 1, 1, 8).setValues([["'=1+1", '=A2*2', '12', '-5', '+5', '1,5', 'abc', "'0012"]]);
      sh.getRange('A2:C2').setValues([[true, new Date(Date.UTC(2009, 11, 7, 12)), 3.25]]);
      return { v: sh.getRange('A1:H2').getValues(),
               isDate: sh.getRange('B2').getValues()[0][0] instanceof Date, types: sh.getRange('A1:H1').getValues()[0].map(function (x) { return typeof x; }) };`,
    ) as { v: unknown[][]; isDate: boolean; types: string[] };
    expect(r.v[0]).toEqual(['=1+1', 2, 12, -5, 5, 1.5, 'abc', '0012']); // =A2*2 with A2 = TRUE, evaluated when read
    expect(r.types).toEqual(['string', 'number', 'number', 'number', 'number', 'number', 'string', 'string']);
    expect(['A1', 'B1', 'C1'].map((a1) => cellStyle(emu, a1).formula)).toEqual(['', '=A2*2', '']);
    expect(r.v[1][0]).toBe(true);
    expect(r.v[1][1]).toEqual(new Date(Date.UTC(2009, 11, 7, 12)));
    expect(r.isDate).toBe(true);
  });

  test('getValues returns copies (mutating a Date does not change the cell)', () => {
    const emu = newEmu();
    const r = run(emu, `${SHEET} sh.getRange('A1').setValues([[new Date(0)]]); var d = sh.getRange('A1').getValues()[0][0]; d.setFullYear(2000); return sh.getRange('A1').getValues()[0][0].getTime();`);
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

  test('getLastRow / getLastColumn / getDataRange / getMaxRows / getMaxColumns', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      var size = function (rg) { return [rg.getRow(), rg.getColumn(), rg.getNumRows(), rg.getNumColumns()]; };
      var empty = [sh.getLastRow(), sh.getLastColumn(), size(sh.getDataRange())];
      sh.getRange(1, 1, 2, 3).setValues([['a', 1, ''], ['b', 2, '=B2']]);
      sh.getRange('E10').setNumberFormat('0'); // format only: not content
      var mid = [sh.getLastRow(), sh.getLastColumn(), size(sh.getDataRange()), sh.getDataRange().getValues()];
      sh.getRange('A1000').setValues([['end']]);
      return { empty: empty, mid: mid, max: sh.getMaxRows(), last: sh.getLastRow(), cols: sh.getMaxColumns() };`,
    );
    expect(r).toEqual({ empty: [0, 0, [1, 1, 1, 1]], mid: [2, 3, [1, 1, 2, 3], [['a', 1, ''], ['b', 2, 2]]], max: 1000, last: 1000, cols: 26 });
  });

  // developers.google.com/apps-script/reference/spreadsheet/sheet#getsheetvaluesstartrow,-startcolumn,-numrows,-numcolumns:
  // "A -1 value given as the row or column position is equivalent to getting the very last row or column that has data".
  test('getSheetValues: -1 reaches the last row and column with data, as the data range does; one range read', () => {
    const emu = newEmu();
    const out = exec(
      emu,
      `${SHEET}
      sh.getRange(1, 1, 2, 3).setValues([['a', 1, ''], ['b', 2, 'x']]);
      sh.getRange('B7').setValues([['far']]);
      sh.getRange('E10').setNumberFormat('0'); // format only: not content
      var all = sh.getSheetValues(1, 1, -1, -1);
      return { all: all, same: JSON.stringify(all) === JSON.stringify(sh.getDataRange().getValues()),
               from2: sh.getSheetValues(2, 2, -1, 1), fixed: sh.getSheetValues(1, 1, 2, 2) };`,
    );
    const r = out.result as { all: unknown[][]; same: boolean; from2: unknown[][]; fixed: unknown[][] };
    expect(r.all).toHaveLength(7); // nothing missed: the row far below the others is in
    expect(r.all[6]).toEqual(['', 'far', '']);
    expect(r.same).toBe(true);
    expect(r.from2).toEqual([[2], [''], [''], [''], [''], ['far']]);
    expect(r.fixed).toEqual([['a', 1], ['b', 2]]);
    expect(out.calls.byMethod['Sheet.getSheetValues']).toBe(3);
    expect(out.calls.rangeReads).toBe(4); // three getSheetValues, one getDataRange().getValues()
    // An empty sheet has no last row: a range of no rows, refused as getRange refuses one (not sourced).
    const empty = exec(emu, `var ss = SpreadsheetApp.getActiveSpreadsheet(); return ss.insertSheet('Tom').getSheetValues(1, 1, -1, -1);`);
    expect(empty.error?.message).toBe('The number of rows in the range must be at least 1.');
  });

  test('insertSheet duplicate name, sheet lookup', () => {
    const emu = newEmu();
    const r = exec(emu, `${SHEET} ss.insertSheet('Gäster'); ss.getSheetByName('Gäster').getRange('B2').setValues([['x']]); ss.insertSheet('Gäster');`);
    expect(r.error?.message).toBe('A sheet with the name "Gäster" already exists. Please enter another name.');
    expect(emu.sheetNames()).toEqual(['Blad1', 'Gäster']);
    expect(emu.sheetValues('Gäster')).toEqual([['', ''], ['', 'x']]);
    expect(run(emu, `return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Nope');`)).toBeNull();
  });

  test('insertRowsAfter shifts content down; a value written later keeps the format', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      sh.getRange('A1:A3').setValues([[1], [2], [3]]);
      sh.insertRowsAfter(1, 2); var a = sh.getRange('A1:A5').getValues();
      sh.getRange('B1').setNumberFormat('0%').setValues([[0.5]]);
      return { a: a, max: sh.getMaxRows() };`,
    );
    expect(r).toEqual({ a: [[1], [''], [''], [2], [3]], max: 1002 });
    expect([cellStyle(emu, 'B1').fmt, shown(emu, 'B1')]).toEqual(['0%', [['50%']]]);
    expect(exec(emu, `${SHEET} sh.insertRowsAfter(1003, 1);`).error?.message).toBe('Those rows are out of bounds.');
  });

  // Range.setNumberFormat(numberFormat) "Sets the number or date format to the given formatting string"
  // (developers.google.com/apps-script/reference/spreadsheet/range#setNumberFormat(String)); a format
  // alone is no content: getLastRow() is "the position of the last row that has content"
  // (.../sheet#getLastRow()). The emulator keeps a whole column's format as one band: what a script
  // sees must be what it saw when every format-only cell was stored.
  test('a format over a whole column: no content, every cell in it formatted, moved with deleted and inserted rows', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      sh.getRange(2, 1, sh.getMaxRows() - 1, 1).setNumberFormat('0%');
      var empty = { last: sh.getLastRow(), lastCol: sh.getLastColumn(), v: sh.getRange('A500').getValues()[0][0] };
      sh.getRange('A1:A3').setValues([['x'], [0.25], [0.5]]);
      sh.getRange('A3').setNumberFormat('0.0%'); // a cell's own format, newer than the column's
      sh.insertRowsAfter(3, 2); // rows 4 and 5 are new: unformatted, as the emulator's inserted rows always were
      sh.getRange('A4:A6').setValues([[0.75], [1], [0.12]]);
      return { empty: empty, last: sh.getLastRow(), max: sh.getMaxRows() };`,
    );
    expect(r).toEqual({ empty: { last: 0, lastCol: 0, v: '' }, last: 6, max: 1002 });
    expect(shown(emu, 'A1:A6')).toEqual([['x'], ['25%'], ['50,0%'], ['0,75'], ['1'], ['12%']]);
    expect(['A1', 'A2', 'A3', 'A4', 'A6', 'A1002'].map((a1) => cellStyle(emu, a1).fmt)).toEqual(['General', '0%', '0.0%', 'General', '0%', '0%']);
    // A person deletes rows 2–4: the rows below move up with their formats.
    expect(emu.deleteRows('Blad1', 2, 3)).toEqual({});
    expect([shown(emu, 'A1:A3'), run(emu, `${SHEET} return [sh.getMaxRows(), sh.getLastRow()];`)]).toEqual([[['x'], ['1'], ['12%']], [999, 3]]);
    // A cleared cell keeps its column's format, and is no content.
    run(emu, `${SHEET} sh.getRange('A3').setValues([['']]);`);
    expect([cellStyle(emu, 'A3').fmt, cellStyle(emu, 'A2').fmt, cellStyle(emu, 'A999').fmt, run(emu, `${SHEET} return sh.getLastRow();`)]).toEqual(['0%', 'General', '0%', 2]);
    // A later format over part of the column wins there, and only there.
    run(emu, `${SHEET} sh.getRange('A3:A4').setNumberFormat('0.00'); sh.getRange('A3').setValues([[0.5]]);`);
    expect([shown(emu, 'A3'), cellStyle(emu, 'A5').fmt]).toEqual([[['0,50']], '0%']);
  });

  // Sheet.insertColumnsAfter(afterPosition, howMany) "Inserts a number of columns after the given column
  // position"; the add-on grows a sheet with it when a table gains columns (src/gas/setup.ts appendColumns).
  test('insertColumnsAfter shifts content, widths, validations and range protections right; grows the sheet', () => {
    const emu = newEmu({ owner: 'owner@example.org', defaultUser: 'owner@example.org' });
    run(emu, `${SHEET}
      sh.getRange('A1:C1').setValues([['a', 'b', 'c']]); sh.setColumnWidth(2, 240);
      sh.getRange('B2:C3').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Ja']).build());
      var p = sh.getRange('B4:C4').protect(); p.removeEditors(p.getEditors());
      sh.insertColumnsAfter(1, 2);`);
    const st = emu.state.spreadsheet.sheets[0];
    expect(emu.sheetValues('Blad1')[0]).toEqual(['a', '', '', 'b', 'c']);
    expect([st.maxCols, st.columnWidths]).toEqual([28, { '4': 240 }]);
    expect(st.dataValidations.map((d) => [d.a1, d.col, d.numCols])).toEqual([['D2:E3', 4, 2]]);
    expect(st.protections.map((p) => p.a1)).toEqual(['D4:E4']);
    // After the last column (the add-on's case): only the size changes.
    expect(run(emu, `${SHEET} sh.insertColumnsAfter(sh.getMaxColumns(), 3); return sh.getMaxColumns();`)).toBe(31);
    expect(exec(emu, `${SHEET} sh.insertColumnsAfter(32, 1);`).error?.message).toBe('Those columns are out of bounds.');
    // Inside the protected range, by someone it doesn't list: refused; at its edge: fine.
    expect(exec(emu, `${SHEET} sh.insertColumnsAfter(4, 1);`, { user: 'eva@example.org' }).error?.message).toMatch(/protected cell/);
    run(emu, `${SHEET} sh.insertColumnsAfter(5, 1);`, { user: 'eva@example.org' });
    expect(emu.state.spreadsheet.sheets[0].protections.map((p) => p.a1)).toEqual(['D4:E4']);
  });

  test('data validation, protection, styles, charts and conditional formats are recorded', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      var rule = SpreadsheetApp.newDataValidation().requireValueInList(['Ja', 'Nej'], true).setAllowInvalid(false).setHelpText('Ja eller Nej').build();
      sh.getRange('C2:C10').setDataValidation(rule);
      var other = ss.insertSheet('Listor');
      sh.getRange('D2:D3').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInRange(other.getRange('A2:A9')).build());
      var p = sh.protect().setDescription('Logg').setWarningOnly(true);
      sh.getRange('A1').setFontWeight('bold');
      sh.setFrozenRows(1); sh.setColumnWidth(2, 240);
      sh.insertChart(sh.newChart().asColumnChart().addRange(sh.getRange('A1:A5')).addRange(sh.getRange('B1:B5')).setNumHeaders(1).setPosition(2, 4, 0, 0).setOption('title', 'Budget').build());
      sh.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$A1>1').setBackground('#fce8e6').setFontColor('#a50e0e').setRanges([sh.getRange('A1:B9')]).build()]);
      return sh.getProtections(SpreadsheetApp.ProtectionType.SHEET).map(function (x) { return [x.getDescription(), x.isWarningOnly()]; });`,
    );
    expect(r).toEqual([['Logg', true]]);
    const st = emu.state.spreadsheet.sheets[0];
    expect(st.dataValidations.map((d) => [d.a1, d.rule])).toEqual([
      ['C2:C10', { criteria: 'VALUE_IN_LIST', values: ['Ja', 'Nej'], showDropdown: true, allowInvalid: false, helpText: 'Ja eller Nej' }],
      ['D2:D3', { criteria: 'VALUE_IN_RANGE', sourceA1: 'Listor!A2:A9', showDropdown: true, allowInvalid: true }],
    ]);
    expect([st.frozenRows, st.columnWidths['2'], cellStyle(emu, 'A1').bold]).toEqual([1, 240, true]);
    expect(st.charts).toEqual([{ id: 'c1', type: 'COLUMN', ranges: ['A1:A5', 'B1:B5'], row: 2, col: 4, numHeaders: 1, options: { title: 'Budget' } }]);
    expect(st.conditionalFormats).toEqual([{ ranges: ['A1:B9'], formula: '=$A1>1', background: '#fce8e6', fontColor: '#a50e0e' }]);
  });

  test('charts on a sheet are listed with their options and removed one by one; formulas are read as written', () => {
    // developers.google.com/apps-script/reference/spreadsheet/sheet#getCharts(), #removeChart(EmbeddedChart),
    // …/embedded-chart#getOptions(), …/charts/chart-options#get(String), …/spreadsheet/range#getFormulas()
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      var add = function (title) { sh.insertChart(sh.newChart().asColumnChart().addRange(sh.getRange('A1:B5')).setOption('title', title).build()); };
      add('Gammal'); add('Egen');
      var titles = function () { return sh.getCharts().map(function (c) { return c.getOptions().get('title'); }); };
      var before = titles();
      var none = sh.getCharts()[0].getOptions().get('width');
      sh.removeChart(sh.getCharts()[0]);
      add('Ny');
      sh.getRange('A1:C1').setValues([['=1+1', 'text', "'=literal"]]);
      return { before: before, none: none, after: titles(), formulas: sh.getRange('A1:D1').getFormulas() };`,
    ) as { before: string[]; none: unknown; after: string[]; formulas: string[][] };
    expect(r).toEqual({ before: ['Gammal', 'Egen'], none: null, after: ['Egen', 'Ny'], formulas: [['=1+1', '', '', '']] });
    expect(emu.state.spreadsheet.sheets[0].charts?.map((c) => c.id)).toEqual(['c2', 'c3']); // ids are not reused
  });

  test('conditional format rules are read back with their ranges, and set again as they were', () => {
    // developers.google.com/apps-script/reference/spreadsheet/sheet#getConditionalFormatRules(), …/conditional-format-rule#getRanges()
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      var rule = function (a1) { return SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=A1>1').setBackground('#fce8e6').setRanges([sh.getRange(a1)]).build(); };
      sh.setConditionalFormatRules([rule('A1:B9'), rule('L6:L8')]);
      var read = sh.getConditionalFormatRules();
      sh.setConditionalFormatRules(read.filter(function (x) { return x.getRanges()[0].getColumn() > 10; }));
      return read.map(function (x) { return x.getRanges().map(function (g) { return [g.getRow(), g.getColumn(), g.getNumRows(), g.getNumColumns()]; }); });`,
    );
    expect(r).toEqual([[[1, 1, 9, 2]], [[6, 12, 3, 1]]]);
    expect(emu.state.spreadsheet.sheets[0].conditionalFormats).toEqual([{ ranges: ['L6:L8'], formula: '=A1>1', background: '#fce8e6' }]);
  });
});

describe('display values', () => {
  test('sv_SE kronor, percent, integers, text, booleans, general', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      sh.getRange('A1:H1').setValues([[800000, 0.125, 0.5, 1234.56, 'text', true, 1.5, -1234.5]]);
      ${formatsInRow(1, ['#,##0.00 "kr"', '0.0%', '0%', '0', '@', 'General', 'General', '#,##0.00 "kr"'])}`,
    );
    expect(r).toBeUndefined();
    expect(shown(emu, 'A1:H1')[0]).toEqual(['800\u00a0000,00 kr', '12,5%', '50%', '1235', 'text', 'TRUE', '1,5', '-1\u00a0234,50 kr']);
  });

  test('dates in Europe/Stockholm including DST', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      var summer = new Date(Date.UTC(2009, 5, 30, 22, 30)); // 00:30 CEST on 1 July
      var winter = new Date(Date.UTC(2009, 11, 7, 23, 15)); // 00:15 CET on 8 Dec
      sh.getRange('A1:D1').setValues([[summer, summer, winter, winter]]);
      ${formatsInRow(1, ['yyyy-mm-dd', 'yyyy-mm-dd hh:mm', 'hh:mm', 'yyyy-mm-dd hh:mm'])}
      sh.getRange('A2').setValues([['2009-12-08']]);
      return sh.getRange('A2').getValues()[0][0].toISOString();`,
    );
    expect(r).toBe('2009-12-07T23:00:00.000Z');
    expect([shown(emu, 'A1:D1')[0], shown(emu, 'A2')[0][0]]).toEqual([['2009-07-01', '2009-07-01 00:30', '00:15', '2009-12-08 00:15'], '2009-12-08']);
  });
});
