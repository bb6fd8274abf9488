/**
 * Set-up's use cases (src/app/setup.ts), the details test/unit/app/setup.test.ts leaves out: who counts as
 * "nobody named yet", a seal key or log that was there before the journal, the baseline of an older workbook
 * (one entry per row, a second row with the same key left for review), rows deleted after set-up not written
 * again, the Logg entries' objects and figures, and the old parts carried over on a workbook that is not new.
 */
import { checkTable, Journal, JOURNAL_KEY, newSealKey, SEAL_KEY } from '../../../src/app/journal';
import { mayWriteLog, protectionRoles, setupAuthority, startJournal, writeDefaults } from '../../../src/app/setup';
import { TABLES } from '../../../src/core/schema';
import { type MemoryPorts } from '../../support/memory';
import { ME, refusal, REFUSED, setUp, sheets } from './setup-fixture';

const OWNER = 'agare@stockholm.se';
const logRows = (p: MemoryPorts, action: string) => p.workbook.get('log').records().filter((r) => r['Åtgärd'] === action);
const logged = (p: MemoryPorts, action: string) => logRows(p, action).map((r) => [r['Objekt'], r['Efter']]);
const guest = (id: string, events: string) => [id, 'F', 'E', '', '', '', `${id.toLowerCase()}@example.se`, 'sv', events, '', 'Föreslagen', '', '', '', 1, ''];
const cp = (p: MemoryPorts): unknown => (JSON.parse(p.properties.get(JOURNAL_KEY) ?? '{}') as { cp?: unknown }).cp;

describe('setupAuthority before the journal', () => {
  test('a role named but no administrator: not "nobody named yet", so someone who is not the owner is refused', () => {
    const p = sheets(ME, { settings: [['Styrgrupp', 'sg@stockholm.se', '']] });
    p.workbook.ownerEmail = OWNER;
    expect(refusal(() => setupAuthority(p))).toBe(REFUSED);
  });

  test('a seal key without the journal\'s anchor: still before the journal (the sheets as they stand decide)', () => {
    const p = sheets(ME);
    p.properties.set(SEAL_KEY, newSealKey(() => 'u'));
    expect(setupAuthority(p)).toMatchObject({ email: ME, firstRun: true });
  });

  test('no Inställningar sheet yet: nobody is named, so whoever runs set-up may, as on a first run', () => {
    const p = sheets(ME);
    p.workbook.tables.delete(TABLES.settings.sheet);
    p.workbook.ownerEmail = OWNER;
    expect(setupAuthority(p)).toMatchObject({ email: ME, firstRun: true });
  });
});

