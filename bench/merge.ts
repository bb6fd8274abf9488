/**
 * Mail-merge figures (issue 4), measured on the built Code.js in the
 * emulator: service calls and time for a 30- and a 1 500-guest send driven
 * batch by batch like the sidebar, the preview, an import of 1 000 rows, and
 * the "sent but unrecorded" window measured by crash injection.
 */
import type { Emulator } from '../src/sandbox/emulator';
import { CODE, PL } from '../test/support/bundle';
import { fork, guestsCsv, mailsPerRecipient, sendAll, sendOnce, workbookWithGuests } from '../test/support/invitations';
import { withLatency } from '../test/support/latency-harness';
import { invitedWorkbook, remindersPerRecipient, remindOnce } from '../test/support/reminders';
import { figure, medianMs, type Figure } from './lib';

const BATCH = 25;
/** What the Inbjudningar page asks for per call (src/ui/pages/Invitations.ts, BATCH): its progress bar moves every 10 guests. */
const SIDEBAR_BATCH = 10;

interface Totals {
  calls: number; reads: number; writes: number; mails: number; executions: number; ms: number; emulatedMs: number;
  /**
   * The script's own time: CPU time of the executions less what the emulator spent inside service calls
   * (ExecutionResult.scriptCpuMs). A service call's cost in Apps Script is its latency (emulatedMs); the
   * emulator's own work for it (copying a sheet for a buffered write, say) is not the script's, and CPU
   * time is not inflated by other processes on a loaded machine as wall time is.
   */
  scriptMs: number;
  /** Service calls per 'Class.method', summed over the run's executions. */
  byMethod: Record<string, number>;
}

type Execution = ReturnType<typeof sendOnce>;
interface BatchReply { ok: boolean; data?: { done: boolean; round?: number }; message?: string }

/**
 * The sidebar's loop: one execution per batch until the server says done, summing the executions' counters.
 * `step` runs one batch given the round the previous reply named (invitations ignore it).
 */
function measuredLoop(step: (round: number) => Execution): Totals {
  const t: Totals = { calls: 0, reads: 0, writes: 0, mails: 0, executions: 0, ms: 0, emulatedMs: 0, scriptMs: 0, byMethod: {} };
  const start = process.hrtime.bigint();
  let round = 0;
  for (let i = 0; i < 1000; i++) {
    const r = step(round);
    if (!r.ok) throw new Error(r.error?.message);
    t.calls += r.calls.total;
    t.reads += r.calls.rangeReads;
    t.writes += r.calls.rangeWrites;
    t.mails += r.calls.byMethod['MailApp.sendEmail'] ?? 0;
    for (const [k, v] of Object.entries(r.calls.byMethod)) t.byMethod[k] = (t.byMethod[k] ?? 0) + v;
    t.executions++;
    t.emulatedMs += r.emulatedMs;
    t.scriptMs += r.scriptCpuMs ?? r.execMs;
    const res = r.result as BatchReply;
    if (!res.ok) throw new Error(res.message);
    round = res.data?.round ?? round;
    if (res.data?.done) break;
  }
  t.ms = Number(process.hrtime.bigint() - start) / 1e6;
  return t;
}

/** An invitation run, batch by batch. */
const measuredSend = (emu: Emulator, batch = BATCH): Totals => measuredLoop(() => sendOnce(emu, { measureCpu: true }, batch));

/** The same 30-guest run in the page's batches of 10: one execution more per 10 guests, each with its fixed calls. */
export function sidebarRun(): Figure[] {
  const emu = workbookWithGuests(30, { cap: 30 });
  emu.setDailyMailQuota(1500);
  const t = measuredSend(emu, SIDEBAR_BATCH);
  const label = `merge 30 guests (batches of ${SIDEBAR_BATCH}, as the Inbjudningar page sends)`;
  return [
    figure(`${label}: executions`, t.executions, 'executions'),
    figure(`${label}: service calls beyond the sends`, t.calls - 2 * t.mails, 'calls'),
    ...oneExecution(),
  ];
}

/**
 * The floor while every mail has its own write-ahead entry: 1, 10 and 25 guests (a call's most) sent in one
 * execution on a workbook's first run. The README's Benchmark section says why ≤ 60 for 30 guests needs a product
 * decision: the fixed part of an execution plus one entry a guest.
 */
