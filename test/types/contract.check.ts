/**
 * Compile-time check (tsc, `npm run typecheck`; nothing runs): every function of the server contract
 * (src/app/contract.ts) is an entry point of src/gas/main.ts whose data, and whose refusals' figures,
 * are what the contract promises the pages (assignable to it: a field the server drops or retypes
 * fails the type-check here).
 */
import type { ServerApi } from '../../src/app/contract';
import type { ApiResult } from '../../src/core/api';
import type * as Main from '../../src/gas/main';

type Fits<A, B> = [A] extends [B] ? true : false;
type DataOfEntry<F> = F extends (...args: never[]) => infer R
  ? ([Extract<R, ApiResult<unknown>>] extends [never] ? R : Extract<R, { ok: true }> extends { data: infer D } ? D : never)
  : never;

type RefusalOfEntry<F> = F extends (...args: never[]) => infer R
  ? ([Extract<R, { ok: false }>] extends [never] ? never : Extract<R, { ok: false }> extends { refusal?: infer X } ? Exclude<X, undefined> : never)
  : never;

/** true per function when main.ts answers what the contract says, in its data and in what a refusal brings. */
type Agreement = {
  [K in keyof ServerApi]: Fits<DataOfEntry<(typeof Main)[K]>, ServerApi[K]['data']> extends true
    ? Fits<RefusalOfEntry<(typeof Main)[K]>, ServerApi[K]['refusal']> : false;
};

const agreement: { [K in keyof ServerApi]: true } = null as unknown as Agreement;
export default agreement;
