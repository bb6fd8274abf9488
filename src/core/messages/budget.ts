/**
 * Messages of the budget (Kostnader, Fördela budget, Översikt, amounts): Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Ore } from '../money';
import type { Msg } from '../msg';

export const budgetMsg = {
  /** Översikt's verification cell (the sheet is Swedish, so its .sv is written; the English is for a reader of the log or CLI). */
  reviewWaitingNote: (n: number): Msg => both(
    (f) => `⚠ ${f.count(n, 'ändring gjord', 'ändringar gjorda')} utanför Summit Planner väntar på granskning: Tillägg → Summit Planner → Granska ändringar.`,
    (f) => `⚠ ${f.count(n, 'change made', 'changes made')} outside Summit Planner ${f.plural(n, 'waits', 'wait')} for review: Extensions → Summit Planner → Review changes.`),
  amountMissingWrongType: (): Msg => fixed('Beloppet saknas eller har fel typ.', 'The amount is missing or of the wrong type.'),
  enterAmount: (): Msg => fixed('Ange ett belopp.', 'Enter an amount.'),
  amountNegative: (): Msg => fixed('Beloppet får inte vara negativt.', 'The amount must not be negative.'),
  writeAmountDigitsExample: (): Msg => fixed('Skriv beloppet med siffror, till exempel 1 234,50.', 'Write the amount in digits, for example 1,234.50.'),
  amountAmbiguousEnglishComma: (): Msg => fixed('Beloppet är tvetydigt: på engelska grupperar kommatecknet tusental och punkten är decimaltecken, till exempel 1,234.50.', 'The amount is ambiguous: in English the comma groups thousands and the point is the decimal separator, for example 1,234.50.'),
  amountAmbiguousUseSpaces: (): Msg => fixed('Beloppet är tvetydigt: använd mellanslag för tusental och komma för decimaler, till exempel 1 234,50.', 'The amount is ambiguous: use spaces for thousands and a comma or point for decimals, for example 1 234.50.'),
  thousandsMustGroupedThrees: (): Msg => fixed('Tusentalen ska grupperas tre och tre, till exempel 1 234 567.', 'Thousands must be grouped in threes, for example 1 234 567.'),
  amountMayOnlyContain: (): Msg => fixed('Beloppet får bara innehålla siffror, mellanslag och ett decimaltecken.', 'The amount may only contain digits, spaces and one decimal separator.'),
  tooManyDecimalsUseSpaces: (): Msg => fixed('Beloppet får ha högst två decimaler (ören). Använd mellanslag, inte punkt, för tusental.', 'The amount may have at most two decimals. Use spaces, not a point, for thousands.'),
  decimalSeparatorMustFollowed: (): Msg => fixed('Decimaltecknet ska följas av ören, till exempel 12,50.', 'The decimal separator must be followed by digits, for example 12.50.'),
  amountNotNumber: (): Msg => fixed('Beloppet är inte ett tal.', 'The amount is not a number.'),
  tooManyDecimals: (): Msg => fixed('Beloppet får ha högst två decimaler (ören).', 'The amount may have at most two decimals.'),
  amountUnreasonablyLargeMost: (): Msg => fixed('Beloppet är orimligt stort (högst 1 000 000 000 kr).', 'The amount is unreasonably large (at most 1,000,000,000 SEK).'),
  funder: (): Msg => fixed('Finansiär', 'Funder'),
  category: (): Msg => fixed('Kategori', 'Category'),
  description: (): Msg => fixed('Beskrivning', 'Description'),
  date: (): Msg => fixed('Datum', 'Date'),
  supplier: (): Msg => fixed('Leverantör', 'Supplier'),
  reference: (): Msg => fixed('Referens', 'Reference'),
  status: (): Msg => fixed('Status', 'Status'),
  id: (): Msg => fixed('ID', 'ID'),
  programItem: (): Msg => fixed('Programpunkt', 'Programme item'),
  itemNotAnId: (typed: string): Msg => fixed(
    `Programpunkt: "${typed.slice(0, 20)}" är inget ID för en programpunkt (som P-003); välj en punkt ur listan eller lämna fältet tomt.`,
    `Programme item: "${typed.slice(0, 20)}" is not a programme item ID (like P-003); choose an item from the list or leave the field empty.`),
  itemMissing: (id: string): Msg => fixed(
    `Programpunkt: ${id} finns inte i Program (borttagen, eller aldrig sparad av Summit Planner). Välj en befintlig punkt eller lämna fältet tomt.`,
    `Programme item: ${id} is not in Program (deleted, or never saved by Summit Planner). Choose an existing item or leave the field empty.`),
  from: (): Msg => fixed('Från', 'From'),
  to: (): Msg => fixed('Till', 'To'),
  decisionReference: (): Msg => fixed('Beslutsreferens', 'Decision reference'),
  comment: (): Msg => fixed('Kommentar', 'Comment'),
  allocations: (): Msg => fixed('Tilldelningar', 'Allocations'),
  dataMissingMalformed: (): Msg => fixed('Uppgifterna saknas eller har fel form.', 'The data is missing or malformed.'),
  tooLongMostCharacters: (field: Msg, max: string): Msg => both(
    (f) => `${f.m(field)}: för lång text (högst ${max} tecken).`,
    (f) => `${f.m(field)}: too long (at most ${max} characters).`),
  fillField: (field: Msg): Msg => both(
    (f) => `${f.m(field)}: fyll i fältet.`,
    (f) => `${f.m(field)}: fill in the field.`),
  missingWrongType: (field: Msg): Msg => both(
    (f) => `${f.m(field)}: saknas eller har fel typ.`,
    (f) => `${f.m(field)}: missing or of the wrong type.`),
  amount: (): Msg => fixed('Belopp', 'Amount'),
  totalBudget: (): Msg => fixed('Totalbudget', 'Total budget'),
  amountNotPositive: (field: Msg): Msg => both(
    (f) => `${f.m(field)}: beloppet måste vara större än 0.`,
    (f) => `${f.m(field)}: the amount must be greater than 0.`),
  unknownStatus: (raw: string, allowed: readonly string[]): Msg => fixed(
    `Status: okänd status "${raw}" (tillåtna: ${allowed.join(', ')}).`,
    `Status: unknown status "${raw}" (allowed: ${allowed.join(', ')}).`),
  unknownCategory: (category: string, allowed: readonly string[]): Msg => fixed(
    `Kategori: okänd kategori "${category}" (tillåtna: ${allowed.join(', ')}).`,
    `Category: unknown category "${category}" (allowed: ${allowed.join(', ')}).`),
  dateNotValidDate: (date: string): Msg => fixed(
    `Datum: "${date}" är inget giltigt datum (ÅÅÅÅ-MM-DD).`,
    `Date: "${date}" is not a valid date (YYYY-MM-DD).`),
  newCostCancelled: (): Msg => fixed('Status: en ny kostnad kan inte vara makulerad.', 'Status: a new cost cannot be cancelled.'),
  giveStatusOrAmount: (): Msg => fixed('Ange ny status eller nytt belopp.', 'Give a new status or a new amount.'),
  amountMissing: (): Msg => fixed('belopp saknas', 'amount missing'),
  budgetAllocationWithoutFunder: (sheetRow: number): Msg => fixed(
    `Budget rad ${sheetRow}: tilldelning utan finansiär.`,
    `Budget row ${sheetRow}: allocation without a funder.`),
  budgetFunderAppearsMore: (sheetRow: number, name: string): Msg => fixed(
    `Budget rad ${sheetRow}: finansiären "${name}" finns redan på en tidigare rad.`,
    `Budget row ${sheetRow}: the funder "${name}" appears more than once.`),
  allocationText: (): Msg => fixed('tilldelningen är text', 'the allocation is text'),
  budgetInvalidAllocation: (sheetRow: number, name: string, why: Msg): Msg => both(
    (f) => `Budget rad ${sheetRow}: ogiltig tilldelning för ${name} (${f.m(why)}).`,
    (f) => `Budget row ${sheetRow}: invalid allocation for ${name} (${f.m(why)}).`),
  budgetInvalidWarningThreshold: (sheetRow: number, name: string, warnPercent: number): Msg => both(
    (f) => `Budget rad ${sheetRow}: ogiltig varningsgräns för ${name}; ${f.percent(warnPercent)} används.`,
    (f) => `Budget row ${sheetRow}: invalid warning threshold for ${name}; ${f.percent(warnPercent)} is used.`),
  overspent: (name: string, consumed: Ore, allocation: Ore, over: Ore): Msg => both(
    (f) => `${name} är överskriden: bokat ${f.money(consumed)} av ${f.money(allocation)} (${f.money(over)} för mycket).`,
    (f) => `${name} is overspent: ${f.money(consumed)} booked of ${f.money(allocation)} (${f.money(over)} too much).`),
  amountsUnreasonablyLarge: (): Msg => fixed('Beloppen är orimligt stora.', 'The amounts are unreasonably large.'),
  budgetNoFunders: (): Msg => fixed('Bladet Budget har inga finansiärer.', 'The Budget sheet has no funders.'),
  allocationsOffTotalSheet: (allocated: Ore, total: Ore): Msg => both(
    (f) => `Tilldelningarna på bladet Budget summerar till ${f.money(allocated)} men totalbudgeten är ${f.money(total)}.`,
    (f) => `The allocations on the Budget sheet add up to ${f.money(allocated)} but the total budget is ${f.money(total)}.`),
  budgetErrorsSeeProblem: (): Msg => fixed('Bladet Budget har fel (se problemlistan).', 'The Budget sheet has errors (see the problem list).'),
  costDoesNotFit: (name: string, left: Ore, grew: Ore, short: Ore): Msg => both(
    (f) => `Kostnaden ryms inte: ${name} har ${f.money(left)} kvar, kostnaden är ${f.money(grew)}. Saknas ${f.money(short)}.`,
    (f) => `The cost does not fit: ${name} has ${f.money(left)} left, the cost is ${f.money(grew)}. Short by ${f.money(short)}.`),
  changeDoesNotFit: (name: string, left: Ore, grew: Ore, short: Ore): Msg => both(
    (f) => `Ändringen ryms inte: ${name} har ${f.money(left)} kvar, ändringen bokar ${f.money(grew)} till. Saknas ${f.money(short)}.`,
    (f) => `The change does not fit: ${name} has ${f.money(left)} left, the change books ${f.money(grew)} more. Short by ${f.money(short)}.`),
  transferMustBetweenTwo: (): Msg => fixed('Omfördelningen måste gå mellan två olika finansiärer.', 'A transfer must be between two different funders.'),
  transferRefusedWhatBooked: (name: string): Msg => fixed(
    `Omfördelningen går inte: det bokade för ${name} är osäkert eftersom bladet Kostnader har fel. Rätta felen först.`,
    `The transfer is refused: what is booked to ${name} is uncertain because the Kostnader sheet has errors. Fix them first.`),
  transferRefusedAllocationBooked: (name: string, allocation: Ore, consumed: Ore, most: Ore, amount: Ore): Msg => both(
    (f) => `Omfördelningen går inte: ${name} har tilldelning ${f.money(allocation)} och har bokat ${f.money(consumed)}; högst ${f.money(most)} kan flyttas, du försökte flytta ${f.money(amount)}.`,
    (f) => `The transfer is refused: ${name} has an allocation of ${f.money(allocation)} and has booked ${f.money(consumed)}; at most ${f.money(most)} can be moved, you tried ${f.money(amount)}.`),
  cannotGetFunderAlready: (name: string, next: Ore, consumed: Ore): Msg => both(
    (f) => `${name} kan inte få ${f.money(next)}: finansiären har redan bokat ${f.money(consumed)}.`,
    (f) => `${name} cannot get ${f.money(next)}: the funder has already booked ${f.money(consumed)}.`),
  allocationCannotBeLowered: (name: string): Msg => fixed(
    `${name} kan inte få lägre tilldelning nu: det bokade är osäkert eftersom bladet Kostnader har fel. Rätta felen först.`,
    `${name}'s allocation cannot be lowered now: what is booked to it is uncertain because the Kostnader sheet has errors. Fix them first.`),
  giveFunderExampleSummit: (): Msg => fixed('Ange en finansiär, till exempel SUMMIT_AVAILABLE("STOKAB").', 'Give a funder, for example SUMMIT_AVAILABLE("STOKAB").'),
  budgetBalance: (): Msg => fixed('Budgeten är i balans.', 'The budget is in balance.'),
  incomplete: (): Msg => fixed('raden är ofullständig.', 'the row is incomplete.'),
  lockBusy: (): Msg => fixed('Någon annan sparar i arbetsboken just nu. Inget har ändrats; försök igen om en stund.', 'Someone else is saving in the workbook right now. Nothing was changed; try again in a moment.'),
  blockedUntilChangeMade: (funder: string): Msg => fixed(
    `${funder} är spärrad tills en ändring gjord utanför Summit Planner är granskad:`,
    `${funder} is blocked until a change made outside Summit Planner has been reviewed:`),
  costRegisteredLeft: (id: string, amount: Ore, funder: string, available: Ore): Msg => both(
    (f) => `Kostnaden ${id} (${f.money(amount)}) är registrerad på ${funder}. Kvar: ${f.money(available)}.`,
    (f) => `The cost ${id} (${f.money(amount)}) is registered to ${funder}. Left: ${f.money(available)}.`),
  costNotKostnaderDeleted: (id: string): Msg => fixed(
    `Kostnaden ${id} finns inte på bladet Kostnader (har raden tagits bort?). Inget har ändrats.`,
    `The cost ${id} is not on the Kostnader sheet (was the row deleted?). Nothing was changed.`),
  idAppearsSeveralRows: (id: string, rows: string): Msg => fixed(
    `ID ${id} finns på flera rader (${rows}) på bladet Kostnader. Rätta dubbletten först; inget har ändrats.`,
    `ID ${id} appears on several rows (${rows}) of the Kostnader sheet. Fix the duplicate first; nothing was changed.`),
  costCannotChangedNow: (id: string): Msg => fixed(
    `Kostnaden ${id} kan inte ändras nu:`,
    `The cost ${id} cannot be changed now:`),
  costInvalidStatusGive: (id: string, oldStatus: string): Msg => fixed(
    `Kostnaden ${id} har ogiltig status "${oldStatus}". Ange en ny status.`,
    `The cost ${id} has an invalid status "${oldStatus}". Give a new status.`),
  costInvalidAmountGive: (id: string): Msg => fixed(
    `Kostnaden ${id} har ogiltigt belopp. Ange ett nytt belopp.`,
    `The cost ${id} has an invalid amount. Give a new amount.`),
  costAlreadyLikeNothing: (id: string): Msg => fixed(
    `Kostnaden ${id} är redan så; inget ändrades.`,
    `The cost ${id} is already like that; nothing changed.`),
  costCancelled: (id: string): Msg => fixed(
    `Kostnaden ${id} är makulerad.`,
    `The cost ${id} is cancelled.`),
  costChanged: (id: string, newStatus: string, newAmount: Ore): Msg => both(
    (f) => `Kostnaden ${id} är ändrad: ${newStatus}, ${f.money(newAmount)}.`,
    (f) => `The cost ${id} was changed: ${newStatus}, ${f.money(newAmount)}.`),
  fundsLeft: (name: string, available: Ore): Msg => both(
    (f) => ` ${name} har ${f.money(available)} kvar.`,
    (f) => ` ${name} has ${f.money(available)} left.`),
  transfersCannotRecordedNow: (): Msg => fixed('Omfördelningar kan inte registreras nu:', 'Transfers cannot be recorded now:'),
  moved: (amount: Ore, name: string, name2: string, decisionRef: string): Msg => both(
    (f) => `${f.money(amount)} är flyttat från ${name} till ${name2} (${decisionRef}).`,
    (f) => `${f.money(amount)} was moved from ${name} to ${name2} (${decisionRef}).`),
  totalIsAdmins: (): Msg => fixed('Totalbudgeten ändras av en administratör (Summit Planner → Inställningar); fördela den nuvarande totalen.', 'The total budget is changed by an administrator (Summit Planner → Settings); allocate the current total.'),
  budgetNoFundersEnter: (): Msg => fixed('Bladet Budget har inga finansiärer. Skriv in dem i kolumnen Finansiär först.', 'The Budget sheet has no funders. Enter them in the Finansiär column first.'),
  budgetCannotReallocatedNow: (): Msg => fixed('Budgeten kan inte fördelas om nu:', 'The budget cannot be reallocated now:'),
  newFunderAddedBudget: (unknown: Msg): Msg => both(
    (f) => `${f.m(unknown)} En ny finansiär läggs till som en rad på bladet Budget.`,
    (f) => `${f.m(unknown)} A new funder is added as a row on the Budget sheet.`),
  appearsTwiceAllocation: (name: string): Msg => fixed(
    `${name} finns två gånger i fördelningen.`,
    `${name} appears twice in the allocation.`),
  budgetAllocatedAcrossFunders: (total: Ore, funders: number): Msg => both(
    (f) => `Budgeten är fördelad: ${f.money(total)} på ${funders} finansiärer.`,
    (f) => `The budget is allocated: ${f.money(total)} across ${funders} funders.`),
  budgetNotBalance: (waiting: Msg): Msg => both(
    (f) => `Budgeten är inte i balans: ${f.m(waiting)}`,
    (f) => `The budget is not in balance: ${f.m(waiting)}`),
  idAlreadyExistsNew: (id: string): Msg => fixed(
    `ID ${id} finns redan; en ny rad får ett nytt ID.`,
    `The ID ${id} already exists; a new row gets a new ID.`),
  idSetSummitPlanner: (): Msg => fixed('ID sätts av Summit Planner och kan inte ändras.', 'The ID is set by Summit Planner and cannot be changed.'),
  unassignedRows: (n: number): Msg => both(
    (f) => `${f.count(n, 'rad', 'rader')} på bladet Kostnader saknar känd finansiär.`,
    (f) => `${f.count(n, 'row', 'rows')} on the Kostnader sheet ${f.plural(n, 'has', 'have')} no known funder.`),
  costRowProblems: (sheetRow: number, id: string, problems: readonly Msg[]): Msg => both(
    (f) => `Kostnader rad ${sheetRow}${id ? ` (${id})` : ''}: ${problems.map(f.m).join('; ')}.`,
    (f) => `Kostnader row ${sheetRow}${id ? ` (${id})` : ''}: ${problems.map(f.m).join('; ')}.`),
  notInBalanceFor: (name: string, why: readonly Msg[]): Msg => both(
    (f) => `Budgeten är inte i balans${name ? ` för ${name}` : ''}, så inga nya kostnader kan läggas på ${name || 'den'} förrän felen är rättade: ${why.map(f.m).join(' ')}`,
    (f) => `The budget is not in balance${name ? ` for ${name}` : ''}, so no new costs can be added${name ? ` to ${name}` : ''} until the errors are fixed: ${why.map(f.m).join(' ')}`),
  warningCrossed: (crossed: readonly { name: string; warnAt: number; percentUsed: number }[]): Msg => both(
    (f) => crossed.map((c) => `${c.name} har passerat ${f.percent(c.warnAt)} (varningsgränsen): ${f.percent(c.percentUsed)} av tilldelningen är bokat.`).join(' '),
    (f) => crossed.map((c) => `${c.name} has passed ${f.percent(c.warnAt)} (the warning threshold): ${f.percent(c.percentUsed)} of its allocation is booked.`).join(' ')),
  allocationsOffTotal: (sum: Ore, total: Ore): Msg => both(
    (f) => `Tilldelningarna summerar till ${f.money(sum)} men totalbudgeten är ${f.money(total)} (${sum > total ? `${f.money(sum - total)} för mycket` : `${f.money(total - sum)} kvar att fördela`}).`,
    (f) => `The allocations add up to ${f.money(sum)} but the total budget is ${f.money(total)} (${sum > total ? `${f.money(sum - total)} too much` : `${f.money(total - sum)} left to allocate`}).`),
  unknownFunder: (shown: string, funders: readonly string[]): Msg => both(
    () => `Okänd finansiär "${shown}". Finansiärer: ${funders.join(', ') || '(inga)'}.`,
    () => `Unknown funder "${shown}". Funders: ${funders.join(', ') || '(none)'}.`),
  notInBalanceBecause: (bad: readonly string[], reasons: readonly Msg[]): Msg => both(
    (f) => `Budgeten är inte i balans${bad.length ? ` (${bad.join(', ')})` : ''}. ${reasons.map(f.m).join(' ')}`.trim(),
    (f) => `The budget is not in balance${bad.length ? ` (${bad.join(', ')})` : ''}. ${reasons.map(f.m).join(' ')}`.trim()),
  budgetSheetErrors: (errors: readonly Msg[]): Msg => both(
    (f) => `Bladet Budget har fel som måste rättas först: ${errors.map(f.m).join(' ')}`,
    (f) => `The Budget sheet has errors to fix first: ${errors.map(f.m).join(' ')}`),
  changesWaitForReview: (n: number): Msg => both(
    (f) => `${f.count(n, 'ändring', 'ändringar')} gjorda utanför Summit Planner väntar på granskning; siffrorna är Summit Planners egna tills dess.`,
    (f) => `${f.count(n, 'change', 'changes')} made outside Summit Planner wait for review; the figures are Summit Planner's own until then.`),
  changeUndone: (header: string, sheetRow: number, back: Msg, why: Msg): Msg => both(
    (f) => `Ändringen i ${header} på rad ${sheetRow} gjordes ogjord (${f.m(back)} är tillbaka): ${f.m(why)}`,
    (f) => `The change to ${header} on row ${sheetRow} was undone (${f.m(back)} is back): ${f.m(why)}`),
  rowsFlagged: (rows: readonly number[], first: Msg): Msg => both(
    (f) => `${f.plural(rows.length, 'Raden', 'Raderna')} ${rowList(rows)} på bladet Kostnader är ${f.plural(rows.length, 'markerad', 'markerade')} i kolumnen Kontroll och väntar på granskning: ${f.m(first)}`,
    (f) => `${f.plural(rows.length, 'Row', 'Rows')} ${rowList(rows)} on the Kostnader sheet ${f.plural(rows.length, 'is', 'are')} marked in the Kontroll column and ${f.plural(rows.length, 'waits', 'wait')} for review: ${f.m(first)}`),
  // Who may do what the Kostnader and Fördela budget sidebars show disabled (the server refuses it anyway).
  onlyFinanceRegisters: (): Msg => fixed('Endast ekonomi kan registrera kostnader.', 'Only finance can register costs.'),
  onlyFinanceChanges: (): Msg => fixed('Endast ekonomi kan ändra och makulera kostnader.', 'Only finance can change and cancel costs.'),
  onlySteeringAllocates: (): Msg => fixed('Endast styrgruppen kan fördela budgeten mellan finansiärerna.', 'Only the steering group can allocate the budget between the funders.'),
  onlySteeringTransfers: (): Msg => fixed('Endast styrgruppen kan flytta pengar mellan finansiärer.', 'Only the steering group can move money between funders.'),
};

/** At most ten row numbers, then "…". */
const rowList = (rows: readonly number[]): string => (rows.length > 10 ? `${rows.slice(0, 10).join(', ')} …` : rows.join(', '));
