/**
 * The caterer's dietary list for the Gäster sidebar (the summary of the
 * answers, counts only, comes with the guest list: src/app/guests.ts).
 *
 * Who sees whose need (health data, GDPR art. 9; minimisation and privacy by
 * default, art. 5.1 c and 25):
 * - the project leader may ask for names: she answers the guests, arranges
 *   the catering and seats the dinner, and is the one role that keeps the
 *   guests' personal data (she adds, edits and purges it);
 * - the steering group sees the needs without names. It decides the
 *   invitation list and the representation dinner, which needs how many of
 *   which needs, not who has them; its members see the guest list, so a list
 *   with names would tie a health detail to a person they decide about;
 * - finance staff and users without a role see the same list without names
 *   (they can read Gäster in the sheet, so the sidebar shows them no more than
 *   the sheet does, and no less than the caterer's copy).
 * Only guests who said yes and consented are on the list (src/app/rsvp.ts
 * records the consent); once the retention period has passed nothing is
 * shown, purged or not: the list's purpose ended with the event.
 */
import * as z from 'zod/mini';
import { dietList, type DietList } from '../core/answers';
import { GUEST_COLUMNS } from '../core/guests';
import { UserError, type Msg } from '../core/msg';
import { loadFullContext, type FullContext } from './context';
import type { DietForm, Holds, Same } from './contract';
import { parseInput, retentionOf } from './guests';
import { guestName, guestRows, type GuestRow } from './invite-rows';
import { checkTable, type TableCheck } from './journal';
import type { Ports } from './ports';
import { guestsMsg } from '../core/messages/guests';

export interface DietView {
  /** The entries carry names (the project leader asked for them). */
  readonly names: boolean;
  /** Why nothing is shown (the retention period has passed), or null. */
  readonly withheld: Msg | null;
  readonly list: DietList;
  /** Guests who said yes but wait for review: left out until a person has looked at the change. */
  readonly waiting: number;
}

const buildDiet = () => z.strictObject({ names: z.boolean() });
/** The page's argument (the contract) and this schema agree both ways: neither can drift. */
export type DietAgrees = Holds<Same<z.output<ReturnType<typeof buildDiet>>, DietForm>>;
let schema: ReturnType<typeof buildDiet> | undefined;
const dietSchema = () => (schema ??= buildDiet());

export const namesRefusedMsg = (): Msg => guestsMsg.namesRefused();

const withheldMsg = (until: string): Msg => guestsMsg.withheld(until);

/** Samtycke kost as the sheet has it, for a verified row ('' when the column is missing). */
const consentOf = (check: TableCheck, index: number): boolean => {
  const c = check.t.col[GUEST_COLUMNS.consent];
  return c !== undefined && check.t.snap.rows[index][c] !== '';
};

/**
 * The caterer's list (`{ names: boolean }`): anyone who may read the guest
 * list gets it without names; names only for the project leader (refused
 * otherwise, naming the `names` field). Reads Inställningar, Evenemang and
 * Gäster; writes nothing.
 */
export function dietaryList(ports: Ports, input: unknown, ctx: FullContext = loadFullContext(ports)): DietView {
  const { names } = parseInput(dietSchema(), input);
  if (names && !ctx.roles.includes('projektledare')) throw new UserError(namesRefusedMsg(), 'names');
  const check = checkTable(ctx.journal, 'guests');
  const rows = guestRows(check);
  const empty: DietList = { entries: [], guests: 0, unconsented: 0 };
  const retention = retentionOf(ctx.settings, rows, ports.clock.now());
  if (retention.passed) return { names, withheld: withheldMsg(retention.until), list: empty, waiting: 0 };
  // Only rows the journal vouches for: a consent typed into the sheet is not a consent.
  const verified = rows.filter((r): r is GuestRow & { index: number } => r.unverified === null && r.index !== null);
  const list = dietList(
    verified.map((r) => ({ ...r.guest, name: guestName(r.guest), consent: consentOf(check, r.index) })),
    ctx.parts().known, names,
  );
  const waiting = rows.filter((r) => r.unverified !== null && r.guest.status === 'Tackat ja').length;
  return { names, withheld: null, list, waiting };
}
