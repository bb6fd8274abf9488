/**
 * Property: any sequence of registrations, changes, cancellations, transfers
 * and allocations, by any users, leaves every funder's consumed ≤ allocation
 * and Σ allocations = total (an allocation whose sum misses the total, above
 * or below, is refused); refusals write nothing; money is exact (the
 * invariants are checked with BigInt öre sums straight from the cells).
 */
import fc from 'fast-check';
import { allocateBudget, changeCost, registerCost, transferAllocation } from '../../../src/app/budget';
import { verifyAudit } from '../../../src/app/audit';
import { UserError } from '../../../src/core/msg';
import type { MemoryPorts } from '../../support/memory';
import { dump, EKO, EKO2, FUNDERS, logRecords, PL, seed, STY } from './budget-fixture';

const USERS = [EKO, EKO2, STY, PL, '', 'x@example.com'];

/** Öre from a kronor cell, exactly (throws on a cell that is not whole öre). */
function oreOf(v: unknown): bigint {
  if (typeof v !== 'number') throw new Error(`not a number: ${String(v)}`);
  const o = Math.round(v * 100);
  if (Math.abs(o - v * 100) > 1e-6 * Math.max(1, v)) throw new Error(`not whole öre: ${v}`);
  return BigInt(o);
}

function sheetState(ports: MemoryPorts) {
  const total = oreOf(ports.workbook.get('settings').records().find((r) => r.Nyckel === 'Totalbudget')!.Värde);
  const alloc = new Map<string, bigint>();
  for (const r of ports.workbook.get('budget').records()) alloc.set(String(r.Finansiär), oreOf(r.Tilldelning));
  const consumed = new Map<string, bigint>(FUNDERS.map((f) => [f, 0n]));
  for (const r of ports.workbook.get('ledger').records()) {
    if (r.Status === 'Makulerad') continue;
    consumed.set(String(r.Finansiär), (consumed.get(String(r.Finansiär)) ?? 0n) + oreOf(r.Belopp));
  }
  return { total, alloc, consumed };
}

function checkInvariants(ports: MemoryPorts) {
  const { total, alloc, consumed } = sheetState(ports);
  let sum = 0n;
  for (const v of alloc.values()) sum += v;
  expect(sum).toBe(total);
  for (const [f, c] of consumed) {
    expect(alloc.has(f)).toBe(true);
    expect(c <= alloc.get(f)!).toBe(true);
  }
}

type AmountGen =
  | { kind: 'ore'; ore: number; asText: boolean }
  | { kind: 'exact'; delta: number }
  | { kind: 'raw'; raw: unknown };

const oreText = (ore: number): string => `${Math.floor(ore / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(ore % 100).padStart(2, '0')}`;

const amountArb: fc.Arbitrary<AmountGen> = fc.oneof(
  fc.record({ kind: fc.constant('ore' as const), ore: fc.integer({ min: 1, max: 5_000_000 }), asText: fc.boolean() }),
  fc.record({ kind: fc.constant('ore' as const), ore: fc.constantFrom(1, 99, 100, 12_345_67, 20_000_000, 80_000_000, 80_000_001), asText: fc.boolean() }),
  fc.record({ kind: fc.constant('exact' as const), delta: fc.constantFrom(-1, 0, 1) }),
  fc.record({ kind: fc.constant('raw' as const), raw: fc.constantFrom<unknown>(-1, 0, Number.NaN, 1e308, '1,234.50', '1e5', '', null, 0.001, '99999999999999') }),
);

type Op =
  | { op: 'register'; user: string; funder: number; amount: AmountGen; status: string }
  | { op: 'change'; user: string; target: number; status?: string; amount?: AmountGen }
  | { op: 'transfer'; user: string; from: number; to: number; amount: AmountGen }
  /** `off`: öre added to the last allocation, so the sum misses the total (0: an exact split). */
  | { op: 'allocate'; user: string; shares: number[]; total?: number; off: number };

const userArb = fc.constantFrom(...USERS);
/** Mostly someone with the right role, sometimes anyone. */
const roleUser = (...right: string[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...right) }, { weight: 1, arbitrary: userArb });
const finance = roleUser(EKO, EKO2);
const steering = roleUser(STY);
const statusArb = fc.constantFrom('Planerad', 'Beställd', 'Fakturerad', 'Betald', 'Makulerad');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('register' as const), user: finance, funder: fc.nat(3), amount: amountArb, status: statusArb }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('change' as const), user: finance, target: fc.nat(10), status: fc.option(statusArb, { nil: undefined }), amount: fc.option(amountArb, { nil: undefined }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('transfer' as const), user: steering, from: fc.nat(3), to: fc.nat(3), amount: amountArb }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('allocate' as const), user: steering, shares: fc.array(fc.nat(1000), { minLength: 4, maxLength: 4 }), total: fc.option(fc.integer({ min: 1, max: 200_000_000 }), { nil: undefined }), off: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1, -100_000_00) }) }) },
);

