/**
 * Beslut's use cases (src/app/decisions.ts) answer by answer: the refusal of each malformed input at its field, what
 * recording and changing write (the date cell, the ID, Logg's exact before and after without the wording), the
 * refusal of a row that waits for review or is gone, the sidebar's view and set-up's carrying over of an older sheet,
 * so a changed rule or message turns a test red (npm run test:mutation).
 */
import { adoptDecisions, changeDecision, decisionsView, recordDecision } from '../../../src/app/decisions';
import { checkTable, Journal, Tx } from '../../../src/app/journal';
import { startJournal } from '../../../src/app/setup';
import { UserError } from '../../../src/core/msg';
import { TABLES, type TableKey } from '../../../src/core/schema';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { decisionRow, dump, logRecords, seed, STY } from './budget-fixture';

const VALID = { date: '2009-11-02', subject: 'Budgetomfördelning', text: 'Flytta 5 000 kr.', reference: 'Dnr 9', decidedBy: 'Styrgruppen', status: 'Fattat', note: '' };
const refusal = (f: () => unknown): { field: string | undefined; sv: string; en: string } => {
  try { f(); } catch (e) { if (e instanceof UserError) return { field: e.field, ...e.userMessage }; throw e; }
  throw new Error('not refused');
};
const rec = (p: MemoryPorts, id: string) => p.workbook.get('decisions').records().find((r) => r['ID'] === id)!;
const rowOf = (p: MemoryPorts, id: string) => p.workbook.get('decisions').grid.findIndex((r) => r[0] === id);
const logOf = (p: MemoryPorts) => logRecords(p).map((r) => [r['Åtgärd'], r['Objekt'], r['Före'] ? JSON.parse(String(r['Före'])) : '', r['Efter'] ? JSON.parse(String(r['Efter'])) : '']);

describe('input: a malformed argument is refused at its field, nothing written', () => {
  test.each([
    [{ ...VALID, date: '2009-11-02T10' }, 'date', 'Datum: för lång text (högst 10 tecken).'],
    [{ ...VALID, subject: 'x'.repeat(41) }, 'subject', 'Ämne: för lång text (högst 40 tecken).'],
    [{ ...VALID, status: 'x'.repeat(21) }, 'status', 'Status: för lång text (högst 20 tecken).'],
    [{ ...VALID, decidedBy: 'x'.repeat(201) }, 'decidedBy', 'Beslutat av: för lång text (högst 200 tecken).'],
    [{ ...VALID, reference: 'x'.repeat(101) }, 'reference', 'Referens (Dnr): för lång text (högst 100 tecken).'],
    [{ ...VALID, note: 'x'.repeat(1001) }, 'note', 'Anteckning: för lång text (högst 1000 tecken).'],
    [{ ...VALID, subject: undefined }, 'subject', 'Ämne: saknas eller har fel typ.'],
    [{ ...VALID, id: 'B-0001' }, undefined, 'Ogiltiga uppgifter: (indata).'],
    ['B-0001', undefined, 'Ogiltiga uppgifter: (indata).'],
  ])('record %#', (input, field, sv) => {
    const p = seed({ user: STY });
    const before = dump(p);
    expect(refusal(() => recordDecision(p, input))).toMatchObject({ field, sv });
    expect(dump(p)).toBe(before);
  });

  test('a change names its ID; an unknown key is refused as a whole', () => {
    const p = seed({ user: STY });
    expect(refusal(() => changeDecision(p, { ...VALID, id: 'B-0009', Status: 'Upphävt' }))).toEqual({ field: undefined, sv: 'Ogiltiga uppgifter: (indata).', en: 'Invalid input: (indata).' });
    expect(refusal(() => changeDecision(p, { ...VALID, id: 'B-'.repeat(11) }))).toMatchObject({ field: 'id', sv: 'Ogiltiga uppgifter: ID.' });
    expect(refusal(() => changeDecision(p, { ...VALID }))).toMatchObject({ field: 'id', sv: 'Ogiltiga uppgifter: ID.' });
    expect(refusal(() => changeDecision(p, { ...VALID, id: 'B-0009', text: 7 }))).toMatchObject({ field: 'text', sv: 'Beslut: saknas eller har fel typ.', en: 'Decision: missing or of the wrong type.' });
    expect(refusal(() => changeDecision(p, { ...VALID, id: 'B-0009', date: '2009-02-30' }))).toMatchObject({ field: 'date', sv: 'Datum: "2009-02-30" är inget giltigt datum (ÅÅÅÅ-MM-DD).' });
  });

  test('reference and note may be left out: empty cells', () => {
    const p = seed({ user: STY });
    const { id } = recordDecision(p, { date: VALID.date, subject: 'Tema', text: 'Öppenhet', decidedBy: 'Styrgruppen', status: 'Förslag' });
    expect(rec(p, id)).toMatchObject({ Referens: '', Anteckning: '', Ämne: 'Tema', Status: 'Förslag' });
  });
});

