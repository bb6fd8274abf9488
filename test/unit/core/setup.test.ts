/**
 * "Set up workbook" as a pure plan (src/core/setup.ts): which sheets are made, initialised, kept (with the
 * columns a later version added) or in conflict, and why; the settings rows it adds; the default budget split
 * and mail templates. The bundle tests (test/bundle/setup.test.ts) carry the plan out in the emulator; these
 * check the plan's every branch and figure.
 */
import {
  defaultBudgetRows, defaultReminderTemplates, defaultTemplates, headerProblems, missingSettingsRows, planSetup,
  type ExistingSheet,
} from '../../../src/core/setup';
import { headersOf, SHEET_ORDER, SHEETS, TABLES } from '../../../src/core/schema';
import { settingDefsOf, SETTING_KEYS } from '../../../src/core/settings';
import { checkTemplate, placeholdersUsed } from '../../../src/core/template';
import { settingsMsg } from '../../../src/core/messages/settings';

const sheet = (name: string, header: readonly unknown[], lastRow = 1): ExistingSheet => ({ name, header, lastRow });
const current = (key: keyof typeof TABLES, lastRow = 1) => sheet(SHEETS[key], headersOf(key), lastRow);
const planOf = (existing: readonly ExistingSheet[], key: string) => planSetup(existing).sheets.find((s) => s.key === key);

describe('planSetup', () => {
  test('an empty spreadsheet: every sheet is created, in the workbook\'s order; no conflict', () => {
    const plan = planSetup([sheet('Blad1', [])]);
    expect(plan.sheets).toEqual(SHEET_ORDER.map((key) => ({ key, action: 'create' })));
    expect(plan.conflicts).toEqual([]);
  });

  test('a sheet as set-up left it is kept; Översikt is kept whatever its first row holds', () => {
    const plan = planSetup([current('guests', 40), sheet(SHEETS.overview, ['anything'], 30)]);
    expect(plan.sheets.find((s) => s.key === 'guests')).toEqual({ key: 'guests', action: 'keep' });
    expect(plan.sheets.find((s) => s.key === 'overview')).toEqual({ key: 'overview', action: 'keep' });
    expect(plan.conflicts).toEqual([]);
  });

  test('a sheet with blank headers: initialised when it holds nothing else, a conflict when it holds data', () => {
    expect(planOf([sheet(SHEETS.ledger, ['', ' ', null], 1)], 'ledger')).toEqual({ key: 'ledger', action: 'init' });
    expect(planOf([sheet(SHEETS.ledger, [], 0)], 'ledger')).toEqual({ key: 'ledger', action: 'init' });
    const plan = planSetup([sheet(SHEETS.ledger, ['', ''], 2)]);
    expect(plan.sheets.find((s) => s.key === 'ledger')).toEqual({ key: 'ledger', action: 'conflict', problem: settingsMsg.noHeaderRow('Kostnader') });
    expect(plan.conflicts).toEqual([{ sv: 'Bladet "Kostnader" saknar rubrikrad men innehåller data.', en: 'The sheet "Kostnader" has no header row but contains data.' }]);
  });

  test('columns a later version added are appended, and only those', () => {
    const older = headersOf('guests').filter((h) => !['Svar per punkt', 'Påmind', 'Sigill'].includes(h));
    expect(planOf([sheet(SHEETS.guests, older, 12)], 'guests')).toEqual({ key: 'guests', action: 'keep', append: ['Svar per punkt', 'Påmind', 'Sigill'] });
  });

  test('a renamed or removed column, or one twice: a conflict naming the sheet and the columns', () => {
    const renamed = headersOf('guests').map((h) => (h === 'E-post' ? 'Mejl' : h));
    const twice = [...headersOf('guests'), 'Status'];
    const both = [...renamed.filter((h) => h !== 'Förnamn'), 'Status'];
    const plan = planSetup([sheet(SHEETS.guests, renamed, 5), current('budget', 5)]);
    expect(plan.conflicts.map((m) => m.sv)).toEqual(['Bladet "Gäster" har ändrade rubriker: saknar "E-post".']);
    expect(plan.sheets.find((s) => s.key === 'budget')).toEqual({ key: 'budget', action: 'keep' });
    expect(planOf([sheet(SHEETS.guests, twice, 5)], 'guests')).toEqual({ key: 'guests', action: 'conflict', problem: { sv: 'Bladet "Gäster" har ändrade rubriker: har dubbla "Status".', en: 'The sheet "Gäster" has changed headers: has duplicate "Status".' } });
    expect(planSetup([sheet(SHEETS.guests, both, 5)]).conflicts).toEqual([{
      sv: 'Bladet "Gäster" har ändrade rubriker: saknar "Förnamn", "E-post"; har dubbla "Status".',
      en: 'The sheet "Gäster" has changed headers: lacks "Förnamn", "E-post"; has duplicate "Status".',
    }]);
    // A later version's column missing beside a renamed one is no appendable gap: the whole sheet is a conflict.
    const mixed = headersOf('guests').filter((h) => h !== 'Påmind').map((h) => (h === 'E-post' ? 'Mejl' : h));
    expect(planOf([sheet(SHEETS.guests, mixed, 5)], 'guests')).toMatchObject({ action: 'conflict', problem: { en: 'The sheet "Gäster" has changed headers: lacks "E-post", "Påmind".' } });
  });
});

