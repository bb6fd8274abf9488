/**
 * Messages of the Apps Script entry points (src/gas: the menu, the sidebar API's refusals, dialogs, the RSVP
 * page's frame): Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const gasMsg = {
  menuOverview: (): Msg => fixed('Budgetöversikt', 'Budget overview'),
  menuCosts: (): Msg => fixed('Kostnader', 'Costs'),
  menuBudget: (): Msg => fixed('Fördela budget', 'Allocate the budget'),
  menuGuests: (): Msg => fixed('Gäster', 'Guests'),
  menuInvitations: (): Msg => fixed('Inbjudningar', 'Invitations'),
  menuReminders: (): Msg => fixed('Skicka påminnelse', 'Send a reminder'),
  menuProgram: (): Msg => fixed('Program', 'Programme'),
  menuDecisions: (): Msg => fixed('Beslut', 'Decisions'),
  menuReview: (): Msg => fixed('Granska ändringar', 'Review changes'),
  menuVerifyLog: (): Msg => fixed('Verifiera loggen', 'Verify the log'),
  menuSettings: (): Msg => fixed('Inställningar och roller', 'Settings and roles'),
  menuSelfTest: (): Msg => fixed('Självtest av installationen', 'Installation self-test'),
  menuSetup: (): Msg => fixed('Konfigurera arbetsboken', 'Set up the workbook'),
  briefTitle: (): Msg => fixed('Beslutsunderlag', 'Steering group brief'),
  rsvpHeading: (): Msg => fixed('Svar på inbjudan', 'Reply to the invitation'),
  rsvpUnavailable: (): Msg => fixed(
    'Sidan kan inte visas just nu. Försök igen senare.',
    'The page cannot be shown right now. Please try again later.'),
  /** What zod found wrong with a sidebar call's input; `why` from the issue words below. */
  invalidInput: (where: string, why: Msg): Msg => both(
    (f) => `Ogiltiga uppgifter${where ? ` (${where})` : ''}: ${f.m(why)}. Inget sparades.`,
    (f) => `Invalid input${where ? ` (${where})` : ''}: ${f.m(why)}. Nothing was saved.`),
  issueInvalid: (): Msg => fixed('ogiltigt värde', 'invalid value'),
  issueType: (): Msg => fixed('fel typ', 'wrong type'),
  issueTooBig: (max: string): Msg => fixed(`för stort eller för långt (högst ${max})`, `too large or too long (at most ${max})`),
  issueTooSmall: (min: string): Msg => fixed(`för litet eller för kort (minst ${min})`, `too small or too short (at least ${min})`),
  issueUnknownKeys: (): Msg => fixed('okända fält', 'unknown fields'),
  issueFormat: (): Msg => fixed('fel format', 'wrong format'),
  noUser: (): Msg => fixed(
    'Summit Planner kan inte se vem du är, så inget kan visas eller sparas. Logga in med ditt konto i stadens Google Workspace och öppna kalkylarket igen.',
    'Summit Planner cannot tell who you are, so nothing can be shown or saved. Sign in with your account in the city\'s Google Workspace and open the spreadsheet again.'),
  protectedRange: (): Msg => fixed(
    'Google Sheets stoppade ändringen: bladet är skyddat och ditt konto finns inte bland dem som får ändra det. Rollerna och skydden sätts av en administratör i Summit Planner → Inställningar. Inget annat ändrades.',
    'Google Sheets stopped the change: the sheet is protected and your account is not among those who may edit it. Roles and protections are set by an administrator in Summit Planner → Settings. Nothing else was changed.'),
  unexpected: (detail: string): Msg => fixed(
    `Ett oväntat fel inträffade (${detail}). Kontrollera bladen och försök igen; felet är loggat.`,
    `An unexpected error occurred (${detail}). Check the sheets and try again; the error has been logged.`),
  /** A row of Gäster the onEdit guard flags: "Rad 3: …". */
  rowFlagged: (row: number, reasons: readonly Msg[]): Msg => both(
    (f) => `Rad ${row}: ${reasons.map(f.m).join(' ')}`,
    (f) => `Row ${row}: ${reasons.map(f.m).join(' ')}`),
  rowRemovedOutside: (): Msg => fixed('Raden har tagits bort utanför Summit Planner.', 'The row was removed outside Summit Planner.'),
};
