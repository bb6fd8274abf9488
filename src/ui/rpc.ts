/**
 * The one typed wrapper around google.script.run. Resolves with the data of an
 * ApiResult, rejects with an Error carrying the server's (already localised)
 * message. Arguments must be plain JSON (no Dates), as Apps Script requires.
 */
import type { ArgsOf, DataOf, RefusalOf, ServerFn } from '../app/contract';
import type { ApiRefusal, ApiResult } from '../core/api';

interface Runner {
  withSuccessHandler(f: (value: unknown) => void): Runner;
  withFailureHandler(f: (error: Error) => void): Runner;
  [fn: string]: unknown;
}

/** The server said no: its message, the input field it is about (if any) and the figures it sent along. */
export class Refusal<K extends ServerFn = ServerFn> extends Error {
  readonly fn: K;
  readonly field: string | undefined;
  readonly figures: RefusalOf<K> | undefined;
  constructor(fn: K, r: ApiRefusal<RefusalOf<K>>) {
    super(r.message);
    this.name = 'Refusal';
    this.fn = fn;
    this.field = r.field;
    this.figures = r.refusal;
  }
}

/** The refusal of a call to `fn`, or null for any other failure (a network error, a crash). */
export const refusalOf = <K extends ServerFn>(fn: K, e: unknown): Refusal<K> | null =>
  e instanceof Refusal && e.fn === fn ? (e as Refusal<K>) : null;

declare const google: { script: { run: Runner; host: { close(): void } } };

/** Calls a server function of the contract (src/app/contract.ts): its arguments and its data are typed there. */
export function call<K extends ServerFn>(fn: K, ...args: ArgsOf<K>): Promise<DataOf<K>> {
  type T = DataOf<K>;
  return new Promise<T>((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => {
        const res = value as ApiResult<T, RefusalOf<K>> | null;
        if (res && typeof res === 'object' && 'ok' in res) {
          if (res.ok) resolve(res.data);
          else reject(new Refusal(fn, res));
        } else {
          resolve(value as T);
        }
      })
      .withFailureHandler((e) => reject(e instanceof Error ? e : new Error(String(e))));
    const f = runner[fn];
    if (typeof f !== 'function') {
      reject(new Error(`Okänd serverfunktion: ${fn}`));
      return;
    }
    (f as (...a: unknown[]) => void).apply(runner, args);
  });
}

export function closeSidebar(): void {
  google.script.host.close();
}
