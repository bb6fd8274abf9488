/**
 * "Självtest av installationen" (issue 8): probes, once in real Google
 * Sheets, every platform assumption the add-on makes. The sidebar's checks
 * run as the administrator in the document; the web app can't be called from
 * there (no UrlFetch scope), so the sidebar shows a signed link whose page
 * runs the web app's own checks as the deployer. The verdicts and their fix
 * texts are pure (src/core/selftest.ts); every probe here is a service call
 * the check needs, and a probe that throws fails only its own check.
 */
import { approvedWaiting, logStatus, notSetUpMsg, selfTestAuthority, type SelfTestAuthority } from '../app/selftest';
import { Journal } from '../app/journal';
import type { SelfTestCheck, SelfTestCheckId, SelfTestView } from '../core/api';
import { langFromLocale, UserError, type Lang } from '../core/msg';
import { SELF_TEST_VALIDITY_MS, selfTestUrl, verifySelfTestToken } from '../core/rsvp';
import { SHEETS, type SheetKey } from '../core/schema';
import {
  linkCheck, localeCheck, lockCheck, logCheck, mayEdit, ownerCheck, protectionsCheck, quotaCheck, userCheck, webAppCheck,
  webAppSelfTestHtml, webAppSelfTestTitle, zoneCheck, type SheetProtection, type WebAppCheck, type WebAppCheckId,
} from '../core/selftest';
import { gasClock, gasPorts } from './adapters';
import { failureMessage, handle, noArgs, type Env } from './api';
import { RSVP_SECRET_KEY, rsvpSecret, WORKBOOK_PREFIX, workbookTagOf } from './invitations';
import { editorsOf } from './setup';
import { selftestMsg } from '../core/messages/selftest';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** How long a lock probe waits: long enough for a normal write to finish, short enough not to hang the sidebar. */
const LOCK_PROBE_MS = 5_000;

/** A probe that threw: its check is not OK, with what went wrong. */
function guard(id: SelfTestCheckId, probe: () => SelfTestCheck): SelfTestCheck {
  try {
    return probe();
  } catch (e) {
    return {
      id, status: 'fail', found: failureMessage(e),
      fix: selftestMsg.fixAndRerun(),
    };
  }
}

/** Takes and releases a lock: null when there is no lock (getDocumentLock() outside a document). */
function lockWorks(lock: GoogleAppsScript.Lock.Lock | null): boolean | null {
  if (!lock) return null;
  if (!lock.tryLock(LOCK_PROBE_MS)) return false;
  lock.releaseLock();
  return true;
}

/** A sheet's SHEET protection as found (the editors' list throws for someone not among them). */
function protectionOf(sheet: Sheet | null): SheetProtection['found'] {
  if (!sheet) return 'missing';
  const p = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  if (!p) return 'none';
  try {
    const editors = p.getEditors().map((u) => u.getEmail() || '');
    return { warningOnly: p.isWarningOnly(), domainEdit: p.canDomainEdit(), editors };
  } catch {
    return 'hidden';
  }
}

/** 5. Every Summit Planner sheet against editorsOf() for the roles in effect; the owner and the current user may be listed or not. */
function protections(ss: Spreadsheet, who: SelfTestAuthority, owner: string): SelfTestCheck {
  const settings = who.settings;
  if (!settings) throw new UserError(notSetUpMsg());
  const sheets = (Object.keys(SHEETS) as SheetKey[]).map((key): SheetProtection => ({
    sheet: SHEETS[key], want: editorsOf(key, settings), found: protectionOf(ss.getSheetByName(SHEETS[key])),
  }));
  return protectionsCheck(sheets, [owner, who.email]);
}

/** 7. The signed admin link to the web app's own checks (creates the RSVP key and records the workbook's tag if needed). */
function signedLink(url: string | null, now: Date): string | null {
  if (!url || !/\/exec$/.test(url)) return null;
  const secret = rsvpSecret();
  return selfTestUrl(url, secret, workbookTagOf(secret), now.getTime() + SELF_TEST_VALIDITY_MS);
}

