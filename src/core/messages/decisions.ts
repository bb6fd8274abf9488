/**
 * Messages of the decision register (Beslut, Beslutsunderlag, citing a decision): Swedish and English side by
 * side (see src/core/i18n.ts). Subjects and statuses are the sheet's Swedish values; English names them in words.
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';
import type { DecisionStatus, DecisionSubject } from '../decisions';

const SUBJECTS_EN: Readonly<Record<DecisionSubject, string>> = {
  Tema: 'theme', Inbjudningslista: 'invitation list', Huvudtalare: 'main speaker', Medverkan: 'participation',
  Studiebesök: 'study visits', Representationsmiddag: 'representation dinner', Kommunikation: 'communication',
  Budgetomfördelning: 'budget transfer', Övrigt: 'other',
};
const STATUSES_EN: Readonly<Record<DecisionStatus, string>> = { Förslag: 'pending', Fattat: 'taken', Upphävt: 'revoked' };
/** A subject or status inside a sentence: "budgetomfördelning" / "budget transfer". */
const lower = (s: string): string => s.toLocaleLowerCase('sv');

export const decisionsMsg = {
  subject: (s: DecisionSubject): Msg => fixed(s, SUBJECTS_EN[s]),
  status: (s: DecisionStatus): Msg => fixed(s, STATUSES_EN[s]),
  fieldDate: (): Msg => fixed('Datum', 'Date'),
  fieldSubject: (): Msg => fixed('Ämne', 'Subject'),
  fieldText: (): Msg => fixed('Beslut', 'Decision'),
  fieldReference: (): Msg => fixed('Referens (Dnr)', 'Reference (Dnr)'),
  fieldDecidedBy: (): Msg => fixed('Beslutat av', 'Decided by'),
  fieldStatus: (): Msg => fixed('Status', 'Status'),
  fieldNote: (): Msg => fixed('Anteckning', 'Note'),
  /** A refusal about one field: "Beslut: skriv vad som beslutades." */
  fieldProblem: (field: Msg, why: Msg): Msg => both((f) => `${f.m(field)}: ${f.m(why)}`, (f) => `${f.m(field)}: ${f.m(why)}`),
  notADate: (text: string): Msg => fixed(
    `"${text}" är inget giltigt datum (ÅÅÅÅ-MM-DD).`,
    `"${text}" is not a valid date (YYYY-MM-DD).`),
  unknownSubject: (text: string, allowed: readonly string[]): Msg => fixed(
    `okänt ämne "${text}" (tillåtna: ${allowed.join(', ')}).`,
    `unknown subject "${text}" (allowed: ${allowed.join(', ')}).`),
  textMissing: (): Msg => fixed('skriv vad som beslutades.', 'write what was decided.'),
  decidedByMissing: (): Msg => fixed('fyll i vem som beslutade (t.ex. Styrgruppen).', 'fill in who decided (e.g. Styrgruppen).'),
  unknownStatus: (text: string, allowed: readonly string[]): Msg => fixed(
    `okänd status "${text}" (tillåtna: ${allowed.join(', ')}).`,
    `unknown status "${text}" (allowed: ${allowed.join(', ')}).`),
  tooLong: (max: number | string): Msg => fixed(`för lång text (högst ${max} tecken).`, `too long (at most ${max} characters).`),
  missingOrWrongType: (): Msg => fixed('saknas eller har fel typ.', 'missing or of the wrong type.'),
  invalidInput: (where: string): Msg => fixed(`Ogiltiga uppgifter: ${where}.`, `Invalid input: ${where}.`),
  newRevoked: (): Msg => fixed('ett nytt beslut kan inte vara upphävt.', 'a new decision cannot be revoked.'),
  frozen: (id: string, status: DecisionStatus): Msg => fixed(
    `beslut ${id} är ${lower(status)} och ändras inte (registrera ett nytt beslut i stället).`,
    `decision ${id} is ${STATUSES_EN[status]} and is not changed (record a new decision instead).`),
  takenToProposal: (id: string): Msg => fixed(
    `beslut ${id} är fattat: det kan upphävas men inte bli ett förslag igen.`,
    `decision ${id} is taken: it can be revoked but not become a proposal again.`),
  revokedRevived: (id: string): Msg => fixed(
    `beslut ${id} är upphävt och kan inte återupplivas (registrera ett nytt beslut).`,
    `decision ${id} is revoked and cannot be revived (record a new decision).`),
  citeTransfer: (): Msg => fixed('En omfördelning', 'A transfer'),
  citeApproval: (): Msg => fixed('Ett godkännande av gäster', 'An approval of guests'),
  citeUnknown: (ref: string, what: Msg, subject: DecisionSubject): Msg => both(
    (f) => `Det finns inget beslut "${ref}" i beslutsregistret (bladet Beslut). ${f.m(what)} måste hänvisa till ett fattat beslut om ${lower(subject)}: välj det i listan, eller låt styrgruppen registrera det i Summit Planner → Beslut.`,
    (f) => `There is no decision "${ref}" in the decision register (the Beslut sheet). ${f.m(what)} must cite a taken decision about ${SUBJECTS_EN[subject]}: choose it from the list, or have the steering group record it in Summit Planner → Decisions.`),
  citeAmbiguous: (ref: string, ids: readonly string[]): Msg => both(
    (f) => `${f.num(ids.length)} beslut har referensen "${ref}" (${ids.join(', ')}): välj beslutet med dess ID.`,
    (f) => `${f.count(ids.length, 'decision has', 'decisions have')} the reference "${ref}" (${ids.join(', ')}): choose the decision by its ID.`),
  citeUnverified: (id: string): Msg => fixed(
    `Beslut ${id} har ändrats utanför Summit Planner och väntar på granskning, så det kan inte åberopas. Styrgruppen godkänner eller ångrar ändringen i Summit Planner → Granska ändringar.`,
    `Decision ${id} was changed outside Summit Planner and waits for review, so it cannot be cited. The steering group confirms or undoes the change in Summit Planner → Review changes.`),
  /** A row Summit Planner sealed that today's rules no longer read as a decision (written by an older version). */
  citeInvalid: (id: string): Msg => fixed(
    `Beslut ${id} kan inte åberopas: raden följer inte dagens regler för ett beslut (till exempel en för lång text). Styrgruppen rättar beslutet i Summit Planner → Beslut.`,
    `Decision ${id} cannot be cited: its row does not meet today's rules for a decision (a text that is too long, for example). The steering group corrects the decision in Summit Planner → Decisions.`),
  citeNotTaken: (id: string, status: DecisionStatus): Msg => fixed(
    `Beslut ${id} är inte fattat (status ${status}), så det kan inte åberopas.`,
    `Decision ${id} is not taken (status ${STATUSES_EN[status]}), so it cannot be cited.`),
  citeWrongSubject: (id: string, has: DecisionSubject, what: Msg, wants: DecisionSubject): Msg => both(
    (f) => `Beslut ${id} gäller ${lower(has)}, inte ${lower(wants)}. ${f.m(what)} hänvisar till ett beslut om ${lower(wants)}.`,
    (f) => `Decision ${id} is about ${SUBJECTS_EN[has]}, not ${SUBJECTS_EN[wants]}. ${f.m(what)} cites a decision about ${SUBJECTS_EN[wants]}.`),
  rowWaits: (row: number): Msg => fixed(`Rad ${row} väntar på granskning.`, `Row ${row} waits for review.`),
  rowRemovedWaits: (): Msg => fixed(
    'Raden har tagits bort utanför Summit Planner och väntar på granskning.',
    'The row was removed outside Summit Planner and waits for review.'),
  waits: (): Msg => fixed('Väntar på granskning.', 'Waits for review.'),
  recorded: (id: string, subject: DecisionSubject, status: DecisionStatus): Msg => fixed(
    `Beslut ${id} (${subject}, ${lower(status)}) är registrerat.`,
    `Decision ${id} (${subject}, ${STATUSES_EN[status]}) is recorded.`),
  removedWaits: (id: string): Msg => fixed(
    `Beslut ${id} har tagits bort utanför Summit Planner och väntar på granskning.`,
    `Decision ${id} was removed outside Summit Planner and waits for review.`),
  noSuchDecision: (id: string): Msg => fixed(
    `Det finns inget beslut ${id} i registret.`,
    `There is no decision ${id} in the register.`),
  changedWaits: (id: string, row: number): Msg => fixed(
    `Beslut ${id} har ändrats utanför Summit Planner (rad ${row}) och väntar på granskning; det ändras bara där (Summit Planner → Granska ändringar).`,
    `Decision ${id} was changed outside Summit Planner (row ${row}) and waits for review; it is changed only there (Summit Planner → Review changes).`),
  unchanged: (id: string): Msg => fixed(`Beslut ${id} är oförändrat.`, `Decision ${id} is unchanged.`),
  changed: (id: string, status: DecisionStatus): Msg => fixed(
    `Beslut ${id} är ändrat (${lower(status)}).`,
    `Decision ${id} is changed (${STATUSES_EN[status]}).`),
  /** Set-up carried an older Beslut sheet over: `adopted` registered, `left` rows incomplete. */
  carried: (sheet: string, adopted: number, left: number): Msg => both(
    (f) => `${sheet}: ${f.count(adopted, 'befintligt beslut registrerat', 'befintliga beslut registrerade')}${left ? `, ${f.count(left, 'rad ofullständig', 'rader ofullständiga')} (väntar i Granska ändringar)` : ''}`,
    (f) => `${sheet}: ${f.count(adopted, 'existing decision registered', 'existing decisions registered')}${left ? `, ${f.count(left, 'row incomplete', 'rows incomplete')} (waiting under Review changes)` : ''}`),
  /** A decision waiting for review, in the summary: "Beslut B-0003: Rad 5 väntar på granskning." */
  summaryReview: (id: string, review: Msg): Msg => both((f) => `Beslut ${id}: ${f.m(review)}`, (f) => `Decision ${id}: ${f.m(review)}`),
};
