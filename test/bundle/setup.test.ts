/** Set-up and menus, run from the built Code.js in the emulator. */
import { CODE, EKO, NOBODY, PL, STY, api, logActions, newEmulator, run, setUpWorkbook, snapshot } from '../support/bundle';
import { TABLES } from '../../src/core/schema';
import type { OverviewView } from '../../src/core/api';
import { simpleParser } from 'mailparser';
import { displayValue } from '../../src/sandbox/emulator/values';
import { getCell } from '../../src/sandbox/emulator/spreadsheet';
import { sendAll, workbookWithGuests } from '../support/invitations';

const SHEETS = ['Översikt', 'Budget', 'Kostnader', 'Omfördelningar', 'Gäster', 'Mallar', 'Program', 'Beslut', 'Inställningar', 'Logg'];

describe('onOpen', () => {
  test.each(['NONE', 'LIMITED'] as const)('builds the add-on menu in AuthMode.%s without touching the document', (mode) => {
    const emu = newEmulator();
    const r = run(emu, 'onOpen', [{ authMode: mode }], { authMode: mode });
    const menu = r.ui.menus[0];
    expect(menu.title).toBe('Summit Planner');
    expect(menu.items.map((i) => ('functionName' in i ? i.functionName : null)).filter(Boolean)).toEqual(
      expect.arrayContaining(['menuOverview', 'menuSetup']),
    );
    expect(Object.keys(r.calls.byService).sort()).toEqual(['Session', 'SpreadsheetApp']);
    expect(r.calls.rangeReads).toBe(0);
    // The user's locale for the menu's language, and the menu: nothing of the document.
    expect(Object.keys(r.calls.byMethod).every((m) => /^(SpreadsheetApp\.getUi|Ui\.|Menu\.|Session\.getActiveUserLocale$)/.test(m))).toBe(true);
    expect(menu.items.map((i) => ('caption' in i ? i.caption : null)).filter(Boolean)).toEqual(expect.arrayContaining(['Budgetöversikt', 'Konfigurera arbetsboken']));
  });

  test('in English the menu is English, and each sidebar is titled like its menu item', () => {
    const emu = newEmulator();
    const r = run(emu, 'onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED', locale: 'en_GB' });
    const captions = r.ui.menus[0].items.map((i) => ('caption' in i ? i.caption : null)).filter(Boolean);
    expect(captions).toEqual(['Budget overview', 'Costs', 'Allocate the budget', 'Guests', 'Invitations', 'Send a reminder', 'Programme', 'Decisions', 'Review changes',
      'Verify the log', 'Settings and roles', 'Installation self-test', 'Set up the workbook']);
    setUpWorkbook(emu);
    expect(run(emu, 'menuBudget', [], { user: STY, locale: 'en_GB' }).ui.sidebar?.title).toBe('Allocate the budget');
    expect(run(emu, 'menuBudget', [], { user: STY }).ui.sidebar?.title).toBe('Fördela budget');
    expect(run(emu, 'menuProgram', [], { user: STY, locale: 'en_GB' }).ui.sidebar?.title).toBe('Programme');
  });

  test('onInstall shows the menu too', () => {
    const r = run(newEmulator(), 'onInstall', [{ authMode: 'FULL' }]);
    expect(r.ui.menus).toHaveLength(1);
  });
});

