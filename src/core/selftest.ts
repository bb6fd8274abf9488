/**
 * The installation self-test's decisions (issue 8): what each finding on a
 * real Google deployment means and what to do about it. Pure: the sidebar's
 * probes (src/gas/selftest.ts) and the web app's own checks hand their
 * findings here, so every verdict and fix text is unit-tested.
 */
import type { SelfTestCheck, SelfTestCheckId } from './api';
import { msg, type Lang, type Msg } from './msg';
import { escapeHtml } from './template';

/** The zone the add-on's dates assume (the manifest's timeZone, and set-up's default). */
export const WORKBOOK_ZONE = 'Europe/Stockholm';

const ok = (id: SelfTestCheckId, found: Msg): SelfTestCheck => ({ id, status: 'ok', found, fix: null });
const fail = (id: SelfTestCheckId, found: Msg, fix: Msg): SelfTestCheck => ({ id, status: 'fail', found, fix });
const info = (id: SelfTestCheckId, found: Msg): SelfTestCheck => ({ id, status: 'info', found, fix: null });
const join = (parts: readonly Msg[]): Msg => msg(parts.map((p) => p.sv).join(' '), parts.map((p) => p.en).join(' '));
const shown = (s: string): string => s || '(tom)';
const shownEn = (s: string): string => s || '(empty)';

/** 1. The spreadsheet's zone is Europe/Stockholm and the script's the same. */
export function zoneCheck(sheetZone: string, scriptZone: string): SelfTestCheck {
  const found = msg(`Kalkylarkets tidszon: ${shown(sheetZone)}; skriptets: ${shown(scriptZone)}.`, `Spreadsheet time zone: ${shownEn(sheetZone)}; script's: ${shownEn(scriptZone)}.`);
  if (sheetZone === WORKBOOK_ZONE && scriptZone === WORKBOOK_ZONE) return ok('timeZone', found);
  const fixes: Msg[] = [];
  if (sheetZone !== WORKBOOK_ZONE) {
    fixes.push(msg(
      'Ställ in kalkylarkets tidszon på (GMT+01:00) Stockholm under Arkiv → Inställningar → Allmänt. Loggens tider läses i kalkylarkets tidszon: byttes den efter konfigureringen ser loggen ändrad ut tills zonen är tillbaka.',
      'Set the spreadsheet\'s time zone to (GMT+01:00) Stockholm under File → Settings → General. The log\'s times are read in the spreadsheet\'s zone: if it was changed after set-up, the log looks altered until the zone is back.',
    ));
  }
  if (scriptZone !== WORKBOOK_ZONE) {
    fixes.push(msg(`Skriptprojektets tidszon ska vara ${WORKBOOK_ZONE} ("timeZone" i appsscript.json): driftsätt den byggda versionen igen (npm run deploy).`, `The script project's time zone must be ${WORKBOOK_ZONE} ("timeZone" in appsscript.json): deploy the built version again (npm run deploy).`));
  }
  fixes.push(msg('Annars kan datum och tider hamna en dag eller några timmar fel.', 'Otherwise dates and times may be off by a day or a few hours.'));
  return fail('timeZone', found, join(fixes));
}

/** 2. The spreadsheet's locale is Swedish (typed amounts and dates are read by it). */
export function localeCheck(locale: string): SelfTestCheck {
  const found = msg(`Kalkylarkets språkkod: ${shown(locale)}.`, `Spreadsheet locale: ${shownEn(locale)}.`);
  if (/^sv(?:[_-]|$)/i.test(locale.trim())) return ok('locale', found);
  return fail('locale', found, msg(
    'Välj Sverige som språkkod under Arkiv → Inställningar → Allmänt. Annars läses belopp som "1 234,50" och datum som text eller fel datum när någon skriver direkt i bladen.',
    'Choose Sweden as the locale under File → Settings → General. Otherwise amounts like "1 234,50" and dates typed directly into the sheets are read as text or as the wrong date.',
  ));
}

