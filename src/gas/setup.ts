/**
 * Carries out set-up with SpreadsheetApp: the sheets, their formats and
 * Översikt (src/core/setup.ts plans it), the journal and default rows
 * (src/app/setup.ts), and real protection aligned with the roles.
 */
import { Journal, Tx } from '../app/journal';
import { LockTimeoutError, type Ports } from '../app/ports';
import { protectionRoles, setupAuthority, startJournal, writeDefaults } from '../app/setup';
import { UserError, type Msg } from '../core/msg';
import { CATEGORIES, columnIndex, COST_STATUSES, DECISION_STATUSES, DECISION_SUBJECTS, GUEST_STATUSES, LANGUAGES, NUMBER_FORMATS, SHEETS, TABLES, type ColumnFormat, type SheetKey, type TableKey } from '../core/schema';
import { SEAL_HEADER } from '../core/seal';
import type { AdminSettings, Role } from '../core/settings';
import { isTableKey, planSetup, type ExistingSheet } from '../core/setup';
import { ITEM_ANSWERS_HEADER } from '../core/item-answers';
import {
  colLetter, OVERVIEW_CHART_TITLES, OVERVIEW_ITEM_HEADER, OVERVIEW_MIN_ITEMS, OVERVIEW_STATUS_ROW, overviewDrift, overviewItemRows, overviewItemRowsOf, overviewLayout, overviewOldEnd,
  type OverviewLayout, type OverviewSources,
} from '../core/overview-sheet';
import { literal, type GasWorkbook } from './adapters';
import { settingsMsg } from '../core/messages/settings';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SetupReport {
  readonly changed: boolean;
  readonly created: string[];
  readonly message: Msg;
}

// Percentages as the sidebars write them (src/core/money.ts formatPercent): a no-break space before "%".
const PERCENT_RATIO = '0.0"\u00a0"%';
const numberFormat = (f: ColumnFormat): string | undefined => NUMBER_FORMATS[f];

/** 0-based columns of the `required` headers on row 1 of the sheet `name`; null when one is missing. */
function columnsOf(sheets: Map<string, Sheet>, name: string, required: readonly string[]): Record<string, number> | null {
  const sh = sheets.get(name);
  const found = columnIndex(sh ? sh.getRange(1, 1, 1, Math.max(1, sh.getLastColumn())).getValues()[0] : [], required);
  return found.ok ? found.index : null;
}

function existingSheets(byName: Map<string, Sheet>): ExistingSheet[] {
  const existing: ExistingSheet[] = [];
  for (const [name, sheet] of byName) {
    if (!Object.values(SHEETS).includes(name as never)) continue;
    const lastCol = sheet.getLastColumn();
    existing.push({ name, header: lastCol > 0 ? sheet.getRange(1, 1, 1, lastCol).getValues()[0] : [], lastRow: sheet.getLastRow() });
  }
  return existing;
}

/**
 * Konfigurera arbetsboken (administrators; anyone on a new workbook). Creates
 * what is missing, appends columns a later version added, starts the journal
 * (sealing an older workbook's rows as they stand), writes missing defaults
 * and applies the protections. Running it again writes nothing.
 */
