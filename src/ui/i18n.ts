/**
 * The number formats every sidebar uses, in the page's language: the language layer's formatters
 * (src/core/i18n.ts), so pages and server messages write money and percentages the same way. The
 * sidebars' texts are catalogue entries (src/core/messages/*-page.ts), read through inLang.
 */
import { fmtFor } from '../core/i18n';

/** "12 000,50 kr" / "12,000.50 SEK". */
export const money = (lang: 'sv' | 'en', ore: number): string => fmtFor(lang).money(ore);
/** An amount as a field shows it for editing: "210 000,00" / "210,000.00" (parseMoney reads it back in that language). */
export const amount = (lang: 'sv' | 'en', ore: number): string => fmtFor(lang).amount(ore);
/** "48,9 %" (no-break space) / "48.9%": the one way a percentage is written (src/core/money.ts). */
export const percent = (lang: 'sv' | 'en', p: number): string => fmtFor(lang).percent(p);
