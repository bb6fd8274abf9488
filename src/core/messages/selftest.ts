/**
 * Messages of selftest: Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const selftestMsg = {
  timeZones: (sheetZone: string, scriptZone: string): Msg => fixed(
    `Kalkylarkets tidszon: ${sheetZone || '(tom)'}; skriptets: ${scriptZone || '(tom)'}.`,
    `Spreadsheet time zone: ${sheetZone || '(empty)'}; script's: ${scriptZone || '(empty)'}.`),
  sheetZoneFix: (): Msg => fixed(
    'Ställ in kalkylarkets tidszon på (GMT+01:00) Stockholm under Arkiv → Inställningar → Allmänt. Loggens tider läses i kalkylarkets tidszon: byttes den efter konfigureringen ser loggen ändrad ut tills zonen är tillbaka.',
    'Set the spreadsheet\'s time zone to (GMT+01:00) Stockholm under File → Settings → General. The log\'s times are read in the spreadsheet\'s zone: if it was changed after set-up, the log looks altered until the zone is back.'),
  scriptZoneFix: (zone: string): Msg => fixed(
    `Skriptprojektets tidszon ska vara ${zone} ("timeZone" i appsscript.json): driftsätt den byggda versionen igen (npm run deploy).`,
    `The script project's time zone must be ${zone} ("timeZone" in appsscript.json): deploy the built version again (npm run deploy).`),
  zoneWhy: (): Msg => fixed(
    'Annars kan datum och tider hamna en dag eller några timmar fel.',
    'Otherwise dates and times may be off by a day or a few hours.'),
  spreadsheetLocale: (locale: string): Msg => fixed(
    `Kalkylarkets språkkod: ${locale || '(tom)'}.`,
    `Spreadsheet locale: ${locale || '(empty)'}.`),
  localeFix: (): Msg => fixed(
    'Välj Sverige som språkkod under Arkiv → Inställningar → Allmänt. Annars läses belopp som "1 234,50" och datum som text eller fel datum när någon skriver direkt i bladen.',
    'Choose Sweden as the locale under File → Settings → General. Otherwise amounts like "1 234,50" and dates typed directly into the sheets are read as text or as the wrong date.'),
  noUser: (): Msg => fixed('Google uppger ingen e-postadress för dig.', 'Google gives no e-mail address for you.'),
  noUserFix: (): Msg => fixed(
    'Logga in med ditt konto i stadens Google Workspace. Google döljer adressen för användare från andra domäner och i enkla utlösare; då kan Summit Planner inte pröva någons roll.',
    'Sign in with your account in the city\'s Google Workspace. Google hides the address of users from other domains and in simple triggers; then Summit Planner cannot check anyone\'s role.'),
  scriptRunsAsOther: (active: string, effective: string): Msg => fixed(
    `Du är ${active}, men skriptet körs som ${effective || '(tom)'}.`,
    `You are ${active}, but the script runs as ${effective || '(empty)'}.`),
  otherUserFix: (): Msg => fixed(
    'Öppna Summit Planner från kalkylarkets meny (Tillägg → Summit Planner), inte från webbappen eller en utlösare som någon annan har skapat.',
    'Open Summit Planner from the spreadsheet\'s menu (Extensions → Summit Planner), not from the web app or a trigger someone else created.'),
  userOk: (a: string): Msg => fixed(
    `Google uppger dig som ${a}, samma konto som skriptet körs som: rollerna prövas för rätt person.`,
    `Google names you as ${a}, the same account the script runs as: roles are checked for the right person.`),
  /** `document` is null when the script runs in no document. */
  locks: (script: boolean, document: boolean | null): Msg => fixed(
    `Skriptlåset: ${script ? 'togs och släpptes' : 'kunde inte tas'}. Dokumentlåset: ${document === null ? 'finns inte (null)' : document ? 'togs och släpptes' : 'kunde inte tas'}.`,
    `Script lock: ${script ? 'taken and released' : 'could not be taken'}. Document lock: ${document === null ? 'does not exist (null)' : document ? 'taken and released' : 'could not be taken'}.`),
  noDocumentFix: (): Msg => fixed(
    'Skriptet körs inte i ett dokument. Öppna självtestet från kalkylarkets meny (Tillägg → Summit Planner) som ett tillägg installerat i arbetsboken.',
    'The script does not run in a document. Open the self-test from the spreadsheet\'s menu (Extensions → Summit Planner), as an add-on installed in the workbook.'),
  lockBusyFix: (): Msg => fixed(
    'En annan körning höll låset (till exempel ett pågående utskick). Vänta en minut och kör självtestet igen; blir det inte OK, öppna Apps Script → Körningar och se vad som hänger.',
    'Another execution held the lock (a send in progress, for instance). Wait a minute and run the self-test again; if it stays not OK, open Apps Script → Executions and see what is stuck.'),
  sheetMissing: (sheet: string): Msg => fixed(
    `${sheet}: bladet saknas`,
    `${sheet}: the sheet is missing`),
  noProtection: (sheet: string): Msg => fixed(
    `${sheet}: inget skydd`,
    `${sheet}: no protection`),
  protectionHidden: (sheet: string): Msg => fixed(
    `${sheet}: du står inte bland redigerarna, så skyddet kan inte läsas`,
    `${sheet}: you are not among the editors, so the protection cannot be read`),
  /** What differs in one sheet's protection; `missing`/`extra`: editors the roles give that it lacks / that it has beyond them. */
  protectionDiffers: (sheet: string, p: { warningOnly: boolean; domainEdit: boolean; missing: readonly string[]; extra: readonly string[] }): Msg => fixed(
    `${sheet}: ${[p.warningOnly ? 'bara varning' : '', p.domainEdit ? 'hela domänen får ändra' : '', p.missing.length ? `saknar ${p.missing.join(', ')}` : '', p.extra.length ? `har också ${p.extra.join(', ')}` : ''].filter(Boolean).join('; ')}`,
    `${sheet}: ${[p.warningOnly ? 'warning only' : '', p.domainEdit ? 'the whole domain may edit' : '', p.missing.length ? `lacks ${p.missing.join(', ')}` : '', p.extra.length ? `also has ${p.extra.join(', ')}` : ''].filter(Boolean).join('; ')}`),
  allSheetsProtected: (length: number): Msg => fixed(
    `Alla ${length} blad har verkligt skydd (inte bara varning), utan domänbehörighet, med redigerare enligt rollerna.`,
    `All ${length} sheets have real protection (not warning only), no domain access, editors as the roles say.`),
  protectionsDoNotMatch: (problems: readonly Msg[]): Msg => both(
    (f) => `Skydden stämmer inte med rollerna. ${problems.map(f.m).join('. ')}.`,
    (f) => `The protections do not match the roles. ${problems.map(f.m).join('. ')}.`),
  protectionsFix: (): Msg => fixed(
    'Kör Summit Planner → Konfigurera arbetsboken (den sätter skydden efter rollerna igen och ändrar inget annat som redan finns), eller ändra och spara rollerna i Inställningar och roller.',
    'Run Summit Planner → Konfigurera arbetsboken (Set up workbook: it sets the protections from the roles again and changes nothing else that exists), or change and save the roles in Inställningar och roller (Settings and roles).'),
  deployWebApp: (): Msg => fixed(
    'Driftsätt webbappen: Apps Script → Driftsätt → Ny driftsättning → Webbapp, Kör som: Jag, Åtkomst: Alla (README, "Deploying to Google"). Svarslänkarna i inbjudningarna pekar dit.',
    'Deploy the web app: Apps Script → Deploy → New deployment → Web app, Execute as: Me, Who has access: Anyone (README, "Deploying to Google"). The RSVP links in the invitations point there.'),
  webAppNotDeployed: (): Msg => fixed(
    'Webbappen har ingen adress: den är inte driftsatt.',
    'The web app has no address: it is not deployed.'),
  webAppDeployed: (url: string): Msg => fixed(
    `Webbappen är driftsatt på ${url}.`,
    `The web app is deployed at ${url}.`),
  webAppTestOnly: (url: string): Msg => fixed(
    `Webbappen finns bara som testdriftsättning (${url}); den kan bara utvecklaren öppna, inte gästerna.`,
    `The web app exists only as a test deployment (${url}); only the developer can open it, not the guests.`),
  linkNoExec: (): Msg => fixed(
    'Kan inte prövas: webbappen har ingen /exec-adress.',
    'Cannot be checked: the web app has no /exec address.'),
  linkDeployFirst: (): Msg => fixed(
    'Driftsätt webbappen (se ovan) och kör självtestet igen; då visas en länk till webbappens egen kontroll.',
    'Deploy the web app (see above) and run the self-test again; then a link to the web app\'s own check is shown.'),
  linkOpen: (): Msg => fixed(
    'Öppna länken: webbappens sida prövar att den öppnar arbetsboken, läser Gäster och Logg, hittar loggens ankare, får skriptlåset och får skriva i Gäster och Logg som kontot den körs som. Länken gäller en timme och visar inga personuppgifter.',
    'Open the link: the web app\'s page checks that it opens the workbook, reads Gäster and Logg, finds the log\'s anchor, gets the script lock and may write Gäster and Logg as the account it runs as. The link works for an hour and shows no personal data.'),
  mailQuota: (quota: number, waiting: number): Msg => both(
    (f) => `Mejlkvot kvar i dag: ${f.count(quota, 'mottagare', 'mottagare')}. Godkända gäster som väntar på inbjudan: ${f.num(waiting)}.`,
    (f) => `Mail quota left today: ${f.count(quota, 'recipient', 'recipients')}. Approved guests waiting for their invitation: ${f.num(waiting)}.`),
  quotaWhy: (): Msg => fixed(
    'Summit Planner skickar det som ryms och lämnar resten som Godkänd; skicka resten nästa dag (kvoten räknas om efter ett dygn). Ett konto i Google Workspace får 1 500 mottagare om dagen, ett vanligt Google-konto 100: skicka från stadens konto.',
    'Summit Planner sends what fits and leaves the rest Godkänd (approved); send the rest the next day (the quota comes back after a day). A Google Workspace account gets 1,500 recipients a day, an ordinary Google account 100: send from the city\'s account.'),
  nothingToday: (): Msg => fixed('I dag kan inget skickas.', 'Nothing can be sent today.'),
  sendDays: (days: number): Msg => both(
    (f) => `Utskicket tar högst ${f.count(days, 'dag', 'dagar')}.`,
    (f) => `Sending takes at most ${f.count(days, 'day', 'days')}.`),
  logFixVerify: (): Msg => fixed(
    'Kör Summit Planner → Verifiera loggen för detaljerna. En administratör utreder ändringen och godkänner loggen i Granska ändringar, eller återställer den ur versionshistoriken; tills dess sparas inget.',
    'Run Summit Planner → Verifiera loggen (Verify the log) for the details. An administrator looks into the change and accepts the log under Granska ändringar (Review changes), or restores it from the version history; until then nothing is saved.'),
  logFixSetUp: (): Msg => fixed(
    'Kör Summit Planner → Konfigurera arbetsboken: den startar loggen och dess ankare (i skriptegenskaperna, under arbetsbokens fil-ID). En kopia av arbetsboken har ett nytt fil-ID och behöver det också.',
    'Run Summit Planner → Konfigurera arbetsboken (Set up workbook): it starts the log and its anchor (in the script properties, under the workbook\'s file ID). A copy of the workbook has a new file ID and needs it too.'),
  owner: (owner: string): Msg => fixed(
    `Arbetsbokens ägare: ${owner}. Ägaren är alltid administratör.`,
    `The workbook's owner: ${owner}. The owner is always an administrator.`),
  sharedDrive: (): Msg => fixed(
    'Delad enhet (ingen ägare): bara de som står i Administratörer på bladet Inställningar är administratörer. Håll minst två personer där.',
    'Shared drive (no owner): only the people listed in Administratörer on the Inställningar sheet are administrators. Keep at least two people there.'),
  webOpen: (): Msg => fixed('Webbappen öppnar arbetsboken', 'The web app opens the workbook'),
  webOpenFix: (): Msg => fixed(
    'Webbappen kunde inte öppna arbetsboken. Driftsätt den med Kör som: Jag från ett konto som får redigera arbetsboken, med behörigheten spreadsheets i appsscript.json (npm run deploy).',
    'The web app could not open the workbook. Deploy it with Execute as: Me from an account that may edit the workbook, with the spreadsheets scope in appsscript.json (npm run deploy).'),
  webSheets: (): Msg => fixed('Bladen Gäster och Logg kan läsas', 'The sheets Gäster and Logg can be read'),
  webSheetsFix: (): Msg => fixed(
    'Gäster eller Logg saknas eller kan inte läsas. Kör Summit Planner → Konfigurera arbetsboken i arbetsboken.',
    'Gäster or Logg is missing or cannot be read. Run Summit Planner → Konfigurera arbetsboken (Set up workbook) in the workbook.'),
  webAnchor: (): Msg => fixed('Loggens ankare finns för arbetsboken', 'The log\'s anchor exists for the workbook'),
  webAnchorFix: (): Msg => fixed(
    'Webbappen hittar inte loggens ankare. Kör Summit Planner → Konfigurera arbetsboken i arbetsboken, och driftsätt webbappen från samma projekt som tillägget (de delar skriptegenskaperna).',
    'The web app does not find the log\'s anchor. Run Summit Planner → Konfigurera arbetsboken (Set up workbook) in the workbook, and deploy the web app from the same project as the add-on (they share the script properties).'),
  webLock: (): Msg => fixed('Skriptlåset kan tas', 'The script lock can be taken'),
  webLockFix: (): Msg => fixed(
    'Skriptlåset var upptaget (en annan körning höll det). Ladda om sidan om en minut.',
    'The script lock was busy (another execution held it). Reload the page in a minute.'),
  webDeployer: (): Msg => fixed(
    'Kontot som webbappen körs som får ändra Gäster och Logg',
    'The account the web app runs as may edit Gäster and Logg'),
  webDeployerFix: (): Msg => fixed(
    'Webbappen skriver gästernas svar som kontot som driftsatte den, och det kontot får inte ändra Gäster och Logg. Driftsätt webbappen som arbetsbokens ägare eller en administratör, och kör Konfigurera arbetsboken så att skydden tar med administratörerna.',
    'The web app writes the guests\' answers as the account that deployed it, and that account may not edit Gäster and Logg. Deploy the web app as the workbook\'s owner or an administrator, and run Konfigurera arbetsboken (Set up workbook) so the protections include the administrators.'),
  webPageTitle: (): Msg => fixed('Summit Planner – självtest av webbappen', 'Summit Planner – web app self-test'),
  webAllOk: (): Msg => fixed(
    'Alla kontroller är OK: webbappen kan ta emot gästernas svar.',
    'Every check is OK: the web app can take the guests\' answers.'),
  webNotOk: (): Msg => fixed(
    'Minst en kontroll är inte OK: gästernas svar kan inte sparas förrän den är rättad.',
    'At least one check is not OK: the guests\' answers cannot be saved until it is fixed.'),
  checkOk: (): Msg => fixed('OK', 'OK'),
  checkNotOk: (): Msg => fixed('Inte OK', 'Not OK'),
  notSetUp: (): Msg => fixed(
    'Arbetsboken har ingen logg för sitt fil-ID, så rollerna kan inte läsas: den är inte konfigurerad (eller är en kopia).',
    'The workbook has no log for its file ID, so the roles cannot be read: it is not set up (or it is a copy).'),
  fixAndRerun: (): Msg => fixed(
    'Rätta det som står ovan och kör självtestet igen.',
    'Fix what is said above and run the self-test again.'),
};
