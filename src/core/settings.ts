/**
 * Settings live as key/value rows on two sheets, split by who may change
 * them, so each sheet can be protected for its own editors:
 *  - `Inställningar` (administrators: the owner and named administrators):
 *    roles, the cap, the total budget, the warning threshold, the log's
 *    anchor address and the privacy notice;
 *  - `Evenemang` (the project leader): the event's name, dates, place,
 *    answer deadline, sender, reply address and parts.
 * Every value the seed gives is a default here, not a constant in code.
 */
import { cellText } from './budget';
import { fromNumber, parseMoney, type Ore } from './money';
import type { Msg } from './msg';
import { settingsMsg } from './messages/settings';

export type Role = 'styrgrupp' | 'projektledare' | 'ekonomi';
export const ROLES: readonly Role[] = ['styrgrupp', 'projektledare', 'ekonomi'];

/** Which sheet a setting lives on. */
export type SettingsSheet = 'settings' | 'event';

/** [key, default, description, sheet] of one settings row. */
export type SettingDef = readonly [key: string, value: string | number, description: string, sheet: SettingsSheet];

export const SETTING_KEYS = {
  eventName: 'Evenemang',
  startDate: 'Startdatum',
  endDate: 'Slutdatum',
  venue: 'Plats',
  rsvpDeadline: 'Sista svarsdag',
  timeZone: 'Tidszon',
  senderName: 'Avsändarnamn',
  replyTo: 'Svarsadress',
  events: 'Evenemangsdelar',
  totalBudget: 'Totalbudget',
  warnPercent: 'Varningsgräns (%)',
  inviteCap: 'Max antal inbjudna',
  admins: 'Administratörer',
  steering: 'Styrgrupp',
  projectLeader: 'Projektledare',
  finance: 'Ekonomi',
  registrar: 'Registrator',
  controller: 'Personuppgiftsansvarig',
  dpo: 'Dataskyddsombud',
  purpose: 'Ändamål',
  legalBasis: 'Rättslig grund',
  retentionMonths: 'Lagringstid (månader)',
} as const;

/** The role keys on Inställningar, by role. */
export const ROLE_KEYS: Readonly<Record<Role, string>> = {
  styrgrupp: SETTING_KEYS.steering, projektledare: SETTING_KEYS.projectLeader, ekonomi: SETTING_KEYS.finance,
};

let defs: readonly SettingDef[] | undefined;
/** The rows set-up writes, in order (built on first use: nothing runs at global scope). */
export const settingDefs = (): readonly SettingDef[] => (defs ??= [
  [SETTING_KEYS.eventName, 'Public Services Summit 2009', 'Evenemangets namn (används i inbjudningar).', 'event'],
  [SETTING_KEYS.startDate, '2009-12-08', 'Första dagen (ÅÅÅÅ-MM-DD).', 'event'],
  [SETTING_KEYS.endDate, '2009-12-09', 'Sista dagen (ÅÅÅÅ-MM-DD).', 'event'],
  [SETTING_KEYS.venue, 'Stockholm', 'Plats.', 'event'],
  [SETTING_KEYS.rsvpDeadline, '2009-11-20', 'Sista dag för gästernas svar (ÅÅÅÅ-MM-DD).', 'event'],
  [SETTING_KEYS.timeZone, 'Europe/Stockholm', 'Tidszon för datum och kalenderfiler.', 'event'],
  [SETTING_KEYS.senderName, 'Stockholms stad – Public Services Summit', 'Avsändarnamn i inbjudningarna.', 'event'],
  [SETTING_KEYS.replyTo, '', 'Svarsadress (Reply-To) i inbjudningarna.', 'event'],
  [SETTING_KEYS.events, 'konferensen; representationsmiddagen; studiebesök', 'Delar av evenemanget som gäster kan bjudas in till, åtskilda med semikolon.', 'event'],
  [SETTING_KEYS.totalBudget, 800000, 'Stadens totala budget i kronor. Fördelningen per finansiär finns på bladet Budget.', 'settings'],
  [SETTING_KEYS.warnPercent, 90, 'Varning när en finansiär har förbrukat så här stor andel (procent).', 'settings'],
  [SETTING_KEYS.inviteCap, 30, 'Högsta antal godkända/inbjudna gäster (styrgruppens beslut).', 'settings'],
  [SETTING_KEYS.admins, '', 'Administratörer (utöver kalkylarkets ägare): ändrar roller och dessa inställningar.', 'settings'],
  [SETTING_KEYS.steering, '', 'Styrgruppens e-postadresser, åtskilda med komma.', 'settings'],
  [SETTING_KEYS.projectLeader, '', 'Projektledarens e-postadress(er).', 'settings'],
  [SETTING_KEYS.finance, '', 'Ekonomipersonalens e-postadresser, åtskilda med komma.', 'settings'],
  [SETTING_KEYS.registrar, '', 'Adress som får loggens ankare per e-post (högst en gång per dag), t.ex. registraturen.', 'settings'],
  [SETTING_KEYS.controller, 'Kommunstyrelsen, Stockholms stad', 'Personuppgiftsansvarig (visas på svarssidan).', 'settings'],
  [SETTING_KEYS.dpo, '', 'Kontakt till dataskyddsombudet (visas på svarssidan).', 'settings'],
  [SETTING_KEYS.purpose, '', 'Ändamål med personuppgifterna; tomt = standardtexten.', 'settings'],
  [SETTING_KEYS.legalBasis, '', 'Rättslig grund; tomt = standardtexten.', 'settings'],
  [SETTING_KEYS.retentionMonths, 3, 'Antal månader efter sista dagen som kontaktuppgifter och kostuppgifter sparas.', 'settings'],
]);

