/**
 * The settings and review sidebars' API, and the log's acceptance: the use
 * cases are in src/app (settings.ts, review.ts); here, after a change of
 * roles or administrators, the protections follow (SpreadsheetApp).
 */
import type { Ports } from '../app/ports';
import { acceptLog, listReview, resolveReview, guardSheetEdit } from '../app/review';
import { saveSettings, settingsView } from '../app/settings';
import { readSettings } from '../app/context';
import type { Lang } from '../core/msg';
import type { SealedTable } from '../core/seal';
import { failureMessage, handle, noArgs, type Env } from './api';
import { one } from './invitations';
import { applyProtections, growOverviewSoon } from './setup';
import type { SheetEdit } from './adapters';

/** Re-applies the protections from the roles now in effect (after a role change; the caller is an administrator). */
function followRoles(ports: Env['ports']): number {
  return applyProtections(ports.workbook.spreadsheet(), readSettings(ports).settings, ports.user.email());
}

export const getSettings = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => settingsView(ports));

export const putSettings = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = saveSettings(ports, input);
  if (r.rolesChanged) followRoles(ports);
  return { changed: r.changed, message: r.message[lang] };
}, { write: 'saveSettings' });

export const getReview = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => listReview(ports));

export const decideChange = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = resolveReview(ports, input);
  if (r.rolesChanged) followRoles(ports);
  // A Program row typed, pasted or written through the Sheets API past Översikt's item rows: the section grows once it
  // is confirmed, by the code the paste's onEdit and the Program sidebar use (src/gas/setup.ts). The confirm is committed
  // by now: a busy lock leaves the growth to the next opening of the Program sidebar rather than report it as failed.
  if (r.table === 'program') {
    try { growOverviewSoon(ports, ports.workbook.spreadsheet()); } catch { /* the next opening of the Program sidebar grows it */ }
  }
  return { message: r.message[lang] };
}, { write: 'decideChange' });

export const acceptLogAsIs = (...args: unknown[]) => handle(noArgs, args, (_i, { ports, lang }) => ({ message: acceptLog(ports)[lang] }), { write: 'acceptLog' });

/** onEdit on Mallar, Evenemang, Budget, Omfördelningar, Inställningar: the toast text ('' when the edit stands silently). */
export function guardOtherSheetEdit(table: SealedTable, edit: SheetEdit, ports: Ports, lang: Lang): string {
  try {
    return guardSheetEdit(ports, table, edit)?.[lang] ?? '';
  } catch (err) {
    return failureMessage(err)[lang];
  }
}