describe('startJournal', () => {
  test('a seal key already there is kept; one is made when there is none', () => {
    const p = sheets(ME);
    const key = newSealKey(() => 'fast');
    p.properties.set(SEAL_KEY, key);
    setUp(p);
    expect(p.properties.get(SEAL_KEY)).toBe(key);
    const q = sheets(ME);
    setUp(q);
    expect(q.properties.get(SEAL_KEY)).toMatch(/^[0-9a-f]{64}$/);
    expect(q.properties.get(SEAL_KEY)).not.toBe(newSealKey(() => 'undefined'));
  });

  test('an older workbook: each row sealed once, the Logg entry naming the sheet and key; a second row with the same key waits for review', () => {
    const p = sheets(OWNER, {
      settings: [['Administratörer', OWNER, ''], ['Plats', 'Kungliga slottet', '']],
      guests: [guest('G-0001', ''), guest('G-0002', ''), guest('G-0001', 'kopian')],
      budget: [['STOKAB', 800000, '', '']],
    });
    p.workbook.ownerEmail = OWNER;
    const sealed = p.lock.withLock(1000, () => startJournal(p, new Journal(p)));
    expect(sealed).toBe(4);
    expect(logged(p, 'arbetsbok.baslinje').map(([o]) => o)).toEqual(['Inställningar:Administratörer', 'Budget:STOKAB', 'Gäster:G-0001', 'Gäster:G-0002']);
    const journal = new Journal(p).fresh();
    expect(checkTable(journal, 'guests').rows.map((r) => r.kind)).toEqual(['ok', 'ok', 'new']);
    // Sealed as they stand: the values read back verified.
    expect(checkTable(journal, 'budget').rows.map((r) => [r.kind, r.key])).toEqual([['ok', 'STOKAB']]);
    expect(p.workbook.get('budget').records()[0]['Tilldelning']).toBe(800000);
  });

  test('headers spelled in another case: each row is sealed with its own values, read by the schema\'s header', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']], budget: [['STOKAB', 800000, 85, 'egen']] });
    p.workbook.ownerEmail = OWNER;
    const budget = p.workbook.get('budget');
    budget.grid[0] = budget.grid[0].map((h) => String(h).toUpperCase());
    p.lock.withLock(1000, () => startJournal(p, new Journal(p)));
    expect(logged(p, 'arbetsbok.baslinje').map(([o]) => o)).toEqual(['Inställningar:Administratörer', 'Budget:STOKAB']);
    expect(checkTable(new Journal(p).fresh(), 'budget').rows.map((r) => [r.kind, r.key])).toEqual([['ok', 'STOKAB']]);
    expect(budget.grid[1].slice(0, 4)).toEqual(['STOKAB', 800000, 85, 'egen']);
  });

  test('a row without a key is named by its sheet row in the baseline entry', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']], budget: [['', 5000, '', 'utan namn']] });
    p.workbook.ownerEmail = OWNER;
    p.lock.withLock(1000, () => startJournal(p, new Journal(p)));
    expect(logged(p, 'arbetsbok.baslinje').map(([o]) => o)).toEqual(['Inställningar:Administratörer', 'Budget:rad 2']);
  });

  test('the existing Logg becomes the anchor: its checkpoints from the hashes as verified (trimmed, lower case)', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']], guests: Array.from({ length: 105 }, (_, i) => guest(`G-${String(i + 1).padStart(4, '0')}`, '')) });
    p.workbook.ownerEmail = OWNER;
    p.lock.withLock(1000, () => startJournal(p, new Journal(p)));
    const log = p.workbook.get('log');
    const hashCol = log.grid[0].indexOf('Hash');
    const h100 = String(log.grid[100][hashCol]);
    log.grid[100][hashCol] = ` ${h100.toUpperCase()} `;
    // A workbook whose log was written before the journal: no anchor.
    p.properties.delete(JOURNAL_KEY);
    p.lock.withLock(1000, () => startJournal(p, new Journal(p)));
    // The 100th entry (then the baseline written again appends more).
    expect((cp(p) as unknown[])[0]).toEqual([100, h100]);
  });

  test('a Logg that does not hold together: refused, naming its sheet row, and nothing written', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']], budget: [['STOKAB', 800000, '', '']] });
    p.workbook.ownerEmail = OWNER;
    p.lock.withLock(1000, () => startJournal(p, new Journal(p)));
    const log = p.workbook.get('log');
    log.grid[2][log.grid[0].indexOf('Objekt')] = 'Budget:ändrad';
    p.properties.delete(JOURNAL_KEY);
    const rows = log.grid.length;
    expect(refusal(() => p.lock.withLock(1000, () => startJournal(p, new Journal(p))))).toContain('(row 3)');
    expect(p.properties.get(JOURNAL_KEY)).toBeNull();
    expect(log.grid.length).toBe(rows);
  });
});

