/**
 * The words for a change made outside the add-on (src/app/integrity.ts), exactly: how each kind of
 * unverified row is named, how each value is shown per language (kronor, date-times, long text, nothing),
 * when personal values stay out, how a refusal lists at most three problems, and what a busy lock in
 * onEdit says. Each case is the smallest input on which a changed rule would answer differently
 * (npm run test:mutation).
 */
import {
  blockedBy, EDIT_LOCK_MS, missingMsg, problemsOf, reviewHint, shown, unverifiedMsg, withEditLock,
} from '../../../src/app/integrity';
import type { RowCheck, TableCheck } from '../../../src/app/journal';
import { LockTimeoutError, type Ports } from '../../../src/app/ports';
import { UserError, type Msg } from '../../../src/core/msg';
import { TABLES } from '../../../src/core/schema';
import type { SealedTable } from '../../../src/core/seal';

const NB = '\u00a0';
const sp = (m: Msg): Msg => ({ sv: m.sv.replace(/\u00a0/g, ' '), en: m.en.replace(/\u00a0/g, ' ') });
const HINT_SV = 'En person med rätt roll godkänner eller ångrar ändringen i Summit Planner → Granska ändringar.';
const HINT_EN = 'A person with the right role confirms or undoes the change in Summit Planner → Review changes.';

/** A check of `table` whose sheet holds `rows` (by header), with the given row results. */
function check(table: SealedTable, rows: Record<string, unknown>[], results: Partial<RowCheck>[], extra: Partial<TableCheck> = {}): TableCheck {
  const header = TABLES[table].columns.map((c) => c.header);
  const col = Object.fromEntries(header.map((h, i) => [h, i]));
  const snap = { header, firstRow: 2, rows: rows.map((r) => header.map((h) => (r[h] ?? '') as never)) };
  const full = results.map((r, i): RowCheck => ({
    index: i, sheetRow: 2 + i, key: '', kind: 'ok', seq: 0, sealed: null, fields: [], ...r,
  }));
  return {
    table, t: { port: null as never, snap, col }, rows: full, byIndex: new Map(full.map((r) => [r.index, r])),
    missing: [], problem: null, counts: null as never, ...extra,
  };
}

describe('shown: a value as a person reads it', () => {
  test.each<[string, SealedTable, string, unknown, string, string]>([
    ['kronor in a money column', 'ledger', 'Belopp', 42500, `42 500,00 kr`, '42,500.00 SEK'],
    ['a kept Date (a snapshot value)', 'ledger', 'Datum', { d: Date.UTC(2009, 11, 7, 23) / 1000 }, '2009-12-08', '2009-12-08'],
    ['a date-time to the minute', 'guests', 'Skickad', new Date(2009, 11, 8, 9, 5), '2009-12-08 09:05', '2009-12-08 09:05'],
    ['a date-time column keeps text as text', 'guests', 'Skickad', ' igår ', 'igår', 'igår'],
    ['a Date in a date column: the day only', 'ledger', 'Datum', new Date(2009, 11, 8, 9, 5), '2009-12-08', '2009-12-08'],
    ['a number in a text column', 'ledger', 'Beskrivning', 42500, '42500', '42500'],
    ['money with a third decimal: as typed', 'ledger', 'Belopp', 1.005, '1.005', '1.005'],
    ['text in a money column', 'ledger', 'Belopp', 'mycket', 'mycket', 'mycket'],
    ['nothing', 'ledger', 'Beskrivning', '', '(tomt)', '(empty)'],
    ['null', 'ledger', 'Beskrivning', null, '(tomt)', '(empty)'],
    ['undefined', 'ledger', 'Beskrivning', undefined, '(tomt)', '(empty)'],
    ['zero kronor is not nothing', 'ledger', 'Belopp', 0, '0,00 kr', '0.00 SEK'],
    ['60 characters: whole', 'ledger', 'Beskrivning', 'x'.repeat(60), 'x'.repeat(60), 'x'.repeat(60)],
    ['61 characters: cut at 59 and …', 'ledger', 'Beskrivning', 'y'.repeat(61), `${'y'.repeat(59)}…`, `${'y'.repeat(59)}…`],
    ['a header the table doesn\'t have is text', 'ledger', 'Okänd', 5, '5', '5'],
  ])('%s', (_what, table, header, v, sv, en) => {
    expect(shown(table, header, v, 'sv').replace(/\u00a0/g, ' ')).toBe(sv);
    expect(shown(table, header, v, 'en')).toBe(en);
  });

  test('Swedish unless told', () => {
    expect(shown('ledger', 'Belopp', 100)).toBe(`100,00${NB}kr`);
  });
});