describe('Konfigurera arbetsboken', () => {
  test('creates every sheet with headers, formats, lists, frozen rows, protections and defaults', () => {
    const emu = newEmulator();
    const r = run(emu, 'menuSetup', [], { user: PL });
    expect(r.ui.alerts).toHaveLength(0);
    expect(r.ui.toasts[0].msg).toMatch(/Arbetsboken är konfigurerad/);
    expect(emu.sheetNames()).toEqual(expect.arrayContaining(SHEETS));
    for (const def of Object.values(TABLES)) {
      expect(emu.sheetValues(def.sheet)[0]).toEqual(def.columns.map((c) => c.header));
      const st = emu.state.spreadsheet.sheets.find((s) => s.name === def.sheet)!;
      expect(st.frozenRows).toBe(1);
      // Real protection (not warning-only): Google refuses other editors' typing, pasting and API writes.
      expect(st.protections.filter((p) => p.type === 'SHEET')).toHaveLength(1);
      expect(st.protections.every((p) => !p.warningOnly)).toBe(true);
    }
    const ledger = emu.state.spreadsheet.sheets.find((s) => s.name === 'Kostnader')!;
    const lists = ledger.dataValidations.map((v) => v.rule.criteria);
    expect(lists).toEqual(expect.arrayContaining(['VALUE_IN_LIST', 'VALUE_IN_RANGE']));
    expect(getCell(ledger, 2, 6)?.fmt).toBe('#,##0.00 "kr"');

    const settings = Object.fromEntries(emu.sheetValues('Inställningar').slice(1).map((row) => [row[0], row[1]]));
    expect(settings['Totalbudget']).toBe(800000);
    expect(settings['Max antal inbjudna']).toBe(30);
    expect(settings['Projektledare']).toBe(PL); // the first user to set up manages roles
    expect(settings['Administratörer']).toBe(PL);
    // Event details are the project leader's, on their own sheet (protected for them).
    const event = Object.fromEntries(emu.sheetValues('Evenemang').slice(1).map((row) => [row[0], row[1]]));
    expect(event['Evenemang']).toBe('Public Services Summit 2009');
    expect(event['Tidszon']).toBe('Europe/Stockholm');
    expect(settings['Evenemang']).toBeUndefined();
    const budget = emu.sheetValues('Budget').slice(1);
    expect(budget.map((b) => b[0])).toEqual(['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB']);
    expect(budget.reduce((s, b) => s + Number(b[1]) * 100, 0)).toBe(80_000_000);
    // An invitation and a reminder per language, told apart by Typ.
    const [mh, ...mallar] = emu.sheetValues('Mallar');
    expect(mallar.map((m) => `${String(m[0])}/${String(m[mh.indexOf('Typ')])}`)).toEqual(['sv/Inbjudan', 'en/Inbjudan', 'sv/Påminnelse', 'en/Påminnelse']);
    // Every default row is sealed and journalled; the set-up itself is the last entry.
    const log = emu.sheetValues('Logg');
    const actions = log.slice(1).map((l) => String(l[2]));
    expect(actions.filter((a) => a === 'budget.standardfördelning')).toHaveLength(4);
    expect(actions.filter((a) => a === 'mall.standard')).toHaveLength(4);
    expect(actions.at(-1)).toBe('arbetsbok.konfigurerad');
    expect(log.slice(1).every((l) => /^[0-9a-f]{64}$/.test(String(l[6])))).toBe(true);
    for (const name of ['Inställningar', 'Evenemang', 'Budget', 'Mallar']) {
      expect(emu.sheetValues(name).slice(1).every((r) => String(r[r.length - 1]).startsWith('S1|'))).toBe(true);
    }
    expect(getCell(emu.state.spreadsheet.sheets.find((s) => s.name === 'Budget')!, 2, 2)?.fmt).toBe('#,##0.00 "kr"');
    expect(emu.runExecution(CODE, 'menuSetup', [], { user: PL }).ui.toasts[0].msg).toMatch(/redan konfigurerad/);
  });

  test('running it again changes nothing and writes nothing', () => {
    const emu = setUpWorkbook();
    const before = snapshot(emu);
    const props = JSON.stringify([emu.state.documentProperties, emu.state.scriptProperties]);
    const r = run(emu, 'menuSetup', [], { user: PL });
    expect(r.ui.toasts[0].msg).toBe('Arbetsboken är redan konfigurerad. Inget ändrades.');
    expect(snapshot(emu)).toBe(before);
    expect(JSON.stringify([emu.state.documentProperties, emu.state.scriptProperties])).toBe(props);
    expect(r.calls.rangeWrites).toBe(0);
  });

  test('user data already in the sheets survives a second set-up', () => {
    const emu = setUpWorkbook();
    emu.fireEdit(CODE, { sheet: 'Gäster', row: 2, col: 2, numRows: 1, numCols: 1, values: [['Greta']], user: PL });
    emu.fireEdit(CODE, { sheet: 'Beslut', row: 2, col: 3, numRows: 1, numCols: 1, values: [['Tema: e-förvaltning']], user: STY });
    run(emu, 'menuSetup', [], { user: PL });
    expect(emu.sheetValues('Gäster')[1][1]).toBe('Greta');
    expect(emu.sheetValues('Beslut')[1][2]).toBe('Tema: e-förvaltning');
  });

  test('a missing sheet is recreated and nothing else is touched', () => {
    const emu = setUpWorkbook();
    const st = emu.state.spreadsheet;
    st.sheets = st.sheets.filter((s) => s.name !== 'Program');
    const budgetBefore = JSON.stringify(emu.sheetValues('Budget'));
    const r = run(emu, 'menuSetup', [], { user: PL });
    expect(r.ui.toasts[0].msg).toMatch(/Skapade blad: Program/);
    expect(emu.sheetValues('Program')[0]).toEqual(TABLES.program.columns.map((c) => c.header));
    expect(JSON.stringify(emu.sheetValues('Budget'))).toBe(budgetBefore);
  });

  test('a renamed header is reported and nothing changes', () => {
    const emu = setUpWorkbook();
    emu.fireEdit(CODE, { sheet: 'Kostnader', row: 1, col: 5, numRows: 1, numCols: 1, values: [['Summa']], user: PL });
    const before = snapshot(emu);
    const r = run(emu, 'menuSetup', [], { user: PL });
    expect(r.ui.alerts).toHaveLength(1);
    expect(r.ui.alerts[0].prompt ?? r.ui.alerts[0].title).toMatch(/inget har ändrats.*Kostnader.*saknar "Beskrivning"/s);
    expect(snapshot(emu)).toBe(before);
  });

  test('reordered columns are accepted (columns are found by header name)', () => {
    const emu = setUpWorkbook();
    const ledger = emu.state.spreadsheet.sheets.find((s) => s.name === 'Kostnader')!;
    const header = ledger.rows[0]!;
    [header[0], header[4]] = [header[4], header[0]];
    const before = snapshot(emu);
    run(emu, 'menuSetup', [], { user: PL });
    expect(snapshot(emu)).toBe(before);
    const ov = api<OverviewView>(emu, 'getOverview', [], EKO);
    expect(ov.ok).toBe(true);
  });

  test('once set up, only the owner and the administrators may run it (it sets protections and roles)', () => {
    const emu = setUpWorkbook();
    emu.state.spreadsheet.sheets = emu.state.spreadsheet.sheets.filter((s) => s.name !== 'Program');
    const before = snapshot(emu);
    for (const user of [STY, EKO, NOBODY, '']) {
      const r = run(emu, 'menuSetup', [], { user });
      expect(r.ui.alerts[0].prompt ?? '').toMatch(/Bara kalkylarkets ägare och administratörerna får konfigurera arbetsboken/);
      expect(snapshot(emu)).toBe(before);
    }
    expect(run(emu, 'menuSetup', [], { user: PL }).ui.toasts[0].msg).toMatch(/Program/);
  });
});

