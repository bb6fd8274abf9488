/**
 * The real send as the "Inbjudningar" page drives it, without the DOM: call sendInvitations
 * batch after batch, add up the run's totals (every batch, not the last one), and say why the
 * run ended from the figures as they are afterwards. The server journals every send, so a run
 * that ends early (a refusal, a lost connection, another send taking over) never sends anything
 * twice when it is started again; this only decides what the page reports.
 */
import type { SendProgress } from '../../app/merge';

/** What one run did, over all its batches. */
export interface RunTotals {
  readonly sent: number;
  readonly failed: number;
  readonly uncertain: number;
}

export const NO_RUN: RunTotals = { sent: 0, failed: 0, uncertain: 0 };

/** Every guest the run handled (sent, failed or of unknown outcome): what the progress bar counts. */
export const handled = (t: RunTotals): number => t.sent + t.failed + t.uncertain;

/** What a batch of either run reports (sendInvitations, sendReminders): its counts and whether the run is done. */
export type BatchLike = Pick<SendProgress, 'sent' | 'failed' | 'uncertainNow' | 'done'>;

export const addBatch = (t: RunTotals, p: BatchLike): RunTotals => ({
  sent: t.sent + p.sent, failed: t.failed + p.failed, uncertain: t.uncertain + p.uncertainNow,
});

export interface Run<P extends BatchLike = SendProgress> {
  readonly totals: RunTotals;
  /** The last batch's report (null when the first call failed). */
  readonly last: P | null;
  /** What ended the run early (a refusal, a lost connection), else null. */
  readonly error: unknown;
  /** Ended because `maxStalls` batches in a row handled nobody while not done (another send took over). */
  readonly stalled: boolean;
}

/**
 * Calls `next` until a batch says done, a call fails, or `maxStalls` batches in a row handle
 * nobody; `onBatch` sees the run's totals after each batch.
 */
export async function runBatches<P extends BatchLike = SendProgress>(
  next: () => Promise<P>, onBatch: (t: RunTotals, p: P) => void = () => undefined, maxStalls = 3,
): Promise<Run<P>> {
  let totals = NO_RUN;
  let last: P | null = null;
  let stalls = 0;
  for (;;) {
    try {
      last = await next();
    } catch (error) {
      return { totals, last, error, stalled: false };
    }
    totals = addBatch(totals, last);
    onBatch(totals, last);
    if (last.done) return { totals, last, error: null, stalled: false };
    stalls = last.sent + last.failed + last.uncertainNow ? 0 : stalls + 1;
    if (stalls >= maxStalls) return { totals, last, error: null, stalled: true };
  }
}

/** The figures after the run (the send plan read again, or the last batch's report). */
export interface After {
  /** Approved guests who could be sent to now. */
  readonly ready: number;
  /** Approved guests who can't (each with reasons). */
  readonly blocked: number;
  /** Guests a person must check (Osäker, Misslyckad): they got no invitation, or nobody knows. */
  readonly toCheck: number;
  readonly quotaLeft: number;
  readonly capLeft: number;
  readonly cap: number;
}

export type Outcome =
  | { readonly kind: 'error' }
  | { readonly kind: 'stalled' }
  | { readonly kind: 'all' }
  | { readonly kind: 'check'; readonly toCheck: number }
  | { readonly kind: 'blocked'; readonly blocked: number }
  | { readonly kind: 'quota'; readonly waiting: number }
  | { readonly kind: 'cap'; readonly waiting: number; readonly cap: number }
  | { readonly kind: 'waiting'; readonly waiting: number };

/** Why the run ended, in the terms of the figures after it. */
export function outcomeOf(run: Run<BatchLike>, after: After | null): Outcome {
  if (run.error !== null) return { kind: 'error' };
  if (run.stalled) return { kind: 'stalled' };
  if (!after) return { kind: 'error' };
  if (after.ready === 0) {
    return after.blocked ? { kind: 'blocked', blocked: after.blocked } : after.toCheck ? { kind: 'check', toCheck: after.toCheck } : { kind: 'all' };
  }
  if (after.quotaLeft === 0) return { kind: 'quota', waiting: after.ready };
  if (after.capLeft === 0) return { kind: 'cap', waiting: after.ready, cap: after.cap };
  return { kind: 'waiting', waiting: after.ready };
}

/** The figures after a run from the last batch's report, when the send plan can't be read again (it counts only Osäker to check). */
export const afterOf = (last: SendProgress, cap: number): After => ({
  ready: last.remaining, blocked: last.blocked.length, toCheck: last.uncertain, quotaLeft: last.quotaLeft, capLeft: last.capLeft, cap,
});
