import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Emulator, manualClock } from '../../../src/sandbox/emulator/runtime';
import { EmulatorStoreError, parseState, serializeState } from '../../../src/sandbox/emulator/store';
import { A1_FN, exec, newEmu, run, SHEET } from './helpers';

describe('call counting', () => {
  test('counts every method call, per service, per method, and range reads/writes', () => {
    const emu = newEmu();
    const r = exec(
      emu,
      `${SHEET}
       var v = sh.getRange('A1:B2').getValues();
       sh.getRange('A1:B2').setValues(v);
       sh.getRange(3, 1).setNumberFormat('0');
       var rule = SpreadsheetApp.newDataValidation().requireValueInList(['a']).build();
       PropertiesService.getScriptProperties().getProperty('x');`,
    );
    expect(r.calls).toEqual({
      total: 13,
      byService: { SpreadsheetApp: 11, PropertiesService: 2 },
      byMethod: {
        'SpreadsheetApp.getActiveSpreadsheet': 1,
        'Spreadsheet.getSheets': 1,
        'Sheet.getRange': 3,
        'Range.getValues': 1,
        'Range.setValues': 1,
        'Range.setNumberFormat': 1,
        'SpreadsheetApp.newDataValidation': 1,
        'DataValidationBuilder.requireValueInList': 1,
        'DataValidationBuilder.build': 1,
        'PropertiesService.getScriptProperties': 1,
        'Properties.getProperty': 1,
      },
      rangeReads: 1,
      rangeWrites: 2,
    });
  });
});

describe('fault injection', () => {
  const code = `function go() {
    var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    sh.getRange('A1').setValues([['first']]);
    MailApp.sendEmail('a@example.org', 's', 'b');
    sh.getRange('A2').setValues([['marked']]);
  }`;

  test('before: the failing call has no effect, nothing after runs; a catch in the script does not save it', () => {
    const emu = newEmu();
    const r = emu.runExecution(code, 'go', [], { faults: { failOn: (c) => c.method === 'sendEmail' } });
    expect(r.ok).toBe(false);
    expect(r.error).toEqual({ name: 'EmulatedCrash', message: 'Emulated crash' });
    expect(emu.outbox()).toHaveLength(0);
    expect(emu.sheetValues('Blad1')).toEqual([['first']]);
    const caught = emu.runExecution(`function go() { try { SpreadsheetApp.getActiveSpreadsheet(); } catch (e) {} SpreadsheetApp.getActiveSpreadsheet(); return 1; }`, 'go', [], { faults: { failAtCall: 1 } });
    expect(caught.ok).toBe(false);
    expect(caught.calls.total).toBe(1);
  });

  test('after: the call takes effect, then the execution dies', () => {
    const emu = newEmu();
    const r = emu.runExecution(code, 'go', [], { faults: { failOn: (c) => c.method === 'sendEmail', when: 'after' } });
    expect(r.error?.name).toBe('EmulatedCrash');
    expect(emu.outbox()).toHaveLength(1);
    expect(emu.sheetValues('Blad1')).toEqual([['first']]);
  });

  test('failAtCall counts from 1; hooks see each call', () => {
    const emu = newEmu();
    const seen: string[] = [];
    const r = emu.runExecution(code, 'go', [], { faults: { failAtCall: 4 }, hooks: { afterCall: (c) => seen.push(`${c.n}:${c.cls}.${c.method}`) } });
    expect(seen).toEqual(['1:SpreadsheetApp.getActiveSpreadsheet', '2:Spreadsheet.getSheets', '3:Sheet.getRange']);
    expect(r.ok).toBe(false);
    expect(emu.sheetValues('Blad1')).toEqual([['']]);
  });
});

