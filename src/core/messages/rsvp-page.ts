/**
 * Texts of the guest's RSVP page (src/ui/pages/Rsvp.ts, the web app): Swedish and English side by side (see
 * src/core/i18n.ts). The page is in the guest's language (the Språk column), not the visitor's locale.
 */
import { fixed } from '../i18n';
import type { Msg } from '../msg';

export const rsvpPageMsg = {
  hello: (n: string): Msg => fixed(`Hej ${n}!`, `Hello ${n}!`),
  invited: (): Msg => fixed('Du är inbjuden till', 'You are invited to'),
  where: (): Msg => fixed('Plats', 'Venue'),
  parts: (): Msg => fixed('Det här är du inbjuden till', 'You are invited to these parts'),
  coming: (): Msg => fixed('Kommer du?', 'Will you attend?'),
  yes: (): Msg => fixed('Ja, jag kommer', 'Yes, I will attend'),
  no: (): Msg => fixed('Nej, jag kan inte komma', 'No, I cannot attend'),
  dietTitle: (): Msg => fixed('Kost och allergier', 'Dietary needs and allergies'),
  consent: (): Msg => fixed('Jag samtycker till att Stockholms stad sparar mina kostbehov för det här evenemanget', 'I consent to the City of Stockholm storing my dietary needs for this event'),
  consentHint: (): Msg => fixed('Frivilligt. Kostbehov kan vara uppgifter om hälsa, så vi sparar dem bara med ditt samtycke och bara för cateringen till det här evenemanget.', 'Optional. Dietary needs can be information about your health, so we store them only with your consent and only for the catering at this event.'),
  consentGiven: (): Msg => fixed('Du har samtyckt. Tar du bort krysset raderas dina sparade kostbehov när du skickar svaret.', 'You have consented. If you untick the box, your stored dietary needs are deleted when you send your reply.'),
  consentWithdraw: (): Msg => fixed('Utan kryss raderas dina sparade kostbehov när du skickar svaret.', 'Without the tick, your stored dietary needs are deleted when you send your reply.'),
  diet: (): Msg => fixed('Kost och allergier (frivilligt)', 'Dietary needs and allergies (optional)'),
  dietHint: (): Msg => fixed('Till exempel vegetarisk eller nötallergi. Högst 300 tecken.', 'For example vegetarian or nut allergy. At most 300 characters.'),
  dietLocked: (): Msg => fixed('Kryssa i samtycket ovan för att kunna skriva dina kostbehov.', 'Tick the consent box above to enter your dietary needs.'),
  send: (): Msg => fixed('Skicka svar', 'Send reply'),
  sending: (): Msg => fixed('Skickar …', 'Sending …'),
  deadline: (d: string): Msg => fixed(`Svara senast ${d}. Du kan ändra ditt svar fram till dess.`, `Please reply by ${d}. You can change your reply until then.`),
  current: (a: string): Msg => fixed(`Ditt svar just nu: ${a}.`, `Your reply now: ${a}.`),
  none: (): Msg => fixed('Du har inte svarat än.', 'You have not replied yet.'),
  yesShort: (): Msg => fixed('ja, du kommer', 'yes, you will attend'),
  noShort: (): Msg => fixed('nej, du kan inte komma', 'no, you cannot attend'),
  pick: (): Msg => fixed('Välj ja eller nej.', 'Choose yes or no.'),
  contact: (): Msg => fixed('Frågor? Skriv till', 'Questions? Write to'),
  itemsTitle: (): Msg => fixed('Svara för varje del', 'Answer for each part'),
  itemYes: (): Msg => fixed('Ja, jag kommer', 'Yes, I will attend'),
  itemNo: (): Msg => fixed('Nej', 'No'),
  itemWait: (): Msg => fixed('Ställ mig på väntelistan', 'Put me on the waiting list'),
  full: (): Msg => fixed('Fullbokad: alla platser är tagna.', 'Full: every seat is taken.'),
  waiting: (): Msg => fixed('Du står på väntelistan.', 'You are on the waiting list.'),
  offer: (d: string): Msg => fixed(`En plats är reserverad för dig till ${d}. Svara ja för att ta den.`, `A seat is held for you until ${d}. Answer yes to take it.`),
  pickItem: (n: string): Msg => fixed(`Svara ja eller nej för ${n}.`, `Answer yes or no for ${n}.`),
  calendar: (): Msg => fixed('Ladda ner kalenderfil för det du kommer till (.ics)', 'Download a calendar file of what you will attend (.ics)'),
  privacy: (): Msg => fixed('Om dina personuppgifter', 'About your personal data'),
  controller: (): Msg => fixed('Personuppgiftsansvarig', 'Controller'),
  purpose: (): Msg => fixed('Ändamål', 'Purpose'),
  legalBasis: (): Msg => fixed('Rättslig grund', 'Legal basis'),
  retention: (): Msg => fixed('Hur länge uppgifterna sparas', 'How long the data is kept'),
  dpo: (): Msg => fixed('Dataskyddsombud', 'Data protection officer'),
  rights: (): Msg => fixed('Du har rätt att få veta vilka uppgifter vi har om dig och att få dem rättade eller raderade. Du kan också klaga hos Integritetsskyddsmyndigheten (IMY).', 'You have the right to know what data we hold about you and to have it corrected or deleted. You can also complain to the Swedish Authority for Privacy Protection (IMY).'),
  /** The calendar file's name when downloaded. */
  calendarFile: (): Msg => fixed('program.ics', 'programme.ics'),
};
