/**
 * Set-up's use cases (src/app/setup.ts) in memory: who may run it before and after the journal starts, the
 * default rows on a new workbook (the first user's roles, the budget split, the templates, the old parts
 * carried over to Program), an older workbook's event details moved from Inställningar, and a second run that
 * writes nothing. test/bundle/setup.test.ts runs the whole of set-up in the emulator; these name each figure.
 */
import { mayWriteLog, protectionRoles, setupAuthority } from '../../../src/app/setup';
import { type TableKey } from '../../../src/core/schema';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { ME, refusal, REFUSED, setUp, sheets } from './setup-fixture';

const value = (p: MemoryPorts, key: TableKey, k: string) => p.workbook.get(key).records().find((r) => r['Nyckel'] === k)?.['Värde'];
const actions = (p: MemoryPorts) => p.workbook.get('log').records().map((r) => String(r['Åtgärd']));

describe('setupAuthority', () => {
  test('nobody signed in: refused, saying who may', () => {
    expect(refusal(() => setupAuthority(memoryPorts('')))).toBe(REFUSED);
  });

  test('a workbook with no administrator and no role: whoever runs it first, and that is the first run', () => {
    expect(setupAuthority(sheets(ME))).toMatchObject({ email: ME, firstRun: true });
  });

  test('roles typed before the journal: the owner, or a named administrator on a file without owner; nobody else', () => {
    const rows = { settings: [['Administratörer', 'admin@stockholm.se', ''], ['Styrgrupp', 'sg@stockholm.se', '']] };
    const p = sheets(ME, rows);
    p.workbook.ownerEmail = 'agare@stockholm.se';
    expect(refusal(() => setupAuthority(p))).toBe(REFUSED);
    p.user.current = 'agare@stockholm.se';
    expect(setupAuthority(p)).toMatchObject({ firstRun: false });
    p.user.current = 'admin@stockholm.se';
    expect(refusal(() => setupAuthority(p))).toBe(REFUSED); // the file has an owner: only they
    p.workbook.ownerEmail = '';
    expect(setupAuthority(p)).toMatchObject({ email: 'admin@stockholm.se', firstRun: false, settings: { admins: ['admin@stockholm.se'] } });
  });

  test('after the journal started: an administrator as the journal knows them; a name typed by hand does not count', () => {
    const p = sheets(ME);
    setUp(p);
    expect(setupAuthority(p)).toMatchObject({ email: ME, firstRun: false });
    p.user.current = 'annan@stockholm.se';
    expect(refusal(() => setupAuthority(p))).toBe(REFUSED);
    const t = p.workbook.get('settings');
    t.grid[t.grid.findIndex((r) => r[0] === 'Administratörer')][1] = `${ME}, annan@stockholm.se`;
    expect(refusal(() => setupAuthority(p))).toBe(REFUSED);
  });
});