describe('an existing Översikt is brought to the current layout (issue 9)', () => {
  type Emu = ReturnType<typeof setUpWorkbook>;
  const overview = (emu: Emu) => emu.state.spreadsheet.sheets.find((x) => x.name === 'Översikt')!;
  /** Runs `body` in the workbook as its owner (an old version's set-up, or the users' own edits). */
  const asOwner = (emu: Emu, body: string) => {
    const r = emu.runExecution(`function t() { var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheetByName('Översikt');\n${body}\n}`, 't', [], { authMode: 'FULL', user: PL });
    if (!r.ok) throw new Error(r.error?.message);
  };
  const rowOf = (emu: Emu, text: string) => emu.sheetValues('Översikt').findIndex((r) => r[0] === text) + 1;
  /** The formulas of the table's ten columns, row by row. */
  const formulas = (emu: Emu) => overview(emu).rows.map((r) => Array.from({ length: 10 }, (_, c) => r?.[c]?.f ?? ''));

  test('the layout before items and "Bokat" is rebuilt in place; the verification line, the users\' notes (moved down), charts, formats and references stay', () => {
    const emu = setUpWorkbook();
    const current = formulas(emu);
    const fresh = JSON.parse(JSON.stringify(overview(emu))) as ReturnType<typeof overview>;
    const header = rowOf(emu, 'Finansiär');
    const categories = rowOf(emu, 'Kategori');
    const lastCategory = categories + 9; // the nine categories
    const end = current.length;
    // The layout before: no item section, "Förbrukat", "48,9%", the chart's old title; then what users add.
    overview(emu).rows.length = lastCategory;
    asOwner(emu, `
      sh.getRange(${header}, 6).setValues([['Förbrukat']]); sh.getRange(${header}, 8).setValues([['Förbrukat (%)']]);
      sh.getRange(${categories}, 5).setValues([['Förbrukat']]);
      sh.getRange('H${header + 1}:H${header + 11}').setNumberFormat('0.0%');
      sh.getCharts().forEach(function (c) { sh.removeChart(c); });
      sh.insertChart(sh.newChart().asColumnChart().addRange(sh.getRange('A${header}:B${header + 10}')).setOption('title', 'Tilldelat och förbrukat per finansiär').build());
      sh.insertChart(sh.newChart().asColumnChart().addRange(sh.getRange('A${header}:G${header + 10}')).setOption('title', 'Vår egen graf').build());
      sh.getRange(4, 1).setValues([['1 ändring väntar på granskning (Granska ändringar).']]);
      sh.getRange(${lastCategory + 2}, 1, 1, 2).setValues([['Egen anteckning: STOKAB stämd mot ekonomisystemet', 42]]);
      sh.getRange(${header + 1}, 12).setValues([['Notering bredvid tabellen']]);
      var own = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$L${header + 1}<>""').setBackground('#e6f4ea').setRanges([sh.getRange('L${header + 1}:L${header + 3}')]).build();
      var inTable = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$B6>0').setBackground('#ffffff').setRanges([sh.getRange('B6:B8')]).build();
      sh.setConditionalFormatRules(sh.getConditionalFormatRules().concat([own, inTable]));
      ss.insertSheet('Egna').getRange('A1').setValues([['=Översikt!G${header + 1}']]);`);
    const kvar = emu.sheetValues('Översikt')[header][6];
    const r = run(emu, 'menuSetup', [], { user: PL });
    expect(r.ui.toasts[0].msg).toMatch(/Översikt visar nu även kostnad per programpunkt/);
    const v = emu.sheetValues('Översikt');
    expect([v[header - 1][5], v[header - 1][7], v[categories - 1][4]]).toEqual(['Bokat', 'Bokat (%)', 'Bokat']);
    expect(formulas(emu).slice(0, end)).toEqual(current); // every formula as a new workbook has it
    expect(getCell(overview(emu), header + 1, 8)?.fmt).toBe('0.0"\u00a0"%');
    // Kept: the sheet (the other sheet's reference still reads it), the verification line, the notes, the users' chart.
    expect(emu.sheetValues('Egna')[0][0]).toBe(kvar);
    expect(v[3][0]).toBe('1 ändring väntar på granskning (Granska ändringar).');
    const note = v.findIndex((row) => row[0] === 'Egen anteckning: STOKAB stämd mot ekonomisystemet');
    expect([note + 1, v[note][1]]).toEqual([end + 2, 42]); // below the new table, as it was below the old one
    expect(v[header][11]).toBe('Notering bredvid tabellen');
    // The users' rule beside the table stays, first; in the table the rules are the add-on's, as a new workbook has them.
    const rules = overview(emu).conditionalFormats!;
    expect(rules[0]).toEqual({ ranges: [`L${header + 1}:L${header + 3}`], formula: `=$L${header + 1}<>""`, background: '#e6f4ea' });
    expect(rules.slice(1)).toEqual(fresh.conditionalFormats);
    expect(overview(emu).charts!.map((c) => c.options.title)).toEqual(['Vår egen graf', 'Tilldelat och bokat per finansiär']);
    expect(logActions(emu).at(-1)).toBe('arbetsbok.konfigurerad');
    // Now current: a second set-up writes nothing.
    const again = run(emu, 'menuSetup', [], { user: PL });
    expect(again.ui.toasts[0].msg).toBe('Arbetsboken är redan konfigurerad. Inget ändrades.');
    expect(again.calls.rangeWrites).toBe(0);
  });

  test('a shorter older table, or a formula changed by hand: rebuilt, and what the users wrote right below moves down instead of being overwritten', () => {
    const emu = setUpWorkbook();
    const current = formulas(emu);
    const end = current.length;
    // An older layout two rows shorter (as if it had two funder rows fewer), with a note on the row after it.
    overview(emu).rows.splice(10, 2);
    asOwner(emu, `sh.getRange(${end - 1}, 1, 1, 2).setValues([['Vår anteckning', 42]]);`);
    expect(run(emu, 'menuSetup', [], { user: PL }).ui.toasts[0].msg).toMatch(/Översikt är ombyggd efter den nya layouten\./);
    const v = emu.sheetValues('Översikt');
    expect(v.findIndex((r) => r[0] === 'Vår anteckning')).toBe(end);
    expect(v[end][1]).toBe(42);
    expect(formulas(emu).slice(0, end)).toEqual(current);
    // A formula typed over: put back, the note stays where it is.
    asOwner(emu, `sh.getRange(${rowOf(emu, 'Finansiär') + 1}, 7).setValues([['=B6']]);`);
    expect(run(emu, 'menuSetup', [], { user: PL }).ui.toasts[0].msg).toMatch(/Översikt är ombyggd/);
    expect(formulas(emu).slice(0, end)).toEqual(current);
    expect(emu.sheetValues('Översikt').findIndex((r) => r[0] === 'Vår anteckning')).toBe(end);
  });
});

