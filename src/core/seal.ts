/**
 * Row seals (pure): how the add-on recognises its own rows.
 *
 * Every row the add-on writes in a guarded sheet carries, in its `Sigill`
 * cell, the sequence number of the Logg entry that wrote it, a MAC and a
 * snapshot of the row's values as written:
 *
 *   S1|<seq>|<mac>|<JSON array of the sealed values, in schema order>
 *
 * mac = HMAC-SHA256(key, table \0 seq \0 snapshot), first 16 bytes, base64url.
 * The key lives in the add-on's document properties, out of the editors'
 * reach when the add-on is deployed as an editor add-on (SECURITY.md), so an
 * editor can change a row but cannot make a seal that matches the change.
 *
 * Comparing a row with its own (authentic) snapshot tells exactly which
 * fields changed outside the add-on and what they were before: the row
 * carries its own before-value, so nothing typed over is lost. Rows that were
 * deleted, or replaced by an older authentic copy, are found by the per-table
 * manifest (count and sum of seqs) kept with the log's anchor (src/app/journal.ts).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from './hash';
import { base64Url } from './rsvp';
import { TABLES, type TableKey } from './schema';

export const SEAL_HEADER = 'Sigill';
const PREFIX = 'S1|';

/** Sealed sheets and what identifies a row in each. */
export type SealedTable = Exclude<TableKey, 'log'>;
export const SEALED_TABLES: readonly SealedTable[] = ['settings', 'event', 'budget', 'ledger', 'transfers', 'guests', 'templates', 'program', 'decisions'];

interface SealSpec {
  /** The header whose value names the row (its ID). */
  readonly key: string;
  /**
   * When the row's name needs more than `key` (Mallar: a template per language AND kind), the
   * headers whose values follow it, joined with '/' when not empty: an invitation template keeps
   * the name it had before the kind existed ("sv"), a reminder is "sv/Påminnelse".
   */
  readonly keyAlso?: readonly string[];
  /**
   * Sealed headers added after rows were sealed (the last ones in schema order, in that order):
   * a seal written before they existed has no value for them and opens with '' there, so adding
   * a column does not make every existing row unverifiable; a hand-typed value in the new
   * column still differs from the seal's '' and is caught like any other edit.
   */
  readonly later?: readonly string[];
  /** Headers that hold personal data: their values never go into Logg. */
  readonly personal: readonly string[];
  /** Headers the add-on derives (never sealed): a person may write there freely. */
  readonly derived: readonly string[];
}

export const SEAL_SPECS: Readonly<Record<SealedTable, SealSpec>> = {
  settings: { key: 'Nyckel', personal: [], derived: ['Beskrivning'] },
  event: { key: 'Nyckel', personal: [], derived: ['Beskrivning'] },
  budget: { key: 'Finansiär', personal: [], derived: [] },
  // Programpunkt (the item a cost is tied to) came with issue 10.
  ledger: { key: 'ID', personal: [], derived: ['Kontroll'], later: ['Programpunkt'] },
  transfers: { key: 'ID', personal: [], derived: [] },
  guests: {
    key: 'ID',
    personal: ['Förnamn', 'Efternamn', 'Titel', 'Organisation', 'Land', 'E-post', 'Kost/allergier', 'Anteckning'],
    derived: [],
    // Svar per punkt (the per-item answers) and Påmind (the last reminder) came with issue 10: a workbook's
    // existing rows keep their seals through the upgrade, their shorter snapshot reads those columns as ''.
    later: ['Svar per punkt', 'Påmind'],
  },
  // Typ (invitation or reminder) came with reminders: a template is named by language and kind.
  templates: { key: 'Språk', keyAlso: ['Typ'], personal: [], derived: [], later: ['Typ'] },
  // Ansvarig names a member of staff in their role (the project leader by default): not a guest's personal data.
  program: { key: 'ID', personal: [], derived: [] },
  // A decision's wording, who decided and the note may name people (an invitation list, a speaker): they stay out of Logg.
  decisions: { key: 'ID', personal: ['Beslut', 'Beslutat av', 'Anteckning'], derived: [] },
};

export const isSealed = (t: TableKey): t is SealedTable => (SEALED_TABLES as readonly string[]).includes(t);

const sealedCache = new Map<SealedTable, readonly string[]>();
/** The sealed headers of a table, in schema order (every column but the derived ones and Sigill). */
export function sealedHeaders(t: SealedTable): readonly string[] {
  let h = sealedCache.get(t);
  if (!h) {
    const skip = new Set([...SEAL_SPECS[t].derived, SEAL_HEADER]);
    h = TABLES[t].columns.map((c) => c.header).filter((x) => !skip.has(x));
    sealedCache.set(t, h);
  }
  return h;
}

/** A value as kept in a snapshot: Dates become {d: whole seconds}. */
export type SnapValue = string | number | boolean | { d: number };

export function toSnap(v: unknown): SnapValue {
  if (v instanceof Date) return { d: Math.round(v.getTime() / 1000) };
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return v === null || v === undefined ? '' : String(v);
}

export function fromSnap(v: SnapValue): string | number | boolean | Date {
  return typeof v === 'object' && v !== null ? new Date(v.d * 1000) : v;
}

/**
 * Is the cell still what was sealed? Dates to the second (a sheet keeps
 * date-times as day fractions), and a number retyped as the same text
 * (or the other way round) is the same value.
 */