describe('writeDefaults', () => {
  test('a new workbook: the first user administrator and project leader, the budget split, both templates of each language, the parts as Program items', () => {
    const p = sheets(ME);
    const wrote = setUp(p);
    expect(wrote.map((m) => m.en)).toEqual([
      'Inställningar: 13 values', 'Evenemang: 8 values', 'Program: 4 items from Evenemangsdelar', 'Budget: default split', 'Mallar: sv, en', 'Mallar: reminder sv, en',
    ]);
    expect([value(p, 'settings', 'Administratörer'), value(p, 'settings', 'Projektledare')]).toEqual([ME, ME]);
    expect(p.workbook.get('budget').records().map((r) => [r['Finansiär'], r['Tilldelning']])).toEqual([
      ['Kommunstyrelsen', 200000], ['Stockholm Business Region AB', 200000], ['Utbildningsnämnden', 200000], ['STOKAB', 200000],
    ]);
    expect(p.workbook.get('templates').records().map((r) => [r['Språk'], r['Typ']])).toEqual([['sv', 'Inbjudan'], ['en', 'Inbjudan'], ['sv', 'Påminnelse'], ['en', 'Påminnelse']]);
    // The old default parts as proposed items, the first user responsible (there is no project leader before them).
    expect(p.workbook.get('program').records().map((r) => [r['ID'], r['Rubrik'], r['Ansvarig'], r['Status']])).toEqual([
      ['P-001', 'konferensen', ME, 'förslag'], ['P-002', 'konferensen', ME, 'förslag'], ['P-003', 'representationsmiddagen', ME, 'förslag'], ['P-004', 'studiebesök', ME, 'förslag'],
    ]);
    expect(actions(p)).toEqual(expect.arrayContaining(['inställning.standard', 'budget.standardfördelning', 'mall.standard', 'programpunkt.överförd']));
    expect(mayWriteLog(p, protectionRoles(p))).toBe(true);
  });

  test('run again: nothing written, nothing to say', () => {
    const p = sheets(ME);
    setUp(p);
    const log = p.workbook.get('log').grid.length;
    expect(setUp(p)).toEqual([]);
    expect(p.workbook.get('log').grid.length).toBe(log);
  });

  test('an older workbook\'s event details on Inställningar move to Evenemang, logged; its budget and templates are left alone', () => {
    const p = sheets('agare@stockholm.se', {
      settings: [['Administratörer', 'agare@stockholm.se', ''], ['Plats', 'Kungliga slottet', '']],
      budget: [['STOKAB', 800000, '', '']],
      templates: [['sv', 'Egen inbjudan', 'Hej {{Förnamn}}: {{Svarslänk}}', 'Inbjudan', '']],
    });
    p.workbook.ownerEmail = 'agare@stockholm.se';
    setUp(p);
    expect(value(p, 'event', 'Plats')).toBe('Kungliga slottet');
    expect(p.workbook.get('settings').records().some((r) => r['Nyckel'] === 'Plats')).toBe(false);
    expect(actions(p)).toContain('inställning.flyttad');
    expect(p.workbook.get('budget').records().map((r) => r['Finansiär'])).toEqual(['STOKAB']);
    // The invitation typed by the users stays; the reminders missing for both languages are added.
    expect(p.workbook.get('templates').records().map((r) => [r['Språk'], r['Ämne'] === 'Egen inbjudan' ? 'egen' : r['Typ']])).toEqual([['sv', 'egen'], ['sv', 'Påminnelse'], ['en', 'Påminnelse']]);
    // Not the first run: nobody was made project leader.
    expect(value(p, 'settings', 'Projektledare')).toBe('');
    expect(mayWriteLog(p, protectionRoles(p))).toBe(true);
    p.user.current = 'okand@example.org';
    expect(mayWriteLog(p, protectionRoles(p))).toBe(false);
  });

  test('an older workbook\'s own parts become Program items once: each guest\'s part names become the items\' IDs, logged; the old row goes', () => {
    const guest = (id: string, events: string) => [id, 'F', 'E', '', '', '', `${id.toLowerCase()}@example.se`, 'sv', events, '', 'Föreslagen', '', '', '', 1, ''];
    const p = sheets('agare@stockholm.se', {
      settings: [['Administratörer', 'agare@stockholm.se', '']],
      event: [['Evenemangsdelar', 'Seminariet; Middagen', ''], ['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-08', '']],
      guests: [guest('G-0001', 'Seminariet; Middagen'), guest('G-0002', 'middagen'), guest('G-0003', '')],
    });
    p.workbook.ownerEmail = 'agare@stockholm.se';
    const wrote = setUp(p);
    expect(wrote.map((m) => m.en)).toContain('Program: 2 items from Evenemangsdelar, 2 guests invited to them');
    expect(p.workbook.get('program').records().map((r) => [r['ID'], r['Rubrik']])).toEqual([['P-001', 'Seminariet'], ['P-002', 'Middagen']]);
    // Names matched as set-up reads them (case aside); a guest with no part is left as it is.
    expect(p.workbook.get('guests').records().map((r) => r['Evenemang'])).toEqual(['P-001; P-002', 'P-002', '']);
    const logged = p.workbook.get('log').records().filter((r) => ['gäst.programpunkter', 'inställning.ersatt'].includes(String(r['Åtgärd'])));
    expect(logged.map((r) => [r['Åtgärd'], r['Objekt'], r['Före'], r['Efter']])).toEqual([
      ['gäst.programpunkter', 'G-0001', '{"Evenemang":"Seminariet; Middagen"}', '{"Evenemang":"P-001; P-002"}'],
      ['gäst.programpunkter', 'G-0002', '{"Evenemang":"middagen"}', '{"Evenemang":"P-002"}'],
      ['inställning.ersatt', 'Evenemangsdelar', '', '{"ersatt_av":"Program","punkter":["P-001","P-002"]}'],
    ]);
    expect(p.workbook.get('event').records().some((r) => r['Nyckel'] === 'Evenemangsdelar')).toBe(false);
    // Once: a second run carries nothing over again.
    expect(setUp(p)).toEqual([]);
    expect(p.workbook.get('program').records()).toHaveLength(2);
  });
});
