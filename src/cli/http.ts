/**
 * Every Sheets API call of the CLI goes through `call`: quota refusals (429) are retried with exponential
 * backoff, as Google asks ("use exponential backoff", developers.google.com/sheets/api/limits), and every
 * failure becomes a CliError whose message says what to do. A write whose outcome is unknown (the
 * connection broke after it was sent, a 5xx) is never retried blindly: it is reported as unknown.
 */
import { msg, type Msg } from '../core/msg';

export class CliError extends Error {
  constructor(readonly userMessage: Msg, readonly exitCode = 1) {
    super(userMessage.sv);
    this.name = 'CliError';
  }
}

export interface CallOptions {
  readonly endpoint: string;
  readonly spreadsheetId: string;
  /** Tries in all for a 429 (and, for reads, a 5xx or a refused connection). */
  readonly tries: number;
  readonly baseDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly onRetry?: (m: Msg) => void;
  /** Counts the HTTP requests sent (the benchmark's figure). */
  readonly counter?: { requests: number };
}

interface ErrorLike {
  message?: unknown;
  status?: unknown;
  response?: { status?: number; data?: unknown };
}

/** HTTP status, Google's message and the network error code of a failed call. */
export function describe(e: unknown): { status: number; message: string; net: string } {
  const x = (e ?? {}) as ErrorLike;
  const status = typeof x.response?.status === 'number' ? x.response.status : typeof x.status === 'number' ? x.status : 0;
  const data = x.response?.data as { error?: { message?: string } | string; error_description?: string } | undefined;
  const google = typeof data?.error === 'object' ? data.error.message : [data?.error, data?.error_description].filter(Boolean).join(': ');
  // Node's fetch reports a failed connection as "fetch failed" with the system error in its cause.
  let net = '';
  const next = (c: object): unknown => { const o = c as { cause?: unknown; error?: unknown }; return o.cause ?? (o.error instanceof Error ? o.error : undefined); };
  for (let c: unknown = e, depth = 0; c && typeof c === 'object' && depth < 5; c = next(c), depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) { net = code; break; }
  }
  return { status, message: String(google || x.message || e), net };
}

