/**
 * Every Sheets API call of the CLI goes through `call`: quota refusals (429) are retried with exponential
 * backoff, as Google asks ("use exponential backoff", developers.google.com/sheets/api/limits), and every
 * failure becomes a CliError whose message says what to do. A write whose outcome is unknown (the
 * connection broke after it was sent, a 5xx) is never retried blindly: it is reported as unknown.
 */
import { cliMsg } from '../core/messages/cli';
import type { Msg } from '../core/msg';

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
      o.onRetry?.(cliMsg.retrying(d.status === 429, d.net || String(d.status), wait, attempt + 1, o.tries));
      await o.sleep(wait);
    }
  }
}

/** The failure as the user should read it; `tries` says how often a quota refusal was retried. */
export function classify(e: unknown, o: Pick<CallOptions, 'endpoint' | 'spreadsheetId'>, kind: 'read' | 'write', tries = 1): CliError {
  if (e instanceof CliError) return e;
  const d = describe(e);
  const id = o.spreadsheetId;
  if (/Could not load the default credentials|Could not refresh access token|No access, refresh token|API key|credentials/i.test(d.message) && d.status === 0) return missingCredentials();
  if (/invalid_grant|expired|revoked|invalid_rapt/i.test(d.message) || d.status === 401) return new CliError(cliMsg.credentialsRefused(d.message), 3);
  if (d.status === 403) return new CliError(cliMsg.noAccess(id, d.message), 3);
  if (d.status === 404) return new CliError(cliMsg.notFound(id), 3);
  if (d.status === 429) return new CliError(cliMsg.quota(tries), 4);
  if (/protected cell or object/i.test(d.message)) return new CliError(cliMsg.protectedSheet(d.message), 3);
  const unknownOutcome = kind === 'write' && !NOT_SENT.has(d.net) && (d.net !== '' || d.status >= 500);
  if (unknownOutcome) return new CliError(cliMsg.unknownOutcome(d.net || String(d.status), d.message), 5);
  if (d.net) return new CliError(cliMsg.unreachable(o.endpoint, d.net), 5);
  return new CliError(cliMsg.apiError(d.status, d.message, kind === 'write'), 1);
}

export const missingCredentials = (): CliError => new CliError(cliMsg.noCredentials(), 3);
