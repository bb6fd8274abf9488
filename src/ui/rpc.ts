/**
 * The one typed wrapper around google.script.run. Resolves with the data of an
 * ApiResult, rejects with an Error carrying the server's (already localised)
 * message. Arguments must be plain JSON (no Dates), as Apps Script requires.
 */
import type { ArgsOf, DataOf, ServerFn } from '../app/contract';
import type { ApiResult } from '../core/api';

interface Runner {
  withSuccessHandler(f: (value: unknown) => void): Runner;
  withFailureHandler(f: (error: Error) => void): Runner;
  [fn: string]: unknown;
}

declare const google: { script: { run: Runner; host: { close(): void } } };

/** Calls a server function of the contract (src/app/contract.ts): its arguments and its data are typed there. */
export function call<K extends ServerFn>(fn: K, ...args: ArgsOf<K>): Promise<DataOf<K>> {
  type T = DataOf<K>;
  return new Promise<T>((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value) => {
        const res = value as ApiResult<T> | null;
        if (res && typeof res === 'object' && 'ok' in res) {
          if (res.ok) resolve(res.data);
          else reject(new Error(res.message));
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
