/**
 * Texts of Granska ändringar (src/ui/pages/Review.ts) and of the review box other sidebars show
 * (src/ui/pages/review-banner.ts): Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const reviewPageMsg = {
  loading: (): Msg => fixed('Hämtar ändringarna …', 'Loading the changes …'),
  /** A removed row's fields, where the now-value would be. */
  removedValue: (): Msg => fixed('(borttagen)', '(removed)'),
  loaded: (): Msg => fixed('Listan är uppdaterad.', 'The list is up to date.'),
  refresh: (): Msg => fixed('Uppdatera', 'Refresh'),
  user: (u: string, r: string): Msg => fixed(`Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`, `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`),
  admin: (): Msg => fixed('administratör', 'administrator'),
  empty: (): Msg => fixed('Inget väntar på granskning.', 'Nothing waits for review.'),
  intro: (): Msg => fixed('Ändringar som gjorts direkt på bladen (skrivna, inklistrade, borttagna rader, en återställd version) gäller inte förrän någon med rätt roll har godkänt dem. Ångra lägger tillbaka Summit Planners värden.', 'Changes made directly on the sheets (typed, pasted, rows removed, a version restored) have no effect until someone with the right role confirms them. Undo puts Summit Planner\'s values back.'),
  count: (n: number): Msg => both(
    (f) => `${f.count(n, 'ändring', 'ändringar')} väntar på granskning.`,
    (f) => `${f.count(n, 'change', 'changes')} ${f.plural(n, 'waits', 'wait')} for review.`),
  sheet: (s: string, n: number): Msg => fixed(`Bladet ${s} (${n})`, `Sheet ${s} (${n})`),
  kinds: {
    changed: (): Msg => fixed('Ändrad', 'Changed'),
    new: (): Msg => fixed('Ny rad', 'New row'),
    forged: (): Msg => fixed('Sigillet ändrat', 'Seal altered'),
    duplicate: (): Msg => fixed('Kopia', 'Copy'),
    stale: (): Msg => fixed('Äldre version', 'Older version'),
    missing: (): Msg => fixed('Borttagen rad', 'Removed row'),
  },
  row: (n: number): Msg => fixed(`rad ${n}`, `row ${n}`),
  field: (): Msg => fixed('Fält', 'Field'),
  before: (): Msg => fixed('Före', 'Before'),
  now: (): Msg => fixed('Nu', 'Now'),
  tableCaption: (what: string): Msg => fixed(`Före och nu: ${what}`, `Before and now: ${what}`),
  who: (w: string): Msg => fixed(`Beslutas av ${w}.`, `Decided by ${w}.`),
  notYours: (w: string): Msg => fixed(`Du kan inte besluta om ändringen: bara ${w} får göra det.`, `You cannot decide on this change: only ${w} may.`),
  onlyUndo: (): Msg => fixed('Raden kan bara ångras; gör sedan ändringen i sidopanelen.', 'The row can only be undone; then make the change in the sidebar.'),
  confirm: (): Msg => fixed('Godkänn ändringen', 'Confirm the change'),
  undo: (): Msg => fixed('Ångra ändringen', 'Undo the change'),
  note: (): Msg => fixed('Beslutsreferens (Dnr)', 'Decision reference (Dnr)'),
  noteHint: (): Msg => fixed('Krävs för att godkänna en ändrad tilldelning: ID eller Dnr för styrgruppens fattade beslut om budgetomfördelning i Beslut, till exempel B-0003.', 'Required to confirm a changed allocation: the ID or Dnr of the steering group\'s taken decision about a budget transfer in Beslut, for example B-0003.'),
  together: (n: number): Msg => both(
    (f) => `Tilldelningarna måste gå ihop: godkänner du den här godkänns också ${f.plural(n, 'den andra ändrade tilldelningen', `de ${f.num(n)} andra ändrade tilldelningarna`)}, med samma diarienummer.`,
    (f) => `The allocations must add up: confirming this one confirms ${f.plural(n, 'the other changed allocation', `the ${f.num(n)} other changed allocations`)} with it, under the same reference.`),
  noteRequired: (): Msg => fixed('Ange beslutsreferensen (Dnr) för att godkänna ändringen.', 'Give the decision reference (Dnr) to confirm the change.'),
  deciding: (what: string): Msg => fixed(`Sparar beslutet om ${what} …`, `Saving the decision on ${what} …`),
  logTitle: (): Msg => fixed('Loggen stämmer inte med sitt ankare', 'The log does not match its anchor'),
  logNotAdmin: (): Msg => fixed('En administratör måste godkänna loggen (eller återställa den ur versionshistoriken) innan något kan sparas.', 'An administrator must accept the log (or restore it from the version history) before anything can be saved.'),
  acceptLog: (): Msg => fixed('Godkänn loggen som den står …', 'Accept the log as it stands …'),
  acceptLogConfirm: (): Msg => fixed('Godkänna loggen som den står? Rader som tagits bort kommer inte tillbaka (återställ dem ur versionshistoriken först om de behövs). Beslutet loggas.', 'Accept the log as it stands? Rows that were removed do not come back (restore them from the version history first if they are needed). The decision is logged.'),
  acceptLogYes: (): Msg => fixed('Ja, godkänn loggen', 'Yes, accept the log'),
  back: (): Msg => fixed('Avbryt', 'Cancel'),
  accepting: (): Msg => fixed('Godkänner loggen …', 'Accepting the log …'),
  // The pointer other sidebars show.
  pointer: (): Msg => fixed('Ändringen godkänns eller ångras i Summit Planner → Granska ändringar.', 'The change is confirmed or undone in Summit Planner → Review changes.'),
  open: (): Msg => fixed('Öppna Granska ändringar', 'Open Review changes'),
  opening: (): Msg => fixed('Öppnar Granska ändringar …', 'Opening Review changes …'),
  waitingTitle: (): Msg => fixed('Ändringar som väntar på granskning', 'Changes that wait for review'),
  more: (n: number): Msg => fixed(`… och ${n} till`, `… and ${n} more`),
};
