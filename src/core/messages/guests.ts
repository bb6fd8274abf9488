/**
 * Messages of the guest list (Gäster, import, answers and the dietary list): Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';
import { guestsPageMsg } from './guests-page';

export const guestsMsg = {
  emailInvalid: (e: string): Msg => fixed(
    `E-postadressen "${e}" är inte giltig (skriv till exempel namn@exempel.se).`,
    `The e-mail address "${e}" is not valid (write for example name@example.com).`),
  language: (v: string): Msg => fixed(
    `Okänt språk "${v}": ange sv eller en.`,
    `Unknown language "${v}": use sv or en.`),
  firstNameMissing: (): Msg => fixed('Förnamn saknas.', 'First name is missing.'),
  lastNameMissing: (): Msg => fixed('Efternamn saknas.', 'Last name is missing.'),
  tooLongMostCharacters: (l: Msg, field: number): Msg => both(
    (f) => `${f.m(l)} är för lång (högst ${field} tecken).`,
    (f) => `${f.m(l)} is too long (at most ${field} characters).`),
  noteTooLong: (own: number, max: number): Msg => fixed(
    `Anteckning är för lång: ${own} tecken egen text, högst ${max} (Summit Planners rader [Utskick], [Bekräftelse] och [Påminnelse] räknas inte).`,
    `Note is too long: ${own} characters of your own text, at most ${max} (Summit Planner's [Utskick], [Bekräftelse] and [Påminnelse] lines don't count).`),
  eMailAddressMissing: (): Msg => fixed('E-postadress saknas.', 'E-mail address is missing.'),
  unknownStatusAllowed: (to: string, GUEST_STATUSES: readonly string[]): Msg => fixed(
    `Okänd status "${to}". Tillåtna: ${GUEST_STATUSES.join(', ')}.`,
    `Unknown status "${to}". Allowed: ${GUEST_STATUSES.join(', ')}.`),
  statusSkickarSetOnly: (): Msg => fixed('Status Skickar sätts bara av utskicket.', 'The status Skickar is set only by the send.'),
  proposedGuestMustApproved: (to: string): Msg => fixed(
    `En föreslagen gäst måste godkännas av styrgruppen innan status kan bli ${to}.`,
    `A proposed guest must be approved by the steering group before the status can become ${to}.`),
  steeringGroup: (): Msg => fixed('styrgruppen', 'the steering group'),
  approvalCitesDecision: (): Msg => fixed(
    'Status: ett godkännande ska hänvisa till ett fattat beslut av styrgruppen om inbjudningslistan (Beslut, ämne Inbjudningslista). Godkänn i sidopanelen Gäster och välj beslutet där, eller bekräfta ändringen i Granska ändringar med beslutets ID (t.ex. B-0002) som anteckning.',
    'Status: an approval must cite a decision the steering group has taken on the invitation list (Beslut, subject Inbjudningslista). Approve in the Guests sidebar and choose the decision there, or confirm the change in Review changes with the decision\'s ID (e.g. B-0002) as the note.'),
  approvedCiting: (row: number, decision: string): Msg => fixed(
    `Godkännandet på Gäster rad ${row} är bekräftat och förseglat (beslut ${decision}).`,
    `The approval on Gäster row ${row} is confirmed and sealed (decision ${decision}).`),
  projectLeader: (): Msg => fixed('projektledaren', 'the project leader'),
  onlyMayChangeStatus: (who: Msg, from: string, to: string): Msg => both(
    (f) => `Bara ${f.m(who)} får ändra status från ${from} till ${to}.`,
    (f) => `Only ${f.m(who)} may change the status from ${from} to ${to}.`),
  cap: (cap: number, used: number, asked: number): Msg => fixed(
    `Taket är ${cap} inbjudna gäster och ${used} platser är redan tagna; ${asked} till ryms inte. Styrgruppen kan höja taket på bladet Inställningar.`,
    `The cap is ${cap} invited guests and ${used} places are taken; ${asked} more do not fit. The steering group can raise the cap on the Inställningar sheet.`),
  idSetSummitPlanner: (): Msg => fixed('ID sätts av Summit Planner och kan inte ändras.', 'The ID is set by Summit Planner and cannot be changed.'),
  skickadSetSend: (): Msg => fixed('Skickad sätts av utskicket.', 'Skickad is set by the send.'),
  pamindSetByReminder: (): Msg => fixed('Påmind sätts av Skicka påminnelse.', 'Påmind is set by Send a reminder.'),
  setGuestSAnswer: (header: string): Msg => fixed(
    `${header} sätts av gästens svar på svarssidan.`,
    `${header} is set by the guest's answer on the RSVP page.`),
  linkVersionSetSummit: (): Msg => fixed('Länkversionen sätts av Summit Planner.', 'The link version is set by Summit Planner.'),
  textTooLongMost: (lim: number): Msg => fixed(
    `För lång text (högst ${lim} tecken).`,
    `Text too long (at most ${lim} characters).`),
  mustNotEmpty: (l: Msg): Msg => both(
    (f) => `${f.m(l)} får inte vara tomt.`,
    (f) => `${f.m(l)} must not be empty.`),
  nameMissing: (): Msg => fixed('Namn saknas.', 'Name is missing.'),
  unknownStatus: (status: string): Msg => fixed(
    `Okänd status "${status}".`,
    `Unknown status "${status}".`),
  invalidInput: (where: string): Msg => fixed(
    `Ogiltiga uppgifter: ${where}.`,
    `Invalid input: ${where}.`),
  guestNotList: (id: string): Msg => fixed(
    `Gästen ${id} finns inte i listan.`,
    `Guest ${id} is not on the list.`),
  guestCannotChangedNow: (id: string): Msg => fixed(
    `Gästen ${id} kan inte ändras nu:`,
    `Guest ${id} cannot be changed now:`),
  listFull: (): Msg => fixed('Listan är full.', 'The list is full.'),
  invitationGuestBeingSent: (): Msg => fixed('Inbjudan till gästen skickas just nu; försök igen om en stund.', 'The invitation to this guest is being sent; try again in a moment.'),
  newGuestFReslagen: (status: string): Msg => fixed(
    `En ny gäst är Föreslagen, inte ${status}: styrgruppen godkänner i sidopanelen.`,
    `A new guest is Föreslagen, not ${status}: the steering group approves in the sidebar.`),
  idAlreadyExists: (id: string): Msg => fixed(
    `ID ${id} finns redan.`,
    `The ID ${id} already exists.`),
  onlyProjectLeaderMay: (status: readonly string[]): Msg => fixed(
    `Bara projektledaren får ändra gästens uppgifter (${status.join(', ')}).`,
    `Only the project leader may change a guest's details (${status.join(', ')}).`),
  putBack: (header: string, sheetRow: number, why: Msg): Msg => both(
    (f) => `${header} på rad ${sheetRow} är återställd: ${f.m(why)}`,
    (f) => `${header} on row ${sheetRow} was put back: ${f.m(why)}`),
  purgeCannotDoneSlutdatum: (): Msg => fixed('Gallringen kan inte göras: Slutdatum saknas på Evenemang, så lagringstiden har inget slut. Inget har ändrats.', 'The purge cannot be done: Slutdatum is missing on Evenemang, so the retention period has no end. Nothing was changed.'),
  personalDataNeededUntil: (until: string): Msg => fixed(
    `Personuppgifterna behövs till och med ${until} (Slutdatum + Lagringstid) och gallras först därefter. Inget har ändrats.`,
    `The personal data is needed until ${until} inclusive (Slutdatum + Lagringstid) and is purged only after that. Nothing was changed.`),
  confirmPurgeFirstNothing: (): Msg => fixed('Bekräfta gallringen först. Inget har ändrats.', 'Confirm the purge first. Nothing was changed.'),
  purgeCannotDoneYet: (): Msg => fixed('Gallringen kan inte göras än:', 'The purge cannot be done yet:'),
  personalDataPurgedGuests: (purged: number): Msg => both(
    (f) => `Personuppgifterna är gallrade för ${f.count(purged, 'gäst', 'gäster')}: e-post, kostuppgifter, samtycken och anteckningar är borttagna och alla svarslänkar slutar fungera. Namn, status och svar finns kvar.`,
    (f) => `Personal data is purged for ${f.count(purged, 'guest', 'guests')}: e-mail addresses, dietary needs, consents and notes are removed and every RSVP link stops working. Names, statuses and answers remain.`),
  namesRefused: (): Msg => fixed('Bara projektledaren får se vem kostbehoven gäller. Listan utan namn visas för alla som kan läsa gästlistan.', 'Only the project leader may see whose dietary needs they are. The list without names is shown to everyone who can read the guest list.'),
  withheld: (until: string): Msg => fixed(
    `Lagringstiden gick ut ${until}: kostuppgifterna visas inte längre och ska gallras. Antalen i sammanfattningen finns kvar.`,
    `The retention period ended ${until}: dietary needs are no longer shown and are to be purged. The counts in the summary remain.`),
  emailDuplicate: (email: string, otherId: string): Msg => fixed(
    `E-postadressen ${email} finns redan i listan${otherId ? ` (${otherId})` : ''}. Varje gäst ska ha en egen adress.`,
    `The e-mail address ${email} is already on the list${otherId ? ` (${otherId})` : ''}. Each guest needs their own address.`),
  /** `known`: the programme parts to choose from (none: the hint is left out). */
  unknownEvent: (unknown: readonly string[], known: readonly string[]): Msg => fixed(
    `Okänt evenemang: ${unknown.join(', ')}.${known.length ? ` Välj bland: ${known.join(', ')}.` : ''}`,
    `Unknown event: ${unknown.join(', ')}.${known.length ? ` Choose from: ${known.join(', ')}.` : ''}`),
  statusCannotChange: (from: string, to: string): Msg => fixed(
    `Status kan inte ändras från ${from || '(tom)'} till ${to}.`,
    `The status cannot change from ${from || '(empty)'} to ${to}.`),
  /** Approval refused for the cap: "Du markerade 28; 26 platser är lediga". */
  approveOverCap: (selected: number, free: number, cap: number): Msg => both(
    (f) => `Du markerade ${selected}; ${free === 0 ? 'inga platser är lediga' : f.count(free, 'plats är ledig', 'platser är lediga')} (taket är ${cap}). Avmarkera ${selected - free}, eller låt en administratör höja taket i Inställningar och roller. Inget godkändes.`,
    (f) => `You selected ${selected}; ${free === 0 ? 'no places are free' : f.count(free, 'place is free', 'places are free')} (the cap is ${cap}). Clear ${selected - free}, or have an administrator raise the cap in Settings and roles. Nothing was approved.`),
  /** Dietary needs are health data (GDPR art. 9): stored only with the guest's own consent, given on the RSVP page. */
  dietNeedsConsent: (): Msg => fixed(
    'Kost/allergier sparas bara med gästens samtycke, som gästen ger själv på svarssidan. Lämna fältet tomt; gästen fyller i sina kostbehov när hen svarar.',
    'Diet/allergies are stored only with the guest\'s consent, which the guest gives on the RSVP page. Leave the field empty; the guest fills in their dietary needs when answering.'),
  dietNotImported: (): Msg => fixed(
    'Kost/allergier importeras inte: de sparas bara med gästens samtycke, som gästen ger själv på svarssidan.',
    'Diet/allergies are not imported: they are stored only with the guest\'s consent, which the guest gives on the RSVP page.'),
  /** Återbud recorded in the sidebar; `offers`: freed seats offered to guests on a waiting list. */
  cancelled: (id: string, offers: number): Msg => both(
    (f) => `Återbud registrerat för ${id}.${offers ? ` ${offers} ${f.plural(offers, 'ledig plats', 'lediga platser')} har erbjudits till väntelistan per e-post.` : ''}`,
    (f) => `Cancellation recorded for ${id}.${offers ? ` ${offers} freed ${f.plural(offers, 'seat has', 'seats have')} been offered to the waiting list by e-mail.` : ''}`),
  alreadyCancelled: (id: string): Msg => fixed(`${id} har redan lämnat återbud.`, `${id} has already cancelled.`),
  /** A failed confirmation's note and advice (one text for the sheet's Anteckning and the Gäster sidebar). */
  confirmNote: (kind: string): Msg => guestsPageMsg.confirmTrouble(kind),
  /** An Återbud typed in Gäster freed seats the waiting list is owed: a simple trigger can't mail, so this says who passes them on. */
  seatsOwed: (n: number): Msg => both(
    (f) => `${f.count(n, 'ledig plats', 'lediga platser')} ska erbjudas väntelistan. Öppna Gäster eller Program (som projektledare) så mejlas ${f.plural(n, 'erbjudandet', 'erbjudandena')} nu; annars går ${f.plural(n, 'det', 'de')} ut när en gäst nästa gång öppnar sin svarssida eller svarar.`,
    (f) => `${f.count(n, 'freed seat is', 'freed seats are')} owed to the waiting list. Open Guests or Programme (as the project leader) to mail the ${f.plural(n, 'offer', 'offers')} now; otherwise ${f.plural(n, 'it goes', 'they go')} out when a guest next opens their RSVP page or answers.`),
  confirmResent: (id: string): Msg => fixed(`Bekräftelsen till ${id} är skickad igen.`, `The confirmation to ${id} has been sent again.`),
  /** Why "Skicka bekräftelsen igen" is refused: Logg's last confirmation entry for the guest is no failure that proves nothing left. */
  confirmNoFailure: (id: string): Msg => fixed(
    `${id} har ingen bekräftelse som bevisligen inte gick iväg (enligt Logg): den skickas inte igen.`,
    `${id} has no confirmation that provably did not leave (according to Logg): it is not sent again.`),
  confirmMayHaveLeft: (id: string): Msg => fixed(
    `Bekräftelsen till ${id} kan ha gått iväg (Gmail svarade med ett fel efter försöket, eller utfallet sparades inte) och skickas inte igen. Kontrollera Skickat; gästen kan ladda ner kalenderfilen på svarssidan.`,
    `The confirmation to ${id} may have left (Gmail answered with an error after the attempt, or the outcome was not saved) and is not sent again. Check Sent; the guest can download the calendar file on the RSVP page.`),
  confirmDismissed: (id: string): Msg => fixed(
    `Bekräftelsen till ${id} är markerad som hanterad.`,
    `The confirmation to ${id} is marked as dealt with.`),
  confirmNothingToDismiss: (id: string): Msg => fixed(
    `${id} har ingen bekräftelse som inte kom fram att markera.`,
    `${id} has no confirmation that did not arrive to mark.`),
  confirmNothingAccepted: (id: string): Msg => fixed(
    `${id} har inte tackat ja till något nu: det finns ingen bekräftelse att skicka.`,
    `${id} has not accepted anything now: there is no confirmation to send.`),
};