/** 3. Google names the user, and the code runs as that user (role checks see who works). */
export function userCheck(active: string, effective: string): SelfTestCheck {
  const a = active.trim().toLowerCase();
  const e = effective.trim().toLowerCase();
  if (!a) {
    return fail('user', msg('Google uppger ingen e-postadress för dig.', 'Google gives no e-mail address for you.'), msg(
      'Logga in med ditt konto i stadens Google Workspace. Google döljer adressen för användare från andra domäner och i enkla utlösare; då kan Summit Planner inte pröva någons roll.',
      'Sign in with your account in the city\'s Google Workspace. Google hides the address of users from other domains and in simple triggers; then Summit Planner cannot check anyone\'s role.',
    ));
  }
  if (a !== e) {
    return fail('user', msg(`Du är ${a}, men skriptet körs som ${shown(e)}.`, `You are ${a}, but the script runs as ${shownEn(e)}.`), msg(
      'Öppna Summit Planner från kalkylarkets meny (Tillägg → Summit Planner), inte från webbappen eller en utlösare som någon annan har skapat.',
      'Open Summit Planner from the spreadsheet\'s menu (Extensions → Summit Planner), not from the web app or a trigger someone else created.',
    ));
  }
  return ok('user', msg(`Google uppger dig som ${a}, samma konto som skriptet körs som: rollerna prövas för rätt person.`, `Google names you as ${a}, the same account the script runs as: roles are checked for the right person.`));
}

/** 4. The script lock and the document lock (null when the script has no document) could be taken and released. */
export function lockCheck(script: boolean, document: boolean | null): SelfTestCheck {
  const found = msg(
    `Skriptlåset: ${script ? 'togs och släpptes' : 'kunde inte tas'}. Dokumentlåset: ${document === null ? 'finns inte (null)' : document ? 'togs och släpptes' : 'kunde inte tas'}.`,
    `Script lock: ${script ? 'taken and released' : 'could not be taken'}. Document lock: ${document === null ? 'does not exist (null)' : document ? 'taken and released' : 'could not be taken'}.`,
  );
  if (script && document) return ok('locks', found);
  if (document === null) {
    return fail('locks', found, msg(
      'Skriptet körs inte i ett dokument. Öppna självtestet från kalkylarkets meny (Tillägg → Summit Planner) som ett tillägg installerat i arbetsboken.',
      'The script does not run in a document. Open the self-test from the spreadsheet\'s menu (Extensions → Summit Planner), as an add-on installed in the workbook.',
    ));
  }
  return fail('locks', found, msg(
    'En annan körning höll låset (till exempel ett pågående utskick). Vänta en minut och kör självtestet igen; blir det inte OK, öppna Apps Script → Körningar och se vad som hänger.',
    'Another execution held the lock (a send in progress, for instance). Wait a minute and run the self-test again; if it stays not OK, open Apps Script → Executions and see what is stuck.',
  ));
}

// --- 5. Protections ------------------------------------------------------------------

/** One Summit Planner sheet's SHEET protection as found. */
export interface SheetProtection {
  readonly sheet: string;
  /** The editors editorsOf() gives for the roles in effect (src/gas/setup.ts). */
  readonly want: readonly string[];
  /** 'missing': no such sheet; 'none': no sheet protection; 'hidden': its editors could not be read (you are not among them). */
  readonly found: 'missing' | 'none' | 'hidden' | { readonly warningOnly: boolean; readonly domainEdit: boolean; readonly editors: readonly string[] };
}

/**
 * Editors that should be there and aren't, and editors that are there and
 * shouldn't be. `keep` (the owner, the current user) may be listed or not:
 * Google never removes them, and lists them or not.
 */
export function editorDiff(have: readonly string[], want: readonly string[], keep: readonly string[]): { missing: string[]; extra: string[] } {
  const norm = (xs: readonly string[]) => new Set(xs.map((x) => x.trim().toLowerCase()).filter(Boolean));
  const h = norm(have);
  const w = norm(want);
  const k = norm(keep);
  return { missing: [...w].filter((x) => !h.has(x)).sort(), extra: [...h].filter((x) => !w.has(x) && !k.has(x)).sort() };
}

/** What is wrong with one sheet's protection, or null. */
export function protectionProblem(p: SheetProtection, keep: readonly string[]): Msg | null {
  const f = p.found;
  if (f === 'missing') return msg(`${p.sheet}: bladet saknas`, `${p.sheet}: the sheet is missing`);
  if (f === 'none') return msg(`${p.sheet}: inget skydd`, `${p.sheet}: no protection`);
  if (f === 'hidden') return msg(`${p.sheet}: du står inte bland redigerarna, så skyddet kan inte läsas`, `${p.sheet}: you are not among the editors, so the protection cannot be read`);
  const d = editorDiff(f.editors, p.want, keep);
  const sv: string[] = [];
  const en: string[] = [];
  if (f.warningOnly) { sv.push('bara varning'); en.push('warning only'); }
  if (f.domainEdit) { sv.push('hela domänen får ändra'); en.push('the whole domain may edit'); }
  if (d.missing.length) { sv.push(`saknar ${d.missing.join(', ')}`); en.push(`lacks ${d.missing.join(', ')}`); }
  if (d.extra.length) { sv.push(`har också ${d.extra.join(', ')}`); en.push(`also has ${d.extra.join(', ')}`); }
  return sv.length ? msg(`${p.sheet}: ${sv.join('; ')}`, `${p.sheet}: ${en.join('; ')}`) : null;
}

