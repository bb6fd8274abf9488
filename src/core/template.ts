/**
 * Invitation templates: `{{Placeholder}}` fields, a small markup for the body
 * (paragraphs, **bold**, *italic*, [links](https://…), "- " and "1. " lists),
 * rendered to HTML and to a plain-text alternative.
 *
 * Safety: placeholders are swapped for opaque markers before the template
 * text is HTML-escaped and the markup applied; the (escaped) values go in
 * last, so a value can never produce markup, tags or a link. Anything left
 * that looks like `{{`/`}}` blocks the send.
 */
import type { Lang, Msg } from './msg';
import { mergeMsg } from './messages/merge';

/** Canonical placeholder keys and the names that refer to them: the Swedish name first, the English one second (messages use those two). */
const buildPlaceholders = () => ({
  firstName: ['Förnamn', 'FirstName', 'First name'],
  lastName: ['Efternamn', 'LastName', 'Last name', 'Surname'],
  title: ['Titel', 'Title'],
  organisation: ['Organisation', 'Organization', 'Organisation'],
  country: ['Land', 'Country'],
  email: ['E-post', 'Email', 'Epost', 'E-mail'],
  guestEvents: ['Inbjuden till', 'InvitedTo', 'Invited to'],
  eventName: ['Evenemang', 'Event', 'EventName'],
  startDate: ['Startdatum', 'StartDate'],
  endDate: ['Slutdatum', 'EndDate'],
  venue: ['Plats', 'Venue', 'Location'],
  rsvpDeadline: ['Sista svarsdag', 'RsvpDeadline', 'RSVP deadline', 'Deadline'],
  sender: ['Avsändare', 'Sender', 'SenderName'],
  rsvpLink: ['Svarslänk', 'RsvpLink', 'RSVP link'],
} as const);
let ph: ReturnType<typeof buildPlaceholders> | undefined;
/** Built on first use (nothing runs at global scope). */
const placeholders = () => (ph ??= buildPlaceholders());

export type PlaceholderKey = keyof ReturnType<typeof buildPlaceholders>;
const keys = (): PlaceholderKey[] => Object.keys(placeholders()) as PlaceholderKey[];
/** The name of a placeholder in a language ("Förnamn", "FirstName"). */
const nameIn = (k: PlaceholderKey, lang: Lang): string => placeholders()[k][lang === 'sv' ? 0 : 1];
export type MergeValues = Readonly<Partial<Record<PlaceholderKey, string>>>;

/** Spaces, hyphens and underscores are ignored; case too ("{{ first_name }}" = FirstName). */
// Stryker disable next-line MethodExpression: upper or lower, the names and what is typed are folded alike
const normName = (s: string): string => s.toLocaleLowerCase('sv').replace(/[\s\-_]/g, '');

let lookup: ReadonlyMap<string, PlaceholderKey> | undefined;

export const placeholderKey = (name: string): PlaceholderKey | null =>
  (lookup ??= new Map(keys().flatMap((k) => placeholders()[k].map((n) => [normName(n), k] as const)))).get(normName(name)) ?? null;

export interface Template {
  readonly language: Lang;
  readonly subject: string;
  readonly body: string;
}


export interface Rendered {
  readonly subject: string;
  readonly html: string;
  readonly text: string;
}

export type RenderResult = ({ ok: true } & Rendered) | { ok: false; reasons: Msg[] };

const PH = /\{\{([^{}]*)\}\}/g;
const MARK_OPEN = '\ue000';
const MARK_CLOSE = '\ue001';
const MARKER = /\ue000(\d+)\ue001/g;

interface Scanned {
  /** Template text with each placeholder replaced by a marker. */
  readonly text: string;
  /** Key of marker i. */
  readonly keys: PlaceholderKey[];
  readonly problems: Msg[];
}

function scan(src: string, where: Msg): Scanned {
  const problems: Msg[] = [];
  const keys: PlaceholderKey[] = [];
  if (src.includes(MARK_OPEN) || src.includes(MARK_CLOSE)) {
    problems.push(mergeMsg.charactersNotAllowedTemplate(where));
  }
  const text = src.replace(PH, (_m, name: string) => {
    const k = placeholderKey(name);
    if (!k) {
      problems.push(mergeMsg.unknownPlaceholder(where, name.trim(), knownList));
      return '';
    }
    keys.push(k);
    return `${MARK_OPEN}${keys.length - 1}${MARK_CLOSE}`;
  });
  if (text.includes('{{') || text.includes('}}')) {
    problems.push(mergeMsg.incompleteFieldLoneWrite(where));
  }
  return { text, keys, problems };
}

