/**
 * Messages of the RSVP page's answers per programme item, the waiting list and the offer of a freed
 * seat: Swedish and English side by side (see src/core/i18n.ts). Items are named as people see them,
 * "Title (P-00n)".
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const rsvpMsg = {
  notInvited: (names: readonly string[]): Msg => both(
    (f) => `Du är inte inbjuden till ${f.list([...names])}, så du kan inte svara på ${names.length === 1 ? 'den' : 'dem'}. Inget sparades.`,
    (f) => `You are not invited to ${f.list([...names])}, so you cannot answer for ${names.length === 1 ? 'it' : 'them'}. Nothing was saved.`),
  missing: (names: readonly string[]): Msg => both(
    (f) => `Svara ja eller nej för ${f.list([...names])}. Inget sparades.`,
    (f) => `Answer yes or no for ${f.list([...names])}. Nothing was saved.`),
  full: (names: readonly string[]): Msg => both(
    (f) => `${f.list([...names])} är fullbokad${names.length === 1 ? '' : 'e'}: platserna tog slut medan du svarade. Välj väntelistan eller nej för ${names.length === 1 ? 'den' : 'dem'}. Inget sparades.`,
    (f) => `${f.list([...names])} ${names.length === 1 ? 'is' : 'are'} full: the seats ran out while you were answering. Choose the waiting list or no for ${names.length === 1 ? 'it' : 'them'}. Nothing was saved.`),
  noList: (names: readonly string[]): Msg => both(
    (f) => `${f.list([...names])} har ingen väntelista (platserna är obegränsade): svara ja eller nej. Inget sparades.`,
    (f) => `${f.list([...names])} has no waiting list (the seats are unlimited): answer yes or no. Nothing was saved.`),
  oneAnswer: (): Msg => fixed('Välj ja eller nej. Inget sparades.', 'Choose yes or no. Nothing was saved.'),
  thanks: (yes: readonly string[], waiting: readonly string[]): Msg => both(
    (f) => `Tack! Ditt svar är registrerat: ${yes.length ? `du kommer till ${f.list([...yes])}` : 'du kan inte komma'}${waiting.length ? `; du står på väntelistan till ${f.list([...waiting])}` : ''}.`,
    (f) => `Thank you! Your reply is registered: ${yes.length ? `you will attend ${f.list([...yes])}` : 'you cannot attend'}${waiting.length ? `; you are on the waiting list for ${f.list([...waiting])}` : ''}.`),
  thanksOne: (yes: boolean): Msg => (yes
    ? fixed('Tack! Ditt svar är registrerat: du kommer.', 'Thank you! Your reply is registered: you will attend.')
    : fixed('Tack! Ditt svar är registrerat: du kan inte komma.', 'Thank you! Your reply is registered: you cannot attend.')),
  offerSubject: (event: string, item: string): Msg => fixed(
    `En plats har blivit ledig: ${item} – ${event}`,
    `A seat has become free: ${item} – ${event}`),
  offerBody: (first: string, item: string, until: string, link: string): Msg => fixed(
    `Hej ${first}!\n\nDu står på väntelistan till ${item}, och nu har en plats blivit ledig. Den är reserverad för dig till ${until}. Svara ja på din svarssida för att ta den:\n\n${link}\n\nSvarar du inte före dess går platsen vidare till nästa på väntelistan.`,
    `Hello ${first},\n\nYou are on the waiting list for ${item}, and a seat has now become free. It is held for you until ${until}. Answer yes on your reply page to take it:\n\n${link}\n\nIf you do not answer by then, the seat passes to the next person on the waiting list.`),
  confirmSubject: (event: string): Msg => fixed(`Ditt svar: ${event}`, `Your reply: ${event}`),
  confirmBody: (first: string, event: string, lines: string, link: string): Msg => fixed(
    `Hej ${first}!\n\nTack för ditt svar till ${event}. Så här har du svarat:\n\n${lines}\n\nDu kan ändra svaret på din svarssida fram till sista svarsdagen:\n${link}\n\nDe delar du kommer till finns i den bifogade kalenderfilen.`,
    `Hello ${first},\n\nThank you for your reply to ${event}. This is what you answered:\n\n${lines}\n\nYou can change your reply on your reply page until the reply deadline:\n${link}\n\nThe parts you will attend are in the attached calendar file.`),
} as const;