function oneExecution(): Figure[] {
  return [1, 10, 25].map((n) => {
    const emu = workbookWithGuests(n, { cap: 30 });
    emu.setDailyMailQuota(1500);
    const t = measuredSend(emu, 25);
    if (t.executions !== 1 || t.mails !== n) throw new Error(`one execution: ${t.executions} executions, ${t.mails} mails for ${n}`);
    return figure(`merge ${n} guest${n === 1 ? '' : 's'} in one execution (first run): service calls beyond the sends`, t.calls - 2 * t.mails, 'calls');
  });
}

/** A reminder round (the first call starts it, later calls continue the round the server named). */
const measuredRound = (emu: Emulator): Totals => measuredLoop((round) => remindOnce(emu, round, { measureCpu: true }, BATCH));

/**
 * A reminder round at 300, 750 and 1 500 invited guests (none answered), batches of 25, at the
 * typical latencies: like the invitations (scaling()), its emulated wall time must grow linearly —
 * a batch renders only the guests it sends and plans the rest without rendering.
 */
export function reminderScaling(): Figure[] {
  const out: Figure[] = [];
  const perGuest: number[] = [];
  for (const n of [300, 750, 1500]) {
    const emu = withLatency(invitedWorkbook(n));
    emu.setDailyMailQuota(3 * n);
    const t = measuredRound(emu);
    const reminded = remindersPerRecipient(emu);
    if (t.mails !== n || reminded.size !== n || [...reminded.values()].some((c) => c !== 1)) throw new Error(`reminders: ${t.mails} mails for ${n} guests`);
    const total = t.emulatedMs + t.scriptMs;
    perGuest.push(total / n);
    const label = `reminder round ${n.toLocaleString('sv-SE')} guests, typical latency`;
    out.push(figure(`${label}: emulated wall time (services ${s1(t.emulatedMs)} s + script ${s1(t.scriptMs)} s)`, s1(total), 's'));
    out.push(figure(`${label}: per guest`, Math.round(total / n), 'ms'));
    if (n === 1500) out.push(figure(`${label}: service calls beyond the sends`, t.calls - 2 * t.mails, 'calls'));
  }
  const ratio = Math.round((perGuest[2] / perGuest[0]) * 100) / 100;
  out.push(figure('reminders: emulated wall time per guest at 1 500 guests ÷ at 300 (linear = 1)', ratio, '×', { text: '≤ 1.1 (O(n))', met: ratio <= 1.1 }));
  return out;
}

/**
 * Where a run's service calls beyond the sends go, by what they are for (the README's Benchmark
 * section says why each is needed). Every method the run calls is in exactly one group.
 */
const CALL_GROUPS: readonly (readonly [string, RegExp])[] = [
  ['send journal and log anchor (script property writes: one per guest but the first, whose entry rides with the pick\'s committed anchor; four per batch with the anchors)', /^Properties\.(setProperty|setProperties|deleteProperty)$/],
  ['script property reads (seal key, anchor, send journal, RSVP key and workbook tag: one getProperties before the lock, one under it)', /^(Properties\.(getProperty|getProperties)|PropertiesService\.getScriptProperties)$/],
  ['range reads (a sheet looked up, its values up to the last row and column with data)', /^(Spreadsheet\.getSheetByName|Sheet\.(getDataRange|getSheetValues)|Range\.getValues)$/],
  ['sealed, logged writes (Logg and Gäster ranges, the row counts an append needs, room for Logg to grow, the flush)', /^(Sheet\.(getRange|getLastRow|getMaxRows|insertRowsAfter)|Range\.setValues|SpreadsheetApp\.flush)$/],
  ['script lock (get, take, release)', /^(LockService\.getScriptLock|Lock\.(tryLock|releaseLock))$/],
  ['who and where (user, effective user, web app URL, spreadsheet, file ID; the locale only for a refusal)', /^(Session\..*|User\.getEmail|ScriptApp\.getService|Service\.getUrl|SpreadsheetApp\.getActiveSpreadsheet|Spreadsheet\.getId)$/],
  ['mail quota', /^MailApp\.getRemainingDailyQuota$/],
  ['RSVP link key, made once per workbook (Utilities.getUuid)', /^Utilities\.getUuid$/],
];
const SENDS = /^(MailApp\.sendEmail|Utilities\.newBlob)$/;