describe('recording', () => {
  test('the date is a date cell of that day; Logg has date, subject, Dnr and status, and only that the wording was given', () => {
    const p = seed({ user: STY });
    const { id } = recordDecision(p, { ...VALID, subject: ' inbjudningslista ', status: 'förslag', note: 'Se bilaga' });
    const d = rec(p, id)['Datum'] as Date;
    expect([d instanceof Date, d.getFullYear(), d.getMonth(), d.getDate(), d.getHours()]).toEqual([true, 2009, 10, 2, 0]);
    expect(rec(p, id)).toMatchObject({ Ämne: 'Inbjudningslista', Status: 'Förslag', Anteckning: 'Se bilaga' });
    expect(logOf(p)).toEqual([['beslut.registrerat', id, '', {
      Datum: '2009-11-02', Ämne: 'Inbjudningslista', Referens: 'Dnr 9', Status: 'Förslag', Beslut: '(ändrad)', 'Beslutat av': '(ändrad)', Anteckning: '(ändrad)',
    }]]);
  });

  test('the ID of a row deleted from the sheet is never given again', () => {
    const p = seed({ user: STY });
    p.workbook.get('decisions').grid.splice(rowOf(p, 'B-0010'), 1);
    expect(recordDecision(p, VALID).id).toBe('B-0011');
  });
});