export function setupWorkbook(ports: Ports & { workbook: GasWorkbook }): SetupReport {
  const ss = ports.workbook.spreadsheet();
  const byName = new Map(ss.getSheets().map((s) => [s.getName(), s]));
  const plan = planSetup(existingSheets(byName));
  if (plan.conflicts.length) {
    throw new UserError(settingsMsg.setupConflicts(plan.conflicts));
  }
  const who = setupAuthority(ports);
  return ports.lock.withLock(30_000, () => {
    const zone = settleZoneAndLocale(ss, existingSheets(byName).some((e) => e.lastRow > 1));
    const created: string[] = [];
    const sheets = new Map<string, Sheet>(byName);
    let overview: Sheet | null = null;
    let keptOverview: Sheet | null = null;
    plan.sheets.forEach((p, position) => {
      const name = SHEETS[p.key];
      if (p.action === 'keep') {
        if (p.append?.length && isTableKey(p.key)) appendColumns(sheets.get(name)!, p.key, p.append);
        if (p.key === 'overview') keptOverview = sheets.get(name) ?? null;
        return;
      }
      let sheet = sheets.get(name);
      if (!sheet) {
        sheet = ss.insertSheet(name, Math.min(position, ss.getSheets().length));
        sheets.set(name, sheet);
      }
      created.push(name);
      if (isTableKey(p.key)) formatTable(sheet, p.key, sheets);
      else overview = sheet;
    });
    // After the loop: Översikt's formulas point at columns of sheets created above.
    if (overview) {
      const o = overviewSourcesOf(sheets);
      initOverview(overview, overviewLayout(o.src, overviewItemRows(o.programLastRow)));
    }
    // An Översikt from an older version (or with formulas changed by hand) is rebuilt in place, nothing of the users' lost.
    const relaid = keptOverview ? upgradeOverview(keptOverview, overviewSourcesOf(sheets)) : null;
    ports.workbook.forget();
    const journal = new Journal(ports);
    const started = !(journal.anchor() && journal.key());
    const sealed = started ? startJournal(ports, journal) : 0;
    const wrote = writeDefaults(ports, journal.fresh(), who);
    growOverview(ss); // the old free-text parts carried over to Program above may be more than Översikt has rows for
    if (sealed) wrote.unshift(settingsMsg.rowsSealed(sealed));
    const appended = plan.sheets.filter((p) => p.action === 'keep' && p.append?.length).map((p) => SHEETS[p.key]);
    const guarded = applyProtections(ss, protectionRoles(ports), who.email);
    const changed = created.length > 0 || wrote.length > 0 || appended.length > 0 || guarded > 0 || started || zone !== null || relaid !== null;
    if (changed) {
      new Tx(journal.fresh()).log({
        action: 'arbetsbok.konfigurerad', object: ss.getName(),
        after: {
          skapade: created, kolumner: appended, ...(relaid ? { översikt: 'ny layout' } : {}), förseglade: sealed, skydd: guarded, standardvärden: wrote.map((w) => w.sv),
          ...(zone ? { tidszon: zone } : {}),
        },
      }).commit();
    }
    if (created.length) sheets.get(SHEETS.overview)?.activate();
    const message = changed
      ? settingsMsg.setUp(created, appended, relaid ? { sheet: SHEETS.overview, itemsAdded: relaid.itemsAdded } : null, wrote, guarded)
      : settingsMsg.alreadySetUp();
    return { changed, created, message };
  });
}

/** Appends the headers a later version added, after the sheet's last column. */
function appendColumns(sheet: Sheet, key: TableKey, headers: readonly string[]): void {
  const start = sheet.getLastColumn() + 1;
  if (sheet.getMaxColumns() < start + headers.length - 1) sheet.insertColumnsAfter(sheet.getMaxColumns(), start + headers.length - 1 - sheet.getMaxColumns());
  sheet.getRange(1, start, 1, headers.length).setValues([headers.map((h) => literal(h))]).setFontWeight('bold');
  headers.forEach((h, i) => {
    const fmt = numberFormat(TABLES[key].columns.find((c) => c.header === h)?.format ?? 'text');
    if (fmt && sheet.getMaxRows() > 1) sheet.getRange(2, start + i, sheet.getMaxRows() - 1, 1).setNumberFormat(fmt);
  });
}

function formatTable(sheet: Sheet, key: TableKey, sheets: Map<string, Sheet>): void {
  const def = TABLES[key];
  const width = def.columns.length;
  const rows = sheet.getMaxRows();
  sheet.getRange(1, 1, 1, width).setValues([def.columns.map((c) => literal(c.header))]).setFontWeight('bold');
  sheet.setFrozenRows(def.frozenRows);
  def.columns.forEach((c, i) => {
    if (rows < 2) return;
    const body = sheet.getRange(2, i + 1, rows - 1, 1);
    const fmt = numberFormat(c.format);
    if (fmt) body.setNumberFormat(fmt);
    if (c.header === SEAL_HEADER) sheet.setColumnWidth(i + 1, c.width ?? 60);
    if (c.list && c.list !== 'events') {
      const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
      if (c.list === 'funders') {
        const budget = sheets.get(SHEETS.budget);
        if (!budget) return;
        const letter = colLetter(columnsOf(sheets, SHEETS.budget, ['Finansiär'])?.['Finansiär'] ?? 0);
        builder.requireValueInRange(budget.getRange(`${letter}2:${letter}`), true).setHelpText('Välj en finansiär från bladet Budget.');
      } else {
        const list = {
          categories: CATEGORIES, costStatuses: COST_STATUSES, languages: LANGUAGES, guestStatuses: GUEST_STATUSES,
          decisionSubjects: DECISION_SUBJECTS, decisionStatuses: DECISION_STATUSES,
        }[c.list];
        builder.requireValueInList([...list], true).setHelpText(`Tillåtna värden: ${list.join(', ')}.`);
      }
      body.setDataValidation(builder.build());
    }
  });
}