/** Every check, in order. The caller is an administrator (refused otherwise, before any probe). */
export function selfTest(ports: Env['ports']): SelfTestView {
  const who = selfTestAuthority(ports);
  const ss = ports.workbook.spreadsheet();
  const owner = ports.workbook.owner();
  const url = ScriptApp.getService().getUrl() || null;
  let link: string | null = null;
  const checks = [
    guard('timeZone', () => zoneCheck(ss.getSpreadsheetTimeZone(), Session.getScriptTimeZone())),
    guard('locale', () => localeCheck(ss.getSpreadsheetLocale())),
    guard('user', () => userCheck(Session.getActiveUser().getEmail() || '', Session.getEffectiveUser().getEmail() || '')),
    guard('locks', () => lockCheck(lockWorks(LockService.getScriptLock()) === true, lockWorks(LockService.getDocumentLock()))),
    guard('protections', () => protections(ss, who, owner)),
    guard('webApp', () => webAppCheck(url)),
    guard('webAppLink', () => linkCheck((link = signedLink(url, ports.clock.now())))),
    guard('mailQuota', () => quotaCheck(ports.mailer.remainingDailyQuota(), approvedWaiting(who.journal))),
    guard('log', () => { const s = logStatus(ports, who.journal); return logCheck(s.report, s.anchored); }),
    guard('owner', () => ownerCheck(owner)),
  ];
  return { user: who.email, checks, link };
}

/** getSelfTest(): administrators only (the refusal names who may). */
export const getSelfTest = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => selfTest(ports));

// --- The web app's page behind the signed link -----------------------------------------

/** Runs one of the web app's probes; a throw is "not OK" (logged for the executions list, never shown). */
function probe(id: WebAppCheckId, check: () => boolean): WebAppCheck {
  try {
    return { id, ok: check() };
  } catch (e) {
    console.error(`selftest ${id}: ${e instanceof Error ? e.message : String(e)}`);
    return { id, ok: false };
  }
}

/** The deployer (the web app writes answers as them) may edit Gäster and Logg. */
function deployerMayEdit(ss: Spreadsheet, owner: string): boolean {
  const me = (Session.getEffectiveUser().getEmail() || '').trim().toLowerCase();
  if (me && me === owner) return true;
  return [SHEETS.guests, SHEETS.log].every((name) => {
    const sheet = ss.getSheetByName(name);
    if (!sheet) return false;
    const p = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
    return mayEdit(me, owner, p ? { warningOnly: p.isWarningOnly(), editors: p.getEditors().map((u) => u.getEmail() || '') } : 'none');
  });
}

/** The web app's checks, as the deployer, on the workbook recorded for the link's tag. */
function webAppChecks(fileId: string | null): WebAppCheck[] {
  const ports = fileId ? gasPorts(fileId) : null;
  let ss: Spreadsheet | null = null;
  const opened = (): Spreadsheet => {
    if (!ss) throw new Error('the workbook did not open');
    return ss;
  };
  return [
    probe('open', () => !!ports && !!(ss = ports.workbook.spreadsheet())),
    probe('sheets', () => [SHEETS.guests, SHEETS.log].every((n) => (opened().getSheetByName(n)?.getLastRow() ?? 0) >= 1)),
    probe('anchor', () => !!ports && new Journal(ports).anchor() !== null),
    probe('lock', () => lockWorks(LockService.getScriptLock()) === true),
    probe('deployer', () => !!ports && deployerMayEdit(opened(), ports.workbook.owner())),
  ];
}

/**
 * doGet with `selftest`: the page for `?selftest=<expiry ms>&w=<tag>&t=<token>[&lang=en]`,
 * or null when the link doesn't verify or has expired (the caller then gives the RSVP
 * page's neutral answer and nothing else).
 */
export function webAppSelfTest(p: Readonly<Record<string, string>>): GoogleAppsScript.HTML.HtmlOutput | null {
  const props = PropertiesService.getScriptProperties();
  const tag = p.w ?? '';
  if (!verifySelfTestToken(props.getProperty(RSVP_SECRET_KEY) ?? '', tag, p.selftest ?? '', p.t ?? '', gasClock.now().getTime())) return null;
  const lang: Lang = langFromLocale(p.lang);
  const checks = webAppChecks(props.getProperty(WORKBOOK_PREFIX + tag));
  return HtmlService.createHtmlOutput(webAppSelfTestHtml(lang, checks)).setTitle(webAppSelfTestTitle(lang))
    .addMetaTag('viewport', 'width=device-width, initial-scale=1');
}
