/**
 * "Verifiera loggen": Logg's hash chain, checked row by row and against the
 * anchor kept where an editor can't write (document properties, and the
 * anchor mails to the registrar). A row edited and the whole chain recomputed
 * after it is self-consistent, but its head is not the anchored one; rows
 * removed at the end leave the chain intact but too short.
 */
import { checkAnchor, verifyChain } from '../core/audit';
import { msg, type Msg } from '../core/msg';
import { Journal, readLog } from './journal';
import type { Ports } from './ports';

export interface VerifyReport {
  readonly ok: boolean;
  readonly count: number;
  /** Sheet row of the first row that does not verify. */
  readonly badRow?: number;
  readonly message: Msg;
}

/** The first row of Logg whose hash does not follow (the add-on's Verifiera loggen and summit verify-log say the same). */
export const chainBrokenMsg = (badRow: number): Msg => msg(
  `Loggen har ändrats: rad ${badRow} stämmer inte med kedjan (raden eller en rad före den har ändrats, tagits bort eller lagts till).`,
  `The log has been altered: row ${badRow} does not match the chain (it or an earlier row was changed, removed or inserted).`,
);

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
      message: msg(
        `Kedjan i loggen hänger ihop (${res.count} rader), men ankaret saknas, så en omräknad kedja eller borttagna rader i slutet kan inte upptäckas. En administratör kör Konfigurera arbetsboken.`,
        `The log's chain holds together (${res.count} rows), but its anchor is missing, so a recomputed chain or rows removed at the end cannot be detected. An administrator runs Set up workbook.`,
      ),
    };
  }
  const hashes = rows.map((r) => r.hash.trim().toLowerCase());
  const first = t.snap.firstRow;
  const candidates = [anchor, ...(anchor.alt ? [{ ...anchor, ...anchor.alt }] : [])];
  const checks = candidates.map((a) => checkAnchor(hashes, a));
  const good = checks.find((c) => c.ok);
  if (good) {
    return { ok: true, count: res.count, message: msg(`Loggen är hel: ${res.count} rader verifierade mot ankaret.`, `The log is intact: ${res.count} rows verified against its anchor.`) };
  }
  const c = checks[0];
  if (c.ok) throw new Error('unreachable');
  switch (c.kind) {
    case 'truncated':
      return {
        ok: false, count: res.count, badRow: first + c.found,
        message: msg(
          `Loggen har ${c.found} rader men ankaret säger ${c.anchored}: de sista ${c.anchored - c.found} raderna har tagits bort (eller en äldre version har återställts).`,
          `The log has ${c.found} rows but its anchor says ${c.anchored}: the last ${c.anchored - c.found} rows were removed (or an older version was restored).`,
        ),
      };
    case 'extra':
      return {
        ok: false, count: res.count, badRow: first + c.anchored,
        message: msg(
          `Loggen har ${c.found - c.anchored} ${c.found - c.anchored === 1 ? 'rad' : 'rader'} efter ankaret (från rad ${first + c.anchored}) som Summit Planner inte har skrivit.`,
          `The log has ${c.found - c.anchored} ${c.found - c.anchored === 1 ? 'row' : 'rows'} after its anchor (from row ${first + c.anchored}) that Summit Planner did not write.`,
        ),
      };
    case 'rewritten':
      return {
        ok: false, count: res.count, badRow: first + c.after,
        message: msg(
          `Loggen har skrivits om: kedjan hänger ihop men stämmer inte med ankaret. Ändringen finns mellan rad ${first + c.after} och rad ${first + c.before - 1} (kedjan har räknats om efter den).`,
          `The log has been rewritten: the chain holds together but does not match its anchor. The change lies between row ${first + c.after} and row ${first + c.before - 1} (the chain was recomputed after it).`,
        ),
      };
  }
}
