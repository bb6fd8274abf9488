/**
 * Messages of the programme (Program: items, their checks, who may change them): Swedish and English side by
 * side (see src/core/i18n.ts). Types, statuses and organisers are the sheet's Swedish values.
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const programMsg = {
  fieldId: (): Msg => fixed('ID', 'ID'),
  fieldDate: (): Msg => fixed('Datum', 'Date'),
  fieldStart: (): Msg => fixed('Start', 'Start'),
  fieldEnd: (): Msg => fixed('Slut', 'End'),
  fieldTitle: (): Msg => fixed('Rubrik', 'Title'),
  fieldType: (): Msg => fixed('Typ', 'Type'),
  fieldPlace: (): Msg => fixed('Plats', 'Place'),
  fieldResponsible: (): Msg => fixed('Ansvarig', 'Responsible'),
  fieldOrganiser: (): Msg => fixed('Arrangör', 'Organiser'),
  fieldNote: (): Msg => fixed('Anteckning', 'Note'),
  fieldCapacity: (): Msg => fixed('Kapacitet', 'Capacity'),
  fieldCategory: (): Msg => fixed('Kategori', 'Budget category'),
  fieldStatus: (): Msg => fixed('Status', 'Status'),
  /** A refusal about one field: "Rubrik: saknas." */
  fieldProblem: (field: Msg, why: Msg): Msg => both((f) => `${f.m(field)}: ${f.m(why)}`, (f) => `${f.m(field)}: ${f.m(why)}`),
  workshops: (): Msg => fixed('workshops', 'workshops'),
  studyVisits: (): Msg => fixed('studiebesök', 'study visits'),
  outsideConference: (date: string, start: string, end: string, what: Msg): Msg => both(
    (f) => `${date} ligger utanför konferensens dagar (${start}–${end}); beslutet tillåter ${f.m(what)} bara under konferensen.`,
    (f) => `${date} is outside the conference's days (${start}–${end}); the decision allows ${f.m(what)} only during the conference.`),
  missing: (): Msg => fixed('saknas.', 'is missing.'),
  tooLong: (max: number): Msg => fixed(`för lång (högst ${max} tecken).`, `too long (at most ${max} characters).`),
  /** `typesEn`: the same types in English. */
  notAType: (text: string, types: readonly string[], typesEn: readonly string[]): Msg => fixed(
    `"${text}" är ingen typ; välj bland ${types.join(', ')}.`,
    `"${text}" is not a type; choose from ${typesEn.join(', ')}.`),
  notADate: (text: string): Msg => fixed(`"${text}" är inget datum (ÅÅÅÅ-MM-DD).`, `"${text}" is not a date (YYYY-MM-DD).`),
  notATime: (text: string): Msg => fixed(`"${text}" är ingen tid (TT:MM).`, `"${text}" is not a time (HH:MM).`),
  endIsStart: (): Msg => fixed('måste vara en annan tid än starten.', 'must differ from the start.'),
  chooseOrganiser: (organisers: readonly string[]): Msg => fixed(
    `välj ${organisers.join(' eller ')}.`,
    'choose the city alone (staden) or with Cisco (staden och Cisco).'),
  badCapacity: (text: string, max: number): Msg => fixed(
    `"${text}": ange ett heltal 1–${max}, eller lämna tomt för obegränsat.`,
    `"${text}": give a whole number 1–${max}, or leave it empty for no limit.`),
  notACategory: (text: string, categories: readonly string[]): Msg => fixed(
    `"${text}" är ingen budgetkategori; välj bland ${categories.join(', ')}.`,
    `"${text}" is not a budget category; choose from ${categories.join(', ')}.`),
  chooseStatus: (statuses: readonly string[]): Msg => fixed(`välj ${statuses.join(' eller ')}.`, `choose ${statuses.join(' or ')}.`),
  responsibleMissing: (): Msg => fixed(
    'ange vem som ansvarar för en punkt som staden arrangerar med Cisco.',
    'name who is responsible for an item the city organises with Cisco.'),
  onlySteeringDecides: (): Msg => fixed(
    'bara styrgruppen beslutar om en programpunkt (förslag → beslutad).',
    'only the steering group decides on an item (förslag → beslutad).'),
  onlyLeaderWrites: (): Msg => fixed(
    'bara projektledaren lägger till och ändrar programpunkter.',
    'only the project leader adds and changes items.'),
  decidedFrozen: (): Msg => fixed(
    'punkten är beslutad av styrgruppen; styrgruppen sätter den först tillbaka till förslag, sedan kan den ändras.',
    'the item was decided by the steering group; the steering group first sets it back to förslag, then it can be changed.'),
  invalidInput: (field: string): Msg => fixed(
    `Ogiltiga uppgifter${field ? ` (${field})` : ''}. Inget sparades.`,
    `Invalid input${field ? ` (${field})` : ''}. Nothing was saved.`),
  nothingSaved: (problems: readonly Msg[]): Msg => both(
    (f) => `${problems.map(f.m).join(' ')} Inget sparades.`,
    (f) => `${problems.map(f.m).join(' ')} Nothing was saved.`),
  /** Several problems in one sentence run (Granska ändringar). */
  problems: (problems: readonly Msg[]): Msg => both((f) => problems.map(f.m).join(' '), (f) => problems.map(f.m).join(' ')),
  lockBusy: (): Msg => fixed(
    'Någon annan sparar i arbetsboken just nu. Försök igen om en stund; inget sparades.',
    'Someone else is saving in the workbook right now. Try again in a moment; nothing was saved.'),
  noSuchItem: (id: string): Msg => fixed(`Programpunkten ${id} finns inte. Ladda om listan.`, `The item ${id} does not exist. Reload the list.`),
  cannotChangeNow: (id: string): Msg => fixed(`${id} kan inte ändras nu:`, `${id} cannot be changed now:`),
  capacityBelowYes: (yes: number, id: string, capacity: number | null): Msg => both(
    (f) => `Kapacitet: ${f.count(yes, 'gäst har', 'gäster har')} redan tackat ja till ${id}; kapaciteten kan inte bli ${capacity}.`,
    (f) => `Capacity: ${f.count(yes, 'guest has', 'guests have')} already accepted ${id}; the capacity cannot be ${capacity}.`),
  saved: (id: string): Msg => fixed(`${id} är sparad.`, `${id} is saved.`),
  added: (id: string): Msg => fixed(`${id} är tillagd som förslag.`, `${id} is added as a proposal.`),
  unreadable: (id: string): Msg => fixed(`${id} kan inte läsas.`, `${id} cannot be read.`),
  alreadyStatus: (id: string, status: string): Msg => fixed(`${id} är redan ${status}.`, `${id} is already ${status}.`),
  nowStatus: (id: string, status: string): Msg => fixed(`${id} är nu ${status}.`, `${id} is now ${status}.`),
  decidedNotDeleted: (id: string): Msg => fixed(
    `${id} är beslutad av styrgruppen och kan inte tas bort; styrgruppen sätter den först tillbaka till förslag.`,
    `${id} was decided by the steering group and cannot be deleted; the steering group first sets it back to förslag.`),
  invitedNotDeleted: (id: string, invited: number): Msg => both(
    (f) => `${id} kan inte tas bort: ${f.count(invited, 'gäst är inbjuden', 'gäster är inbjudna')} till den. Ta först bort den från gästerna i Gäster.`,
    (f) => `${id} cannot be deleted: ${f.count(invited, 'guest is invited', 'guests are invited')} to it. First remove it from the guests in Guests.`),
  costsTied: (id: string, costs: readonly string[]): Msg => both(
    (f) => `${id} kan inte tas bort: ${f.plural(costs.length, 'kostnaden', 'kostnaderna')} ${costs.join(', ')} hör till den. Ändra först ${f.plural(costs.length, 'dess', 'deras')} programpunkt i Kostnader.`,
    (f) => `${id} cannot be deleted: the ${f.plural(costs.length, 'cost', 'costs')} ${costs.join(', ')} ${f.plural(costs.length, 'belongs', 'belong')} to it. First change ${f.plural(costs.length, 'its', 'their')} programme item in Kostnader.`),
  deleted: (id: string): Msg => fixed(`${id} är borttagen.`, `${id} is deleted.`),
  idFixed: (): Msg => fixed('ID: sätts av Summit Planner och kan inte ändras.', 'ID: set by Summit Planner and cannot be changed.'),
};
