/**
 * Texts of the Program sidebar (src/ui/pages/Program.ts): Swedish and English side by side (see
 * src/core/i18n.ts). Type, organiser and status values are kept in Swedish in the sheet; here they are
 * named per language, every value of each union in both.
 */
import { both, fixed, nameOf } from '../i18n';
import type { Ore } from '../money';
import type { Msg } from '../msg';
import type { ItemStatus, Organiser, ProgramType } from '../program';
import type { Role } from '../settings';

const ROLES = {
  styrgrupp: fixed('styrgruppen', 'steering group'),
  projektledare: fixed('projektledare', 'project leader'),
  ekonomi: fixed('ekonomi', 'finance'),
} satisfies Record<Role, Msg>;
const TYPES = {
  öppning: fixed('Öppning med huvudtalare', 'Opening with the main speaker'),
  plenarsession: fixed('Plenarsession', 'Plenary session'),
  specialistsession: fixed('Specialistsession', 'Specialist session'),
  workshop: fixed('Workshop', 'Workshop'),
  studiebesök: fixed('Studiebesök', 'Study visit'),
  representationsmiddag: fixed('Representationsmiddag', 'Representation dinner'),
  kommunikation: fixed('Kommunikationsaktivitet', 'Communication activity'),
  övrigt: fixed('Övrigt', 'Other'),
} satisfies Record<ProgramType, Msg>;
const ORGANISER_NAMES = {
  staden: fixed('Staden ensam', 'The city alone'),
  'staden och Cisco': fixed('Staden med Cisco', 'The city with Cisco'),
} satisfies Record<Organiser, Msg>;
const STATUSES = {
  förslag: fixed('Förslag', 'Proposal'),
  beslutad: fixed('Beslutad', 'Decided'),
} satisfies Record<ItemStatus, Msg>;

