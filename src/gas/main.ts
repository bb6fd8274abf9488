/**
 * Every Apps Script entry point, and nothing else. The build turns each export
 * into a top-level `function` of Code.js (menus, triggers, sidebar API,
 * custom functions). Nothing here runs at global scope: the bundle is
 * evaluated on every execution, including every cell edit and AuthMode.NONE.
 */
import { budgetOverview, summitAvailable } from '../app/budget';
import { loadFullContext } from '../app/context';
import type { Ports } from '../app/ports';
import type { ApiResult, OverviewView } from '../core/api';
import { UserError, type Lang, type Msg } from '../core/msg';
import { SHEETS } from '../core/schema';
import type { SealedTable } from '../core/seal';
import { roleRequiredMsg } from '../core/settings';
import { editOf, editorPorts, gasPorts, type SheetEdit } from './adapters';
import * as admin from './admin';
import { borrowedAuthority, failureMessage, handle, menuAction, noArgs, userLang } from './api';
import { growOverviewSoon, setupWorkbook } from './setup';
import * as inv from './invitations';
import * as program from './program';
import { rsvpPage, submitRsvp as answer } from './rsvp';
import * as selftest from './selftest';
import * as decisions from './decisions';
import { budgetForm, costList, guardLedgerSheetEdit, saveAllocation, saveCost, saveCostChange, saveTransfer, verifyLogAlert } from './budget';
import { gasMsg } from '../core/messages/gas';

type OpenEvent = { authMode?: GoogleAppsScript.Script.AuthMode } | undefined;

const MENU: readonly (readonly [() => Msg, string] | null)[] = [
  [gasMsg.menuOverview, 'menuOverview'],
  [gasMsg.menuCosts, 'menuCosts'],
  [gasMsg.menuBudget, 'menuBudget'],
  [gasMsg.menuGuests, 'menuGuests'],
  [gasMsg.menuInvitations, 'menuInvitations'],
  [gasMsg.menuReminders, 'menuReminders'],
  [gasMsg.menuProgram, 'menuProgram'],
  [gasMsg.menuDecisions, 'menuDecisions'],
  null,
  [gasMsg.menuReview, 'menuReview'],
  [gasMsg.menuVerifyLog, 'menuVerifyLog'],
  [gasMsg.menuSettings, 'menuSettings'],
  [gasMsg.menuSelfTest, 'menuSelfTest'],
  [gasMsg.menuSetup, 'menuSetup'],
];

/** Sheets whose typed edits the add-on judges against the journal (Kostnader and Gäster have their own guards). */
const OTHER_GUARDED: Readonly<Record<string, SealedTable>> = {
  [SHEETS.templates]: 'templates', [SHEETS.event]: 'event', [SHEETS.budget]: 'budget',
  [SHEETS.transfers]: 'transfers', [SHEETS.settings]: 'settings', [SHEETS.program]: 'program', [SHEETS.decisions]: 'decisions',
};

// --- Triggers -----------------------------------------------------------------

/**
 * Simple trigger. Works in AuthMode.NONE: builds the menu in the user's language and touches nothing
 * else (the locale needs no authorisation; userLang falls back to Swedish if it is refused).
 */
export function onOpen(_e?: OpenEvent): void {
  const lang = userLang();
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item) menu.addItem(item[0]()[lang], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

/** Runs in FULL when the add-on is installed; shows the menu at once. */
export function onInstall(e?: OpenEvent): void {
  onOpen(e);
}

/**
 * Simple trigger on every cell edit (30 s, LIMITED). Edits outside the guarded
 * sheets return after two cheap calls and no range read. Script writes never
 * fire it, so every server write path runs the same checks itself.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e || !e.range) return;
  const sheet = e.range.getSheet().getName();
  const other = OTHER_GUARDED[sheet];
  const guard = sheet === SHEETS.ledger ? guardLedgerSheetEdit : sheet === SHEETS.guests ? inv.guardGuestSheetEdit
    : other ? (edit: SheetEdit, ports: Ports, lang: Lang) => admin.guardOtherSheetEdit(other, edit, ports, lang) : null;
  if (!guard) return;
  const ports = editorPorts(e);
  const text = guard(editOf(e), ports, userLang());
  if (text) e.source.toast(text, 'Summit Planner', 10);
  // Rows pasted onto Program past Översikt's item rows are shown there at once (src/gas/setup.ts); only Program's editors can paste there.
  if (sheet === SHEETS.program) {
    try { growOverviewSoon(ports, e.source); } catch { /* the next opening of the Program sidebar grows it */ }
  }
}