export function protectionsCheck(sheets: readonly SheetProtection[], keep: readonly string[]): SelfTestCheck {
  const problems = sheets.map((s) => protectionProblem(s, keep)).filter((m): m is Msg => m !== null);
  if (!problems.length) {
    return ok('protections', msg(
      `Alla ${sheets.length} blad har verkligt skydd (inte bara varning), utan domänbehörighet, med redigerare enligt rollerna.`,
      `All ${sheets.length} sheets have real protection (not warning only), no domain access, editors as the roles say.`,
    ));
  }
  return fail('protections', msg(`Skydden stämmer inte med rollerna. ${problems.map((p) => p.sv).join('. ')}.`, `The protections do not match the roles. ${problems.map((p) => p.en).join('. ')}.`), msg(
    'Kör Summit Planner → Konfigurera arbetsboken (den sätter skydden efter rollerna igen och ändrar inget annat som redan finns), eller ändra och spara rollerna i Inställningar och roller.',
    'Run Summit Planner → Konfigurera arbetsboken (Set up workbook: it sets the protections from the roles again and changes nothing else that exists), or change and save the roles in Inställningar och roller (Settings and roles).',
  ));
}

// --- 6–7. The web app ----------------------------------------------------------------

const deployFix = (): Msg => msg(
  'Driftsätt webbappen: Apps Script → Driftsätt → Ny driftsättning → Webbapp, Kör som: Jag, Åtkomst: Alla (README, "Deploying to Google"). Svarslänkarna i inbjudningarna pekar dit.',
  'Deploy the web app: Apps Script → Deploy → New deployment → Web app, Execute as: Me, Who has access: Anyone (README, "Deploying to Google"). The RSVP links in the invitations point there.',
);

/** 6. getUrl(): null before any deployment, the /dev URL in the developer's test deployment, /exec when deployed. */
export function webAppCheck(url: string | null): SelfTestCheck {
  if (!url) return fail('webApp', msg('Webbappen har ingen adress: den är inte driftsatt.', 'The web app has no address: it is not deployed.'), deployFix());
  if (/\/exec$/.test(url)) return ok('webApp', msg(`Webbappen är driftsatt på ${url}.`, `The web app is deployed at ${url}.`));
  return fail('webApp', msg(
    `Webbappen finns bara som testdriftsättning (${url}); den kan bara utvecklaren öppna, inte gästerna.`,
    `The web app exists only as a test deployment (${url}); only the developer can open it, not the guests.`,
  ), deployFix());
}

/** 7. The web app's own checks run behind the signed link (the sidebar can't call the web app). */
export function linkCheck(link: string | null): SelfTestCheck {
  if (!link) {
    return fail('webAppLink', msg('Kan inte prövas: webbappen har ingen /exec-adress.', 'Cannot be checked: the web app has no /exec address.'), msg(
      'Driftsätt webbappen (se ovan) och kör självtestet igen; då visas en länk till webbappens egen kontroll.',
      'Deploy the web app (see above) and run the self-test again; then a link to the web app\'s own check is shown.',
    ));
  }
  return info('webAppLink', msg(
    'Öppna länken: webbappens sida prövar att den öppnar arbetsboken, läser Gäster och Logg, hittar loggens ankare, får skriptlåset och får skriva i Gäster och Logg som kontot den körs som. Länken gäller en timme och visar inga personuppgifter.',
    'Open the link: the web app\'s page checks that it opens the workbook, reads Gäster and Logg, finds the log\'s anchor, gets the script lock and may write Gäster and Logg as the account it runs as. The link works for an hour and shows no personal data.',
  ));
}

// --- 8. Mail quota -------------------------------------------------------------------------

/**
 * Days the invitations take at most: what is left today is also no more than
 * a whole day's quota, so at least that many go each day. 0 when today's
 * quota covers them; null when nothing can go today (the quota comes back
 * within 24 hours, by how much isn't known).
 */
