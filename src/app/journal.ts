/**
 * The journal: Logg is the journal, the guarded sheets are its projection.
 *
 * Every write the add-on makes to a guarded sheet goes through a transaction
 * (Tx) that, under the script lock:
 *   1. writes the new anchor to document properties as "pending" (write-ahead),
 *   2. appends the Logg entries in ONE range write — one entry per sealed row,
 *      carrying the row's non-personal values in the Rad column,
 *   3. writes the rows with their seals (one range write per sheet, plus one
 *      for appended rows),
 *   4. writes the anchor as committed.
 * An execution that dies between two steps leaves a state the next one
 * recognises (the pending anchor says which counts are acceptable) and either
 * adopts or compensates with a Logg entry: nothing is half-believed.
 *
 * The anchor (document property `summit.journal`, out of the editors' reach
 * in the add-on deployment) holds the log's entry count, head hash and
 * checkpoints, and per sealed sheet a manifest: how many authentic rows it
 * holds and the sum of their seqs. A deleted row lowers the count; an older
 * authentic copy put back (a replay, a restored version) lowers the sum.
 * Checking a sheet costs no range read beyond the one the action already
 * makes; only when a manifest disagrees is Logg read (once) to name the rows.
 */
import {
  addCheckpoints, auditTime, auditValue, chain, checkAnchor, GENESIS, verifyChain, type AuditRow, type Checkpoint,
} from '../core/audit';
import { cellText } from '../core/budget';
import { nextGuestIds } from '../core/guests';
import { sha256Hex } from '../core/hash';
import { UserError, type Msg } from '../core/msg';
import { SHEETS, TABLES } from '../core/schema';
import { OVERVIEW_STATUS_ROW } from '../core/overview-sheet';
import { escapeHtml } from '../core/template';
import {
  changedFields, fromSnap, loggableValues, openSeal, parseSealKey, SEAL_HEADER, SEAL_SPECS, sealCell, sealKeyOf,
  type SealedTable, type SnapValue,
} from '../core/seal';
import type { Cell, CellIn, Ports } from './ports';
import { cellOf, isBlankRow, openTable, type OpenTable } from './tables';
import { reviewMsg } from '../core/messages/review';

export const JOURNAL_KEY = 'summit.journal';
export const SEAL_KEY = 'summit.seal.key';

interface Counts { n: number; s: number }
interface Manifest extends Counts {
  /** The counts a dead execution may have left (its Logg entries from..to). */
  alt?: Counts & { from: number; to: number };
}

export interface JournalState {
  v: 1;
  /** Logg entries (rows below the header) and the hash of the last. */
  n: number;
  head: string;
  /** The log a dead execution may have left. */
  alt?: { n: number; head: string };
  cp: Checkpoint[];
  t: Partial<Record<SealedTable, Manifest>>;
  /** Last anchor mail: Stockholm day and the entry count it carried. */
  mail?: { day: string; n: number };
  /** Highest guest number ever issued (IDs are never reused). */
  gid?: number;
  /** What Översikt's verification cell last said (written only when it changes). */
  ov?: string;
  /** Refusals waiting for Logg, and how many more were dropped (the queue is bounded). */
  q?: QueuedEntry[];
  qd?: number;
}

/** An audit entry: what happened to which object (never personal data: IDs and field names). */
export interface AuditEntry {
  readonly action: string;
  readonly object: string;
  readonly before?: unknown;
  readonly after?: unknown;
  /** Who acted, when not the transaction's user (a refusal queued for a user who can't write Logg). */
  readonly user?: string;
  /** When it happened (ISO), when not now (a queued refusal). */
  readonly time?: string;
}

/** A refusal of someone who may not write Logg, kept with the anchor until the next transaction writes it (at most QUEUE_MAX). */
export interface QueuedEntry { readonly u: string; readonly t: string; readonly a: string; readonly o: string; readonly w: string }
export const QUEUE_MAX = 20;

// ---------------------------------------------------------------------------
// Loading

export const notReadyMsg = (): Msg => reviewMsg.notReady();

export function parseJournal(raw: string | null): JournalState | null {
  try {
    // JSON.parse of null is null, of '' a SyntaxError: both are no anchor.
    const j = JSON.parse(raw!) as JournalState;
    return j && j.v === 1 && typeof j.n === 'number' && typeof j.head === 'string' && Array.isArray(j.cp) && j.t && typeof j.t === 'object' ? j : null;
  } catch {
    return null;
  }
}

/** The journal of one execution: the anchor and the seal key, read once (call `fresh()` inside the lock). */
export class Journal {
  private state: JournalState | null | undefined;
  private sealKey: Uint8Array | null | undefined;
  /** Where the daily anchor mail goes (Inställningar: Registrator; set when settings are read). */
  registrar = '';
  constructor(readonly ports: Ports) {}