describe('Budgetöversikt', () => {
  test('the menu opens a 300 px sidebar with the built page, in Swedish or English', () => {
    const emu = setUpWorkbook();
    const sv = run(emu, 'menuOverview', [], { user: EKO });
    expect(sv.ui.sidebar?.title).toBe('Budgetöversikt');
    expect(sv.ui.sidebar?.html).toMatch(/<html lang="sv">/);
    const en = run(emu, 'menuOverview', [], { user: EKO, locale: 'en_GB' });
    expect(en.ui.sidebar?.title).toBe('Budget overview');
    expect(en.ui.sidebar?.html).toMatch(/<html lang="en">/);
  });

  test('getOverview returns per-funder figures in one call, for anyone', () => {
    const emu = setUpWorkbook();
    for (const user of [EKO, NOBODY]) {
      const r = api<OverviewView>(emu, 'getOverview', [], user);
      if (!r.ok) throw new Error(r.message);
      expect(r.data.overview.total).toBe(80_000_000);
      expect(r.data.overview.funders.map((f) => f.name)).toHaveLength(4);
      expect(r.data.overview.funders[3]).toMatchObject({ name: 'STOKAB', allocation: 20_000_000, consumed: 0, available: 20_000_000 });
    }
  });

  test('wrong argument types are refused with a message, not a stack trace', () => {
    const emu = setUpWorkbook();
    const r = api(emu, 'getOverview', [{ evil: true }], EKO);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/^Ogiltiga uppgifter.*Inget sparades/) });
  });

  test('a workbook that was never set up gets a clear message', () => {
    const r = api(newEmulator(), 'getOverview', [], EKO);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/Bladet "Inställningar" saknas.*Konfigurera arbetsboken/) });
  });

  test('a renamed Budget header is reported, not guessed', () => {
    const emu = setUpWorkbook();
    emu.state.spreadsheet.sheets.find((s) => s.name === 'Budget')!.rows[0]![1] = { v: 'Pengar' };
    const r = api(emu, 'getOverview', [], EKO);
    expect(r).toEqual({ ok: false, message: expect.stringMatching(/Budget.*"Tilldelning"/) });
  });
});

