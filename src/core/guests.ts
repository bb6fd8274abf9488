/**
 * Guests: the domain rules of the invitation list (pure).
 *
 * Status flow (GUEST_STATUSES in schema.ts):
 *   Föreslagen ─approve (styrgrupp)→ Godkänd ─send→ Skickar ─→ Inbjuden ─answer→ Tackat ja | Tackat nej | Återbud
 *                                             └────────────→ Misslyckad (reason in Anteckning)
 *   Skickar found by the next lock holder with an unknown outcome → Osäker; a person resolves
 *   Osäker → Inbjuden (it was sent) or → Godkänd (it was not; the next run sends it).
 *
 * The cap: a guest holds an invitation slot from approval on, whatever happens
 * after (a decline does not give the slot back: "at most N invited guests"
 * counts invitations, and a steering group that wants a replacement raises
 * the cap in Inställningar, which is logged). Only Föreslagen holds no slot.
 */
import type { Msg } from './msg';
import { fixed } from './i18n';
import { matchParts, partName, type PartRef } from './program';
import { GUEST_STATUSES, LANGUAGES } from './schema';
import type { Role } from './settings';
import { guestsMsg } from './messages/guests';
import { NOTE_LIMIT, ownNote } from './note-lines';

export type GuestStatus = (typeof GUEST_STATUSES)[number];
type GuestLang = (typeof LANGUAGES)[number];

/** Field name → Gäster header. */
export const GUEST_COLUMNS = {
  id: 'ID',
  firstName: 'Förnamn',
  lastName: 'Efternamn',
  title: 'Titel',
  organisation: 'Organisation',
  country: 'Land',
  email: 'E-post',
  language: 'Språk',
  events: 'Evenemang',
  diet: 'Kost/allergier',
  status: 'Status',
  sentAt: 'Skickad',
  answeredAt: 'Svarad',
  note: 'Anteckning',
  /** Bumped when an RSVP link must stop working (address changed, sent again, personal data purged). */
  linkVersion: 'Länkversion',
  /** When the guest consented to storing dietary needs (health data, GDPR art. 9.2 a); empty: no consent. */
  consent: 'Samtycke kost',
  /** The guest's answer per programme item, set only by the RSVP page (src/core/item-answers.ts). */
  itemAnswers: 'Svar per punkt',
  /** When the last reminder to answer went (src/app/remind.ts); empty: never reminded. */
  remindedAt: 'Påmind',
} as const;

export type GuestField = keyof typeof GUEST_COLUMNS;

/** The editable text fields and their length limits. */
export const GUEST_LIMITS = {
  firstName: 80,
  lastName: 80,
  title: 120,
  organisation: 160,
  country: 80,
  email: 254,
  diet: 300,
  /** The people's text only: Summit Planner's own lines in Anteckning don't count (src/core/note-lines.ts). */
  note: NOTE_LIMIT,
} as const;

/** Hard limit on the size of the list (proposals included). */
export const MAX_GUESTS = 2000;

/** A row of Gäster: what a person enters (GuestDraft) plus its ID and status. */
export interface Guest extends GuestDraft {
  readonly id: string;
  readonly status: string;
  /** Svar per punkt as kept ('' or absent: no per-item answer). */
  readonly itemAnswers?: string;
}

export const isGuestStatus = (s: string): s is GuestStatus => (GUEST_STATUSES as readonly string[]).includes(s);
/** Holds one of the N invitation slots: every status from approval on (only Föreslagen holds none). */
export const holdsSlot = (s: string): boolean => s !== 'Föreslagen' && isGuestStatus(s);
/** An invitation has (or may have) been mailed. */
export const isMailed = (s: string): boolean => holdsSlot(s) && s !== 'Godkänd' && s !== 'Misslyckad';

/** Trimmed, lower-cased: the key e-mail uniqueness is checked on. */
export const normEmail = (e: string): string => e.trim().toLowerCase();

/**
 * A deliberately plain check: one @, a dotted domain of letters, digits and
 * hyphens, a local part without spaces, quotes, angle brackets, commas or
 * semicolons (anything a mail header could split on).
 */