const knownList = (lang: Lang): string => keys().map((k) => nameIn(k, lang)).join(', ');

/** Subject and body, scanned. */
const scanBoth = (t: Template): [Scanned, Scanned] =>
  [scan(t.subject, mergeMsg.subject()), scan(t.body, mergeMsg.body())];

/** The placeholders a template uses (in order, without repeats). */
export function placeholdersUsed(t: Template): PlaceholderKey[] {
  const [subj, body] = scanBoth(t);
  return [...new Set([...subj.keys, ...body.keys])];
}

function problemsOf(t: Template, [subj, body]: readonly [Scanned, Scanned]): Msg[] {
  const p = [...subj.problems, ...body.problems];
  if (!t.subject.trim()) p.push(mergeMsg.subjectEmpty());
  if (/[\r\n]/.test(t.subject)) p.push(mergeMsg.subjectMustNotContain());
  if (!t.body.trim()) p.push(mergeMsg.bodyEmpty());
  if (t.subject.length > 200) p.push(mergeMsg.subjectTooLongMost());
  if (t.body.length > 20000) p.push(mergeMsg.bodyTooLongMost());
  return p;
}

/** Problems with the template itself (independent of any guest). */
export const checkTemplate = (t: Template): Msg[] => problemsOf(t, scanBoth(t));

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const SAFE_URL = /^(https?:\/\/[^\s"'<>]+|mailto:[^\s"'<>]+)$/i;

/** Renders a template for one guest's values; blocks with reasons instead of sending anything incomplete. */
export function renderTemplate(t: Template, values: MergeValues): RenderResult {
  const scanned = scanBoth(t);
  const [subj, body] = scanned;
  const reasons = problemsOf(t, scanned);
  const missing = new Set<PlaceholderKey>();
  for (const k of [...subj.keys, ...body.keys]) {
    const v = values[k];
    if (v === undefined || v.trim() === '') missing.add(k);
  }
  for (const k of missing) {
    const name = nameIn(k, t.language);
    // {{Inbjuden till}} is empty when the guest is invited to no item: say that, not just that a value is missing.
    reasons.push(k === 'guestEvents' ? mergeMsg.noProgrammeItem(name) : mergeMsg.noValue(name));
  }
  if (reasons.length) return { ok: false, reasons };
  // Every placeholder used has a value from here on (a missing one returned above).
  const filled = values as Readonly<Record<PlaceholderKey, string>>;

  const subject = subj.text.replace(MARKER, (_m, i: string) => filled[subj.keys[Number(i)]]).trim();
  if (/[\r\n]/.test(subject)) {
    return { ok: false, reasons: [mergeMsg.subjectWouldContainLine()] };
  }
  // A bare {{Svarslänk}} becomes a link in the HTML (the value is our own http(s) URL; checked again below).
  const links = new Set<number>();
  body.keys.forEach((k, i) => { if (k === 'rsvpLink') links.add(i); });
  const bodyOut = renderBody(body.text, (i) => filled[body.keys[i]], reasons, links);
  if (reasons.length) return { ok: false, reasons };
  const html = `<div style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.5;color:#1a1a1a">${bodyOut.html}</div>`;
  // Last guard: nothing that looks like a placeholder may leave (a value could contain one).
  if ([subject, html, bodyOut.text].some((x) => /\{\{[^]*?\}\}/.test(x))) {
    return { ok: false, reasons: [mergeMsg.textWouldContainField()] };
  }
  return { ok: true, subject, html, text: bodyOut.text };
}

type Block = { kind: 'p'; lines: string[] } | { kind: 'ul' | 'ol'; items: string[] };

const UL = /^\s*[-•]\s+(.*)$/;
const OL = /^\s*\d{1,3}[.)]\s+(.*)$/;

function blocksOf(src: string): Block[] {
  const blocks: Block[] = [];
  let cur: Block | null = null;
  for (const raw of src.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line === '') { cur = null; continue; } // a line of spaces is '' once its trailing spaces are gone
    const ul = UL.exec(line);
    const ol = ul ? null : OL.exec(line);
    const kind = ul ? 'ul' : ol ? 'ol' : 'p';
    const content = ul ? ul[1] : ol ? ol[1] : line.trim();
    if (!cur || cur.kind !== kind) {
      cur = kind === 'p' ? { kind, lines: [] } : { kind, items: [] };
      blocks.push(cur);
    }
    if (cur.kind === 'p') cur.lines.push(content);
    else cur.items.push(content);
  }
  return blocks;
}

