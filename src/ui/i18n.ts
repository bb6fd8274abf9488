/** Sidebar texts. Swedish first; English when the user's locale is English. */
import { formatOre, formatOreEn } from '../core/money';

const sv = {
  loading: 'Hämtar budgeten …',
  refresh: 'Uppdatera',
  total: 'Totalbudget',
  allocated: 'Fördelat',
  consumed: 'Förbrukat',
  available: 'Kvar',
  planned: 'Planerat',
  committed: 'Beställt',
  actual: 'Fakturerat/betalt',
  allocation: 'Tilldelning',
  used: (p: string) => `${p} förbrukat`,
  barLabel: (f: string) => `Förbrukning för ${f}`,
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
  consumed: 'Consumed',
  available: 'Available',
  planned: 'Planned',
  committed: 'Ordered',
  actual: 'Invoiced/paid',
  allocation: 'Allocation',
  used: (p: string) => `${p} used`,
  barLabel: (f: string) => `Consumption for ${f}`,
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
export const money = (lang: 'sv' | 'en', ore: number): string => (lang === 'en' ? formatOreEn(ore) : formatOre(ore));
export const percent = (lang: 'sv' | 'en', p: number): string =>
  Number.isFinite(p) ? `${lang === 'en' ? p.toFixed(1) : p.toFixed(1).replace('.', ',')}\u00a0%` : '∞';
