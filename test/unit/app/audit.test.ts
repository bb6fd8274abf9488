/**
 * Logg and its anchor (src/app/journal.ts, src/app/audit.ts): one range write
 * per transaction, a chain that verifies row by row, and an anchor in
 * document properties that catches what the chain alone cannot: a row edited
 * with the whole chain recomputed after it, rows removed at the end, rows
 * added by hand.
 */
import { verifyAudit } from '../../../src/app/audit';
import { Journal, JOURNAL_KEY, parseJournal, Tx } from '../../../src/app/journal';
import { auditHash, GENESIS, type AuditRow } from '../../../src/core/audit';
import { UserError } from '../../../src/core/msg';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

function setup(entries = 5): MemoryPorts {
  const ports = journalled(memoryPorts('eko@stockholm.se'));
  for (let i = 1; i <= entries; i++) {
    new Tx(new Journal(ports)).log({ action: 'kostnad.registrerad', object: `K-000${i}`, after: { amount: i, text: '=1+1' } }).commit();
    ports.clock.advance(1500);
  }
  return ports;
}
const grid = (p: MemoryPorts) => p.workbook.get('log').grid;

/** Recomputes every hash from row `from` on, as an insider with edit access to Logg could. */
function rechain(p: MemoryPorts, from = 1): void {
  const g = grid(p);
  let prev = from === 1 ? GENESIS : String(g[from - 1][6]);
  for (let i = from; i < g.length; i++) {
    const r = g[i];
    const row: AuditRow = { time: (r[0] as Date).toISOString(), user: String(r[1]), action: String(r[2]), object: String(r[3]), before: String(r[4]), after: String(r[5]), rad: String(r[7] ?? '') };
    prev = auditHash(prev, row);
    r[6] = prev;
  }
}

test('a transaction appends its entries in one write, chained; the anchor moves with them', () => {
  const ports = setup();
  const log = ports.workbook.get('log');
  expect(log.records()).toHaveLength(5);
  expect(log.records()[0]).toMatchObject({ Användare: 'eko@stockholm.se', Objekt: 'K-0001', Efter: '{"amount":1,"text":"=1+1"}' });
  const r0 = ports.workbook.counters.reads, w0 = ports.workbook.counters.writes;
  new Tx(new Journal(ports)).log({ action: 'a', object: 'b' }).log({ action: 'c', object: 'd' }).commit();
  expect(ports.workbook.counters.reads - r0).toBe(0);
  expect(ports.workbook.counters.writes - w0).toBe(1);
  expect(verifyAudit(ports)).toMatchObject({ ok: true, count: 7 });
  const anchor = parseJournal(ports.properties.get(JOURNAL_KEY))!;
  expect(anchor).toMatchObject({ n: 7, head: String(grid(ports)[7][6]) });
  expect(anchor.alt).toBeUndefined();
  expect(new Tx(new Journal(ports)).commit()).toBeNull();
  expect(log.records()).toHaveLength(7);
});

test('a tampered row is reported with its sheet row', () => {
  const ports = setup();
  grid(ports)[3][5] = '{"amount":999}';
  expect(verifyAudit(ports)).toMatchObject({ ok: false, badRow: 4 });
  expect(verifyAudit(ports).message.sv).toContain('rad 4');
});

test('a row edited and the chain recomputed after it is caught by the anchor, between two checkpoints', () => {
  const ports = setup(250);
  grid(ports)[150][5] = '{"amount":0}';
  rechain(ports, 150);
  const v = verifyAudit(ports);
  expect(v.ok).toBe(false);
  expect(v.message.sv).toContain('skrivits om');
  // Checkpoints every 100 entries: the change lies after entry 100 and before entry 200 (sheet rows 102–201).
  expect(v.message.sv).toContain('mellan rad 102 och rad 201');
  expect(v.badRow).toBe(102);
});

test('a whole chain recomputed from the first row is caught too', () => {
  const ports = setup(3);
  grid(ports)[2][3] = 'K-9999';
  rechain(ports);
  expect(verifyAudit(ports)).toMatchObject({ ok: false });
  expect(verifyAudit(ports).message.en).toContain('rewritten');
});

test('rows removed at the end (the chain still holds) are reported as a truncation', () => {
  const ports = setup();
  grid(ports).length = 4;
  const v = verifyAudit(ports);
  expect(v).toMatchObject({ ok: false, badRow: 5 });
  expect(v.message.sv).toContain('har 3 rader men ankaret säger 5');
});

test('rows added by hand after the anchor are reported', () => {
  const ports = setup(2);
  const g = grid(ports);
  const fake: AuditRow = { time: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(), user: 'x@y.se', action: 'kostnad.makulerad', object: 'K-0001', before: '', after: '' };
  g.push([new Date(fake.time), fake.user, fake.action, fake.object, '', '', auditHash(String(g[2][6]), fake), '']);
  const v = verifyAudit(ports);
  // Sheet row 4: the first row after the anchor's two (rows 2 and 3).
  expect(v).toMatchObject({ ok: false, count: 3, badRow: 4 });
  expect(v.message.sv).toContain('1 rad efter ankaret (från rad 4)');
});

