/**
 * Texts of "Inställningar och roller" (src/ui/pages/Settings.ts): Swedish and English side by side (see
 * src/core/i18n.ts). The keys are the rows' names on the sheets (Swedish in both languages, as the server's
 * refusals name them): Swedish shows the key and the server's description; English says the key in English
 * and keeps it in brackets so a refusal can be matched.
 */
import { fixed } from '../i18n';
import type { Msg } from '../msg';

/** A row's English name and hint, by its key (a key not here is shown as it is, with the server's description). */
const ENGLISH: Readonly<Record<string, readonly [string, string]>> = {
    Administratörer: ['Administrators', 'Administrators (besides the spreadsheet\'s owner): change roles and these settings.'],
    Styrgrupp: ['Steering group', 'The steering group\'s e-mail addresses, separated by commas.'],
    Projektledare: ['Project leader', 'The project leader\'s e-mail address(es).'],
    Ekonomi: ['Finance staff', 'Finance staff\'s e-mail addresses, separated by commas.'],
    'Max antal inbjudna': ['Invitation cap', 'The most approved/invited guests (the steering group\'s decision).'],
    Totalbudget: ['Total budget', 'The city\'s total budget in kronor. The split per funder is on the Budget sheet.'],
    'Varningsgräns (%)': ['Warning threshold (%)', 'Warn when a funder has consumed this share (per cent).'],
    Registrator: ['Registrar', 'Address that receives the log\'s anchor by e-mail (at most once a day), e.g. the registry.'],
    Personuppgiftsansvarig: ['Data controller', 'Data controller (shown on the RSVP page).'],
    Dataskyddsombud: ['Data protection officer', 'Contact for the data protection officer (shown on the RSVP page).'],
    Ändamål: ['Purpose', 'Purpose of the personal data; empty = the standard text.'],
    'Rättslig grund': ['Legal basis', 'Legal basis; empty = the standard text.'],
    'Lagringstid (månader)': ['Retention (months)', 'Months after the last day that contact details and dietary needs are kept.'],
    Evenemang: ['Event name', 'The event\'s name (used in invitations).'],
    Startdatum: ['First day', 'First day (YYYY-MM-DD).'],
    Slutdatum: ['Last day', 'Last day (YYYY-MM-DD).'],
    Plats: ['Venue', 'Venue.'],
    'Sista svarsdag': ['Reply deadline', 'Last day for the guests\' replies (YYYY-MM-DD).'],
    Tidszon: ['Time zone', 'Time zone for dates and calendar files.'],
    Avsändarnamn: ['Sender name', 'Sender name in the invitations.'],
    Svarsadress: ['Reply-to address', 'Reply-To address in the invitations.'],
    Evenemangsdelar: ['Event parts', 'Parts of the event guests can be invited to, separated by semicolons.'],
};
const english = (key: string): readonly [string, string] | null => (Object.prototype.hasOwnProperty.call(ENGLISH, key) ? ENGLISH[key] : null);

export const settingsPageMsg = {
  loading: (): Msg => fixed('Hämtar inställningarna …', 'Loading the settings …'),
  loaded: (): Msg => fixed('Inställningarna är uppdaterade.', 'The settings are up to date.'),
  saving: (): Msg => fixed('Sparar …', 'Saving …'),
  user: (u: string, r: string): Msg => fixed(`Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`, `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`),
  admin: (): Msg => fixed('administratör', 'administrator'),
  owner: (): Msg => fixed('ägare', 'owner'),
  settingsTitle: (): Msg => fixed('Roller och inställningar', 'Roles and settings'),
  eventTitle: (): Msg => fixed('Evenemang', 'Event'),
  groups: {
    roles: (): Msg => fixed('Roller', 'Roles'),
    limits: (): Msg => fixed('Budget och inbjudningar', 'Budget and invitations'),
    privacy: (): Msg => fixed('Logg och personuppgifter', 'Log and personal data'),
    other: (): Msg => fixed('Övrigt', 'Other'),
  },
  saveSettings: (): Msg => fixed('Spara roller och inställningar', 'Save roles and settings'),
  saveEvent: (): Msg => fixed('Spara evenemanget', 'Save the event'),
  mayAdmin: (owner: string): Msg => fixed(`Du är administratör: du kan ändra roller och inställningar. Kalkylarkets ägare${owner ? ` (${owner})` : ''} är alltid administratör.`, `You are an administrator: you can change roles and settings. The spreadsheet's owner${owner ? ` (${owner})` : ''} is always an administrator.`),
  mayNotAdmin: (owner: string, admins: string): Msg => fixed(`Du kan läsa roller och inställningar. Bara kalkylarkets ägare${owner ? ` (${owner})` : ''}${admins ? ` och administratörerna (${admins})` : ' och administratörerna'} kan ändra dem.`, `You can read the roles and settings. Only the spreadsheet's owner${owner ? ` (${owner})` : ''}${admins ? ` and the administrators (${admins})` : ' and the administrators'} can change them.`),
  mayEvent: (): Msg => fixed('Du kan ändra evenemangets uppgifter.', 'You can change the event details.'),
  mayNotEvent: (leaders: string): Msg => fixed(`Du kan läsa evenemangets uppgifter. Bara projektledaren${leaders ? ` (${leaders})` : ''} och administratörerna kan ändra dem.`, `You can read the event details. Only the project leader${leaders ? ` (${leaders})` : ''} and the administrators can change them.`),
  nothingChanged: (): Msg => fixed('Inget är ändrat: det finns inget att spara.', 'Nothing has changed: there is nothing to save.'),
  notSaved: (): Msg => fixed('Inget sparades: rätta det markerade fältet.', 'Nothing was saved: correct the marked field.'),
  reviewIntro: (): Msg => fixed('De här ändringarna gjordes direkt på bladen och gäller inte förrän de har granskats.', 'These changes were made directly on the sheets and have no effect until they are reviewed.'),
  /** A row's label: the key in Swedish, its English name with the key in brackets in English. */
  label: (key: string): Msg => fixed(key, english(key) ? `${english(key)![0]} (${key})` : key),
  /** A row's hint: the server's description in Swedish, the English hint where there is one. */
  hint: (key: string, description: string): Msg => fixed(description, english(key)?.[1] ?? description),
};
