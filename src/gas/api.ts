/**
 * The one wrapper every sidebar-callable function goes through: validate the
 * arguments with zod, run the use case with fresh adapters, and turn expected
 * failures into a message in the user's language. Role checks happen inside
 * the use cases (src/app), so no path can skip them.
 */
import * as z from 'zod/mini';
import { lockBusyMsg } from '../app/budget';
import { logRefusal } from '../app/refusals';
import { LockTimeoutError, type UserPort } from '../app/ports';
import type { ApiRefusal, ApiResult } from '../core/api';
import { langFromLocale, UserError, type Lang, type Msg } from '../core/msg';
import { roleRequiredMsg } from '../core/settings';
import { gasPorts, gasUser, type GasPorts } from './adapters';
import { gasMsg } from '../core/messages/gas';

export interface Env {
  readonly ports: GasPorts;
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
  return gasMsg.invalidInput(where, issueWords(first));
}

/** What zod's issue says, in words. */
function issueWords(first: Issue): Msg {
  switch (first.code) {
    case 'invalid_type': return gasMsg.issueType();
    case 'too_big': return gasMsg.issueTooBig(String(first.maximum));
    case 'too_small': return gasMsg.issueTooSmall(String(first.minimum));
    case 'unrecognized_keys': return gasMsg.issueUnknownKeys();
    case 'invalid_format': return gasMsg.issueFormat();
    default: return gasMsg.issueInvalid();
  }
}

/**
 * Why the caller may not use the sidebar API at all, or null. Fail closed:
 * a caller Apps Script can't name (another domain, a simple trigger) is
 * refused, and so is a call that runs with someone else's authority — a page
 * of the web app (deployed "execute as me") can call every top-level
 * function, as the deployer, for an anonymous visitor. Only the RSVP API
 * answers those.
 */
export function callerProblem(user: UserPort = gasUser): Msg | null {
  const active = user.email();
  if (!active) {
    return gasMsg.noUser();
  }
  const me = (Session.getEffectiveUser().getEmail() || '').trim().toLowerCase();
  if (me !== active) return roleRequiredMsg(['projektledare', 'styrgrupp', 'ekonomi']);
  return null;
}

/**
 * True when the call runs with someone else's authority: in the web app
 * ("execute as me") the effective user is the deployer and the active user
 * the visitor (blank when anonymous). Elsewhere they are the same account
 * ("in most other cases, getEffectiveUser returns the same account as
 * getActiveUser", reference/base/session). Session is not among the services
 * a custom function may use: if it throws there, this is a cell, not the web app.
 */
export function borrowedAuthority(): boolean {
  try {
    const me = (Session.getEffectiveUser().getEmail() || '').trim().toLowerCase();
    const active = (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
    return me !== active;
  } catch {
    return false;
  }
}

export interface HandleOptions<R = never> {
  /** The RSVP API: the token is the authority, not the caller. */
  readonly forGuests?: boolean;
  /** A write: its refusals are logged under this name (src/app/refusals.ts). */
  readonly write?: string;
  /**
   * The figures the page shows, read after a refusal by a rule (not for an unidentified caller or
   * malformed input), so the page can show them beside the message. A failure here is ignored.
   */
  readonly refusal?: (env: Env) => R;
}

/**
 * Runs a sidebar call. `args` is the client's argument list, validated as a tuple: `schema`, or a
 * function returning it (so schemas can be built on first use instead of at global scope).
 */
export function handle<S extends z.ZodMiniType, T, R = never>(
  schema: S | (() => S),
  args: readonly unknown[],
  run: (input: z.infer<S>, env: Env) => T,
  opts: HandleOptions<R> = {},
): ApiResult<T, R> {
  const ports = gasPorts();
  const env = lazyLang(ports);
  const refuse = (why: Msg, field?: string): ApiRefusal<R> => {
    if (opts.write) logRefusal(ports, opts.write, why);
    return field === undefined ? { ok: false, message: why[env.lang] } : { ok: false, message: why[env.lang], field };
  };
  const caller = opts.forGuests ? null : callerProblem(ports.user);
  if (caller) return refuse(caller);
  const parsed = (typeof schema === 'function' ? schema() : schema).safeParse(args);
  if (!parsed.success) return refuse(describeIssues(parsed.error.issues as Issue[]));
  try {
    return { ok: true, data: run(parsed.data, env) };
  } catch (e) {
    if (e instanceof UserError && !opts.forGuests) return withFigures(refuse(e.userMessage, e.field), opts, env);
    return withFigures({ ok: false, message: failureMessage(e)[env.lang] }, opts, env);
  }
}

/**
 * The execution's environment, with the user's language asked (Session.getActiveUserLocale, a service
 * call) only when something is said in it: a refusal, or a use case that answers in one language. A
 * send batch answers in both (its progress message is a Msg) and so makes no such call.
 */
function lazyLang(ports: GasPorts): Env {
  let known: Lang | undefined;
  return { ports, get lang() { return (known ??= userLang()); } };
}

/** The refusal with the page's figures as they are now (opts.refusal), when it can read them. */
function withFigures<R>(r: ApiRefusal<R>, opts: HandleOptions<R>, env: Env): ApiRefusal<R> {
  if (!opts.refusal) return r;
  try {
    return { ...r, refusal: opts.refusal(env) };
  } catch {
    return r; // the message is what matters; the page keeps the figures it has
  }
}

/** Google's refusal of a write to a protected range (scripts run as the user: the same rule the add-on checks). */
const PROTECTED = /protected cell or object/i;

export function failureMessage(e: unknown): Msg {
  if (e instanceof UserError) return e.userMessage;
  if (e instanceof LockTimeoutError) return lockBusyMsg();
  if (e instanceof Error && PROTECTED.test(e.message)) {
    return gasMsg.protectedRange();
  }
  console.error(e instanceof Error ? e.stack || e.message : String(e));
  const detail = e instanceof Error ? e.message : String(e);
  return gasMsg.unexpected(detail);
}

/** For menu handlers: run, and show failures in an alert instead of a stack trace (refusals logged under `write`). */
export function menuAction(run: (env: Env) => Msg | void, write?: string): void {
  const lang = userLang();
  const ui = SpreadsheetApp.getUi();
  const ports = gasPorts();
  try {
    const done = run({ ports, lang });
    if (done) SpreadsheetApp.getActiveSpreadsheet().toast(done[lang], 'Summit Planner', 8);
  } catch (e) {
    if (e instanceof UserError && write) logRefusal(ports, write, e.userMessage);
    ui.alert('Summit Planner', failureMessage(e)[lang], ui.ButtonSet.OK);
  }
}

let none: z.ZodMiniTuple<[], null> | undefined;
/** No arguments (built on first use: nothing runs at global scope). */
export const noArgs = (): z.ZodMiniTuple<[], null> => (none ??= z.tuple([]));
