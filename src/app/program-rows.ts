/**
 * Program as the journal has it: the items the add-on sealed (a row changed
 * outside the add-on counts as it was sealed until someone with the role
 * confirms it; a row typed or pasted by hand doesn't count at all). Every
 * use case that needs the programme (guests, invitations, the RSVP page,
 * costs, Översikt) reads it here, so a typed item can't reach a guest.
 */
import { checkItem, draftOf, type ProgramItem } from '../core/program';
import type { Msg } from '../core/msg';
import { problemsOf } from './integrity';
import { checkTable, verifiedRows, type Journal, type TableCheck } from './journal';

/** Dates a verified item had are not re-judged against today's conference days (they were when written). */
const ANY_DAY = { startDate: '0000-01-01', endDate: '9999-12-31' } as const;

export interface ProgramRead {
  readonly check: TableCheck;
  /** In sheet order, as the journal has them. */
  readonly items: readonly ProgramItem[];
  /** IDs of items whose row waits for review (changed, stale or deleted on the sheet). */
  readonly unverified: ReadonlySet<string>;
  /** What waits for review on Program, in the reader's words. */
  readonly review: readonly Msg[];
}

/** One range read (the Program sheet), checked against its seals. */
export function readProgram(journal: Journal, check: TableCheck = checkTable(journal, 'program')): ProgramRead {
  const items: ProgramItem[] = [];
  const unverified = new Set<string>();
  for (const r of verifiedRows(check)) {
    // Ansvarig as sealed, empty or not: the city's default is filled in when an item is saved, not when read.
    const parsed = checkItem(draftOf(r.values), r.key, ANY_DAY);
    // A sealed row that no longer reads as an item (written under an older rule) reaches no reader.
    if (!parsed.ok) continue;
    items.push(parsed.item);
    if (r.unverified) unverified.add(parsed.item.id);
  }
  return { check, items, unverified, review: problemsOf(check, false) };
}
