/** Carries out the setup plan (src/core/setup.ts) with SpreadsheetApp. */
import { appendAudit } from '../app/audit';
import { loadContext, readSettings, requireRole } from '../app/context';
import type { Ports } from '../app/ports';
import { msg, UserError, type Msg } from '../core/msg';
import { CATEGORIES, columnIndex, COST_STATUSES, GUEST_STATUSES, LANGUAGES, SHEETS, TABLES, type ColumnFormat, type TableKey } from '../core/schema';
import { settingDef, SETTING_KEYS } from '../core/settings';
import { defaultBudgetRows, defaultTemplates, isTableKey, missingSettingsRows, planSetup, type ExistingSheet } from '../core/setup';
import { colLetter, overviewLayout } from '../core/overview-sheet';
import { literal, type GasWorkbook } from './adapters';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface SetupReport {
  readonly changed: boolean;
  readonly created: string[];
  readonly message: Msg;
}

const numberFormat = (f: ColumnFormat): string | undefined => ({
  sek: '#,##0.00 "kr"', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm', time: 'hh:mm', percent: '0" %"', integer: '0', text: undefined,
})[f];

/** 0-based columns of the `required` headers on row 1 of the sheet `name`; null when one is missing. */
function columnsOf(sheets: Map<string, Sheet>, name: string, required: readonly string[]): Record<string, number> | null {
  const sh = sheets.get(name);
  const found = columnIndex(sh ? sh.getRange(1, 1, 1, Math.max(1, sh.getLastColumn())).getValues()[0] : [], required);
  return found.ok ? found.index : null;
}