function callGroups(label: string, t: Totals): Figure[] {
  const out: Figure[] = [];
  const seen = new Set<string>();
  for (const [name, re] of CALL_GROUPS) {
    const methods = Object.keys(t.byMethod).filter((k) => re.test(k));
    for (const k of methods) seen.add(k);
    out.push(figure(`${label}: calls beyond the sends, ${name}`, methods.reduce((a, k) => a + t.byMethod[k], 0), 'calls'));
  }
  const other = Object.keys(t.byMethod).filter((k) => !seen.has(k) && !SENDS.test(k));
  if (other.length) throw new Error(`merge bench: calls in no group: ${other.join(', ')}`);
  return out;
}

export function mergeSection(n: number): Figure[] {
  const emu = workbookWithGuests(n, { cap: Math.max(30, n) });
  emu.setDailyMailQuota(Math.max(1500, n));
  const t = measuredSend(emu);
  const batches = Math.ceil(n / BATCH);
  const dup = [...mailsPerRecipient(emu).values()].filter((c) => c > 1).length;
  const label = `merge ${n.toLocaleString('sv-SE')} guests (batches of ${BATCH})`;
  return [
    figure(`${label}: executions`, t.executions, 'executions'),
    figure(`${label}: service calls`, t.calls, 'calls'),
    // 5 reads a batch (one execution each): Inställningar, Evenemang (the event details have their own sheet, protected for
    // the project leader), Program, Mallar, and Gäster once, under the batch's one hold of the lock.
    // Goal ≤ 60 at 30 guests: not met. What remains, and why, is in the README (Benchmark) and in the groups below: one
    // journal write per guest (the write-ahead 'a' that keeps an unknown outcome to the one guest in flight), and per
    // execution the caller's checks, five sheets read and two sealed, logged commits.
    figure(`${label}: service calls beyond the sends (all but MailApp.sendEmail and its .ics blob)`, t.calls - 2 * t.mails, 'calls', { text: '≤ 60', met: t.calls - 2 * t.mails <= 60 }),
    ...callGroups(label, t),
    figure(`${label}: range reads`, t.reads, 'reads', { text: `≤ 5 per batch (${5 * (batches + 1)})`, met: t.reads <= 5 * (batches + 1) }),
    figure(`${label}: range writes`, t.writes, 'writes', { text: `≤ 4 per batch (${4 * (batches + 1)})`, met: t.writes <= 4 * (batches + 1) }),
    figure(`${label}: MailApp.sendEmail calls`, t.mails, 'calls', { text: `= ${n} (one per guest)`, met: t.mails === n && dup === 0 }),
    figure(`${label}: time (emulator)`, Math.round(t.ms), 'ms'),
  ];
}

const s1 = (ms: number) => Math.round(ms / 100) / 10;

/**
 * A whole run at n guests, batches of 25, at the typical latencies of test/support/latency.ts:
 * its emulated wall time is the services' latency (virtual clock, the same on every machine)
 * plus the script's own time (CPU time on this machine, service calls left out: it is what grows when a batch does work for
 * every waiting guest). Linear in n means the time per guest stays flat from 300 to 1 500.
 */
function scaling(): Figure[] {
  const out: Figure[] = [];
  const perGuest: number[] = [];
  const scriptPerGuest: number[] = [];
  const sizes = [300, 750, 1500];
  for (const n of sizes) {
    const emu = withLatency(workbookWithGuests(n, { cap: n }));
    emu.setDailyMailQuota(n);
    const t = measuredSend(emu);
    if (t.mails !== n) throw new Error(`scaling: ${t.mails} mails for ${n} guests`);
    const total = t.emulatedMs + t.scriptMs;
    perGuest.push(total / n);
    scriptPerGuest.push(t.scriptMs / n);
    const label = `merge ${n.toLocaleString('sv-SE')} guests, typical latency`;
    out.push(figure(`${label}: emulated wall time (services ${s1(t.emulatedMs)} s + script ${s1(t.scriptMs)} s)`, s1(total), 's'));
    out.push(figure(`${label}: per guest`, Math.round(total / n), 'ms'));
  }
  const ratio = Math.round((perGuest[2] / perGuest[0]) * 100) / 100;
  out.push(figure('merge: emulated wall time per guest at 1 500 guests ÷ at 300 (linear = 1)', ratio, '×', { text: '≤ 1.1 (O(n))', met: ratio <= 1.1 }));
  // The services' part is linear by construction (a fixed number of calls per batch); the script's part shows any per-batch work over every guest.
  const scriptRatio = Math.round((scriptPerGuest[2] / scriptPerGuest[0]) * 100) / 100;
  out.push(figure('merge: script time per guest at 1 500 guests ÷ at 300 (linear = 1; CPU time, service calls left out)', scriptRatio, '×', { text: '≤ 1.5', met: scriptRatio <= 1.5 }));
  return out;
}

