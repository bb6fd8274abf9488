/**
 * Messages of the RSVP page's answers per programme item, the waiting list and the offer of a freed
 * seat: Swedish and English side by side (see src/core/i18n.ts). Items are named as people see them,
 * "Title (P-00n)".
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const rsvpMsg = {
  notInvited: (names: readonly string[]): Msg => both(
    (f) => `Du är inte inbjuden till ${f.list([...names])}, så du kan inte svara på ${f.plural(names.length, 'den', 'dem')}. Inget sparades.`,
    (f) => `You are not invited to ${f.list([...names])}, so you cannot answer for ${f.plural(names.length, 'it', 'them')}. Nothing was saved.`),
  missing: (names: readonly string[]): Msg => both(
    (f) => `Svara ja eller nej för ${f.list([...names])}. Inget sparades.`,
    (f) => `Answer yes or no for ${f.list([...names])}. Nothing was saved.`),
  full: (names: readonly string[]): Msg => both(
    (f) => `${f.list([...names])} är fullbokad${f.plural(names.length, '', 'e')}: platserna tog slut medan du svarade. Välj väntelistan eller nej för ${f.plural(names.length, 'den', 'dem')}. Inget sparades.`,
    (f) => `${f.list([...names])} ${f.plural(names.length, 'is', 'are')} full: the seats ran out while you were answering. Choose the waiting list or no for ${f.plural(names.length, 'it', 'them')}. Nothing was saved.`),
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
  /** The one answer to a bad token, an old link and an unknown guest alike. */
  linkInvalid: (): Msg => fixed(
    'Länken fungerar inte. Använd hela länken i din senaste inbjudan, eller svara arrangören via e-post.',
    'This link does not work. Use the whole link in your latest invitation, or reply to the organiser by e-mail.'),
  contact: (email: string): Msg => fixed(`Kontakta ${email}.`, `Please contact ${email}.`),
  closedStatus: (): Msg => fixed(
    'Svar kan inte tas emot för den här inbjudan just nu.',
    'Replies cannot be taken for this invitation right now.'),
  /** The deadline as an ISO date ("2026-05-04"), written the way the guest's language writes dates. */
  deadlinePassed: (deadline: string): Msg => both(
    (f) => `Sista svarsdag (${f.date(deadline)}) har passerat, så svaret kan inte ändras här.`,
    (f) => `The reply deadline (${f.date(deadline)}) has passed, so the reply can't be changed here.`),
  /** A lock held elsewhere, told to the guest (lockBusyMsg speaks of a workbook the guest has never seen). */
  busy: (): Msg => fixed(
    'Svaret kunde inte tas emot just nu. Inget har sparats; försök igen om en liten stund.',
    'Your reply could not be received just now. Nothing was saved; please try again in a moment.'),
  tooMany: (): Msg => fixed(
    'Svaret har skickats för många gånger på kort tid. Vänta en stund och försök igen.',
    'The reply has been sent too many times in a short while. Wait a moment and try again.'),
  dietNeedsConsent: (): Msg => fixed(
    'Kryssa i samtycket om du vill att vi sparar dina kostbehov, eller lämna fältet tomt.',
    'Tick the consent box if you want us to store your dietary needs, or leave the field empty.'),
  consentWithdrawn: (): Msg => fixed(
    'Dina kostuppgifter är raderade och ditt samtycke är återkallat.',
    'Your dietary needs are deleted and your consent is withdrawn.'),
  // The privacy notice (GDPR art. 13); the settings' own texts, when filled in, replace the purpose and legal basis.
  privacyPurpose: (event: string): Msg => fixed(
    `Att hantera inbjudan till ${event}: ditt svar, vilka delar du deltar i och, om du vill, dina kostbehov till cateringen.`,
    `To handle your invitation to ${event}: your reply, the parts you attend and, if you wish, your dietary needs for the caterer.`),
  privacyLegalBasis: (): Msg => fixed(
    'Uppgift av allmänt intresse (art. 6.1 e dataskyddsförordningen). Kostuppgifter sparas bara med ditt uttryckliga samtycke (art. 9.2 a), som du kan ta tillbaka här.',
    'A task carried out in the public interest (GDPR art. 6(1)(e)). Dietary needs are stored only with your explicit consent (art. 9(2)(a)), which you can withdraw here.'),
  /** The last day of retention as an ISO date. */
  privacyRetentionBy: (end: string): Msg => both(
    (f) => `Kontaktuppgifter och kostuppgifter raderas senast ${f.date(end)}.`,
    (f) => `Contact details and dietary needs are deleted by ${f.date(end)} at the latest.`),
  privacyRetentionAfterEvent: (): Msg => fixed(
    'Kontaktuppgifter och kostuppgifter raderas efter evenemanget.',
    'Contact details and dietary needs are deleted after the event.'),
  privacyRights: (): Msg => fixed(
    'Du har rätt att få veta vilka uppgifter vi har om dig och att få dem rättade, raderade eller begränsade, och att invända mot behandlingen. Klagomål kan lämnas till Integritetsskyddsmyndigheten (IMY).',
    'You have the right to know what data we hold about you and to have it corrected, erased or restricted, and to object to its use. Complaints can be made to the Swedish Authority for Privacy Protection (IMY).'),
  /** One line of the confirmation's list: "– Middagen, 8 december 2009 19:00–23:00: ja". */
  confirmLine: (item: string, when: string, answer: 'ja' | 'nej' | 'väntar' | 'erbjuden', until: string): Msg => {
    const sv = { ja: 'ja, du kommer', nej: 'nej', väntar: 'du står på väntelistan', erbjuden: `en plats är reserverad för dig till ${until}` }[answer];
    const en = { ja: 'yes, you will attend', nej: 'no', väntar: 'you are on the waiting list', erbjuden: `a seat is held for you until ${until}` }[answer];
    return fixed(`– ${item}, ${when}: ${sv}`, `– ${item}, ${when}: ${en}`);
  },
  /** The .ics attached to the confirmation (the page's download has the same name). */
  confirmFile: (): Msg => fixed('program.ics', 'programme.ics'),
  confirmSent: (): Msg => fixed(
    'En bekräftelse med kalenderfilen har skickats till din e-post.',
    'A confirmation with the calendar file has been sent to your e-mail.'),
  confirmNotMailed: (): Msg => fixed(
    'Bekräftelsen kunde inte skickas med e-post just nu, men ditt svar är sparat. Ladda ner kalenderfilen här på sidan.',
    'The confirmation could not be e-mailed just now, but your reply is saved. Download the calendar file here on the page.'),
  confirmMaybeNotMailed: (): Msg => fixed(
    'Ditt svar är sparat, men det gick inte att se om bekräftelsen skickades med e-post. Kommer den inte, ladda ner kalenderfilen här på sidan.',
    'Your reply is saved, but whether the confirmation was e-mailed could not be told. If it does not arrive, download the calendar file here on the page.'),
} as const;
