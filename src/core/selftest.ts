/**
 * The installation self-test's decisions (issue 8): what each finding on a
 * real Google deployment means and what to do about it. Pure: the sidebar's
 * probes (src/gas/selftest.ts) and the web app's own checks hand their
 * findings here, so every verdict and fix text is unit-tested.
 */
import type { SelfTestCheck, SelfTestCheckId } from './api';
import { join } from './i18n';
import type { Lang, Msg } from './msg';
import { escapeHtml } from './template';
import { selftestMsg } from './messages/selftest';

/** The zone the add-on's dates assume (the manifest's timeZone, and set-up's default). */
export const WORKBOOK_ZONE = 'Europe/Stockholm';

const ok = (id: SelfTestCheckId, found: Msg): SelfTestCheck => ({ id, status: 'ok', found, fix: null });
const fail = (id: SelfTestCheckId, found: Msg, fix: Msg): SelfTestCheck => ({ id, status: 'fail', found, fix });
const info = (id: SelfTestCheckId, found: Msg): SelfTestCheck => ({ id, status: 'info', found, fix: null });

/** 1. The spreadsheet's zone is Europe/Stockholm and the script's the same. */
export function zoneCheck(sheetZone: string, scriptZone: string): SelfTestCheck {
  const found = selftestMsg.timeZones(sheetZone, scriptZone);
  if (sheetZone === WORKBOOK_ZONE && scriptZone === WORKBOOK_ZONE) return ok('timeZone', found);
  const fixes: Msg[] = [];
  if (sheetZone !== WORKBOOK_ZONE) {
    fixes.push(selftestMsg.sheetZoneFix());
  }
  if (scriptZone !== WORKBOOK_ZONE) {
    fixes.push(selftestMsg.scriptZoneFix(WORKBOOK_ZONE));
  }
  fixes.push(selftestMsg.zoneWhy());
  return fail('timeZone', found, join(fixes));
}

/** 2. The spreadsheet's locale is Swedish (typed amounts and dates are read by it). */
export function localeCheck(locale: string): SelfTestCheck {
  const found = selftestMsg.spreadsheetLocale(locale);
  if (/^sv(?:[_-]|$)/i.test(locale.trim())) return ok('locale', found);
  return fail('locale', found, selftestMsg.localeFix());
}

/** 3. Google names the user, and the code runs as that user (role checks see who works). */
export function userCheck(active: string, effective: string): SelfTestCheck {
  const a = active.trim().toLowerCase();
  const e = effective.trim().toLowerCase();
  if (!a) {
    return fail('user', selftestMsg.noUser(), selftestMsg.noUserFix());
  }
  if (a !== e) {
    return fail('user', selftestMsg.scriptRunsAsOther(a, e), selftestMsg.otherUserFix());
  }
  return ok('user', selftestMsg.userOk(a));
}

/** 4. The script lock and the document lock (null when the script has no document) could be taken and released. */
export function lockCheck(script: boolean, document: boolean | null): SelfTestCheck {
  const found = selftestMsg.locks(script, document);
  if (script && document) return ok('locks', found);
  if (document === null) {
    return fail('locks', found, selftestMsg.noDocumentFix());
  }
  return fail('locks', found, selftestMsg.lockBusyFix());
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
  if (f === 'missing') return selftestMsg.sheetMissing(p.sheet);
  if (f === 'none') return selftestMsg.noProtection(p.sheet);
  if (f === 'hidden') return selftestMsg.protectionHidden(p.sheet);
  const d = editorDiff(f.editors, p.want, keep);
  const differs = f.warningOnly || f.domainEdit || d.missing.length > 0 || d.extra.length > 0;
  return differs ? selftestMsg.protectionDiffers(p.sheet, { warningOnly: f.warningOnly, domainEdit: f.domainEdit, missing: d.missing, extra: d.extra }) : null;
}

export function protectionsCheck(sheets: readonly SheetProtection[], keep: readonly string[]): SelfTestCheck {
  const problems = sheets.map((s) => protectionProblem(s, keep)).filter((m): m is Msg => m !== null);
  if (!problems.length) {
    return ok('protections', selftestMsg.allSheetsProtected(sheets.length));
  }
  return fail('protections', selftestMsg.protectionsDoNotMatch(problems), selftestMsg.protectionsFix());
}

// --- 6–7. The web app ----------------------------------------------------------------

const deployFix = (): Msg => selftestMsg.deployWebApp();

