/** Appending to and verifying `Logg`. Call appendAudit inside the document lock. */
import { auditTime, auditValue, chain, GENESIS, verifyChain, type AuditRow } from '../core/audit';
import { msg, type Msg } from '../core/msg';
import type { Cell, Ports } from './ports';
import { cellOf, missingSheetError, openTable } from './tables';
import { TABLES } from '../core/schema';

export interface AuditEntry {
  /** e.g. 'kostnad.registrerad', 'gäst.skickad' */
  readonly action: string;
  /** e.g. the cost's or guest's ID */
  readonly object: string;
  readonly before?: unknown;
  readonly after?: unknown;
}

const HEAD_KEY = 'summit.audit.head';

interface Head { hash: string; lastRow: number }

const toRow = (t: { time: string; user: string }, e: AuditEntry): AuditRow => ({
  time: t.time, user: t.user, action: e.action, object: e.object,
  before: auditValue(e.before), after: auditValue(e.after),
});

const fromCells = (time: Cell, rest: Cell[]): AuditRow => ({
  // A sheet keeps date-times as day fractions: the read-back instant can be a
  // millisecond off, so round to the nearest second (auditTime would floor).
  time: time instanceof Date ? auditTime(new Date(Math.round(time.getTime() / 1000) * 1000)) : String(time),
  user: String(rest[0]), action: String(rest[1]), object: String(rest[2]), before: String(rest[3]), after: String(rest[4]),
});

/**
 * Appends entries in one range write. The chain head (last hash and row) is
 * kept in document properties so the usual append needs no range read; when
 * the sheet's last row disagrees with it (rows added or removed by hand, or an
 * execution that died between the two writes) the last row is read instead.
 */
export function appendAudit(ports: Ports, entries: readonly AuditEntry[]): void {
  if (entries.length === 0) return;
  const port = ports.workbook.table(TABLES.log.sheet);
  if (!port) throw missingSheetError(TABLES.log.sheet);
  const lastRow = port.lastRow();
  let prev = GENESIS;
  const head = parseHead(ports.properties.get(HEAD_KEY));
  if (head && head.lastRow === lastRow) {
    prev = head.hash;
  } else if (lastRow > 1) {
    const t = openTable(ports.workbook, 'log');
    const last = t.snap.rows[t.snap.rows.length - 1];
    prev = last ? String(cellOf(t, last, 'Hash')).trim().toLowerCase() || GENESIS : GENESIS;
  }
  const now = ports.clock.now();
  const stamp = { time: auditTime(now), user: ports.user.email() || '(okänd)' };
  const rows = entries.map((e) => toRow(stamp, e));
  const hashes = chain(prev, rows);
  const when = new Date(stamp.time);
  const header = TABLES.log.columns.map((c) => c.header);
  const cells = rows.map((r, i) => [when, r.user, r.action, r.object, r.before, r.after, hashes[i]]);
  // Logg is created by setup with the schema's column order; reordering is detected by verify.
  const first = port.append(cells.map((r) => r.slice(0, header.length)));
  ports.properties.set(HEAD_KEY, JSON.stringify({ hash: hashes[hashes.length - 1], lastRow: first + rows.length - 1 }));
}

function parseHead(raw: string | null): Head | null {
  if (!raw) return null;
  try {
    const h = JSON.parse(raw) as Head;
    return typeof h.hash === 'string' && typeof h.lastRow === 'number' ? h : null;
  } catch {
    return null;
  }
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly count: number;
  /** Sheet row of the first row that does not verify. */
  readonly badRow?: number;
  readonly message: Msg;
}

/** Reads Logg once and checks the whole chain. */
export function verifyAudit(ports: Ports): VerifyReport {
  const t = openTable(ports.workbook, 'log');
  const rows = t.snap.rows.map((r) => ({
    ...fromCells(cellOf(t, r, 'Tid'), ['Användare', 'Åtgärd', 'Objekt', 'Före', 'Efter'].map((h) => cellOf(t, r, h))),
    hash: String(cellOf(t, r, 'Hash')),
  }));
  const res = verifyChain(rows);
  if (res.ok) {
    return { ok: true, count: res.count, message: msg(`Loggen är hel: ${res.count} rader verifierade.`, `The log is intact: ${res.count} rows verified.`) };
  }
  const badRow = t.snap.firstRow + res.index;
  return {
    ok: false, count: res.count, badRow,
    message: msg(
      `Loggen har ändrats: rad ${badRow} stämmer inte med kedjan (raden eller en rad före den har ändrats, tagits bort eller lagts till).`,
      `The log has been altered: row ${badRow} does not match the chain (it or an earlier row was changed, removed or inserted).`,
    ),
  };
}