// --- Menu items ---------------------------------------------------------------

export function menuSetup(): void {
  menuAction((env) => setupWorkbook(env.ports).message, 'menuSetup');
}

export function menuOverview(): void {
  showSidebar('Overview', menuTitle('menuOverview'));
}

/** Sidebar "Kostnader": register a cost; change, or cancel one. */
export function menuCosts(): void {
  showSidebar('Costs', menuTitle('menuCosts'));
}

/** Sidebar "Fördela budget": allocation and transfers (steering group). */
export function menuBudget(): void {
  showSidebar('Budget', menuTitle('menuBudget'));
}

/** "Verifiera loggen": checks Logg's hash chain against its anchor, names the first bad row. */
export function menuVerifyLog(): void {
  verifyLogAlert();
}

/** Sidebar "Granska ändringar": changes made outside the add-on, to confirm or undo (the role of each sheet). */
export function menuReview(): void {
  showSidebar('Review', menuTitle('menuReview'));
}

/** Sidebar "Inställningar och roller": roles and settings (administrators), event details (project leader). */
export function menuSettings(): void {
  showSidebar('Settings', menuTitle('menuSettings'));
}

/** Sidebar "Självtest av installationen": every platform assumption checked on this installation (administrators). */
export function menuSelfTest(): void {
  showSidebar('SelfTest', menuTitle('menuSelfTest'));
}

/** Sidebar "Gäster": the invitation list, the cap, add/edit, approve, resolve, import. */
export function menuGuests(): void {
  showSidebar('Guests', menuTitle('menuGuests'));
}

/** Sidebar "Inbjudningar": preview, test mail, send with progress. */
export function menuInvitations(): void {
  showSidebar('Invitations', menuTitle('menuInvitations'));
}

/** "Skicka påminnelse": the Inbjudningar sidebar opened at its reminder step (the send is the project leader's; the page says so to anyone else). */
export function menuReminders(): void {
  showSidebar('Invitations', menuTitle('menuReminders'), 'reminders');
}

/** Sidebar "Program": the items, who is invited and answered, seats left; add/change (projektledare), decide (styrgrupp). */
export function menuProgram(): void {
  showSidebar('Program', menuTitle('menuProgram'));
}

/** Sidebar "Beslut": the steering group's decision register (recorded by the steering group, read by everyone). */
export function menuDecisions(): void {
  showSidebar('Decisions', menuTitle('menuDecisions'));
}

/**
 * Beslutsunderlag, opened from the Beslut sidebar: the one-page summary for the steering group's meeting in a
 * modeless dialog (the sheet stays usable; the page prints on A4 from the browser).
 */
export function menuSummary(): void {
  const lang = userLang();
  const title = gasMsg.briefTitle()[lang];
  const template = HtmlService.createTemplateFromFile('Summary');
  template.lang = lang;
  template.title = title;
  SpreadsheetApp.getUi().showModelessDialog(template.evaluate().setTitle(title).setWidth(900).setHeight(640), title);
}

// --- Sidebar API (google.script.run) ---------------------------------------------

/** Budgetöversikt: everything the sidebar shows, in one round trip. Anyone may read. */
export function getOverview(...args: unknown[]): ApiResult<OverviewView> {
  return handle(noArgs, args, (_input, { ports }) => {
    const ctx = loadFullContext(ports);
    return { user: ctx.email, roles: ctx.roles, eventName: ctx.settings.eventName, overview: budgetOverview(ports, ctx) };
  });
}

/** Kostnader form: funders with available amounts, categories, statuses, the user's roles. */
export function getBudgetForm(...args: unknown[]) {
  return budgetForm(args);
}

/** Recent costs for the change/cancel list: `[{ funder?, status?, limit? }]`. */
export function listCosts(...args: unknown[]) {
  return costList(args);
}

/** Registers a cost (ekonomi): `[{ funder, category, description, amount, date, supplier?, reference?, status? }]`. */
export function recordCost(...args: unknown[]) {
  return saveCost(args);
}

/** Changes a cost's status and/or amount, or cancels it (ekonomi): `[{ id, status?, amount? }]`. */
export function updateCost(...args: unknown[]) {
  return saveCostChange(args);
}

/** Moves allocation between funders (styrgrupp): `[{ from, to, amount, decisionRef, comment? }]`. */
export function transferFunds(...args: unknown[]) {
  return saveTransfer(args);
}

