/**
 * Every Apps Script entry point, and nothing else. The build turns each export
 * into a top-level `function` of Code.js (menus, triggers, sidebar API,
 * custom functions). Nothing here runs at global scope: the bundle is
 * evaluated on every execution, including every cell edit and AuthMode.NONE.
 */
import { budgetOverview, guardLedgerEdit, summitAvailable } from '../app/budget';
import { loadContext } from '../app/context';
import type { ApiResult, OverviewView } from '../core/api';
import { msg } from '../core/msg';
import { SHEETS } from '../core/schema';
import { gasPorts } from './adapters';
import { failureMessage, handle, menuAction, noArgs, userLang } from './api';
import { setupWorkbook } from './setup';

type OpenEvent = { authMode?: GoogleAppsScript.Script.AuthMode } | undefined;

const MENU: readonly (readonly [string, string] | null)[] = [
  ['Budgetöversikt', 'menuOverview'],
  null,
  ['Konfigurera arbetsboken', 'menuSetup'],
];

// --- Triggers -----------------------------------------------------------------

/** Simple trigger. Works in AuthMode.NONE: builds the menu and touches nothing else. */
export function onOpen(_e?: OpenEvent): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU) {
    if (item) menu.addItem(item[0], item[1]);
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
  if (sheet !== SHEETS.ledger) return;
  const editor = e.user ? e.user.getEmail() : '';
  const ports = { ...gasPorts(), user: { email: () => (editor || '').trim().toLowerCase() } };
  const lang = userLang();
  try {
    const edit = {
      row: e.range.getRow(), column: e.range.getColumn(),
      numRows: e.range.getNumRows(), numColumns: e.range.getNumColumns(),
      ...('oldValue' in e ? { oldValue: e.oldValue } : {}),
      ...('value' in e ? { value: e.value } : {}),
    };
    const res = guardLedgerEdit(ports, edit);
    if (res.message) e.source.toast(res.message[lang], 'Summit Planner', 10);
  } catch (err) {
    e.source.toast(failureMessage(err)[lang], 'Summit Planner', 10);
  }
}

// --- Menu items ---------------------------------------------------------------

export function menuSetup(): void {
  menuAction((env) => setupWorkbook(env.ports).message);
}

export function menuOverview(): void {
  showSidebar('Overview', msg('Budgetöversikt', 'Budget overview'));
}

// --- Sidebar API (google.script.run) ---------------------------------------------

/** Budgetöversikt: everything the sidebar shows, in one round trip. Anyone may read. */
export function getOverview(...args: unknown[]): ApiResult<OverviewView> {
  return handle(noArgs, args, (_input, { ports }) => {
    const ctx = loadContext(ports);
    return { user: ctx.email, roles: ctx.roles, eventName: ctx.settings.eventName, overview: budgetOverview(ports, ctx) };
  });
}

// --- Custom functions ------------------------------------------------------------

/**
 * =SUMMIT_AVAILABLE("STOKAB"): the funder's available amount in kronor,
 * recomputed from the sheets (Sheets caches custom-function results per
 * argument; Översikt shows the live figures).
 */
export function SUMMIT_AVAILABLE(funder: unknown): number {
  try {
    return summitAvailable(gasPorts(), funder);
  } catch (err) {
    // The cell shows only the message; `cause` needs ES2022, beyond the es2020 we target.
    // eslint-disable-next-line preserve-caught-error
    throw new Error(failureMessage(err)[userLang()]);
  }
}

// --- Helpers (not entry points) -------------------------------------------------

function showSidebar(page: string, title: { sv: string; en: string }): void {
  const lang = userLang();
  const template = HtmlService.createTemplateFromFile(page);
  template.lang = lang;
  template.title = title[lang];
  const out = template.evaluate().setTitle(title[lang]);
  SpreadsheetApp.getUi().showSidebar(out);
}
