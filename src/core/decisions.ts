/**
 * The steering group's decision register (pure): what a decision is, which
 * rows of `Beslut` are sound, how a decision may change once taken, and what
 * a transfer or an approval of guests may cite.
 *
 * A register is only worth something if what it says can't be rewritten: a
 * decision taken (Fattat) keeps its date, subject, wording, reference and who
 * decided; it can only be revoked (Upphävt), with a note. A proposal
 * (Förslag) is still a draft and may change freely. The same rules judge the
 * sidebar's writes and a change typed on the sheet that someone confirms in
 * Granska ändringar (src/app/review.ts).
 */
import { cellText, isValidIsoDate } from './budget';
import { decisionsMsg } from './messages/decisions';
import type { Msg } from './msg';
import { DECISION_STATUSES, DECISION_SUBJECTS } from './schema';

export type DecisionSubject = (typeof DECISION_SUBJECTS)[number];
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** A decision as the register holds it (dates as yyyy-mm-dd). */
export interface Decision {
  readonly id: string;
  readonly date: string;
  readonly subject: DecisionSubject;
  readonly text: string;
  /** Dnr or minutes paragraph; may be empty. */
  readonly reference: string;
  readonly decidedBy: string;
  readonly status: DecisionStatus;
  readonly note: string;
}

/** The fields of a decision by the keys the sidebar sends (a refusal names one of them). */
export type DecisionField = 'date' | 'subject' | 'text' | 'reference' | 'decidedBy' | 'status' | 'note';

/** Headers of Beslut by field. */
export const DECISION_HEADERS: Readonly<Record<DecisionField | 'id', string>> = {
  id: 'ID', date: 'Datum', subject: 'Ämne', text: 'Beslut', reference: 'Referens', decidedBy: 'Beslutat av', status: 'Status', note: 'Anteckning',
};

export const DECISION_LIMITS = { text: 2000, reference: 100, decidedBy: 200, note: 1000 } as const;

export const subjectName = (s: DecisionSubject): Msg => decisionsMsg.subject(s);
export const statusName = (s: DecisionStatus): Msg => decisionsMsg.status(s);

const FIELD_NAMES: Readonly<Record<DecisionField, () => Msg>> = {
  date: decisionsMsg.fieldDate, subject: decisionsMsg.fieldSubject, text: decisionsMsg.fieldText, reference: decisionsMsg.fieldReference,
  decidedBy: decisionsMsg.fieldDecidedBy, status: decisionsMsg.fieldStatus, note: decisionsMsg.fieldNote,
};
export const fieldName = (f: DecisionField): Msg => FIELD_NAMES[f]();

/** The position of `v` (already trimmed, as cellText gives it) in `list`, case aside; -1 when it is not there. */
const indexOf = (list: readonly string[], v: string): number => {
  const k = v.toLocaleLowerCase('sv');
  return list.findIndex((x) => x.toLocaleLowerCase('sv') === k);
};
export const parseSubject = (v: unknown): DecisionSubject | null => {
  const i = indexOf(DECISION_SUBJECTS, cellText(v));
  return i < 0 ? null : DECISION_SUBJECTS[i];
};
export const parseStatus = (v: unknown): DecisionStatus | null => {
  const i = indexOf(DECISION_STATUSES, cellText(v));
  return i < 0 ? null : DECISION_STATUSES[i];
};

export const DECISION_ID = /^B-(\d{1,9})$/;