/** Sets the total and the allocations (styrgrupp): `[{ total?, allocations: [{ funder, amount }] }]`. */
export function allocate(...args: unknown[]) {
  return saveAllocation(args);
}

// Gäster and Inbjudningar (src/gas/invitations.ts; roles are checked in src/app).

/** The guest list with statuses, the cap and over-cap proposals. Anyone may read. */
export function getGuests(...args: unknown[]) { return inv.getGuests(...args); }
/** Adds (no `id`) or edits a guest (projektledare): `[{ id?, firstName, lastName, email, language, … }]`. */
export function saveGuest(...args: unknown[]) { return inv.saveGuest(...args); }
/** Approves proposals under the cap (styrgrupp): `[{ ids }]`. */
export function approve(...args: unknown[]) { return inv.approve(...args); }
/** The caterer's dietary list, consented needs of guests who said yes: `[{ names }]` (names: projektledare only). */
export function getDietaryList(...args: unknown[]) { return inv.getDietaryList(...args); }
/** Withdraws approval (styrgrupp): `[{ ids }]`. */
export function unapprove(...args: unknown[]) { return inv.unapprove(...args); }
/** Resolves Osäker/Misslyckad (projektledare): `[{ id, to: 'Inbjuden' | 'Godkänd' }]`. */
export function resolveSend(...args: unknown[]) { return inv.resolveSend(...args); }
/** Records Återbud (projektledare): `[{ id }]`; the seats it frees are offered to the waiting list at once. */
export function cancelGuest(...args: unknown[]) { return inv.cancelGuest(...args); }
/** Mails a failed confirmation of an answer again (projektledare): `[{ id }]`; only when Logg proves nothing left. */
export function resendConfirmation(...args: unknown[]) { return inv.resendConfirmationOf(...args); }
/** Marks a failed confirmation of an answer as dealt with (projektledare): `[{ id }]`; its note line goes, logged. */
export function dismissConfirmation(...args: unknown[]) { return inv.dismissConfirmationOf(...args); }
/** Checks pasted/CSV text, writes nothing (projektledare): `[{ text, defaultLanguage? }]`. */
export function previewImport(...args: unknown[]) { return inv.previewImport(...args); }
/** Imports the valid rows as proposals (projektledare): `[{ text, defaultLanguage? }]`. */
export function importGuestRows(...args: unknown[]) { return inv.importGuestRows(...args); }
/** Who would get an invitation now and from which account (projektledare). */
export function getSendPlan(...args: unknown[]) { return inv.getSendPlan(...args); }
/** Exactly what one guest gets (projektledare, styrgrupp): `[{ guestId, kind? }]` (kind 'reminder': the reminder). */
export function previewMail(...args: unknown[]) { return inv.previewMail(...args); }
/** Sends that guest's invitation (or reminder) to the current user only: `[{ guestId, kind? }]`. */
export function sendTestMail(...args: unknown[]) { return inv.sendTestMail(...args); }
/** One batch of "Skicka inbjudningar" (projektledare): `[{ batchSize }]`; call again until `done`. */
export function sendInvitations(...args: unknown[]) { return inv.sendInvitations(...args); }
/** Who a reminder would reach, with each guest's last reminder and the latest round (projektledare). */
export function getReminderPlan(...args: unknown[]) { return inv.getReminderPlan(...args); }
/** One batch of "Skicka påminnelse" (projektledare): `[{ batchSize, round }]` (round 0 starts one); call again with the round until `done`. */
export function sendReminders(...args: unknown[]) { return inv.sendReminders(...args); }
/** After the event: removes contact details and dietary needs, revokes every RSVP link (projektledare): `[{ confirm: true }]`. */
export function purgePersonalData(...args: unknown[]) { return inv.purgeGuests(...args); }

// Program (src/gas/program.ts; roles are checked in src/app/program.ts).

/** The items with per-item invited/yes/no/not answered and seats left. Anyone may read. */
export function getProgram(...args: unknown[]) { return program.getProgram(...args); }
/** Adds (no `id`) or changes an item (projektledare): `[{ id?, title, type, date, start, end, organiser, place?, responsible?, capacity?, category?, note? }]`. */
export function saveProgramItem(...args: unknown[]) { return program.saveItem(...args); }
/** Decides an item's status (styrgrupp): `[{ id, status: 'förslag' | 'beslutad' }]`. */
export function decideProgramItem(...args: unknown[]) { return program.decideItem(...args); }
/** Deletes a proposal nobody is invited to (projektledare): `[{ id }]`. */
export function deleteProgramItem(...args: unknown[]) { return program.deleteItem(...args); }

