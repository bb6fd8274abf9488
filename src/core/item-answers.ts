/**
 * A guest's answer per programme item (pure): how it is kept in Gäster's
 * `Svar per punkt` cell, the guest's overall status it implies, and the
 * state one guest has for one item, which the per-item counts (itemCounts in
 * src/core/program.ts) add up.
 *
 * The cell is one sealed Gäster cell (src/core/seal.ts), so a hand edit of an
 * answer makes the row "changed" like any other hand edit, and Granska
 * ändringar refuses to confirm it (only the guest answers: src/core/guests.ts,
 * judgeCellEdit). Format, one entry per item, in programme order:
 *
 *   P-001: ja; P-002: nej; P-003: väntar 2026-12-02T17:00:05.000Z; P-004: erbjuden 2026-12-04T17:00:00.000Z
 *
 * - ja / nej: the guest's answer;
 * - väntar <since>: the item was full; the guest waits for a seat (first come, first served by <since>);
 * - erbjuds <until>: an offer of a freed seat is being mailed (written before the mail, like the
 *   merge's Skickar: a crash can't send the same offer twice); found by a later execution it means
 *   "may have been mailed" and still holds the seat until <until>;
 * - erbjuden <until>: the offer was mailed; the seat is held for the guest until <until> (UTC).
 */
import { formatDateTime } from './format';

export type ItemState =
  | { readonly kind: 'ja' }
  | { readonly kind: 'nej' }
  | { readonly kind: 'väntar'; readonly since: string }
  | { readonly kind: 'erbjuds' | 'erbjuden'; readonly until: string };

export type ItemAnswers = ReadonlyMap<string, ItemState>;

/** The header of the cell. */
export const ITEM_ANSWERS_HEADER = 'Svar per punkt';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ENTRY = /^(P-\d{1,6}):\s*(ja|nej|väntar|erbjuds|erbjuden)(?:\s+(\S+))?$/;

/** The cell as answers; null when it doesn't parse (only a hand edit makes such a cell, and the seal catches that). */
export function parseItemAnswers(cell: string): Map<string, ItemState> | null {
  const out = new Map<string, ItemState>();
  for (const part of cell.split(';').map((s) => s.trim()).filter((s) => s !== '')) {
    const m = ENTRY.exec(part);
    if (!m || out.has(m[1])) return null;
    const [, id, word, at] = m;
    const kind = word as ItemState['kind'];
    if (kind === 'ja' || kind === 'nej') {
      if (at !== undefined) return null;
      out.set(id, { kind });
    } else {
      // A missing time (undefined) fails the pattern too.
      if (!ISO_UTC.test(at)) return null;
      out.set(id, kind === 'väntar' ? { kind, since: at } : { kind: kind === 'erbjuds' ? 'erbjuds' : 'erbjuden', until: at });
    }
  }
  return out;
}

const entryText = (id: string, s: ItemState): string =>
  `${id}: ${s.kind}${s.kind === 'väntar' ? ` ${s.since}` : s.kind === 'erbjuds' || s.kind === 'erbjuden' ? ` ${s.until}` : ''}`;

/** The answers as the cell keeps them, in the order of `order` (the programme's), then any others by ID. */
export function formatItemAnswers(answers: ItemAnswers, order: readonly string[] = []): string {
  const ids = [...order.filter((id) => answers.has(id)), ...[...answers.keys()].filter((id) => !order.includes(id)).sort()];
  return ids.map((id) => entryText(id, answers.get(id)!)).join('; ');
}

/**
 * The overall status per-item answers give the guest (Gäster → Status, which the
 * merge, the counts and the dietary list read): Tackat ja when the guest said yes
 * to at least one item (they are coming, to something); Tackat nej when every item
 * is answered and none is a yes (waiting for a seat or holding an unanswered offer
 * is not coming, yet); null while some item is unanswered (the status stays).
 */
export function overallStatus(invited: readonly string[], answers: ItemAnswers): 'Tackat ja' | 'Tackat nej' | null {
  if (invited.some((id) => answers.get(id)?.kind === 'ja')) return 'Tackat ja';
  return invited.length > 0 && invited.every((id) => answers.has(id)) ? 'Tackat nej' : null;
}

/** Does an offer still hold its seat at `now`? (An offer being mailed holds it too.) */
export const offerHolds = (s: ItemState | undefined, now: Date): boolean =>
  (s?.kind === 'erbjuds' || s?.kind === 'erbjuden') && Date.parse(s.until) > now.getTime();

// ---------------------------------------------------------------------------
// Counts per item

export interface CountGuest {
  /** Gäster → Status. */
  readonly status: string;
  /** What Gäster → Evenemang holds (IDs, or titles typed by hand). */
  readonly events: readonly string[];
  /** Gäster → Svar per punkt ('' or absent: no per-item answer yet). */
  readonly itemAnswers?: string;
}

/** An invitation has (or may have) been mailed. */
const MAILED = new Set(['Skickar', 'Inbjuden', 'Tackat ja', 'Tackat nej', 'Återbud', 'Osäker']);

/**
 * One guest's state for one item: the per-item answer when there is one;
 * otherwise the overall status (a guest who answered before per-item answers
 * existed answered every item alike); Återbud (a cancellation) is a no for
 * every item whatever the cell says, so the seat is free again. null: not mailed.
 */
export function guestItemState(g: Pick<CountGuest, 'status'>, answers: ItemAnswers | null, itemId: string): ItemState | 'ej svarat' | null {
  if (!MAILED.has(g.status)) return null;
  if (g.status === 'Återbud') return { kind: 'nej' };
  const a = answers?.get(itemId);
  if (a) return a;
  if (answers && answers.size > 0) return 'ej svarat';
  return g.status === 'Tackat ja' ? { kind: 'ja' } : g.status === 'Tackat nej' ? { kind: 'nej' } : 'ej svarat';
}


