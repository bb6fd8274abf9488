/**
 * Settings live as key/value rows in `Inställningar`. Every value the seed
 * gives is a default here, not a constant in code.
 */
import { fromNumber, parseMoney, type Ore } from './money';
import { msg, type Msg } from './msg';

export type Role = 'styrgrupp' | 'projektledare' | 'ekonomi';

export interface SettingDef {
  readonly key: string;
  readonly default: string | number;
  readonly sv: string;
}

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

export const DEFAULT_FUNDERS = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'] as const;

export const SETTING_DEFS: readonly SettingDef[] = [
  { key: SETTING_KEYS.eventName, default: 'Public Services Summit 2009', sv: 'Evenemangets namn (används i inbjudningar).' },
  { key: SETTING_KEYS.startDate, default: '2009-12-08', sv: 'Första dagen (ÅÅÅÅ-MM-DD).' },
  { key: SETTING_KEYS.endDate, default: '2009-12-09', sv: 'Sista dagen (ÅÅÅÅ-MM-DD).' },
  { key: SETTING_KEYS.venue, default: 'Stockholm', sv: 'Plats.' },
  { key: SETTING_KEYS.rsvpDeadline, default: '2009-11-20', sv: 'Sista dag för gästernas svar (ÅÅÅÅ-MM-DD).' },
  { key: SETTING_KEYS.totalBudget, default: 800000, sv: 'Stadens totala budget i kronor. Fördelningen per finansiär finns på bladet Budget.' },
  { key: SETTING_KEYS.warnPercent, default: 90, sv: 'Varning när en finansiär har förbrukat så här stor andel (procent).' },
  { key: SETTING_KEYS.inviteCap, default: 30, sv: 'Högsta antal godkända/inbjudna gäster (styrgruppens beslut).' },
  { key: SETTING_KEYS.timeZone, default: 'Europe/Stockholm', sv: 'Tidszon för datum och kalenderfiler.' },
  { key: SETTING_KEYS.senderName, default: 'Stockholms stad – Public Services Summit', sv: 'Avsändarnamn i inbjudningarna.' },
  { key: SETTING_KEYS.replyTo, default: '', sv: 'Svarsadress (Reply-To) i inbjudningarna.' },
  { key: SETTING_KEYS.events, default: 'konferensen; representationsmiddagen; studiebesök', sv: 'Delar av evenemanget som gäster kan bjudas in till, åtskilda med semikolon.' },
  { key: SETTING_KEYS.steering, default: '', sv: 'Styrgruppens e-postadresser, åtskilda med komma.' },
  { key: SETTING_KEYS.projectLeader, default: '', sv: 'Projektledarens e-postadress(er).' },
  { key: SETTING_KEYS.finance, default: '', sv: 'Ekonomipersonalens e-postadresser, åtskilda med komma.' },
];

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

const isoDate = (v: unknown): string => {
  if (v instanceof Date) {
    // A date cell: the sheet stores local midnight; take the calendar date as written.
    const y = v.getFullYear(), m = v.getMonth() + 1, d = v.getDate();
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return String(v ?? '').trim();
};

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
    if (v === undefined || v === '') return SETTING_DEFS.find((d) => d.key === key)?.default ?? '';
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
    startDate: isoDate(get(SETTING_KEYS.startDate)),
    endDate: isoDate(get(SETTING_KEYS.endDate)),
    venue: str(SETTING_KEYS.venue),
    rsvpDeadline: isoDate(get(SETTING_KEYS.rsvpDeadline)),
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

export const ROLE_NAMES: Readonly<Record<Role, Msg>> = {
  styrgrupp: msg('styrgruppen', 'the steering group'),
  projektledare: msg('projektledaren', 'the project leader'),
  ekonomi: msg('ekonomipersonalen', 'finance staff'),
};

/** "Only the steering group or finance staff may do this." */
export function roleRequiredMsg(allowed: readonly Role[]): Msg {
  const sv = allowed.map((r) => ROLE_NAMES[r].sv).join(' eller ');
  const en = allowed.map((r) => ROLE_NAMES[r].en).join(' or ');
  return msg(
    `Du saknar behörighet: bara ${sv} får göra detta. Roller anges på bladet Inställningar.`,
    `You are not allowed to do this: only ${en} may. Roles are set on the Inställningar sheet.`,
  );
}