describe('where the add-on keeps its state', () => {
  // Script properties under the file's ID, not document properties: the RSVP web app of an add-on has no
  // document (apps-script-platform.md, "Execution contexts"), and it must seal the answers it writes.
  test('the anchor and the seal key are script properties under the workbook\'s ID; document properties stay empty', () => {
    const emu = setUpWorkbook();
    const id = emu.state.spreadsheet.id;
    expect(Object.keys(emu.state.scriptProperties)).toEqual(expect.arrayContaining([`summit.journal@${id}`, `summit.seal.key@${id}`]));
    expect(emu.state.documentProperties).toEqual({});
  });

  test('state an earlier version kept in document properties moves over on first use, and work goes on', () => {
    const emu = setUpWorkbook();
    const id = emu.state.spreadsheet.id;
    const ours = Object.entries(emu.state.scriptProperties).filter(([k]) => k.endsWith(`@${id}`));
    // The earlier layout: the same keys, in document properties.
    for (const [k, v] of ours) {
      emu.state.documentProperties[k.slice(0, -`@${id}`.length)] = v;
      delete emu.state.scriptProperties[k];
    }
    const cost = { funder: 'STOKAB', category: 'workshops', description: 'Lokalhyra', amount: '10 000', date: '2009-11-01', status: 'Beställd' };
    expect(api(emu, 'recordCost', [cost], EKO).ok).toBe(true);
    expect(Object.keys(emu.state.documentProperties)).toEqual([]);
    expect(JSON.parse(emu.state.scriptProperties[`summit.journal@${id}`]).n).toBeGreaterThan(JSON.parse(Object.fromEntries(ours)[`summit.journal@${id}`]).n);
    expect(run(emu, 'menuVerifyLog', [], { user: PL }).ui.alerts[0].prompt).toMatch(/^Loggen är hel: \d+ rader verifierade/);
  });
});

