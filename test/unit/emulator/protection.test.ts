/**
 * Protections hold against scripts as Google enforces them: a script runs as
 * its effective user, and a protection that user may not edit refuses every
 * write through Range/Sheet with Google's message, before any effect.
 */
import { PROTECTED_MESSAGE } from '../../../src/sandbox/emulator/protection';
import { serializeState } from '../../../src/sandbox/emulator/store';
import { exec, newEmu, run, SHEET } from './helpers';

const OWNER = 'owner@example.org';
const EDITOR = 'editor@example.org';
const EVA = 'eva@example.org';
const as = (user: string) => ({ user });

/** The owner protects the first sheet for themself and EDITOR only (the reference's own recipe). */
function protectedSheetEmu(opts: { warningOnly?: boolean } = {}) {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER });
  run(emu, `${SHEET} sh.getRange('A1:B2').setValues([[1, 2], [3, 4]]);
    var p = sh.protect().setDescription('Logg'); p.removeEditors(p.getEditors()); p.addEditor('${EDITOR}');
    ${opts.warningOnly ? 'p.setWarningOnly(true);' : ''}`);
  return emu;
}

// https://developers.google.com/apps-script/reference/spreadsheet/protection (scripts run as the
// effective user; the wording is Google's, quoted in theoephraim/node-google-spreadsheet PR #20).
describe('a script running as a non-editor of a protection', () => {
  const writes: Record<string, string> = {
    setValues: "sh.getRange('A1:B1').setValues([[9, 9]])",
    insertRowsAfter: 'sh.insertRowsAfter(2, 1)',
    insertColumnsAfter: 'sh.insertColumnsAfter(1, 1)',
    setNumberFormat: "sh.getRange('A1').setNumberFormat('0.00')",
    setDataValidation: "sh.getRange('A1').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['x']).build())",
    setFontWeight: "sh.getRange('A1').setFontWeight('bold')",
    setFrozenRows: 'sh.setFrozenRows(1)',
    setColumnWidth: 'sh.setColumnWidth(1, 200)',
    insertChart: "sh.insertChart(sh.newChart().addRange(sh.getRange('A1:B2')).build())",
    setConditionalFormatRules: 'sh.setConditionalFormatRules([])',
  };
  test.each(Object.entries(writes))('%s throws Google\'s message and changes nothing', (_name, write) => {
    const emu = protectedSheetEmu();
    const before = serializeState(emu.state);
    const r = exec(emu, `${SHEET} ${write};`, as(EVA));
    expect(r.error?.message).toBe(PROTECTED_MESSAGE);
    expect(serializeState(emu.state)).toBe(before);
  });

  test('the message is the exact sourced text', () => {
    expect(PROTECTED_MESSAGE).toBe('You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.');
  });
});

// https://developers.google.com/apps-script/reference/spreadsheet/protection#canEdit()
// "The spreadsheet owner is always able to edit protected ranges and sheets."
test('the owner, a listed editor and a web app executing as the owner may write', () => {
  const emu = protectedSheetEmu();
  run(emu, `${SHEET} sh.getRange('A1').setValues([['owner']]);`, as(OWNER));
  run(emu, `${SHEET} sh.getRange('B1').setValues([['editor']]);`, as(EDITOR));
  // "execute as me": the anonymous visitor runs with the deployer's rights
  run(emu, `${SHEET} sh.getRange('C1').setValues([['webapp']]);`, { user: '', effectiveUser: OWNER });
  expect(emu.sheetValues('Blad1')[0]).toEqual(['owner', 'editor', 'webapp']);
  // an installable trigger runs as its creator, whoever edited
  expect(exec(emu, `${SHEET} sh.getRange('D1').setValues([['x']]);`, { user: OWNER, effectiveUser: EVA }).error?.message).toBe(PROTECTED_MESSAGE);
});

// https://developers.google.com/apps-script/reference/spreadsheet/protection#isWarningOnly()
// "every user can edit data in the area, except editing prompts a warning"
test('a warning-only protection blocks no script', () => {
  const emu = protectedSheetEmu({ warningOnly: true });
  run(emu, `${SHEET} sh.getRange('A1').setValues([['eva']]); sh.insertRowsAfter(1, 1);`, as(EVA));
  expect(emu.sheetValues('Blad1')).toEqual([['eva', 2], ['', ''], [3, 4]]);
});

