/**
 * How each UI language writes money, percentages and dates, without Intl (Apps Script's V8 and
 * Node may disagree about locale data). Only pure string functions with no imports, so every
 * module, the message catalogue (src/core/i18n.ts) included, can use them without an import cycle.
 */
import type { Ore } from './money';
import type { Lang } from './msg';

const NBSP = '\u00a0';

/**
 * An amount without its unit, as a form field shows it for editing: "210 000,00" (non-breaking
 * spaces), in English "210,000.00". parseMoney reads it back in the same language.
 */
export function formatAmount(ore: Ore, en = false): string {
  const abs = Math.abs(Math.trunc(ore));
  const kr = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, en ? ',' : NBSP);
  const dec = (abs % 100).toString().padStart(2, '0');
  return en ? `${ore < 0 ? '-' : ''}${kr}.${dec}` : `${ore < 0 ? '\u2212' : ''}${kr},${dec}`;
}

/** "800 000,00 kr" (non-breaking spaces, as Swedish typography wants), or in English "800,000.00 SEK". */
export function formatMoney(ore: Ore, en = false): string {
  return en ? `${formatAmount(ore, true)} SEK` : `${formatAmount(ore)}${NBSP}kr`;
}
/**
 * A percentage as each language writes it, everywhere the same way: at most one decimal (none when
 * it is whole), Swedish "48,9 %" and "90 %" with a non-breaking space (Språkrådet's rule), English
 * "48.9%" and "90%". Infinite (a share of nothing) is "∞".
 */
export function formatPercent(p: number, en = false): string {
  if (!Number.isFinite(p)) return '∞';
  const r = Math.round(p * 10) / 10;
  const digits = Number.isInteger(r) ? String(r) : r.toFixed(1);
  return en ? `${digits}%` : `${digits.replace('.', ',').replace('-', '\u2212')}${NBSP}%`;
}

/** How each language writes a day and a time of day (the one place these differ between the two). */
const DATES: { readonly [L in Lang]: { readonly months: string; readonly weekdays: string; readonly at: (day: string, hm: string) => string } } = {
  sv: {
    months: 'januari februari mars april maj juni juli augusti september oktober november december',
    weekdays: 'sön mån tis ons tors fre lör', at: (day, hm) => `${day} kl. ${hm}`,
  },
  en: {
    months: 'January February March April May June July August September October November December',
    weekdays: 'Sun Mon Tue Wed Thu Fri Sat', at: (day, hm) => `${day}, ${hm}`,
  },
};

/** "2009-12-08" → "8 december 2009" (sv) / "8 December 2009" (en); '' for anything that is not a date. */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return '';
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return '';
  return `${d} ${DATES[lang].months.split(' ')[mo - 1]} ${y}`;
}

/** "2009-12-08" → "tis 8 december 2009" / "Tue 8 December 2009" (a programme's days); '' for anything that is not a date. */
export function formatDay(iso: string, lang: Lang): string {
  const date = formatDate(iso, lang);
  if (!date) return '';
  const [y, m, d] = iso.trim().split('-').map(Number);
  return `${DATES[lang].weekdays.split(' ')[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${date}`;
}

/**
 * An instant (ISO, UTC) as Stockholm's wall clock, the event's time zone, whatever the reader's machine says:
 * "4 december 2026 kl. 18:00" / "4 December 2026, 18:00"; the input unchanged when it is not an instant.
 * CET, CEST from the last Sunday of March to the last Sunday of October, 01:00 UTC (EU rule, Directive
 * 2000/84/EC), computed here because Apps Script's V8 and the sidebars' browsers may lack the zone data.
 */
export function formatDateTime(iso: string, lang: Lang): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const y = new Date(t).getUTCFullYear();
  const lastSunday = (month: number) => { const end = new Date(Date.UTC(y, month + 1, 0)); return Date.UTC(y, month, end.getUTCDate() - end.getUTCDay(), 1); };
  const summer = t >= lastSunday(2) && t < lastSunday(9);
  const local = new Date(t + (summer ? 2 : 1) * 3_600_000).toISOString();
  return DATES[lang].at(formatDate(local.slice(0, 10), lang), local.slice(11, 16));
}
