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
  /** The sealed row this entry wrote (JSON, src/app/journal.ts); '' or absent for other entries. */
  readonly rad?: string;
}

/** Rows written before the Rad column existed hash exactly as they did then. */
export function auditHash(prev: string, row: AuditRow): string {
  const base = [prev, row.time, row.user, row.action, row.object, row.before, row.after];
  return sha256Hex(JSON.stringify(row.rad ? [...base, row.rad] : base));
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
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v; // '' included
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val)
      // Keys by UTF-16 code unit (sort's own order for strings: the same on every locale).
      ? Object.fromEntries(Object.keys(val).sort().map((k) => [k, (val as Record<string, unknown>)[k]]))
      : val,
  );
}

/** A checkpoint of the chain: the hash after entry `n` (1-based). */
export type Checkpoint = readonly [n: number, hash: string];

/** Checkpoints every CHECKPOINT_EVERY entries; when there are too many, every other one is dropped. */
export const CHECKPOINT_EVERY = 100;
const MAX_CHECKPOINTS = 48;

/** Adds the checkpoints that fall among entries from+1 … from+hashes.length. */
export function addCheckpoints(cps: readonly Checkpoint[], from: number, hashes: readonly string[]): Checkpoint[] {
  let out = cps.slice();
  let every = out.length >= 2 ? out[1][0] - out[0][0] : CHECKPOINT_EVERY;
  hashes.forEach((h, i) => {
    const n = from + i + 1;
    if (n % every === 0) out.push([n, h]);
    if (out.length > MAX_CHECKPOINTS) {
      every *= 2;
      out = out.filter(([k]) => k % every === 0);
    }
  });
  return out;
}

export type AnchorCheck =
  | { ok: true }
  | { ok: false; kind: 'truncated'; anchored: number; found: number }
  | { ok: false; kind: 'extra'; anchored: number; found: number }
  | { ok: false; kind: 'rewritten'; after: number; before: number };

/**
 * Compares an intact-looking chain with the anchor kept where editors can't
 * write: a recomputed chain is self-consistent but ends in another head; the
 * first checkpoint that differs bounds where the rewrite starts.
 */
export function checkAnchor(
  hashes: readonly string[], anchor: { readonly n: number; readonly head: string; readonly cp: readonly Checkpoint[] },
): AnchorCheck {
  if (hashes.length < anchor.n) return { ok: false, kind: 'truncated', anchored: anchor.n, found: hashes.length };
  let last = 0;
  for (const [n, h] of anchor.cp) {
    if (n > hashes.length) break;
    if (hashes[n - 1] !== h) return { ok: false, kind: 'rewritten', after: last, before: n };
    last = n;
  }
  const head = anchor.n === 0 ? GENESIS : hashes[anchor.n - 1];
  if (head !== anchor.head) return { ok: false, kind: 'rewritten', after: last, before: anchor.n };
  if (hashes.length > anchor.n) return { ok: false, kind: 'extra', anchored: anchor.n, found: hashes.length };
  return { ok: true };
}

/** Whole-second ISO time. */
export const auditTime = (d: Date): string => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString();

/** An anchor as the registrar's mail carries it (src/app/journal.ts anchorText): the entry count and the head hash. */
export interface MailAnchor { readonly n: number; readonly head: string }

/**
 * Every anchor in the text of one or more saved anchor mails (plain text or .eml: quoted-printable soft
 * line breaks are joined first), each once, in the order found.
 */
export function parseAnchorText(text: string): MailAnchor[] {
  const joined = text.replace(/=\r?\n/g, '');
  const re = /rows in Logg:\s*(\d+)[\s\S]*?hash of the last row:\s*([0-9a-fA-F]{64})/g;
  const seen = new Set<string>();
  const out: MailAnchor[] = [];
  for (const m of joined.matchAll(re)) {
    const a = { n: Number(m[1]), head: m[2].toLowerCase() };
    const k = `${a.n}:${a.head}`;
    if (!seen.has(k)) { seen.add(k); out.push(a); }
  }
  return out;
}

export type MailAnchorCheck =
  | { ok: true }
  | { ok: false; kind: 'truncated'; anchored: number; found: number }
  | { ok: false; kind: 'rewritten'; upTo: number };

/**
 * Checks a chain against an anchor from a mail: the log may have grown since (rows after it are not
 * an error here), but it must still hold the anchored entry with the anchored hash.
 */
export function checkMailAnchor(hashes: readonly string[], a: MailAnchor): MailAnchorCheck {
  if (hashes.length < a.n) return { ok: false, kind: 'truncated', anchored: a.n, found: hashes.length };
  const head = a.n === 0 ? GENESIS : hashes[a.n - 1];
  return head === a.head ? { ok: true } : { ok: false, kind: 'rewritten', upTo: a.n };
}
