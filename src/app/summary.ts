/**
 * Beslutsunderlag: the one-page summary the steering group takes to its
 * meeting — the event, the theme and main speaker as decided, the programme
 * parts with the guests' answers, the guest list, the budget per funder and
 * per category, and the decisions taken and pending. Read-only and for
 * anyone who can open the file (every part is on sheets they can read);
 * built from what the journal verifies, with what waits for review named.
 * The page (src/ui/pages/Summary.ts) puts every value in as text.
 */
import type { BudgetOverview } from '../core/budget';
import type { AnswerSummary } from '../core/answers';
import type { Decision } from '../core/decisions';
import type { Msg } from '../core/msg';
import { decisionsMsg } from '../core/messages/decisions';
import type { Role } from '../core/settings';
import { budgetOverview } from './budget';
import { loadFullContext } from './context';
import { decisionRows, type DecisionRow } from './decisions';
import { listGuests } from './guests';
import { programView, type ProgramItemView } from './program';
import { checkTable } from './journal';
import type { Ports } from './ports';

export interface SummaryGuest {
  readonly name: string;
  readonly organisation: string;
  readonly status: string;
  readonly parts: readonly string[];
  readonly review: boolean;
}

export interface SummaryView {
  readonly user: string;
  readonly roles: readonly Role[];
  /** When it was made (ISO): the page prints it in the user's language. */
  readonly made: string;
  readonly event: { readonly name: string; readonly startDate: string; readonly endDate: string; readonly venue: string; readonly rsvpDeadline: string };
  /** The latest taken decision on the theme and on the main speaker (null: not decided yet). */
  readonly theme: Decision | null;
  readonly speaker: Decision | null;
  readonly cap: number;
  readonly slotsUsed: number;
  readonly answers: AnswerSummary;
  /** The programme's items in time order, with invited / yes / no / not answered and seats left (src/app/program.ts). */
  readonly programme: readonly ProgramItemView[];
  readonly guests: readonly SummaryGuest[];
  readonly budget: BudgetOverview;
  readonly taken: readonly DecisionRow[];
  readonly pending: readonly DecisionRow[];
  /** Beslut rows waiting for review (they count as Summit Planner last wrote them). */
  readonly review: readonly Msg[];
}

const latest = (rows: readonly DecisionRow[], subject: Decision['subject']): Decision | null =>
  rows.find((r) => r.subject === subject && r.status === 'Fattat' && !r.review) ?? null;

/** Everything the summary shows, from one read of each sheet it covers. */
export function summaryView(ports: Ports): SummaryView {
  const ctx = loadFullContext(ports);
  const s = ctx.settings;
  const list = listGuests(ports, ctx);
  const check = checkTable(ctx.journal, 'decisions');
  const rows = decisionRows(check);
  const review = rows.filter((r) => r.review).map((r) => decisionsMsg.summaryReview(r.id, r.review!));
  return {
    user: ctx.email, roles: ctx.roles, made: ports.clock.now().toISOString(),
    event: { name: s.eventName, startDate: s.startDate, endDate: s.endDate, venue: s.venue, rsvpDeadline: s.rsvpDeadline },
    theme: latest(rows, 'Tema'), speaker: latest(rows, 'Huvudtalare'),
    cap: list.cap, slotsUsed: list.slotsUsed, answers: list.summary, programme: programView(ports, ctx).items,
    guests: list.guests.map((g) => ({
      name: `${g.firstName} ${g.lastName}`.trim(), organisation: g.organisation, status: g.status, parts: g.events, review: g.review !== null,
    })),
    budget: budgetOverview(ports, ctx),
    taken: rows.filter((r) => r.status === 'Fattat'),
    pending: rows.filter((r) => r.status === 'Förslag'),
    review,
  };
}