  /** The anchor, or null when the workbook was never set up with seals. */
  anchor(): JournalState | null {
    if (this.state === undefined) this.state = parseJournal(this.ports.properties.get(JOURNAL_KEY));
    return this.state;
  }
  key(): Uint8Array | null {
    if (this.sealKey === undefined) this.sealKey = parseSealKey(this.ports.properties.get(SEAL_KEY));
    return this.sealKey;
  }
  /** Both, or a UserError: without them nothing can be verified, so nothing is written. */
  require(): { state: JournalState; key: Uint8Array } {
    const state = this.anchor();
    const key = this.key();
    if (!state || !key) throw new UserError(notReadyMsg());
    return { state, key };
  }
  /**
   * Re-reads the anchor (inside the lock: another execution may have committed) and, only while
   * none was known, the key: set-up writes it once, when absent, and nothing ever replaces it, so a
   * key already read is the key (one property read saved per lock hold: a send batch holds two).
   */
  fresh(): this {
    this.state = undefined;
    if (this.sealKey === null) this.sealKey = undefined;
    return this;
  }
  /** Writes the anchor; `also`: other properties written in the same call (Tx.property). */
  replace(next: JournalState, also: Readonly<Record<string, string>> = {}): void {
    this.state = next;
    if (Object.keys(also).length) this.ports.properties.setAll({ ...also, [JOURNAL_KEY]: JSON.stringify(next) });
    else this.ports.properties.set(JOURNAL_KEY, JSON.stringify(next));
  }
}

// ---------------------------------------------------------------------------
// Checking a sheet against its seals

export type RowKind = 'ok' | 'changed' | 'new' | 'forged' | 'duplicate' | 'stale';

export interface RowCheck {
  /** Index into t.snap.rows. */
  readonly index: number;
  readonly sheetRow: number;
  /** The row's identity: the sealed key when the seal is authentic, else the key cell. */
  readonly key: string;
  readonly kind: RowKind;
  /** The Logg entry that wrote the authentic seal (0 when there is none). */
  readonly seq: number;
  /** The values as the add-on wrote them (authentic seals only). */
  readonly sealed: Readonly<Record<string, SnapValue>> | null;
  /** Sealed headers whose cells differ from `sealed` (all of them for a row without an authentic seal). */
  readonly fields: readonly string[];
  /** For a stale row: the seq and values of the journal's latest version of it (0/absent when the journal has none). */
  readonly latest?: number;
  readonly latestValues?: Readonly<Record<string, SnapValue>>;
}

/** A row the journal knows that the sheet no longer has (deleted, or replaced by an older copy). */
export interface MissingRow {
  readonly key: string;
  readonly seq: number;
  /** The last values Logg holds (no personal fields: see `personal`). */
  readonly values: Readonly<Record<string, SnapValue>>;
}

export interface TableCheck {
  readonly table: SealedTable;
  readonly t: OpenTable;
  readonly rows: readonly RowCheck[];
  readonly byIndex: ReadonlyMap<number, RowCheck>;
  readonly missing: readonly MissingRow[];
  /** Why the rows that are gone could not be named (the log itself was altered), or null. */
  readonly problem: Msg | null;
  /** Authentic counts on the sheet (for the manifest). */
  readonly counts: Readonly<Counts>;
}

const keyText = (v: unknown): string => cellText(v);

/** One row checked against its seal, before duplicates are known (`kind` is final unless the key was seen before). */
function checkRow(key: Uint8Array, table: SealedTable, t: OpenTable, index: number): RowCheck {
  const row = t.snap.rows[index];
  const sheetRow = t.snap.firstRow + index;
  const cell = (h: string): unknown => cellOf(t, row, h);
  const opened = openSeal(key, table, cell(SEAL_HEADER));
  if (!opened.ok) {
    const all = Object.keys(t.col).filter((h) => h !== SEAL_HEADER && !SEAL_SPECS[table].derived.includes(h));
    return { index, sheetRow, key: sealKeyOf(table, cell, keyText), kind: opened.reason === 'none' ? 'new' : 'forged', seq: 0, sealed: null, fields: all };
  }
  const fields = changedFields(table, opened.values, cell);
  return { index, sheetRow, key: sealKeyOf(table, (h) => opened.values[h], keyText), kind: fields.length ? 'changed' : 'ok', seq: opened.seq, sealed: opened.values, fields };
}

/**
 * What a check needs to be redone after a transaction without checking every row again:
 * the rows it checked and whether its counts agreed with the manifest without reading Logg
 * (`direct`), and the indexes a transaction has written since (Tx.writeRows adds them).
 */
