/**
 * Messages of Inställningar och roller, the roles and Konfigurera arbetsboken (settings, setup): Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Ore } from '../money';
import type { Msg } from '../msg';

export const settingsMsg = {
  totalBudget: (error: Msg): Msg => both(
    (f) => `Totalbudget: ${f.m(error)}`,
    (f) => `Total budget: ${f.m(error)}`),
  invalidValue: (key: string, value: string): Msg => fixed(
    `${key}: ogiltigt värde "${value}".`,
    `${key}: invalid value "${value}".`),
  steeringGroup: (): Msg => fixed('styrgruppen', 'the steering group'),
  projectLeader: (): Msg => fixed('projektledaren', 'the project leader'),
  financeStaff: (): Msg => fixed('ekonomipersonalen', 'finance staff'),
  /** "styrgruppen eller projektledaren" / "the steering group or the project leader". */
  roleNames: (names: readonly Msg[]): Msg => both(
    (f) => names.map(f.m).join(' eller '),
    (f) => names.map(f.m).join(' or ')),
  roleRequired: (who: Msg): Msg => both(
    (f) => `Du saknar behörighet: bara ${f.m(who)} får göra detta. En administratör ger roller i Summit Planner → Inställningar.`,
    (f) => `You are not allowed to do this: only ${f.m(who)} may. An administrator gives roles in Summit Planner → Settings.`),
  adminRequired: (): Msg => fixed(
    'Du saknar behörighet: bara kalkylarkets ägare och administratörerna på bladet Inställningar får göra detta.',
    'You are not allowed to do this: only the spreadsheet\'s owner and the administrators on the Inställningar sheet may.'),
  unknownSetting: (key: string): Msg => fixed(
    `Okänd inställning "${key}".`,
    `Unknown setting "${key}".`),
  /** A setting's value refused: "Taket: ett heltal 0–10000." */
  settingInvalid: (key: string, why: Msg): Msg => both(
    (f) => `${key}: ${f.m(why)}`,
    (f) => `${key}: ${f.m(why)}`),
  tooLong: (): Msg => fixed('för lång text (högst 1 000 tecken).', 'too long (at most 1,000 characters).'),
  notAnEmail: (text: string): Msg => fixed(
    `"${text}" är ingen giltig e-postadress.`,
    `"${text}" is not a valid e-mail address.`),
  oneAddress: (): Msg => fixed('ange en adress.', 'give one address.'),
  notPositive: (): Msg => fixed('måste vara större än 0.', 'must be greater than 0.'),
  wholeNumber: (min: number, max: number): Msg => fixed(`ett heltal ${min}–${max}.`, `a whole number ${min}–${max}.`),
  notADate: (text: string): Msg => fixed(
    `"${text}" är inget datum (ÅÅÅÅ-MM-DD).`,
    `"${text}" is not a date (YYYY-MM-DD).`),
  senderNameChars: (): Msg => fixed(
    'får inte innehålla radbrytningar, citattecken eller < >.',
    'must not contain line breaks, quotes or < >.'),
  mustNotBeEmpty: (): Msg => fixed('får inte vara tomt.', 'must not be empty.'),
  invalidInput: (): Msg => fixed(
    'Ogiltiga uppgifter för inställningarna. Inget sparades.',
    'Invalid settings data. Nothing was saved.'),
  notOnSheet: (key: string, sheet: string): Msg => fixed(
    `"${key}" hör inte till bladet ${sheet}.`,
    `"${key}" does not belong on the ${sheet} sheet.`),
  nothingSaved: (problems: readonly Msg[]): Msg => both(
    (f) => `${problems.map(f.m).join(' ')} Inget sparades.`,
    (f) => `${problems.map(f.m).join(' ')} Nothing was saved.`),
  saved: (changed: readonly string[], rolesChanged: boolean): Msg => fixed(
    `Sparat: ${changed.join(', ')}.${rolesChanged ? ' Skydden på bladen följer de nya rollerna.' : ''}`,
    `Saved: ${changed.join(', ')}.${rolesChanged ? ' The sheets\' protections follow the new roles.' : ''}`),
  nothingChanged: (): Msg => fixed('Inget var ändrat.', 'Nothing had changed.'),
  cannotRemoveSelf: (admins: string): Msg => fixed(
    `${admins}: du kan inte ta bort dig själv ur administratörerna; be ägaren eller en annan administratör göra det. Inget sparades.`,
    `${admins}: you cannot remove yourself from the administrators; ask the owner or another administrator to do it. Nothing was saved.`),
  totalInAllocate: (key: string, allocated: Ore): Msg => both(
    (f) => `${key}: ändra totalen i Fördela budget, där fördelningen på finansiärerna ändras samtidigt; finansiärerna har nu ${f.money(allocated)} tilldelat. Inget sparades.`,
    (f) => `${key}: change the total in Fördela budget (Allocate budget), where the funders' allocations change with it; the funders are now allocated ${f.money(allocated)}. Nothing was saved.`),
  setupRefused: (): Msg => fixed(
    'Bara kalkylarkets ägare och administratörerna får konfigurera arbetsboken (den sätter skydd och roller).',
    'Only the spreadsheet\'s owner and the administrators may set up the workbook (it sets protections and roles).'),
  existingLogBroken: (chainIndex: number): Msg => fixed(
    `Den befintliga loggen hänger inte ihop (rad ${chainIndex}), så den kan inte bli utgångspunkt. Kör Verifiera loggen och utred ändringen först; inget har ändrats.`,
    `The existing log does not hold together (row ${chainIndex}), so it cannot be the starting point. Run Verify the log and look into the change first; nothing was changed.`),
  settingsWritten: (sheet: string, n: number): Msg => both(
    (f) => `${sheet}: ${f.count(n, 'värde', 'värden')}`,
    (f) => `${sheet}: ${f.count(n, 'value', 'values')}`),
  /** `carried`: values moved from `from` (where an older version kept them). */
  eventWritten: (sheet: string, n: number, carried: number, from: string): Msg => both(
    (f) => `${sheet}: ${f.count(n, 'värde', 'värden')}${carried ? ` (${carried} flyttade från ${from})` : ''}`,
    (f) => `${sheet}: ${f.count(n, 'value', 'values')}${carried ? ` (${carried} moved from ${from})` : ''}`),
  defaultSplit: (budget: string): Msg => fixed(
    `${budget}: standardfördelning`,
    `${budget}: default split`),
  remindersWritten: (sheet: string, langs: readonly string[]): Msg => fixed(
    `${sheet}: påminnelse ${langs.join(', ')}`,
    `${sheet}: reminder ${langs.join(', ')}`),
  templatesWritten: (sheet: string): Msg => fixed(`${sheet}: sv, en`, `${sheet}: sv, en`),
  partsCarried: (sheet: string, items: number, guests: number): Msg => both(
    (f) => `${sheet}: ${f.count(items, 'programpunkt', 'programpunkter')} från Evenemangsdelar${guests ? `, ${f.count(guests, 'gäst inbjuden', 'gäster inbjudna')} till dem` : ''}`,
    (f) => `${sheet}: ${f.count(items, 'item', 'items')} from Evenemangsdelar${guests ? `, ${f.count(guests, 'guest invited', 'guests invited')} to them` : ''}`),
  noHeaderRow: (name: string): Msg => fixed(
    `Bladet "${name}" saknar rubrikrad men innehåller data.`,
    `The sheet "${name}" has no header row but contains data.`),
  headersLacking: (list: string): Msg => fixed(`saknar ${list}`, `lacks ${list}`),
  headersTwice: (list: string): Msg => fixed(`har dubbla ${list}`, `has duplicate ${list}`),
  changedHeaders: (name: string, p: Msg): Msg => both(
    (f) => `Bladet "${name}" har ändrade rubriker: ${f.m(p)}.`,
    (f) => `The sheet "${name}" has changed headers: ${f.m(p)}.`),
  setupConflicts: (conflicts: readonly Msg[]): Msg => both(
    (f) => `Arbetsboken kan inte konfigureras, inget har ändrats. ${conflicts.map(f.m).join(' ')} Återställ rubrikerna (se README) och försök igen.`,
    (f) => `The workbook can't be set up; nothing was changed. ${conflicts.map(f.m).join(' ')} Restore the headers (see README) and try again.`),
  rowsSealed: (n: number): Msg => both(
    (f) => `${f.count(n, 'befintlig rad förseglad', 'befintliga rader förseglade')}`,
    (f) => `${f.count(n, 'existing row sealed', 'existing rows sealed')}`),
  /**
   * What set-up did: sheets created, columns appended, the overview laid out again (its sheet, and whether
   * the layout gained the cost per item; null: not laid out), what it wrote, how many sheets it protected.
   */
  setUp: (created: readonly string[], appended: readonly string[], relaid: { sheet: string; itemsAdded: boolean } | null, wrote: readonly Msg[], guarded: number): Msg => both(
    (f) => `Arbetsboken är konfigurerad.${created.length ? ` Skapade blad: ${created.join(', ')}.` : ''}${appended.length ? ` Nya kolumner: ${appended.join(', ')}.` : ''}${relaid ? ` ${relaid.sheet} ${relaid.itemsAdded ? 'visar nu även kostnad per programpunkt' : 'är ombyggd efter den nya layouten'}.` : ''}${wrote.length ? ` ${wrote.map(f.m).join('; ')}.` : ''}${guarded ? ` Skydd satt på ${guarded} blad.` : ''}`,
    (f) => `The workbook is set up.${created.length ? ` Created sheets: ${created.join(', ')}.` : ''}${appended.length ? ` New columns: ${appended.join(', ')}.` : ''}${relaid ? ` ${relaid.sheet} ${relaid.itemsAdded ? 'now also shows the cost per programme item' : 'is rebuilt to the new layout'}.` : ''}${wrote.length ? ` ${wrote.map(f.m).join('; ')}.` : ''}${guarded ? ` Protection set on ${f.count(guarded, 'sheet', 'sheets')}.` : ''}`),
  alreadySetUp: (): Msg => fixed(
    'Arbetsboken är redan konfigurerad. Inget ändrades.',
    'The workbook is already set up. Nothing was changed.'),
  zoneMismatch: (zone: string, locale: string): Msg => fixed(
    `Kalkylarkets tidszon är ${zone} och språkinställningen ${locale}, men Summit Planner räknar datum i Stockholmstid och läser belopp på svenska. Arbetsboken har redan data, så inställningarna ändras inte automatiskt (varje datum skulle flytta sig). Ändra under Arkiv → Inställningar (Tidszon: Stockholm, Språkinställning: Sverige), kontrollera datumen i Kostnader och Gäster och kör sedan Konfigurera arbetsboken igen. Inget har ändrats.`,
    `The spreadsheet's time zone is ${zone} and its locale ${locale}, but Summit Planner counts dates in Stockholm time and reads amounts in Swedish. The workbook already holds data, so the settings are not changed automatically (every date would move). Change them in File → Settings (Time zone: Stockholm, Locale: Sweden), check the dates in Kostnader and Gäster, then run Konfigurera arbetsboken again. Nothing was changed.`),
  noOverviewColumns: (name: string): Msg => fixed(
    `Bladet ${name} saknar kolumner för Översikt.`,
    `The sheet ${name} lacks columns for Översikt.`),
};