describe('headerProblems', () => {
  const words = { missing: settingsMsg.headersLacking, duplicate: settingsMsg.headersTwice };
  test('each part only when it has columns; both joined by a semicolon', () => {
    expect(headerProblems(['A', 'B'], [], words)).toEqual({ sv: 'saknar "A", "B"', en: 'lacks "A", "B"' });
    expect(headerProblems([], ['C'], words)).toEqual({ sv: 'har dubbla "C"', en: 'has duplicate "C"' });
    expect(headerProblems(['A'], ['C'], words)).toEqual({ sv: 'saknar "A"; har dubbla "C"', en: 'lacks "A"; has duplicate "C"' });
  });
});

describe('missingSettingsRows', () => {
  const keys = (rows: [string, unknown][]) => rows.map(([k]) => k);
  const value = (rows: [string, unknown][], key: string) => rows.find(([k]) => k === key)?.[1];
  const defaults = new Map(settingDefsOf('settings').map(([k, v]) => [k, v]));

  test('on the first run the one who sets up becomes administrator and project leader; the other rows get their defaults', () => {
    const rows = missingSettingsRows('settings', [], 'pl@stockholm.se', true);
    expect(keys(rows)).toEqual(settingDefsOf('settings').map(([k]) => k));
    expect([value(rows, SETTING_KEYS.admins), value(rows, SETTING_KEYS.projectLeader)]).toEqual(['pl@stockholm.se', 'pl@stockholm.se']);
    for (const [k, v] of rows) if (k !== SETTING_KEYS.admins && k !== SETTING_KEYS.projectLeader) expect([k, v]).toEqual([k, defaults.get(k)]);
  });

  test('not on a later run, nor without an address: the roles keep their defaults', () => {
    for (const [email, first] of [['pl@stockholm.se', false], ['', true]] as const) {
      const rows = missingSettingsRows('settings', [], email, first);
      expect([value(rows, SETTING_KEYS.admins), value(rows, SETTING_KEYS.projectLeader)]).toEqual([defaults.get(SETTING_KEYS.admins), defaults.get(SETTING_KEYS.projectLeader)]);
    }
  });

  test('rows already there are left alone, however their key is spaced or cased; values an older version kept elsewhere are carried over', () => {
    const have = [` ${SETTING_KEYS.admins.toUpperCase()} `, SETTING_KEYS.projectLeader.toLowerCase()];
    const rows = missingSettingsRows('settings', have, 'pl@stockholm.se', true);
    expect(keys(rows)).not.toContain(SETTING_KEYS.admins);
    expect(keys(rows)).not.toContain(SETTING_KEYS.projectLeader);
    const ev = missingSettingsRows('event', [], 'pl@stockholm.se', true, new Map([[SETTING_KEYS.venue.toLocaleLowerCase('sv'), 'Stadshuset']]));
    expect(value(ev, SETTING_KEYS.venue)).toBe('Stadshuset');
    expect(value(ev, SETTING_KEYS.eventName)).toBe(new Map(settingDefsOf('event').map(([k, v]) => [k, v])).get(SETTING_KEYS.eventName));
  });
});

describe('defaultBudgetRows', () => {
  test('800 000 kr shared equally between the four funders, each marked as the default the steering group changes', () => {
    expect(defaultBudgetRows(800_000_00)).toEqual(['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'].map((f) => [
      f, 200_000, '', 'Standardfördelning vid konfigurering: styrgruppen ändrar den via Fördela budget.',
    ]));
  });

  test('the öre that do not divide go to the first funder, so the shares sum to the total exactly', () => {
    const rows = defaultBudgetRows(100_01, ['A', 'B', 'C']); // 3 333 öre each, 2 left over
    expect(rows.map((r) => [r[0], r[1]])).toEqual([['A', 33.35], ['B', 33.33], ['C', 33.33]]);
    expect(rows.reduce((s, r) => s + Math.round(Number(r[1]) * 100), 0)).toBe(100_01);
  });
});

describe('the default templates', () => {
  test.each([
    ['invitation', defaultTemplates, ['Inbjudan till {{Evenemang}} i Stockholm', 'Invitation to {{Evenemang}} in Stockholm'], 'Cisco',
      ['eventName', 'firstName', 'lastName', 'startDate', 'endDate', 'venue', 'guestEvents', 'rsvpDeadline', 'rsvpLink', 'sender']],
    ['reminder', defaultReminderTemplates, ['Påminnelse: {{Evenemang}} – svara senast {{Sista svarsdag}}', 'Reminder: {{Evenemang}} – please reply by {{Sista svarsdag}}'], 'not yet received',
      ['eventName', 'rsvpDeadline', 'firstName', 'lastName', 'startDate', 'endDate', 'venue', 'guestEvents', 'rsvpLink', 'sender']],
  ] as const)('the %s in Swedish and English: valid templates with the personal link, the items and the deadline', (_kind, rows, subjects, inEnglish, used) => {
    const ts = rows();
    expect(ts.map(([lang, subject]) => [lang, subject])).toEqual([['sv', subjects[0]], ['en', subjects[1]]]);
    for (const [language, subject, body] of ts) {
      expect(checkTemplate({ language: language as 'sv' | 'en', subject, body })).toEqual([]);
      expect([language, placeholdersUsed({ language: language as 'sv' | 'en', subject, body })]).toEqual([language, used]);
    }
    expect(ts[1][2]).toContain(inEnglish);
  });
});