export function isValidEmail(raw: string): boolean {
  const e = raw.trim();
  // (No minimum length: the shortest address these rules allow, a@b.se, is 6 characters.)
  if (e.length > GUEST_LIMITS.email) return false;
  const m = /^([^\s@"<>(),;:\\[\]]+)@([^\s@]+)$/.exec(e);
  if (!m) return false;
  const [, local, domain] = m;
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(local)) return false;
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  return labels.every((l) => /^[a-z0-9\u00c0-\uffff](?:[a-z0-9\u00c0-\uffff-]{0,61}[a-z0-9\u00c0-\uffff])?$/i.test(l))
    && /^[a-z\u00c0-\uffff]{2,}$/i.test(labels[labels.length - 1]);
}

export const parseLanguage = (v: string): GuestLang | null => {
  const s = v.trim().toLowerCase();
  if (s === 'sv' || s === 'svenska' || s === 'swedish') return 'sv';
  if (s === 'en' || s === 'engelska' || s === 'english') return 'en';
  return null;
};

/** "konferensen; representationsmiddagen" → list (also accepts commas). */
export const parseEventsCell = (v: string): string[] =>
  v.split(/[;,]/).map((s) => s.trim()).filter((s) => s !== '');

export const formatEventsCell = (events: readonly string[]): string => events.join('; ');

/**
 * What a guest can be invited to: programme items (an ID and a title), or
 * plain names (a workbook whose old free-text parts set-up has not yet
 * carried over to Program; src/app/parts.ts).
 */
export type KnownPart = string | PartRef;
export const refOf = (k: KnownPart): PartRef => (typeof k === 'string' ? { id: k, title: k } : k);
/** How a part is named to people: "Middagen (P-003)", or the plain name. */
export const knownName = (k: KnownPart): string => (typeof k === 'string' ? k : partName(k));

/** Matches typed parts (an ID or a title, case-insensitive) to the known ones; returns their IDs (the names, for plain names). */
export function matchEvents(typed: readonly string[], known: readonly KnownPart[]): { ok: string[]; unknown: string[] } {
  return matchParts(typed, known.map(refOf));
}

export interface GuestDraft {
  readonly firstName: string;
  readonly lastName: string;
  readonly title: string;
  readonly organisation: string;
  readonly country: string;
  readonly email: string;
  readonly language: string;
  readonly events: readonly string[];
  readonly diet: string;
  readonly note: string;
}

export interface FieldProblem {
  readonly field: GuestField;
  readonly message: Msg;
}

type LimitedField = keyof typeof GUEST_LIMITS;
const LABELS_EN: Readonly<Record<LimitedField, string>> = {
  firstName: 'First name', lastName: 'Last name', title: 'Title', organisation: 'Organisation',
  country: 'Country', email: 'E-mail', diet: 'Diet/allergies', note: 'Note',
};
/** A field's label: the Gäster header in Swedish. */
const label = (f: LimitedField): Msg => fixed(GUEST_COLUMNS[f], LABELS_EN[f]);

/** Anteckning too long: the people's text counted, Summit Planner's own lines not (src/core/note-lines.ts). */
function noteProblem(note: string): Msg | null {
  const own = ownNote(note).length;
  return own > GUEST_LIMITS.note ? guestsMsg.noteTooLong(own, GUEST_LIMITS.note) : null;
}

const emailInvalidMsg = (e: string): Msg => guestsMsg.emailInvalid(e);
const emailDuplicateMsg = (e: string, otherId?: string): Msg => guestsMsg.emailDuplicate(e, otherId ?? '');
const unknownEventMsg = (unknown: readonly string[], known: readonly string[] = []): Msg => guestsMsg.unknownEvent(unknown, known);
const languageMsg = (v: string): Msg => guestsMsg.language(v);

/** The texts longer than their limit (Anteckning: the people's own text), each naming its field and limit. */
function lengthProblems(d: Readonly<Record<LimitedField, string>>): FieldProblem[] {
  const p: FieldProblem[] = [];
  for (const f of Object.keys(GUEST_LIMITS) as LimitedField[]) {
    if (f === 'note') continue;
    if (d[f].length > GUEST_LIMITS[f]) p.push({ field: f, message: guestsMsg.tooLongMostCharacters(label(f), GUEST_LIMITS[f]) });
  }
  const note = noteProblem(d.note);
  if (note) p.push({ field: 'note', message: note });
  return p;
}

/**
 * Checks a draft against the rules. `others` maps normalised e-mail → guest
 * ID of every other guest on the list.
 */
export function checkGuestDraft(
  d: GuestDraft,
  known: { events: readonly KnownPart[]; others: ReadonlyMap<string, string> },
): FieldProblem[] {
  const p: FieldProblem[] = [];
  if (!d.firstName.trim()) p.push({ field: 'firstName', message: guestsMsg.firstNameMissing() });
  if (!d.lastName.trim()) p.push({ field: 'lastName', message: guestsMsg.lastNameMissing() });
  p.push(...lengthProblems(d));
  const email = d.email.trim();
  if (!email) p.push({ field: 'email', message: guestsMsg.eMailAddressMissing() });
  else if (!isValidEmail(email)) p.push({ field: 'email', message: emailInvalidMsg(email) });
  else if (known.others.has(normEmail(email))) p.push({ field: 'email', message: emailDuplicateMsg(email, known.others.get(normEmail(email))) });
  if (!parseLanguage(d.language)) p.push({ field: 'language', message: languageMsg(d.language) });
  const ev = matchEvents(d.events, known.events);
  if (ev.unknown.length) {
    p.push({ field: 'events', message: unknownEventMsg(ev.unknown, known.events.map(knownName)) });
  }
  return p;
}

// ---------------------------------------------------------------------------
// Status transitions

/**
 * Who may make a status change by hand (null: nobody). 'Skickar', and
 * 'Inbjuden' from Godkänd, are only ever set by the send itself. Answers
 * (Tackat ja/nej, Återbud) can be recorded by hand; the RSVP page records them itself.
 */
function allowedBy(from: string, to: string): Role | null {
  switch (`${from}>${to}`) {
    case 'Föreslagen>Godkänd': case 'Godkänd>Föreslagen': case 'Misslyckad>Föreslagen':
      return 'styrgrupp';
    case 'Misslyckad>Godkänd': case 'Osäker>Inbjuden': case 'Osäker>Godkänd':
    case 'Inbjuden>Tackat ja': case 'Inbjuden>Tackat nej': case 'Inbjuden>Återbud':
    case 'Tackat ja>Tackat nej': case 'Tackat ja>Återbud': case 'Tackat nej>Tackat ja': case 'Återbud>Tackat ja':
    case 'Tackat ja>Inbjuden': case 'Tackat nej>Inbjuden':
      return 'projektledare';
  }
  return null;
}

export type TransitionCheck = { ok: true } | { ok: false; reason: Msg };

/** May someone with `roles` move a guest from `from` to `to` by hand? */
export function checkTransition(from: string, to: string, roles: readonly Role[]): TransitionCheck {
  if (from === to) return { ok: true };
  if (!isGuestStatus(to)) {
    return { ok: false, reason: guestsMsg.unknownStatusAllowed(to, GUEST_STATUSES) };
  }
  if (to === 'Skickar') {
    return { ok: false, reason: guestsMsg.statusSkickarSetOnly() };
  }
  const by = allowedBy(from, to);
  if (!by) {
    const skip = (from === 'Föreslagen' || from === '') && to !== 'Godkänd';
    return { ok: false, reason: skip
      ? guestsMsg.proposedGuestMustApproved(to)
      : guestsMsg.statusCannotChange(from, to) };
  }
  if (!roles.includes(by)) {
    const who = by === 'styrgrupp' ? guestsMsg.steeringGroup() : guestsMsg.projectLeader();
    return { ok: false, reason: guestsMsg.onlyMayChangeStatus(who, from, to) };
  }
  return { ok: true };
}

/** How many more guests can be approved under the cap. */
export function slotsLeft(statuses: readonly string[], cap: number): number {
  return Math.max(0, cap - statuses.filter(holdsSlot).length);
}

/**
 * Approval refused for the cap, in the terms of the sidebar's selection: how
 * many the user ticked, how many places are free, and how many to untick
 * ("Du markerade 28; 26 platser är lediga").
 */
export function approveCapMsg(selected: number, free: number, cap: number): Msg {
  return guestsMsg.approveOverCap(selected, free, cap);
}

export const capMsg = (cap: number, used: number, asked: number): Msg => guestsMsg.cap(cap, used, asked);

// ---------------------------------------------------------------------------
// Direct edits of the Gäster sheet

export type EditDecision =
  | { readonly action: 'accept' }
  /** Put `value` back into the single edited cell. */
  | { readonly action: 'revert'; readonly value: string; readonly reason: Msg }
  /** A multi-cell edit that can't be reverted cell by cell: mark the rows and tell the user. */
  | { readonly action: 'flag'; readonly rows: readonly { readonly row: number; readonly reasons: readonly Msg[] }[] };

export interface CellEdit {
  /** Header of the edited column. */
  readonly header: string;
  /** '' when the cell was empty. */
  readonly oldValue: string;
  readonly newValue: string;
}

/**
 * Decides about a single-cell edit of Gäster. `otherEmails` maps the
 * normalised e-mail of every other row → its ID.
 */
export function judgeCellEdit(
  e: CellEdit,
  ctx: { roles: readonly Role[]; events: readonly KnownPart[]; otherEmails: ReadonlyMap<string, string> },
): EditDecision {
  const revert = (reason: Msg): EditDecision => ({ action: 'revert', value: e.oldValue, reason });
  const v = e.newValue.trim();
  switch (e.header) {
    case GUEST_COLUMNS.email:
      if (!isValidEmail(v)) return revert(emailInvalidMsg(v));
      if (ctx.otherEmails.has(normEmail(v))) return revert(emailDuplicateMsg(v, ctx.otherEmails.get(normEmail(v))));
      return { action: 'accept' };
    case GUEST_COLUMNS.language:
      return parseLanguage(v) ? { action: 'accept' } : revert(languageMsg(v));
    case GUEST_COLUMNS.status: {
      const c = checkTransition(e.oldValue.trim(), v, ctx.roles);
      return c.ok ? { action: 'accept' } : revert(c.reason);
    }
    case GUEST_COLUMNS.events: {
      const m = matchEvents(parseEventsCell(v), ctx.events);
      return m.unknown.length ? revert(unknownEventMsg(m.unknown)) : { action: 'accept' };
    }
    case GUEST_COLUMNS.id:
      return revert(guestsMsg.idSetSummitPlanner());
    case GUEST_COLUMNS.sentAt:
      return revert(guestsMsg.skickadSetSend());
    case GUEST_COLUMNS.remindedAt:
      return revert(guestsMsg.pamindSetByReminder());
    case GUEST_COLUMNS.answeredAt:
    case GUEST_COLUMNS.consent:
    case GUEST_COLUMNS.itemAnswers:
      return revert(guestsMsg.setGuestSAnswer(e.header));
    case GUEST_COLUMNS.linkVersion:
      return revert(guestsMsg.linkVersionSetSummit());
    default: {
      // The texts with a length limit; any other column (one the rules don't know) holds anything.
      const limit = (Object.entries(GUEST_LIMITS) as [LimitedField, number][]).find(([k]) => GUEST_COLUMNS[k] === e.header);
      if (!limit) return { action: 'accept' };
      const [f, max] = limit;
      const long = f === 'note' ? noteProblem(v) : v.length > max ? guestsMsg.textTooLongMost(max) : null;
      if (long) return revert(long);
      if ((f === 'firstName' || f === 'lastName') && !v) return revert(guestsMsg.mustNotEmpty(label(f)));
      return { action: 'accept' };
    }
  }
}

/**
 * Decides about a multi-cell edit (paste, fill): the rows after the edit are
 * checked as a whole; there is no old value to revert to, so problems are
 * flagged. `before` holds each row's status before the edit when known
 * (a paste that changes Status is judged as a transition from it).
 */
export function judgeRows(
  rows: readonly { row: number; guest: Guest; statusBefore?: string }[],
  ctx: { roles: readonly Role[]; events: readonly KnownPart[]; allEmails: ReadonlyMap<string, number> },
): EditDecision {
  const out: { row: number; reasons: Msg[] }[] = [];
  for (const r of rows) {
    const reasons: Msg[] = [];
    const g = r.guest;
    if (!isValidEmail(g.email)) reasons.push(emailInvalidMsg(g.email));
    else if ((ctx.allEmails.get(normEmail(g.email)) ?? 0) > 1) reasons.push(emailDuplicateMsg(g.email));
    if (!parseLanguage(g.language)) reasons.push(languageMsg(g.language));
    if (!g.firstName.trim() || !g.lastName.trim()) reasons.push(guestsMsg.nameMissing());
    // A paste is held to the same lengths as typing and the sidebar (a text too long is flagged, not cut).
    reasons.push(...lengthProblems(g).map((x) => x.message));
    const ev = matchEvents(g.events, ctx.events);
    if (ev.unknown.length) reasons.push(unknownEventMsg(ev.unknown));
    if (r.statusBefore !== undefined) {
      const c = checkTransition(r.statusBefore, g.status, ctx.roles);
      if (!c.ok) reasons.push(c.reason);
    } else if (!isGuestStatus(g.status)) {
      reasons.push(guestsMsg.unknownStatus(g.status));
    }
    if (reasons.length) out.push({ row: r.row, reasons });
  }
  return out.length ? { action: 'flag', rows: out } : { action: 'accept' };
}

/** Next free IDs "G-0001", "G-0002", … after the highest one in use and after `floor` (the highest ever issued). */
export function nextGuestIds(existing: readonly string[], count: number, floor = 0): string[] {
  let max = floor;
  for (const id of existing) {
    const m = /^G-(\d+)$/.exec(id.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return Array.from({ length: count }, (_, i) => `G-${String(max + 1 + i).padStart(4, '0')}`);
}
