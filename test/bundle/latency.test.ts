/**
 * Latency and flush (issue 8, item 3), on the built Code.js: the same promises the other bundle
 * tests make — the budget is never overspent, no guest is invited twice, nothing is half-written,
 * the log verifies, a busy lock gives a clear "try again" and changes nothing — now with
 *
 * - service calls that take time (test/support/latency.ts: a mail 1 s, a range read 200 ms, a
 *   write 300 ms, a flush 500 ms …, on the emulator's virtual clock; SLOW_DAY is 3× that),
 * - writes that reach the shared spreadsheet only at SpreadsheetApp.flush() or the execution's end,
 *   and are lost when the execution is killed (flush 'buffered', unflushedOnKill 'lost'),
 * - a competing execution (runConcurrently on the virtual clock: B starts at an emulated moment
 *   while A holds the lock; lock waits end at the holder's release or their timeout),
 * - the time limits: 30 s for onEdit (a simple trigger), 6 min for the rest.
 *
 * The longest holder of the script lock is a send batch: it holds it from its pick across its
 * mails to its record (src/app/merge.ts), about 30 s for 25 guests at 1 s a mail. The others wait for it at most
 * GUEST_LOCK_MS (the RSVP page, 10 s), LOCK_TIMEOUT_MS (sidebars, 20 s) or EDIT_LOCK_MS (onEdit,
 * 10 s), then say so. Executions killed mid-write are in latency-kill.test.ts (jest runs the two
 * files side by side).
 */
import { runConcurrently, type Emulator } from '../../src/sandbox/emulator';
import type { LatencyOptions } from '../../src/sandbox/emulator/runtime';
import { CODE, EKO, PL, api, run } from '../support/bundle';
import { DEEP, sampleByClass } from '../support/sample';
import { guests, mailsPerRecipient, rsvpKeys, sendAll, workbookWithGuests } from '../support/invitations';
import { LATENCY, SIMPLE_TRIGGER_LIMIT_MS, SLOW_DAY } from '../support/latency';
import { ANON, lockStretch, logVerdict, ON_EDIT_GLUE, onEditExec, REAL_TIME, sendExec, sendHold, timeline, withLatency, type Timeline } from '../support/latency-harness';

jest.setTimeout(180_000);

const logVerifies = (emu: Emulator) => expect(logVerdict(emu)).toMatch(/^Loggen är hel: \d+ rader verifierade/);
const logActions = (emu: Emulator) => emu.sheetValues('Logg').slice(1).map((r) => [String(r[1]), String(r[2]), String(r[3])]);

/** The client's result of a sidebar call, its data or its message. */
type Api<T> = { ok: true; data: T } | { ok: false; message: string };
const nb = (s: string) => s.replace(/\u00a0/g, ' ');

/**
 * Where B starts: every STEP ms of A (denser in npm run test:deep); npm test takes of these, in each
 * stretch of A's timeline (before, while and after it holds the lock), the first, the last and one
 * drawn with the seed (test/support/sample.ts).
 */
const STEP_A = DEEP ? 500 : 2000;
const STEP_B = DEEP ? 100 : 500;
function startMoments(t: Timeline, step: number, until: number, name: string): number[] {
  const grid: number[] = [];
  for (let s = 0; s <= until; s += step) grid.push(s);
  return sampleByClass(grid, lockStretch(t), name);
}