// --- Time zone and locale ------------------------------------------------------------

/** What Summit Planner counts in: dates in Stockholm (the manifest's zone too), amounts and typing in Swedish. */
export const WORKBOOK_TIME_ZONE = 'Europe/Stockholm';
export const WORKBOOK_LOCALE = 'sv_SE';

/**
 * The spreadsheet has its own time zone and locale (…/reference/spreadsheet/spreadsheet): a date
 * cell is a wall-clock time in the spreadsheet's zone and typed text is read by its locale. A new
 * workbook gets Stockholm and Swedish; one that already holds data is not changed behind its
 * users' backs (every date cell would name another moment), set-up refuses and says what to do.
 * Returns what it set ("GMT → Europe/Stockholm, en_US → sv_SE"), or null when nothing changed.
 */
function settleZoneAndLocale(ss: Spreadsheet, hasData: boolean): string | null {
  const zone = ss.getSpreadsheetTimeZone();
  const locale = ss.getSpreadsheetLocale();
  const zoneOk = zone === WORKBOOK_TIME_ZONE;
  const localeOk = /^sv(_|$)/.test(locale);
  if (zoneOk && localeOk) return null;
  if (hasData) throw new UserError(zoneMismatch(zone, locale));
  if (!zoneOk) ss.setSpreadsheetTimeZone(WORKBOOK_TIME_ZONE);
  if (!localeOk) ss.setSpreadsheetLocale(WORKBOOK_LOCALE);
  return [zoneOk ? '' : `${zone} → ${WORKBOOK_TIME_ZONE}`, localeOk ? '' : `${locale} → ${WORKBOOK_LOCALE}`].filter(Boolean).join(', ');
}

export const zoneMismatch = (zone: string, locale: string): Msg => settingsMsg.zoneMismatch(zone, locale);

// --- Protection ------------------------------------------------------------------

/** Who may edit each sheet besides the administrators (the same rule the add-on checks; Google enforces it for typing, pasting and the API). */
const EDITORS: Readonly<Record<SheetKey, readonly Role[]>> = {
  overview: ['styrgrupp', 'projektledare', 'ekonomi'],
  budget: ['styrgrupp'],
  transfers: ['styrgrupp'],
  ledger: ['ekonomi'],
  guests: ['projektledare', 'styrgrupp'],
  templates: ['projektledare'],
  event: ['projektledare'],
  program: ['projektledare', 'styrgrupp'],
  decisions: ['styrgrupp'],
  settings: [],
  // Every role holder appends to Logg through the add-on (scripts run as the user). The RSVP page writes as the deployer: deploy it as the owner or an administrator.
  log: ['styrgrupp', 'projektledare', 'ekonomi'],
};

const DESCRIPTIONS: Readonly<Record<SheetKey, string>> = {
  overview: 'formler; rollerna skriver verifieringsstatus', budget: 'styrgruppen', transfers: 'styrgruppen', ledger: 'ekonomi',
  guests: 'projektledare och styrgrupp', templates: 'projektledare', event: 'projektledare', program: 'projektledare och styrgrupp',
  decisions: 'styrgruppen', settings: 'ägare och administratörer', log: 'alla roller (via Summit Planner)',
};

/** The e-mails that may edit `key`: its roles plus the administrators (the owner and the current user are always editors). */
export function editorsOf(key: SheetKey, s: AdminSettings): string[] {
  return [...new Set([...s.admins, ...EDITORS[key].flatMap((r) => s.roles[r])])].sort();
}

/**
 * Real (not warning-only) sheet protection on every Summit Planner sheet,
 * editors aligned with the roles; warning-only range protections an older
 * version made are removed. Returns how many sheets changed (0 when all were
 * already right: running it again changes nothing).
 */
export function applyProtections(ss: Spreadsheet, s: AdminSettings, me: string): number {
  // The owner and the current user can't be removed from a protection (Google keeps them): never ask.
  const keep = [me, (ss.getOwner()?.getEmail() ?? '').toLowerCase()].filter(Boolean);
  let changed = 0;
  for (const key of Object.keys(SHEETS) as SheetKey[]) {
    const sheet = ss.getSheetByName(SHEETS[key]);
    if (!sheet) continue;
    if (protectSheet(sheet, key, editorsOf(key, s), keep)) changed++;
  }
  return changed;
}

