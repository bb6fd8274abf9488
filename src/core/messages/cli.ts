/**
 * Messages of the command-line tool (src/cli): Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

const sandboxHint = (endpoint: string, sv: boolean): string =>
  (/127\.0\.0\.1|localhost/.test(endpoint) ? (sv ? ' och att sandlådan kör (npm start)' : ' and that the sandbox runs (npm start)') : '');

export const cliMsg = {
  // --- usage -------------------------------------------------------------------------------
  usage: (endpoint: string): Msg => fixed(
    `Användning:
  summit status [--json]
  summit guests import FIL.csv [--dry-run] [--skip-invalid] [--default-language sv|en]
  summit export ledger|guests [--format csv|json] [--decimal-comma] [--include-health] [--out FIL]
  summit verify-log [--anchor FIL]…
  summit setup
Gemensamt: --spreadsheet ID (eller SUMMIT_SPREADSHEET), --endpoint URL (standard ${endpoint}),
  --key FIL (tjänstekontots nyckelfil; annars Application Default Credentials eller SUMMIT_ACCESS_TOKEN), --lang sv|en.
`,
    `Usage:
  summit status [--json]
  summit guests import FILE.csv [--dry-run] [--skip-invalid] [--default-language sv|en]
  summit export ledger|guests [--format csv|json] [--decimal-comma] [--include-health] [--out FILE]
  summit verify-log [--anchor FILE]…
  summit setup
Common: --spreadsheet ID (or SUMMIT_SPREADSHEET), --endpoint URL (default ${endpoint}),
  --key FILE (a service account's key file; otherwise Application Default Credentials or SUMMIT_ACCESS_TOKEN), --lang sv|en.
`),
  unknownOption: (name: string): Msg => fixed(`Okänt alternativ: --${name}.`, `Unknown option: --${name}.`),
  needsValue: (name: string): Msg => fixed(`--${name} behöver ett värde.`, `--${name} needs a value.`),
  unknownCommand: (c: string): Msg => fixed(`Okänt kommando: ${c}.`, `Unknown command: ${c}.`),
  giveImportFile: (): Msg => fixed('Ange: summit guests import FIL.csv', 'Give: summit guests import FILE.csv'),
  giveExportWhat: (): Msg => fixed('Ange vad som ska exporteras: ledger eller guests.', 'Say what to export: ledger or guests.'),
  giveSpreadsheet: (): Msg => fixed('Ange kalkylarkets ID med --spreadsheet ID (eller SUMMIT_SPREADSHEET).', 'Give the spreadsheet\'s ID with --spreadsheet ID (or SUMMIT_SPREADSHEET).'),
  badEndpoint: (e: string): Msg => fixed(`Ogiltig --endpoint: ${e}.`, `Invalid --endpoint: ${e}.`),
  endpointHttps: (): Msg => fixed('--endpoint måste vara https (eller den lokala sandlådan).', '--endpoint must be https (or the local sandbox).'),
  badDefaultLanguage: (): Msg => fixed('--default-language är sv eller en.', '--default-language is sv or en.'),
  badFormat: (): Msg => fixed('--format är csv eller json.', '--format is csv or json.'),

  // --- credentials and HTTP ------------------------------------------------------------------
  noCredentials: (): Msg => fixed(
    'Inga inloggningsuppgifter hittades. Logga in med "gcloud auth application-default login", ange ett tjänstekontos nyckelfil med --key FIL (eller GOOGLE_APPLICATION_CREDENTIALS), eller en åtkomsttoken i SUMMIT_ACCESS_TOKEN.',
    'No credentials were found. Log in with "gcloud auth application-default login", give a service account\'s key file with --key FILE (or GOOGLE_APPLICATION_CREDENTIALS), or an access token in SUMMIT_ACCESS_TOKEN.'),
  noKeyFile: (key: string): Msg => fixed(
    `Nyckelfilen ${key} finns inte. Ange tjänstekontots JSON-nyckel med --key FIL.`,
    `The key file ${key} does not exist. Give the service account's JSON key with --key FILE.`),
  credentialsRefused: (detail: string): Msg => fixed(
    `Inloggningen godtogs inte (har den gått ut eller återkallats?): ${detail} Logga in igen (gcloud auth application-default login) eller ange en giltig nyckelfil med --key. Inget har ändrats.`,
    `The credentials were not accepted (expired or revoked?): ${detail} Log in again (gcloud auth application-default login) or give a valid key file with --key. Nothing was changed.`),
  noAccess: (id: string, detail: string): Msg => fixed(
    `Kontot har inte åtkomst till kalkylarket ${id} (403: ${detail}). Dela kalkylarket med kontot (för ett tjänstekonto: dess e-postadress i nyckelfilen) och se till att Google Sheets API är aktiverat i projektet. Inget har ändrats.`,
    `The account has no access to the spreadsheet ${id} (403: ${detail}). Share the spreadsheet with the account (for a service account: the e-mail address in its key file) and make sure the Google Sheets API is enabled in the project. Nothing was changed.`),
  notFound: (id: string): Msg => fixed(
    `Kalkylarket ${id} hittades inte (404). Kontrollera --spreadsheet (ID:t står i adressen: docs.google.com/spreadsheets/d/ID/edit). Inget har ändrats.`,
    `The spreadsheet ${id} was not found (404). Check --spreadsheet (the ID is in the address: docs.google.com/spreadsheets/d/ID/edit). Nothing was changed.`),
  quota: (tries: number): Msg => fixed(
    `Google begränsar antalet anrop (429) även efter ${tries} försök. Vänta en minut och kör kommandot igen. Inget har ändrats.`,
    `Google limits the number of requests (429) even after ${tries} tries. Wait a minute and run the command again. Nothing was changed.`),
  protectedSheet: (detail: string): Msg => fixed(
    `Bladet är skyddat för kontot: ${detail} Be ägaren eller en administratör om rätt roll. Inget har ändrats.`,
    `The sheet is protected for this account: ${detail} Ask the owner or an administrator for the right role. Nothing was changed.`),
  unknownOutcome: (what: string, detail: string): Msg => fixed(
    `Skrivningen avbröts (${what}: ${detail}) och det går inte att veta om Google hann spara den. Kör inte om kommandot blint: titta i kalkylarket (eller kör summit status) först.`,
    `The write was interrupted (${what}: ${detail}) and it cannot be known whether Google saved it. Do not simply run the command again: look at the spreadsheet (or run summit status) first.`),
  unreachable: (endpoint: string, code: string): Msg => fixed(
    `Kunde inte nå ${endpoint} (${code}). Kontrollera nätverket${sandboxHint(endpoint, true)}. Inget har ändrats.`,
    `Could not reach ${endpoint} (${code}). Check the network${sandboxHint(endpoint, false)}. Nothing was changed.`),
  apiError: (status: number, detail: string, wrote: boolean): Msg => fixed(
    `Google Sheets API svarade ${status || 'fel'}: ${detail}${wrote ? ' Inget har ändrats.' : ''}`,
    `The Google Sheets API answered ${status || 'an error'}: ${detail}${wrote ? ' Nothing was changed.' : ''}`),
  retrying: (quota: boolean, what: string, waitMs: number, next: number, tries: number): Msg => both(
    (f) => `${quota ? 'Google begränsar antalet anrop (429)' : `Anropet misslyckades (${what})`}; försöker igen om ${seconds(waitMs).replace('.', ',')} s (försök ${f.num(next)} av ${f.num(tries)}).`,
    (f) => `${quota ? 'Google limits the number of requests (429)' : `The request failed (${what})`}; trying again in ${seconds(waitMs)} s (try ${f.num(next)} of ${f.num(tries)}).`),
  sheetMissing: (missing: readonly string[], title: string, there: readonly string[]): Msg => both(
    (f) => `Bladet ${f.list(missing.map((m) => `"${m}"`))} finns inte i kalkylarket "${title}" (bladen heter: ${there.map((t) => `"${t}"`).join(', ') || '–'}). Har det bytt namn? Summit Planner hittar blad och kolumner på namn: byt tillbaka namnet, eller kör summit setup om arbetsboken inte är konfigurerad. Inget har ändrats.`,
    (f) => `The sheet ${f.list(missing.map((m) => `"${m}"`))} is not in the spreadsheet "${title}" (its sheets: ${there.map((t) => `"${t}"`).join(', ') || '–'}). Was it renamed? Summit Planner finds sheets and columns by name: rename it back, or run summit setup if the workbook is not set up. Nothing was changed.`),

  // --- import file ---------------------------------------------------------------------------
  fileUnreadable: (file: string): Msg => fixed(
    `Filen ${file} finns inte eller kan inte läsas. Inget har importerats.`,
    `The file ${file} does not exist or cannot be read. Nothing was imported.`),
  fileTooLarge: (file: string, bytes: number): Msg => fixed(
    `Filen ${file} är för stor (${(bytes / 1_000_000).toFixed(1).replace('.', ',')} MB): en import läser högst 1 000 000 tecken. Dela upp den. Inget har importerats.`,
    `The file ${file} is too large (${(bytes / 1_000_000).toFixed(1)} MB): an import reads at most 1,000,000 characters. Split it. Nothing was imported.`),
  reading: (file: string, bytes: number): Msg => both(
    (f) => `Läser ${file} (${f.num(Math.ceil(bytes / 1000))} kB)…`,
    (f) => `Reading ${file} (${f.num(Math.ceil(bytes / 1000))} kB)…`),
  notUtf8: (file: string, line: number): Msg => fixed(
    `${file} är inte UTF-8 (första felaktiga tecknet på rad ${line}). Spara den som "CSV UTF-8" i Excel (eller UTF-8 i annat program) och försök igen. Inget har importerats.`,
    `${file} is not UTF-8 (the first bad character is on line ${line}). Save it as "CSV UTF-8" in Excel (or UTF-8 elsewhere) and try again. Nothing was imported.`),

  // --- import --------------------------------------------------------------------------------
  fileErrors: (errors: readonly Msg[]): Msg => both(
    (f) => `${errors.map(f.m).join(' ')} Inget har importerats.`,
    (f) => `${errors.map(f.m).join(' ')} Nothing was imported.`),
  checked: (rows: number, valid: number, invalid: number): Msg => both(
    (f) => `Kontrollerade ${f.num(rows)} rader: ${f.num(valid)} giltiga, ${f.num(invalid)} med fel.`,
    (f) => `Checked ${f.num(rows)} rows: ${f.num(valid)} valid, ${f.num(invalid)} with errors.`),
  rowError: (line: number, e: Msg): Msg => both((f) => `Rad ${line}: ${f.m(e)}`, (f) => `Line ${line}: ${f.m(e)}`),
  unusedColumns: (cols: readonly string[]): Msg => fixed(`Kolumner som inte används: ${cols.join(', ')}.`, `Columns not used: ${cols.join(', ')}.`),
  noPart: (n: number): Msg => both(
    (f) => `${f.count(n, 'gäst har', 'gäster har')} ingen programpunkt (Evenemang).`,
    (f) => `${f.count(n, 'guest has', 'guests have')} no programme part (Evenemang).`),
  overCap: (over: number, free: number): Msg => fixed(
    `Om alla godkänns blir det ${over} fler än taket (${free} platser lediga); styrgruppen godkänner i tillägget.`,
    `Approving all would exceed the cap by ${over} (${free} places free); the steering group approves in the add-on.`),
  invalidRows: (invalid: number, valid: number): Msg => fixed(
    `Inget har importerats: ${invalid} rader har fel. Rätta dem, eller kör med --skip-invalid för att importera bara de ${valid} giltiga.`,
    `Nothing was imported: ${invalid} rows have errors. Fix them, or run with --skip-invalid to import only the ${valid} valid ones.`),
  nothingToImport: (): Msg => fixed('Inga rader att importera.', 'No rows to import.'),
  dryRun: (n: number): Msg => fixed(
    `Provkörning: ${n} gäster skulle läggas till som förslag. Inget har ändrats.`,
    `Dry run: ${n} guests would be added as proposals. Nothing was changed.`),
  sending: (rows: number, sheet: string): Msg => both(
    (f) => `Skickar ${f.num(rows)} rader till ${sheet} i ett anrop…`,
    (f) => `Sending ${f.num(rows)} rows to ${sheet} in one request…`),
  imported: (n: number, range: string): Msg => fixed(
    `Klart: ${n} gäster tillagda som förslag (${range}). De väntar på Granska ändringar i tillägget, där projektledaren bekräftar dem (de får då ID och sigill); styrgruppen godkänner.`,
    `Done: ${n} guests added as proposals (${range}). They wait for Review changes in the add-on, where the project leader confirms them (they then get an ID and a seal); the steering group approves.`),

  // --- status ---------------------------------------------------------------------------------
  warning: (w: Msg): Msg => both((f) => `Varning: ${f.m(w)}`, (f) => `Warning: ${f.m(w)}`),
  overspent: (name: string): Msg => fixed(`${name} har överskridit sin tilldelning.`, `${name} has exceeded its allocation.`),
  pastWarning: (name: string, at: number): Msg => fixed(`${name} har passerat varningsgränsen (${at} %).`, `${name} has passed its warning threshold (${at} %).`),
  unsealed: (n: number): Msg => fixed(
    `${n} rader saknar sigill (skrivna utanför Summit Planner): de väntar på Granska ändringar i tillägget, och tillägget räknar inte med dem förrän de är bekräftade.`,
    `${n} rows have no seal (written outside Summit Planner): they wait for Review changes in the add-on, which does not count them until they are confirmed.`),
  statusTitle: (title: string): Msg => fixed(`Summit Planner – status för "${title}"`, `Summit Planner – status of "${title}"`),
  // The budget table's columns: "Bokat" (planned + ordered + invoiced/paid), as Översikt and the sidebars say it.
  statusColFunder: (): Msg => fixed('Finansiär', 'Funder'),
  statusColAllocation: (): Msg => fixed('Tilldelning', 'Allocation'),
  statusColBooked: (): Msg => fixed('Bokat', 'Booked'),
  statusColAvailable: (): Msg => fixed('Kvar', 'Available'),
  statusColUsed: (): Msg => fixed('Andel', 'Used'),
  statusTotal: (): Msg => fixed('Totalt', 'Total'),
  statusGuests: (total: number, used: number, cap: number, counts: string): Msg => fixed(
    `Gäster: ${total} på listan; ${used} av ${cap} platser tagna. ${counts}.`,
    `Guests: ${total} on the list; ${used} of ${cap} places taken. ${counts}.`),

  // --- export ---------------------------------------------------------------------------------
  exported: (sheet: string, file: string): Msg => fixed(`Exporterade ${sheet} till ${file}.`, `Exported ${sheet} to ${file}.`),

  // --- verify-log -----------------------------------------------------------------------------
  anchorUnreadable: (f: string): Msg => fixed(`Ankarfilen ${f} kan inte läsas.`, `The anchor file ${f} cannot be read.`),
  noAnchorIn: (f: string): Msg => fixed(
    `Inget ankare hittades i ${f}: filen ska innehålla registratorns ankarmejl (raderna "rows in Logg: N" och "hash of the last row: …").`,
    `No anchor was found in ${f}: the file should hold the registrar's anchor mail (the lines "rows in Logg: N" and "hash of the last row: …").`),
  chainHolds: (n: number): Msg => fixed(`Kedjan hänger ihop: ${n} rader.`, `The chain holds together: ${n} rows.`),
  noAnchorGiven: (): Msg => fixed(
    'Inget ankare angavs (--anchor FIL med registratorns ankarmejl): en omräknad kedja eller borttagna rader i slutet kan inte upptäckas utan det.',
    'No anchor was given (--anchor FILE with the registrar\'s anchor mails): a recomputed chain or rows removed at the end cannot be detected without one.'),
  anchorMatches: (n: number): Msg => fixed(`Ankaret med ${n} rader stämmer.`, `The anchor of ${n} rows matches.`),
  truncated: (found: number, anchored: number): Msg => fixed(
    `Loggen har ${found} rader men ankaret säger ${anchored}: de sista ${anchored - found} raderna har tagits bort (eller en äldre version har återställts).`,
    `The log has ${found} rows but the anchor says ${anchored}: the last ${anchored - found} rows were removed (or an older version was restored).`),
  rewritten: (row: number): Msg => fixed(
    `Loggen har skrivits om: kedjan hänger ihop men rad ${row} har inte ankarets hash (ändringen finns på den raden eller före den; kedjan har räknats om efter den).`,
    `The log has been rewritten: the chain holds together but row ${row} does not have the anchor's hash (the change lies on that row or before it; the chain was recomputed after it).`),

  // --- setup ----------------------------------------------------------------------------------
  setupConflicts: (conflicts: readonly Msg[]): Msg => both(
    (f) => `Arbetsboken kan inte konfigureras, inget har ändrats. ${conflicts.map(f.m).join(' ')} Återställ rubrikerna och försök igen.`,
    (f) => `The workbook can't be set up; nothing was changed. ${conflicts.map(f.m).join(' ')} Restore the headers and try again.`),
  setupNothing: (): Msg => fixed('Bladen och rubrikerna finns redan. Inget ändrades.', 'The sheets and headers are already there. Nothing was changed.'),
  setupDone: (created: readonly string[], completed: readonly string[]): Msg => fixed(
    `Klart i ett anrop.${created.length ? ` Skapade blad: ${created.join(', ')}.` : ''}${completed.length ? ` Kompletterade: ${completed.join(', ')}.` : ''}`,
    `Done in one request.${created.length ? ` Created sheets: ${created.join(', ')}.` : ''}${completed.length ? ` Completed: ${completed.join(', ')}.` : ''}`),
  setupAddon: (): Msg => fixed(
    'Öppna sedan kalkylarket och kör Tillägg → Summit Planner → Konfigurera arbetsboken: den skapar Översikt, startar loggen och sigillen, skriver standardvärdena och sätter skydden (det kan inte göras via API:t: nyckeln och ankaret finns bara i tilläggets skriptegenskaper).',
    'Then open the spreadsheet and run Extensions → Summit Planner → Set up workbook: it creates Översikt, starts the log and the seals, writes the defaults and sets the protections (that cannot be done through the API: the key and the anchor live only in the add-on\'s script properties).'),
};

/** Seconds with one decimal when not whole ("1", "1.5"). */
function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1);
}
