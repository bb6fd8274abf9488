/**
 * What guests are invited to: the programme's items (Program), or — in a
 * workbook whose journal has never held a Program row, i.e. one that set-up
 * has not yet carried over — the old free-text parts (Evenemang →
 * Evenemangsdelar), so an upgraded workbook works unchanged until set-up
 * turns them into items (writeDefaults in src/app/setup.ts). Nothing else
 * knows there are two sources.
 */
import type { KnownPart } from '../core/guests';
import { occurrencesFor, type Occurrence } from '../core/ics';
import { byTime, itemOccurrence, matchParts, type ProgramItem } from '../core/program';
import type { EventSettings } from '../core/settings';
import type { Journal } from './journal';
import { readProgram } from './program-rows';

export interface Parts {
  /** What a guest's Evenemang cell may name, in programme order. */
  readonly known: readonly KnownPart[];
  /** The items (null: the old free-text parts are still in use). */
  readonly items: readonly ProgramItem[] | null;
}

/** True while the journal has never held a Program row (set-up has not carried the old parts over). */
export const legacyParts = (journal: Journal): boolean => journal.require().state.t.program === undefined;

/** The parts in effect (one range read of Program once it is in use). */
export function partsOf(journal: Journal, s: Pick<EventSettings, 'events'>): Parts {
  if (legacyParts(journal)) return { known: s.events, items: null };
  const items = [...readProgram(journal).items].sort(byTime);
  return { known: items, items };
}

/** The calendar entries of what a guest is invited to (items: their own times; old parts: the old fixed times). */
export function guestOccurrences(parts: Parts, events: readonly string[], s: { eventName: string; startDate: string; endDate: string; venue: string }): Occurrence[] {
  if (!parts.items) return occurrencesFor(events, s);
  const ids = matchParts(events, parts.items).ok;
  return parts.items.filter((it) => ids.includes(it.id)).map((it) => itemOccurrence(it, s));
}

/** One line of a guest's programme: what, which day, from–to (Stockholm). */
export interface ScheduleLine { readonly name: string; readonly date: string; readonly start: string; readonly end: string }

/** The guest's items with dates and times, in programme order (the invitation's {{Inbjuden till}}, the RSVP page). */
export function guestSchedule(parts: Parts, events: readonly string[], s: { eventName: string; startDate: string; endDate: string; venue: string }): ScheduleLine[] {
  const titles = new Map((parts.items ?? []).map((it) => [it.id, it.title]));
  return guestOccurrences(parts, events, s).map((o) => ({ name: titles.get(o.key) ?? o.key.split('#')[0], date: o.date, start: o.start, end: o.end }));
}
