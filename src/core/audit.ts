/**
 * Tamper-evident audit log: each row carries SHA-256 over the previous row's
 * hash and its own content, so editing, deleting or inserting a row breaks
 * the chain from that row on.
 */
import { sha256Hex } from './hash';

export const GENESIS = '0'.repeat(64);

export interface AuditRow {
  /** ISO time, whole seconds (sheets keep date-times as day fractions). */
  readonly time: string;
  readonly user: string;
  readonly action: string;
  readonly object: string;
  readonly before: string;
  readonly after: string;
}

export function auditHash(prev: string, row: AuditRow): string {
  const canonical = JSON.stringify([prev, row.time, row.user, row.action, row.object, row.before, row.after]);
  return sha256Hex(canonical);
}

/** Chains rows after `prev`; returns each row's hash. */
export function chain(prev: string, rows: readonly AuditRow[]): string[] {
  const out: string[] = [];
  let h = prev;
  for (const r of rows) {
    h = auditHash(h, r);
    out.push(h);
  }
  return out;
}

export type VerifyResult =
  | { ok: true; count: number; head: string }
  | { ok: false; index: number; reason: 'hash' | 'missing-hash'; count: number };

/** Verifies stored rows; `index` is the first row (0-based) whose hash does not match. */
export function verifyChain(rows: readonly (AuditRow & { hash: string })[], prev = GENESIS): VerifyResult {
  let h = prev;
  for (let i = 0; i < rows.length; i++) {
    const stored = rows[i].hash.trim().toLowerCase();
    if (!stored) return { ok: false, index: i, reason: 'missing-hash', count: rows.length };
    h = auditHash(h, rows[i]);
    if (h !== stored) return { ok: false, index: i, reason: 'hash', count: rows.length };
  }
  return { ok: true, count: rows.length, head: h };
}

/** JSON for the before/after columns: stable key order, '' for nothing. */
export function auditValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : val,
  );
}

/** Whole-second ISO time. */
export const auditTime = (d: Date): string => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();