// ---------------------------------------------------------------------------
// Deciding a guest's answers (the RSVP page, under the lock)

/** What the page sends per item: yes, no, or "put me on the waiting list" (only for a full item with a capacity). */
export type Choice = 'ja' | 'nej' | 'vänta';

export interface AnswerItem { readonly id: string; readonly title: string; readonly capacity: number | null }

export type AnswerDecision =
  | { readonly ok: true; readonly answers: Map<string, ItemState> }
  /** not-invited: items the guest was not invited to; missing: invited items left unanswered; full: yes to an item with no seat left; no-list: waiting for an item without a capacity. */
  | { readonly ok: false; readonly problem: 'not-invited' | 'missing' | 'full' | 'no-list'; readonly ids: readonly string[] };

/**
 * The guest's new answers, or why nothing can be saved. `invited`: the items
 * the guest is invited to (programme order); `seatsLeft(id)`: the seats the
 * other guests leave (itemCounts over everyone else at `now`; null: no limit).
 * A yes keeps a seat the guest has, takes a seat offered to them while the
 * offer is open, or takes a free seat; a full item is refused (the guest may
 * choose the waiting list instead). Waiting keeps the guest's place in the
 * queue (the first `since`), and an open offer stays open while they wait.
 */
export function decideAnswers(
  invited: readonly AnswerItem[], current: ItemAnswers, chosen: Readonly<Record<string, Choice>>,
  seatsLeft: (id: string) => number | null, now: Date,
): AnswerDecision {
  const ids = invited.map((it) => it.id);
  const stray = Object.keys(chosen).filter((id) => !ids.includes(id));
  if (stray.length) return { ok: false, problem: 'not-invited', ids: stray };
  const missing = ids.filter((id) => chosen[id] === undefined);
  if (missing.length) return { ok: false, problem: 'missing', ids: missing };
  const out = new Map<string, ItemState>();
  const full: string[] = [];
  const noList: string[] = [];
  for (const it of invited) {
    const c = chosen[it.id];
    const was = current.get(it.id);
    if (c === 'nej') out.set(it.id, { kind: 'nej' });
    else if (c === 'ja') {
      const left = seatsLeft(it.id);
      if (was?.kind === 'ja' || offerHolds(was, now) || left === null || left > 0) out.set(it.id, { kind: 'ja' });
      else full.push(it.id);
    } else if (it.capacity === null) noList.push(it.id);
    else if (was?.kind === 'väntar' || offerHolds(was, now)) out.set(it.id, was!);
    else out.set(it.id, { kind: 'väntar', since: now.toISOString() });
  }
  if (full.length) return { ok: false, problem: 'full', ids: full };
  if (noList.length) return { ok: false, problem: 'no-list', ids: noList };
  return { ok: true, answers: out };
}

/** A UTC instant as Stockholm's wall clock, e.g. "4 december 2026 kl. 18:00" / "4 December 2026, 18:00" (src/core/format.ts). */
export const stockholmDateTime = formatDateTime;

// ---------------------------------------------------------------------------
// The waiting list: passing freed seats on

/** A guest as the waiting list sees them. */
export interface WaitGuest {
  readonly id: string;
  /** Gäster → Status (an Återbud frees every seat). */
  readonly status: string;
  /** The items the guest is invited to (IDs). */
  readonly invited: readonly string[];
  readonly answers: ItemAnswers;
  /** The row can be written now (verified); a row waiting for review keeps its place but gets nothing. */
  readonly writable: boolean;
}

export interface OfferChange { readonly guestId: string; readonly itemId: string; readonly to: ItemState }

/**
 * What the waiting lists need at `now`: an offer whose deadline has passed
 * becomes a no (the seat passes on), and each free seat of an item with a
 * capacity (capacity − yes − open offers) is offered to the first guest
 * waiting (the earliest `since`, then the lowest guest ID), held until
 * `until`. An item whose capacity was removed has a seat for everyone still
 * waiting. `until` null: no new offers (after the reply deadline the page no
 * longer takes answers, so an offer could not be taken up).
 */
export function planOffers(items: readonly AnswerItem[], guests: readonly WaitGuest[], now: Date, until: string | null): OfferChange[] {
  const out: OfferChange[] = [];
  for (const it of items) {
    const capacity = it.capacity ?? Infinity;
    const on = guests.filter((g) => g.invited.includes(it.id));
    const stateOf = (g: WaitGuest) => guestItemState(g, g.answers, it.id);
    let taken = 0;
    for (const g of on) {
      const s = stateOf(g);
      if (s === null || s === 'ej svarat') continue;
      if (s.kind === 'ja') taken++;
      else if (s.kind === 'erbjuds' || s.kind === 'erbjuden') {
        if (offerHolds(s, now)) taken++;
        else if (g.writable) out.push({ guestId: g.id, itemId: it.id, to: { kind: 'nej' } });
        else taken++; // can't be written now: it keeps its seat until someone has reviewed the row
      }
    }
    if (until === null) continue;
    const queue = on
      .filter((g) => g.writable && g.status !== 'Återbud')
      .flatMap((g) => { const s = g.answers.get(it.id); return s?.kind === 'väntar' ? [{ g, since: s.since }] : []; })
      .sort((a, b) => a.since.localeCompare(b.since) || a.g.id.localeCompare(b.g.id));
    for (const { g } of queue.slice(0, Math.max(0, capacity - taken))) out.push({ guestId: g.id, itemId: it.id, to: { kind: 'erbjuds', until } });
  }
  return out;
}
