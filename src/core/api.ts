/**
 * What travels over google.script.run: plain JSON only (no Dates, no
 * functions). Every sidebar call answers with an ApiResult, so the client can
 * show the server's message in the user's language.
 */
import type { BudgetOverview } from './budget';
import type { Role } from './settings';

export type ApiResult<T> = { ok: true; data: T } | { ok: false; message: string };

export interface Viewer {
  readonly user: string;
  readonly roles: readonly Role[];
  readonly eventName: string;
}

export interface OverviewView extends Viewer {
  readonly overview: BudgetOverview;
}
