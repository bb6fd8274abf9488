/**
 * Texts of the Budgetöversikt sidebar (src/ui/pages/Overview.ts): Swedish and English side by side (see
 * src/core/i18n.ts). What costs take of an allocation (planned + ordered + invoiced/paid) is "Bokat"
 * (booked): "Förbrukat" read as money spent, which planned and ordered costs are not. Översikt's sheet
 * and the Kostnader and Fördela budget sidebars say the same.
 */
import { fixed } from '../i18n';
import type { Msg } from '../msg';

export const overviewPageMsg = {
  loading: (): Msg => fixed('Hämtar budgeten …', 'Loading the budget …'),
  refresh: (): Msg => fixed('Uppdatera', 'Refresh'),
  total: (): Msg => fixed('Totalbudget', 'Total budget'),
  allocated: (): Msg => fixed('Fördelat', 'Allocated'),
  consumed: (): Msg => fixed('Bokat', 'Booked'),
  available: (): Msg => fixed('Kvar', 'Available'),
  planned: (): Msg => fixed('Planerat', 'Planned'),
  committed: (): Msg => fixed('Beställt', 'Ordered'),
  actual: (): Msg => fixed('Fakturerat/betalt', 'Invoiced/paid'),
  allocation: (): Msg => fixed('Tilldelning', 'Allocation'),
  used: (p: string): Msg => fixed(`${p} bokat`, `${p} booked`),
  barLabel: (f: string): Msg => fixed(`Bokat för ${f}`, `Booked for ${f}`),
  warning: (): Msg => fixed('Över varningsgränsen', 'Above the warning threshold'),
  outOfBalance: (): Msg => fixed('Ur balans: nya kostnader spärrade tills felet är rättat', 'Out of balance: new costs blocked until fixed'),
  categories: (): Msg => fixed('Per kategori', 'By category'),
  category: (): Msg => fixed('Kategori', 'Category'),
  funders: (): Msg => fixed('Per finansiär', 'By funder'),
  loaded: (): Msg => fixed('Budgeten är uppdaterad.', 'The budget is up to date.'),
  more: (n: number): Msg => fixed(`… och ${n} till`, `… and ${n} more`),
  user: (u: string, r: string): Msg => fixed(`Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`, `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`),
};