describe('changing', () => {
  test('found by its ID in any case; Logg names only what changed, before and after', () => {
    const p = seed({ user: STY });
    expect(changeDecision(p, { ...VALID, id: ' b-0009 ', text: 'Beslut B-0009', reference: 'SG förslag', date: '2009-10-21', status: 'Förslag' }).message.sv)
      .toBe('Beslut B-0009 är ändrat (förslag).');
    expect(logOf(p)).toEqual([['beslut.ändrat', 'B-0009', { Datum: '2009-10-20' }, { Datum: '2009-10-21' }]]);
    expect(rec(p, 'B-0009')['ID']).toBe('B-0009');
  });

  test('a row sealed by an older version that is no sound decision now (wording over today\'s limit) may be put right: every field logged', () => {
    const p = seed({ user: STY, decisions: [decisionRow('B-0001', 'Dnr 1')] });
    // As an older version with a longer limit would have sealed it (the journal's own write, src/app/journal.ts Tx).
    p.lock.withLock(1000, () => {
      const journal = new Journal(p);
      new Tx(journal).put(checkTable(journal.fresh(), 'decisions'), 0, { Beslut: 'x'.repeat(2001) }, { action: 'äldre.version', object: 'B-0001' }).commit();
    });
    expect(changeDecision(p, { ...VALID, id: 'B-0001', status: 'Upphävt' }).message.sv).toBe('Beslut B-0001 är ändrat (upphävt).');
    expect(logOf(p).slice(1)).toEqual([['beslut.ändrat', 'B-0001', '', {
      Datum: '2009-11-02', Ämne: 'Budgetomfördelning', Referens: 'Dnr 9', Status: 'Upphävt', Beslut: '(ändrad)', 'Beslutat av': '(ändrad)', Anteckning: '(ändrad)',
    }]]);
    expect(rec(p, 'B-0001')).toMatchObject({ Beslut: VALID.text, Status: 'Upphävt' });
  });

  test('nothing changed: said so, nothing written', () => {
    const p = seed({ user: STY });
    const before = dump(p);
    const same = { ...VALID, id: 'B-0003', date: '2009-10-20', text: 'Beslut B-0003', reference: 'SG 1' };
    expect(changeDecision(p, same).message).toEqual({ sv: 'Beslut B-0003 är oförändrat.', en: 'Decision B-0003 is unchanged.' });
    expect(dump(p)).toBe(before);
  });

  test('revoking is logged as such; a revoked decision\'s note changed is a change, not a revocation', () => {
    const p = seed({ user: STY });
    const b3 = { ...VALID, id: 'B-0003', date: '2009-10-20', text: 'Beslut B-0003', reference: 'SG 1' };
    changeDecision(p, { ...b3, status: 'Upphävt', note: 'Ersatt' });
    changeDecision(p, { ...b3, status: 'Upphävt', note: 'Ersatt av B-0011' });
    expect(logOf(p)).toEqual([
      ['beslut.upphävt', 'B-0003', { Status: 'Fattat', Anteckning: '(ändrad)' }, { Status: 'Upphävt', Anteckning: '(ändrad)' }],
      ['beslut.ändrat', 'B-0003', { Anteckning: '(ändrad)' }, { Anteckning: '(ändrad)' }],
    ]);
    expect(refusal(() => changeDecision(p, { ...b3, status: 'Fattat' }))).toMatchObject({ field: 'status', sv: 'Status: beslut B-0003 är upphävt och kan inte återupplivas (registrera ett nytt beslut).' });
  });

  test('a row deleted from the sheet, or changed there, waits for review and is not changed here', () => {
    const p = seed({ user: STY });
    p.workbook.get('decisions').grid.splice(rowOf(p, 'B-0002'), 1);
    p.workbook.get('decisions').grid[rowOf(p, 'B-0004')][7] = 'Handskrivet';
    const before = dump(p);
    expect(refusal(() => changeDecision(p, { ...VALID, id: 'b-0002' }))).toEqual({
      field: 'id', sv: 'Beslut b-0002 har tagits bort utanför Summit Planner och väntar på granskning.', en: 'Decision b-0002 was removed outside Summit Planner and waits for review.',
    });
    expect(refusal(() => changeDecision(p, { ...VALID, id: 'b-0004' }))).toMatchObject({
      field: 'id', sv: 'Beslut B-0004 har ändrats utanför Summit Planner (rad 4) och väntar på granskning; det ändras bara där (Summit Planner → Granska ändringar).',
    });
    expect(refusal(() => changeDecision(p, { ...VALID, id: 'B-0099' }))).toMatchObject({ field: 'id', sv: 'Det finns inget beslut B-0099 i registret.' });
    expect(dump(p)).toBe(before);
  });
});

describe('the sidebar\'s view', () => {
  test('for the steering group: may record, today, the lists; newest first, a tie by the higher ID; why a row waits', () => {
    const p = seed({
      user: STY, decisions: [
        decisionRow('B-0001', 'Dnr 1'), decisionRow('B-0003', 'Dnr 3'), decisionRow('B-0002', 'Dnr 2'),
        ['B-0004', new Date(2009, 10, 1), 'Tema', 'Öppenhet', '', 'Styrgruppen', 'Förslag', ''],
      ],
    });
    p.clock.t = new Date(2009, 11, 24, 23, 30);
    p.workbook.get('decisions').grid[rowOf(p, 'B-0002')][3] = 'Handskrivet';
    const v = decisionsView(p);
    expect([v.user, v.roles, v.mayRecord, v.today]).toEqual([STY, ['styrgrupp'], true, '2009-12-24']);
    expect([v.subjects[0], v.subjects.length, v.statuses]).toEqual(['Tema', 9, ['Förslag', 'Fattat', 'Upphävt']]);
    expect(v.decisions.map((d) => [d.id, d.subject, d.status, d.text, d.review?.sv ?? null])).toEqual([
      ['B-0004', 'Tema', 'Förslag', 'Öppenhet', null], ['B-0003', 'Budgetomfördelning', 'Fattat', 'Beslut B-0003', null],
      ['B-0002', 'Budgetomfördelning', 'Fattat', 'Beslut B-0002', 'Rad 4 väntar på granskning.'], ['B-0001', 'Budgetomfördelning', 'Fattat', 'Beslut B-0001', null],
    ]);
  });

  test('a row deleted from the sheet is still listed, with why it waits', () => {
    const p = seed({ user: STY });
    p.workbook.get('decisions').grid.splice(rowOf(p, 'B-0002'), 1);
    expect(decisionsView(p).decisions.find((d) => d.id === 'B-0002')).toMatchObject({
      reference: 'Dnr 2', review: { sv: 'Raden har tagits bort utanför Summit Planner och väntar på granskning.' },
    });
  });
});

