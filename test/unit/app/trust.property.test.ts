/**
 * Property (issue 7): any interleaving of sidebar actions and direct edits —
 * typed (the onEdit guard runs) or not (a paste over many rows, the API, a
 * deleted row: no guard) — by users with and without roles:
 *  1. never sends an invitation to a guest whose row is not as the add-on
 *     sealed it, nor with an address, template or reply address the add-on
 *     did not seal;
 *  2. never lets what the sheet shows as consumed exceed a funder's
 *     allocation (or the allocations miss the total) without the budget
 *     being flagged (the overview not "i balans").
 * The memory workbook has no protections: every user may write every cell
 * here, which is harsher than Sheets, where Google refuses most of these.
 */
import fc from 'fast-check';
import { allocateBudget, budgetOverview, changeCost, guardLedgerEdit, registerCost, transferAllocation } from '../../../src/app/budget';
import { approveGuests, guardGuestEdit } from '../../../src/app/guests';
import { checkTable, Journal } from '../../../src/app/journal';
import { sendBatch } from '../../../src/app/merge';
import { guestRows } from '../../../src/app/invite-rows';
import { guardSheetEdit } from '../../../src/app/review';
import { UserError } from '../../../src/core/msg';
import type { Cell } from '../../../src/app/ports';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

const EKO = 'eko@stockholm.se';
const STY = 'sty@stockholm.se';
const PL = 'pl@stockholm.se';
const OUT = 'x@example.com';
const USERS = [EKO, STY, PL, OUT];
const FUNDERS = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'];
const links = () => (g: { id: string; version: number }) => `https://rsvp.example/?g=${g.id}&v=${g.version}`;

function seed(): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Totalbudget', 800000, ''], ['Ekonomi', EKO, ''], ['Styrgrupp', STY, ''], ['Projektledare', PL, ''], ['Max antal inbjudna', 4, '']]);
  p.workbook.add('event', [['Svarsadress', 'osa@stockholm.se', '']]);
  p.workbook.add('budget', FUNDERS.map((f) => [f, 200000, '', '']));
  p.workbook.add('ledger', [0, 1, 2, 3].map((i) => [`K-000${i + 1}`, new Date(2009, 10, 1), FUNDERS[i], 'övrigt', 'x', 50000, '', '', 'Beställd', EKO, new Date(2009, 10, 1), '']));
  p.workbook.add('guests', [0, 1, 2, 3, 4].map((i) => [`G-000${i + 1}`, `F${i}`, `E${i}`, '', '', '', `g${i}@example.se`, 'sv', 'konferensen', '', i < 3 ? 'Godkänd' : 'Föreslagen', '', '', '', 1, '']));
  p.workbook.add('templates', [['sv', 'Inbjudan', 'Hej {{Förnamn}}! Svara: {{Svarslänk}}']]);
  return journalled(p);
}

type Sheet = 'ledger' | 'budget' | 'guests' | 'templates' | 'event';

type Op =
  | { op: 'register'; user: string; funder: number; kr: number }
  | { op: 'change'; user: string; row: number; kr: number }
  | { op: 'transfer'; user: string; from: number; to: number; kr: number }
  | { op: 'allocate'; user: string; shares: number[] }
  | { op: 'approve'; user: string; guest: number }
  | { op: 'send'; user: string }
  | { op: 'edit'; user: string; sheet: Sheet; row: number; col: number; value: Cell; guard: boolean }
  | { op: 'delete'; sheet: Sheet; row: number };

const value = fc.oneof(
  fc.integer({ min: 0, max: 400000 }),
  fc.constantFrom<Cell>('Godkänd', 'Inbjuden', 'Makulerad', 'Betald', 'STOKAB', 'Kommunstyrelsen', 'attacker@evil.example', '', 'https://evil.example', 'en'),
);
const user = fc.constantFrom(...USERS);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('register' as const), user, funder: fc.nat(3), kr: fc.integer({ min: 1, max: 250000 }) }),
  fc.record({ op: fc.constant('change' as const), user, row: fc.nat(5), kr: fc.integer({ min: 1, max: 250000 }) }),
  fc.record({ op: fc.constant('transfer' as const), user, from: fc.nat(3), to: fc.nat(3), kr: fc.integer({ min: 1, max: 200000 }) }),
  fc.record({ op: fc.constant('allocate' as const), user, shares: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 4, maxLength: 4 }) }),
  fc.record({ op: fc.constant('approve' as const), user, guest: fc.nat(4) }),
  fc.record({ op: fc.constant('send' as const), user: fc.constantFrom(PL, PL, OUT) }),
  { arbitrary: fc.record({ op: fc.constant('edit' as const), user, sheet: fc.constantFrom<Sheet>('ledger', 'ledger', 'budget', 'guests', 'guests', 'templates', 'event'), row: fc.integer({ min: 2, max: 7 }), col: fc.nat(15), value, guard: fc.boolean() }), weight: 4 },
  fc.record({ op: fc.constant('delete' as const), sheet: fc.constantFrom<Sheet>('ledger', 'budget', 'guests'), row: fc.integer({ min: 2, max: 7 }) }),
);