// ---------------------------------------------------------------------------
describe('a) a guest answers while a 25-guest batch is being sent', () => {
  let base: Emulator;
  /** G-0001 (sv) and G-0002 (en) were invited first: their links. */
  const links = new Map<string, Record<string, string>>();
  let hold: { from: number; to: number };
  let end: number;
  let batch: Timeline;
  beforeAll(async () => {
    base = workbookWithGuests(27);
    sendAll(base, 2, 1); // one batch of two: G-0001 and G-0002 get their invitations
    for (const [g, k] of await rsvpKeys(base)) links.set(g, k);
    expect([...links.keys()].sort()).toEqual(['G-0001', 'G-0002']);
    batch = timeline(withLatency(base), 'sendInvitations', [{ batchSize: 25 }], { user: PL });
    hold = sendHold(batch);
    end = batch.r.emulatedMs;
    // 25 mails at 1 s hold the lock for about half a minute.
    expect(hold.to - hold.from).toBeGreaterThan(25_000);
    expect(end).toBeLessThan(60_000);
  });

  const answer = (g: string) => ({ fnName: 'submitRsvp', args: [{ ...links.get(g), answer: 'ja' }], opts: ANON });

  test(`at ${DEEP ? 'every' : 'a sample of every'} ${STEP_A / 1000} s of the batch: the answer is saved, or the guest is asked to try again in their language and nothing is written; every invitation is sent once and recorded`, async () => {
    const outcomes = new Set<string>();
    for (const s of startMoments(batch, STEP_A, end, 'rsvp-start')) {
      const emu = withLatency(base);
      const before = guests(emu).find((g) => g['ID'] === 'G-0002');
      const [a, b] = await runConcurrently(emu, CODE, [sendExec(25), answer('G-0002')], { startBAtMs: s, ...REAL_TIME });
      const label = `guest from ${s} ms`;
      // The batch: 25 sent and recorded, nobody twice.
      expect([label, a.ok, (a.result as Api<{ sent: number }>).ok && (a.result as { data: { sent: number } }).data.sent]).toEqual([label, true, 25]);
      // The invitations (a saved yes also brings the guest a confirmation: src/app/confirm.ts).
      const confirmed = emu.outbox().filter((m) => /^(Ditt svar|Your reply):/.test(m.subject)).map((m) => m.to[0]);
      const mails = mailsPerRecipient(emu);
      for (const to of confirmed) mails.set(to, mails.get(to)! - 1);
      expect(mails.size).toBe(27);
      expect([...mails.values()].every((n) => n === 1)).toBe(true);
      // The guest: never a stack trace; saved, or "try again" with nothing written.
      const rb = b.result as Api<unknown>;
      expect([label, b.ok, rb.ok ? '' : rb.message]).toEqual([label, true, '']);
      const d = (b.result as { data: { saved: boolean; message: { sv: string; en: string } } }).data;
      const row = guests(emu).find((g) => g['ID'] === 'G-0002');
      const answered = logActions(emu).filter(([u, act]) => u === 'gäst:G-0002' && act === 'gäst.svar');
      if (d.saved) {
        expect(row?.['Status']).toBe('Tackat ja');
        expect(answered).toHaveLength(1);
        expect(confirmed).toEqual([String(row?.['E-post'])]);
        outcomes.add('saved');
      } else {
        expect([label, d.message.en]).toEqual([label, 'Your reply could not be received just now. Nothing was saved; please try again in a moment.']);
        expect(d.message.sv).toMatch(/Inget har sparats; försök igen/);
        expect(row).toEqual(before);
        expect(answered).toHaveLength(0);
        expect(confirmed).toEqual([]);
        // It waited GUEST_LOCK_MS for the lock, no longer.
        expect(b.emulatedMs).toBeLessThan(12_000);
        outcomes.add('try again');
      }
      expect(guests(emu).filter((g) => g['Status'] === 'Inbjuden' || g['ID'] === 'G-0002')).toHaveLength(27);
      logVerifies(emu);
    }
    // Both happen: before and after the sends the answer gets in, during them it can't.
    expect([...outcomes].sort()).toEqual(['saved', 'try again']);
  });

  test('a Swedish guest mid-batch is asked to try again (the page shows the message in the link\'s language); after the batch the same answer is saved', async () => {
    const emu = withLatency(base);
    const [, b] = await runConcurrently(emu, CODE, [sendExec(25), answer('G-0001')], { startBAtMs: hold.from + 1000, ...REAL_TIME });
    const d = (b.result as { data: { saved: boolean; message: { sv: string } } }).data;
    expect(d).toMatchObject({ saved: false, message: { sv: 'Svaret kunde inte tas emot just nu. Inget har sparats; försök igen om en liten stund.' } });
    // Once the batch is done the same answer goes through.
    const again = run(emu, 'submitRsvp', [{ ...links.get('G-0001'), answer: 'ja' }], ANON).result as { data: { saved: boolean } };
    expect(again.data.saved).toBe(true);
    logVerifies(emu);
  });
});

