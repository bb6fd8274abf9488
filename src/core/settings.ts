/**
 * Settings live as key/value rows in `Inställningar`. Every value the seed
 * gives is a default here, not a constant in code.
 */
import { cellText } from './budget';
import { fromNumber, parseMoney, type Ore } from './money';
import { msg, type Msg } from './msg';

export type Role = 'styrgrupp' | 'projektledare' | 'ekonomi';

/** [key, default, description] of one row on Inställningar. */
export type SettingDef = readonly [key: string, value: string | number, description: string];

export const SETTING_KEYS = {
  eventName: 'Evenemang',
  startDate: 'Startdatum',
  endDate: 'Slutdatum',
  venue: 'Plats',
  rsvpDeadline: 'Sista svarsdag',
  totalBudget: 'Totalbudget',
  warnPercent: 'Varningsgräns (%)',
  inviteCap: 'Max antal inbjudna',
  timeZone: 'Tidszon',
  senderName: 'Avsändarnamn',
  replyTo: 'Svarsadress',
  events: 'Evenemangsdelar',
  steering: 'Styrgrupp',
  projectLeader: 'Projektledare',
  finance: 'Ekonomi',
} as const;

let defs: readonly SettingDef[] | undefined;
/** The rows set-up writes, in order (built on first use: nothing runs at global scope). */
export const settingDefs = (): readonly SettingDef[] => (defs ??= [
  [SETTING_KEYS.eventName, 'Public Services Summit 2009', 'Evenemangets namn (används i inbjudningar).'],
  [SETTING_KEYS.startDate, '2009-12-08', 'Första dagen (ÅÅÅÅ-MM-DD).'],
  [SETTING_KEYS.endDate, '2009-12-09', 'Sista dagen (ÅÅÅÅ-MM-DD).'],
  [SETTING_KEYS.venue, 'Stockholm', 'Plats.'],
  [SETTING_KEYS.rsvpDeadline, '2009-11-20', 'Sista dag för gästernas svar (ÅÅÅÅ-MM-DD).'],
  [SETTING_KEYS.totalBudget, 800000, 'Stadens totala budget i kronor. Fördelningen per finansiär finns på bladet Budget.'],
  [SETTING_KEYS.warnPercent, 90, 'Varning när en finansiär har förbrukat så här stor andel (procent).'],
  [SETTING_KEYS.inviteCap, 30, 'Högsta antal godkända/inbjudna gäster (styrgruppens beslut).'],
  [SETTING_KEYS.timeZone, 'Europe/Stockholm', 'Tidszon för datum och kalenderfiler.'],
  [SETTING_KEYS.senderName, 'Stockholms stad – Public Services Summit', 'Avsändarnamn i inbjudningarna.'],
  [SETTING_KEYS.replyTo, '', 'Svarsadress (Reply-To) i inbjudningarna.'],
  [SETTING_KEYS.events, 'konferensen; representationsmiddagen; studiebesök', 'Delar av evenemanget som gäster kan bjudas in till, åtskilda med semikolon.'],
  [SETTING_KEYS.steering, '', 'Styrgruppens e-postadresser, åtskilda med komma.'],
  [SETTING_KEYS.projectLeader, '', 'Projektledarens e-postadress(er).'],
  [SETTING_KEYS.finance, '', 'Ekonomipersonalens e-postadresser, åtskilda med komma.'],
]);

/** The definition of `key` (one of SETTING_KEYS). */
export const settingDef = (key: string): SettingDef => settingDefs().find((d) => d[0] === key)!;

export interface Settings {
  readonly eventName: string;
  readonly startDate: string;
  readonly endDate: string;
  readonly venue: string;
  readonly rsvpDeadline: string;
  readonly totalBudget: Ore;
  readonly warnPercent: number;
  readonly inviteCap: number;
  readonly timeZone: string;
  readonly senderName: string;
  readonly replyTo: string;
  readonly events: readonly string[];
  readonly roles: Readonly<Record<Role, readonly string[]>>;
}

