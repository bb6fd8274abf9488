/**
 * The programme (pure): the items the city board's decision names, and the
 * rules every way of writing one is judged by (the sidebar, a confirm in
 * Granska ändringar, set-up's carry-over of the old free-text parts).
 *
 * An item is an occasion with a date and a time in Stockholm: guests are
 * invited to items (Gäster → Evenemang holds item IDs), the invitation, the
 * .ics and the RSVP page list them, and costs can be tied to one. Times are
 * kept as text "HH:MM" (wall-clock Stockholm), never as a time-of-day cell:
 * a sheet keeps a time as a fraction of 30 December 1899 in the spreadsheet's
 * zone, and that day's Stockholm offset is local mean time (+01:12:12), so a
 * read in the script's zone can be minutes off. A time typed on the sheet is
 * still read (hours and minutes of the Date) and written back as text when a
 * person confirms it.
 */
import { cellText } from './budget';
import { programMsg } from './messages/program';
import type { Msg } from './msg';
import { CATEGORIES } from './schema';
import type { Occurrence } from './ics';
import { guestItemState, offerHolds, parseItemAnswers, type CountGuest } from './item-answers';
import type { Role } from './settings';

export const PROGRAM_TYPES = [
  'öppning', 'plenarsession', 'specialistsession', 'workshop', 'studiebesök', 'representationsmiddag', 'kommunikation', 'övrigt',
] as const;
export type ProgramType = (typeof PROGRAM_TYPES)[number];

export const ORGANISERS = ['staden', 'staden och Cisco'] as const;
export type Organiser = (typeof ORGANISERS)[number];

