/**
 * Messages of merge: Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const mergeMsg = {
  noInvitationsCanSent: (): Msg => fixed('Inga inbjudningar kan skickas:', 'No invitations can be sent:'),
  templateCannotUsed: (l: string): Msg => fixed(
    `Mallen för ${l} kan inte användas:`,
    `The template for ${l} cannot be used:`),
  thereMoreThanOne: (lang: string): Msg => fixed(
    `Det finns flera mallar för språket ${lang} på bladet Mallar; behåll en.`,
    `There is more than one template for ${lang} on the Mallar sheet; keep one.`),
  invalidEMailAddress: (email: string): Msg => fixed(
    `Ogiltig e-postadress "${email}".`,
    `Invalid e-mail address "${email}".`),
  unknownLanguage: (language: string): Msg => fixed(
    `Okänt språk "${language}".`,
    `Unknown language "${language}".`),
  thereNoTemplateMallar: (lang: string): Msg => fixed(
    `Det finns ingen mall för språket ${lang} (bladet Mallar).`,
    `There is no template for ${lang} (the Mallar sheet).`),
  rsvpLinkCouldNot: (): Msg => fixed('Svarslänken kunde inte skapas.', 'The RSVP link could not be made.'),
  yourEMailAddress: (): Msg => fixed('Din e-postadress är okänd; testet kan inte skickas.', 'Your e-mail address is unknown; the test cannot be sent.'),
  guestGetsNoInvitation: (): Msg => fixed('Gästen får ingen inbjudan nu:', 'The guest gets no invitation now:'),
  sameEMailAddress: (other: string): Msg => fixed(
    `Samma e-postadress som ${other}.`,
    `Same e-mail address as ${other}.`),
  nothingSendApprovedGuests: (blocked: number): Msg => both(
    (f) => `Inget att skicka: ${f.count(blocked, 'godkänd gäst är blockerad', 'godkända gäster är blockerade')} (se skälen).`,
    (f) => `Nothing to send: ${f.count(blocked, 'approved guest is blocked', 'approved guests are blocked')} (see the reasons).`),
  everyApprovedGuestBeen: (): Msg => fixed('Alla godkända gäster har fått sin inbjudan.', 'Every approved guest has been invited.'),
  capInvitedReachedApproved: (inviteCap: number, waiting: number): Msg => fixed(
    `Taket (${inviteCap} inbjudna) är nått; ${waiting} godkända gäster väntar.`,
    `The cap (${inviteCap} invited) is reached; ${waiting} approved guests are waiting.`),
  charactersNotAllowedTemplate: (where: Msg): Msg => both(
    (f) => `${f.m(where)}: otillåtna tecken i mallen.`,
    (f) => `${f.m(where)}: characters not allowed in the template.`),
  incompleteFieldLoneWrite: (where: Msg): Msg => both(
    (f) => `${f.m(where)}: ofullständigt fält (en ensam {{ eller }}). Skriv fält som {{Förnamn}}.`,
    (f) => `${f.m(where)}: incomplete field (a lone {{ or }}). Write fields as {{FirstName}}.`),
  subject: (): Msg => fixed('Ämnesraden', 'The subject'),
  body: (): Msg => fixed('Brödtexten', 'The body'),
  subjectEmpty: (): Msg => fixed('Ämnesraden är tom.', 'The subject is empty.'),
  subjectMustNotContain: (): Msg => fixed('Ämnesraden får inte innehålla radbrytningar.', 'The subject must not contain line breaks.'),
  bodyEmpty: (): Msg => fixed('Brödtexten är tom.', 'The body is empty.'),
  subjectTooLongMost: (): Msg => fixed('Ämnesraden är för lång (högst 200 tecken).', 'The subject is too long (at most 200 characters).'),
  bodyTooLongMost: (): Msg => fixed('Brödtexten är för lång (högst 20000 tecken).', 'The body is too long (at most 20000 characters).'),
  noProgrammeItem: (name: string): Msg => fixed(
    `Ingen programpunkt är vald för gästen (kolumnen Evenemang på bladet Gäster), så {{${name}}} skulle bli tom. Välj gästens programpunkter i sidopanelen Gäster.`,
    `No programme item is chosen for the guest (the column Evenemang on the Gäster sheet), so {{${name}}} would be empty. Choose the guest's programme items in the Guests sidebar.`),
  noValue: (name: string): Msg => fixed(
    `Värde saknas för {{${name}}}.`,
    `No value for {{${name}}}.`),
  subjectWouldContainLine: (): Msg => fixed('Ämnesraden skulle innehålla en radbrytning (från ett fältvärde); utskicket stoppas.', 'The subject would contain a line break (from a field value); not sent.'),
  textWouldContainField: (): Msg => fixed('Texten skulle innehålla {{…}} (från ett fältvärde); utskicket stoppas.', 'The text would contain {{…}} (from a field value); not sent.'),
  linkNotAllowedOnly: (href: string): Msg => fixed(
    `Länken "${href}" är inte tillåten: bara https://, http:// och mailto: går att länka.`,
    `The link "${href}" is not allowed: only https://, http:// and mailto: links.`),
  rsvpPageWebApp: (): Msg => fixed('Svarssidan (webbappen) är inte driftsatt, så svarslänken skulle inte fungera. Driftsätt den först (Apps Script → Driftsätt → Ny driftsättning → Webbapp). Inget skickades.', 'The RSVP page (web app) is not deployed, so the RSVP link would not work. Deploy it first (Apps Script → Deploy → New deployment → Web app). Nothing was sent.'),
  couldNotCreateRsvp: (): Msg => fixed('Kunde inte skapa nyckeln för svarslänkar; försök igen.', 'Could not create the RSVP link key; try again.'),
  rsvpPageRunsOnly: (): Msg => fixed('Svarssidan körs bara som testdriftsättning (en adress som slutar på /dev), som bara utvecklaren kan öppna; gästerna skulle få en länk som inte fungerar. Driftsätt den som webbapp (Apps Script → Driftsätt → Ny driftsättning → Webbapp) och skicka sedan. Inget skickades.', 'The RSVP page runs only as a test deployment (an address ending in /dev) that only the developer can open; guests would get a link that does not work. Deploy it as a web app (Apps Script → Deploy → New deployment → Web app), then send. Nothing was sent.'),
  noPart: (): Msg => fixed('Ingen programpunkt (Evenemang): gästen bjuds inte in till någon del förrän du väljer en.', 'No programme part (Evenemang): the guest is invited to nothing until you choose one.'),
  textTooLargeMost: (): Msg => fixed('Texten är för stor (högst 1 000 000 tecken).', 'The text is too large (at most 1,000,000 characters).'),
  nothingImport: (): Msg => fixed('Ingen text att importera.', 'Nothing to import.'),
  firstLineMustHeaders: (missing: readonly string[]): Msg => fixed(
    `Första raden ska vara rubriker. Kolumner saknas: ${missing.join(', ')}.`,
    `The first line must be headers. Missing columns: ${missing.join(', ')}.`),
  eMailAddressAppears: (email: string, key: number): Msg => fixed(
    `E-postadressen ${email} förekommer flera gånger i texten (första gången på rad ${key}).`,
    `The e-mail address ${email} appears more than once in the text (first on line ${key}).`),
  tooManyGuestsList: (MAX_GUESTS: number): Msg => fixed(
    `För många gäster: listan rymmer högst ${MAX_GUESTS}.`,
    `Too many guests: the list holds at most ${MAX_GUESTS}.`),
  invitationCannotBeSent: (reasons: readonly Msg[]): Msg => both(
    (f) => `Inbjudan kan inte skickas: ${reasons.map(f.m).join(' ')}`,
    (f) => `The invitation cannot be sent: ${reasons.map(f.m).join(' ')}`),
  quotaUsedUp: (waiting: number): Msg => both(
    (f) => `Dagens e-postkvot är slut${waiting ? `; ${f.count(waiting, 'inbjudan väntar', 'inbjudningar väntar')}` : ''}. Kvoten fylls på inom ett dygn – kör Skicka inbjudningar igen i morgon. Inget skickas dubbelt.`,
    (f) => `Today's e-mail quota is used up${waiting ? `; ${f.count(waiting, 'invitation is waiting', 'invitations are waiting')}` : ''}. It refills within 24 hours – run Send invitations again tomorrow. Nothing is sent twice.`),
  /** A batch's outcome: "2 inbjudningar skickade; 0 kvar; 1 blockerad (se skälen)." */
  batchSent: (n: { sent: number; failed: number; unsure: number; remaining: number; blocked: number }): Msg => both(
    (f) => `${f.count(n.sent, 'inbjudan skickad', 'inbjudningar skickade')}${n.failed ? `, ${n.failed} misslyckades` : ''}${n.unsure ? `, ${f.count(n.unsure, 'osäker', 'osäkra')} (Gmail svarade med ett fel; kontrollera Skickat)` : ''}; ${n.remaining} kvar${n.blocked ? `; ${f.count(n.blocked, 'blockerad', 'blockerade')} (se skälen)` : ''}.`,
    (f) => `${f.count(n.sent, 'invitation sent', 'invitations sent')}${n.failed ? `, ${n.failed} failed` : ''}${n.unsure ? `, ${n.unsure} uncertain (Gmail answered with an error; check Sent)` : ''}; ${n.remaining} left${n.blocked ? `; ${n.blocked} blocked (see the reasons)` : ''}.`),
  unknownPlaceholder: (where: Msg, name: string, known: (lang: 'sv' | 'en') => string): Msg => both(
    (f) => `${f.m(where)}: okänt fält {{${name}}}. Kända fält: ${known('sv')}.`,
    (f) => `${f.m(where)}: unknown field {{${name}}}. Known fields: ${known('en')}.`),
  /** The invitation's calendar attachment. */
  icsFileName: (): Msg => fixed('inbjudan.ics', 'invitation.ics'),
};