describe('persistence', () => {
  test('round trip through a file, Dates revived, atomic write', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-store-'));
    const file = path.join(dir, 'workbook.json');
    const a = newEmu({ storeFile: file });
    run(a, `${SHEET} sh.getRange('A1:B1').setValues([[new Date(Date.UTC(2009, 11, 8)), 'x']]); PropertiesService.getDocumentProperties().setProperty('k', 'v'); ss.insertSheet('Kostnader');`);
    expect(fs.readdirSync(dir)).toEqual(['workbook.json']);
    const b = new Emulator({ storeFile: file });
    expect(b.sheetValues('Blad1')[0][0]).toEqual(new Date(Date.UTC(2009, 11, 8)));
    expect(b.state.documentProperties).toEqual({ k: 'v' });
    expect(b.sheetNames()).toEqual(['Blad1', 'Kostnader']);
    expect(run(b, `return SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Blad1').getRange('A1').getValues()[0][0] instanceof Date;`)).toBe(true);
    expect(parseState(serializeState(b.state))).toEqual(b.state);
  });

  test('corrupted file or wrong version: EmulatorStoreError naming the file, in Swedish and English', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emu-store-'));
    const file = path.join(dir, 'workbook.json');
    fs.writeFileSync(file, '{"version": 1, "spreadsh');
    expect(() => new Emulator({ storeFile: file })).toThrow(EmulatorStoreError);
    try {
      new Emulator({ storeFile: file });
    } catch (e) {
      expect((e as Error).message).toContain(file);
      expect((e as Error).message).toMatch(/skadad/);
      expect((e as Error).message).toMatch(/corrupted/);
    }
    fs.writeFileSync(file, JSON.stringify({ version: 99 }));
    expect(() => new Emulator({ storeFile: file })).toThrow(/schemaversion 99.*schema version 99/);
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(serializeState(newEmu().state)), outbox: 'no' }));
    expect(() => new Emulator({ storeFile: file })).toThrow(/outbox/);
  });

  // Stores written while the emulator still had user properties, triggers, notes, backgrounds, tab colours,
  // hidden sheets, unprotected ranges and bold conditional formats load; those fields are dropped.
  test('a store from before the emulator was narrowed to the add-on loads without what it dropped', () => {
    const old = JSON.parse(serializeState(newEmu().state));
    Object.assign(old, { userProperties: { 'eva@example.org': { lang: 'en' } }, triggers: [{ uid: '1', handler: 'h' }] });
    const sheet = old.spreadsheet.sheets[0];
    Object.assign(sheet, { tabColor: '#ff0000', hidden: true, rows: [[{ v: 1, note: 'n', bg: '#eee', bold: true }]] });
    sheet.protections = [{ id: 'p1', type: 'SHEET', description: '', warningOnly: false, editors: [], unprotected: ['A1:B2'] }];
    sheet.conditionalFormats = [{ ranges: ['A1'], formula: '=A1>0', bold: true }];
    const state = parseState(JSON.stringify(old));
    expect(state).not.toHaveProperty('userProperties');
    expect(state).not.toHaveProperty('triggers');
    expect(state.spreadsheet.sheets[0]).toEqual({
      ...newEmu().state.spreadsheet.sheets[0],
      rows: [[{ v: 1, bold: true }]],
      protections: [{ id: 'p1', type: 'SHEET', description: '', warningOnly: false, editors: [] }],
      conditionalFormats: [{ ranges: ['A1'], formula: '=A1>0' }],
    });
    expect(state.spreadsheet.sheets[0]).not.toHaveProperty('hidden');
  });
});