/** Max over crash points of guests mailed twice after crash + re-run (30 guests, batches of 10). */
function crashWindow(): { worst: number; points: number } {
  const base = workbookWithGuests(30);
  const seen: { n: number; key: string }[] = [];
  sendOnce(fork(base), { hooks: { afterCall: (c) => seen.push({ n: c.n, key: `${c.cls}.${c.method}` }) } });
  const points = seen.filter((c) => /^(MailApp\.sendEmail|Properties\.(setProperty|setProperties|deleteProperty)|Range\.setValues|SpreadsheetApp\.flush)$/.test(c.key));
  let worst = 0;
  for (const p of points) for (const when of ['before', 'after'] as const) {
    const e = fork(base);
    sendOnce(e, { faults: { failAtCall: p.n, when } });
    sendAll(e, BATCH);
    worst = Math.max(worst, [...mailsPerRecipient(e).values()].filter((c) => c > 1).length);
  }
  return { worst, points: points.length * 2 };
}

export function mergeFigures(): Figure[] {
  const out: Figure[] = [...mergeSection(30), ...sidebarRun(), ...scaling(), ...reminderScaling()];

  // A preview reads whole tables once: its cost must not depend on the list's length.
  const previewCalls: number[] = [];
  for (const n of [30, 1500]) {
    const emu = workbookWithGuests(n, { cap: Math.max(30, n) });
    let calls = 0;
    let reads = 0;
    const ms = medianMs(5, () => {
      const r = emu.runExecution(CODE, 'previewMail', [{ guestId: 'G-0001' }], { authMode: 'FULL', user: PL });
      calls = r.calls.total;
      reads = r.calls.rangeReads;
    });
    previewCalls.push(calls);
    out.push(figure(`preview one invitation (${n} guests): service calls`, calls, `calls (${reads} range reads)`));
    out.push(figure(`preview one invitation (${n} guests): time (emulator)`, Math.round(ms * 10) / 10, 'ms'));
  }
  out.push(figure('preview: service calls at 1 500 guests minus at 30', previewCalls[1] - previewCalls[0], 'calls', { text: '0 (constant)', met: previewCalls[1] === previewCalls[0] }));

  const imp = workbookWithGuests(0);
  const text = guestsCsv(1000);
  const start = process.hrtime.bigint();
  const r = imp.runExecution(CODE, 'importGuestRows', [{ text }], { authMode: 'FULL', user: PL });
  const impMs = Number(process.hrtime.bigint() - start) / 1e6;
  const data = (r.result as { ok: boolean; data?: { imported: string[] } }).data;
  out.push(figure('import 1 000 rows: guests imported', data?.imported.length ?? 0, 'guests', { text: '= 1000', met: data?.imported.length === 1000 }));
  out.push(figure('import 1 000 rows: range writes', r.calls.rangeWrites, 'writes', { text: '≤ 3 (one append + log)', met: r.calls.rangeWrites <= 3 }));
  out.push(figure('import 1 000 rows: service calls', r.calls.total, 'calls'));
  out.push(figure('import 1 000 rows: time (emulator)', Math.round(impMs), 'ms'));

  const w = crashWindow();
  out.push(figure(`sent-but-unrecorded window: guests re-sent after a crash at the worst point (max over ${w.points} crash points, 30 guests)`, w.worst, 'guests', { text: '= 0', met: w.worst === 0 }));
  out.push(figure('for comparison, Google\'s mail-merge sample (all "sent" marks in one setValues at the end): guests re-sent after a crash at the worst point, 30 guests', 30, 'guests (the whole run; not measured, by construction)'));
  return out;
}
