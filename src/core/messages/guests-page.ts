/**
 * Texts of the "Gäster" sidebar (src/ui/pages/Guests.ts): Swedish and English side by side (see
 * src/core/i18n.ts). Counts through the plural helper (Fmt.plural/count); status names are sidebarMsg.guestStatus.
 */
import { both, fixed, type Fmt } from '../i18n';
import type { Msg } from '../msg';
import { sidebarMsg } from './sidebar';

const freeSv = (f: Fmt, n: number): string => (n === 0 ? 'inga platser är lediga' : f.plural(n, '1 plats är ledig', `${f.num(n)} platser är lediga`));
const freeEn = (f: Fmt, n: number): string => (n === 0 ? 'no places are free' : f.plural(n, '1 place is free', `${f.num(n)} places are free`));

export const guestsPageMsg = {
  loading: (): Msg => fixed('Hämtar gästlistan …', 'Loading the guest list …'),
  loaded: (): Msg => fixed('Gästlistan är uppdaterad.', 'The guest list is up to date.'),
  refresh: (): Msg => fixed('Uppdatera', 'Refresh'),
  user: (u: string, r: string): Msg => fixed(`Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`, `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`),
  skip: (): Msg => fixed('Hoppa till', 'Skip to'),
  skipApprove: (): Msg => fixed('Godkännande', 'Approval'),
  skipAnswers: (): Msg => fixed('Svar och kostlista', 'Answers and dietary list'),
  skipList: (): Msg => fixed('Gästlistan', 'The guest list'),
  skipForms: (): Msg => fixed('Lägg till och importera', 'Add and import'),
  /** The places in use, in the same words as Inbjudningar (one entry for both sidebars). */
  cap: (used: number, cap: number): Msg => sidebarMsg.placesUsed(used, cap),
  capLabel: (): Msg => fixed('Inbjudningsplatser', 'Invitation places'),
  overCap: (): Msg => fixed('över taket', 'over the cap'),
  overCapHint: (n: number): Msg => both(
    (f) => `${n} förslag ryms inte under taket; styrgruppen kan inte godkänna ${f.plural(n, 'det', 'dem')} utan att taket höjs.`,
    (f) => `${f.plural(n, '1 proposal does', `${n} proposals do`)} not fit under the cap; the steering group can't approve ${f.plural(n, 'it', 'them')} without raising it.`),
  empty: (): Msg => fixed('Inga gäster ännu.', 'No guests yet.'),
  list: (): Msg => fixed('Gäster', 'Guests'),
  select: (name: string): Msg => fixed(`Markera ${name}`, `Select ${name}`),
  approveBar: (): Msg => fixed('Godkännande', 'Approval'),
  selectFit: (n: number): Msg => fixed(`Markera alla som ryms (${n})`, `Select all that fit (${n})`),
  selection: (sel: number, free: number): Msg => both(
    (f) => `${sel} markerade · ${free === 0 ? 'inga platser lediga' : f.plural(free, '1 plats ledig', `${free} platser lediga`)}`,
    (f) => `${sel} selected · ${free === 0 ? 'no places free' : f.plural(free, '1 place free', `${free} places free`)}`),
  selectionOver: (sel: number, free: number): Msg => both(
    (f) => `Du har markerat ${sel}; ${freeSv(f, free)}.`,
    (f) => `You have selected ${sel}; ${freeEn(f, free)}.`),
  approve: (): Msg => fixed('Godkänn markerade', 'Approve selected'),
  unapprove: (): Msg => fixed('Återkalla godkännande', 'Withdraw approval'),
  approveWho: (): Msg => fixed('Bara styrgruppen kan godkänna gäster och återkalla godkännanden.', 'Only the steering group can approve guests and withdraw approvals.'),
  approveDecision: (): Msg => fixed('Styrgruppens beslut om inbjudningslistan', 'The steering group\'s decision on the invitation list'),
  approveDecisionHint: (): Msg => fixed('Ett godkännande hänvisar till ett fattat beslut i registret (Summit Planner → Beslut).', 'An approval cites a taken decision in the register (Summit Planner → Decisions).'),
  noDecision: (): Msg => fixed('Inget fattat beslut om inbjudningslistan finns i registret: registrera det först i Summit Planner → Beslut.', 'No taken decision on the invitation list is in the register: record it first in Summit Planner → Decisions.'),
  noneSelected: (): Msg => fixed('Markera minst en gäst först.', 'Select at least one guest first.'),
  approved: (n: number, u: number): Msg => both(
    (f) => `${f.plural(n, '1 godkänd', `${n} godkända`)}${u ? `, ${f.plural(u, '1 var redan godkänd', `${u} var redan godkända`)}` : ''}.`,
    (f) => `${n} approved${u ? `, ${u} ${f.plural(u, 'was', 'were')} already approved` : ''}.`),
  unapproved: (n: number): Msg => both(
    (f) => `Godkännandet återkallat för ${f.plural(n, '1 gäst', `${n} gäster`)}.`,
    (f) => `Approval withdrawn for ${f.plural(n, '1 guest', `${n} guests`)}.`),
  edit: (name: string): Msg => fixed(`Ändra ${name}`, `Edit ${name}`),
  editShort: (): Msg => fixed('Ändra', 'Edit'),
  sent: (name: string): Msg => fixed(`Bekräfta skickad: ${name}`, `Confirm sent: ${name}`),
  sentShort: (): Msg => fixed('Bekräfta skickad', 'Confirm sent'),
  retry: (name: string): Msg => fixed(`Skicka igen: ${name}`, `Send again: ${name}`),
  retryShort: (): Msg => fixed('Skicka igen', 'Send again'),
  cancelGuest: (name: string): Msg => fixed(`Registrera återbud: ${name}`, `Record cancellation: ${name}`),
  cancelGuestShort: (): Msg => fixed('Återbud', 'Cancelled'),
  cancelConfirm: (name: string): Msg => fixed(
    `Registrera återbud för ${name}? Platserna gästen hade erbjuds direkt till väntelistan per e-post.`,
    `Record a cancellation for ${name}? The seats the guest held are offered to the waiting list by e-mail at once.`),
  cancelYes: (): Msg => fixed('Ja, registrera återbud', 'Yes, record it'),
  cancelNo: (): Msg => fixed('Avbryt', 'Cancel'),
  resolved: (): Msg => fixed('Statusen är ändrad.', 'The status has been changed.'),
  // Confirmations of answers that did not arrive (src/app/confirm.ts)
  confirmTitle: (n: number): Msg => both(
    (f) => `${f.plural(n, 'En bekräftelse', `${n} bekräftelser`)} av gästers svar kom inte fram`,
    (f) => `${f.plural(n, 'One confirmation', `${n} confirmations`)} of guests' replies did not arrive`),
  confirmWhen: (name: string, id: string, at: string): Msg => both(
    (f) => `${name} (${id}), ${f.dateTime(at)}:`,
    (f) => `${name} (${id}), ${f.dateTime(at)}:`),
  /**
   * A failed confirmation of an answer (src/app/confirm.ts), by what MailApp's error proves: the sheet's
   * Anteckning gets the Swedish text, the Gäster sidebar the reader's language.
   */
  confirmTrouble: (kind: string): Msg => ({
    kvot: fixed(
      'Bekräftelsen kunde inte mejlas: dagens mejlkvot var slut. Gästen kan ladda ner kalenderfilen på svarssidan; när kvoten räcker igen (i morgon) kan projektledaren välja Skicka bekräftelsen igen i Gäster.',
      'The confirmation could not be e-mailed: the day\'s mail quota was used up. The guest can download the calendar file on the RSVP page; once the quota allows (tomorrow) the project leader can choose Send the confirmation again in Guests.'),
    avvisad: fixed(
      'Bekräftelsen kunde inte mejlas: Gmail avvisade adressen eller meddelandet, inget gick iväg. Kontrollera gästens adress; gästen kan ladda ner kalenderfilen på svarssidan, eller välj Skicka bekräftelsen igen i Gäster.',
      'The confirmation could not be e-mailed: Gmail refused the address or the message, nothing left. Check the guest\'s address; the guest can download the calendar file on the RSVP page, or choose Send the confirmation again in Guests.'),
    osäker: fixed(
      'Gmail svarade med ett fel när bekräftelsen skickades – okänt om den gick iväg (kontrollera Skickat i kontot som kör svarssidan). Den skickas inte igen; gästen kan ladda ner kalenderfilen på svarssidan.',
      'Gmail answered with an error when the confirmation was sent – unknown whether it left (check Sent in the account that runs the RSVP page). It is not sent again; the guest can download the calendar file on the RSVP page.'),
  }[kind] ?? fixed(
    'Bekräftelsen skickades igen men utfallet hann inte sparas – okänt om den gick iväg (kontrollera Skickat i projektledarens konto). Den skickas inte igen; gästen kan ladda ner kalenderfilen på svarssidan.',
    'The confirmation was sent again but its outcome was not saved – unknown whether it left (check Sent in the project leader\'s account). It is not sent again; the guest can download the calendar file on the RSVP page.')),
  confirmResend: (name: string): Msg => fixed(`Skicka bekräftelsen igen: ${name}`, `Send the confirmation again: ${name}`),
  confirmResendShort: (): Msg => fixed('Skicka bekräftelsen igen', 'Send the confirmation again'),
  confirmResendWho: (): Msg => fixed('Bara projektledaren kan skicka bekräftelsen igen eller markera den som hanterad.', 'Only the project leader can send the confirmation again or mark it as dealt with.'),
  confirmDismiss: (name: string): Msg => fixed(`Markera som hanterad: ${name}`, `Mark as dealt with: ${name}`),
  confirmDismissShort: (): Msg => fixed('Markera som hanterad', 'Mark as dealt with'),
  // The answers
  answers: (): Msg => fixed('Svar', 'Answers'),
  answersLine: (invited: number, yes: number, no: number, open: number): Msg => both(
    (f) => `${f.plural(invited, '1 inbjuden', `${invited} inbjudna`)}: ${yes} ja, ${no} nej, ${open} har inte svarat.`,
    (f) => `${f.plural(invited, '1 invited', `${invited} invited`)}: ${yes} yes, ${no} no, ${open} ${f.plural(open, 'has', 'have')} not answered.`),
  noneInvited: (): Msg => fixed('Inga inbjudningar är skickade än.', 'No invitations have been sent yet.'),
  notInvited: (n: number): Msg => both(
    (f) => f.plural(n, '1 gäst har inte fått någon inbjudan än.', `${n} gäster har inte fått någon inbjudan än.`),
    (f) => f.plural(n, '1 guest has not been invited yet.', `${n} guests have not been invited yet.`)),
  byStatus: (): Msg => fixed('Antal per status', 'Number per status'),
  byPart: (): Msg => fixed('Svar per programpunkt', 'Answers per programme part'),
  part: (): Msg => fixed('Programpunkt', 'Programme part'),
  invited: (): Msg => fixed('Inbjudna', 'Invited'),
  yes: (): Msg => fixed('Ja', 'Yes'),
  no: (): Msg => fixed('Nej', 'No'),
  notAnswered: (): Msg => fixed('Ej svarat', 'Not answered'),
  noPart: (): Msg => fixed('Ingen programpunkt', 'No programme part'),
  // The dietary list
  diet: (): Msg => fixed('Kost/allergier', 'Dietary needs'),
  dietConsentHint: (): Msg => fixed('Kommer med i kostlistan bara om gästen har samtyckt på svarssidan.', 'On the dietary list only if the guest consented on the RSVP page.'),
  dietTitle: (): Msg => fixed('Kostlista för cateringen', 'Dietary list for the caterer'),
  dietHint: (): Msg => fixed('Bara gäster som tackat ja och samtyckt till att deras kostbehov sparas. Utan namn slås lika behov ihop.', 'Only guests who accepted and consented to their dietary needs being stored. Without names, identical needs are merged.'),
  dietNames: (): Msg => fixed('Visa namn', 'Show names'),
  dietNamesWho: (): Msg => fixed('Bara projektledaren kan se vem kostbehoven gäller.', 'Only the project leader can see whose dietary needs they are.'),
  dietLoading: (): Msg => fixed('Hämtar kostlistan …', 'Loading the dietary list …'),
  dietCaption: (n: number, names: boolean): Msg => both(
    (f) => `${names ? 'Kostbehov med namn' : 'Kostbehov utan namn'}: ${f.plural(n, '1 gäst', `${n} gäster`)}`,
    (f) => `${names ? 'Dietary needs with names' : 'Dietary needs without names'}: ${f.plural(n, '1 guest', `${n} guests`)}`),
  dietName: (): Msg => fixed('Namn', 'Name'),
  dietCount: (): Msg => fixed('Antal', 'Number'),
  dietParts: (): Msg => fixed('Programpunkter', 'Programme parts'),
  dietNoParts: (): Msg => fixed('–', '–'),
  dietEmpty: (): Msg => fixed('Ingen som tackat ja har uppgett kostbehov med samtycke.', 'Nobody who accepted has given dietary needs with consent.'),
  dietUnconsented: (n: number, mine: boolean): Msg => both(
    (f) => `${f.plural(n, '1 gäst har', `${n} gäster har`)} kostuppgifter utan samtycke; de visas inte här.${mine ? ' Ta bort uppgifterna under Ändra, eller be gästen svara med samtycke på svarssidan.' : ''}`,
    (f) => `${f.plural(n, '1 guest has', `${n} guests have`)} dietary needs stored without consent; they are not shown here.${mine ? ' Remove them under Edit, or ask the guest to answer with consent on the RSVP page.' : ''}`),
  dietWaiting: (n: number): Msg => both(
    (f) => f.plural(n, '1 gäst som tackat ja väntar på granskning och finns inte med.', `${n} gäster som tackat ja väntar på granskning och finns inte med.`),
    (f) => f.plural(n, '1 guest who accepted waits for review and is not included.', `${n} guests who accepted wait for review and are not included.`)),
  dietCsv: (n: number): Msg => both(
    (f) => `Ladda ner som CSV (${f.plural(n, '1 rad', `${n} rader`)})`,
    (f) => `Download as CSV (${f.plural(n, '1 row', `${n} rows`)})`),
  dietFile: (names: boolean): Msg => fixed((names ? 'kostlista-med-namn.csv' : 'kostlista.csv'), (names ? 'dietary-list-with-names.csv' : 'dietary-list.csv')),
  // Add, edit, import
  forms: (): Msg => fixed('Lägg till och importera', 'Add and import'),
  formsWho: (): Msg => fixed('Bara projektledaren kan lägga till gäster, ändra dem och importera.', 'Only the project leader can add guests, edit them and import.'),
  addTitle: (): Msg => fixed('Lägg till gäst', 'Add a guest'),
  editTitle: (id: string): Msg => fixed(`Ändra gäst ${id}`, `Edit guest ${id}`),
  firstName: (): Msg => fixed('Förnamn', 'First name'),
  lastName: (): Msg => fixed('Efternamn', 'Last name'),
  title: (): Msg => fixed('Titel', 'Title'),
  organisation: (): Msg => fixed('Organisation', 'Organisation'),
  country: (): Msg => fixed('Land', 'Country'),
  email: (): Msg => fixed('E-post', 'E-mail'),
  language: (): Msg => fixed('Språk för inbjudan', 'Invitation language'),
  events: (): Msg => fixed('Inbjuden till', 'Invited to'),
  note: (): Msg => fixed('Anteckning', 'Note'),
  save: (): Msg => fixed('Spara', 'Save'),
  cancel: (): Msg => fixed('Avbryt', 'Cancel'),
  saved: (id: string): Msg => fixed(`Gästen ${id} är sparad.`, `Guest ${id} saved.`),
  importTitle: (): Msg => fixed('Importera gäster', 'Import guests'),
  importText: (): Msg => fixed('Klistra in rader (med rubrikrad) från Excel eller Outlook', 'Paste rows (with a header row) from Excel or Outlook'),
  importFile: (): Msg => fixed('eller välj en CSV-fil', 'or choose a CSV file'),
  importHint: (): Msg => fixed('Rubriker som Förnamn, Efternamn, E-post, Språk, Organisation, Evenemang. Tabb, semikolon eller komma.', 'Headers such as First name, Last name, E-mail, Language, Organisation, Events. Tab, semicolon or comma.'),
  defaultLang: (): Msg => fixed('Språk när raden saknar språk', 'Language when a row has none'),
  previewImport: (): Msg => fixed('Förhandsgranska', 'Preview'),
  doImport: (n: number): Msg => both(
    (f) => `Importera ${n} ${f.plural(n, 'giltig rad', 'giltiga rader')}`,
    (f) => `Import ${n} valid ${f.plural(n, 'row', 'rows')}`),
  importSummary: (v: number, i: number): Msg => both(
    (f) => `${v} ${f.plural(v, 'giltig', 'giltiga')}, ${i} med fel.`,
    (f) => `${f.num(v)} valid, ${f.num(i)} with errors.`),
  importCap: (after: number, free: number): Msg => both(
    (f) => `Efter importen finns ${after} förslag; ${freeSv(f, free)}.`,
    (f) => `After the import there will be ${f.plural(after, '1 proposal', `${after} proposals`)}; ${freeEn(f, free)}.`),
  importCapOver: (free: number): Msg => fixed((free === 0
    ? ' Styrgruppen kan inte godkänna något av dem utan att taket höjs.'
    : ` Styrgruppen kan godkänna högst ${free} av dem utan att taket höjs.`), (free === 0
    ? ' The steering group cannot approve any of them without raising the cap.'
    : ` The steering group can approve at most ${free} of them without raising the cap.`)),
  importNoPart: (n: number): Msg => both(
    (f) => f.plural(n, '1 rad saknar programpunkt (Evenemang): gästen bjuds inte in till någon del förrän du väljer en.',
      `${n} rader saknar programpunkt (Evenemang): gästerna bjuds inte in till någon del förrän du väljer en.`),
    (f) => f.plural(n, '1 row has no programme part (Events): the guest is invited to nothing until you choose one.',
      `${n} rows have no programme part (Events): those guests are invited to nothing until you choose one.`)),
  importRows: (): Msg => fixed('Raderna, de med fel först', 'The rows, those with errors first'),
  imported: (n: number): Msg => both(
    (f) => `${f.plural(n, '1 gäst importerad som förslag', `${n} gäster importerade som förslag`)}.`,
    (f) => `${f.plural(n, '1 guest imported as a proposal', `${n} guests imported as proposals`)}.`),
  line: (n: number): Msg => fixed(`Rad ${n}`, `Line ${n}`),
  ok: (): Msg => fixed('OK', 'OK'),
  warning: (): Msg => fixed('obs', 'note'),
  fileRead: (name: string): Msg => fixed(`Läste filen ${name}.`, `Read the file ${name}.`),
  fileTooBig: (): Msg => fixed('Filen är för stor (högst 1 MB).', 'The file is too large (at most 1 MB).'),
  readOnly: (): Msg => fixed('Du kan läsa listan. Projektledaren lägger till och skickar; styrgruppen godkänner.', 'You can read the list. The project leader adds and sends; the steering group approves.'),
  sv: (): Msg => fixed('svenska', 'Swedish'),
  en: (): Msg => fixed('engelska', 'English'),
  waiting: (): Msg => fixed('väntar på granskning', 'waits for review'),
  waitingCount: (n: number): Msg => both(
    (f) => f.plural(n, '1 gäst väntar på granskning: raden är ändrad utanför Summit Planner och kan inte godkännas eller ändras förrän ändringen är granskad.',
      `${n} gäster väntar på granskning: raderna är ändrade utanför Summit Planner och kan inte godkännas eller ändras förrän ändringarna är granskade.`),
    (f) => f.plural(n, '1 guest waits for review: the row was changed outside Summit Planner and cannot be approved or changed until the change is reviewed.',
      `${n} guests wait for review: the rows were changed outside Summit Planner and cannot be approved or changed until the changes are reviewed.`)),
  retentionPassed: (d: string): Msg => fixed(`Lagringstiden gick ut ${d}: gallra personuppgifterna.`, `The retention period ended ${d}: purge the personal data.`),
  retentionLeft: (n: number): Msg => both(
    (f) => `${n} ${f.plural(n, 'gäst har', 'gäster har')} fortfarande e-postadress, kostuppgifter eller anteckningar kvar.`,
    (f) => `${n} ${f.plural(n, 'guest still has', 'guests still have')} an e-mail address, dietary needs or notes.`),
  retentionWho: (): Msg => fixed('Projektledaren eller en administratör gallrar personuppgifterna.', 'The project leader or an administrator purges the personal data.'),
  purge: (): Msg => fixed('Gallra personuppgifter …', 'Purge personal data …'),
  purgeConfirm: (): Msg => fixed('Gallra personuppgifterna för alla gäster? E-postadresser, kostuppgifter, samtycken och anteckningar tas bort och alla svarslänkar slutar fungera. Namn, status och svar finns kvar. Det går inte att ångra.', 'Purge the personal data of every guest? E-mail addresses, dietary needs, consents and notes are removed and every RSVP link stops working. Names, statuses and answers remain. This cannot be undone.'),
  purgeYes: (): Msg => fixed('Ja, gallra', 'Yes, purge'),
  purgeNo: (): Msg => fixed('Avbryt', 'Cancel'),
};
