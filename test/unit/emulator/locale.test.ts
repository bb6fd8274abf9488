/**
 * The spreadsheet's own time zone and locale, separate from the script's; strings typed by a person
 * or written by a script read by that locale in that zone; the 50 000-character cell limit.
 *
 * References (cited again at each test):
 * - SS  = developers.google.com/apps-script/reference/spreadsheet/spreadsheet (get/setSpreadsheetTimeZone,
 *         get/setSpreadsheetLocale; a zone mismatch "a frequent source of scripting bugs")
 * - VIO = developers.google.com/sheets/api/reference/rest/v4/ValueInputOption (USER_ENTERED: "parsed
 *         as if the user typed them into the UI … strings may be converted to numbers, dates")
 * - LOC = benlcollins.com/spreadsheets/sheets-location (decimal comma in most of Europe, point in US/UK)
 * - CLDR short dates: en_US M/d/y, en_GB dd/MM/y; sv_SE groups with a no-break space
 * - YR  = thebricks.com/resources/guide-how-to-write-1-2-in-google-sheets (1/2 → a date "within the current year")
 * - SQ  = github.com/vlucas/sheetquery/issues/20 (setValue('01234') → 1234, '22 34' → a number)
 * - TZ  = tmdean.blogspot.com/2015/06 (serials counted "using the time zone set in the spreadsheet")
 * - MAX = github.com/freelabz/secator/issues/96 and bellingcat/auto-archiver logs ("Your input contains
 *         more than the maximum of 50000 characters in a single cell.")
 * Decisions (no source found): in sv_SE "1.5" and slash dates stay text; thousands groups are of
 * three digits; currency only with the locale's own symbol.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, type EmulatorOptions } from '../../../src/sandbox/emulator/runtime';
import { EmulatorStoreError, createInitialState, parseState, serializeState } from '../../../src/sandbox/emulator/store';
import { CELL_TOO_LONG_MESSAGE } from '../../../src/sandbox/emulator/values';
import { cellStyle, exec, formatsInRow, newEmu, run, SHEET, shown } from './helpers';

const NOOP = 'function nothing() {}';
const utc = (iso: string) => new Date(iso);

/** Each input written with setValues into row 1 (and typed by a person into row 2); what the cells hold. */
function written(opts: EmulatorOptions, inputs: string[]): { script: unknown[]; person: unknown[] } {
  const emu = newEmu(opts);
  const n = inputs.length;
  run(emu, `${SHEET} sh.getRange(1, 1, 1, ${n}).setValues([${JSON.stringify(inputs)}]);`);
  const r = emu.fireEdit(NOOP, { sheet: 'Blad1', row: 2, col: 1, numRows: 1, numCols: n, values: [inputs], kind: 'paste' });
  expect(r.rejected).toBeUndefined();
  const v = run(emu, `${SHEET} return sh.getRange(1, 1, 2, ${n}).getValues();`) as unknown[][];
  return { script: v[0], person: v[1] };
}

