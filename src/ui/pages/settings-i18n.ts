/**
 * Texts of "Inställningar och roller". Swedish first; English when the page
 * lang is en. The keys are the rows' names on the sheets (Swedish in both
 * languages, as the server's refusals name them); English labels say them
 * in English and keep the key in brackets so a refusal can be matched.
 */
const sv = {
  loading: 'Hämtar inställningarna …',
  loaded: 'Inställningarna är uppdaterade.',
  saving: 'Sparar …',
  user: (u: string, r: string) => `Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`,
  admin: 'administratör',
  owner: 'ägare',
  settingsTitle: 'Roller och inställningar',
  eventTitle: 'Evenemang',
  groups: { roles: 'Roller', limits: 'Budget och inbjudningar', privacy: 'Logg och personuppgifter', other: 'Övrigt' },
  saveSettings: 'Spara roller och inställningar',
  saveEvent: 'Spara evenemanget',
  mayAdmin: (owner: string) => `Du är administratör: du kan ändra roller och inställningar. Kalkylarkets ägare${owner ? ` (${owner})` : ''} är alltid administratör.`,
  mayNotAdmin: (owner: string, admins: string) =>
    `Du kan läsa roller och inställningar. Bara kalkylarkets ägare${owner ? ` (${owner})` : ''}${admins ? ` och administratörerna (${admins})` : ' och administratörerna'} kan ändra dem.`,
  mayEvent: 'Du kan ändra evenemangets uppgifter.',
  mayNotEvent: (leaders: string) =>
    `Du kan läsa evenemangets uppgifter. Bara projektledaren${leaders ? ` (${leaders})` : ''} och administratörerna kan ändra dem.`,
  nothingChanged: 'Inget är ändrat: det finns inget att spara.',
  notSaved: 'Inget sparades: rätta det markerade fältet.',
  reviewIntro: 'De här ändringarna gjordes direkt på bladen och gäller inte förrän de har granskats.',
};
export type SettingsTexts = typeof sv & { labels?: Readonly<Record<string, readonly [string, string]>> };

const en: SettingsTexts = {
  loading: 'Loading the settings …',
  loaded: 'The settings are up to date.',
  saving: 'Saving …',
  user: (u, r) => `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`,
  admin: 'administrator',
  owner: 'owner',
  settingsTitle: 'Roles and settings',
  eventTitle: 'Event',
  groups: { roles: 'Roles', limits: 'Budget and invitations', privacy: 'Log and personal data', other: 'Other' },
  saveSettings: 'Save roles and settings',
  saveEvent: 'Save the event',
  mayAdmin: (owner) => `You are an administrator: you can change roles and settings. The spreadsheet's owner${owner ? ` (${owner})` : ''} is always an administrator.`,
  mayNotAdmin: (owner, admins) =>
    `You can read the roles and settings. Only the spreadsheet's owner${owner ? ` (${owner})` : ''}${admins ? ` and the administrators (${admins})` : ' and the administrators'} can change them.`,
  mayEvent: 'You can change the event details.',
  mayNotEvent: (leaders) => `You can read the event details. Only the project leader${leaders ? ` (${leaders})` : ''} and the administrators can change them.`,
  nothingChanged: 'Nothing has changed: there is nothing to save.',
  notSaved: 'Nothing was saved: correct the marked field.',
  reviewIntro: 'These changes were made directly on the sheets and have no effect until they are reviewed.',
  // [label, hint] per key; the server's (Swedish) description is the hint otherwise.
  labels: {
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
  },
};

export const settingsTexts = (lang: 'sv' | 'en'): SettingsTexts => (lang === 'en' ? en : sv);

/** The label and hint of `key`: English with the key in brackets, or the key and the server's description. */
export function labelOf(t: SettingsTexts, key: string, description: string): { label: string; hint: string } {
  const l = t.labels?.[key];
  return l ? { label: `${l[0]} (${key})`, hint: l[1] } : { label: key, hint: description };
}

/** Which group of Inställningar a key belongs to, in the order shown. */
export const SETTINGS_GROUPS: readonly (readonly ['roles' | 'limits' | 'privacy', readonly string[]])[] = [
  ['roles', ['Administratörer', 'Styrgrupp', 'Projektledare', 'Ekonomi']],
  ['limits', ['Max antal inbjudna', 'Totalbudget', 'Varningsgräns (%)']],
  ['privacy', ['Registrator', 'Personuppgiftsansvarig', 'Dataskyddsombud', 'Ändamål', 'Rättslig grund', 'Lagringstid (månader)']],
];
