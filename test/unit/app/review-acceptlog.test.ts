/**
 * acceptLog (src/app/review.ts): an administrator accepts Logg as it stands after rows were added or removed by
 * hand. The chain must hold (the refusal names the row where it breaks); the anchor moves to the log; the
 * decision is logged with both counts.
 */
import { acceptLog } from '../../../src/app/review';
import { checkTable, Journal, JOURNAL_KEY, parseJournal, Tx } from '../../../src/app/journal';
import { UserError } from '../../../src/core/msg';
import { auditHash, auditTime, type AuditRow } from '../../../src/core/audit';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

const PL = 'pl@stockholm.se';

function ports(): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.ownerEmail = PL;
  p.workbook.add('settings', [['Projektledare', PL, '']]);
  p.workbook.add('templates', [['sv', 'A', 'a', ''], ['en', 'B', 'b', '']]);
  journalled(p);
  for (let i = 0; i < 3; i++) p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).log({ action: 'test', object: `o${i}` }).commit(); });
  return p;
}
const anchor = (p: MemoryPorts) => parseJournal(p.properties.get(JOURNAL_KEY))!;
const log = (p: MemoryPorts) => p.workbook.get('log');

test('a log that matches its anchor: said so, nothing written', () => {
  const p = ports();
  const before = log(p).grid.length;
  expect(acceptLog(p).en).toBe('The log already matches its anchor.');
  expect(log(p).grid.length).toBe(before);
});

test('the last rows removed by hand: accepted, the anchor moves to the log, the decision logged with both counts', () => {
  const p = ports();
  const n = anchor(p).n;
  log(p).grid.length -= 2;
  const msg = acceptLog(p);
  expect(msg.en).toBe(`The log is accepted as it stands (${n - 2} rows; the anchor said ${n}). The decision is logged.`);
  const a = anchor(p);
  expect(a.n).toBe(n - 1);
  expect(a.alt).toBeUndefined();
  expect(log(p).records().at(-1)).toMatchObject({ Åtgärd: 'logg.godkänd', Objekt: 'Logg', Före: JSON.stringify({ rader: n }), Efter: JSON.stringify({ blad: [], rader: n - 2 }) });
  expect(acceptLog(p).en).toBe('The log already matches its anchor.');
});

test('a chain broken at a row: refused naming the sheet row, the anchor unchanged', () => {
  const p = ports();
  const a = anchor(p);
  log(p).grid[3][3] = 'ändrat';
  log(p).grid.length -= 1;
  let err: unknown;
  try { acceptLog(p); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(UserError);
  expect((err as UserError).userMessage.en).toBe('The log does not hold together at row 4, so it cannot be accepted. Restore the Logg sheet from the version history first.');
  expect(anchor(p)).toEqual(a);
});

test('only an administrator', () => {
  const p = ports();
  p.workbook.ownerEmail = 'owner@stockholm.se';
  log(p).grid.length -= 1;
  expect(() => acceptLog(p)).toThrow(UserError);
});

test('as many rows as anchored but another head (the last row rewritten, its hash recomputed): accepted', () => {
  const p = ports();
  const n = anchor(p).n;
  const g = log(p).grid;
  const last = g[g.length - 1];
  last[3] = 'ändrat';
  const row: AuditRow = { time: auditTime(last[0] as Date), user: String(last[1]), action: String(last[2]), object: String(last[3]), before: String(last[4]), after: String(last[5]), rad: String(last[7]) };
  last[6] = auditHash(String(g[g.length - 2][6]), row);
  expect(acceptLog(p).en).toBe(`The log is accepted as it stands (${n} rows; the anchor said ${n}). The decision is logged.`);
  expect(anchor(p).n).toBe(n + 1);
});

test('a restored version that lost a Mallar row and its log entry: Mallar is accepted as it stands, named in the message and the log', () => {
  const p = ports();
  p.lock.withLock(1000, () => {
    const journal = new Journal(p).fresh();
    const c = checkTable(journal, 'templates');
    new Tx(journal).put(c, null, { Språk: 'sv', Ämne: 'P', Brödtext: 'p', Typ: 'Påminnelse' }, { action: 'mall.sparad', object: 'sv' }).commit();
  });
  const n = anchor(p).n;
  p.workbook.get('templates').grid.length -= 1;
  log(p).grid.length -= 1;
  expect(checkTable(new Journal(p), 'templates').problem).not.toBeNull();
  expect(acceptLog(p).en).toBe(`The log is accepted as it stands (${n - 1} rows; the anchor said ${n}). The sheets Mallar are accepted as they stand. The decision is logged.`);
  expect(log(p).records().at(-1)).toMatchObject({ Åtgärd: 'logg.godkänd', Efter: JSON.stringify({ blad: ['Mallar'], rader: n - 1 }) });
  const after = checkTable(new Journal(p), 'templates');
  expect(after.problem).toBeNull();
  expect(after.rows.map((r) => r.kind)).toEqual(['ok', 'ok']);
});
