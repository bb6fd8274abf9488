/**
 * Reading the decision register (Beslut) as the journal has it, and citing a
 * decision from it: what transfers (src/app/budget.ts) and approvals of guests
 * (src/app/guests.ts) call inside their own lock. Kept apart from the use
 * cases of src/app/decisions.ts so those modules don't depend on each other.
 */
import { cellText } from '../core/budget';
import { checkDecision, citable, citeDecision, DECISION_HEADERS, type Citation, type Decision, type DecisionDraft, type RegisterEntry } from '../core/decisions';
import { UserError } from '../core/msg';
import { checkTable, verifiedRows, type Journal, type TableCheck } from './journal';

/** The register as the journal has it: verified rows as they are, changed rows as Summit Planner wrote them (flagged). */
export function registerOf(check: TableCheck): RegisterEntry[] {
  return verifiedRows(check).map((r) => {
    const v = r.values;
    const d = checkDecision(r.key, draftOf((h) => v[h]));
    return { id: r.key, reference: cellText(v[DECISION_HEADERS.reference]), unverified: r.unverified, decision: d.ok ? d.value : null };
  });
}

export const draftOf = (get: (header: string) => unknown): DecisionDraft => ({
  date: get(DECISION_HEADERS.date), subject: get(DECISION_HEADERS.subject), text: get(DECISION_HEADERS.text),
  reference: get(DECISION_HEADERS.reference), decidedBy: get(DECISION_HEADERS.decidedBy), status: get(DECISION_HEADERS.status),
  note: get(DECISION_HEADERS.note),
});

/** A row of the sheet as it reads now, as a draft (for a confirm in Granska ändringar). */
export const draftAt = (c: TableCheck, index: number): DecisionDraft =>
  draftOf((h) => (c.t.col[h] === undefined ? '' : c.t.snap.rows[index][c.t.col[h]]));

/** One range read of Beslut, checked against its seals. */
export const readRegister = (journal: Journal): { check: TableCheck; register: RegisterEntry[] } => {
  const check = checkTable(journal, 'decisions');
  return { check, register: registerOf(check) };
};

/**
 * The decision a transfer or an approval cites, from the register read under
 * the caller's lock; a UserError naming `field` when it can't be cited.
 */
export function requireCitation(journal: Journal, ref: string, use: Citation, field: string): Decision {
  const r = citeDecision(readRegister(journal).register, ref, use);
  if (!r.ok) throw new UserError(r.why, field);
  return r.decision;
}

/** The decisions a sidebar offers for a citation (a picker), newest first. */
export interface CitableDecision { readonly id: string; readonly date: string; readonly reference: string; readonly label: string }

export function citableDecisions(journal: Journal, use: Citation): CitableDecision[] {
  return citable(readRegister(journal).register, use).map((d) => ({ id: d.id, date: d.date, reference: d.reference, label: pickerLabel(d) }));
}

/** "B-0003 · 2009-11-02 · Dnr 12/2009 · Flytta 50 000 kr till …" (the wording cut to fit a drop-down). */
const pickerLabel = (d: Decision): string => {
  const words = d.text.length > 60 ? `${d.text.slice(0, 59)}…` : d.text;
  return [d.id, d.date, d.reference, words].filter(Boolean).join(' · ');
};

