/**
 * Money is integer öre (1 kr = 100 öre), kept in a JS number that is always a
 * safe integer. Parsing accepts Swedish and plain forms and refuses anything
 * ambiguous; in English it also takes commas as thousands separators
 * ("1,500.50"), the way an English reader writes them. Formatting is per
 * language and does not depend on Intl (Apps Script's V8 and Node may disagree
 * about locale data).
 */
import { formatMoney } from './format';
import { fail, ok, type Result } from './msg';
import { budgetMsg } from './messages/budget';

export type Ore = number;

/** The largest amount the tool accepts: 1 000 000 000 kr. */
export const MAX_ORE: Ore = 100_000_000_000;

/**
 * Parses "1 234,50", "1234.50", "1 234", "1234", "1 234,5 kr", "0,50".
 * Refuses: negative, non-finite, exponent notation, more than two decimals,
 * mixed or repeated separators ("1.234,50", "1,234.50"), bad digit grouping
 * ("12 34"), and amounts above MAX_ORE.
 *
 * `lang` 'en' is how an English-speaking user types: the comma groups
 * thousands and the point is the decimal separator, so "1,500.50" and
 * "1,500" are 1 500,50 kr and 1 500 kr. A comma that can't be a thousands
 * separator ("1,2.5", "12,50") is refused there with that reason. Without `lang`, Swedish.
 */
export function parseMoney(input: unknown, lang?: 'sv' | 'en'): Result<Ore> {
  if (typeof input === 'number') return fromNumber(input);
  if (typeof input !== 'string') {
    return fail(budgetMsg.amountMissingWrongType());
  }
  // \s* takes the spaces before the unit too: what is left is trimmed.
  let s = input.trim().replace(/\s*(kr|sek|:-)\.?$/i, '');
  if (s === '') return fail(budgetMsg.enterAmount());
  if (/^[-\u2212]/.test(s)) return fail(budgetMsg.amountNegative());
  if (s.startsWith('+')) s = s.slice(1);
  if (/[eE]/.test(s) || /inf|nan/i.test(s)) {
    return fail(budgetMsg.writeAmountDigitsExample());
  }
  if (lang === 'en' && s.includes(',')) {
    // English thousands: "1,500" and "1,500.50"; the groups after the first have three digits, and no spaces mix in.
    const [whole, ...rest] = s.split('.');
    if (rest.length > 1 || !/^\d{1,3}(,\d{3})+$/.test(whole)) {
      return fail(budgetMsg.amountAmbiguousEnglishComma());
    }
    s = [whole.replace(/,/g, ''), ...rest].join('.');
  }
  const seps = s.match(/[.,]/g) ?? [];
  if (seps.length > 1) {
    return fail(budgetMsg.amountAmbiguousUseSpaces());
  }
  const [intRaw, decRaw = ''] = s.split(/[.,]/);
  const groups = intRaw.split(/[\s\u00a0\u202f\u2009]/).filter((g) => g !== '');
  const spaced = groups.length > 1;
  if (intRaw !== '' && groups.length === 0) return fail(budgetMsg.enterAmount());
  if (spaced && (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((g) => !/^\d{3}$/.test(g)))) {
    return fail(budgetMsg.thousandsMustGroupedThrees());
  }
  const intDigits = groups.join('');
  if (!/^\d*$/.test(intDigits) || !/^\d*$/.test(decRaw) || (intDigits === '' && decRaw === '')) {
    return fail(budgetMsg.amountMayOnlyContain());
  }
  if (decRaw.length > 2) {
    return fail(budgetMsg.tooManyDecimalsUseSpaces());
  }
  if (seps.length === 1 && decRaw === '') {
    return fail(budgetMsg.decimalSeparatorMustFollowed());
  }
  // No whole kronor (",50") is '' here, which Number reads as 0; a long string of digits is far above MAX_ORE.
  const kr = intDigits.replace(/^0+(?=\d)/, '');
  const ore = Number(kr) * 100 + Number((decRaw + '00').slice(0, 2));
  return ore > MAX_ORE ? tooLarge() : ok(ore);
}

/**
 * Öre for a well-formed amount of kronor (≥ 0, at most two decimals, ≤ MAX_ORE), else NaN. The hot path for cells.
 * kr × 100 misses a whole number of öre by float error alone by less than 2.3e-14 × kr (two roundings), and a third
 * decimal by at least 0.1 öre: the tolerance, 1e-12 × kr, stays far below that even at MAX_ORE (0.001 öre).
 */
export function quickOre(kr: number): Ore {
  const ore = Math.round(kr * 100);
  return kr >= 0 && ore <= MAX_ORE && Math.abs(ore - kr * 100) <= 1e-12 * Math.max(1, kr) ? ore : NaN;
}

/** Converts a cell or JSON number of kronor (at most two decimals) to öre. */
export function fromNumber(kr: number): Result<Ore> {
  if (!Number.isFinite(kr)) return fail(budgetMsg.amountNotNumber());
  if (kr < 0 || Object.is(kr, -0)) return fail(budgetMsg.amountNegative());
  if (kr > MAX_ORE / 100) return tooLarge();
  const ore = quickOre(kr);
  return Number.isNaN(ore) ? fail(budgetMsg.tooManyDecimals()) : ok(ore);
}

/** Kronor as a cell number (the sheet shows it with a SEK number format). */
export const toKronor = (ore: Ore): number => ore / 100;

export { formatAmount, formatMoney } from './format';
export const formatOre = (ore: Ore): string => formatMoney(ore);
export const formatOreEn = (ore: Ore): string => formatMoney(ore, true);

/** Integer percentage with one decimal, computed without float drift in the inputs. */
export function percentOf(part: Ore, whole: Ore): number {
  if (whole <= 0) return part > 0 ? Infinity : 0;
  return Math.round((part * 1000) / whole) / 10;
}

export { formatPercent } from './format';

function tooLarge(): Result<Ore> {
  return fail(budgetMsg.amountUnreasonablyLargeMost());
}
