/**
 * What travels over google.script.run: plain JSON only (no Dates, no
 * functions). Every sidebar call answers with an ApiResult, so the client can
 * show the server's message in the user's language.
 */
import type { BudgetOverview } from './budget';
import type { Msg } from './msg';
import type { Role } from './settings';

/**
 * A refusal names the input field it is about when there is one (`field`, the key the page sent) and
 * may bring the figures the page shows, as they are after the refusal (`refusal`), so nothing on the
 * page contradicts the message.
 */
export type ApiResult<T, R = never> = { ok: true; data: T } | ApiRefusal<R>;
export interface ApiRefusal<R = never> { ok: false; message: string; field?: string; refusal?: R }

export interface Viewer {
  readonly user: string;
  readonly roles: readonly Role[];
  readonly eventName: string;
}

export interface OverviewView extends Viewer {
  readonly overview: BudgetOverview;
}

/** The installation self-test's checks, in the order the sidebar shows them (src/core/selftest.ts decides each). */
export const SELF_TEST_CHECKS = [
  'timeZone', 'locale', 'user', 'locks', 'protections', 'webApp', 'webAppLink', 'mailQuota', 'log', 'owner',
] as const;
export type SelfTestCheckId = (typeof SELF_TEST_CHECKS)[number];

/** ok / fail ("Inte OK") / info (never a failure: what was found, e.g. the owner, or a link to open). */
export type SelfTestStatus = 'ok' | 'fail' | 'info';

export interface SelfTestCheck {
  readonly id: SelfTestCheckId;
  readonly status: SelfTestStatus;
  /** What was found on this installation. */
  readonly found: Msg;
  /** What to do about it (null when there is nothing to do). */
  readonly fix: Msg | null;
}

/** "Självtest av installationen" (administrators): every check, and the signed link to the web app's own checks. */
export interface SelfTestView {
  readonly user: string;
  readonly checks: readonly SelfTestCheck[];
  /** `<exec URL>?selftest=…&w=…&t=…`, valid for an hour; null when the web app has no /exec URL. */
  readonly link: string | null;
}
