/**
 * Changes that don't come from a script: what a person's paste, fill, clear,
 * row deletion/insertion, a Sheets API client and a version restore do to the
 * file and to the add-on's onEdit.
 */
import { Emulator } from '../../../src/sandbox/emulator/runtime';
import { PROTECTED_MESSAGE } from '../../../src/sandbox/emulator/protection';
import { VersionHistory } from '../../../src/sandbox/emulator/versions';
import { A1_FN, newEmu, run, SHEET } from './helpers';

const OWNER = 'owner@example.org';
const EVA = 'eva@example.org';

/** onEdit records each event into document properties. */
const RECORDER = `${A1_FN}
function record_(key, e) {
  var p = PropertiesService.getDocumentProperties();
  var seen = JSON.parse(p.getProperty(key) || '[]');
  seen.push({ a1: a1_(e.range), hasValue: 'value' in e, value: e.value, hasOld: 'oldValue' in e, oldValue: e.oldValue });
  p.setProperty(key, JSON.stringify(seen));
}
function onEdit(e) { record_('simple', e); }`;

type Seen = { a1: string; hasValue: boolean; value?: string; hasOld: boolean; oldValue?: string };
const seen = (emu: Emulator, key = 'simple'): Seen[] => JSON.parse(emu.state.documentProperties[key] ?? '[]');

function recorderEmu(): Emulator {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER });
  run(emu, `${SHEET} sh.getRange('A1:B3').setValues([['a', 'b'], ['c', 'd'], ['e', 'f']]);`);
  return emu;
}

/** Row 1 (the header) protected for the owner alone, with the reference's recipe. */
function protectHeader(emu: Emulator): void {
  run(emu, `${SHEET} var p = sh.getRange('A1:B1').protect().setDescription('Rubrik'); p.removeEditors(p.getEditors());`);
}

const NO_ONEDIT = (emu: Emulator) => {
  expect(seen(emu, 'simple')).toEqual([]);
};