describe('edit events', () => {
  const code = `${A1_FN}
  function onEdit(e) {
    console.log(JSON.stringify({ mode: String(e.authMode), a1: a1_(e.range), hasValue: 'value' in e, value: e.value,
      hasOld: 'oldValue' in e, oldValue: e.oldValue, user: e.user.getEmail(), src: e.source.getId(), active: Session.getActiveUser().getEmail() }));
    if (e.value === 'undo') e.range.setValues([[e.oldValue]]);
  }`;
  const last = (logs: string[]) => JSON.parse(logs[logs.length - 1]);

  test('single cell: value and oldValue; oldValue absent for an empty cell; value absent when cleared', () => {
    const emu = newEmu({ defaultUser: 'eva@example.org' });
    let r = emu.fireEdit(code, { sheet: 'Blad1', a1: 'B2', values: [['1 234,5']] });
    expect(r.fired).toBe(true);
    expect(r.changes).toEqual([{ a1: 'B2', oldValue: '', newValue: 1234.5 }]);
    expect(last(r.logs)).toEqual({ mode: 'LIMITED', a1: 'B2', hasValue: true, value: '1234.5', hasOld: false, user: 'eva@example.org', src: emu.state.spreadsheet.id, active: '' });
    r = emu.fireEdit(code, { sheet: 'Blad1', row: 2, col: 2, values: [['12']] });
    expect(last(r.logs)).toMatchObject({ value: '12', hasOld: true, oldValue: '1234.5' });
    expect(r.calls.byMethod['Range.getRow']).toBe(1);
    r = emu.fireEdit(code, { sheet: 'Blad1', a1: 'B2', values: [['']] });
    expect(last(r.logs)).toMatchObject({ hasValue: false, oldValue: '12' });
    emu.fireEdit(code, { sheet: 'Blad1', a1: 'B2', values: [['7']] });
    emu.fireEdit(code, { sheet: 'Blad1', a1: 'B2', values: [['undo']] });
    expect(emu.sheetValues('Blad1')[1][1]).toBe(7);
  });

  test('multi-cell paste: neither value nor oldValue', () => {
    const emu = newEmu();
    emu.fireEdit(code, { sheet: 'Blad1', a1: 'A1', values: [['x']] });
    const r = emu.fireEdit(code, { sheet: 'Blad1', a1: 'A1:B2', values: [['a', 'b'], ['c', '=A1']] });
    expect(last(r.logs)).toMatchObject({ a1: 'A1:B2', hasValue: false, hasOld: false });
    expect(r.changes).toHaveLength(4);
  });

  test('rejected by strict data validation or protection', () => {
    const emu = newEmu({ owner: 'owner@example.org' });
    run(emu, `${SHEET}
      sh.getRange('C1:C5').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Ja', 'Nej']).setAllowInvalid(false).build());
      // A fresh protection blocks nobody until its editors change (Range.protect():
      // https://developers.google.com/apps-script/reference/spreadsheet/range#protect()).
      var p = sh.getRange('D1').protect().setDescription('Summa'); p.removeEditors(p.getEditors());`);
    const bad = emu.fireEdit(code, { sheet: 'Blad1', a1: 'C2', values: [['Kanske']], user: 'eva@example.org' });
    expect([bad.fired, bad.rejected]).toEqual([false, 'data validation: invalid value']);
    expect(emu.sheetValues('Blad1')).toEqual([['']]);
    const prot = emu.fireEdit(code, { sheet: 'Blad1', a1: 'D1', values: [['1']], user: 'eva@example.org' });
    expect(prot.rejected).toBe('protected: Summa');
    const ok = emu.fireEdit(code, { sheet: 'Blad1', a1: 'C2', values: [['Ja']], user: 'eva@example.org' });
    expect(ok.rejected).toBeUndefined();
    expect(last(ok.logs)).toMatchObject({ mode: 'LIMITED', value: 'Ja', user: 'eva@example.org' });
  });
});

test("the script's clock is the emulator's: new Date() and Date.now() follow it, dates still work", () => {
  const emu = new Emulator({ clock: manualClock(new Date('2009-11-02T08:00:00Z')) });
  const code = `function now() { var d = new Date(); return [d.toISOString(), Date.now(), new Date(2009, 11, 8).getDate(), d instanceof Date, typeof Date()]; }`;
  const r = emu.runExecution(code, 'now');
  expect(r.result).toEqual(['2009-11-02T08:00:00.000Z', Date.parse('2009-11-02T08:00:00Z'), 8, true, 'string']);
  emu.advance(60_000);
  expect((emu.runExecution(code, 'now').result as string[])[0]).toBe('2009-11-02T08:01:00.000Z');
});