// Beslut and Beslutsunderlag (src/gas/decisions.ts; the role is checked in src/app/decisions.ts).

/** The decision register, newest first, with what waits for review. Anyone may read. */
export function getDecisions(...args: unknown[]) { return decisions.getDecisions(...args); }
/** Records a decision (styrgrupp): `[{ date, subject, text, reference?, decidedBy, status, note? }]`. */
export function recordDecision(...args: unknown[]) { return decisions.putDecision(...args); }
/** Changes a decision (styrgrupp): `[{ id, date, subject, text, reference?, decidedBy, status, note? }]`; a taken one only to revoked. */
export function changeDecision(...args: unknown[]) { return decisions.editDecision(...args); }
/** Everything Beslutsunderlag shows. Anyone may read. */
export function getSummary(...args: unknown[]) { return decisions.getSummary(...args); }

// Inställningar och roller, Granska ändringar (src/gas/admin.ts; roles are checked in src/app).

/** The settings as in effect, who may change which part, what waits for review. Anyone may read. */
export function getSettings(...args: unknown[]) { return admin.getSettings(...args); }
/** Saves one sheet's changed values: `[{ sheet: 'settings' | 'event', values: { key: value } }]` (administrators / project leader). */
export function saveSettings(...args: unknown[]) { return admin.putSettings(...args); }
/** Everything that waits for review (role holders and administrators). */
export function getReview(...args: unknown[]) { return admin.getReview(...args); }
/** Confirms or undoes one change: `[{ id, action: 'confirm' | 'undo', note? }]` (the sheet's role). */
export function decideChange(...args: unknown[]) { return admin.decideChange(...args); }
/** Accepts Logg as it stands after rows were added or removed by hand (administrators). */
export function acceptLog(...args: unknown[]) { return admin.acceptLogAsIs(...args); }
/** The installation self-test's checks and the signed link to the web app's own (administrators). */
export function getSelfTest(...args: unknown[]) { return selftest.getSelfTest(...args); }

// --- RSVP web app (the guest is anonymous: the token in the link is the only authority) ---

/** The guest's RSVP page for `?w=<tag>&g=<guest ID>&v=<version>&t=<token>`, or the self-test's page for `?selftest=…`. */
export function doGet(e?: { parameter?: Record<string, string> }) {
  const p = e?.parameter;
  if (p?.selftest === undefined) return rsvpPage(e);
  // A self-test link that doesn't verify, or has expired, gets the RSVP page's neutral answer and nothing else.
  return selftest.webAppSelfTest(p) ?? rsvpPage({ parameter: {} });
}
/** Records the guest's answer from the RSVP page: `[{ w, g, v, t, answer: 'ja' | 'nej', diet?, consent? }]`. */
export function submitRsvp(...args: unknown[]) { return answer(...args); }

// --- Custom functions ------------------------------------------------------------

/**
 * =SUMMIT_AVAILABLE("STOKAB"): the funder's available amount in kronor,
 * recomputed from the sheets (Sheets caches custom-function results per
 * argument; Översikt shows the live figures).
 */
export function SUMMIT_AVAILABLE(funder: unknown): number {
  try {
    // Callable from the web app's page too (every top-level function is): there it runs as the deployer for an anonymous visitor.
    if (borrowedAuthority()) throw new UserError(roleRequiredMsg(['projektledare', 'styrgrupp', 'ekonomi']));
    return summitAvailable(gasPorts(), funder);
  } catch (err) {
    // The cell shows only the message; `cause` needs ES2022, beyond the es2020 we target.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(failureMessage(err)[userLang()]);
  }
}

// --- Helpers (not entry points) -------------------------------------------------

/** A sidebar's title is its menu item's text. */
function menuTitle(fn: string): Msg {
  const item = MENU.find((i) => i?.[1] === fn);
  if (!item) throw new Error(`No menu item calls ${fn}`);
  return item[0]();
}

function showSidebar(page: string, title: { sv: string; en: string }, start = ''): void {
  const lang = userLang();
  const template = HtmlService.createTemplateFromFile(page);
  template.lang = lang;
  template.start = start;
  template.title = title[lang];
  const out = template.evaluate().setTitle(title[lang]);
  SpreadsheetApp.getUi().showSidebar(out);
}