describe('edit events by kind of edit', () => {
  // https://developers.google.com/apps-script/guides/triggers/events#edit ("value"/"oldValue": only for a
  // single cell) and tanaikech/GetEditType (live Sheets: a paste or copy-down into one cell fires onEdit
  // with neither value nor oldValue, its type OTHER).
  test.each(['paste', 'fill'] as const)('a 1x1 %s fires onEdit with neither value nor oldValue', (kind) => {
    const emu = recorderEmu();
    const r = emu.fireEdit(RECORDER, { sheet: 'Blad1', a1: 'A1', values: [['ny']], kind, user: EVA });
    expect(r.fired).toBe(true);
    expect(seen(emu)).toEqual([{ a1: 'A1', hasValue: false, hasOld: false }]);
    expect(emu.sheetValues('Blad1')[0][0]).toBe('ny');
  });

  // Same sources: typing keeps value/oldValue; Delete on one cell gives oldValue and no value (REMOVE_VALUE).
  test('typing gives value and oldValue; clearing one cell gives oldValue only; a pasted number is parsed as typed', () => {
    const emu = recorderEmu();
    emu.fireEdit(RECORDER, { sheet: 'Blad1', a1: 'A1', values: [['x']], user: EVA });
    emu.fireEdit(RECORDER, { sheet: 'Blad1', a1: 'B1', kind: 'clear', user: EVA });
    emu.fireEdit(RECORDER, { sheet: 'Blad1', a1: 'A2:B3', kind: 'clear', user: EVA });
    emu.fireEdit(RECORDER, { sheet: 'Blad1', a1: 'C1', values: [['1 234,5']], kind: 'paste', user: EVA });
    expect(seen(emu)).toEqual([
      { a1: 'A1', hasValue: true, value: 'x', hasOld: true, oldValue: 'a' },
      { a1: 'B1', hasValue: false, hasOld: true, oldValue: 'b' },
      { a1: 'A2:B3', hasValue: false, hasOld: false },
      { a1: 'C1', hasValue: false, hasOld: false },
    ]);
    expect(emu.sheetValues('Blad1')).toEqual([['x', '', 1234.5]]);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/protection#isWarningOnly(): "every user can
  // edit data in the area, except editing prompts a warning asking the user to confirm the edit".
  test('a person may go on past a warning-only protection; a real one rejects the paste, nothing changes', () => {
    const emu = recorderEmu();
    run(emu, `${SHEET} var w = sh.getRange('A2:B2').protect(); w.removeEditors(w.getEditors()); w.setWarningOnly(true);`);
    protectHeader(emu);
    expect(emu.fireEdit(RECORDER, { sheet: 'Blad1', a1: 'A2', values: [['w']], kind: 'paste', user: EVA }).rejected).toBeUndefined();
    const r = emu.fireEdit(RECORDER, { sheet: 'Blad1', a1: 'B1:C1', values: [['p', 'q']], kind: 'paste', user: EVA });
    expect(r.rejected).toBe('protected: Rubrik');
    expect(emu.sheetValues('Blad1')[0]).toEqual(['a', 'b']);
    expect(seen(emu).map((x) => x.a1)).toEqual(['A2']);
  });
});

// https://developers.google.com/apps-script/guides/triggers#onedite (onEdit "runs when a user changes a value
// in a spreadsheet") and guides/triggers/events#change (row insertion/removal is a change event,
// INSERT_ROW/REMOVE_ROW, for installable onChange only).
describe('a person deleting or inserting rows', () => {
  test('deleteRows shifts the cells up and fires no onEdit', () => {
    const emu = recorderEmu();
    expect(emu.deleteRows('Blad1', 2, 1, EVA)).toEqual({});
    expect(emu.sheetValues('Blad1')).toEqual([['a', 'b'], ['e', 'f']]);
    expect(emu.state.spreadsheet.sheets[0].maxRows).toBe(999);
    NO_ONEDIT(emu);
  });

  test('insertRows shifts the cells down and fires no onEdit', () => {
    const emu = recorderEmu();
    expect(emu.insertRows('Blad1', 2, 2, EVA)).toEqual({});
    expect(emu.sheetValues('Blad1')).toEqual([['a', 'b'], ['', ''], ['', ''], ['c', 'd'], ['e', 'f']]);
    NO_ONEDIT(emu);
  });

  // https://developers.google.com/apps-script/reference/spreadsheet/range#protect() (a protected cell can't be
  // edited by a user the protection doesn't list; deleting its row deletes the cell).
  test('a protection the person may not edit refuses deleting its rows or inserting inside it', () => {
    const emu = recorderEmu();
    run(emu, `${SHEET} var p = sh.getRange('A2:B3').protect().setDescription('Poster'); p.removeEditors(p.getEditors());`);
    expect(emu.deleteRows('Blad1', 1, 2, EVA)).toEqual({ rejected: 'protected: Poster' });
    expect(emu.insertRows('Blad1', 3, 1, EVA)).toEqual({ rejected: 'protected: Poster' });
    expect(emu.sheetValues('Blad1')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect(emu.insertRows('Blad1', 2, 1, EVA)).toEqual({}); // at the range's edge: outside it
    expect(emu.deleteRows('Blad1', 1, 1, EVA)).toEqual({});
    expect(emu.deleteRows('Blad1', 2, 1, OWNER)).toEqual({}); // the owner may
    expect(emu.sheetValues('Blad1')).toEqual([['', ''], ['e', 'f']]);
    NO_ONEDIT(emu);
  });
});

// https://developers.google.com/apps-script/guides/triggers/installable#restrictions: "Script executions and
// API requests do not cause triggers to run." ValueInputOption:
// https://developers.google.com/sheets/api/reference/rest/v4/ValueInputOption (RAW "will not be parsed and
// will be stored as-is"; USER_ENTERED "parsed as if the user typed them into the UI").
describe('Sheets API writes', () => {
  test('values.update RAW keeps strings, USER_ENTERED parses; no onEdit', () => {
    const emu = recorderEmu();
    const raw = emu.apiUpdate("'Blad1'!C1:E1", [['=1+2', '12', 7]], { user: EVA, valueInputOption: 'RAW' });
    expect(raw).toEqual({ updatedRange: 'Blad1!C1:E1', updatedCells: 3 });
    emu.apiUpdate('Blad1!C2', [['=1+2', '12', '2009-12-08']], { user: EVA, valueInputOption: 'USER_ENTERED' });
    const v = emu.sheetValues('Blad1');
    expect(v[0].slice(2)).toEqual(['=1+2', '12', 7]);
    expect(v[1].slice(2, 4)).toEqual([3, 12]);
    expect(v[1][4]).toBeInstanceOf(Date);
    NO_ONEDIT(emu);
  });

  // The 400 the API gives a client writing into a range protected against it (same wording as the UI;
  // theoephraim/node-google-spreadsheet PR #20).
  test('values.update into a protected range is refused whole with Google\'s message', () => {
    const emu = recorderEmu();
    protectHeader(emu);
    expect(emu.apiUpdate('Blad1!B1:C2', [['x', 'y'], ['z', 'w']], { user: EVA })).toEqual({ rejected: PROTECTED_MESSAGE });
    expect(emu.sheetValues('Blad1')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect(emu.apiUpdate('Blad1!B1', [['owner']], { user: OWNER }).rejected).toBeUndefined();
    expect(() => emu.apiUpdate('Blad1!A1:B1', [['x'], ['y']], { user: OWNER })).toThrow('Requested writing within range [Blad1!A1:B1], but tried writing to row [2]');
    expect(() => emu.apiUpdate('Blad1!A1001', [['x']])).toThrow('Range (Blad1!A1001) exceeds grid limits. Max rows: 1000, max columns: 26');
    NO_ONEDIT(emu);
  });
});

// What a restore brings back is an assumption (no Google help page found): the file's content. No script
// runs on a restore (onEdit "runs when a user changes a value", guides/triggers#onedite; a restore is not an edit of values by the user in the grid).
describe('version restore', () => {
  test('restores cells and protections, keeps properties and outbox; fires no onEdit', () => {
    const emu = recorderEmu();
    const v = emu.snapshotVersion();
    protectHeader(emu);
    run(emu, `${SHEET} sh.getRange('A1').setValues([['later']]); PropertiesService.getDocumentProperties().setProperty('head', 'h1');
      MailApp.sendEmail('a@example.org', 's', 'b');`);
    emu.deleteRows('Blad1', 3, 1, OWNER);
    expect(emu.restoreVersion(v)).toEqual({});
    expect(emu.sheetValues('Blad1')).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
    expect(emu.state.spreadsheet.sheets[0].protections).toEqual([]);
    expect(emu.state.documentProperties.head).toBe('h1');
    expect(emu.outbox()).toHaveLength(1);
    NO_ONEDIT(emu);
    v.spreadsheet.sheets[0].rows = []; // the version is a copy: changing it later changes nothing
    expect(emu.sheetValues('Blad1')[0]).toEqual(['a', 'b']);
  });
});

// The sandbox's automatic versions (an emulator convenience, not a Google API): one before each change
// that altered the file, newest first, bounded; a restore keeps what it replaced so it can be undone.
test('VersionHistory keeps a version only before changes, at most `max`, and a restore can be undone', () => {
  const emu = newEmu({ owner: OWNER, defaultUser: OWNER });
  const history = new VersionHistory(emu, 2);
  history.around('läsning', OWNER, () => emu.sheetValues('Blad1'));
  expect(history.list()).toEqual([]);
  for (const v of [1, 2, 3]) history.around(`skrev ${v}`, OWNER, () => run(emu, `${SHEET} sh.getRange('A1').setValues([[${v}]]);`));
  expect(history.list().map((v) => v.label)).toEqual(['skrev 3', 'skrev 2']);
  const [, beforeTwo] = history.list();
  expect(history.restore(beforeTwo.id, EVA)).toEqual({});
  expect(emu.sheetValues('Blad1')).toEqual([[1]]);
  expect(history.list()[0]).toMatchObject({ label: 'Återställning till versionen före: skrev 2', user: EVA });
  expect(history.restore('nope', EVA)).toBeNull();
});