interface CheckMemo { readonly direct: boolean; readonly written: Set<number> }
const memos = new WeakMap<TableCheck, CheckMemo>();

/** Checks every row of a table read by the caller (no further range read unless a manifest disagrees). */
export function checkTable(journal: Journal, table: SealedTable, t: OpenTable = openTable(journal.ports.workbook, table)): TableCheck {
  const { state, key } = journal.require();
  const rows: RowCheck[] = [];
  const seen = new Set<string>();
  let n = 0;
  let s = 0;
  t.snap.rows.forEach((row, index) => {
    if (isBlankRow(row)) return;
    const r = checkRow(key, table, t, index);
    if (r.seq === 0) {
      rows.push(r);
      return;
    }
    n++;
    s += r.seq;
    const k = r.key.toLocaleLowerCase('sv');
    rows.push(seen.has(k) ? { ...r, kind: 'duplicate' } : r);
    seen.add(k);
  });
  const m = state.t[table] ?? { n: 0, s: 0 };
  const agrees = (c: Counts | undefined) => !!c && c.n === n && c.s === s;
  // Counts the manifest has: no row is missing and nothing needs Logg (recheckTable's fast path).
  const direct = agrees(m) || agrees(m.alt);
  const missing: MissingRow[] = [];
  let problem: Msg | null = null;
  if (!direct) {
    const folded = foldLog(journal, table);
    if ('problem' in folded) problem = folded.problem;
    else {
      const stale = new Map<number, MissingRow | null>();
      for (const r of rows) if (r.seq > 0 && !folded.latest.has(r.key.toLocaleLowerCase('sv'))) stale.set(r.index, null);
      for (const [k, last] of folded.latest) {
        const present = rows.filter((r) => r.seq > 0 && r.key.toLocaleLowerCase('sv') === k);
        if (present.some((r) => r.seq === last.seq)) continue;
        for (const r of present) stale.set(r.index, last);
        if (present.length === 0) missing.push(last);
      }
      for (let i = 0; i < rows.length; i++) {
        const latest = stale.get(rows[i].index);
        if (latest === undefined || rows[i].kind === 'duplicate') continue;
        rows[i] = { ...rows[i], kind: 'stale', latest: latest?.seq ?? 0, ...(latest ? { latestValues: latest.values } : {}) };
      }
      if (missing.length === 0 && stale.size === 0 && !rows.some((r) => r.kind === 'duplicate')) {
        problem = reviewMsg.sheetUnmatched(TABLES[table].sheet);
      }
    }
  }
  const check: TableCheck = { table, t, rows, byIndex: new Map(rows.map((r) => [r.index, r])), missing, problem, counts: { n, s } };
  memos.set(check, { direct, written: new Set() });
  return check;
}

/**
 * The same check as `checkTable(journal, c.table, c.t)` after transactions of this execution
 * wrote some of c's rows (inside the lock that read them), checking only the rows they wrote: a
 * row nobody wrote has the cells that were checked, and a seal opens the same way every time, so
 * its check stands. Rows keep their keys, so no row becomes or stops being a duplicate, and the
 * counts change by the rows written; the manifest is compared again as checkTable does. Anything
 * else — a row written blank or under another key, a row that was not verified or is no longer,
 * a check that needed Logg to name its rows, counts the manifest doesn't have — is checked in full.
 */
export function recheckTable(journal: Journal, c: TableCheck): TableCheck {
  const memo = memos.get(c);
  if (!memo?.direct) return checkTable(journal, c.table, c.t);
  const { state, key } = journal.require();
  const byIndex = new Map(c.byIndex);
  const n = c.counts.n;
  let s = c.counts.s;
  for (const index of memo.written) {
    const was = c.byIndex.get(index);
    const row = c.t.snap.rows[index];
    if (!was || was.kind !== 'ok' || !row || isBlankRow(row)) return checkTable(journal, c.table, c.t);
    const now = checkRow(key, c.table, c.t, index);
    if (now.kind !== 'ok' || now.key.toLocaleLowerCase('sv') !== was.key.toLocaleLowerCase('sv')) return checkTable(journal, c.table, c.t);
    byIndex.set(index, now);
    s += now.seq - was.seq;
  }
  const m = state.t[c.table] ?? { n: 0, s: 0 };
  if (!(m.n === n && m.s === s) && !(m.alt?.n === n && m.alt.s === s)) return checkTable(journal, c.table, c.t);
  const rows = c.rows.map((r) => byIndex.get(r.index)!);
  const check: TableCheck = { ...c, rows, byIndex, counts: { n, s } };
  memos.set(check, { direct: true, written: new Set() });
  return check;
}