function renderBody(src: string, value: (i: number) => string, reasons: Msg[], links: ReadonlySet<number>): { html: string; text: string } {
  const html: string[] = [];
  const text: string[] = [];
  const inl = (s: string) => inline(s, value, reasons, links);
  for (const b of blocksOf(src)) {
    if (b.kind === 'p') {
      const parts = b.lines.map(inl);
      html.push(`<p style="margin:0 0 1em">${parts.map((p) => p.html).join('<br>')}</p>`);
      text.push(parts.map((p) => p.text).join('\n'));
    } else {
      const items = b.items.map(inl);
      html.push(`<${b.kind} style="margin:0 0 1em">${items.map((p) => `<li>${p.html}</li>`).join('')}</${b.kind}>`);
      text.push(items.map((p, i) => `${b.kind === 'ul' ? '-' : `${i + 1}.`} ${p.text}`).join('\n'));
    }
  }
  return { html: html.join('\n'), text: `${text.join('\n\n')}\n` };
}

const LINK = /\[([^\]\n]+)\]\(([^()\s]+)\)/g;

/** One line: links, then **bold** and *italic* on escaped template text, values last. */
function inline(src: string, value: (i: number) => string, reasons: Msg[], links: ReadonlySet<number>): { html: string; text: string } {
  let html = '';
  let text = '';
  let at = 0;
  for (const m of src.matchAll(LINK)) {
    const before = src.slice(at, m.index);
    html += emphasis(before, value, links);
    text += plain(before, value);
    const href = m[2].replace(MARKER, (_x, i: string) => value(Number(i)).trim());
    if (!SAFE_URL.test(href)) {
      reasons.push(mergeMsg.linkNotAllowedOnly(href));
    }
    html += `<a href="${escapeHtml(href)}">${emphasis(m[1], value)}</a>`;
    const label = plain(m[1], value);
    text += label === href ? href : `${label} (${href.replace(/^mailto:/i, '')})`;
    at = (m.index ?? 0) + m[0].length;
  }
  html += emphasis(src.slice(at), value, links);
  text += plain(src.slice(at), value);
  return { html, text };
}

function emphasis(s: string, value: (i: number) => string, links: ReadonlySet<number> = new Set()): string {
  return escapeHtml(s)
    .replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\*(?=\S)([^*]+?)\*/g, '<em>$1</em>')
    .replace(MARKER, (_x, i: string) => {
      const v = escapeHtml(value(Number(i)));
      return links.has(Number(i)) && SAFE_URL.test(value(Number(i)).trim()) ? `<a href="${v.trim()}">${v}</a>` : v;
    });
}

function plain(s: string, value: (i: number) => string): string {
  return s
    .replace(/\*\*(?=\S)(.+?)\*\*/g, '$1')
    .replace(/\*(?=\S)([^*]+?)\*/g, '$1')
    .replace(MARKER, (_x, i: string) => value(Number(i)));
}

// ---------------------------------------------------------------------------
// Dates, without Intl (Apps Script's V8 and Node may disagree about locale data).

export { formatDate } from './format';

/** yyyy-mm-dd plus whole months (the day capped at the month's end); '' for a date that doesn't parse. */
export function addMonths(iso: string, months: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return '';
  const y = Number(m[1]), mo = Number(m[2]) - 1 + months, d = Number(m[3]);
  const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, mo, Math.min(d, last))).toISOString().slice(0, 10);
}

/** What a mailing is: the invitation, or a reminder to answer it (src/app/remind.ts). */
export type MailKind = 'invitation' | 'reminder';

/** What set-up writes in Mallar's Typ column for each kind. */
export const TEMPLATE_TYPES: Readonly<Record<MailKind, string>> = { invitation: 'Inbjudan', reminder: 'Påminnelse' };

/** A Mallar row's kind from its Typ cell ('' is the invitation: Mallar had no Typ before reminders); null for anything else. */
export function templateKind(v: unknown): MailKind | null {
  const s = (v === null || v === undefined ? '' : String(v)).trim().toLowerCase();
  if (s === '' || s === 'inbjudan' || s === 'invitation') return 'invitation';
  return s === 'påminnelse' || s === 'reminder' ? 'reminder' : null;
}