const splitList = (v: unknown, sep: RegExp): string[] =>
  String(v ?? '').split(sep).map((s) => s.trim()).filter((s) => s !== '');

export const emailsOf = (v: unknown): string[] => splitList(v, /[,;\s]+/).map((e) => e.toLowerCase());

/**
 * Builds Settings from key/value rows. Missing keys take their defaults;
 * invalid values are reported (and the default is not silently used for money).
 */
export function parseSettings(rows: readonly (readonly unknown[])[]): { settings: Settings; problems: Msg[] } {
  const map = new Map<string, unknown>();
  for (const r of rows) {
    const k = String(r[0] ?? '').trim();
    if (k) map.set(k.toLocaleLowerCase('sv'), r[1]);
  }
  const problems: Msg[] = [];
  const get = (key: string): unknown => {
    const v = map.get(key.toLocaleLowerCase('sv'));
    if (v === undefined || v === '') return settingDefs().find((d) => d[0] === key)?.[1] ?? '';
    return v;
  };
  const str = (key: string) => String(get(key)).trim();
  const moneyRes = typeof get(SETTING_KEYS.totalBudget) === 'number'
    ? fromNumber(get(SETTING_KEYS.totalBudget) as number)
    : parseMoney(String(get(SETTING_KEYS.totalBudget)));
  let totalBudget = 0;
  if (moneyRes.ok) totalBudget = moneyRes.value;
  else problems.push(msg(`Totalbudget: ${moneyRes.error.sv}`, `Total budget: ${moneyRes.error.en}`));
  const int = (key: string, min: number, max: number, fallback: number): number => {
    const n = Number(String(get(key)).replace(',', '.'));
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(msg(`${key}: ogiltigt värde "${String(get(key))}".`, `${key}: invalid value "${String(get(key))}".`));
      return fallback;
    }
    return n;
  };
  const settings: Settings = {
    eventName: str(SETTING_KEYS.eventName),
    startDate: cellText(get(SETTING_KEYS.startDate)),
    endDate: cellText(get(SETTING_KEYS.endDate)),
    venue: str(SETTING_KEYS.venue),
    rsvpDeadline: cellText(get(SETTING_KEYS.rsvpDeadline)),
    totalBudget,
    warnPercent: int(SETTING_KEYS.warnPercent, 1, 100, 90),
    inviteCap: int(SETTING_KEYS.inviteCap, 0, 10000, 30),
    timeZone: str(SETTING_KEYS.timeZone) || 'Europe/Stockholm',
    senderName: str(SETTING_KEYS.senderName),
    replyTo: str(SETTING_KEYS.replyTo),
    events: splitList(get(SETTING_KEYS.events), /;/),
    roles: {
      styrgrupp: emailsOf(get(SETTING_KEYS.steering)),
      projektledare: emailsOf(get(SETTING_KEYS.projectLeader)),
      ekonomi: emailsOf(get(SETTING_KEYS.finance)),
    },
  };
  return { settings, problems };
}

export function rolesOf(settings: Settings, email: string): Role[] {
  const e = email.trim().toLowerCase();
  if (!e) return [];
  return (Object.keys(settings.roles) as Role[]).filter((r) => settings.roles[r].includes(e));
}

/** "Only the steering group or finance staff may do this." */
export function roleRequiredMsg(allowed: readonly Role[]): Msg {
  const names = { styrgrupp: msg('styrgruppen', 'the steering group'), projektledare: msg('projektledaren', 'the project leader'), ekonomi: msg('ekonomipersonalen', 'finance staff') };
  const sv = allowed.map((r) => names[r].sv).join(' eller ');
  const en = allowed.map((r) => names[r].en).join(' or ');
  return msg(
    `Du saknar behörighet: bara ${sv} får göra detta. Roller anges på bladet Inställningar.`,
    `You are not allowed to do this: only ${en} may. Roles are set on the Inställningar sheet.`,
  );
}
