/**
 * The one wrapper every sidebar-callable function goes through: validate the
 * arguments with zod, run the use case with fresh adapters, and turn expected
 * failures into a message in the user's language. Role checks happen inside
 * the use cases (src/app), so no path can skip them.
 */
import * as z from 'zod/mini';
import { lockBusyMsg } from '../app/budget';
import { LockTimeoutError, type Ports } from '../app/ports';
import type { ApiResult } from '../core/api';
import { langFromLocale, msg, UserError, type Lang, type Msg } from '../core/msg';
import { roleRequiredMsg } from '../core/settings';
import { gasPorts, type GasWorkbook } from './adapters';

export interface Env {
  readonly ports: Ports & { workbook: GasWorkbook };
  readonly lang: Lang;
}

export function userLang(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch {
    return 'sv';
  }
}

interface Issue { code?: string; path?: PropertyKey[]; maximum?: unknown; minimum?: unknown; origin?: string }

export function describeIssues(issues: readonly Issue[]): Msg {
  const first = issues[0] ?? {};
  const where = (first.path ?? []).filter((p) => typeof p !== 'symbol').join('.');
  const field = where ? ` (${where})` : '';
  let sv = 'ogiltigt värde';
  let en = 'invalid value';
  switch (first.code) {
    case 'invalid_type': sv = 'fel typ'; en = 'wrong type'; break;
    case 'too_big': sv = `för stort eller för långt (högst ${String(first.maximum)})`; en = `too large or too long (at most ${String(first.maximum)})`; break;
    case 'too_small': sv = `för litet eller för kort (minst ${String(first.minimum)})`; en = `too small or too short (at least ${String(first.minimum)})`; break;
    case 'unrecognized_keys': sv = 'okända fält'; en = 'unknown fields'; break;
    case 'invalid_format': sv = 'fel format'; en = 'wrong format'; break;
  }
  return msg(`Ogiltiga uppgifter${field}: ${sv}. Inget sparades.`, `Invalid input${field}: ${en}. Nothing was saved.`);
}

/**
 * True when the call runs with someone else's authority: a page of the web
 * app (deployed "execute as me") can call every top-level function, as the
 * deployer, for an anonymous visitor. Only the RSVP API may answer those.
 */
function borrowedAuthority(): boolean {
  const me = Session.getEffectiveUser().getEmail();
  return !!me && me.toLowerCase() !== (Session.getActiveUser().getEmail() || '').toLowerCase();
}

/**
 * Runs a sidebar call. `args` is the client's argument list, validated as a tuple: `schema`, or a
 * function returning it (so schemas can be built on first use instead of at global scope).
 */
export function handle<S extends z.ZodMiniType, T>(
  schema: S | (() => S),
  args: readonly unknown[],
  run: (input: z.infer<S>, env: Env) => T,
  forGuests = false,
): ApiResult<T> {
  const lang = userLang();
  if (!forGuests && borrowedAuthority()) return { ok: false, message: roleRequiredMsg(['projektledare', 'styrgrupp', 'ekonomi'])[lang] };
  const parsed = (typeof schema === 'function' ? schema() : schema).safeParse(args);
  if (!parsed.success) return { ok: false, message: describeIssues(parsed.error.issues as Issue[])[lang] };
  try {
    return { ok: true, data: run(parsed.data, { ports: gasPorts(), lang }) };
  } catch (e) {
    return { ok: false, message: failureMessage(e)[lang] };
  }
}

export function failureMessage(e: unknown): Msg {
  if (e instanceof UserError) return e.userMessage;
  if (e instanceof LockTimeoutError) return lockBusyMsg();
  console.error(e instanceof Error ? e.stack || e.message : String(e));
  const detail = e instanceof Error ? e.message : String(e);
  return msg(
    `Ett oväntat fel inträffade (${detail}). Kontrollera bladen och försök igen; felet är loggat.`,
    `An unexpected error occurred (${detail}). Check the sheets and try again; the error has been logged.`,
  );
}

/** For menu handlers: run, and show failures in an alert instead of a stack trace. */
export function menuAction(run: (env: Env) => Msg | void): void {
  const lang = userLang();
  const ui = SpreadsheetApp.getUi();
  try {
    const done = run({ ports: gasPorts(), lang });
    if (done) SpreadsheetApp.getActiveSpreadsheet().toast(done[lang], 'Summit Planner', 8);
  } catch (e) {
    ui.alert('Summit Planner', failureMessage(e)[lang], ui.ButtonSet.OK);
  }
}

let none: z.ZodMiniTuple<[], null> | undefined;
/** No arguments (built on first use: nothing runs at global scope). */
export const noArgs = (): z.ZodMiniTuple<[], null> => (none ??= z.tuple([]));