describe('unverifiedMsg: sheet, row and key, and what is wrong', () => {
  const where = { sv: 'Kostnader rad 2 (K-0001)', en: 'Kostnader row 2 (K-0001)' };
  test.each<[RowCheck['kind'], string, string]>([
    ['new', 'raden är inte skriven av Summit Planner (tillagd eller inklistrad för hand).', 'the row was not written by Summit Planner (added or pasted by hand).'],
    ['forged', 'radens sigill är ändrat, så raden kan inte kontrolleras.', 'the row\'s seal was altered, so the row cannot be checked.'],
    ['duplicate', 'en kopia av en annan rad med samma ID.', 'a copy of another row with the same ID.'],
    ['stale', 'en äldre version av raden (inklistrad eller från en återställd version).', 'an older version of the row (pasted, or from a restored version).'],
  ])('%s', (kind, sv, en) => {
    const c = check('ledger', [{ ID: 'K-0001' }], [{ kind, key: 'K-0001' }]);
    expect(unverifiedMsg(c, c.rows[0])).toEqual({ sv: `${where.sv}: ${sv}`, en: `${where.en}: ${en}` });
  });

  test('a kind it doesn\'t know: just where', () => {
    const c = check('ledger', [{ ID: 'K-0001' }], [{ kind: 'ok', key: 'K-0001' }]);
    expect(unverifiedMsg(c, c.rows[0])).toEqual({ sv: `${where.sv}.`, en: `${where.en}.` });
  });

  test('the key cut at 40 characters; no key, no brackets', () => {
    const c = check('ledger', [{}, {}], [{ kind: 'new', key: 'k'.repeat(41) }, { kind: 'new', key: '' }]);
    expect(unverifiedMsg(c, c.rows[0]).sv).toMatch(new RegExp(`^Kostnader rad 2 \\(${'k'.repeat(40)}\\): `));
    expect(unverifiedMsg(c, c.rows[1]).en).toMatch(/^Kostnader row 3: the row was not written/);
  });

  test('a changed row: each field, sealed value → value now, per language', () => {
    const c = check('ledger', [{ ID: 'K-0001', Belopp: 1200, Beskrivning: '' }], [{
      kind: 'changed', key: 'K-0001', sealed: { ID: 'K-0001', Belopp: 12000, Beskrivning: 'Lokal' }, fields: ['Belopp', 'Beskrivning'],
    }]);
    expect(sp(unverifiedMsg(c, c.rows[0]))).toEqual({
      sv: 'Kostnader rad 2 (K-0001): ändrad utanför Summit Planner (Belopp 12 000,00 kr → 1 200,00 kr; Beskrivning Lokal → (tomt)).',
      en: 'Kostnader row 2 (K-0001): changed outside Summit Planner (Belopp 12,000.00 SEK → 1,200.00 SEK; Beskrivning Lokal → (empty)).',
    });
  });

  test('a field the sheet no longer has reads as nothing now', () => {
    const c = check('ledger', [{ ID: 'K-0001' }], [{ kind: 'changed', key: 'K-0001', sealed: { Ghost: 'x' }, fields: ['Ghost'] }]);
    expect(unverifiedMsg(c, c.rows[0]).sv).toBe('Kostnader rad 2 (K-0001): ändrad utanför Summit Planner (Ghost x → (tomt)).');
  });

  test('personal values: shown to the reviewer, left out of anything logged; without a seal, no values at all', () => {
    const c = check('guests', [{ ID: 'G-0001', 'E-post': 'ny@example.org', Status: 'Inbjuden' }], [{
      kind: 'changed', key: 'G-0001', sealed: { 'E-post': 'gammal@example.org', Status: 'Ny' }, fields: ['E-post', 'Status'],
    }]);
    expect(unverifiedMsg(c, c.rows[0]).sv).toBe('Gäster rad 2 (G-0001): ändrad utanför Summit Planner (E-post gammal@example.org → ny@example.org; Status Ny → Inbjuden).');
    expect(unverifiedMsg(c, c.rows[0], false)).toEqual({
      sv: 'Gäster rad 2 (G-0001): ändrad utanför Summit Planner (E-post ändrad; Status Ny → Inbjuden).',
      en: 'Gäster row 2 (G-0001): changed outside Summit Planner (E-post changed; Status Ny → Inbjuden).',
    });
    const unsealed = check('guests', [{ ID: 'G-0001', Status: 'Inbjuden' }], [{ kind: 'changed', key: 'G-0001', sealed: null, fields: ['Status'] }]);
    expect(unverifiedMsg(unsealed, unsealed.rows[0]).sv).toBe('Gäster rad 2 (G-0001): ändrad utanför Summit Planner (Status ändrad).');
  });
});