export const programPageMsg = {
  loading: (): Msg => fixed('Hämtar programmet …', 'Loading the programme …'),
  loaded: (): Msg => fixed('Programmet är uppdaterat.', 'The programme is up to date.'),
  saving: (): Msg => fixed('Sparar …', 'Saving …'),
  user: (u: string, r: string): Msg => fixed(`Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`, `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`),
  role: (v: string): Msg => nameOf(ROLES, v),
  itemsTitle: (): Msg => fixed('Programpunkter', 'Programme items'),
  none: (): Msg => fixed('Inga programpunkter ännu.', 'No programme items yet.'),
  addTitle: (): Msg => fixed('Lägg till programpunkt', 'Add an item'),
  editTitle: (id: string): Msg => fixed(`Ändra ${id}`, `Change ${id}`),
  mayEdit: (): Msg => fixed('Du är projektledare: du lägger till och ändrar programpunkter. Styrgruppen beslutar om dem.', 'You are the project leader: you add and change items. The steering group decides on them.'),
  mayDecide: (): Msg => fixed('Du är med i styrgruppen: du beslutar om programpunkterna (förslag → beslutad).', 'You are in the steering group: you decide on the items (proposal → decided).'),
  readOnly: (pl: string): Msg => fixed(`Du kan läsa programmet. Bara projektledaren${pl ? ` (${pl})` : ''} lägger till och ändrar programpunkter, och bara styrgruppen beslutar om dem.`, `You can read the programme. Only the project leader${pl ? ` (${pl})` : ''} adds and changes items, and only the steering group decides on them.`),
  notEditor: (pl: string): Msg => fixed(`Bara projektledaren${pl ? ` (${pl})` : ''} lägger till och ändrar programpunkter.`, `Only the project leader${pl ? ` (${pl})` : ''} adds and changes items.`),
  days: (a: string, b: string): Msg => fixed(`Konferensens dagar: ${a}–${b}. Studiebesök och workshops måste ligga inom dem.`, `The conference's days: ${a}–${b}. Study visits and workshops must fall on them.`),
  f: {
    title: (): Msg => fixed('Rubrik', 'Title'),
    type: (): Msg => fixed('Typ', 'Type'),
    date: (): Msg => fixed('Datum', 'Date'),
    start: (): Msg => fixed('Start', 'Start'),
    end: (): Msg => fixed('Slut', 'End'),
    place: (): Msg => fixed('Plats', 'Place'),
    organiser: (): Msg => fixed('Arrangör', 'Organiser'),
    responsible: (): Msg => fixed('Ansvarig', 'Responsible'),
    capacity: (): Msg => fixed('Kapacitet (platser)', 'Capacity (seats)'),
    category: (): Msg => fixed('Budgetkategori', 'Budget category'),
    note: (): Msg => fixed('Anteckning', 'Note'),
  },
  hints: {
    responsible: (): Msg => fixed('Tomt: projektledaren, för punkter som staden arrangerar ensam.', 'Empty: the project leader, for items the city organises alone.'),
    capacity: (): Msg => fixed('Tomt: obegränsat.', 'Empty: no limit.'),
    end: (): Msg => fixed('Före starten: dagen efter (t.ex. en middag till 00:30).', 'Before the start: the next day (e.g. a dinner until 00:30).'),
  },
  type: (v: string): Msg => nameOf(TYPES, v),
  organiser: (v: string): Msg => nameOf(ORGANISER_NAMES, v),
  status: (v: string): Msg => nameOf(STATUSES, v),
  counts: (i: number, y: number, n: number, o: number): Msg => fixed(`Inbjudna ${i} · ja ${y} · nej ${n} · ej svarat ${o}`, `Invited ${i} · yes ${y} · no ${n} · not answered ${o}`),
  waiting: (n: number): Msg => fixed(`(varav ${n} på väntelistan)`, `(${n} of them on the waiting list)`),
  seats: (s: number | null, cap: number | null): Msg => fixed((cap === null ? 'Ingen platsgräns' : `Platser kvar: ${s} av ${cap}`), (cap === null ? 'No seat limit' : `Seats left: ${s} of ${cap}`)),
  /** The item's booked costs next to its budget category's (Kostnader → Programpunkt). */
  cost: (booked: Ore, n: number, category: string, inCategory: Ore): Msg => both(
    (f) => `Kostnad: ${f.money(booked)} bokat (${f.count(n, 'kostnad', 'kostnader')}); kategorin ${category}: ${f.money(inCategory)} bokat i allt`,
    (f) => `Cost: ${f.money(booked)} booked (${f.count(n, 'cost', 'costs')}); the category ${category}: ${f.money(inCategory)} booked in all`),
  review: (): Msg => fixed('Väntar på granskning: visas som Summit Planner senast sparade den.', 'Waiting for review: shown as Summit Planner last saved it.'),
  add: (): Msg => fixed('Lägg till', 'Add'),
  save: (): Msg => fixed('Spara ändringen', 'Save the change'),
  cancel: (): Msg => fixed('Avbryt', 'Cancel'),
  change: (): Msg => fixed('Ändra', 'Change'),
  remove: (): Msg => fixed('Ta bort', 'Delete'),
  confirmRemove: (id: string): Msg => fixed(`Ta bort ${id}? Det går inte att ångra här.`, `Delete ${id}? This cannot be undone here.`),
  decide: (): Msg => fixed('Besluta', 'Decide'),
  undecide: (): Msg => fixed('Tillbaka till förslag', 'Back to proposal'),
  what: (title: string): Msg => fixed(` (${title})`, ` (${title})`),
  notSaved: (): Msg => fixed('Inget sparades: rätta det markerade fältet.', 'Nothing was saved: correct the marked field.'),
  reviewIntro: (): Msg => fixed('De här ändringarna gjordes direkt på bladet Program och gäller inte förrän de har granskats.', 'These changes were made directly on the Program sheet and have no effect until they are reviewed.'),
};
