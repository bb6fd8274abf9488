/**
 * Messages of Granska ändringar, the integrity checks of the sheets and the log (review, integrity, journal, audit): Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const reviewMsg = {
  administrator: (): Msg => fixed('en administratör', 'an administrator'),
  gone: (): Msg => fixed(
    'Ändringen finns inte längre som den visades (den är redan hanterad eller har ändrats igen). Ladda om listan; inget har sparats.',
    'The change is no longer as shown (it was already handled or changed again). Reload the list; nothing was saved.'),
  invalidInput: (): Msg => fixed('Ogiltiga uppgifter. Inget sparades.', 'Invalid input. Nothing was saved.'),
  rowEmptied: (sheetRow: number, sheet: string): Msg => fixed(
    `Rad ${sheetRow} på bladet ${sheet} är tömd: den var inte skriven av Summit Planner.`,
    `Row ${sheetRow} on the ${sheet} sheet was emptied: Summit Planner did not write it.`),
  rowRestored: (sheet: string, sheetRow: number, key: string): Msg => fixed(
    `${sheet} rad ${sheetRow} (${key}) är återställd till Summit Planners värden.`,
    `${sheet} row ${sheetRow} (${key}) is back to Summit Planner's values.`),
  decisionNotInLog: (): Msg => fixed(
    ' Beslutets text, vem som beslutade och anteckningen finns inte i loggen: hämta dem ur kalkylarkets versionshistorik (Arkiv → Versionshistorik).',
    ' The decision\'s wording, who decided and the note are not in the log: take them from the spreadsheet\'s version history (File → Version history).'),
  contactNotInLog: (): Msg => fixed(
    ' Kontaktuppgifterna finns inte i loggen: hämta dem ur kalkylarkets versionshistorik (Arkiv → Versionshistorik).',
    ' The contact details are not in the log: take them from the spreadsheet\'s version history (File → Version history).'),

  /** `personal`: what the log does not hold of the row (null: it holds all of it). */
  rowBack: (key: string, sheet: string, personal: Msg | null): Msg => both(
    (f) => `Raden ${key} är tillbaka sist på bladet ${sheet}.${personal ? f.m(personal) : ''}`,
    (f) => `The row ${key} is back at the end of the ${sheet} sheet.${personal ? f.m(personal) : ''}`),
  funderNotRemoved: (): Msg => fixed(
    'En finansiär tas inte bort genom att godkänna en borttagen rad: återställ raden och fördela om budgeten först.',
    'A funder is not removed by confirming a deleted row: restore the row and reallocate the budget first.'),
  restoreInstead: (why: Msg): Msg => both(
    (f) => `${f.m(why)} Återställ raden i stället.`,
    (f) => `${f.m(why)} Restore the row instead.`),
  removalConfirmed: (key: string, sheet: string): Msg => fixed(
    `Borttagningen av ${key} på bladet ${sheet} är godkänd.`,
    `The removal of ${key} from the ${sheet} sheet is confirmed.`),
  onlyUndo: (unverifiedMsgC: Msg): Msg => both(
    (f) => `${f.m(unverifiedMsgC)} En sådan rad kan bara ångras; gör sedan ändringen i sidopanelen.`,
    (f) => `${f.m(unverifiedMsgC)} Such a row can only be undone; then make the change in the sidebar.`),
  changeConfirmed: (sheet: string, sheetRow: number): Msg => fixed(
    `Ändringen på ${sheet} rad ${sheetRow} är godkänd och förseglad.`,
    `The change on ${sheet} row ${sheetRow} is confirmed and sealed.`),
  notASetting: (key: string, sheet: string): Msg => fixed(
    `"${key}" är ingen inställning på bladet ${sheet}.`,
    `"${key}" is not a setting of the ${sheet} sheet.`),
  settingTwice: (key: string): Msg => fixed(
    `${key} finns redan på en annan rad.`,
    `${key} is already on another row.`),
  templateLanguage: (): Msg => fixed('Mallen måste ha språket sv eller en.', 'The template must have the language sv or en.'),
  templateTwice: (lang: string): Msg => fixed(
    `Det finns redan en mall för ${lang}.`,
    `There is already a template for ${lang}.`),
  transferOnlyInSidebar: (): Msg => fixed(
    'En omfördelning registreras bara i sidopanelen Fördela budget (den flyttar pengar); här kan bara kommentaren godkännas. Ångra ändringen.',
    'A transfer is recorded only in the Allocate the budget sidebar (it moves money); only the comment can be confirmed here. Undo the change.'),
  transferNoteMissing: (): Msg => fixed(
    'Ange beslutsreferensen (Dnr) för omfördelningen.',
    'Give the decision reference for the reallocation.'),
  onlyChangedAllocations: (): Msg => fixed(
    'Bara ändrade tilldelningar kan godkännas här; ångra först rader som lagts till, tagits bort eller bytt namn.',
    'Only changed allocations can be confirmed here; first undo rows that were added, removed or renamed.'),
  allocationsConfirmed: (n: number, decision: string): Msg => both(
    (f) => `${f.count(n, 'ändrad tilldelning är godkänd', 'ändrade tilldelningar är godkända')} (beslut ${decision}).`,
    (f) => `${f.count(n, 'changed allocation is confirmed', 'changed allocations are confirmed')} (decision ${decision}).`),
  logBrokenAt: (row: number): Msg => fixed(
    `Loggen hänger inte ihop vid rad ${row}, så den kan inte godkännas. Återställ bladet Logg ur versionshistoriken först.`,
    `The log does not hold together at row ${row}, so it cannot be accepted. Restore the Logg sheet from the version history first.`),
  logAlreadyMatches: (): Msg => fixed('Loggen stämmer redan med ankaret.', 'The log already matches its anchor.'),
  /** `rebased`: the sheets taken as they stand (the accepted log can't name their missing rows). */
  logAccepted: (rows: number, anchored: number, rebased: readonly string[]): Msg => both(
    (f) => `Loggen är godkänd som den står (${f.count(rows, 'rad', 'rader')}; ankaret sade ${f.num(anchored)}).${rebased.length ? ` Bladen ${rebased.join(', ')} godtas som de står.` : ''} Beslutet är loggat.`,
    (f) => `The log is accepted as it stands (${f.count(rows, 'row', 'rows')}; the anchor said ${f.num(anchored)}).${rebased.length ? ` The sheets ${rebased.join(', ')} are accepted as they stand.` : ''} The decision is logged.`),
  settingsPending: (where: Msg): Msg => both(
    (f) => `${f.m(where)} Roller och inställningar ändras i Summit Planner → Inställningar; ändringen gäller inte förrän en administratör har godkänt den.`,
    (f) => `${f.m(where)} Roles and settings are changed in Summit Planner → Settings; the change has no effect until an administrator confirms it.`),
  changePending: (where: Msg, who: Msg): Msg => both(
    (f) => `${f.m(where)} Den gäller inte förrän ${f.m(who)} har godkänt den i Granska ändringar.`,
    (f) => `${f.m(where)} It has no effect until ${f.m(who)} confirms it under Review changes.`),
  putBack: (header: string, sheetRow: number, why: Msg): Msg => both(
    (f) => `${header} på rad ${sheetRow} är återställt. ${f.m(why)}`,
    (f) => `${header} on row ${sheetRow} was put back. ${f.m(why)}`),
  /** Where a row is: "Kostnader rad 5 (K-0001)". */
  rowAt: (sheet: string, row: number, key: string): Msg => fixed(
    `${sheet} rad ${row}${key ? ` (${key})` : ''}`,
    `${sheet} row ${row}${key ? ` (${key})` : ''}`),
  /** A field changed outside the add-on, its values left out (personal, or the row's seal is unreadable). */
  fieldChanged: (header: string): Msg => fixed(`${header} ändrad`, `${header} changed`),
  /** "Belopp 12 000,00 kr → 1 200,00 kr": the values as each language writes them. */
  fieldChange: (header: string, before: Msg, now: Msg): Msg => both(
    (f) => `${header} ${f.m(before)} → ${f.m(now)}`,
    (f) => `${header} ${f.m(before)} → ${f.m(now)}`),
  /** A cell with nothing in it. */
  emptyValue: (): Msg => fixed('(tomt)', '(empty)'),
  changedOutside: (where: Msg, changes: readonly Msg[]): Msg => both(
    (f) => `${f.m(where)}: ändrad utanför Summit Planner (${changes.map(f.m).join('; ')}).`,
    (f) => `${f.m(where)}: changed outside Summit Planner (${changes.map(f.m).join('; ')}).`),
  rowNotWritten: (where: Msg): Msg => both(
    (f) => `${f.m(where)}: raden är inte skriven av Summit Planner (tillagd eller inklistrad för hand).`,
    (f) => `${f.m(where)}: the row was not written by Summit Planner (added or pasted by hand).`),
  sealAltered: (where: Msg): Msg => both(
    (f) => `${f.m(where)}: radens sigill är ändrat, så raden kan inte kontrolleras.`,
    (f) => `${f.m(where)}: the row's seal was altered, so the row cannot be checked.`),
  duplicateRow: (where: Msg): Msg => both(
    (f) => `${f.m(where)}: en kopia av en annan rad med samma ID.`,
    (f) => `${f.m(where)}: a copy of another row with the same ID.`),
  staleRow: (where: Msg): Msg => both(
    (f) => `${f.m(where)}: en äldre version av raden (inklistrad eller från en återställd version).`,
    (f) => `${f.m(where)}: an older version of the row (pasted, or from a restored version).`),
  otherRowProblem: (where: Msg): Msg => both((f) => `${f.m(where)}.`, (f) => `${f.m(where)}.`),
  rowRemoved: (sheet: string, key: string): Msg => fixed(
    `${sheet}: raden ${key || '(utan ID)'} har tagits bort utanför Summit Planner.`,
    `${sheet}: the row ${key || '(without ID)'} was removed outside Summit Planner.`),
  /** A refusal built from the first few problems (`more` left out) and the review hint. */
  blockedBy: (what: Msg, problems: readonly Msg[], more: number, hint: Msg): Msg => both(
    (f) => `${f.m(what)} ${problems.map(f.m).join(' ')}${more > 0 ? ` (+${more} till)` : ''} ${f.m(hint)}`,
    (f) => `${f.m(what)} ${problems.map(f.m).join(' ')}${more > 0 ? ` (+${more} more)` : ''} ${f.m(hint)}`),
  reviewHint: (): Msg => fixed(
    'En person med rätt roll godkänner eller ångrar ändringen i Summit Planner → Granska ändringar.',
    'A person with the right role confirms or undoes the change in Summit Planner → Review changes.'),
  editLockBusy: (): Msg => fixed(
    'Summit Planner kunde inte kontrollera ändringen: någon annan sparar i arbetsboken just nu. Ändringen står kvar men räknas inte förrän den har granskats. Försök igen om en stund (skriv in den på nytt), eller godkänn den i Summit Planner → Granska ändringar.',
    'Summit Planner could not check the change: someone else is saving in the workbook right now. The change stays in the sheet but does not count until it has been reviewed. Try again in a moment (type it in once more), or confirm it in Summit Planner → Review changes.'),








  chainBroken: (badRow: number): Msg => fixed(
    `Loggen har ändrats: rad ${badRow} stämmer inte med kedjan (raden eller en rad före den har ändrats, tagits bort eller lagts till).`,
    `The log has been altered: row ${badRow} does not match the chain (it or an earlier row was changed, removed or inserted).`),
  noAnchor: (count: number): Msg => both(
    (f) => `Kedjan i loggen hänger ihop (${f.count(count, 'rad', 'rader')}), men ankaret saknas, så en omräknad kedja eller borttagna rader i slutet kan inte upptäckas. En administratör kör Konfigurera arbetsboken.`,
    (f) => `The log's chain holds together (${f.count(count, 'row', 'rows')}), but its anchor is missing, so a recomputed chain or rows removed at the end cannot be detected. An administrator runs Set up workbook.`),
  logIntact: (count: number): Msg => both(
    (f) => `Loggen är hel: ${f.count(count, 'rad', 'rader')} verifierade mot ankaret.`,
    (f) => `The log is intact: ${f.count(count, 'row', 'rows')} verified against its anchor.`),
  rowsRemovedAtEnd: (found: number, anchored: number): Msg => both(
    (f) => `Loggen har ${f.count(found, 'rad', 'rader')} men ankaret säger ${f.num(anchored)}: ${f.plural(anchored - found, 'den sista raden', `de sista ${f.num(anchored - found)} raderna`)} har tagits bort (eller en äldre version har återställts).`,
    (f) => `The log has ${f.count(found, 'row', 'rows')} but its anchor says ${f.num(anchored)}: the last ${f.plural(anchored - found, 'row was', `${f.num(anchored - found)} rows were`)} removed (or an older version was restored).`),
  rowsAfterAnchor: (n: number, from: number): Msg => both(
    (f) => `Loggen har ${f.count(n, 'rad', 'rader')} efter ankaret (från rad ${from}) som Summit Planner inte har skrivit.`,
    (f) => `The log has ${f.count(n, 'row', 'rows')} after its anchor (from row ${from}) that Summit Planner did not write.`),
  logRewritten: (from: number, to: number): Msg => fixed(
    `Loggen har skrivits om: kedjan hänger ihop men stämmer inte med ankaret. Ändringen finns mellan rad ${from} och rad ${to} (kedjan har räknats om efter den).`,
    `The log has been rewritten: the chain holds together but does not match its anchor. The change lies between row ${from} and row ${to} (the chain was recomputed after it).`),
  notReady: (): Msg => fixed(
    'Arbetsboken är inte konfigurerad för den här versionen av Summit Planner. En administratör kör Summit Planner → Konfigurera arbetsboken; inget har ändrats.',
    'The workbook is not set up for this version of Summit Planner. An administrator runs Summit Planner → Set up workbook; nothing was changed.'),
  sheetUnmatched: (sheet: string): Msg => fixed(
    `Bladet ${sheet} stämmer inte med loggen (antal eller ordning av rader), men vilka rader som berörs kan inte avgöras. Verifiera loggen.`,
    `The ${sheet} sheet does not match the log (number or order of rows), and the rows concerned cannot be named. Verify the log.`),
  logAltered: (): Msg => fixed(
    'Loggen har ändrats utanför Summit Planner (den stämmer inte med ankaret), så den kan inte användas för att återställa rader. Kör Summit Planner → Verifiera loggen; en administratör måste utreda ändringen.',
    'The log has been altered outside Summit Planner (it does not match its anchor), so it cannot be used to restore rows. Run Summit Planner → Verify the log; an administrator must look into the change.'),
  logCount: (found: number, anchored: number): Msg => both(
    (f) => `Loggen har ${f.count(found, 'rad', 'rader')} men ska ha ${f.num(anchored)} enligt ankaret: rader har ${found < anchored ? 'tagits bort' : 'lagts till'} utanför Summit Planner, eller en äldre version har återställts. Inget har sparats. Kör Summit Planner → Verifiera loggen; en administratör utreder och godkänner loggen i Granska ändringar.`,
    (f) => `The log has ${f.count(found, 'row', 'rows')} but should have ${f.num(anchored)} according to its anchor: rows were ${found < anchored ? 'removed' : 'added'} outside Summit Planner, or an older version was restored. Nothing was saved. Run Summit Planner → Verify the log; an administrator looks into it and accepts the log under Review changes.`),
  sheetMissing: (sheet: string): Msg => fixed(
    `Bladet "${sheet}" saknas. Kör Summit Planner → Konfigurera arbetsboken.`,
    `The sheet "${sheet}" is missing. Run Summit Planner → Set up workbook.`),
  columnsMissing: (list: string): Msg => fixed(`kolumnerna ${list} saknas (har rubrikerna ändrats?)`, `the columns ${list} are missing (were the headers renamed?)`),
  headersTwice: (list: string): Msg => fixed(`rubrikerna ${list} finns flera gånger`, `the headers ${list} appear more than once`),
  badHeader: (sheet: string, p: Msg): Msg => both(
    (f) => `Bladet "${sheet}": ${f.m(p)}. Återställ rubrikraden; inget har ändrats.`,
    (f) => `Sheet "${sheet}": ${f.m(p)}. Restore the header row; nothing was changed.`),
};