export function sendDays(quota: number, waiting: number): number | null {
  if (waiting <= quota) return 0;
  return quota > 0 ? Math.ceil(waiting / quota) : null;
}

export function quotaCheck(quota: number, waiting: number): SelfTestCheck {
  const q = Math.max(0, Math.floor(quota));
  const found = msg(
    `Mejlkvot kvar i dag: ${q} mottagare. Godkända gäster som väntar på inbjudan: ${waiting}.`,
    `Mail quota left today: ${q} recipients. Approved guests waiting for their invitation: ${waiting}.`,
  );
  const days = sendDays(q, waiting);
  if (days === 0) return ok('mailQuota', found);
  const why = msg(
    'Summit Planner skickar det som ryms och lämnar resten som Godkänd; skicka resten nästa dag (kvoten räknas om efter ett dygn). Ett konto i Google Workspace får 1 500 mottagare om dagen, ett vanligt Google-konto 100: skicka från stadens konto.',
    'Summit Planner sends what fits and leaves the rest Godkänd (approved); send the rest the next day (the quota comes back after a day). A Google Workspace account gets 1,500 recipients a day, an ordinary Google account 100: send from the city\'s account.',
  );
  const when = days === null
    ? msg('I dag kan inget skickas.', 'Nothing can be sent today.')
    : msg(`Utskicket tar högst ${days} dagar.`, `Sending takes at most ${days} days.`);
  return fail('mailQuota', found, join([when, why]));
}

// --- 9. The log -----------------------------------------------------------------------------

/** The result of "Verifiera loggen" (src/app/audit.ts) and whether the anchor exists. */
export function logCheck(report: { readonly ok: boolean; readonly message: Msg }, anchored: boolean): SelfTestCheck {
  if (report.ok) return ok('log', report.message);
  return fail('log', report.message, anchored
    ? msg(
      'Kör Summit Planner → Verifiera loggen för detaljerna. En administratör utreder ändringen och godkänner loggen i Granska ändringar, eller återställer den ur versionshistoriken; tills dess sparas inget.',
      'Run Summit Planner → Verifiera loggen (Verify the log) for the details. An administrator looks into the change and accepts the log under Granska ändringar (Review changes), or restores it from the version history; until then nothing is saved.',
    )
    : msg(
      'Kör Summit Planner → Konfigurera arbetsboken: den startar loggen och dess ankare (i skriptegenskaperna, under arbetsbokens fil-ID). En kopia av arbetsboken har ett nytt fil-ID och behöver det också.',
      'Run Summit Planner → Konfigurera arbetsboken (Set up workbook): it starts the log and its anchor (in the script properties, under the workbook\'s file ID). A copy of the workbook has a new file ID and needs it too.',
    ));
}

// --- 10. The owner (information) -------------------------------------------------------------

export function ownerCheck(owner: string): SelfTestCheck {
  if (owner) {
    return info('owner', msg(`Arbetsbokens ägare: ${owner}. Ägaren är alltid administratör.`, `The workbook's owner: ${owner}. The owner is always an administrator.`));
  }
  return info('owner', msg(
    'Delad enhet (ingen ägare): bara de som står i Administratörer på bladet Inställningar är administratörer. Håll minst två personer där.',
    'Shared drive (no owner): only the people listed in Administratörer on the Inställningar sheet are administrators. Keep at least two people there.',
  ));
}

// --- The web app's own page (behind the signed link) -------------------------------------------

export const WEB_APP_CHECKS = ['open', 'sheets', 'anchor', 'lock', 'deployer'] as const;
export type WebAppCheckId = (typeof WEB_APP_CHECKS)[number];

export interface WebAppCheck {
  readonly id: WebAppCheckId;
  readonly ok: boolean;
}