/** The definition of `key` (one of SETTING_KEYS). */
export const settingDef = (key: string): SettingDef => settingDefs().find((d) => d[0] === key)!;
/**
 * The definitions of one sheet, as offered and written. Evenemangsdelar (the
 * old free-text parts) is left out: Program replaced it, and set-up carries a
 * workbook's value over to items (src/app/setup.ts); its definition stays for
 * reading a workbook set-up has not yet carried over.
 */
export const settingDefsOf = (sheet: SettingsSheet): SettingDef[] => settingDefs().filter((d) => d[3] === sheet && d[0] !== SETTING_KEYS.events);

/** Inställningar, parsed (administrators' part). */
export interface AdminSettings {
  readonly totalBudget: Ore;
  readonly warnPercent: number;
  readonly inviteCap: number;
  readonly admins: readonly string[];
  readonly roles: Readonly<Record<Role, readonly string[]>>;
  readonly registrar: string;
  readonly controller: string;
  readonly dpo: string;
  readonly purpose: string;
  readonly legalBasis: string;
  readonly retentionMonths: number;
}

/** Evenemang, parsed (the project leader's part). */
export interface EventSettings {
  readonly eventName: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly venue: string;
  readonly rsvpDeadline: string;
  readonly timeZone: string;
  readonly senderName: string;
  readonly replyTo: string;
  readonly events: readonly string[];
}

export type Settings = AdminSettings & EventSettings;

const splitList = (v: unknown, sep: RegExp): string[] =>
  String(v ?? '').split(sep).map((s) => s.trim()).filter((s) => s !== '');

// Stryker disable next-line Regex: without the + a run of separators gives empty parts, which splitList drops
export const emailsOf = (v: unknown): string[] => splitList(v, /[,;\s]+/).map((e) => e.toLowerCase());

/** Key → value, keys trimmed and case-insensitive; blank values fall back to the default. */
function lookup(rows: readonly (readonly unknown[])[]): (key: string) => unknown {
  const map = new Map<string, unknown>();
  for (const r of rows) {
    // Stryker disable next-line StringLiteral: a row without a key stored under any other name is never asked for
    const k = String(r[0] ?? '').trim();
    // Stryker disable next-line ConditionalExpression: likewise under the empty key (no setting has it)
    if (k) map.set(k.toLocaleLowerCase('sv'), r[1]);
  }
  return (key) => {
    const v = map.get(key.toLocaleLowerCase('sv'));
    return v === undefined || v === '' ? settingDef(key)[1] : v;
  };
}

/**
 * Builds AdminSettings from key/value rows. Missing keys take their defaults;
 * invalid values are reported (and the default is not silently used for money).
 */
export function parseAdminSettings(rows: readonly (readonly unknown[])[]): { settings: AdminSettings; problems: Msg[] } {
  const get = lookup(rows);
  const problems: Msg[] = [];
  const str = (key: string) => String(get(key)).trim();
  const moneyRes = typeof get(SETTING_KEYS.totalBudget) === 'number'
    ? fromNumber(get(SETTING_KEYS.totalBudget) as number)
    : parseMoney(String(get(SETTING_KEYS.totalBudget)));
  let totalBudget = 0;
  if (moneyRes.ok) totalBudget = moneyRes.value;
  else problems.push(settingsMsg.totalBudget(moneyRes.error));
  const int = (key: string, min: number, max: number, fallback: number): number => {
    const n = Number(String(get(key)).replace(',', '.'));
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(settingsMsg.invalidValue(key, String(get(key))));
      return fallback;
    }
    return n;
  };
  const settings: AdminSettings = {
    totalBudget,
    warnPercent: int(SETTING_KEYS.warnPercent, 1, 100, 90),
    inviteCap: int(SETTING_KEYS.inviteCap, 0, 10000, 30),
    admins: emailsOf(get(SETTING_KEYS.admins)),
    roles: {
      styrgrupp: emailsOf(get(SETTING_KEYS.steering)),
      projektledare: emailsOf(get(SETTING_KEYS.projectLeader)),
      ekonomi: emailsOf(get(SETTING_KEYS.finance)),
    },
    registrar: str(SETTING_KEYS.registrar),
    controller: str(SETTING_KEYS.controller),
    dpo: str(SETTING_KEYS.dpo),
    purpose: str(SETTING_KEYS.purpose),
    legalBasis: str(SETTING_KEYS.legalBasis),
    retentionMonths: int(SETTING_KEYS.retentionMonths, 0, 120, 3),
  };
  return { settings, problems };
}