export function sameValue(cell: unknown, snap: SnapValue): boolean {
  if (typeof snap === 'object' && snap !== null) {
    return cell instanceof Date && Math.round(cell.getTime() / 1000) === snap.d;
  }
  if (cell instanceof Date) return false;
  const c = cell === null || cell === undefined ? '' : cell;
  if (c === snap) return true;
  if (typeof c === 'number' && typeof snap === 'string') return snap.trim() !== '' && String(c) === snap.trim();
  if (typeof c === 'string' && typeof snap === 'number') return c.trim() !== '' && c.trim() === String(snap);
  return false;
}

type Hmac = ReturnType<typeof hmac.create>;
/**
 * Per key: the HMAC with the key's inner and outer pads hashed (once per key, not once per row: a
 * sheet of 10 000 rows is checked on every action), a working copy the keyed state is copied into
 * for each seal, and the digest's buffer, so checking a row allocates no hash objects (a send batch
 * checks every guest's seal).
 */
interface Keyed { readonly base: Hmac; readonly work: Hmac; readonly out: Uint8Array }
let keyed: WeakMap<Uint8Array, Keyed> | undefined;

function mac(key: Uint8Array, table: SealedTable, seq: number, snapshot: string): string {
  keyed ??= new WeakMap();
  let k = keyed.get(key);
  if (!k) {
    const base = hmac.create(sha256, key);
    k = { base, work: hmac.create(sha256, key), out: new Uint8Array(base.outputLen) };
    keyed.set(key, k);
  }
  k.base._cloneInto(k.work).update(utf8(`${table}\u0000${seq}\u0000${snapshot}`)).digestInto(k.out);
  return base64Url(k.out.subarray(0, 16));
}

/** The Sigill cell for `values` (by header) written by Logg entry `seq`. */
export function sealCell(key: Uint8Array, table: SealedTable, seq: number, values: Readonly<Record<string, unknown>>): string {
  const snapshot = JSON.stringify(sealedHeaders(table).map((h) => toSnap(values[h])));
  return `${PREFIX}${seq}|${mac(key, table, seq, snapshot)}|${snapshot}`;
}

export type OpenedSeal =
  | { readonly ok: true; readonly seq: number; readonly values: Readonly<Record<string, SnapValue>> }
  | { readonly ok: false; readonly reason: 'none' | 'forged' };

/** Reads and authenticates a Sigill cell (constant-time MAC comparison). */
export function openSeal(key: Uint8Array, table: SealedTable, cell: unknown): OpenedSeal {
  if (typeof cell !== 'string' || cell.trim() === '') return { ok: false, reason: 'none' };
  const s = cell.trim();
  if (!s.startsWith(PREFIX)) return { ok: false, reason: 'forged' };
  const a = s.indexOf('|', PREFIX.length);
  const b = a < 0 ? -1 : s.indexOf('|', a + 1);
  if (b < 0) return { ok: false, reason: 'forged' };
  const seq = Number(s.slice(PREFIX.length, a));
  const given = s.slice(a + 1, b);
  const snapshot = s.slice(b + 1);
  if (!Number.isSafeInteger(seq) || seq < 1) return { ok: false, reason: 'forged' };
  if (!equalConstantTime(mac(key, table, seq, snapshot), given)) return { ok: false, reason: 'forged' };
  let arr: unknown;
  try {
    arr = JSON.parse(snapshot);
  } catch {
    return { ok: false, reason: 'forged' };
  }
  const headers = sealedHeaders(table);
  const later = SEAL_SPECS[table].later ?? [];
  // The current form, or a form before some of the `later` headers (they are the tail of the headers).
  if (!Array.isArray(arr) || arr.length > headers.length || arr.length < headers.length - later.length) return { ok: false, reason: 'forged' };
  const values: Record<string, SnapValue> = {};
  // A seal made before a later column existed vouches that column empty (the MAC covers the shorter snapshot).
  headers.forEach((h, i) => { values[h] = i < arr.length ? arr[i] as SnapValue : ''; });
  return { ok: true, seq, values };
}

/** The name of a row (its key, with `keyAlso` where the table has it) from its values by header; `text` reads a cell as text. */
export function sealKeyOf(table: SealedTable, value: (header: string) => unknown, text: (v: unknown) => string): string {
  const spec = SEAL_SPECS[table];
  return [text(value(spec.key)), ...(spec.keyAlso ?? []).map((h) => text(value(h))).filter((x) => x !== '')].join('/');
}

function equalConstantTime(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ (i < b.length ? b.charCodeAt(i) : 0);
  return diff === 0;
}

/** The sealed headers whose cells differ from the snapshot. */
export function changedFields(
  table: SealedTable, snap: Readonly<Record<string, SnapValue>>, cellOf: (header: string) => unknown,
): string[] {
  return sealedHeaders(table).filter((h) => !sameValue(cellOf(h), snap[h]));
}

/** The values of a row as Logg may keep them: personal fields left out (only their names are logged). */
export function loggableValues(table: SealedTable, values: Readonly<Record<string, unknown>>): Record<string, SnapValue> {
  const personal = new Set(SEAL_SPECS[table].personal);
  const out: Record<string, SnapValue> = {};
  for (const h of sealedHeaders(table)) if (!personal.has(h)) out[h] = toSnap(values[h]);
  return out;
}

/** Parses a seal key kept as hex in document properties (≥ 32 bytes), null when there is none or it is malformed. */
export function parseSealKey(hex: string | null): Uint8Array | null {
  if (!hex || !/^(?:[0-9a-f]{2}){32,}$/i.test(hex)) return null;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
  return out;
}