// https://developers.google.com/apps-script/reference/spreadsheet/range#protect()
test('a range protection covers its A1 range only; an overlapping write has no partial effect', () => {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER });
  run(emu, `${SHEET} var p = sh.getRange('B2:C3').protect(); p.removeEditors(p.getEditors());`);
  run(emu, `${SHEET} sh.getRange('A1:D1').setValues([[1, 2, 3, 4]]); sh.getRange('D2').setValues([[5]]);`, as(EVA));
  const r = exec(emu, `${SHEET} sh.getRange('A2:B2').setValues([['a', 'b']]);`, as(EVA));
  expect(r.error?.message).toBe(PROTECTED_MESSAGE);
  expect(emu.sheetValues('Blad1')).toEqual([[1, 2, 3, 4], ['', '', '', 5]]);
});

// https://developers.google.com/apps-script/reference/spreadsheet/sheet#protect() and range#protect():
// "Until the script actually changes the list of editors ... the permissions mirror those of the
// spreadsheet itself, which effectively means that the sheet remains unprotected. If the sheet is
// already protected, this method returns an object representing its existing protection settings."
// Range.protect(): "If the range is already protected, this method creates a new protected range".
test('protect() blocks nobody until its editors change; Sheet.protect() reuses, Range.protect() adds', () => {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER, editors: [EDITOR] });
  const r = run(emu, `${SHEET} var a = sh.protect().setDescription('first'); var b = sh.protect();
    sh.getRange('A1').protect(); sh.getRange('A1').protect();
    return [b.getDescription(), sh.getProtections(SpreadsheetApp.ProtectionType.SHEET).length,
      sh.getProtections(SpreadsheetApp.ProtectionType.RANGE).length, a.getEditors().map(function (u) { return u.getEmail(); })];`);
  expect(r).toEqual(['first', 1, 2, [OWNER, EDITOR]]);
  run(emu, `${SHEET} sh.getRange('A1').setValues([['eva']]);`, as(EVA));
  run(emu, `${SHEET} sh.protect().addEditor('${EDITOR}');`); // the list is now explicit: owner + editor
  expect(exec(emu, `${SHEET} sh.getRange('A2').setValues([['eva']]);`, as(EVA)).error?.message).toBe(PROTECTED_MESSAGE);
  expect(emu.sheetValues('Blad1')).toEqual([['eva']]);
});

// https://developers.google.com/apps-script/reference/spreadsheet/protection#removeEditors(String)
// "Neither the owner of the spreadsheet nor the current user can be removed."
test('removeEditors keeps the owner and the current user, silently', () => {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER });
  run(emu, `${SHEET} var p = sh.protect(); p.removeEditors(p.getEditors()); p.addEditors(['${EDITOR}', '${EVA}']);`);
  const r = run(emu, `${SHEET} var p = sh.protect(); p.removeEditors(['${OWNER}', '${EDITOR}', '${EVA}']);
    p.removeEditor(Session.getEffectiveUser()); return p.getEditors().map(function (u) { return u.getEmail(); });`, as(EDITOR));
  expect(r).toEqual([OWNER, EDITOR]);
  expect(exec(emu, `${SHEET} sh.getRange('A1').setValues([[1]]);`, as(EVA)).error?.message).toBe(PROTECTED_MESSAGE);
});

// https://developers.google.com/apps-script/reference/spreadsheet/protection (getEditors(), canDomainEdit():
// "Throws an exception if the user does not have permission to edit the protected range or sheet")
test('a non-editor of a protection can neither read its editors nor change or remove it', () => {
  const emu = protectedSheetEmu();
  const before = serializeState(emu.state);
  const p = `${SHEET} var p = sh.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];`;
  for (const change of ["p.setDescription('x')", 'p.setWarningOnly(true)', `p.addEditor('${EVA}')`, `p.removeEditors(['${EDITOR}'])`, 'p.remove()', 'p.getEditors()', 'p.canDomainEdit()']) {
    expect(exec(emu, `${p} ${change};`, as(EVA)).error?.message).toBe(PROTECTED_MESSAGE);
  }
  expect(run(emu, `${p} return [p.getDescription(), p.isWarningOnly()];`, as(EVA))).toEqual(['Logg', false]);
  expect(serializeState(emu.state)).toBe(before);
  run(emu, `${p} p.remove();`, as(EDITOR)); // an editor of the protection may remove it
  run(emu, `${SHEET} sh.getRange('A1').setValues([['eva']]);`, as(EVA));
});

