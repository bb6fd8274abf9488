/**
 * The language layer: every user-facing text is an entry of the message catalogue (src/core/messages/),
 * written once per language side by side, so a missing translation, key or parameter does not compile.
 * An entry is a function of typed parameters that returns a Msg, both languages already formatted the
 * way each writes money, percentages, dates, counts and lists (the Fmt it is given). The one place a
 * language is picked is where a reply is produced for a user (`text`, src/gas/api.ts and the pages).
 *
 *   overspent: (name: string, short: Ore) => both(
 *     (f) => `${name} saknar ${f.money(short)}.`,
 *     (f) => `${name} is short by ${f.money(short)}.`),
 *
 * Entries are functions, so nothing is formatted at load: the Apps Script bundle is evaluated on every
 * cell edit and pays only for the object literal.
 */
import { formatAmount, formatDate, formatDateTime, formatDay, formatMoney, formatPercent } from './format';
import type { Ore } from './money';
import type { Lang, Msg } from './msg';

/** How one language writes what a message says. */
export interface Fmt {
  readonly lang: Lang;
  /** "12 000,50 kr" / "12,000.50 SEK". */
  money(ore: Ore): string;
  /** An amount as a field shows it: "12 000,50" / "12,000.50". */
  amount(ore: Ore): string;
  /** "48,9 %" / "48.9%". */
  percent(p: number): string;
  /** "2009-12-08" → "8 december 2009" / "8 December 2009". */
  date(iso: string): string;
  /** An instant as Stockholm's wall clock: "4 december 2026 kl. 18:00" / "4 December 2026, 18:00". */
  dateTime(iso: string): string;
  /** A date with its weekday: "tis 8 december 2009" / "Tue 8 December 2009". */
  day(iso: string): string;
  /** A whole number with grouped thousands: "12 000" / "12,000". */
  num(n: number): string;
  /** The word for n: plural(1, 'gäst', 'gäster') is "gäst", plural(2, …) "gäster" (both languages have one/other). */
  plural(n: number, one: string, other: string): string;
  /** The number and its word: count(1, 'blockerad', 'blockerade') is "1 blockerad", count(3, …) "3 blockerade". */
  count(n: number, one: string, other: string): string;
  /** "a, b och c" / "a, b and c". */
  list(items: readonly string[]): string;
  /** A message inside a message, in this language. */
  m(x: Msg): string;
}

const NBSP = '\u00a0';

function fmt(lang: Lang): Fmt {
  const en = lang === 'en';
  const num = (n: number): string => {
    const s = Math.abs(Math.trunc(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, en ? ',' : NBSP);
    return n < 0 ? `${en ? '-' : '\u2212'}${s}` : s;
  };
  const plural = (n: number, one: string, other: string): string => (n === 1 ? one : other);
  return {
    lang,
    money: (ore) => formatMoney(ore, en),
    amount: (ore) => formatAmount(ore, en),
    percent: (p) => formatPercent(p, en),
    date: (iso) => formatDate(iso, lang),
    dateTime: (iso) => formatDateTime(iso, lang),
    day: (iso) => formatDay(iso, lang),
    num,
    plural,
    count: (n, one, other) => `${num(n)} ${plural(n, one, other)}`,
    list: (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${en ? 'and' : 'och'} ${items[items.length - 1]}`),
    m: (x) => x[lang],
  };
}

let cache: { sv: Fmt; en: Fmt } | null = null;
/** The formatter of a language (built on first use, not at load). */
export const fmtFor = (lang: Lang): Fmt => (cache ??= { sv: fmt('sv'), en: fmt('en') })[lang];

/** A message in both languages, each written by its own function with its language's formatter. Swedish first. */
export const both = (sv: (f: Fmt) => string, en: (f: Fmt) => string): Msg => ({ sv: sv(fmtFor('sv')), en: en(fmtFor('en')) });

/** A catalogue module: entries, and groups of entries (a form's field labels) one level down. */
export interface Catalogue { readonly [k: string]: ((...a: never[]) => Msg) | { readonly [k: string]: (...a: never[]) => Msg } }

/**
 * A catalogue in one language: what a page holds once it knows its reader's language (the one place a page
 * picks it). An entry without parameters becomes its text; one with parameters a function to the text; a
 * group the same, one level down.
 */
export type InLang<C> = {
  readonly [K in keyof C]: C[K] extends () => Msg ? string
    : C[K] extends (...a: infer A) => Msg ? (...a: A) => string
      : C[K] extends { readonly [k: string]: (...a: never[]) => Msg } ? InLang<C[K]> : never;
};

/** The entries of a catalogue module in `lang` (see InLang). */
export function inLang<C extends Catalogue>(c: C, lang: Lang): InLang<C> {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(c)) {
    if (typeof f !== 'function') out[k] = inLang(f, lang);
    else out[k] = f.length === 0 ? (f as () => Msg)()[lang] : (...a: never[]) => f(...a)[lang];
  }
  return out as InLang<C>;
}

/**
 * A stored value's name in each language from a table typed by the value's union (so every value has both
 * names), or the value itself where the table has none (a value typed into the sheet by hand).
 */
export const nameOf = <T extends string>(table: { readonly [K in T]: Msg }, v: string): Msg =>
  (Object.prototype.hasOwnProperty.call(table, v) ? (table as Readonly<Record<string, Msg>>)[v] : { sv: v, en: v });

/** A message with no parameters: the two texts as they are. */
export const fixed = (sv: string, en: string): Msg => ({ sv, en });

/** Messages side by side: "A B" in each language (an empty part leaves no double space). */
export const join = (parts: readonly (Msg | null | undefined)[], sep = ' '): Msg => {
  const ps = parts.filter((p): p is Msg => !!p);
  const j = (l: Lang) => ps.map((p) => p[l]).filter((s) => s !== '').join(sep);
  return { sv: j('sv'), en: j('en') };
};

/** "Label: message" in each language (a field's name before what is wrong with it). */
export const labelled = (label: Msg | string, m: Msg): Msg => (typeof label === 'string'
  ? { sv: `${label}: ${m.sv}`, en: `${label}: ${m.en}` }
  : { sv: `${label.sv}: ${m.sv}`, en: `${label.en}: ${m.en}` });