describe('problemsOf and blockedBy', () => {
  test('the check\'s own problem first, then unverified rows in sheet order, then removed rows; ok rows say nothing', () => {
    const problem = { sv: 'Loggen är ändrad.', en: 'The log was altered.' };
    const c = check('ledger', [{}, {}, {}], [{ kind: 'new', key: 'K-1' }, { kind: 'ok', key: 'K-2' }, { kind: 'forged', key: 'K-3' }], {
      problem, missing: [{ key: 'K-9', seq: 4, values: {} }],
    });
    expect(problemsOf(c).map((m) => m.sv)).toEqual([
      'Loggen är ändrad.',
      'Kostnader rad 2 (K-1): raden är inte skriven av Summit Planner (tillagd eller inklistrad för hand).',
      'Kostnader rad 4 (K-3): radens sigill är ändrat, så raden kan inte kontrolleras.',
      'Kostnader: raden K-9 har tagits bort utanför Summit Planner.',
    ]);
    expect(problemsOf(check('ledger', [{}], [{ kind: 'ok' }]))).toEqual([]);
  });

  test('problemsOf passes `personal` on', () => {
    const c = check('guests', [{ 'E-post': 'ny@example.org' }], [{ kind: 'changed', key: 'G-1', sealed: { 'E-post': 'a@example.org' }, fields: ['E-post'] }]);
    expect(problemsOf(c, false)[0].sv).toBe('Gäster rad 2 (G-1): ändrad utanför Summit Planner (E-post ändrad).');
    expect(problemsOf(c)[0].sv).toContain('a@example.org → ny@example.org');
  });

  test('a removed row without an ID says so', () => {
    expect(missingMsg(check('guests', [], []), { key: '', seq: 1, values: {} })).toEqual({
      sv: 'Gäster: raden (utan ID) har tagits bort utanför Summit Planner.', en: 'Gäster: the row (without ID) was removed outside Summit Planner.',
    });
  });

  test('at most three problems, the rest counted, then the hint', () => {
    const what = { sv: 'Kan inte spara.', en: 'Cannot save.' };
    const p = (n: number) => Array.from({ length: n }, (_, i) => ({ sv: `P${i + 1}.`, en: `Q${i + 1}.` }));
    expect(blockedBy(what, p(3))).toEqual({ sv: `Kan inte spara. P1. P2. P3. ${HINT_SV}`, en: `Cannot save. Q1. Q2. Q3. ${HINT_EN}` });
    expect(blockedBy(what, p(5))).toEqual({ sv: `Kan inte spara. P1. P2. P3. (+2 till) ${HINT_SV}`, en: `Cannot save. Q1. Q2. Q3. (+2 more) ${HINT_EN}` });
    expect(reviewHint()).toEqual({ sv: HINT_SV, en: HINT_EN });
  });
});

describe('withEditLock', () => {
  const ports = (withLock: (ms: number, fn: () => unknown) => unknown) => ({ lock: { withLock } }) as unknown as Ports;

  test('runs fn under the lock, waiting 10 s unless told', () => {
    const waits: number[] = [];
    const p = ports((ms, fn) => { waits.push(ms); return fn(); });
    expect(withEditLock(p, () => 7)).toBe(7);
    expect(withEditLock(p, () => 8, 500)).toBe(8);
    expect(waits).toEqual([10_000, 500]);
    expect(EDIT_LOCK_MS).toBe(10_000);
  });

  test('a busy lock: the edit stays unsealed and waits for review, in those words', () => {
    const busy = ports(() => { throw new LockTimeoutError(); });
    let caught: unknown;
    try { withEditLock(busy, () => 1); } catch (e) { caught = e; }
    expect(caught).toBeInstanceOf(UserError);
    expect((caught as UserError).userMessage.sv).toMatch(/^Summit Planner kunde inte kontrollera ändringen: någon annan sparar/);
    expect((caught as UserError).userMessage.en).toMatch(/does not count until it has been reviewed/);
  });

  test('any other failure goes through as it is', () => {
    const boom = new Error('disk');
    expect(() => withEditLock(ports(() => { throw boom; }), () => 1)).toThrow(boom);
  });
});