// ---------------------------------------------------------------------------
describe('b) cost registrations under latency', () => {
  const COST = { funder: 'STOKAB', category: 'workshops', description: 'Lokalhyra', amount: '100 000', date: '2009-11-01', status: 'Beställd' };
  const cost = (amount: string, description: string) => ({ fnName: 'recordCost', args: [{ ...COST, amount, description }], opts: { user: EKO, authMode: 'FULL' as const } });
  const ovAvailable = (emu: Emulator) => emu.sheetValues('Översikt').find((r) => r[0] === 'STOKAB')![6];
  let base: Emulator;
  beforeAll(() => {
    base = workbookWithGuests(27);
    expect(api(base, 'recordCost', [COST], EKO).ok).toBe(true); // STOKAB: 100 000 kr left
  });

  test(`two at once, at ${DEEP ? 'every' : 'a sample of every'} ${STEP_B} ms of the first: exactly one of two costs that do not both fit is written, never an overspend`, async () => {
    const first = timeline(withLatency(base), 'recordCost', [{ ...COST, amount: '60 000', description: 'A' }], { user: EKO });
    expect(first.r.emulatedMs).toBeGreaterThan(2000); // reads, two writes, a flush and the anchor: seconds, not milliseconds
    const winners = new Set<string>();
    for (const s of startMoments(first, STEP_B, first.r.emulatedMs + STEP_B, 'cost-start')) {
      const emu = withLatency(base);
      const [a, b] = await runConcurrently(emu, CODE, [cost('60 000', 'A'), cost('70 000', 'B')], { startBAtMs: s, ...REAL_TIME });
      const ra = a.result as Api<unknown>;
      const rb = b.result as Api<unknown>;
      expect([s, a.ok, b.ok]).toEqual([s, true, true]);
      // Exactly one fits; the other is told why, with the figures.
      expect([s, [ra.ok, rb.ok].filter(Boolean).length]).toEqual([s, 1]);
      const loser = ra.ok ? rb : ra;
      expect(nb((loser as { message: string }).message)).toMatch(/^Kostnaden ryms inte: STOKAB har (40|30) 000,00 kr kvar/);
      const rows = emu.sheetValues('Kostnader').slice(1).map((r) => r[4]);
      expect(rows).toEqual(['Lokalhyra', ra.ok ? 'A' : 'B']);
      expect(ovAvailable(emu)).toBe(ra.ok ? 40000 : 30000);
      winners.add(ra.ok ? 'A' : 'B');
      logVerifies(emu);
    }
    // B wins only when it starts first (at 0 both start together; A goes first on a tie).
    expect(winners.has('A')).toBe(true);
  });

  test('one while a send batch holds the lock: "someone else is saving … try again", nothing written; later it goes through', async () => {
    const s = timeline(withLatency(base), 'sendInvitations', [{ batchSize: 25 }], { user: PL });
    const hold = sendHold(s);
    const emu = withLatency(base);
    const ledger = JSON.stringify(emu.sheetValues('Kostnader'));
    const [a, b] = await runConcurrently(emu, CODE, [sendExec(25), cost('1 000', 'Under utskicket')], { startBAtMs: hold.from + 1000, ...REAL_TIME });
    expect(a.ok && (a.result as Api<unknown>).ok).toBe(true);
    expect(b.result).toMatchObject({ ok: false, message: 'Någon annan sparar i arbetsboken just nu. Inget har ändrats; försök igen om en stund.' });
    expect(JSON.stringify(emu.sheetValues('Kostnader'))).toBe(ledger);
    // LOCK_TIMEOUT_MS (20 s), then up to 5 s more trying to log the refusal: well within 6 minutes.
    expect(b.emulatedMs).toBeGreaterThanOrEqual(20_000);
    expect(b.emulatedMs).toBeLessThan(27_000);
    expect(guests(emu).filter((g) => g['Status'] === 'Inbjuden')).toHaveLength(25);
    logVerifies(emu);
    // Started late enough in the batch, it waits for the release and is saved.
    const emu2 = withLatency(base);
    const [, c] = await runConcurrently(emu2, CODE, [sendExec(25), cost('1 000', 'Efter utskicket')], { startBAtMs: hold.to - 15_000, ...REAL_TIME });
    expect((c.result as Api<unknown>).ok).toBe(true);
    expect(emu2.sheetValues('Kostnader').slice(1).map((r) => r[4])).toEqual(['Lokalhyra', 'Efter utskicket']);
    logVerifies(emu2);
  });
});