describe('the spreadsheet has its own time zone and locale (SS)', () => {
  // SS: getSpreadsheetTimeZone()/getSpreadsheetLocale(); the script's zone is Session.getScriptTimeZone().
  test('defaults: Europe/Stockholm and sv_SE; the spreadsheet follows the script zone option unless told otherwise', () => {
    const plain = newEmu();
    expect(run(plain, `${SHEET} return [ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale(), Session.getScriptTimeZone()];`)).toEqual([
      'Europe/Stockholm',
      'sv_SE',
      'Europe/Stockholm',
    ]);
    const scriptZone = newEmu({ timeZone: 'America/New_York' });
    expect(run(scriptZone, `${SHEET} return [ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale()];`)).toEqual(['America/New_York', 'sv_SE']);
  });

  test('spreadsheetTimeZone / spreadsheetLocale set a new spreadsheet apart from the script', () => {
    const emu = newEmu({ timeZone: 'Europe/Stockholm', spreadsheetTimeZone: 'Etc/GMT', spreadsheetLocale: 'en_US' });
    expect(run(emu, `${SHEET} return [ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale(), Session.getScriptTimeZone()];`)).toEqual([
      'Etc/GMT',
      'en_US',
      'Europe/Stockholm',
    ]);
  });

  test('a bad option is refused when the emulator is made', () => {
    expect(() => newEmu({ spreadsheetTimeZone: 'Mars/Olympus' })).toThrow('Unknown time zone for the spreadsheet: Mars/Olympus');
    expect(() => newEmu({ spreadsheetLocale: 'svenska' })).toThrow(/Unknown locale for the spreadsheet: svenska/);
  });

  test('a given or saved state keeps its own zone and locale; the options are for a new spreadsheet only', () => {
    const initial = createInitialState({ timeZone: 'Asia/Tokyo', locale: 'en_GB' });
    const emu = newEmu({ initialState: initial, spreadsheetTimeZone: 'Etc/GMT', spreadsheetLocale: 'en_US' });
    expect(run(emu, `${SHEET} return [ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale()];`)).toEqual(['Asia/Tokyo', 'en_GB']);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-locale-'));
    const file = path.join(dir, 'state.json');
    const a = newEmu({ storeFile: file, spreadsheetTimeZone: 'America/New_York', spreadsheetLocale: 'en_US' });
    a.save();
    const b = new Emulator({ storeFile: file, spreadsheetTimeZone: 'Europe/Stockholm', spreadsheetLocale: 'sv_SE' });
    expect([b.state.spreadsheet.timeZone, b.state.spreadsheet.locale]).toEqual(['America/New_York', 'en_US']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a stored state without them loads with the defaults; a wrong one is refused', () => {
    const raw = JSON.parse(serializeState(createInitialState({ timeZone: 'Etc/GMT', locale: 'en_US' })));
    expect(parseState(JSON.stringify(raw)).spreadsheet).toMatchObject({ timeZone: 'Etc/GMT', locale: 'en_US' });
    delete raw.spreadsheet.timeZone;
    delete raw.spreadsheet.locale;
    expect(parseState(JSON.stringify(raw)).spreadsheet).toMatchObject({ timeZone: 'Europe/Stockholm', locale: 'sv_SE' });
    raw.spreadsheet.timeZone = 'Nowhere/Else';
    expect(() => parseState(JSON.stringify(raw))).toThrow(EmulatorStoreError);
  });

  test('setSpreadsheetTimeZone / setSpreadsheetLocale change them and are saved', () => {
    // SS: setSpreadsheetTimeZone(timezone) "Sets the time zone for the spreadsheet"; setSpreadsheetLocale(locale) "Sets the spreadsheet locale".
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-locale-'));
    const file = path.join(dir, 'state.json');
    const emu = newEmu({ storeFile: file });
    run(emu, `${SHEET} ss.setSpreadsheetTimeZone('Etc/GMT'); ss.setSpreadsheetLocale('en_GB');`);
    expect(run(emu, `${SHEET} return [ss.getSpreadsheetTimeZone(), ss.getSpreadsheetLocale(), Session.getScriptTimeZone()];`)).toEqual([
      'Etc/GMT',
      'en_GB',
      'Europe/Stockholm',
    ]);
    const again = new Emulator({ storeFile: file });
    expect([again.state.spreadsheet.timeZone, again.state.spreadsheet.locale]).toEqual(['Etc/GMT', 'en_GB']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('unknown zones and locales are refused and change nothing; a custom function may not change them', () => {
    // SS; the messages for a bad zone/locale are not sourced. Custom functions: Spreadsheet is read-only,
    // "not set*()" (developers.google.com/apps-script/guides/sheets/functions).
    const emu = newEmu();
    expect(exec(emu, `${SHEET} ss.setSpreadsheetTimeZone('Mars/Olympus');`).error?.message).toBe('Invalid argument: timezone');
    expect(exec(emu, `${SHEET} ss.setSpreadsheetLocale('english');`).error?.message).toBe('Invalid argument: locale');
    const cf = exec(emu, `${SHEET} ss.setSpreadsheetTimeZone('Etc/GMT');`, { authMode: 'CUSTOM_FUNCTION' });
    expect(cf.error?.message).toBe('You do not have permission to call setSpreadsheetTimeZone');
    const cl = exec(emu, `${SHEET} ss.setSpreadsheetLocale('en_US');`, { authMode: 'CUSTOM_FUNCTION' });
    expect(cl.error?.message).toBe('You do not have permission to call setSpreadsheetLocale');
    expect([emu.state.spreadsheet.timeZone, emu.state.spreadsheet.locale]).toEqual(['Europe/Stockholm', 'sv_SE']);
  });

  test('changing the zone keeps what each date cell reads on the wall clock, so its instant moves (TZ)', () => {
    // TZ: cells hold serial numbers counted in the spreadsheet's zone; getValues() turns them into instants in it.
    const emu = newEmu();
    run(
      emu,
      `${SHEET}
      sh.getRange('A1').setValues([['2009-12-08']]);
      sh.getRange('A2').setValues([[new Date(Date.UTC(2009, 11, 7, 12))]]).setNumberFormat('yyyy-mm-dd hh:mm');`,
    );
    expect(shown(emu, 'A1:A2')).toEqual([['2009-12-08'], ['2009-12-07 13:00']]);
    const at = run(
      emu,
      `${SHEET} ss.setSpreadsheetTimeZone('America/New_York');
      return sh.getRange('A1:A2').getValues().map(function (r) { return r[0].toISOString(); });`,
    );
    expect(shown(emu, 'A1:A2')).toEqual([['2009-12-08'], ['2009-12-07 13:00']]);
    expect(at).toEqual(['2009-12-08T05:00:00.000Z', '2009-12-07T18:00:00.000Z']);
  });
});

describe('strings are read by the spreadsheet locale, as typed (VIO, LOC)', () => {
  // One row per input: what sv_SE, en_US and en_GB spreadsheets store for it, from a script's setValues and a person's paste alike.
  // Zones differ on purpose: a typed date is midnight in the SPREADSHEET's zone (script zone stays Stockholm).
  const SV = { spreadsheetLocale: 'sv_SE', spreadsheetTimeZone: 'Europe/Stockholm' };
  const US = { spreadsheetLocale: 'en_US', spreadsheetTimeZone: 'America/New_York' };
  const GB = { spreadsheetLocale: 'en_GB', spreadsheetTimeZone: 'Europe/London' };
  const TABLE: [string, unknown, unknown, unknown][] = [
    // input        sv_SE                         en_US                             en_GB
    ['1,5', 1.5, '1,5', '1,5'], // LOC: decimal comma vs point
    ['1.5', '1.5', 1.5, 1.5], // LOC; sv_SE text is a decision
    ['1 000', 1000, '1 000', '1 000'], // CLDR sv grouping (space typed)
    ['1\u00a0000', 1000, '1\u00a0000', '1\u00a0000'], // no-break space, as Sheets itself shows it
    ['-1 234,5', -1234.5, '-1 234,5', '-1 234,5'],
    ['1,000', 1, 1000, 1000], // the same keys, a thousand times apart
    ['1,000.5', '1,000.5', 1000.5, 1000.5],
    ['1,00', 1, '1,00', '1,00'], // groups are three digits (decision)
    [',5', 0.5, ',5', ',5'],
    ['.5', '.5', 0.5, 0.5],
    ['0012', 12, 12, 12], // SQ
    ['1e3', 1000, 1000, 1000],
    ['12%', 0.12, 0.12, 0.12],
    ['12,5%', 0.125, '12,5%', '12,5%'],
    ['12.5%', '12.5%', 0.125, 0.125],
    ['1 000 kr', 1000, '1 000 kr', '1 000 kr'], // the locale's own currency only (decision)
    ['$1,000.50', '$1,000.50', 1000.5, '$1,000.50'],
    ['£5', '£5', '£5', 5],
    ['TRUE', true, true, true],
    ['2009-12-08', utc('2009-12-07T23:00:00Z'), utc('2009-12-08T05:00:00Z'), utc('2009-12-08T00:00:00Z')], // ISO everywhere
    ['12/8/2009', '12/8/2009', utc('2009-12-08T05:00:00Z'), utc('2009-08-11T23:00:00Z')], // CLDR M/d/y vs dd/MM/y
    ['8/12/2009', '8/12/2009', utc('2009-08-12T04:00:00Z'), utc('2009-12-08T00:00:00Z')],
    ['13/8/2009', '13/8/2009', '13/8/2009', utc('2009-08-12T23:00:00Z')], // no 13th month: text in en_US
    ['1/2', '1/2', utc('2009-01-02T05:00:00Z'), utc('2009-02-01T00:00:00Z')], // YR: the current year (clock: 2009-12-07)
    ["'1,5", '1,5', '1,5', '1,5'], // an apostrophe keeps text in every locale
  ];
  const inputs = TABLE.map((r) => r[0]);

  test.each([
    ['sv_SE', SV, 1],
    ['en_US', US, 2],
    ['en_GB', GB, 3],
  ] as const)('%s', (_name, opts, col) => {
    const got = written({ ...opts, timeZone: 'Europe/Stockholm' }, inputs);
    const want = TABLE.map((r) => r[col]);
    const pairs = (xs: unknown[]) => inputs.map((input, i) => [input, xs[i]]);
    expect(pairs(got.script)).toEqual(pairs(want));
    expect(pairs(got.person)).toEqual(pairs(want));
  });

  test('changing the locale changes how later strings are read, not what is stored', () => {
    // SS setSpreadsheetLocale; VIO: parsing happens on entry.
    const emu = newEmu();
    const r = run(
      emu,
      `${SHEET}
      sh.getRange('A1').setValues([['1,5']]);
      ss.setSpreadsheetLocale('en_US');
      sh.getRange('A2').setValues([['1,5']]);
      sh.getRange('A3').setValues([['1.5']]);
      return sh.getRange('A1:A3').getValues();`,
    );
    expect(r).toEqual([[1.5], ['1,5'], [1.5]]);
  });

  test('a typed date is midnight in the spreadsheet zone, not the script zone', () => {
    // SS: the two zones differ; VIO: typed "2009-12-08" becomes a date.
    const emu = newEmu({ timeZone: 'Asia/Tokyo', spreadsheetTimeZone: 'Etc/GMT', spreadsheetLocale: 'en_US' });
    emu.fireEdit(NOOP, { sheet: 'Blad1', a1: 'A1', values: [['2009-12-08']] });
    emu.fireEdit(NOOP, { sheet: 'Blad1', a1: 'A2', values: [['12/8/2009 14:30']] });
    const r = run(emu, `${SHEET} return [Session.getScriptTimeZone(), sh.getRange('A1').getValues()[0][0].toISOString(), sh.getRange('A2').getValues()[0][0].toISOString()];`);
    expect(r).toEqual(['Asia/Tokyo', '2009-12-08T00:00:00.000Z', '2009-12-08T14:30:00.000Z']);
  });

  test('a strict validation judges the value as the locale reads it', () => {
    // A person's typed "1,5" in en_US is text, so a list of numbers refuses it (data validation, Range.setDataValidation).
    const emu = newEmu({ spreadsheetLocale: 'en_US' });
    run(emu, `${SHEET} sh.getRange('A1').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['1.5']).setAllowInvalid(false).build());`);
    expect(emu.fireEdit(NOOP, { sheet: 'Blad1', a1: 'A1', values: [['1,5']] }).rejected).toMatch(/^data validation/);
    expect(emu.fireEdit(NOOP, { sheet: 'Blad1', a1: 'A1', values: [['1.5']] }).rejected).toBeUndefined();
  });

  test('Sheets API: USER_ENTERED reads by the locale, RAW stores the strings (VIO)', () => {
    const emu = newEmu({ spreadsheetLocale: 'en_GB', spreadsheetTimeZone: 'Etc/GMT' });
    emu.apiUpdate('Blad1!A1', [['1,000', '8/12/2009', '1,5']]);
    emu.apiUpdate('Blad1!A2', [['1,000', '8/12/2009']], { valueInputOption: 'RAW' });
    expect(emu.sheetValues('Blad1')).toEqual([
      [1000, utc('2009-12-08T00:00:00Z'), '1,5'],
      ['1,000', '8/12/2009', ''],
    ]);
  });
});

describe('display follows the spreadsheet locale and zone', () => {
  test('number formats use the locale separators (LOC)', () => {
    const emu = newEmu();
    const show = () => shown(emu, 'A1:C1')[0];
    run(emu, `${SHEET} sh.getRange('A1:C1').setValues([[1234.5, 1.5, 0.125]]); ${formatsInRow(1, ['#,##0.00', 'General', '0.0%'])}`);
    expect(show()).toEqual(['1\u00a0234,50', '1,5', '12,5%']);
    run(emu, `${SHEET} ss.setSpreadsheetLocale('en_US');`);
    expect(show()).toEqual(['1,234.50', '1.5', '12.5%']);
  });

  test('typed slash dates and currency keep a format that shows them as typed', () => {
    // CLDR short dates; the currency formats are the emulator's choice.
    const us = newEmu({ spreadsheetLocale: 'en_US' });
    us.fireEdit(NOOP, { sheet: 'Blad1', row: 1, col: 1, values: [['12/8/2009', '$1,000.50', '-$5']] });
    expect(shown(us, 'A1:C1')[0]).toEqual(['12/8/2009', '$1,000.50', '-$5.00']);
    const gb = newEmu({ spreadsheetLocale: 'en_GB' });
    gb.fireEdit(NOOP, { sheet: 'Blad1', row: 1, col: 1, values: [['8/12/2009', '£5']] });
    expect(shown(gb, 'A1:B1')[0]).toEqual(['08/12/2009', '£5.00']);
    const sv = newEmu();
    sv.fireEdit(NOOP, { sheet: 'Blad1', row: 1, col: 1, values: [['1 000,5 kr']] });
    expect([shown(sv, 'A1')[0][0], cellStyle(sv, 'A1').fmt]).toEqual(['1\u00a0000,50 kr', '#,##0.00 "kr"']);
  });

  test('date formats with slashes and AM/PM display in the spreadsheet zone', () => {
    const emu = newEmu({ spreadsheetTimeZone: 'America/New_York' });
    run(
      emu,
      `${SHEET}
      var d = new Date(Date.UTC(2009, 11, 8, 19, 30)); // 14:30 in New York
      sh.getRange('A1:C1').setValues([[d, d, d]]); ${formatsInRow(1, ['dd/mm/yyyy', 'M/d/yyyy h:mm', 'h:mm AM/PM'])}`,
    );
    expect(shown(emu, 'A1:C1')[0]).toEqual(['08/12/2009', '12/8/2009 14:30', '2:30 PM']);
  });

  test('formulas count dates in the spreadsheet zone (serial 40155 is 2009-12-08)', () => {
    // TZ: serial numbers from 1899-12-30 in the spreadsheet's zone.
    for (const zone of ['Europe/Stockholm', 'America/New_York']) {
      const emu = newEmu({ spreadsheetTimeZone: zone });
      expect(run(emu, `${SHEET} sh.getRange('A1:B1').setValues([['2009-12-08', '=A1*1']]); return sh.getRange('B1').getValues()[0][0];`)).toBe(40155);
    }
  });
});

describe('a cell holds at most 50 000 characters (MAX)', () => {
  const big = (n: number) => `'${'x'.repeat(n - 1)}`; // the input's length, apostrophe included (decision)

  test('setValues: 50 000 is fine, 50 001 throws Google\'s message', () => {
    const emu = newEmu();
    expect(run(emu, `${SHEET} sh.getRange('A1').setValues([[${JSON.stringify(big(50000))}]]); return sh.getRange('A1').getValues()[0][0].length;`)).toBe(49999);
    const r = exec(emu, `${SHEET} sh.getRange('A2').setValues([[${JSON.stringify('y'.repeat(50001))}]]);`);
    expect(r.error?.message).toBe(CELL_TOO_LONG_MESSAGE);
    expect(CELL_TOO_LONG_MESSAGE).toBe('Your input contains more than the maximum of 50000 characters in a single cell.');
    expect(emu.sheetValues('Blad1').length).toBe(1);
  });

  test('setValues writes nothing when one cell is too long', () => {
    const emu = newEmu();
    const long = JSON.stringify('y'.repeat(50001));
    expect(exec(emu, `${SHEET} sh.getRange('A1:B1').setValues([['kort', ${long}]]);`).error?.message).toBe(CELL_TOO_LONG_MESSAGE);
    expect(emu.sheetValues('Blad1')).toEqual([['']]);
  });

  test("a person's edit is refused with the message and changes nothing", () => {
    const emu = newEmu();
    const r = emu.fireEdit(NOOP, { sheet: 'Blad1', row: 1, col: 1, values: [['kort', 'y'.repeat(50001)]], kind: 'paste' });
    expect(r.rejected).toBe(CELL_TOO_LONG_MESSAGE);
    expect(emu.sheetValues('Blad1')).toEqual([['']]);
  });

  test('the Sheets API refuses the whole request, RAW too', () => {
    const emu = newEmu();
    const long = 'y'.repeat(50001);
    expect(() => emu.apiUpdate('Blad1!A1', [['kort', long]])).toThrow(CELL_TOO_LONG_MESSAGE);
    expect(() => emu.apiUpdate('Blad1!A1', [[long]], { valueInputOption: 'RAW' })).toThrow(CELL_TOO_LONG_MESSAGE);
    expect(emu.sheetValues('Blad1')).toEqual([['']]);
  });
});
