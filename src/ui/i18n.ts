/**
 * Sidebar texts (Budgetöversikt) and the number formats every sidebar uses. Swedish first; English
 * when the user's locale is English. What costs take of an allocation (planned + ordered + invoiced/
 * paid) is "Bokat" (booked): "Förbrukat" read as money spent, which planned and ordered costs are not.
 * Översikt's sheet and the Kostnader and Fördela budget sidebars say the same.
 */
import { fmtFor } from '../core/i18n';

const sv = {
  loading: 'Hämtar budgeten …',
  refresh: 'Uppdatera',
  total: 'Totalbudget',
  allocated: 'Fördelat',
  consumed: 'Bokat',
  available: 'Kvar',
  planned: 'Planerat',
  committed: 'Beställt',
  actual: 'Fakturerat/betalt',
  allocation: 'Tilldelning',
  used: (p: string) => `${p} bokat`,
  barLabel: (f: string) => `Bokat för ${f}`,
  warning: 'Över varningsgränsen',
  outOfBalance: 'Ur balans: nya kostnader spärrade tills felet är rättat',
  categories: 'Per kategori',
  category: 'Kategori',
  funders: 'Per finansiär',
  loaded: 'Budgeten är uppdaterad.',
  more: (n: number) => `… och ${n} till`,
  user: (u: string, r: string) => `Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`,
};
type Texts = typeof sv;
const en: Texts = {
  loading: 'Loading the budget …',
  refresh: 'Refresh',
  total: 'Total budget',
  allocated: 'Allocated',
  consumed: 'Booked',
  available: 'Available',
  planned: 'Planned',
  committed: 'Ordered',
  actual: 'Invoiced/paid',
  allocation: 'Allocation',
  used: (p: string) => `${p} booked`,
  barLabel: (f: string) => `Booked for ${f}`,
  warning: 'Above the warning threshold',
  outOfBalance: 'Out of balance: new costs blocked until fixed',
  categories: 'By category',
  category: 'Category',
  funders: 'By funder',
  loaded: 'The budget is up to date.',
  more: (n: number) => `… and ${n} more`,
  user: (u: string, r: string) => `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`,
};

export const texts = (lang: 'sv' | 'en'): Texts => (lang === 'en' ? en : sv);
/** "12 000,50 kr" / "12,000.50 SEK". */
export const money = (lang: 'sv' | 'en', ore: number): string => fmtFor(lang).money(ore);
/** An amount as a field shows it for editing: "210 000,00" / "210,000.00" (parseMoney reads it back in that language). */
export const amount = (lang: 'sv' | 'en', ore: number): string => fmtFor(lang).amount(ore);
/** "48,9 %" (no-break space) / "48.9%": the one way a percentage is written (src/core/money.ts). */
export const percent = (lang: 'sv' | 'en', p: number): string => fmtFor(lang).percent(p);