function protectSheet(sheet: Sheet, key: SheetKey, want: readonly string[], keep: readonly string[]): boolean {
  let changed = false;
  for (const old of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (old.getDescription().startsWith('Summit Planner') && old.isWarningOnly()) { old.remove(); changed = true; }
  }
  const found = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  const p = found ?? sheet.protect();
  if (!found) { p.setDescription(`Summit Planner: ${SHEETS[key]} – ${DESCRIPTIONS[key]}`); changed = true; }
  if (p.isWarningOnly()) { p.setWarningOnly(false); changed = true; }
  const have = p.getEditors().map((u) => (u.getEmail() || '').toLowerCase());
  const remove = have.filter((e) => e && !want.includes(e) && !keep.includes(e));
  const add = want.filter((e) => !have.includes(e));
  if (remove.length) { p.removeEditors(remove); changed = true; }
  if (add.length) { p.addEditors(add); changed = true; }
  if (p.canDomainEdit()) { p.setDomainEdit(false); changed = true; }
  return changed;
}

/** Where Översikt's formulas look (columns found by header: src/core/overview-sheet.ts) and the Program sheet's last row with content. */
function overviewSourcesOf(sheets: Map<string, Sheet>): { src: OverviewSources; programLastRow: number } {
  const headerOf = (name: string, required: readonly string[]): Record<string, number> => {
    const found = columnsOf(sheets, name, required);
    if (!found) throw new UserError(settingsMsg.noOverviewColumns(name));
    return found;
  };
  const l = headerOf(SHEETS.ledger, ['Finansiär', 'Belopp', 'Status', 'Kategori', 'Kontroll', 'Programpunkt']);
  const b = headerOf(SHEETS.budget, ['Finansiär', 'Tilldelning', 'Varningsgräns']);
  const st = headerOf(SHEETS.settings, ['Nyckel', 'Värde']);
  const pr = headerOf(SHEETS.program, ['ID', 'Rubrik', 'Kategori', 'Kapacitet']);
  const g = headerOf(SHEETS.guests, ['Evenemang', 'Status', ITEM_ANSWERS_HEADER]);
  return {
    src: {
      ledger: { funder: l['Finansiär'], amount: l['Belopp'], status: l['Status'], category: l['Kategori'], check: l['Kontroll'], item: l['Programpunkt'] },
      budget: { funder: b['Finansiär'], allocation: b['Tilldelning'], warn: b['Varningsgräns'] },
      settings: { key: st['Nyckel'], value: st['Värde'] },
      program: { id: pr['ID'], title: pr['Rubrik'], category: pr['Kategori'], capacity: pr['Kapacitet'] },
      guests: { events: g['Evenemang'], status: g['Status'], answers: g[ITEM_ANSWERS_HEADER] },
    },
    programLastRow: sheets.get(SHEETS.program)?.getLastRow() ?? 1,
  };
}

/**
 * Adding a Program item past the rows Översikt's item section covers lays Översikt out again with more
 * (upgradeOverview: the users' rows below move down). Nothing to read while the programme fits the
 * smallest layout (every layout has OVERVIEW_MIN_ITEMS rows); else one read of Översikt's column A.
 * Called under the document lock, after the item's row is written (src/gas/program.ts).
 */
export function growOverview(ss: Spreadsheet): void {
  const sheet = overviewOutgrown(ss);
  if (sheet) upgradeOverview(sheet, overviewSourcesOf(new Map(ss.getSheets().map((s) => [s.getName(), s]))));
}

/** Översikt when Program has more rows than its item section covers, else null (see growOverview for the cost). */
function overviewOutgrown(ss: Spreadsheet): Sheet | null {
  const program = ss.getSheetByName(SHEETS.program);
  const sheet = ss.getSheetByName(SHEETS.overview);
  if (!program || !sheet) return null;
  const items = program.getLastRow() - 1;
  if (items <= OVERVIEW_MIN_ITEMS) return null;
  const colA = sheet.getRange(1, 1, Math.max(1, sheet.getLastRow()), 1);
  return overviewItemRowsOf(colA.getFormulas(), colA.getValues()) >= items ? null : sheet;
}

/**
 * Program rows that got onto the sheet without the add-on's own write — pasted (onEdit, which runs for
 * the person who pasted) or written through the Sheets API (no trigger at all: the next opening of the
 * Program sidebar by a role holder) — shown in Översikt at once, also past its item rows, not only once
 * they are confirmed or set-up runs again: the section grows as for an added item (the row still waits
 * for review; Översikt shows every Program row, as it always did for those within its rows). Only a role
 * holder's execution writes Översikt (its protection), so the caller checks the role. The check costs
 * one call while the programme fits the smallest layout; under the document lock, a busy lock leaves
 * the growth to the next opening.
 */