/** Builds EventSettings from key/value rows (missing keys take their defaults). */
export function parseEventSettings(rows: readonly (readonly unknown[])[]): EventSettings {
  const get = lookup(rows);
  const str = (key: string) => String(get(key)).trim();
  return {
    eventName: str(SETTING_KEYS.eventName),
    startDate: cellText(get(SETTING_KEYS.startDate)),
    endDate: cellText(get(SETTING_KEYS.endDate)),
    venue: str(SETTING_KEYS.venue),
    rsvpDeadline: cellText(get(SETTING_KEYS.rsvpDeadline)),
    timeZone: str(SETTING_KEYS.timeZone) || 'Europe/Stockholm',
    senderName: str(SETTING_KEYS.senderName),
    replyTo: str(SETTING_KEYS.replyTo),
    events: splitList(get(SETTING_KEYS.events), /;/),
  };
}

export function rolesOf(settings: Pick<AdminSettings, 'roles'>, email: string): Role[] {
  const e = email.trim().toLowerCase();
  if (!e) return [];
  return ROLES.filter((r) => settings.roles[r].includes(e));
}

/** "styrgruppen eller projektledaren" / "the steering group or the project leader". */
export function roleNames(allowed: readonly Role[]): Msg {
  const names = { styrgrupp: settingsMsg.steeringGroup(), projektledare: settingsMsg.projectLeader(), ekonomi: settingsMsg.financeStaff() };
  return settingsMsg.roleNames(allowed.map((r) => names[r]));
}

/** "Only the steering group or finance staff may do this." */
export function roleRequiredMsg(allowed: readonly Role[]): Msg {
  return settingsMsg.roleRequired(roleNames(allowed));
}

export const adminRequiredMsg = (): Msg => settingsMsg.adminRequired();

// ---------------------------------------------------------------------------
// Validation of one value (the settings sidebar and Granska ändringar)

const EMAIL = /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[a-z\u00c0-\uffff]{2,}$/i;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A day that exists: the date read back is the same text (no 31 April, no 29 February 2009, no year 0099 read as 1999). */
const isoOk = (s: string): boolean => {
  const m = ISO.exec(s);
  return m !== null && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === s;
};

/** The role and administrator keys: lists of e-mail addresses. */
export const LIST_KEYS: readonly string[] = [SETTING_KEYS.admins, SETTING_KEYS.steering, SETTING_KEYS.projectLeader, SETTING_KEYS.finance];

/**
 * Why `value` can't be the value of `key` (a message that names the key and
 * the bad part), or null. Unknown keys are refused: a row added by hand with
 * a made-up key is not a setting.
 */
export function settingProblem(key: string, value: unknown): Msg | null {
  const def = settingDefs().find((d) => d[0].toLocaleLowerCase('sv') === key.trim().toLocaleLowerCase('sv'));
  if (!def) return settingsMsg.unknownSetting(key.slice(0, 60));
  const k = def[0];
  const text = cellText(value);
  const bad = (why: Msg): Msg => settingsMsg.settingInvalid(k, why);
  if (text.length > 1000) return bad(settingsMsg.tooLong());
  if (LIST_KEYS.includes(k) || k === SETTING_KEYS.registrar) {
    const wrong = emailsOf(text).filter((e) => !EMAIL.test(e));
    if (wrong.length) return bad(settingsMsg.notAnEmail(wrong[0]));
    if (k === SETTING_KEYS.registrar && emailsOf(text).length > 1) return bad(settingsMsg.oneAddress());
    return null;
  }
  switch (k) {
    case SETTING_KEYS.totalBudget: {
      const r = typeof value === 'number' ? fromNumber(value) : parseMoney(text);
      if (!r.ok) return bad(r.error);
      return r.value > 0 ? null : bad(settingsMsg.notPositive());
    }
    case SETTING_KEYS.warnPercent: case SETTING_KEYS.inviteCap: case SETTING_KEYS.retentionMonths: {
      const [min, max] = k === SETTING_KEYS.warnPercent ? [1, 100] : k === SETTING_KEYS.inviteCap ? [0, 10000] : [0, 120];
      const n = Number(text.replace(',', '.'));
      return Number.isInteger(n) && n >= min && n <= max ? null : bad(settingsMsg.wholeNumber(min, max));
    }
    case SETTING_KEYS.startDate: case SETTING_KEYS.endDate: case SETTING_KEYS.rsvpDeadline:
      return isoOk(text) ? null : bad(settingsMsg.notADate(text.slice(0, 30)));
    case SETTING_KEYS.replyTo:
      return text === '' || EMAIL.test(text) ? null : bad(settingsMsg.notAnEmail(text.slice(0, 60)));
    case SETTING_KEYS.senderName:
      return /[\r\n"<>]/.test(text) ? bad(settingsMsg.senderNameChars()) : null;
    case SETTING_KEYS.eventName:
      return text ? null : bad(settingsMsg.mustNotBeEmpty());
    default:
      return null;
  }
}