test('an anchor missing from the document properties: the chain holds, and the report says the anchor is missing', () => {
  const ports = setup(3);
  ports.properties.delete(JOURNAL_KEY);
  const v = verifyAudit(ports);
  expect(v).toMatchObject({ ok: false, count: 3 });
  expect(v).not.toHaveProperty('badRow'); // no row is to blame
  expect(v.message.sv).toContain('Kedjan i loggen hänger ihop (3 rader), men ankaret saknas');
  expect(v.message.en).toContain('An administrator runs Set up workbook.');
});

test('a transaction that died between its pending anchor and its committed one verifies whether or not its rows landed', () => {
  // Step 1 of a commit writes the anchor with the coming rows as its alternative (alt); a death before
  // step 4 leaves it so. The log then has either the old count of rows or the new one: both are honest.
  const ports = setup(2);
  const before = parseJournal(ports.properties.get(JOURNAL_KEY))!;
  new Tx(new Journal(ports)).log({ action: 'kostnad.registrerad', object: 'K-0003' }).commit();
  const after = parseJournal(ports.properties.get(JOURNAL_KEY))!;
  ports.properties.set(JOURNAL_KEY, JSON.stringify({ ...before, alt: { n: after.n, head: after.head } }));
  expect(verifyAudit(ports)).toMatchObject({ ok: true, count: 3 });
  expect(verifyAudit(ports).message.sv).toContain('3 rader');
  // The rows never landed: the anchor itself holds.
  grid(ports).length = 3;
  expect(verifyAudit(ports)).toMatchObject({ ok: true, count: 2 });
});

test('a hash cell read back with spaces or in capitals (retyped by hand) verifies against the anchor as the chain does', () => {
  const ports = setup(3);
  const g = grid(ports);
  g[3][6] = `  ${String(g[3][6]).toUpperCase()} `;
  expect(verifyAudit(ports)).toMatchObject({ ok: true, count: 3 });
});

test('no write goes on a log whose row count disagrees with its anchor, and nothing is written', () => {
  const ports = setup();
  grid(ports).length = 4;
  const before = JSON.stringify(grid(ports));
  expect(() => new Tx(new Journal(ports)).log({ action: 'x', object: 'y' }).commit()).toThrow(/Loggen har 3 rader men ska ha 5/);
  expect(JSON.stringify(grid(ports))).toBe(before);
});

test('a deleted or inserted middle row is reported at the row that follows it', () => {
  const ports = setup();
  grid(ports).splice(2, 1);
  expect(verifyAudit(ports)).toMatchObject({ ok: false, badRow: 3 });
  const other = setup();
  const g = grid(other);
  g.splice(4, 0, [...g[3]]);
  expect(verifyAudit(other)).toMatchObject({ ok: false, badRow: 5 });
});

test('a date-time read back a millisecond early still verifies (sheets keep day fractions)', () => {
  const ports = setup();
  const g = grid(ports);
  for (let i = 1; i < g.length; i++) g[i][0] = new Date((g[i][0] as Date).getTime() - 1);
  expect(verifyAudit(ports).ok).toBe(true);
});

test('a workbook never set up refuses to write (no anchor, no key): nothing half-verified', () => {
  const ports = memoryPorts('a@b.se');
  ports.workbook.add('log');
  expect(() => new Tx(new Journal(ports)).log({ action: 'a', object: 'b' }).commit()).toThrow(UserError);
  expect(() => new Tx(new Journal(ports)).log({ action: 'a', object: 'b' }).commit()).toThrow(/Konfigurera arbetsboken/);
});

test("Tx.property goes with the pending anchor, before the rows; Tx.afterward with the committed one, after the flush; without entries both in one call, the later value winning", () => {
  const ports = setup(1);
  const order: string[] = [];
  const setAll = ports.properties.setAll.bind(ports.properties);
  ports.properties.setAll = (v) => {
    const anchor = v[JOURNAL_KEY] ? (parseJournal(v[JOURNAL_KEY])!.alt ? 'pending' : 'committed') : 'no anchor';
    order.push(`${anchor} x=${v['x'] ?? ''}`);
    setAll(v);
  };
  const flush = ports.workbook.flush.bind(ports.workbook);
  ports.workbook.flush = () => { order.push('flush'); flush(); };
  new Tx(new Journal(ports)).property('x', 'before').afterward('x', 'after').log({ action: 'a', object: 'b' }).commit();
  expect(order).toEqual(['pending x=before', 'flush', 'committed x=after']);
  expect(ports.properties.get('x')).toBe('after');
  order.length = 0;
  new Tx(new Journal(ports)).property('x', 'queued').afterward('x', 'settled').commit();
  expect(order).toEqual(['no anchor x=settled']);
  expect(ports.properties.get('x')).toBe('settled');
});
