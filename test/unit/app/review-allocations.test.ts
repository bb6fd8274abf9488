/**
 * resolveReview (src/app/review.ts) confirming allocations typed on Budget: the steering group confirms every
 * changed row together as a reallocation citing a taken budget-transfer decision; the sum must still be the total;
 * only changed allocations (no renamed funder); each refusal names what is wrong and leaves the sheet as typed.
 */
import { listReview, resolveReview } from '../../../src/app/review';
import { checkTable, Journal } from '../../../src/app/journal';
import { UserError, type Msg } from '../../../src/core/msg';
import type { MemoryPorts } from '../../support/memory';
import { logRecords, seed, STY } from './budget-fixture';

const B = (p: MemoryPorts) => p.workbook.get('budget').grid;
const budgetItem = (p: MemoryPorts) => listReview(p).items.find((i) => i.table === 'budget')!.id;
const confirm = (p: MemoryPorts, note?: string) => resolveReview(p, { id: budgetItem(p), action: 'confirm', ...(note === undefined ? {} : { note }) });
const refusal = (f: () => unknown): Msg => {
  try { f(); } catch (e) { if (e instanceof UserError) return e.userMessage; throw e; }
  throw new Error('not refused');
};
const kinds = (p: MemoryPorts) => checkTable(new Journal(p), 'budget').rows.map((r) => r.kind);

/** Kommunstyrelsen 200 000 → 150 000 kr, Stockholm Business Region 200 000 → 250 000 kr: still 800 000 in all. */
function moved(): MemoryPorts {
  const p = seed({ user: STY });
  B(p)[1][1] = 150000;
  B(p)[2][1] = 250000;
  return p;
}

test('two allocations moved, citing a budget-transfer decision: confirmed together, each logged with the decision', () => {
  const p = moved();
  const r = confirm(p, 'B-0001');
  expect(r.message.en).toBe('2 changed allocations are confirmed (decision B-0001, Dnr 1).');
  expect(r.message.sv).toBe('2 ändrade tilldelningar är godkända (beslut B-0001, Dnr 1).');
  expect(r.table).toBe('budget');
  expect(kinds(p)).toEqual(['ok', 'ok', 'ok', 'ok']);
  // Kronor as the log writes them (Swedish, with no-break spaces): compared with plain spaces.
  const sp = (v: unknown) => JSON.parse(String(v).replace(/[\u00a0\u202f]/g, ' ')) as unknown;
  expect(logRecords(p).slice(-2).map((l) => [l.Åtgärd, l.Objekt, sp(l.Före), sp(l.Efter)])).toEqual([
    ['budget.ändring-godkänd', 'Kommunstyrelsen', { Tilldelning: '200 000,00 kr' }, { Tilldelning: '150 000,00 kr', beslut: 'B-0001 (Dnr 1)' }],
    ['budget.ändring-godkänd', 'Stockholm Business Region AB', { Tilldelning: '200 000,00 kr' }, { Tilldelning: '250 000,00 kr', beslut: 'B-0001 (Dnr 1)' }],
  ]);
});

describe('refused, the sheet left as typed and nothing logged', () => {
  const refusedWith = (p: MemoryPorts, note: string | undefined, en: string) => {
    const logged = logRecords(p).length;
    const grid = JSON.stringify(B(p));
    expect(refusal(() => confirm(p, note)).en).toBe(en);
    expect(JSON.stringify(B(p))).toBe(grid);
    expect(logRecords(p).length).toBe(logged);
    expect(kinds(p).filter((k) => k !== 'ok').length).toBeGreaterThan(0);
  };

  test('no decision reference (none, or only spaces)', () => {
    refusedWith(moved(), undefined, 'Give the decision reference for the reallocation.');
    refusedWith(moved(), '  ', 'Give the decision reference for the reallocation.');
  });

  test('a decision about something else: named with its subject', () => {
    refusedWith(moved(), 'B-0007', 'Decision B-0007 is about invitation list, not budget transfer. A transfer cites a decision about budget transfer.');
  });

  test('allocations that no longer add up to the total: the sum, the total and what is left named', () => {
    const p = seed({ user: STY });
    B(p)[1][1] = 150000;
    refusedWith(p, 'B-0001', 'The allocations add up to 750,000.00 SEK but the total budget is 800,000.00 SEK (50,000.00 SEK left to allocate).');
  });

  test('a funder renamed: only changed allocations are confirmed here', () => {
    const p = moved();
    B(p)[2][0] = 'SBR';
    refusedWith(p, 'B-0001', 'Only changed allocations can be confirmed here; first undo rows that were added, removed or renamed.');
  });

  test('an allocation that is no amount: the row and the value named', () => {
    const p = moved();
    B(p)[2][1] = 'mycket';
    refusedWith(p, 'B-0001', 'Budget row 3 (Stockholm Business Region AB): changed outside Summit Planner (Tilldelning 200,000.00 SEK → mycket).');
  });
});