// ---------------------------------------------------------------------------
// Reading Logg back (only when a manifest disagrees, and for "Verifiera loggen")

export interface LogRow extends AuditRow { readonly hash: string }

/** The Rad column of a sealed write: which row, which entry, which non-personal values. */
interface RadRecord { b: SealedTable; k: string; q: number; v: Record<string, SnapValue>; x?: 1 }

export function readLog(ports: Pick<Ports, 'workbook'>): { t: OpenTable; rows: LogRow[] } {
  const t = openTable(ports.workbook, 'log');
  const at = (r: readonly Cell[], h: string): Cell => cellOf(t, r, h);
  const rows = t.snap.rows.map((r) => {
    const time = at(r, 'Tid');
    return {
      // A sheet keeps date-times as day fractions: round the read-back instant to the second.
      time: time instanceof Date ? auditTime(new Date(Math.round(time.getTime() / 1000) * 1000)) : String(time),
      user: String(at(r, 'Användare')), action: String(at(r, 'Åtgärd')), object: String(at(r, 'Objekt')),
      before: String(at(r, 'Före')), after: String(at(r, 'Efter')), rad: String(at(r, 'Rad')), hash: String(at(r, 'Hash')),
    };
  });
  return { t, rows };
}

export const logAlteredMsg = (): Msg => reviewMsg.logAltered();

/** Each key's last journalled row of `table`, from a log that verifies against its anchor. */
function foldLog(journal: Journal, table: SealedTable): { latest: Map<string, MissingRow> } | { problem: Msg } {
  const { state } = journal.require();
  const { rows } = readLog(journal.ports);
  if (rows.length !== state.n && rows.length !== state.alt?.n) return { problem: logCountMsg(state.n, rows.length) };
  const verified = verifyChain(rows);
  if (!verified.ok) return { problem: logAlteredMsg() };
  const hashes = rows.map((r) => r.hash.trim().toLowerCase());
  const anchored = [state, state.alt ? { ...state, ...state.alt } : null].some((a) => a && checkAnchor(hashes, a).ok);
  if (!anchored) return { problem: logAlteredMsg() };
  const latest = new Map<string, MissingRow>();
  for (const r of rows) {
    const rad = parseRad(r.rad);
    if (!rad || rad.b !== table) continue;
    const k = rad.k.toLocaleLowerCase('sv');
    if (rad.x) latest.delete(k);
    else latest.set(k, { key: rad.k, seq: rad.q, values: rad.v });
  }
  return { latest };
}

