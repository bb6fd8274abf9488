/**
 * recheckTable (src/app/journal.ts): after transactions of the same lock hold wrote some of a
 * check's rows, checking only those rows gives exactly what checking every row again gives —
 * whatever the sheet looked like before (rows changed by hand, copied, deleted, added without a
 * seal) and whatever the transaction wrote (a status, a blank row, another key). A send batch
 * relies on it to check Gäster once (merge.ts, afterCommit).
 */
import fc from 'fast-check';
import { checkTable, Journal, recheckTable, Tx, type TableCheck } from '../../../src/app/journal';
import type { Cell } from '../../../src/app/ports';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

const PL = 'pl@stockholm.se';
const GUESTS = 6;

function seed(): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Projektledare', PL, '']]);
  p.workbook.add('guests', Array.from({ length: GUESTS }, (_, i) => [`G-000${i + 1}`, `F${i}`, `E${i}`, '', '', '', `g${i}@example.se`, 'sv', 'konferensen', '', 'Godkänd', '', '', '', 1, '']));
  return journalled(p);
}

/** What a check says, without the ports it read through. */
const said = (c: TableCheck) => ({ rows: c.rows, byIndex: [...c.byIndex], missing: c.missing, problem: c.problem, counts: c.counts });

type Hand = { kind: 'edit'; row: number; col: number; value: Cell } | { kind: 'delete'; row: number } | { kind: 'copy'; from: number };
type Write = { row: number; status: string; key: 'same' | 'other' | 'another guest' | 'blank' };

const handArb: fc.Arbitrary<Hand> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), row: fc.nat(GUESTS), col: fc.nat(15), value: fc.constantFrom<Cell>('Inbjuden', 'x', '', 7) }),
  fc.record({ kind: fc.constant('delete' as const), row: fc.nat(GUESTS) }),
  fc.record({ kind: fc.constant('copy' as const), from: fc.nat(GUESTS - 1) }),
);
const writeArb: fc.Arbitrary<Write> = fc.record({
  row: fc.nat(GUESTS + 1), status: fc.constantFrom('Skickar', 'Inbjuden', 'Godkänd'),
  key: fc.constantFrom<Write['key']>('same', 'same', 'same', 'other', 'another guest', 'blank'),
});

function byHand(p: MemoryPorts, h: Hand): void {
  const t = p.workbook.get('guests');
  if (h.kind === 'delete') { if (h.row + 2 <= t.grid.length) t.grid.splice(h.row + 1, 1); return; }
  if (h.kind === 'copy') { if (t.grid[h.from + 1]) t.grid.push(t.grid[h.from + 1].slice()); return; }
  if (t.grid[h.row + 1]) t.write(h.row + 2, h.col, [[h.value]]);
}

test('after a transaction, checking the rows it wrote equals checking every row, whatever the sheet held before', () => {
  fc.assert(fc.property(fc.array(handArb, { maxLength: 3 }), fc.array(writeArb, { minLength: 1, maxLength: 3 }), fc.boolean(), (hands, writes, twice) => {
    const p = seed();
    for (const h of hands) byHand(p, h);
    p.lock.withLock(1000, () => {
      const journal = new Journal(p).fresh();
      let check = checkTable(journal, 'guests');
      for (let round = 0; round < (twice ? 2 : 1); round++) {
        const tx = new Tx(journal);
        const done = new Set<number>();
        for (const w of writes) {
          const rc = check.byIndex.get(w.row);
          if (!rc || rc.kind !== 'ok' || done.has(w.row)) continue; // a transaction seals verified rows, each once
          done.add(w.row);
          if (w.key === 'blank') tx.clear(check, w.row, { action: 'test.tom', object: rc.key });
          else tx.put(check, w.row, { Status: `${w.status}${round}`, ...(w.key === 'other' ? { ID: `G-9${w.row}${round}` } : w.key === 'another guest' ? { ID: `G-000${((w.row + 1) % GUESTS) + 1}` } : {}) }, { action: 'test', object: rc.key });
        }
        tx.commit();
        const fast = recheckTable(journal, check);
        expect(said(fast)).toEqual(said(checkTable(journal, 'guests', check.t)));
        check = fast;
      }
    });
  }), { numRuns: 150 });
});

test('with nothing written since, the check stands as it was', () => {
  const p = seed();
  p.lock.withLock(1000, () => {
    const journal = new Journal(p).fresh();
    const check = checkTable(journal, 'guests');
    expect(said(recheckTable(journal, check))).toEqual(said(check));
  });
});

test('counts the anchor does not have (its manifest changed under the check) are checked in full, as checkTable does, reading Logg', () => {
  const p = seed();
  p.lock.withLock(1000, () => {
    const journal = new Journal(p).fresh();
    const check = checkTable(journal, 'guests');
    new Tx(journal).put(check, 0, { Status: 'Skickar' }, { action: 'test', object: 'G-0001' }).commit();
    const state = journal.anchor()!;
    journal.replace({ ...state, t: { ...state.t, guests: { n: state.t.guests!.n + 1, s: state.t.guests!.s + 99 } } });
    const full = checkTable(journal, 'guests', check.t);
    expect(full.problem ?? full.missing.length).toBeTruthy(); // the full check found something to say
    expect(said(recheckTable(journal, check))).toEqual(said(full));
  });
});