describe('writeDefaults', () => {
  test('each default written is logged with its key and figures', () => {
    const p = sheets(ME);
    setUp(p);
    expect(logged(p, 'inställning.standard').map(([o]) => o)).toEqual(expect.arrayContaining(['Administratörer', 'Projektledare', 'Totalbudget', 'Plats', 'Startdatum']));
    expect(logged(p, 'budget.standardfördelning')).toEqual([
      ['Kommunstyrelsen', '{"Tilldelning":200000}'], ['Stockholm Business Region AB', '{"Tilldelning":200000}'],
      ['Utbildningsnämnden', '{"Tilldelning":200000}'], ['STOKAB', '{"Tilldelning":200000}'],
    ]);
    expect(logged(p, 'mall.standard').map(([o]) => o)).toEqual(['sv', 'en', 'sv/Påminnelse', 'en/Påminnelse']);
    const items = logged(p, 'programpunkt.överförd');
    expect(items).toHaveLength(4);
    expect(JSON.parse(String(items[0][1]))).toMatchObject({ Rubrik: 'konferensen' });
  });

  test('an older workbook\'s event detail moved from Inställningar is logged with where it went', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, ''], ['Plats', 'Kungliga slottet', '']] });
    p.workbook.ownerEmail = OWNER;
    setUp(p);
    expect(logged(p, 'inställning.flyttad')).toEqual([['Plats', '{"till":"Evenemang"}']]);
  });

  test('a setting row typed after the journal started (unverified) stays where it is: only event details move', () => {
    const p = sheets(ME);
    setUp(p);
    p.workbook.get('settings').grid.push(['Styrgrupp', 'sg@stockholm.se', '', '']);
    p.lock.withLock(1000, () => writeDefaults(p, new Journal(p).fresh(), setupAuthority(p)));
    expect(p.workbook.get('settings').records().filter((r) => r['Nyckel'] === 'Styrgrupp').map((r) => r['Värde'])).toEqual(expect.arrayContaining(['sg@stockholm.se']));
    expect(logged(p, 'inställning.flyttad')).toEqual([]);
  });

  test('an event detail on Inställningar whose seal is not ours (forged) is not moved: it waits for review', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, ''], ['Plats', 'Bluffen', '', 'S1|1|falsk|["Plats","Bluffen",""]']] });
    p.workbook.ownerEmail = OWNER;
    setUp(p);
    expect(checkTable(new Journal(p).fresh(), 'settings').rows.filter((r) => r.key === 'Plats').map((r) => r.kind)).toEqual(['forged']);
    expect(logged(p, 'inställning.flyttad')).toEqual([]);
    expect(p.workbook.get('settings').records().filter((r) => r['Nyckel'] === 'Plats').map((r) => r['Värde'])).toEqual(['Bluffen']);
    expect(p.workbook.get('event').records().find((r) => r['Nyckel'] === 'Plats')?.['Värde']).toBe('Stockholm');
  });

  test('a setting typed by hand after the journal started, with no verified row of its key, is not overwritten by the default', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']] });
    p.workbook.ownerEmail = OWNER;
    // A journal started by a version without Registrator; then the row typed on the sheet.
    p.lock.withLock(1000, () => startJournal(p, new Journal(p)));
    p.workbook.get('settings').grid.push(['Registrator', 'reg@stockholm.se', '', '']);
    p.lock.withLock(1000, () => writeDefaults(p, new Journal(p).fresh(), setupAuthority(p)));
    expect(p.workbook.get('settings').records().filter((r) => r['Nyckel'] === 'Registrator').map((r) => r['Värde'])).toEqual(['reg@stockholm.se']);
    expect(logged(p, 'inställning.standard').map(([o]) => o)).not.toContain('Registrator');
    expect(checkTable(new Journal(p).fresh(), 'settings').rows.find((r) => r.key === 'Registrator')?.kind).toBe('new');
  });

  test('budget rows and templates deleted after set-up are not replaced by the defaults: they wait for review', () => {
    const p = sheets(ME);
    setUp(p);
    p.workbook.get('budget').grid.length = 1;
    p.workbook.get('templates').grid.length = 1;
    expect(setUp(p)).toEqual([]);
    expect(p.workbook.get('budget').records()).toEqual([]);
    expect(p.workbook.get('templates').records()).toEqual([]);
  });

  test('an older workbook\'s decisions are carried over and said so; no Beslut sheet, nothing about decisions', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']], decisions: [['', '2009-10-01', 'Budget', 'Budgeten fastställd', 'Styrgruppen', 'Fattat', '']] });
    p.workbook.ownerEmail = OWNER;
    const wrote = setUp(p).map((m) => m.en);
    expect(wrote[0]).toBe('Beslut: 0 existing decisions registered, 1 row incomplete (waiting under Review changes)');
    const q = sheets(OWNER, { settings: [['Administratörer', OWNER, '']] });
    q.workbook.ownerEmail = OWNER;
    q.workbook.tables.delete(TABLES.decisions.sheet);
    expect(setUp(q).map((m) => m.en).some((m) => m.startsWith('Beslut'))).toBe(false);
  });
});