function parseRad(raw: string | undefined): RadRecord | null {
  try {
    // Nothing ('' or undefined) is a SyntaxError: no record.
    const r = JSON.parse(raw!) as RadRecord;
    // null throws here (caught below); a `b` that is no table name never equals the one foldLog asks for.
    return typeof r.k === 'string' && typeof r.q === 'number' && r.v && typeof r.v === 'object' ? r : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------
// Writing: the transaction

interface Put {
  readonly check: TableCheck;
  readonly index: number | null;
  readonly values: Record<string, Cell>;
  readonly entry: number;
  /** The journal seq this row replaces in the manifest (0: none). */
  readonly supersedes: number;
}
interface Forget { readonly check: TableCheck; readonly row: MissingRow; readonly entry: number }
interface Clear { readonly check: TableCheck; readonly index: number }

export interface Committed {
  /** Seq of the first entry written. */
  readonly first: number;
  readonly count: number;
}

/** The journal seq a write of row `index` (or an append of `key`) replaces; refuses to seal over a duplicate copy. */
function supersededSeq(check: TableCheck, index: number | null, key: string): number {
  const rc = index === null ? undefined : check.byIndex.get(index);
  if (rc?.kind === 'duplicate') throw new Error(`row ${rc.sheetRow} of ${check.table} is a duplicate copy`);
  if (rc && (rc.kind === 'ok' || rc.kind === 'changed')) return rc.seq;
  if (rc?.kind === 'stale') return rc.latest ?? 0;
  const k = key.toLocaleLowerCase('sv');
  return check.missing.find((m) => m.key.toLocaleLowerCase('sv') === k)?.seq ?? 0;
}

/**
 * One transaction of sealed row writes and log entries. Build it with put /
 * forget / clear / log, then commit() inside the lock. `user` is who the Logg
 * says acted ('gäst:<ID>' for the RSVP page).
 */
export class Tx {
  private readonly entries: AuditEntry[] = [];
  private readonly puts: Put[] = [];
  private readonly forgets: Forget[] = [];
  private readonly clears: Clear[] = [];
  private gid: number | undefined;
  private overviewText: string | undefined;
  private readonly also: Record<string, string> = {};
  private readonly after: Record<string, string> = {};
  constructor(private readonly journal: Journal, private readonly user: string = journal.ports.user.email() || '(okänd)') {}

  /**
   * What Översikt's verification cell should say ('' when nothing waits for
   * review): written with the commit, only when it changed, so the sheet
   * view stops calling an unreviewed budget "i balans".
   */
  overview(text: string): this {
    this.overviewText = text;
    return this;
  }

  /**
   * `count` fresh guest IDs (G-0001 …) after every ID ever issued in this
   * workbook — kept with the anchor, so a deleted guest's ID (and the RSVP
   * link signed over it) never comes back. Call inside the lock.
   */
  guestIds(existing: readonly string[], count: number): string[] {
    const out = nextGuestIds(existing, count, this.gid ?? this.journal.require().state.gid ?? 0);
    this.gid = Number(out[out.length - 1]?.slice(2) ?? this.gid ?? 0);
    return out;
  }

  get size(): number {
    return this.entries.length;
  }

  /**
   * A property of the caller's written in the same call as the pending anchor (step 1), so before
   * Logg and the rows (a send batch's journal: before the marks, and with the outcomes before the
   * record); without entries, commit() writes it alone. One call instead of two: a death leaves
   * both written or neither, or — were Properties.setProperties not atomic — either one, each a
   * state the two separate writes could leave too.
   */
  property(key: string, value: string): this {
    this.also[key] = value;
    return this;
  }

  /**
   * A property of the caller's written in the same call as the committed anchor (step 4), so after
   * Logg and the rows have landed (a send batch's first 'attempting' entry, its journal once settled).
   * One call instead of two: a death leaves both written or neither (the pending anchor with the
   * caller's earlier properties: the state a death before step 4 leaves anyway), or — were
   * Properties.setProperties not atomic — either one, each a state the two separate writes could leave too.
   * Without entries, commit() writes it with `property`'s (after them: the later value of a key wins).
   */
  afterward(key: string, value: string): this {
    this.after[key] = value;
    return this;
  }

  /** Writes a sealed row: `index` into check.t.snap.rows, or null to append. `values` by header (others keep the sheet's). */
  put(check: TableCheck, index: number | null, values: Readonly<Record<string, Cell>>, entry: AuditEntry): this {
    const row = index === null ? null : check.t.snap.rows[index];
    const merged: Record<string, Cell> = {};
    for (const h of check.t.snap.header) if (h) merged[h] = row ? row[check.t.col[h]] : '';
    Object.assign(merged, values);
    const supersedes = supersededSeq(check, index, sealKeyOf(check.table, (h) => merged[h], keyText));
    this.puts.push({ check, index, values: merged, entry: this.entries.length, supersedes });
    this.entries.push(entry);
    return this;
  }

  /** Confirms that a row the journal knows is gone for good (a tombstone in Logg). */
  forget(check: TableCheck, row: MissingRow, entry: AuditEntry): this {
    this.forgets.push({ check, row, entry: this.entries.length });
    this.entries.push(entry);
    return this;
  }

  /** Empties a row the journal never had (a row added or copied by hand), logged by `entry`. */
  clear(check: TableCheck, index: number, entry: AuditEntry): this {
    this.clears.push({ check, index });
    this.entries.push(entry);
    return this;
  }

  /**
   * Deletes a verified row through the add-on: the row is emptied, Logg gets
   * a tombstone for its key (so the journal no longer misses it) and the
   * manifest drops its seq, all under one entry.
   */
  remove(check: TableCheck, index: number, entry: AuditEntry): this {
    const rc = check.byIndex.get(index);
    if (!rc || rc.kind !== 'ok') throw new Error(`row ${index} of ${check.table} is not verified`);
    this.forgets.push({ check, row: { key: rc.key, seq: rc.seq, values: {} }, entry: this.entries.length });
    this.clears.push({ check, index });
    this.entries.push(entry);
    return this;
  }

  log(entry: AuditEntry): this {
    this.entries.push(entry);
    return this;
  }

  /** Logg append, sealed rows, anchor: call inside the lock. No-op without entries (but Översikt's cell still follows). */
  commit(): Committed | null {
    if (this.entries.length === 0) {
      const props = { ...this.also, ...this.after };
      if (Object.keys(props).length) this.journal.ports.properties.setAll(props);
      this.noteOverview();
      return null;
    }
    const { key } = this.journal.require();
    const ports = this.journal.ports;
    const logPort = ports.workbook.table(TABLES.log.sheet);
    if (!logPort) throw new UserError(notReadyMsg());
    const logLast = logPort.lastRow();
    const state: JournalState = { ...settleLog(this.journal, logLast) };
    const settled: AuditEntry[] = queued(state);
    for (const c of this.touched()) settleTable(state, c, settled);
    const entries = [...settled, ...this.entries];
    const first = state.n + 1;
    const seqOf = (i: number) => first + settled.length + i;
    const rad = new Map<number, string>();
    const seals = new Map<Put, string>();
    for (const p of this.puts) {
      const seq = seqOf(p.entry);
      seals.set(p, sealCell(key, p.check.table, seq, p.values));
      const k = sealKeyOf(p.check.table, (h) => p.values[h], keyText);
      rad.set(settled.length + p.entry, JSON.stringify({ b: p.check.table, k, q: seq, v: loggableValues(p.check.table, p.values) } satisfies RadRecord));
    }
    for (const f of this.forgets) {
      rad.set(settled.length + f.entry, JSON.stringify({ b: f.check.table, k: f.row.key, q: seqOf(f.entry), v: {}, x: 1 } satisfies RadRecord));
    }
    const time = auditTime(ports.clock.now());
    const rows = entries.map((e, i): LogEntryRow => ({
      time: e.time ?? time, user: e.user ?? this.user, action: e.action, object: e.object, before: auditValue(e.before), after: auditValue(e.after), rad: rad.get(i) ?? '',
    }));
    const hashes = chain(state.n === 0 ? GENESIS : state.head, rows);
    const next: JournalState = {
      ...state, n: state.n + rows.length, head: hashes[hashes.length - 1], cp: addCheckpoints(state.cp, state.n, hashes), t: { ...state.t },
      ...(this.gid !== undefined ? { gid: Math.max(this.gid, state.gid ?? 0) } : {}),
    };
    delete next.alt;
    delete next.q;
    delete next.qd;
    const pending: JournalState = { ...state, alt: { n: next.n, head: next.head }, t: { ...state.t } };
    for (const [table, delta] of this.manifestDeltas(seqOf)) {
      const m = state.t[table] ?? { n: 0, s: 0 };
      const to = { n: m.n + delta.n, s: m.s + delta.s };
      next.t[table] = to;
      pending.t[table] = { n: m.n, s: m.s, alt: { ...to, from: first, to: next.n } };
    }
    // 1. Write-ahead: the counts this transaction will leave are acceptable too (with the caller's properties).
    this.journal.replace(pending, this.also);
    // 2. Logg, in one range write.
    logPort.append(rows.map((r, i) => logCells(r, hashes[i], new Date(r.time))), logLast);
    // 3. The sealed rows, per sheet, and Översikt's verification cell when it changed.
    this.writeRows(seals);
    const ov = this.writeOverview(next);
    // Apps Script batches sheet writes until a flush (the lock port's comes only at release), but a
    // property is written at once: an execution killed between step 4 and that flush (the 30 s of
    // onEdit, the 6 min of a send) would leave an anchor that counts Logg rows that never landed,
    // and every later action would refuse to write ("rows were removed outside Summit Planner").
    // So the writes of steps 2–3 land first; a death before this leaves the pending anchor of step 1.
    ports.workbook.flush();
    // 4. Committed (with the caller's properties that must follow the rows).
    this.journal.replace(ov === undefined ? next : { ...next, ov }, this.after);
    sendAnchorMail(this.journal);
    return { first, count: rows.length };
  }

  /** A transaction without entries: Översikt's cell alone, flushed before the anchor says it was written. */
  private noteOverview(): void {
    const state = this.journal.anchor();
    const ov = this.writeOverview(state);
    if (ov === undefined || !state) return;
    this.journal.ports.workbook.flush();
    this.journal.replace({ ...state, ov });
  }

  /** Writes Översikt's verification cell when its text differs from what the anchor says it shows; the text written, if any. */
  private writeOverview(state: JournalState | null): string | undefined {
    const text = this.overviewText;
    if (text === undefined || !state || (state.ov ?? '') === text) return undefined;
    const sheet = this.journal.ports.workbook.table(SHEETS.overview);
    if (!sheet) return undefined;
    try {
      sheet.write(OVERVIEW_STATUS_ROW, 0, [[text]]);
    } catch {
      return undefined; // Översikt is protected for role holders: someone without a role just leaves it for the next one
    }
    return text;
  }

  private touched(): Set<TableCheck> {
    return new Set([...this.puts.map((p) => p.check), ...this.forgets.map((f) => f.check), ...this.clears.map((c) => c.check)]);
  }

  private manifestDeltas(seqOf: (i: number) => number): Map<SealedTable, Counts> {
    const d = new Map<SealedTable, Counts>();
    const add = (t: SealedTable, n: number, s: number) => {
      const c = d.get(t) ?? { n: 0, s: 0 };
      d.set(t, { n: c.n + n, s: c.s + s });
    };
    for (const p of this.puts) {
      if (p.supersedes > 0) add(p.check.table, -1, -p.supersedes);
      add(p.check.table, 1, seqOf(p.entry));
    }
    for (const f of this.forgets) add(f.check.table, -1, -f.row.seq);
    return d;
  }

  private writeRows(seals: ReadonlyMap<Put, string>): void {
    for (const check of this.touched()) {
      const t = check.t;
      const width = t.snap.header.length;
      const rowOf = (p: Put): CellIn[] => {
        const out: CellIn[] = Array(width).fill('');
        for (const [h, v] of Object.entries(p.values)) if (t.col[h] !== undefined) out[t.col[h]] = v as CellIn;
        out[t.col[SEAL_HEADER]] = seals.get(p)!;
        return out;
      };
      const puts = this.puts.filter((p) => p.check === check);
      const changed: number[] = [];
      for (const p of puts) if (p.index !== null) { t.snap.rows[p.index] = rowOf(p); changed.push(p.index); }
      for (const c of this.clears) if (c.check === check) { t.snap.rows[c.index] = Array(width).fill(''); changed.push(c.index); }
      const memo = memos.get(check);
      for (const i of changed) memo?.written.add(i);
      if (changed.length) {
        // One block from the first to the last changed row: rows between are written back as read (we hold the lock).
        const r0 = Math.min(...changed);
        const r1 = Math.max(...changed);
        const block = t.snap.rows.slice(r0, r1 + 1).map((r) => Array.from({ length: width }, (_, c) => (r[c] ?? '') as CellIn));
        t.port.write(t.snap.firstRow + r0, 0, block);
      }
      const appends = puts.filter((p) => p.index === null);
      if (appends.length) t.port.append(appends.map(rowOf));
    }
  }
}

/** The refusals queued with the anchor, as Logg entries (they are written by the next transaction, first). */
function queued(state: JournalState): AuditEntry[] {
  const out: AuditEntry[] = (state.q ?? []).map((q) => ({ user: q.u, time: q.t, action: q.a, object: q.o, after: { skäl: q.w } }));
  if (state.qd) out.push({ action: 'vägrad.ej-loggade', object: SHEETS.log, after: { antal: state.qd } });
  return out;
}

/**
 * Queues a refusal of someone who may not write Logg (it is protected for
 * role holders): kept with the anchor, bounded, written first by the next
 * transaction of anyone who may. Call inside the lock.
 */
export function queueRefusal(journal: Journal, entry: QueuedEntry): void {
  const state = journal.fresh().anchor();
  if (!state) return;
  const q = state.q ?? [];
  journal.replace(q.length >= QUEUE_MAX ? { ...state, qd: (state.qd ?? 0) + 1 } : { ...state, q: [...q, entry] });
}

/** A row commit() writes: its Rad is always there ('' for an entry that wrote no sealed row). */
type LogEntryRow = AuditRow & { readonly rad: string };

function logCells(r: LogEntryRow, hash: string, when: Date): CellIn[] {
  // Logg's columns in schema order (set-up creates them so; a reordered Logg fails verification).
  return [when, r.user, r.action, r.object, r.before, r.after, hash, r.rad];
}

/**
 * The anchor after settling a dead execution's log write: adopted when its
 * entries are in Logg, dropped when not. Any other count means Logg was
 * changed by hand (rows added or removed): then nothing is written.
 */
function settleLog(journal: Journal, lastRow: number): JournalState {
  const { state } = journal.require();
  const entries = Math.max(0, lastRow - 1);
  // The log's alt is left in: commit() replaces it (pending) or drops it (committed).
  if (state.alt && entries === state.alt.n) return { ...state, n: state.alt.n, head: state.alt.head };
  if (entries === state.n) return state;
  throw new UserError(logCountMsg(state.n, entries));
}

export const logCountMsg = (anchored: number, found: number): Msg => reviewMsg.logCount(found, anchored);

/** A dead execution's sheet write: adopted when it landed; when it did not, its Logg entries are marked as not carried out. */
function settleTable(state: JournalState, check: TableCheck, entries: AuditEntry[]): void {
  const m = state.t[check.table];
  if (!m?.alt) return;
  const landed = check.counts.n === m.alt.n && check.counts.s === m.alt.s;
  const stayed = check.counts.n === m.n && check.counts.s === m.s;
  if (!landed && !stayed) return; // changed by hand since: the check reports it
  state.t = { ...state.t, [check.table]: landed ? { n: m.alt.n, s: m.alt.s } : { n: m.n, s: m.s } };
  if (!landed && state.n >= m.alt.to) {
    entries.push({ action: 'journal.ej-genomförd', object: TABLES[check.table].sheet, after: { poster: `${m.alt.from}–${m.alt.to}` } });
  }
}

/**
 * The journal's view of a sheet's rows, by header: the cells where the row is
 * verified, the values the add-on wrote where it was changed by hand, the
 * journal's last values for a row replaced by an older copy or deleted
 * (personal fields are not in the journal: '' there, see `partial`), and
 * nothing for rows the add-on never wrote.
 */
export interface VerifiedRow {
  readonly key: string;
  /** Index into t.snap.rows, or null for a row that is only in the journal. */
  readonly index: number | null;
  readonly values: Readonly<Record<string, unknown>>;
  /** True when the row is not as the journal has it (it needs review). */
  readonly unverified: boolean;
  /** True when personal fields are unknown (only the journal's non-personal values). */
  readonly partial: boolean;
}

export function verifiedRows(c: TableCheck): VerifiedRow[] {
  const out: VerifiedRow[] = [];
  const cells = (i: number): Record<string, unknown> => {
    const row = c.t.snap.rows[i];
    return Object.fromEntries(Object.entries(c.t.col).map(([h, j]) => [h, row[j]]));
  };
  const fromSnapValues = (v: Readonly<Record<string, SnapValue>>) =>
    Object.fromEntries(Object.entries(v).map(([h, x]) => [h, fromSnap(x)]));
  for (const r of c.rows) {
    if (r.kind === 'ok') out.push({ key: r.key, index: r.index, values: cells(r.index), unverified: false, partial: false });
    else if (r.kind === 'changed' && r.sealed) out.push({ key: r.key, index: r.index, values: fromSnapValues(r.sealed), unverified: true, partial: false });
    // Only a stale row has the journal's latest values (none when the journal has no version of it).
    else if (r.latestValues) out.push({ key: r.key, index: r.index, values: fromSnapValues(r.latestValues), unverified: true, partial: SEAL_SPECS[c.table].personal.length > 0 });
  }
  for (const m of c.missing) out.push({ key: m.key, index: null, values: fromSnapValues(m.values), unverified: true, partial: SEAL_SPECS[c.table].personal.length > 0 });
  return out;
}

/**
 * At most once a day, when Logg has grown, the anchor (entry count, head hash,
 * time) goes by mail to the registrar: a mail that was sent can't be unsent,
 * so an editor who later rewrites the log and its anchor in properties is
 * still caught by the mailbox. Best effort: a failure (no quota, a simple
 * trigger without mail rights) waits for the next write.
 */
function sendAnchorMail(journal: Journal): void {
  const to = journal.registrar;
  const state = journal.anchor();
  if (!to || !state) return;
  const now = journal.ports.clock.now();
  const day = stockholmDay(now);
  if (state.mail && (state.mail.day === day || state.mail.n >= state.n)) return;
  try {
    const text = anchorText(state, now);
    journal.ports.mailer.send({ to, subject: `Summit Planner: loggens ankare ${day}`, textBody: text, htmlBody: `<pre>${escapeHtml(text)}</pre>` });
  } catch {
    return;
  }
  journal.replace({ ...state, mail: { day, n: state.n } });
}

export function anchorText(state: Pick<JournalState, 'n' | 'head'>, now: Date): string {
  return [
    'Summit Planner – loggens ankare / the log\'s anchor',
    `Tid / time: ${now.toISOString()}`,
    `Antal rader i Logg / rows in Logg: ${state.n}`,
    `Sista radens hash / hash of the last row: ${state.head}`,
    '',
    'Spara detta mejl. "Verifiera loggen" och summit verify-log jämför loggen med dessa siffror.',
    'Keep this mail. "Verify the log" and summit verify-log compare the log with these figures.',
  ].join('\n');
}

/** The calendar day in Stockholm (CET, or CEST from the last Sunday of March to the last Sunday of October). */
export function stockholmDay(now: Date): string {
  const y = now.getUTCFullYear();
  const lastSunday = (month: number) => { const end = new Date(Date.UTC(y, month + 1, 0)); return end.getUTCDate() - end.getUTCDay(); };
  const summer = now.getTime() >= Date.UTC(y, 2, lastSunday(2), 1) && now.getTime() < Date.UTC(y, 9, lastSunday(9), 1);
  return new Date(now.getTime() + (summer ? 2 : 1) * 3_600_000).toISOString().slice(0, 10);
}

/** A fresh seal key (hex): SHA-256 over three random UUIDs from the platform. */
export const newSealKey = (uuid: () => string): string => sha256Hex(`${uuid()}|${uuid()}|${uuid()}`);
