/**
 * Texts of the Program sidebar. Swedish first; English when the page lang is en.
 * Type, organiser and status values are kept in Swedish in the sheet; here they are named per language.
 */
const sv = {
  loading: 'Hämtar programmet …',
  loaded: 'Programmet är uppdaterat.',
  saving: 'Sparar …',
  user: (u: string, r: string) => `Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`,
  roles: { styrgrupp: 'styrgruppen', projektledare: 'projektledare', ekonomi: 'ekonomi' } as Record<string, string>,
  itemsTitle: 'Programpunkter',
  none: 'Inga programpunkter ännu.',
  addTitle: 'Lägg till programpunkt',
  editTitle: (id: string) => `Ändra ${id}`,
  mayEdit: 'Du är projektledare: du lägger till och ändrar programpunkter. Styrgruppen beslutar om dem.',
  mayDecide: 'Du är med i styrgruppen: du beslutar om programpunkterna (förslag → beslutad).',
  readOnly: (pl: string) => `Du kan läsa programmet. Bara projektledaren${pl ? ` (${pl})` : ''} lägger till och ändrar programpunkter, och bara styrgruppen beslutar om dem.`,
  notEditor: (pl: string) => `Bara projektledaren${pl ? ` (${pl})` : ''} lägger till och ändrar programpunkter.`,
  days: (a: string, b: string) => `Konferensens dagar: ${a}–${b}. Studiebesök och workshops måste ligga inom dem.`,
  f: {
    title: 'Rubrik', type: 'Typ', date: 'Datum', start: 'Start', end: 'Slut', place: 'Plats', organiser: 'Arrangör',
    responsible: 'Ansvarig', capacity: 'Kapacitet (platser)', category: 'Budgetkategori', note: 'Anteckning',
  },
  hints: {
    responsible: 'Tomt: projektledaren, för punkter som staden arrangerar ensam.',
    capacity: 'Tomt: obegränsat.',
    end: 'Före starten: dagen efter (t.ex. en middag till 00:30).',
  },
  types: {
    öppning: 'Öppning med huvudtalare', plenarsession: 'Plenarsession', specialistsession: 'Specialistsession', workshop: 'Workshop',
    studiebesök: 'Studiebesök', representationsmiddag: 'Representationsmiddag', kommunikation: 'Kommunikationsaktivitet', övrigt: 'Övrigt',
  } as Record<string, string>,
  organisers: { staden: 'Staden ensam', 'staden och Cisco': 'Staden med Cisco' } as Record<string, string>,
  statuses: { förslag: 'Förslag', beslutad: 'Beslutad' } as Record<string, string>,
  counts: (i: number, y: number, n: number, o: number) => `Inbjudna ${i} · ja ${y} · nej ${n} · ej svarat ${o}`,
  waiting: (n: number) => `(varav ${n} på väntelistan)`,
  seats: (s: number | null, cap: number | null) => (cap === null ? 'Ingen platsgräns' : `Platser kvar: ${s} av ${cap}`),
  /** The item's booked costs next to its budget category's (Kostnader → Programpunkt). */
  cost: (booked: string, n: number, category: string, inCategory: string) =>
    `Kostnad: ${booked} bokat (${n === 1 ? '1 kostnad' : `${n} kostnader`}); kategorin ${category}: ${inCategory} bokat i allt`,
  review: 'Väntar på granskning: visas som Summit Planner senast sparade den.',
  add: 'Lägg till',
  save: 'Spara ändringen',
  cancel: 'Avbryt',
  change: 'Ändra',
  remove: 'Ta bort',
  confirmRemove: (id: string) => `Ta bort ${id}? Det går inte att ångra här.`,
  decide: 'Besluta',
  undecide: 'Tillbaka till förslag',
  what: (title: string) => ` (${title})`,
  notSaved: 'Inget sparades: rätta det markerade fältet.',
  reviewIntro: 'De här ändringarna gjordes direkt på bladet Program och gäller inte förrän de har granskats.',
};
export type ProgramTexts = typeof sv;

const en: ProgramTexts = {
  loading: 'Loading the programme …',
  loaded: 'The programme is up to date.',
  saving: 'Saving …',
  user: (u, r) => `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`,
  roles: { styrgrupp: 'steering group', projektledare: 'project leader', ekonomi: 'finance' },
  itemsTitle: 'Programme items',
  none: 'No programme items yet.',
  addTitle: 'Add an item',
  editTitle: (id) => `Change ${id}`,
  mayEdit: 'You are the project leader: you add and change items. The steering group decides on them.',
  mayDecide: 'You are in the steering group: you decide on the items (proposal → decided).',
  readOnly: (pl) => `You can read the programme. Only the project leader${pl ? ` (${pl})` : ''} adds and changes items, and only the steering group decides on them.`,
  notEditor: (pl) => `Only the project leader${pl ? ` (${pl})` : ''} adds and changes items.`,
  days: (a, b) => `The conference's days: ${a}–${b}. Study visits and workshops must fall on them.`,
  f: {
    title: 'Title', type: 'Type', date: 'Date', start: 'Start', end: 'End', place: 'Place', organiser: 'Organiser',
    responsible: 'Responsible', capacity: 'Capacity (seats)', category: 'Budget category', note: 'Note',
  },
  hints: {
    responsible: 'Empty: the project leader, for items the city organises alone.',
    capacity: 'Empty: no limit.',
    end: 'Before the start: the next day (e.g. a dinner until 00:30).',
  },
  types: {
    öppning: 'Opening with the main speaker', plenarsession: 'Plenary session', specialistsession: 'Specialist session', workshop: 'Workshop',
    studiebesök: 'Study visit', representationsmiddag: 'Representation dinner', kommunikation: 'Communication activity', övrigt: 'Other',
  },
  organisers: { staden: 'The city alone', 'staden och Cisco': 'The city with Cisco' },
  statuses: { förslag: 'Proposal', beslutad: 'Decided' },
  counts: (i, y, n, o) => `Invited ${i} · yes ${y} · no ${n} · not answered ${o}`,
  waiting: (n) => `(${n} of them on the waiting list)`,
  seats: (s, cap) => (cap === null ? 'No seat limit' : `Seats left: ${s} of ${cap}`),
  cost: (booked, n, category, inCategory) => `Cost: ${booked} booked (${n === 1 ? '1 cost' : `${n} costs`}); the category ${category}: ${inCategory} booked in all`,
  review: 'Waiting for review: shown as Summit Planner last saved it.',
  add: 'Add',
  save: 'Save the change',
  cancel: 'Cancel',
  change: 'Change',
  remove: 'Delete',
  confirmRemove: (id) => `Delete ${id}? This cannot be undone here.`,
  decide: 'Decide',
  undecide: 'Back to proposal',
  what: (title) => ` (${title})`,
  notSaved: 'Nothing was saved: correct the marked field.',
  reviewIntro: 'These changes were made directly on the Program sheet and have no effect until they are reviewed.',
};

export const programTexts = (lang: 'sv' | 'en'): ProgramTexts => (lang === 'en' ? en : sv);