describe("the spreadsheet's own time zone and locale", () => {
  // A spreadsheet has its own zone and locale, separate from the script's (…/reference/spreadsheet/spreadsheet):
  // date cells are wall-clock times in its zone and typed text is read by its locale.
  const COST = { funder: 'STOKAB', category: 'workshops', description: 'Lokalhyra', amount: '10 000', date: '2009-11-20', status: 'Beställd' };

  test('a new workbook in GMT / en_US gets Stockholm and Swedish at set-up, logged; then dates and typed amounts are right', () => {
    const emu = setUpWorkbook(newEmulator({ spreadsheetTimeZone: 'GMT', spreadsheetLocale: 'en_US' }));
    const ss = emu.state.spreadsheet;
    expect([ss.timeZone, ss.locale]).toEqual(['Europe/Stockholm', 'sv_SE']);
    const setupLog = emu.sheetValues('Logg').find((r) => r[2] === 'arbetsbok.konfigurerad')!;
    expect(JSON.parse(String(setupLog[5])).tidszon).toBe('GMT → Europe/Stockholm, en_US → sv_SE');
    // A cost dated 20 November shows 20 November in the sheet (not 19 November 23:00).
    expect(api(emu, 'recordCost', [COST], EKO).ok).toBe(true);
    const header = emu.sheetValues('Kostnader')[0];
    const dateCell = getCell(emu.state.spreadsheet.sheets.find((s) => s.name === 'Kostnader')!, 2, header.indexOf('Datum') + 1)!;
    expect(displayValue(dateCell, ss.timeZone, ss.locale)).toBe('2009-11-20');
    // A finance officer typing "12 500,50" in Belopp gets the number, judged and sealed like the sidebar's.
    const r = emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col: header.indexOf('Belopp') + 1, values: [['12 500,50']], user: EKO });
    expect(r.rejected).toBeUndefined();
    expect(emu.sheetValues('Kostnader')[1][header.indexOf('Belopp')]).toBe(12500.5);
    expect(emu.sheetValues('Logg').at(-1)![2]).toBe('kostnad.direktändring');
  });

  // Set-up, import, a decision, an approval and a send run: seconds on a loaded machine.
  test('invitations from a workbook that began in GMT / en_US carry Stockholm dates, and the guest can answer', async () => {
    const emu = workbookWithGuests(2, { emu: newEmulator({ spreadsheetTimeZone: 'GMT', spreadsheetLocale: 'en_US' }) });
    sendAll(emu);
    expect(emu.outbox()).toHaveLength(2);
    const mail = await simpleParser(emu.eml(emu.outbox()[0].id));
    expect(String(mail.text)).toMatch(/8 december 2009–9 december 2009/);
    expect(String(mail.text)).toMatch(/senast 20 november 2009/);
    const guests = emu.sheetValues('Gäster');
    expect(guests.slice(1).every((r) => r[guests[0].indexOf('Status')] === 'Inbjuden')).toBe(true);
  }, 20_000);

  test('a workbook that already holds data is not switched behind its users\' backs: set-up refuses, says what to do, changes nothing', () => {
    const emu = setUpWorkbook();
    expect(api(emu, 'recordCost', [COST], EKO).ok).toBe(true);
    emu.state.spreadsheet.timeZone = 'GMT';
    emu.state.spreadsheet.locale = 'en_US';
    const before = snapshot(emu);
    const r = emu.runExecution(CODE, 'menuSetup', [], { authMode: 'FULL', user: PL });
    expect(r.ui.alerts[0].prompt).toMatch(/^Kalkylarkets tidszon är GMT och språkinställningen en_US.*Arkiv → Inställningar \(Tidszon: Stockholm, Språkinställning: Sverige\).*Inget har ändrats\.$/);
    expect(snapshot(emu)).toBe(before);
    // The refusal itself is logged (who, what, why), as every refusal is.
    expect(emu.sheetValues('Logg').at(-1)!.slice(1, 4)).toEqual([PL, 'vägrad', 'menuSetup']);
    expect([emu.state.spreadsheet.timeZone, emu.state.spreadsheet.locale]).toEqual(['GMT', 'en_US']);
  });
});