/** Connection never made: nothing reached Google, so even a write may be sent again. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

export async function call<T>(o: CallOptions, kind: 'read' | 'write', fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (o.counter) o.counter.requests++;
      return await fn();
    } catch (e) {
      const d = describe(e);
      const retriable = d.status === 429 || NOT_SENT.has(d.net) || (kind === 'read' && (d.status >= 500 || d.net !== ''));
      if (!retriable || attempt >= o.tries) throw classify(e, o, kind, attempt);
      const wait = o.baseDelayMs * 2 ** (attempt - 1);
      o.onRetry?.(msg(
        `${d.status === 429 ? 'Google begränsar antalet anrop (429)' : `Anropet misslyckades (${d.net || d.status})`}; försöker igen om ${fmtSeconds(wait, 'sv')} (försök ${attempt + 1} av ${o.tries}).`,
        `${d.status === 429 ? 'Google limits the number of requests (429)' : `The request failed (${d.net || d.status})`}; trying again in ${fmtSeconds(wait, 'en')} (try ${attempt + 1} of ${o.tries}).`,
      ));
      await o.sleep(wait);
    }
  }
}

const fmtSeconds = (ms: number, lang: 'sv' | 'en'): string => {
  const s = (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
  return `${lang === 'sv' ? s.replace('.', ',') : s} s`;
};

/** The failure as the user should read it; `tries` says how often a quota refusal was retried. */
export function classify(e: unknown, o: Pick<CallOptions, 'endpoint' | 'spreadsheetId'>, kind: 'read' | 'write', tries = 1): CliError {
  if (e instanceof CliError) return e;
  const d = describe(e);
  const id = o.spreadsheetId;
  if (/Could not load the default credentials|Could not refresh access token|No access, refresh token|API key|credentials/i.test(d.message) && d.status === 0) return missingCredentials();
  if (/invalid_grant|expired|revoked|invalid_rapt/i.test(d.message) || d.status === 401) {
    return new CliError(msg(
      `Inloggningen godtogs inte (har den gått ut eller återkallats?): ${d.message} Logga in igen (gcloud auth application-default login) eller ange en giltig nyckelfil med --key. Inget har ändrats.`,
      `The credentials were not accepted (expired or revoked?): ${d.message} Log in again (gcloud auth application-default login) or give a valid key file with --key. Nothing was changed.`,
    ), 3);
  }
  if (d.status === 403) {
    return new CliError(msg(
      `Kontot har inte åtkomst till kalkylarket ${id} (403: ${d.message}). Dela kalkylarket med kontot (för ett tjänstekonto: dess e-postadress i nyckelfilen) och se till att Google Sheets API är aktiverat i projektet. Inget har ändrats.`,
      `The account has no access to the spreadsheet ${id} (403: ${d.message}). Share the spreadsheet with the account (for a service account: the e-mail address in its key file) and make sure the Google Sheets API is enabled in the project. Nothing was changed.`,
    ), 3);
  }
  if (d.status === 404) {
    return new CliError(msg(
      `Kalkylarket ${id} hittades inte (404). Kontrollera --spreadsheet (ID:t står i adressen: docs.google.com/spreadsheets/d/ID/edit). Inget har ändrats.`,
      `The spreadsheet ${id} was not found (404). Check --spreadsheet (the ID is in the address: docs.google.com/spreadsheets/d/ID/edit). Nothing was changed.`,
    ), 3);
  }
  if (d.status === 429) {
    return new CliError(msg(
      `Google begränsar antalet anrop (429) även efter ${tries} försök. Vänta en minut och kör kommandot igen. Inget har ändrats.`,
      `Google limits the number of requests (429) even after ${tries} tries. Wait a minute and run the command again. Nothing was changed.`,
    ), 4);
  }
  if (/protected cell or object/i.test(d.message)) {
    return new CliError(msg(
      `Bladet är skyddat för kontot: ${d.message} Be ägaren eller en administratör om rätt roll. Inget har ändrats.`,
      `The sheet is protected for this account: ${d.message} Ask the owner or an administrator for the right role. Nothing was changed.`,
    ), 3);
  }
  const unknownOutcome = kind === 'write' && !NOT_SENT.has(d.net) && (d.net !== '' || d.status >= 500);
  if (unknownOutcome) {
    return new CliError(msg(
      `Skrivningen avbröts (${d.net || d.status}: ${d.message}) och det går inte att veta om Google hann spara den. Kör inte om kommandot blint: titta i kalkylarket (eller kör summit status) först.`,
      `The write was interrupted (${d.net || d.status}: ${d.message}) and it cannot be known whether Google saved it. Do not simply run the command again: look at the spreadsheet (or run summit status) first.`,
    ), 5);
  }
  if (d.net) {
    return new CliError(msg(
      `Kunde inte nå ${o.endpoint} (${d.net}). Kontrollera nätverket${/127\.0\.0\.1|localhost/.test(o.endpoint) ? ' och att sandlådan kör (npm start)' : ''}. Inget har ändrats.`,
      `Could not reach ${o.endpoint} (${d.net}). Check the network${/127\.0\.0\.1|localhost/.test(o.endpoint) ? ' and that the sandbox runs (npm start)' : ''}. Nothing was changed.`,
    ), 5);
  }
  return new CliError(msg(
    `Google Sheets API svarade ${d.status || 'fel'}: ${d.message}${kind === 'write' ? ' Inget har ändrats.' : ''}`,
    `The Google Sheets API answered ${d.status || 'an error'}: ${d.message}${kind === 'write' ? ' Nothing was changed.' : ''}`,
  ), 1);
}

export const missingCredentials = (): CliError => new CliError(msg(
  'Inga inloggningsuppgifter hittades. Logga in med "gcloud auth application-default login", ange ett tjänstekontos nyckelfil med --key FIL (eller GOOGLE_APPLICATION_CREDENTIALS), eller en åtkomsttoken i SUMMIT_ACCESS_TOKEN.',
  'No credentials were found. Log in with "gcloud auth application-default login", give a service account\'s key file with --key FILE (or GOOGLE_APPLICATION_CREDENTIALS), or an access token in SUMMIT_ACCESS_TOKEN.',
), 3);