export function growOverviewSoon(ports: Pick<Ports, 'lock'>, ss: Spreadsheet): void {
  if (!overviewOutgrown(ss)) return;
  try {
    ports.lock.withLock(5_000, () => growOverview(ss));
  } catch (e) {
    if (!(e instanceof LockTimeoutError)) throw e;
  }
}

/**
 * An existing Översikt whose add-on cells (text and formulas) differ from the current layout (an older
 * version's, or formulas changed by hand, or fewer item rows than Program needs) is rebuilt in place, so
 * that what users rely on stays: the sheet itself (its ID, so links, other sheets' references to
 * Översikt!… and its protection), the verification line (row OVERVIEW_STATUS_ROW, the add-on's), what
 * they wrote beside or below the table (rows below the old table move down when the new one is longer)
 * and their own charts. Every figure is a formula: nothing else is kept on the sheet. The item section
 * never shrinks (a grown one keeps its rows). Null when it was current (two range reads, no write).
 */
function upgradeOverview(sheet: Sheet, o: { src: OverviewSources; programLastRow: number }): { drift: string[]; itemsAdded: boolean } | null {
  const want = overviewItemRows(o.programLastRow);
  const rows = Math.max(overviewLayout(o.src, want).cells.length, sheet.getLastRow());
  const width = overviewLayout(o.src, 1).width;
  const range = sheet.getRange(1, 1, rows, width);
  const values = range.getValues();
  const formulas = range.getFormulas();
  const layout = overviewLayout(o.src, Math.max(want, overviewItemRowsOf(formulas, values)));
  const drift = overviewDrift(layout, formulas, values);
  if (drift.length === 0) return null;
  const oldEnd = overviewOldEnd(layout, values, formulas);
  const longer = layout.cells.length - oldEnd;
  if (longer > 0 && values.slice(oldEnd).some((row) => row.some((v) => v !== ''))) sheet.insertRowsAfter(oldEnd, longer);
  for (const chart of sheet.getCharts()) {
    if (OVERVIEW_CHART_TITLES.includes(String(chart.getOptions().get('title')))) sheet.removeChart(chart);
  }
  const height = Math.max(oldEnd, layout.cells.length);
  // The users' own conditional formats stay: those wholly beside or below the table.
  const theirs = sheet.getConditionalFormatRules().filter((rule) => rule.getRanges().every((g) => g.getRow() > height || g.getColumn() > layout.width));
  initOverview(sheet, layout, String(values[OVERVIEW_STATUS_ROW - 1]?.[0] ?? ''), height, theirs);
  return { drift, itemsAdded: !values.some((row) => row[0] === OVERVIEW_ITEM_HEADER) };
}

/**
 * Writes Översikt: live formulas over Budget, Kostnader and Program (src/core/overview-sheet.ts), a chart,
 * threshold highlights, over its first `height` rows (the old table's too, when it was longer), with the
 * verification line `status`.
 */
function initOverview(sheet: Sheet, layout: OverviewLayout, status = '', height = layout.cells.length, keepRules: readonly GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = []): void {
  // One write: text goes in literally, formulas as formulas; the verification line as the add-on last wrote it.
  sheet.getRange(1, 1, height, layout.width).setValues(Array.from({ length: height }, (_, r) => Array.from({ length: layout.width }, (_, k) => {
    const c = layout.cells[r]?.[k] ?? null;
    if (r === OVERVIEW_STATUS_ROW - 1 && k === 0) return literal(status);
    return c === null ? '' : 'formula' in c ? c.formula : literal(c.text);
  })));
  for (const a1 of layout.formats.sek) sheet.getRange(a1).setNumberFormat(numberFormat('sek')!);
  for (const a1 of layout.formats.percent) sheet.getRange(a1).setNumberFormat(PERCENT_RATIO);
  for (const a1 of layout.formats.warn) sheet.getRange(a1).setNumberFormat(numberFormat('percent')!);
  for (const a1 of layout.bold) sheet.getRange(a1).setFontWeight('bold');
  sheet.setFrozenRows(layout.rows.header);
  sheet.setConditionalFormatRules([...keepRules, ...layout.rules.map((r) => SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(r.formula).setBackground(r.background).setFontColor(r.fontColor)
    .setRanges([sheet.getRange(r.range)]).build())]);
  let chart: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = sheet.newChart().asColumnChart();
  for (const a1 of layout.chart.ranges) chart = chart.addRange(sheet.getRange(a1));
  sheet.insertChart(chart.setNumHeaders(1).setOption('title', layout.chart.title).setPosition(layout.chart.row, layout.chart.col, 0, 0).build());
}
