/**
 * Compile-time check (tsc, `npm run typecheck`; nothing runs): every function of the server contract
 * (src/app/contract.ts) is an entry point of src/gas/main.ts whose data is what the contract promises
 * the pages (assignable to it: a field the server drops or retypes fails the type-check here).
 */
import type { ServerApi } from '../../src/app/contract';
import type { ApiResult } from '../../src/core/api';
import type * as Main from '../../src/gas/main';

type Fits<A, B> = [A] extends [B] ? true : false;
type DataOfEntry<F> = F extends (...args: never[]) => infer R
  ? ([Extract<R, ApiResult<unknown>>] extends [never] ? R : Extract<R, { ok: true }> extends { data: infer D } ? D : never)
  : never;

/** true per function when main.ts answers what the contract says. */
type Agreement = { [K in keyof ServerApi]: Fits<DataOfEntry<(typeof Main)[K]>, ServerApi[K]['data']> };

const agreement: { [K in keyof ServerApi]: true } = null as unknown as Agreement;
export default agreement;