function apply(p: MemoryPorts, o: Op): void {
  if (o.op === 'delete') {
    const g = p.workbook.get(o.sheet).grid;
    if (o.row < g.length) g.splice(o.row - 1, 1);
    return;
  }
  p.user.current = o.user;
  switch (o.op) {
    case 'register': registerCost(p, { funder: FUNDERS[o.funder], category: 'övrigt', description: 'y', amount: o.kr, date: '2009-11-02' }); return;
    case 'change': changeCost(p, { id: `K-000${o.row + 1}`, amount: o.kr }); return;
    case 'transfer': transferAllocation(p, { from: FUNDERS[o.from], to: FUNDERS[o.to], amount: o.kr, decisionRef: 'Dnr 1' }); return;
    case 'allocate': {
      const sum = o.shares.reduce((a, b) => a + b, 0);
      const parts = o.shares.map((s) => Math.floor((800000 * s) / sum));
      parts[3] = 800000 - parts[0] - parts[1] - parts[2];
      allocateBudget(p, { allocations: FUNDERS.map((funder, i) => ({ funder, amount: parts[i] })) });
      return;
    }
    case 'approve': approveGuests(p, { ids: [`G-000${o.guest + 1}`], decision: 'B-0007' }); return;
    case 'send': sendBatch(p, { batchSize: 5 }, links); return;
    case 'edit': {
      const t = p.workbook.get(o.sheet);
      const width = t.grid[0].length - 1; // never the Sigill column: a seal can't be forged without the key anyway
      t.write(o.row, o.col % width, [[o.value]]);
      if (!o.guard) return; // the API, or a paste of many rows: no onEdit
      const edit = { row: o.row, column: (o.col % width) + 1, numRows: 1, numColumns: 1 };
      if (o.sheet === 'ledger') guardLedgerEdit(p, edit);
      else if (o.sheet === 'guests') guardGuestEdit(p, edit);
      else guardSheetEdit(p, o.sheet, edit);
    }
  }
}

/** What the add-on sealed for each guest and template, read with the add-on's own journal. */
function sealedNow(p: MemoryPorts) {
  const journal = new Journal(p);
  const guests = guestRows(checkTable(journal, 'guests'));
  const templates = checkTable(journal, 'templates');
  const event = checkTable(journal, 'event');
  return {
    verifiedAddress: new Set(guests.filter((g) => !g.unverified).map((g) => g.guest.email.toLowerCase())),
    // Every guest here is Swedish: no row that is or was the sv template may wait for review.
    templatesVerified: templates.rows.every((r) => r.kind === 'ok' || ![r.key, String(templates.t.snap.rows[r.index][0])].some((k) => k.trim().toLowerCase() === 'sv'))
      && !templates.missing.some((m) => m.key.toLowerCase() === 'sv'),
    eventVerified: event.rows.every((r) => r.kind === 'ok') && event.missing.length === 0,
  };
}

/** Consumed and allocated as the sheet shows them (what an insider wanted to be believed). */
function sheetOverspent(p: MemoryPorts): boolean {
  const alloc = new Map<string, number>();
  let sum = 0;
  const blank = (r: Record<string, Cell>) => Object.entries(r).every(([h, v]) => h === 'Sigill' || v === '');
  for (const r of p.workbook.get('budget').records()) {
    if (blank(r)) continue;
    const a = typeof r['Tilldelning'] === 'number' ? r['Tilldelning'] : NaN;
    alloc.set(String(r['Finansiär']), a);
    sum += a;
  }
  const used = new Map<string, number>();
  for (const r of p.workbook.get('ledger').records()) {
    if (blank(r) || r['Status'] === 'Makulerad') continue;
    const f = String(r['Finansiär']);
    used.set(f, (used.get(f) ?? 0) + (typeof r['Belopp'] === 'number' ? r['Belopp'] : NaN));
  }
  if (Math.round(sum * 100) !== 800000_00) return true;
  for (const [f, u] of used) if (!(u <= (alloc.get(f) ?? -1))) return true;
  return false;
}

test('no interleaving of sidebar actions and direct edits mails an unverified guest, or overspends unflagged', () => {
  let sends = 0, flagged = 0;
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
      const p = seed();
      for (const o of ops) {
        const before = sealedNow(p);
        const mailed = p.mailer.sent.length;
        try {
          apply(p, o);
        } catch (e) {
          if (!(e instanceof UserError)) throw e;
        }
        for (const m of p.mailer.sent.slice(mailed)) {
          sends++;
          expect(before.verifiedAddress.has(m.to.toLowerCase())).toBe(true);
          expect(before.templatesVerified && before.eventVerified).toBe(true);
          expect(m.replyTo).toBe('osa@stockholm.se');
          expect(m.htmlBody).not.toContain('evil.example');
        }
        p.user.current = EKO;
        if (sheetOverspent(p)) {
          flagged++;
          expect(budgetOverview(p).balanced).toBe(false);
        }
      }
    }),
    { numRuns: 150, seed: Number(process.env.FC_SEED ?? 20091208) },
  );
  // The generator reaches both: mails that went out, and sheets that lie about the money.
  expect(sends).toBeGreaterThan(20);
  expect(flagged).toBeGreaterThan(20);
});