/** The next ID after every one in `ids` (B-0001, B-0002 …): never reuses one, even of a row that waits for review or is gone. */
export function nextDecisionId(ids: Iterable<string>): string {
  let max = 0;
  for (const id of ids) {
    const m = DECISION_ID.exec(id.trim().toUpperCase());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `B-${String(max + 1).padStart(4, '0')}`;
}

/** A refusal about one field: "Beslut: fyll i fältet." */
export interface FieldProblem { readonly field: DecisionField; readonly message: Msg }
const problem = (field: DecisionField, why: Msg): FieldProblem => ({ field, message: decisionsMsg.fieldProblem(fieldName(field), why) });

/** Raw cell or form values of a decision, by field. */
export type DecisionDraft = Readonly<Partial<Record<DecisionField, unknown>>>;

/**
 * A decision as typed (sidebar or sheet), or the first field that is wrong.
 * Dates are yyyy-mm-dd or a date cell; subject and status from their lists.
 */
export function checkDecision(id: string, d: DecisionDraft): { ok: true; value: Decision } | { ok: false; problem: FieldProblem } {
  const date = cellText(d.date);
  if (!isValidIsoDate(date)) return { ok: false, problem: problem('date', decisionsMsg.notADate(date.slice(0, 20))) };
  const subject = parseSubject(d.subject);
  if (!subject) return { ok: false, problem: problem('subject', decisionsMsg.unknownSubject(cellText(d.subject).slice(0, 40), DECISION_SUBJECTS)) };
  const text = cellText(d.text);
  if (!text) return { ok: false, problem: problem('text', decisionsMsg.textMissing()) };
  const decidedBy = cellText(d.decidedBy);
  if (!decidedBy) return { ok: false, problem: problem('decidedBy', decisionsMsg.decidedByMissing()) };
  const status = parseStatus(d.status);
  if (!status) return { ok: false, problem: problem('status', decisionsMsg.unknownStatus(cellText(d.status).slice(0, 20), DECISION_STATUSES)) };
  const reference = cellText(d.reference);
  const note = cellText(d.note);
  for (const [f, v] of [['text', text], ['reference', reference], ['decidedBy', decidedBy], ['note', note]] as const) {
    const max = DECISION_LIMITS[f];
    if (v.length > max) return { ok: false, problem: problem(f, decisionsMsg.tooLong(max)) };
  }
  return { ok: true, value: { id, date, subject, text, reference, decidedBy, status, note } };
}

/** What a new decision may be: a proposal or a decision taken, never born revoked. */
export function checkNew(d: Decision): FieldProblem | null {
  return d.status === 'Upphävt' ? problem('status', decisionsMsg.newRevoked()) : null;
}

const FROZEN: readonly DecisionField[] = ['date', 'subject', 'text', 'reference', 'decidedBy'];

/**
 * May `before` become `after`? A proposal may change in every way; a taken
 * decision only to revoked (its note may change); a revoked one only in its
 * note. The first field that may not change is named.
 */
export function checkChange(before: Decision, after: Decision): FieldProblem | null {
  if (before.status === 'Förslag') return null;
  for (const f of FROZEN) {
    if (before[f] !== after[f]) {
      return problem(f, decisionsMsg.frozen(before.id, before.status));
    }
  }
  if (before.status === 'Fattat' && after.status === 'Förslag') {
    return problem('status', decisionsMsg.takenToProposal(before.id));
  }
  if (before.status === 'Upphävt' && after.status !== 'Upphävt') {
    return problem('status', decisionsMsg.revokedRevived(before.id));
  }
  return null;
}

// ---------------------------------------------------------------------------
// Citing a decision

/** What cites a decision, and the subject it must be about. */
export type Citation = 'transfer' | 'approval';
export const CITED_SUBJECT: Readonly<Record<Citation, DecisionSubject>> = { transfer: 'Budgetomfördelning', approval: 'Inbjudningslista' };

/** A row of the register as the journal has it (unverified: changed outside Summit Planner and not yet reviewed). */
export interface RegisterEntry { readonly decision: Decision | null; readonly id: string; readonly reference: string; readonly unverified: boolean }

export type CiteResult = { ok: true; decision: Decision } | { ok: false; why: Msg };

const citeWhat: Readonly<Record<Citation, () => Msg>> = { transfer: decisionsMsg.citeTransfer, approval: decisionsMsg.citeApproval };

/**
 * The decision `ref` names: its ID (B-0003), or its Dnr when exactly one
 * decision has it. It must exist, be verified, be taken (Fattat) and be about
 * the subject the citation needs. Every refusal says which of these failed.
 */
export function citeDecision(register: readonly RegisterEntry[], ref: string, use: Citation): CiteResult {
  const want = ref.trim().toLocaleLowerCase('sv');
  const subject = CITED_SUBJECT[use];
  const shown = ref.trim().slice(0, 60);
  const byId = register.filter((e) => e.id.toLocaleLowerCase('sv') === want);
  const byRef = byId.length ? byId : register.filter((e) => want !== '' && e.reference.trim().toLocaleLowerCase('sv') === want);
  if (byRef.length === 0) {
    return { ok: false, why: decisionsMsg.citeUnknown(shown, citeWhat[use](), subject) };
  }
  if (byRef.length > 1) {
    return { ok: false, why: decisionsMsg.citeAmbiguous(shown, byRef.map((x) => x.id)) };
  }
  const e = byRef[0];
  if (e.unverified) return { ok: false, why: decisionsMsg.citeUnverified(e.id) };
  // Sealed as it is, but not a decision by today's rules: nothing to review, the decision itself needs correcting.
  if (!e.decision) return { ok: false, why: decisionsMsg.citeInvalid(e.id) };
  const d = e.decision;
  if (d.status !== 'Fattat') {
    return { ok: false, why: decisionsMsg.citeNotTaken(d.id, d.status) };
  }
  if (d.subject !== subject) {
    return { ok: false, why: decisionsMsg.citeWrongSubject(d.id, d.subject, citeWhat[use](), subject) };
  }
  return { ok: true, decision: d };
}

/** How a cited decision is written in Omfördelningar and in the log: "B-0003 (Dnr 12-345/2009)". */
export const citationText = (d: Decision): string => (d.reference ? `${d.id} (${d.reference})` : d.id);

/** The decisions a sidebar offers for a citation, newest first. */
export function citable(register: readonly RegisterEntry[], use: Citation): Decision[] {
  return register
    .filter((e): e is RegisterEntry & { decision: Decision } => !e.unverified && e.decision !== null && e.decision.status === 'Fattat' && e.decision.subject === CITED_SUBJECT[use])
    .map((e) => e.decision)
    .sort((a, b) => (a.date === b.date ? b.id.localeCompare(a.id) : b.date.localeCompare(a.date)));
}
