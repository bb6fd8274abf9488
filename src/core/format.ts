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

/** "2009-12-08" → "8 december 2009" (sv) / "8 December 2009" (en); '' for anything that is not a date. */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!m) return '';
  const y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return '';
  const months = lang === 'sv'
    ? 'januari februari mars april maj juni juli augusti september oktober november december'
    : 'January February March April May June July August September October November December';
  return `${d} ${months.split(' ')[mo - 1]} ${y}`;
}

