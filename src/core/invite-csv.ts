/**
 * Guest import from CSV text or rows pasted from Excel/Outlook (pure; the
 * sidebar can import this module too, to preview before calling the server).
 *
 * Hand-written rather than papaparse: the whole need is RFC 4180 quoting plus
 * delimiter sniffing (~60 lines), and papaparse (~20 kB minified, with worker
 * and streaming code that can't run in Apps Script) would be bundled into
 * both Code.js and the sidebar.
 */
import {
  checkGuestDraft, MAX_GUESTS, normEmail, parseEventsCell, parseLanguage,
  type GuestDraft, type GuestField, type KnownPart,
} from './guests';
import type { Msg } from './msg';
import { mergeMsg } from './messages/merge';
import { guestsMsg } from './messages/guests';

/** The most text one import reads. */
export const MAX_IMPORT_CHARS = 1_000_000;

export type Delimiter = '\t' | ';' | ',';

/** Picks the delimiter that occurs most often (outside quotes) in the first line; tab wins ties. */
export function sniffDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { '\t': 0, ';': 0, ',': 0 };
  let q = false;
  for (const ch of text) {
    if (ch === '"') q = !q;
    else if (!q && (ch === '\n' || ch === '\r')) break;
    else if (!q && (ch === '\t' || ch === ';' || ch === ',')) counts[ch]++;
  }
  const order: Delimiter[] = ['\t', ';', ','];
  return order.reduce((best, d) => (counts[d] > counts[best] ? d : best), '\t' as Delimiter);
}

/**
 * RFC 4180-style parse: quoted fields may hold the delimiter, newlines and
 * doubled quotes; CRLF, LF or CR line ends; a leading BOM is dropped; blank
 * lines are skipped. Returns each record with the 1-based line it starts on.
 */
export function parseDelimited(input: string, delimiter?: Delimiter): { delimiter: Delimiter; records: { line: number; cells: string[] }[] } {
  const text = input.replace(/^\ufeff/, '');
  const d = delimiter ?? sniffDelimiter(text);
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let startLine = 1;
  let i = 0;
  const endRecord = () => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) records.push({ line: startLine, cells });
    cells = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') { cell += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      cell += ch; i++; continue;
    }
    if (ch === '"' && cell.trim() === '') { quoted = true; cell = ''; i++; continue; }
    if (ch === d) { cells.push(cell); cell = ''; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      startLine = line;
      continue;
    }
    cell += ch; i++;
  }
  if (cell !== '' || cells.length) endRecord();
  return { delimiter: d, records };
}

/** Header names (Swedish and English, any case/spacing) → guest field; built on first use. */
let aliases: Readonly<Partial<Record<GuestField, readonly string[]>>> | undefined;
const headerAliases = () => (aliases ??= {
  firstName: ['förnamn', 'fornamn', 'first name', 'firstname', 'given name', 'given'],
  lastName: ['efternamn', 'last name', 'lastname', 'surname', 'family name'],
  title: ['titel', 'title', 'job title', 'befattning'],
  organisation: ['organisation', 'organization', 'company', 'företag', 'organisation/företag'],
  country: ['land', 'country', 'country/region'],
  email: ['e-post', 'epost', 'e-postadress', 'email', 'e-mail', 'e-mail address', 'email address', 'mail', 'e-mailadress'],
  language: ['språk', 'language', 'lang'],
  events: ['evenemang', 'events', 'event'],
  diet: ['kost/allergier', 'kost', 'allergier', 'diet', 'dietary requirements', 'allergies'],
  note: ['anteckning', 'note', 'notes', 'kommentar', 'comment'],
});

const normH = (s: string): string => s.replace(/^\ufeff/, '').trim().toLocaleLowerCase('sv').replace(/\s+/g, ' ').replace(/[:*]$/, '');

function mapHeader(header: readonly string[]): { columns: Partial<Record<GuestField, number>>; ignored: string[] } {
  const columns: Partial<Record<GuestField, number>> = {};
  const ignored: string[] = [];
  const known = headerAliases();
  header.forEach((h, i) => {
    const n = normH(h);
    const f = (Object.keys(known) as GuestField[]).find((k) => known[k]?.includes(n));
    if (f && columns[f] === undefined) columns[f] = i;
    else if (n) ignored.push(h.trim());
  });
  return { columns, ignored };
}

export interface ImportRow {
  /** Line in the pasted text (1-based, the header is line 1). */
  readonly line: number;
  readonly draft: GuestDraft;
  readonly errors: readonly Msg[];
  /** Imported all the same, but worth a look (no programme part). */
  readonly warnings: readonly Msg[];
}

