/**
 * Issue 4 on Apps Script: the sidebar API of "Gäster" and "Inbjudningar",
 * the RSVP-link adapter and the Gäster edit guard. Every function validates
 * its argument list (handle) and delegates to a use case in src/app, where
 * the role checks live. Re-exported as entry points by main.ts.
 */
import * as z from 'zod/mini';
import { dietaryList } from '../app/answers';
import {
  addGuest, approveGuests, capFigures, editGuest, guardGuestEdit, importGuests, listGuests, previewGuestImport,
  purgePersonalData, resolveGuestSend, unapproveGuests,
} from '../app/guests';
import { previewInvitation, sendBatch, sendTestInvitation, type RsvpLinks } from '../app/merge';
import { recordCancellation } from '../app/cancel';
import { dismissConfirmation, resendConfirmation } from '../app/confirm-resend';
import { deadlineEnd } from '../app/rsvp';
import { guestsPassedOn } from '../app/waitlist';
import type { Ports } from '../app/ports';
import { planSend } from '../app/send-plan';
import { planReminders, sendReminderBatch } from '../app/remind';
import { loadFullContext, type FullContext } from '../app/context';
import { citableDecisions } from '../app/register';
import { knownName, refOf } from '../core/guests';
import { UserError, type Lang } from '../core/msg';
import { rsvpUrl, workbookTag } from '../core/rsvp';
import type { GasPorts, SheetEdit } from './adapters';
import { failureMessage, handle, noArgs } from './api';
import { mergeMsg } from '../core/messages/merge';
import { gasMsg } from '../core/messages/gas';

export const RSVP_SECRET_KEY = 'summit.rsvp.secret';
/** Script property `summit.workbook.<tag>` → the file ID of the workbook whose links carry that tag. */
export const WORKBOOK_PREFIX = 'summit.workbook.';

const noWebApp = (): UserError => new UserError(mergeMsg.rsvpPageWebApp());

/**
 * The HMAC key of the RSVP tokens: script properties, created once (under the script lock, so two
 * first runs agree). `peek` reads it outside the lock (the execution's snapshot of its properties);
 * under the lock it is read again from the store.
 */
export function rsvpSecret(props = PropertiesService.getScriptProperties(), peek: (key: string) => string | null = (k) => props.getProperty(k)): string {
  const have = peek(RSVP_SECRET_KEY);
  if (have) return have;
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000)) throw new UserError(mergeMsg.couldNotCreateRsvp());
  try {
    const again = props.getProperty(RSVP_SECRET_KEY);
    if (again) return again;
    const secret = `${Utilities.getUuid()}${Utilities.getUuid()}`;
    props.setProperty(RSVP_SECRET_KEY, secret);
    return secret;
  } finally {
    lock.releaseLock();
  }
}

const devOnly = (): UserError => new UserError(mergeMsg.rsvpPageRunsOnly());

/** The web app's URL, '' when it is not deployed. */
const webAppUrl = (): string => ScriptApp.getService().getUrl() || '';

/**
 * Why no guest can use a link to `url`, or null. getUrl() is null before the
 * first deployment and the /dev URL in the developer's test deployment
 * (…/reference/script/service); only a deployed /exec URL works for guests.
 */
const linkProblem = (url: string): UserError | null => (!url ? noWebApp() : /\/exec$/.test(url) ? null : devOnly());

/**
 * This workbook's tag, recorded (script properties) so the web app can find
 * the workbook from a link: an add-on's web app has no document of its own.
 */
export function workbookTagOf(secret: string, ports?: GasPorts): string {
  const id = ports ? ports.workbook.spreadsheetId() : SpreadsheetApp.getActiveSpreadsheet().getId();
  const tag = workbookTag(secret, id);
  if (ports) {
    if (ports.properties.peek(WORKBOOK_PREFIX + tag) !== id) ports.properties.setRaw(WORKBOOK_PREFIX + tag, id);
    return tag;
  }
  const props = PropertiesService.getScriptProperties();
  if (props.getProperty(WORKBOOK_PREFIX + tag) !== id) props.setProperty(WORKBOOK_PREFIX + tag, id);
  return tag;
}

/**
 * Personal links `<web app>?w=<workbook tag>&g=<id>&v=<version>&t=<HMAC>`; a
 * few service calls per execution, none per guest. The use case calls this after its role check
 * (the key is never created for someone without the role) and before it takes
 * the lock (rsvpSecret() may take that same lock, and releasing it inside a
 * critical section would end the section).
 */
export const rsvpLinks = (url?: string, ports?: GasPorts): RsvpLinks => () => {
  const base = url ?? webAppUrl();
  const problem = linkProblem(base);
  // With the execution's ports: its script properties and file ID, fetched once for the whole call.
  const secret = problem ? '' : ports ? rsvpSecret(ports.properties.script(), (k) => ports.properties.peek(k)) : rsvpSecret();
  const tag = problem ? '' : workbookTagOf(secret, ports);
  return (g): string => {
    if (problem) throw problem;
    return rsvpUrl(base, secret, g.id, g.version, tag);
  };
};

// Built on first use: nothing runs at global scope.
let oneArg: z.ZodMiniTuple<[z.ZodMiniUnknown], null> | undefined;
/** One argument, passed as is: the use case checks the role, then validates it with its own schema. */
export const one = (): z.ZodMiniTuple<[z.ZodMiniUnknown], null> => (oneArg ??= z.tuple([z.unknown()]));
/** A sidebar call whose one argument goes straight to the use case; a write's refusals are logged under its name. */
const pass = <T>(useCase: (ports: Ports, input: unknown) => T, write?: string) =>
  (...args: unknown[]) => handle(one, args, ([input], { ports }) => useCase(ports, input), { write });