describe('carrying over the old parts', () => {
  test('on a workbook that is not new: the parts read from their own row, dated from Evenemang, nobody responsible; unverified guests left alone', () => {
    const p = sheets(OWNER, {
      settings: [['Administratörer', OWNER, '']],
      event: [['Plats', 'Stadshuset', ''], ['Evenemangsdelar', 'Seminariet; Middagen', ''], ['Startdatum', '2031-05-14', ''], ['Slutdatum', '2031-05-14', '']],
      guests: [guest('G-0001', 'Seminariet'), guest('G-0002', ' '), guest('G-0001', 'Middagen')],
    });
    p.workbook.ownerEmail = OWNER;
    const DAY = new Date('2031-05-14T00:00:00+02:00');
    const wrote = setUp(p).map((m) => m.en);
    expect(wrote).toContain('Program: 2 items from Evenemangsdelar, 1 guest invited to them');
    expect(p.workbook.get('program').records().map((r) => [r['ID'], r['Rubrik'], r['Datum'], r['Ansvarig']])).toEqual([
      ['P-001', 'Seminariet', DAY, ''], ['P-002', 'Middagen', DAY, ''],
    ]);
    expect(p.workbook.get('guests').records().map((r) => r['Evenemang'])).toEqual(['P-001', ' ', 'Middagen']);
    const after = JSON.parse(String(logged(p, 'programpunkt.överförd')[0][1])) as Record<string, unknown>;
    expect(after).toMatchObject({ Rubrik: 'Seminariet', Datum: '2031-05-14' });
  });

  test('a Program row typed by hand before the parts are carried over keeps its ID: the items take the next ones', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']], event: [['Evenemangsdelar', 'Seminariet', '']] });
    p.workbook.ownerEmail = OWNER;
    // A journal started before Program existed; a row typed on the sheet since.
    p.lock.withLock(1000, () => startJournal(p, new Journal(p)));
    p.workbook.get('program').grid.push(['P-001', '', '', '', 'Egen punkt', '', '', '', '', '', '', '', '', '']);
    p.lock.withLock(1000, () => writeDefaults(p, new Journal(p).fresh(), setupAuthority(p)));
    expect(p.workbook.get('program').records().map((r) => [r['ID'], r['Rubrik']])).toEqual([['P-001', 'Egen punkt'], ['P-002', 'Seminariet']]);
  });

  test('no parts at all: Program is still marked in use, so a second run carries nothing over', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']], event: [['Evenemangsdelar', ';', '']] });
    p.workbook.ownerEmail = OWNER;
    expect(setUp(p).map((m) => m.en)).toContain('Program: 0 items from Evenemangsdelar');
    // Marked with the counts of an empty Program: the sheet agrees with the journal.
    expect(checkTable(new Journal(p).fresh(), 'program').problem).toBeNull();
    expect(setUp(p)).toEqual([]);
  });

  test('the items written stay verified after set-up marks Program in use: the journal\'s counts are not reset', () => {
    const p = sheets(ME);
    setUp(p);
    const program = checkTable(new Journal(p).fresh(), 'program');
    expect(program.rows.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(program.problem).toBeNull();
  });

  test('a reminder template typed before set-up with spaces around its language counts: none added for it', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', OWNER, '']], templates: [[' en ', 'Påminnelse', 'Hej {{Förnamn}}: {{Svarslänk}}', 'Påminnelse', '']] });
    p.workbook.ownerEmail = OWNER;
    expect(setUp(p).map((m) => m.en)).toContain('Mallar: reminder sv');
  });

  test('a reminder template deleted after set-up is not written again', () => {
    const p = sheets(ME);
    setUp(p);
    const t = p.workbook.get('templates');
    t.grid = t.grid.filter((r) => !(r[0] === 'en' && r[3] === 'Påminnelse'));
    expect(setUp(p)).toEqual([]);
  });
});

describe('mayWriteLog', () => {
  test('a role holder who is not an administrator, and the owner with no role, may append to Logg', () => {
    const p = sheets(OWNER, { settings: [['Administratörer', 'admin@stockholm.se', ''], ['Styrgrupp', 'sg@stockholm.se', '']] });
    p.workbook.ownerEmail = OWNER;
    setUp(p);
    p.user.current = 'sg@stockholm.se';
    expect(mayWriteLog(p, protectionRoles(p))).toBe(true);
    p.user.current = OWNER;
    expect(mayWriteLog(p, protectionRoles(p))).toBe(true);
    p.user.current = 'okand@example.org';
    expect(mayWriteLog(p, protectionRoles(p))).toBe(false);
  });
});