export interface ImportPreview {
  readonly rows: readonly ImportRow[];
  readonly valid: number;
  readonly invalid: number;
  /** Problems with the whole file (missing columns…): nothing can be imported. */
  readonly fileErrors: readonly Msg[];
  readonly ignoredColumns: readonly string[];
  readonly delimiter: Delimiter;
  /** Informational: approving every valid row would exceed the cap by this many (proposals are allowed). */
  readonly overCap: number;
  /** Proposals on the list after the import: those already there plus the valid rows. */
  readonly proposalsAfter: number;
  /** Places free under the cap now (cap − places taken). */
  readonly free: number;
  /** Valid rows with no programme part (Evenemang): they would be invited to nothing. */
  readonly noPart: number;
}

export interface ImportContext {
  /** Normalised e-mail → guest ID of every guest already on the sheet. */
  readonly existing: ReadonlyMap<string, string>;
  readonly events: readonly KnownPart[];
  readonly guestCount: number;
  readonly slotsUsed: number;
  readonly cap: number;
  /** Proposals (Föreslagen) already on the list: they compete for the same places. */
  readonly proposals?: number;
  /** Language for rows that leave it empty. */
  readonly defaultLanguage?: 'sv' | 'en';
}

const noPartMsg = (): Msg => mergeMsg.noPart();

/** Parses and checks the text; nothing is written. */
export function previewImport(text: string, ctx: ImportContext): ImportPreview {
  const empty = (fileErrors: Msg[], delimiter: Delimiter = ','): ImportPreview =>
    ({ rows: [], valid: 0, invalid: 0, fileErrors, ignoredColumns: [], delimiter, overCap: 0, proposalsAfter: ctx.proposals ?? 0, free: Math.max(0, ctx.cap - ctx.slotsUsed), noPart: 0 });
  if (text.length > MAX_IMPORT_CHARS) {
    return empty([mergeMsg.textTooLargeMost()]);
  }
  const { delimiter, records } = parseDelimited(text);
  if (records.length === 0) return empty([mergeMsg.nothingImport()], delimiter);
  const { columns, ignored } = mapHeader(records[0].cells);
  const missing: string[] = [];
  if (columns.firstName === undefined) missing.push('Förnamn/First name');
  if (columns.lastName === undefined) missing.push('Efternamn/Last name');
  if (columns.email === undefined) missing.push('E-post/E-mail');
  if (missing.length) {
    return empty([mergeMsg.firstLineMustHeaders(missing)], delimiter);
  }
  const get = (cells: string[], f: GuestField): string => {
    const i = columns[f];
    return i === undefined ? '' : (cells[i] ?? '').trim();
  };
  const seen = new Map<string, number>();
  const rows: ImportRow[] = [];
  let valid = 0;
  for (const r of records.slice(1)) {
    const lang = get(r.cells, 'language');
    const draft: GuestDraft = {
      firstName: get(r.cells, 'firstName'), lastName: get(r.cells, 'lastName'), title: get(r.cells, 'title'),
      organisation: get(r.cells, 'organisation'), country: get(r.cells, 'country'), email: get(r.cells, 'email'),
      language: lang === '' ? (ctx.defaultLanguage ?? 'sv') : (parseLanguage(lang) ?? lang),
      // Dietary needs are health data, stored only with the guest's own consent (the RSVP page): dropped here, with the reason.
      events: parseEventsCell(get(r.cells, 'events')), diet: '', note: get(r.cells, 'note'),
    };
    const dietDropped = get(r.cells, 'diet') !== '';
    const errors: Msg[] = checkGuestDraft(draft, { events: ctx.events, others: ctx.existing }).map((p) => p.message);
    const key = normEmail(draft.email);
    const first = seen.get(key); // no address ('') is never stored
    if (first !== undefined) errors.push(mergeMsg.eMailAddressAppears(draft.email, first));
    else if (key) seen.set(key, r.line);
    if (errors.length === 0 && ctx.guestCount + valid + 1 > MAX_GUESTS) {
      errors.push(mergeMsg.tooManyGuestsList(MAX_GUESTS));
    }
    if (errors.length === 0) valid++;
    const warnings = [
      ...(errors.length === 0 && draft.events.length === 0 ? [noPartMsg()] : []),
      ...(dietDropped ? [guestsMsg.dietNotImported()] : []),
    ];
    rows.push({ line: r.line, draft, errors, warnings });
  }
  const overCap = Math.max(0, ctx.slotsUsed + valid - ctx.cap);
  return {
    rows, valid, invalid: rows.length - valid, fileErrors: [], ignoredColumns: ignored, delimiter, overCap,
    proposalsAfter: (ctx.proposals ?? 0) + valid, free: Math.max(0, ctx.cap - ctx.slotsUsed),
    noPart: rows.filter((r) => r.errors.length === 0 && r.draft.events.length === 0).length,
  };
}