export function setupWorkbook(ports: Ports & { workbook: GasWorkbook }): SetupReport {
  const ss = ports.workbook.spreadsheet();
  const byName = new Map(ss.getSheets().map((s) => [s.getName(), s]));
  const existing: ExistingSheet[] = [];
  for (const [name, sheet] of byName) {
    if (!Object.values(SHEETS).includes(name as never)) continue;
    const lastCol = sheet.getLastColumn();
    existing.push({
      name,
      header: lastCol > 0 ? sheet.getRange(1, 1, 1, lastCol).getValues()[0] : [],
      lastRow: sheet.getLastRow(),
    });
  }
  const plan = planSetup(existing);
  if (plan.conflicts.length) {
    throw new UserError(msg(
      `Arbetsboken kan inte konfigureras, inget har ändrats. ${plan.conflicts.map((c) => c.sv).join(' ')} Återställ rubrikerna (se README) och försök igen.`,
      `The workbook can't be set up; nothing was changed. ${plan.conflicts.map((c) => c.en).join(' ')} Restore the headers (see README) and try again.`,
    ));
  }

  // Who may run it: anyone while no roles are set (first setup), then the project leader or steering group.
  const settingsExists = plan.sheets.some((s) => s.key === 'settings' && s.action === 'keep');
  let anyRoleSet = false;
  let existingKeys: string[] = [];
  if (settingsExists) {
    const read = readSettings(ports);
    const ctx = loadContext(ports, read);
    anyRoleSet = Object.values(ctx.settings.roles).some((r) => r.length > 0);
    if (anyRoleSet) requireRole(ctx, ['projektledare', 'styrgrupp']);
    const key = read.table.col['Nyckel'];
    existingKeys = read.table.snap.rows.map((r) => String(r[key] ?? ''));
  }

  return ports.lock.withLock(30_000, () => {
    const created: string[] = [];
    let overview: Sheet | null = null;
    const sheets = new Map<string, Sheet>(byName);
    plan.sheets.forEach((p, position) => {
      const name = SHEETS[p.key];
      if (p.action === 'keep') return;
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
    if (overview) initOverview(overview, sheets);

    // Default content, only where it is missing.
    const email = ports.user.email();
    const settingsRows = missingSettingsRows(existingKeys, email, anyRoleSet);
    const wrote: Msg[] = [];
    if (settingsRows.length) {
      ports.workbook.table(SHEETS.settings)!.append(settingsRows);
      const what = settingsRows.length === 1 ? String(settingsRows[0][0]) : null;
      wrote.push(msg(`${SHEETS.settings}: ${what ?? `${settingsRows.length} värden`}`, `${SHEETS.settings}: ${what ?? `${settingsRows.length} values`}`));
    }
    const budget = ports.workbook.table(SHEETS.budget)!;
    if (budget.lastRow() <= 1) {
      budget.append(defaultBudgetRows(Math.round(Number(settingDef(SETTING_KEYS.totalBudget)[1]) * 100)));
      wrote.push(msg(`${SHEETS.budget}: standardfördelning`, `${SHEETS.budget}: default split`));
    }
    const templates = ports.workbook.table(SHEETS.templates)!;
    if (templates.lastRow() <= 1) {
      templates.append(defaultTemplates());
      wrote.push(msg(`${SHEETS.templates}: sv, en`, `${SHEETS.templates}: sv, en`));
    }
    const changed = created.length > 0 || wrote.length > 0;
    if (created.length) sheets.get(SHEETS.overview)?.activate();
    if (changed) {
      appendAudit(ports, [{ action: 'arbetsbok.konfigurerad', object: ss.getName(), after: { skapade: created, fyllde: wrote.map((w) => w.sv) } }]);
    }
    const message = changed
      ? msg(
        `Arbetsboken är konfigurerad.${created.length ? ` Skapade blad: ${created.join(', ')}.` : ''}${wrote.length ? ` Standardvärden: ${wrote.map((w) => w.sv).join('; ')}.` : ''}`,
        `The workbook is set up.${created.length ? ` Created sheets: ${created.join(', ')}.` : ''}${wrote.length ? ` Defaults: ${wrote.map((w) => w.en).join('; ')}.` : ''}`,
      )
      : msg('Arbetsboken är redan konfigurerad. Inget ändrades.', 'The workbook is already set up. Nothing was changed.');
    return { changed, created, message };
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
    if (c.list && c.list !== 'events') {
      const builder = SpreadsheetApp.newDataValidation().setAllowInvalid(true);
      if (c.list === 'funders') {
        const budget = sheets.get(SHEETS.budget);
        if (!budget) return;
        const letter = colLetter(columnsOf(sheets, SHEETS.budget, ['Finansiär'])?.['Finansiär'] ?? 0);
        builder.requireValueInRange(budget.getRange(`${letter}2:${letter}`), true).setHelpText('Välj en finansiär från bladet Budget.');
      } else {
        const list = { categories: CATEGORIES, costStatuses: COST_STATUSES, languages: LANGUAGES, guestStatuses: GUEST_STATUSES }[c.list];
        builder.requireValueInList([...list], true).setHelpText(`Tillåtna värden: ${list.join(', ')}.`);
      }
      body.setDataValidation(builder.build());
    }
  });
  const description = `Summit Planner: ${def.sheet}`;
  if (def.protectedSheet) {
    sheet.protect().setDescription(`${description} – ändras via sidopanelen`).setWarningOnly(true);
  } else {
    sheet.getRange(1, 1, 1, width).protect().setDescription(`${description} – rubrikrad`).setWarningOnly(true);
  }
}

/** Översikt: live formulas over Budget and Kostnader (src/core/overview-sheet.ts), a chart, threshold highlights. */
function initOverview(sheet: Sheet, sheets: Map<string, Sheet>): void {
  const headerOf = (name: string, required: readonly string[]): Record<string, number> => {
    const found = columnsOf(sheets, name, required);
    if (!found) throw new UserError(msg(`Bladet ${name} saknar kolumner för Översikt.`, `The sheet ${name} lacks columns for Översikt.`));
    return found;
  };
  const l = headerOf(SHEETS.ledger, ['Finansiär', 'Belopp', 'Status', 'Kategori', 'Kontroll']);
  const b = headerOf(SHEETS.budget, ['Finansiär', 'Tilldelning', 'Varningsgräns']);
  const st = headerOf(SHEETS.settings, ['Nyckel', 'Värde']);
  const layout = overviewLayout({
    ledger: { funder: l['Finansiär'], amount: l['Belopp'], status: l['Status'], category: l['Kategori'], check: l['Kontroll'] },
    budget: { funder: b['Finansiär'], allocation: b['Tilldelning'], warn: b['Varningsgräns'] },
    settings: { key: st['Nyckel'], value: st['Värde'] },
  });
  // One write: text goes in literally, formulas as formulas.
  sheet.getRange(1, 1, layout.cells.length, layout.width).setValues(layout.cells.map((row) => row.map((c) =>
    c === null ? '' : 'formula' in c ? c.formula : literal(c.text))));
  for (const a1 of layout.formats.sek) sheet.getRange(a1).setNumberFormat(numberFormat('sek')!);
  for (const a1 of layout.formats.percent) sheet.getRange(a1).setNumberFormat('0.0%');
  for (const a1 of layout.formats.warn) sheet.getRange(a1).setNumberFormat(numberFormat('percent')!);
  for (const a1 of layout.bold) sheet.getRange(a1).setFontWeight('bold');
  sheet.setFrozenRows(layout.rows.header);
  sheet.setConditionalFormatRules(layout.rules.map((r) => SpreadsheetApp.newConditionalFormatRule()
    .whenFormulaSatisfied(r.formula).setBackground(r.background).setFontColor(r.fontColor)
    .setRanges([sheet.getRange(r.range)]).build()));
  let chart: GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder = sheet.newChart().asColumnChart();
  for (const a1 of layout.chart.ranges) chart = chart.addRange(sheet.getRange(a1));
  sheet.insertChart(chart.setNumHeaders(1).setOption('title', layout.chart.title).setPosition(layout.chart.row, layout.chart.col, 0, 0).build());
  sheet.protect().setDescription('Summit Planner: Översikt – formler, ändras inte för hand').setWarningOnly(true);
}