function resolve(a: AmountGen, available: bigint): unknown {
  if (a.kind === 'raw') return a.raw;
  const ore = a.kind === 'ore' ? a.ore : Number(available) + a.delta;
  if (ore < 0) return -1;
  return a.kind === 'ore' && !a.asText ? ore / 100 : oreText(ore);
}

function apply(ports: MemoryPorts, o: Op): void {
  ports.user.current = o.user;
  const { alloc, consumed } = sheetState(ports);
  const avail = (f: string) => (alloc.get(f) ?? 0n) - (consumed.get(f) ?? 0n);
  switch (o.op) {
    case 'register':
      registerCost(ports, {
        funder: FUNDERS[o.funder], category: 'övrigt', description: 'x', date: '2009-12-08',
        amount: resolve(o.amount, avail(FUNDERS[o.funder])), status: o.status,
      });
      return;
    case 'change': {
      // Mostly an existing cost (any row, by ID); sometimes an ID that does not exist.
      const rows = ports.workbook.get('ledger').records();
      const id = o.target < 8 && rows.length > 0 ? String(rows[o.target % rows.length].ID) : `K-${String(o.target + 1).padStart(4, '0')}`;
      const row = rows.find((r) => r.ID === id);
      const f = String(row?.Finansiär ?? 'STOKAB');
      const own = row && row.Status !== 'Makulerad' ? oreOf(row.Belopp) : 0n;
      changeCost(ports, { id, status: o.status, amount: o.amount ? resolve(o.amount, avail(f) + own) : undefined });
      return;
    }
    case 'transfer': {
      const f = FUNDERS[o.from];
      transferAllocation(ports, { from: f, to: FUNDERS[o.to], amount: resolve(o.amount, avail(f)), decisionRef: 'Dnr 007-983/2009' });
      return;
    }
    case 'allocate': {
      const total = o.total ?? Number(sheetState(ports).total);
      const weights = o.shares.reduce((s, x) => s + x, 0) || 1;
      const parts = o.shares.map((s) => Math.floor((total * s) / weights));
      parts[3] = total - parts[0] - parts[1] - parts[2] + o.off;
      allocateBudget(ports, {
        total: o.total === undefined ? undefined : oreText(total),
        allocations: FUNDERS.map((funder, i) => ({ funder, amount: oreText(parts[i]) })),
      });
      return;
    }
  }
}

const acceptedByKind: Record<string, number> = { register: 0, change: 0, transfer: 0, allocate: 0 };
/** Allocations whose sum missed the total (above or below it): each must be refused. */
let inexactRefused = 0;

test('no sequence of actions overspends, breaks Σ = total, or writes on refusal', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 266_666_66 }), { minLength: 3, maxLength: 3 }),
      fc.array(opArb, { maxLength: 40 }),
      (split, ops) => {
        const a = split.map((x) => x / 100);
        const allocations = [...a, (800_000_00 - split.reduce((s, x) => s + x, 0)) / 100];
        fc.pre(allocations[3] >= 0);
        const ports = seed({ allocations });
        checkInvariants(ports);
        let accepted = 0;
        for (const o of ops) {
          const before = dump(ports);
          const inexact = o.op === 'allocate' && o.off !== 0;
          try {
            apply(ports, o);
            accepted++;
            acceptedByKind[o.op]++;
            expect({ accepted: o, inexact }).toEqual({ accepted: o, inexact: false }); // a sum that misses the total is never accepted
          } catch (e) {
            if (!(e instanceof UserError)) throw e;
            expect(dump(ports)).toBe(before);
            if (inexact) inexactRefused++;
          }
          checkInvariants(ports);
        }
        expect(verifyAudit(ports).ok).toBe(true);
        // One entry per sealed row a write touched: a transfer writes 3, an allocation at most 4.
        expect(logRecords(ports).length).toBeLessThanOrEqual(4 * accepted);
      },
    ),
    // A fixed seed keeps CI reproducible (the success-path counts below depend on it); FC_SEED explores others.
    { numRuns: 200, seed: Number(process.env.FC_SEED ?? 20091208) },
  );
  // The generator reaches the success paths, not only refusals.
  for (const k of Object.keys(acceptedByKind)) expect(acceptedByKind[k]).toBeGreaterThan(10);
  expect(inexactRefused).toBeGreaterThan(10);
});
