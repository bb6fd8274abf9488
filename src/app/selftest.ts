/**
 * The installation self-test's use cases over the ports (src/gas/selftest.ts
 * probes the platform): who may run it, the approved guests the mail quota
 * must cover, and the log as "Verifiera loggen" sees it. Reads only.
 */
import { adminRequiredMsg, type AdminSettings } from '../core/settings';
import { UserError } from '../core/msg';
import { verifyAudit, type VerifyReport } from './audit';
import { loadContext, requireAdmin } from './context';
import { guestRows } from './invite-rows';
import { checkTable, Journal } from './journal';
import type { Ports } from './ports';
import { selftestMsg } from '../core/messages/selftest';

export interface SelfTestAuthority {
  readonly email: string;
  /** The roles in effect (the journal's view of Inställningar); null when the workbook has no journal yet. */
  readonly settings: AdminSettings | null;
  readonly journal: Journal;
}

/**
 * Administrators only: the owner or someone named in Administratörer. On a
 * workbook with no journal for its file ID (never set up, or a copy with a
 * new ID) Inställningar can't be trusted, so only the owner may run it there.
 */
export function selfTestAuthority(ports: Ports): SelfTestAuthority {
  const journal = new Journal(ports);
  if (journal.anchor() && journal.key()) {
    const ctx = loadContext(ports, journal);
    requireAdmin(ctx);
    return { email: ctx.email, settings: ctx.settings, journal };
  }
  const email = ports.user.email();
  if (!email || email !== ports.workbook.owner()) throw new UserError(adminRequiredMsg());
  return { email, settings: null, journal };
}

/** Approved guests waiting for their invitation (status Godkänd as the journal has Gäster): one range read. */
export function approvedWaiting(journal: Journal): number {
  return guestRows(checkTable(journal, 'guests')).filter((r) => r.guest.status === 'Godkänd').length;
}

/** "Verifiera loggen" (one range read of Logg), and whether the anchor exists at all. */
export function logStatus(ports: Ports, journal: Journal): { report: VerifyReport; anchored: boolean } {
  return { report: verifyAudit(ports), anchored: journal.anchor() !== null };
}

export const notSetUpMsg = () => selftestMsg.notSetUp();