const viewerOf = (ctx: FullContext) => {
  const known = ctx.parts().known.map(refOf);
  return { user: ctx.email, roles: ctx.roles, eventName: ctx.settings.eventName, events: known.map((k) => k.id), eventNames: Object.fromEntries(known.map((k) => [k.id, knownName(k)])) };
};
const viewer = (ports: Ports) => viewerOf(loadFullContext(ports));

// --- Gäster ---------------------------------------------------------------------

/**
 * The list with statuses and the cap; anyone may read (the sheet is shared with them anyway). Opened by
 * the project leader, it first passes on the seats the waiting lists are owed (src/app/waitlist.ts).
 */
export const getGuests = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => {
  const ctx = loadFullContext(ports);
  const check = guestsPassedOn(ports, ctx, rsvpLinks(), deadlineEnd(ctx.settings.rsvpDeadline));
  return { ...viewerOf(ctx), admin: ctx.admin, list: listGuests(ports, ctx, check), decisions: citableDecisions(ctx.journal, 'approval') };
});

/** Adds a guest (no id) or edits one (with id); projektledare. */
export const saveGuest = (...args: unknown[]) => handle(one, args, ([input], { ports }) => {
  if (input && typeof input === 'object' && 'id' in input) {
    editGuest(ports, input);
    return { id: String((input as { id: unknown }).id) };
  }
  return addGuest(ports, input);
}, { write: 'saveGuest' });

/** A refusal (the cap, a role) brings the cap's figures as they are now, so the page shows no stale "N av 30". */
export const approve = (...args: unknown[]) =>
  handle(one, args, ([input], { ports }) => approveGuests(ports, input), { write: 'approve', refusal: ({ ports }) => capFigures(ports) });
export const unapprove = pass(unapproveGuests, 'unapprove');
export const resolveSend = pass(resolveGuestSend, 'resolveSend');
/** Återbud for one guest (`[{ id }]`, projektledare): the seats it frees are offered to the first guests waiting at once. */
export const cancelGuest = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = recordCancellation(ports, input, rsvpLinks());
  return { offers: r.offers, message: r.message[lang] };
}, { write: 'cancelGuest' });
/** "Skicka bekräftelsen igen" for one guest (`[{ id }]`, projektledare): only a confirmation Logg proves never left. */
export const resendConfirmationOf = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = resendConfirmation(ports, input, rsvpLinks());
  return { message: r.message[lang] };
}, { write: 'resendConfirmation' });
/** "Markera som hanterad" for one guest's failed confirmation (`[{ id }]`, projektledare). */
export const dismissConfirmationOf = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => ({
  message: dismissConfirmation(ports, input).message[lang],
}), { write: 'dismissConfirmation' });
export const previewImport = pass(previewGuestImport);
export const importGuestRows = pass(importGuests, 'importGuestRows');
/** The caterer's dietary list (`[{ names }]`): without names for anyone who may read the list, with names for the project leader. */
export const getDietaryList = pass(dietaryList);
/** After the event: removes contact details and dietary needs, revokes every RSVP link (projektledare, administrators): `[{ confirm: true }]`. */
export const purgeGuests = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = purgePersonalData(ports, input);
  return { purged: r.purged, message: r.message[lang] };
}, { write: 'purgePersonalData' });

// --- Inbjudningar ------------------------------------------------------------------

/** Who would get an invitation now, from which account; projektledare. */
export const getSendPlan = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => ({ ...viewer(ports), plan: planSend(ports, rsvpLinks()) }));

export const previewMail = pass((ports, input) => previewInvitation(ports, input, rsvpLinks()));

export const sendTestMail = pass((ports, input) => sendTestInvitation(ports, input, rsvpLinks()), 'sendTestMail');

/** One batch of the real send (the client calls again while `done` is false). Refuses up front without a deployed /exec URL. */
export const sendInvitations = (...args: unknown[]) => handle(one, args, ([input], { ports }) => {
  const url = webAppUrl();
  const problem = linkProblem(url);
  if (problem) throw problem;
  return sendBatch(ports, input, rsvpLinks(url, ports));
}, { write: 'sendInvitations' });

/** Who a reminder round would reach, each guest's last reminder, the latest round; projektledare. */
export const getReminderPlan = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => ({ ...viewer(ports), plan: planReminders(ports, rsvpLinks()) }));

/** One batch of a reminder round (`round` 0 starts one; the client continues the round it got back). Refuses up front without a deployed /exec URL. */
export const sendReminders = (...args: unknown[]) => handle(one, args, ([input], { ports }) => {
  const url = webAppUrl();
  const problem = linkProblem(url);
  if (problem) throw problem;
  return sendReminderBatch(ports, input, rsvpLinks(url, ports));
}, { write: 'sendReminders' });

// --- onEdit on Gäster ----------------------------------------------------------------

/** Judges a direct edit of Gäster as `editor`; returns the toast text, or '' when the edit is fine. */
export function guardGuestSheetEdit(edit: SheetEdit, ports: Ports, lang: Lang): string {
  try {
    const d = guardGuestEdit(ports, { row: edit.row, column: edit.column, numRows: edit.numRows, numColumns: edit.numColumns });
    if (d.action === 'revert' || d.action === 'accept') return d.message?.[lang] ?? '';
    if (d.action === 'flag' && d.rows) {
      return d.rows.slice(0, 5).map((r) => gasMsg.rowFlagged(r.row, r.reasons)[lang]).join(' · ')
        + (d.rows.length > 5 ? ` (+${d.rows.length - 5})` : '');
    }
    return '';
  } catch (err) {
    return failureMessage(err)[lang];
  }
}