export const ITEM_STATUSES = ['förslag', 'beslutad'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export type Category = (typeof CATEGORIES)[number];

/** Item types in English (the Swedish name is the value kept in the sheet). */
export const TYPE_EN: Readonly<Record<ProgramType, string>> = {
  öppning: 'opening with the main speaker', plenarsession: 'plenary session', specialistsession: 'specialist session',
  workshop: 'workshop', studiebesök: 'study visit', representationsmiddag: 'representation dinner',
  kommunikation: 'communication activity', övrigt: 'other',
};

/** The budget category an item's costs go to when none is chosen. */
export const DEFAULT_CATEGORY: Readonly<Record<ProgramType, Category>> = {
  öppning: 'huvudtalare', plenarsession: 'plenarsessioner', specialistsession: 'specialistsessioner', workshop: 'workshops',
  studiebesök: 'studiebesök', representationsmiddag: 'representationsmiddag', kommunikation: 'kommunikation', övrigt: 'övrigt',
};

/** The decision allows these only "during the conference". */
export const CONFERENCE_ONLY: readonly ProgramType[] = ['workshop', 'studiebesök'];

/** The Program sheet's headers, by field. */
export const PROGRAM_COLUMNS = {
  id: 'ID', date: 'Datum', start: 'Start', end: 'Slut', title: 'Rubrik', type: 'Typ', place: 'Plats',
  responsible: 'Ansvarig', organiser: 'Arrangör', note: 'Anteckning', capacity: 'Kapacitet', category: 'Kategori', status: 'Status',
} as const;
export type ItemField = keyof typeof PROGRAM_COLUMNS;

export const ITEM_LIMITS = { title: 120, place: 120, responsible: 120, note: 500 } as const;
export const MAX_CAPACITY = 10_000;

export interface ProgramItem {
  readonly id: string;
  readonly title: string;
  readonly type: ProgramType;
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:MM, Stockholm */
  readonly start: string;
  /** HH:MM; before the start means the next day (a dinner past midnight). */
  readonly end: string;
  readonly place: string;
  readonly organiser: Organiser;
  readonly responsible: string;
  /** null: no limit. */
  readonly capacity: number | null;
  readonly category: Category;
  readonly status: ItemStatus;
  readonly note: string;
}

/** What a form (or a typed row) gives: everything as text, capacity '' for none. */
export interface ItemDraft {
  readonly title: string; readonly type: string; readonly date: string; readonly start: string; readonly end: string;
  readonly place: string; readonly organiser: string; readonly responsible: string; readonly capacity: string;
  readonly category: string; readonly status: string; readonly note: string;
}

export interface ItemProblem { readonly field: ItemField; readonly message: Msg }

/** The conference's days (Evenemang: Startdatum, Slutdatum). */
export interface ConferenceDays { readonly startDate: string; readonly endDate: string }

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
export const isIsoDate = (s: string): boolean => {
  const m = ISO.exec(s);
  return m !== null && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === s;
};

/** "9:05", "09.05", "0905" → "09:05"; null when it isn't a time of day. */
export function parseTime(raw: string): string | null {
  const m = /^(\d{1,2})[:.]?(\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${m[2]}` : null;
}

/** A time cell as text: a Date (typed on the sheet) by its hours and minutes in the script's zone, text as it is. */
export const timeText = (v: unknown): string =>
  v instanceof Date ? `${String(v.getHours()).padStart(2, '0')}:${String(v.getMinutes()).padStart(2, '0')}` : cellText(v);

const oneOf = <T extends string>(list: readonly T[], v: string): T | null => {
  const k = v.trim().toLocaleLowerCase('sv');
  return list.find((x) => x.toLocaleLowerCase('sv') === k) ?? null;
};
export const parseType = (v: string): ProgramType | null =>
  oneOf(PROGRAM_TYPES, v) ?? (PROGRAM_TYPES.find((t) => TYPE_EN[t].toLowerCase() === v.trim().toLowerCase()) ?? null);
export const parseOrganiser = (v: string): Organiser | null => oneOf(ORGANISERS, v);
export const parseItemStatus = (v: string): ItemStatus | null => oneOf(ITEM_STATUSES, v);
export const parseCategory = (v: string): Category | null => oneOf(CATEGORIES, v);

const label: Readonly<Record<ItemField, () => Msg>> = {
  id: programMsg.fieldId, date: programMsg.fieldDate, start: programMsg.fieldStart, end: programMsg.fieldEnd, title: programMsg.fieldTitle,
  type: programMsg.fieldType, place: programMsg.fieldPlace, responsible: programMsg.fieldResponsible, organiser: programMsg.fieldOrganiser,
  note: programMsg.fieldNote, capacity: programMsg.fieldCapacity, category: programMsg.fieldCategory, status: programMsg.fieldStatus,
};
const bad = (field: ItemField, why: Msg): ItemProblem => ({ field, message: programMsg.fieldProblem(label[field](), why) });

/**
 * Why the item can't be on the conference's days, or null (the decision: study visits and workshops only
 * during the conference). A type or date that doesn't parse has its own problem, so none here.
 */
export function conferenceDayProblem(type: ProgramType | null, date: string, days: ConferenceDays): ItemProblem | null {
  if (!CONFERENCE_ONLY.some((t) => t === type) || !isIsoDate(date)) return null;
  if (date >= days.startDate && date <= days.endDate) return null;
  const what = type === 'workshop' ? programMsg.workshops() : programMsg.studyVisits();
  return bad('date', programMsg.outsideConference(date, days.startDate, days.endDate, what));
}

/**
 * Checks a draft and returns the item, or every problem, each naming its
 * field. `defaultResponsible` fills an empty Ansvarig of a city-only item
 * (the project leader, by the decision).
 */
export function checkItem(
  d: ItemDraft, id: string, days: ConferenceDays, defaultResponsible = '',
): { ok: true; item: ProgramItem } | { ok: false; problems: ItemProblem[] } {
  const p: ItemProblem[] = [];
  const title = d.title.trim();
  if (!title) p.push(bad('title', programMsg.missing()));
  for (const f of ['title', 'place', 'responsible', 'note'] as const) {
    if (d[f].trim().length > ITEM_LIMITS[f]) p.push(bad(f, programMsg.tooLong(ITEM_LIMITS[f])));
  }
  const type = parseType(d.type);
  if (!type) p.push(bad('type', programMsg.notAType(d.type.slice(0, 40), PROGRAM_TYPES, PROGRAM_TYPES.map((t) => TYPE_EN[t]))));
  const date = d.date.trim();
  if (!isIsoDate(date)) p.push(bad('date', programMsg.notADate(date.slice(0, 30))));
  const start = parseTime(d.start);
  const end = parseTime(d.end);
  if (!start) p.push(bad('start', programMsg.notATime(d.start.slice(0, 20))));
  if (!end) p.push(bad('end', programMsg.notATime(d.end.slice(0, 20))));
  else if (start && end === start) p.push(bad('end', programMsg.endIsStart()));
  const organiser = parseOrganiser(d.organiser);
  if (!organiser) p.push(bad('organiser', programMsg.chooseOrganiser(ORGANISERS)));
  const cap = d.capacity.trim();
  const capacity = cap === '' ? null : Number(cap);
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY)) {
    p.push(bad('capacity', programMsg.badCapacity(cap.slice(0, 20), MAX_CAPACITY)));
  }
  const category = d.category.trim() === '' ? (type ? DEFAULT_CATEGORY[type] : null) : parseCategory(d.category);
  if (!category && d.category.trim() !== '') p.push(bad('category', programMsg.notACategory(d.category.slice(0, 40), CATEGORIES)));
  const status = d.status.trim() === '' ? 'förslag' : parseItemStatus(d.status);
  if (!status) p.push(bad('status', programMsg.chooseStatus(ITEM_STATUSES)));
  const responsible = d.responsible.trim() || (organiser === 'staden' ? defaultResponsible : '');
  if (!responsible && organiser === 'staden och Cisco') p.push(bad('responsible', programMsg.responsibleMissing()));
  const day = conferenceDayProblem(type, date, days);
  if (day) p.push(day);
  if (p.length || !type || !start || !end || !organiser || !category || !status) return { ok: false, problems: p };
  return { ok: true, item: { id, title, type, date, start, end, place: d.place.trim(), organiser, responsible, capacity, category, status, note: d.note.trim() } };
}

/** The item as cells by header (times as text; the date as the caller makes it a date cell). */
export const itemValues = (it: ProgramItem): Record<string, string | number> => ({
  [PROGRAM_COLUMNS.id]: it.id, [PROGRAM_COLUMNS.title]: it.title, [PROGRAM_COLUMNS.type]: it.type, [PROGRAM_COLUMNS.date]: it.date,
  [PROGRAM_COLUMNS.start]: it.start, [PROGRAM_COLUMNS.end]: it.end, [PROGRAM_COLUMNS.place]: it.place,
  [PROGRAM_COLUMNS.organiser]: it.organiser, [PROGRAM_COLUMNS.responsible]: it.responsible,
  [PROGRAM_COLUMNS.capacity]: it.capacity ?? '', [PROGRAM_COLUMNS.category]: it.category,
  [PROGRAM_COLUMNS.status]: it.status, [PROGRAM_COLUMNS.note]: it.note,
});

/** A row (values by header, as read) as a draft. */
export function draftOf(values: Readonly<Record<string, unknown>>): ItemDraft {
  const v = (f: ItemField) => cellText(values[PROGRAM_COLUMNS[f]]);
  return {
    title: v('title'), type: v('type'), date: v('date'), start: timeText(values[PROGRAM_COLUMNS.start]), end: timeText(values[PROGRAM_COLUMNS.end]),
    place: v('place'), organiser: v('organiser'), responsible: v('responsible'), capacity: v('capacity'), category: v('category'), status: v('status'), note: v('note'),
  };
}

/**
 * Who may make a change: the project leader writes items (a decided item
 * only back through the steering group); the steering group decides the
 * status. Returns the refusal, naming the field, or null.
 */
export function changeProblem(before: ProgramItem | null, after: ProgramItem, roles: readonly Role[]): ItemProblem | null {
  const pl = roles.includes('projektledare');
  const sg = roles.includes('styrgrupp');
  const statusChanged = (before?.status ?? 'förslag') !== after.status;
  const contentChanged = !before || firstChange(before, after) !== 'status';
  if (statusChanged && !sg) return bad('status', programMsg.onlySteeringDecides());
  if (contentChanged && !pl) return bad(firstChange(before, after), programMsg.onlyLeaderWrites());
  if (contentChanged && before?.status === 'beslutad' && after.status === 'beslutad') {
    return bad('status', programMsg.decidedFrozen());
  }
  return null;
}

/**
 * The first field other than the status that differs ('title' for a new item; 'status' when none does).
 * Both are the same row's item (one ID), and the status is the last column: a content field that
 * differs is found before it.
 */
function firstChange(before: ProgramItem | null, after: ProgramItem): ItemField {
  if (!before) return 'title';
  const a = itemValues(before);
  const b = itemValues(after);
  return (Object.keys(PROGRAM_COLUMNS) as ItemField[]).find((f) => String(a[PROGRAM_COLUMNS[f]]) !== String(b[PROGRAM_COLUMNS[f]])) ?? 'status';
}

/** Next free ID "P-001"… after the highest in use. */
export function nextItemId(existing: readonly string[]): string {
  let max = 0;
  for (const id of existing) {
    const m = /^P-(\d+)$/i.exec(id.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `P-${String(max + 1).padStart(3, '0')}`;
}

/** A reference to an item, for matching what a person typed in Gäster → Evenemang (an ID or a title). */
export interface PartRef { readonly id: string; readonly title: string }

/** "P-001: Konferensen, dag 1" — how an item is named to people. */
export const partName = (it: PartRef): string => `${it.title} (${it.id})`;

/**
 * Matches typed parts to items (an ID, or a title, case-insensitive: a title
 * names every item that has it, e.g. each day of the conference) and
 * returns the IDs, each once, in the order typed.
 */
export function matchParts(typed: readonly string[], items: readonly PartRef[]): { ok: string[]; unknown: string[] } {
  const ok: string[] = [];
  const unknown: string[] = [];
  for (const t of typed) {
    const k = t.trim().toLocaleLowerCase('sv');
    const byId = items.filter((x) => x.id.toLocaleLowerCase('sv') === k);
    const found = byId.length ? byId : items.filter((x) => x.title.toLocaleLowerCase('sv') === k);
    if (found.length === 0) unknown.push(t);
    for (const it of found) if (!ok.includes(it.id)) ok.push(it.id);
  }
  return { ok, unknown };
}

/** Items in programme order: by date, then start, then ID. */
export const byTime = (a: ProgramItem, b: ProgramItem): number =>
  a.date.localeCompare(b.date) || a.start.localeCompare(b.start) || a.id.localeCompare(b.id);

// ---------------------------------------------------------------------------
// Carrying over the old free-text parts (Evenemang → Evenemangsdelar)

/**
 * The times the old parts had in calendars (src/core/ics.ts before the
 * programme), so a carried-over workbook's invitations say what they said:
 *   konferens…          every day of the conference, 09:00–17:00 (one item per day)
 *   …middag / dinner    the first day, 19:00–23:00
 *   studiebesök / visit the last day, 13:00–17:00
 *   anything else       the first day, 09:00–17:00
 */
function oldTimes(part: string): { days: (all: readonly string[]) => readonly string[]; start: string; end: string; type: ProgramType } {
  const every = (all: readonly string[]) => all;
  const first = (all: readonly string[]) => all.slice(0, 1);
  const last = (all: readonly string[]) => all.slice(-1);
  if (/konferens|conference/i.test(part)) return { days: every, start: '09:00', end: '17:00', type: 'plenarsession' };
  if (/middag|dinner/i.test(part)) return { days: first, start: '19:00', end: '23:00', type: 'representationsmiddag' };
  if (/studiebes|visit/i.test(part)) return { days: last, start: '13:00', end: '17:00', type: 'studiebesök' };
  return { days: first, start: '09:00', end: '17:00', type: 'övrigt' };
}

/** Days from start to end inclusive (ISO dates); at most 31; [] when the dates don't parse. */
export function conferenceDays(days: ConferenceDays): string[] {
  if (!isIsoDate(days.startDate)) return [];
  const p = (s: string) => { const [y, m, d] = s.split('-').map(Number); return Date.UTC(y, m - 1, d); };
  const a = p(days.startDate);
  const b = isIsoDate(days.endDate) ? p(days.endDate) : a;
  const out: string[] = [];
  for (let t = a; t <= Math.max(a, b) && out.length < 31; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * The items that replace the old parts: one per part (a conference part one
 * per day), with the times the old calendars gave, as proposals for the
 * steering group, and for each old part name the item IDs it became.
 */
export function itemsFromParts(
  parts: readonly string[], s: ConferenceDays & { venue: string }, existingIds: readonly string[], responsible: string,
): { items: ProgramItem[]; map: Map<string, string[]> } {
  const days = conferenceDays(s);
  const items: ProgramItem[] = [];
  const map = new Map<string, string[]>();
  const ids = [...existingIds];
  for (const part of parts) {
    const rule = oldTimes(part);
    const made: string[] = [];
    rule.days(days).forEach((date) => {
      const id = nextItemId(ids);
      ids.push(id);
      made.push(id);
      // Each day keeps the part's name: a guest list or an import naming it invites to every day.
      const title = part;
      items.push({
        id, title: title.slice(0, ITEM_LIMITS.title), type: rule.type, date, start: rule.start, end: rule.end, place: s.venue.slice(0, ITEM_LIMITS.place),
        organiser: 'staden', responsible: responsible.slice(0, ITEM_LIMITS.responsible), capacity: null, category: DEFAULT_CATEGORY[rule.type],
        status: 'förslag', note: `Överförd från inställningen Evenemangsdelar ("${part.slice(0, 80)}").`,
      });
    });
    map.set(part.toLocaleLowerCase('sv'), made);
  }
  return { items, map };
}

/** A guest's old part names as item IDs (unknown names are kept as typed, so nothing is lost and review names them). */
export function mapGuestParts(typed: readonly string[], map: ReadonlyMap<string, readonly string[]>): string[] {
  const out: string[] = [];
  for (const t of typed) {
    const ids = map.get(t.trim().toLocaleLowerCase('sv')) ?? [t.trim()];
    for (const id of ids) if (!out.includes(id)) out.push(id);
  }
  return out;
}

// ---------------------------------------------------------------------------
// Per item: who is invited and what they answered

/** A guest as the counts read Gäster (Status, Evenemang, Svar per punkt). */
export type ItemGuest = CountGuest;

export interface ItemCounts {
  readonly id: string;
  /** Invitations mailed (or possibly mailed) to guests invited to this item. */
  readonly invited: number;
  readonly yes: number;
  readonly no: number;
  /** Invited, neither yes nor no (waiting and offered guests included). */
  readonly notAnswered: number;
  /** Guests on the waiting list (an offer open or not). */
  readonly waiting: number;
  /** Capacity minus yes minus open offers; null when the item has no limit. Never below 0. */
  readonly seatsLeft: number | null;
}

/**
 * Counts per item, from what Gäster holds (the one function Översikt, the
 * Program sidebar and the RSVP page's capacity check all use). `now` decides
 * which offers still hold a seat; without it every open offer holds one (the
 * cautious count).
 */
export function itemCounts(
  items: readonly (PartRef & { readonly capacity: number | null })[], guests: readonly CountGuest[], now: Date = new Date(0),
): ItemCounts[] {
  const invitedTo = guests.map((g) => matchParts(g.events, items).ok);
  // No cell (a guest before per-item answers) and one that doesn't parse (a hand edit) both mean "no per-item answer".
  const answersOf = guests.map((g) => (g.itemAnswers === undefined ? null : parseItemAnswers(g.itemAnswers)));
  return items.map((it) => {
    let invited = 0, yes = 0, no = 0, waiting = 0, held = 0;
    guests.forEach((g, i) => {
      if (!invitedTo[i].includes(it.id)) return;
      const s = guestItemState(g, answersOf[i], it.id);
      if (s === null) return;
      invited++;
      if (s === 'ej svarat') return;
      if (s.kind === 'ja') yes++;
      else if (s.kind === 'nej') no++;
      else {
        waiting++;
        if (offerHolds(s, now)) held++;
      }
    });
    return {
      id: it.id, invited, yes, no, notAnswered: invited - yes - no, waiting,
      seatsLeft: it.capacity === null ? null : Math.max(0, it.capacity - yes - held),
    };
  });
}

/** The calendar entry of an item: the event's name and the item's title, its place (the venue when none). */
export function itemOccurrence(it: ProgramItem, s: { eventName: string; venue: string }): Occurrence {
  return { key: it.id, summary: `${s.eventName} – ${it.title}`, location: it.place || s.venue, date: it.date, start: it.start, end: it.end };
}