/** 6. getUrl(): null before any deployment, the /dev URL in the developer's test deployment, /exec when deployed. */
export function webAppCheck(url: string | null): SelfTestCheck {
  if (!url) return fail('webApp', selftestMsg.webAppNotDeployed(), deployFix());
  if (/\/exec$/.test(url)) return ok('webApp', selftestMsg.webAppDeployed(url));
  return fail('webApp', selftestMsg.webAppTestOnly(url), deployFix());
}

/** 7. The web app's own checks run behind the signed link (the sidebar can't call the web app). */
export function linkCheck(link: string | null): SelfTestCheck {
  if (!link) {
    return fail('webAppLink', selftestMsg.linkNoExec(), selftestMsg.linkDeployFirst());
  }
  return info('webAppLink', selftestMsg.linkOpen());
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
  const found = selftestMsg.mailQuota(q, waiting);
  const days = sendDays(q, waiting);
  if (days === 0) return ok('mailQuota', found);
  const why = selftestMsg.quotaWhy();
  const when = days === null
    ? selftestMsg.nothingToday()
    : selftestMsg.sendDays(days);
  return fail('mailQuota', found, join([when, why]));
}

// --- 9. The log -----------------------------------------------------------------------------

/** The result of "Verifiera loggen" (src/app/audit.ts) and whether the anchor exists. */
export function logCheck(report: { readonly ok: boolean; readonly message: Msg }, anchored: boolean): SelfTestCheck {
  if (report.ok) return ok('log', report.message);
  return fail('log', report.message, anchored
    ? selftestMsg.logFixVerify()
    : selftestMsg.logFixSetUp());
}

// --- 10. The owner (information) -------------------------------------------------------------

export function ownerCheck(owner: string): SelfTestCheck {
  if (owner) {
    return info('owner', selftestMsg.owner(owner));
  }
  return info('owner', selftestMsg.sharedDrive());
}

// --- The web app's own page (behind the signed link) -------------------------------------------

export const WEB_APP_CHECKS = ['open', 'sheets', 'anchor', 'lock', 'deployer'] as const;
export type WebAppCheckId = (typeof WEB_APP_CHECKS)[number];

export interface WebAppCheck {
  readonly id: WebAppCheckId;
  readonly ok: boolean;
}

const WEB_APP_TEXTS: Readonly<Record<WebAppCheckId, readonly [title: Msg, fix: Msg]>> = {
  open: [selftestMsg.webOpen(), selftestMsg.webOpenFix()],
  sheets: [selftestMsg.webSheets(), selftestMsg.webSheetsFix()],
  anchor: [selftestMsg.webAnchor(), selftestMsg.webAnchorFix()],
  lock: [selftestMsg.webLock(), selftestMsg.webLockFix()],
  deployer: [selftestMsg.webDeployer(), selftestMsg.webDeployerFix()],
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

const pageTitle = (): Msg => selftestMsg.webPageTitle();

/** The web app's self-test page: a small self-contained document, every text escaped, no personal data. */
export function webAppSelfTestHtml(lang: Lang, checks: readonly WebAppCheck[]): string {
  const t = (m: Msg): string => escapeHtml(m[lang]);
  const title = pageTitle();
  const allOk = checks.every((c) => c.ok);
  const summary = allOk
    ? selftestMsg.webAllOk()
    : selftestMsg.webNotOk();
  const items = checks.map((c) => {
    const [name, fix] = WEB_APP_TEXTS[c.id];
    const state = c.ok ? selftestMsg.checkOk() : selftestMsg.checkNotOk();
    return `<li class="${c.ok ? 'ok' : 'fail'}"><strong>${t(state)}</strong>: ${t(name)}${c.ok ? '' : `<p>${t(fix)}</p>`}</li>`;
  }).join('');
  const style = 'body{font:16px/1.5 Arial,Helvetica,sans-serif;color:#1f1f1f;margin:0;padding:16px;max-width:40em}'
    + 'h1{font-size:20px}ul{list-style:none;padding:0}li{border:1px solid #c4c7c5;border-radius:6px;padding:8px;margin:8px 0}'
    + 'li.ok strong{color:#146c2e}li.fail strong{color:#b3261e}li p{margin:4px 0 0}';
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><title>${t(title)}</title><style>${style}</style></head>`
    + `<body><main><h1>${t(title)}</h1><p>${t(summary)}</p><ul>${items}</ul></main></body></html>`;
}

export const webAppSelfTestTitle = (lang: Lang): string => pageTitle()[lang];
