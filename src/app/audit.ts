/**
 * "Verifiera loggen": Logg's hash chain, checked row by row and against the
 * anchor kept where an editor can't write (document properties, and the
 * anchor mails to the registrar). A row edited and the whole chain recomputed
 * after it is self-consistent, but its head is not the anchored one; rows
 * removed at the end leave the chain intact but too short.
 */
import { checkAnchor, verifyChain } from '../core/audit';
import { type Msg } from '../core/msg';
import { Journal, readLog } from './journal';
import type { Ports } from './ports';
import { reviewMsg } from '../core/messages/review';

export interface VerifyReport {
  readonly ok: boolean;
  readonly count: number;
  /** Sheet row of the first row that does not verify. */
  readonly badRow?: number;
  readonly message: Msg;
}

/** The first row of Logg whose hash does not follow (the add-on's Verifiera loggen and summit verify-log say the same). */
export const chainBrokenMsg = (badRow: number): Msg => reviewMsg.chainBroken(badRow);

/** Reads Logg once and checks the whole chain, then the anchor. */
export function verifyAudit(ports: Ports): VerifyReport {
  const { t, rows } = readLog(ports);
  const res = verifyChain(rows);
  if (!res.ok) {
    const badRow = t.snap.firstRow + res.index;
    return { ok: false, count: res.count, badRow, message: chainBrokenMsg(badRow) };
  }
  const anchor = new Journal(ports).anchor();
  if (!anchor) {
    return {
      ok: false, count: res.count,
      message: reviewMsg.noAnchor(res.count),
    };
  }
  const hashes = rows.map((r) => r.hash.trim().toLowerCase());
  const first = t.snap.firstRow;
  const candidates = [anchor, ...(anchor.alt ? [{ ...anchor, ...anchor.alt }] : [])];
  const checks = candidates.map((a) => checkAnchor(hashes, a));
  const good = checks.find((c) => c.ok);
  if (good) {
    return { ok: true, count: res.count, message: reviewMsg.logIntact(res.count) };
  }
  const c = checks[0];
  if (c.ok) throw new Error('unreachable');
  switch (c.kind) {
    case 'truncated':
      return {
        ok: false, count: res.count, badRow: first + c.found,
        message: reviewMsg.rowsRemovedAtEnd(c.found, c.anchored),
      };
    case 'extra':
      return {
        ok: false, count: res.count, badRow: first + c.anchored,
        message: reviewMsg.rowsAfterAnchor(c.found - c.anchored, first + c.anchored),
      };
    case 'rewritten':
      return {
        ok: false, count: res.count, badRow: first + c.after,
        message: reviewMsg.logRewritten(first + c.after, first + c.before - 1),
      };
  }
}