const WEB_APP_TEXTS: Readonly<Record<WebAppCheckId, readonly [title: Msg, fix: Msg]>> = {
  open: [msg('Webbappen öppnar arbetsboken', 'The web app opens the workbook'), msg(
    'Webbappen kunde inte öppna arbetsboken. Driftsätt den med Kör som: Jag från ett konto som får redigera arbetsboken, med behörigheten spreadsheets i appsscript.json (npm run deploy).',
    'The web app could not open the workbook. Deploy it with Execute as: Me from an account that may edit the workbook, with the spreadsheets scope in appsscript.json (npm run deploy).',
  )],
  sheets: [msg('Bladen Gäster och Logg kan läsas', 'The sheets Gäster and Logg can be read'), msg(
    'Gäster eller Logg saknas eller kan inte läsas. Kör Summit Planner → Konfigurera arbetsboken i arbetsboken.',
    'Gäster or Logg is missing or cannot be read. Run Summit Planner → Konfigurera arbetsboken (Set up workbook) in the workbook.',
  )],
  anchor: [msg('Loggens ankare finns för arbetsboken', 'The log\'s anchor exists for the workbook'), msg(
    'Webbappen hittar inte loggens ankare. Kör Summit Planner → Konfigurera arbetsboken i arbetsboken, och driftsätt webbappen från samma projekt som tillägget (de delar skriptegenskaperna).',
    'The web app does not find the log\'s anchor. Run Summit Planner → Konfigurera arbetsboken (Set up workbook) in the workbook, and deploy the web app from the same project as the add-on (they share the script properties).',
  )],
  lock: [msg('Skriptlåset kan tas', 'The script lock can be taken'), msg(
    'Skriptlåset var upptaget (en annan körning höll det). Ladda om sidan om en minut.',
    'The script lock was busy (another execution held it). Reload the page in a minute.',
  )],
  deployer: [msg('Kontot som webbappen körs som får ändra Gäster och Logg', 'The account the web app runs as may edit Gäster and Logg'), msg(
    'Webbappen skriver gästernas svar som kontot som driftsatte den, och det kontot får inte ändra Gäster och Logg. Driftsätt webbappen som arbetsbokens ägare eller en administratör, och kör Konfigurera arbetsboken så att skydden tar med administratörerna.',
    'The web app writes the guests\' answers as the account that deployed it, and that account may not edit Gäster and Logg. Deploy the web app as the workbook\'s owner or an administrator, and run Konfigurera arbetsboken (Set up workbook) so the protections include the administrators.',
  )],
};

/**
 * May `me` write a sheet with this protection? The owner always may; a
 * warning-only protection stops nobody; otherwise `me` must be an editor.
 * 'none': the sheet has no protection (every editor of the file may).
 */
export function mayEdit(me: string, owner: string, protection: 'none' | { readonly warningOnly: boolean; readonly editors: readonly string[] }): boolean {
  const m = me.trim().toLowerCase();
  if (!m) return false;
  if (m === owner.trim().toLowerCase() || protection === 'none' || protection.warningOnly) return true;
  return protection.editors.some((e) => e.trim().toLowerCase() === m);
}

const pageTitle = (): Msg => msg('Summit Planner – självtest av webbappen', 'Summit Planner – web app self-test');

/** The web app's self-test page: a small self-contained document, every text escaped, no personal data. */
export function webAppSelfTestHtml(lang: Lang, checks: readonly WebAppCheck[]): string {
  const t = (m: Msg): string => escapeHtml(m[lang]);
  const title = pageTitle();
  const allOk = checks.every((c) => c.ok);
  const summary = allOk
    ? msg('Alla kontroller är OK: webbappen kan ta emot gästernas svar.', 'Every check is OK: the web app can take the guests\' answers.')
    : msg('Minst en kontroll är inte OK: gästernas svar kan inte sparas förrän den är rättad.', 'At least one check is not OK: the guests\' answers cannot be saved until it is fixed.');
  const items = checks.map((c) => {
    const [name, fix] = WEB_APP_TEXTS[c.id];
    const state = c.ok ? msg('OK', 'OK') : msg('Inte OK', 'Not OK');
    return `<li class="${c.ok ? 'ok' : 'fail'}"><strong>${t(state)}</strong>: ${t(name)}${c.ok ? '' : `<p>${t(fix)}</p>`}</li>`;
  }).join('');
  const style = 'body{font:16px/1.5 Arial,Helvetica,sans-serif;color:#1f1f1f;margin:0;padding:16px;max-width:40em}'
    + 'h1{font-size:20px}ul{list-style:none;padding:0}li{border:1px solid #c4c7c5;border-radius:6px;padding:8px;margin:8px 0}'
    + 'li.ok strong{color:#146c2e}li.fail strong{color:#b3261e}li p{margin:4px 0 0}';
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${t(title)}</title><style>${style}</style></head>`
    + `<body><main><h1>${t(title)}</h1><p>${t(summary)}</p><ul>${items}</ul></main></body></html>`;
}

export const webAppSelfTestTitle = (lang: Lang): string => pageTitle()[lang];