describe('set-up carrying an older Beslut sheet over', () => {
  /** A workbook whose Beslut has `rows` (ID, Datum, Beslut, Referens, Beslutat av, Anteckning, Ämne, Status, Sigill) and no seals yet. */
  function older(rows: unknown[][]): { p: MemoryPorts; journal: Journal } {
    const p = memoryPorts(STY);
    p.workbook.add('settings', [['Styrgrupp', STY, '']]);
    p.workbook.add('decisions', rows as never, ['ID', 'Datum', 'Beslut', 'Referens', 'Beslutat av', 'Anteckning', 'Ämne', 'Status', 'Sigill']);
    for (const key of Object.keys(TABLES) as TableKey[]) if (!p.workbook.tables.has(TABLES[key].sheet)) p.workbook.add(key);
    const journal = new Journal(p);
    p.lock.withLock(1000, () => startJournal(p, journal));
    return { p, journal };
  }
  const adopt = (journal: Journal) => journal.fresh() && adoptDecisions(journal.fresh());

  test('an ID typed in any case is kept; a duplicate gets the next; what the sheet says is kept; the count said', () => {
    const { p, journal } = older([
      ['b-0003', new Date(2009, 8, 1), 'Tema', 'Dnr 1', 'Kommunstyrelsen', '', 'Tema', 'Förslag'],
      ['B-0003', new Date(2009, 8, 2), 'Andra', 'Dnr 2', '', '', '', ''],
      ['B-0001', new Date(2009, 8, 3), 'Tredje', '', '', '', '', ''],
      ['', 'i höstas', '', '', '', '', '', ''],
    ]);
    expect(adopt(journal)).toEqual({
      sv: 'Beslut: 3 befintliga beslut registrerade, 1 rad ofullständig (väntar i Granska ändringar)',
      en: 'Beslut: 3 existing decisions registered, 1 row incomplete (waiting under Review changes)',
    });
    expect(p.workbook.get('decisions').records().map((r) => [r['ID'], r['Ämne'], r['Status'], r['Beslutat av']])).toEqual([
      ['B-0003', 'Tema', 'Förslag', 'Kommunstyrelsen'], ['B-0004', 'Övrigt', 'Fattat', 'Styrgruppen'], ['B-0001', 'Övrigt', 'Fattat', 'Styrgruppen'], ['', '', '', ''],
    ]);
    expect(logRecords(p).length).toBe(0);
    expect(p.workbook.get('log').records().filter((r) => r['Åtgärd'] === 'beslut.överfört').map((r) => r['Objekt'])).toEqual(['B-0003', 'B-0004', 'B-0001']);
    // Carried once: a second set-up adopts nothing.
    p.workbook.get('decisions').grid.push(['B-0050', '2009-11-05', 'Handskrivet', '', 'Styrgruppen', '', 'Tema', 'Fattat', '']);
    expect(adopt(journal)).toBeNull();
  });

  test('one decision said in the singular; an empty sheet says nothing, and is carried', () => {
    expect(adopt(older([['', new Date(2009, 8, 1), 'Tema', '', '', '', '', '']]).journal)).toEqual({
      sv: 'Beslut: 1 befintligt beslut registrerat', en: 'Beslut: 1 existing decision registered',
    });
    const { journal } = older([]);
    expect(adopt(journal)).toBeNull();
    expect(journal.fresh().require().state.t.decisions).toEqual({ n: 0, s: 0 });
  });
});