// ---------------------------------------------------------------------------
describe('c) an onEdit (30 s) while a send batch holds the lock', () => {
  let base: Emulator;
  let col: number;
  beforeAll(() => {
    base = workbookWithGuests(26);
    sendAll(base, 1, 1);
    expect(api(base, 'recordCost', [{ funder: 'STOKAB', category: 'workshops', description: 'Lokalhyra', amount: '1 000', date: '2009-11-01', status: 'Planerad' }], EKO).ok).toBe(true);
    col = base.sheetValues('Kostnader')[0].indexOf('Belopp') + 1;
  });

  /** The finance officer types 2 500 into K-0001's Belopp; the trigger runs beside a 25-guest batch from `s` ms on. */
  async function editDuringSend(latency: LatencyOptions, s: number) {
    const emu = withLatency(base, latency);
    const edit = emu.fireEdit('', { sheet: 'Kostnader', row: 2, col, values: [[2500]], user: EKO });
    expect(edit.fired).toBe(false);
    const [a, b] = await runConcurrently(emu, CODE + ON_EDIT_GLUE, [sendExec(25), onEditExec('Kostnader', 2, col, EKO)], { startBAtMs: s, ...REAL_TIME });
    const ra = a.result as Api<unknown> | undefined;
    expect([`batch beside an edit from ${s} ms`, a.error?.message ?? '', ra?.ok ? '' : ra?.message]).toEqual([`batch beside an edit from ${s} ms`, '', '']);
    return { emu, b, toast: b.ui.toasts.map((t) => t.msg).join(' | ') };
  }

  test('the edit that cannot get the lock stays in the sheet, flagged for review, and the toast says so (not "nothing was changed")', async () => {
    const s = timeline(withLatency(base), 'sendInvitations', [{ batchSize: 25 }], { user: PL });
    const hold = sendHold(s);
    const { emu, b, toast } = await editDuringSend(LATENCY, hold.from + 500);
    expect(b.ok).toBe(true);
    expect(toast).toBe('Summit Planner kunde inte kontrollera ändringen: någon annan sparar i arbetsboken just nu. Ändringen står kvar men räknas inte förrän den har granskats. Försök igen om en stund (skriv in den på nytt), eller godkänn den i Summit Planner → Granska ändringar.');
    // Not lost: the value stands, the row waits in Granska ändringar, and until then the funder is blocked.
    expect(emu.sheetValues('Kostnader')[1][col - 1]).toBe(2500);
    const review = api<{ items: { table: string; row: number; kind: string }[] }>(emu, 'getReview', [], EKO);
    expect(review.ok && review.data.items).toEqual([expect.objectContaining({ table: 'ledger', row: 2, kind: 'changed' })]);
    expect(nb((api(emu, 'recordCost', [{ funder: 'STOKAB', category: 'övrigt', description: 'x', amount: '1', date: '2009-11-01' }], EKO) as { message: string }).message))
      .toMatch(/^STOKAB är spärrad tills en ändring gjord utanför Summit Planner är granskad: Kostnader rad 2/);
    logVerifies(emu);
  });

  test('the worst case on a slow day: the lock comes free just as the wait would end, and the trigger still finishes with 5 s to spare', async () => {
    // The latest start at which the trigger still gets the lock: it then waits longest and has the least time left.
    const s = timeline(withLatency(base, SLOW_DAY), 'sendInvitations', [{ batchSize: 25 }], { user: PL });
    const hold = sendHold(s);
    const gets = async (t: number) => !(await editDuringSend(SLOW_DAY, t)).toast;
    let lo = hold.from; // still busy when the wait ends
    let hi = hold.to; // gets the lock
    expect(await gets(lo)).toBe(false);
    expect(await gets(hi)).toBe(true);
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (await gets(mid)) hi = mid;
      else lo = mid;
    }
    const { emu, b, toast } = await editDuringSend(SLOW_DAY, hi);
    expect([b.ok, b.error?.message, toast]).toEqual([true, undefined, '']);
    // Time the emulator does not count (evaluating the 220 KB bundle, the script's own work, the trigger's
    // start) comes on top: the calls and the wait must leave room for it.
    expect(b.emulatedMs).toBeLessThanOrEqual(SIMPLE_TRIGGER_LIMIT_MS - 5000);
    expect(logActions(emu).filter(([, act]) => act === 'kostnad.direktändring')).toHaveLength(1);
    logVerifies(emu);
  });
});

test('these tests run with latency, buffered writes and unflushed writes lost on a kill (not the emulator\'s defaults)', () => {
  const emu = withLatency(workbookWithGuests(0));
  expect([emu.flushMode, emu.unflushedOnKill, emu.hasLatency]).toEqual(['buffered', 'lost', true]);
});