// https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getOwner()
// "Returns the owner of the document, or null for a document in a shared drive."
test('getOwner; in a shared drive there is no owner to bypass protections', () => {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER, editors: [EDITOR] });
  expect(run(emu, `return SpreadsheetApp.getActiveSpreadsheet().getOwner().getEmail();`)).toBe(OWNER);
  const shared = newEmu({ owner: OWNER, defaultUser: EDITOR, sharedDrive: true });
  run(shared, `${SHEET} var p = sh.protect(); p.removeEditors(p.getEditors());`); // by EDITOR: only EDITOR stays
  expect(run(shared, 'return SpreadsheetApp.getActiveSpreadsheet().getOwner();')).toBeNull();
  expect(exec(shared, `${SHEET} sh.getRange('A1').setValues([[1]]);`, as(OWNER)).error?.message).toBe(PROTECTED_MESSAGE);
});

// https://developers.google.com/apps-script/reference/spreadsheet/protection#setDomainEdit(Boolean)
test('setDomainEdit lets the owner\'s domain edit; a gmail.com file refuses it', () => {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER });
  run(emu, `${SHEET} var p = sh.protect(); p.removeEditors(p.getEditors()); p.setDomainEdit(true);`);
  run(emu, `${SHEET} sh.getRange('A1').setValues([['eva']]);`, as(EVA));
  expect(exec(emu, `${SHEET} sh.getRange('A2').setValues([['x']]);`, as('someone@elsewhere.example')).error?.message).toBe(PROTECTED_MESSAGE);
  const gmail = newEmu({ owner: 'me@gmail.com', defaultUser: 'me@gmail.com' });
  expect(exec(gmail, `${SHEET} sh.protect().setDomainEdit(false);`).ok).toBe(false);
});

// Not on a reference page: Sheets moves a protected range (like any range reference) with its rows
// and grows it when rows are inserted inside it; the Sheets API's ProtectedRange is a GridRange that
// insertDimension/deleteDimension adjust the same way (assumption of the emulator, documented there).
test('protected ranges and validations move with inserted and deleted rows', () => {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER });
  const st = emu.state.spreadsheet.sheets[0];
  const protectedA1 = () => emu.state.spreadsheet.sheets[0].protections.map((p) => p.a1);
  run(emu, `${SHEET} var p = sh.getRange('A3:B4').protect(); p.removeEditors(p.getEditors());
    sh.getRange('C3:C4').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['Ja']).build());
    sh.insertRowsAfter(1, 2); sh.insertRowsAfter(5, 1);`);
  expect(emu.deleteRows('Blad1', 1, 1, OWNER)).toEqual({}); // a person deletes the first row
  expect(protectedA1()).toEqual(['A4:B6']);
  expect(st.dataValidations.map((d) => d.a1)).toEqual(['C4:C6']);
  expect(exec(emu, `${SHEET} sh.getRange('A6').setValues([[1]]);`, as(EVA)).error?.message).toBe(PROTECTED_MESSAGE);
  run(emu, `${SHEET} sh.getRange('A3').setValues([[1]]); sh.insertRowsAfter(3, 1);`, as(OWNER));
  expect(protectedA1()).toEqual(['A5:B7']);
  expect(exec(emu, `${SHEET} sh.insertRowsAfter(5, 1);`, as(EVA)).error?.message).toBe(PROTECTED_MESSAGE); // inside the range
  run(emu, `${SHEET} sh.insertRowsAfter(4, 1);`, as(EVA)); // at its top edge
  expect(emu.deleteRows('Blad1', 1, 2, EVA)).toEqual({}); // above it
  expect(protectedA1()).toEqual(['A4:B6']);
});
