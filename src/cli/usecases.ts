/**
 * What each `summit` command does, over the ports (src/app/ports.ts) and the same core rules the add-on
 * uses: the budget from computeBudget, the import from previewImport and the add-on's guest cells, the
 * log from verifyChain, set-up from planSetup and the layout in src/core/schema.ts. Nothing here talks
 * HTTP; src/cli/main.ts loads the sheets (src/cli/sheets-port.ts) and commits what these functions wrote.
 *
 * What the CLI can't do, by design of the trust boundary: the seal key and the log's anchor live in the
 * add-on's script properties, out of the API's reach. So the CLI reads the sheets as they stand (it can
 * count rows without a seal, not prove the others authentic), and what it writes is an outside edit: new
 * guest rows arrive without a seal and wait in the add-on's Granska ändringar, where the project leader
 * confirms them (then they are sealed and logged) or undoes them.
 */
import { computeBudget, cellOre, overviewOf, type BudgetOverview } from '../core/budget';
import { checkMailAnchor, verifyChain, type MailAnchor } from '../core/audit';
import { GUEST_COLUMNS, holdsSlot, normEmail, type KnownPart } from '../core/guests';
import { checkItem, draftOf } from '../core/program';
import { previewImport, type ImportPreview } from '../core/invite-csv';
import { cliMsg } from '../core/messages/cli';
import { UserError, type Msg } from '../core/msg';
import { GUEST_STATUSES, NUMBER_FORMATS, SHEETS, TABLES, type TableKey } from '../core/schema';
import { SEAL_HEADER } from '../core/seal';
import { parseAdminSettings, parseEventSettings, type AdminSettings, type EventSettings } from '../core/settings';
import { isTableKey, planSetup, type ExistingSheet } from '../core/setup';
import { chainBrokenMsg } from '../app/audit';
import { guestCells } from '../app/guests';
import { readLog } from '../app/journal';
import type { Cell, WorkbookPort } from '../app/ports';
import { cellOf, isBlankRow, openTable, rowFor, type OpenTable } from '../app/tables';

/** The sheets each command reads (one values.batchGet). */
export const SHEETS_FOR = {
  status: [SHEETS.settings, SHEETS.event, SHEETS.budget, SHEETS.ledger, SHEETS.guests],
  import: [SHEETS.settings, SHEETS.event, SHEETS.guests],
  ledger: [SHEETS.ledger],
  guests: [SHEETS.guests],
  log: [SHEETS.log],
  setup: Object.values(SHEETS),
} as const;

const keyValues = (t: OpenTable): unknown[][] => t.snap.rows.map((r) => [cellOf(t, r, 'Nyckel'), cellOf(t, r, 'Värde')]);

/** Inställningar and Evenemang as the sheets have them (the add-on reads them through the journal). */
export function readSettings(wb: WorkbookPort): { admin: AdminSettings; event: EventSettings; problems: Msg[] } {
  const { settings, problems } = parseAdminSettings(keyValues(openTable(wb, 'settings')));
  return { admin: settings, event: parseEventSettings(keyValues(openTable(wb, 'event'))), problems };
}

// ---------------------------------------------------------------------------
// status

export interface StatusReport {
  readonly budget: BudgetOverview;
  readonly guests: { readonly total: number; readonly byStatus: Readonly<Record<string, number>>; readonly cap: number; readonly slotsUsed: number };
  /** Rows without a seal per sheet: written outside Summit Planner and not yet reviewed. */
  readonly unsealed: Readonly<Record<string, number>>;
  readonly warnings: readonly Msg[];
}

export function statusOf(wb: WorkbookPort): StatusReport {
  const { admin, problems } = readSettings(wb);
  const budget = openTable(wb, 'budget');
  const ledger = openTable(wb, 'ledger');
  const b = budget.col;
  const l = ledger.col;
  const state = computeBudget({
    total: admin.totalBudget, warnPercent: admin.warnPercent,
    budget: { rows: budget.snap.rows, firstRow: budget.snap.firstRow, col: { funder: b['Finansiär'], allocation: b['Tilldelning'], warn: b['Varningsgräns'] } },
    ledger: {
      rows: ledger.snap.rows, firstRow: ledger.snap.firstRow,
      col: {
        id: l['ID'], date: l['Datum'], funder: l['Finansiär'], category: l['Kategori'], description: l['Beskrivning'], amount: l['Belopp'],
        supplier: l['Leverantör'], reference: l['Referens'], status: l['Status'], by: l['Registrerad av'], at: l['Registrerad'],
      },
    },
  });
  const overview = overviewOf(state, 20);
  const guests = openTable(wb, 'guests');
  const statuses = guests.snap.rows.filter((r) => !isBlankRow(r)).map((r) => String(cellOf(guests, r, GUEST_COLUMNS.status)).trim());
  const byStatus: Record<string, number> = Object.fromEntries(GUEST_STATUSES.map((s) => [s, 0]));
  for (const s of statuses) byStatus[s || '(tom)'] = (byStatus[s || '(tom)'] ?? 0) + 1;
  const unsealed: Record<string, number> = {};
  for (const t of [budget, ledger, guests]) unsealed[t.port.sheetName] = t.snap.rows.filter((r) => !isBlankRow(r) && String(cellOf(t, r, SEAL_HEADER)).trim() === '').length;
  const warnings: Msg[] = [...problems];
  for (const f of overview.funders) {
    if (f.overspent) warnings.push(cliMsg.overspent(f.name));
    else if (f.warning) warnings.push(cliMsg.pastWarning(f.name, f.warnAt));
  }
  const unsealedTotal = Object.values(unsealed).reduce((a, n) => a + n, 0);
  if (unsealedTotal) {
    warnings.push(cliMsg.unsealed(unsealedTotal));
  }
  return {
    budget: overview, unsealed, warnings,
    guests: { total: statuses.length, byStatus, cap: admin.inviteCap, slotsUsed: statuses.filter(holdsSlot).length },
  };
}

// ---------------------------------------------------------------------------
// guests import

export interface ImportPlan {
  readonly preview: ImportPreview;
  /** Rows ready for the one append, in Gäster's column order. */
  readonly rows: Cell[][];
}

/** Checks the text against Gäster with the add-on's import rules; writes nothing. */
export function planImport(wb: WorkbookPort, text: string, defaultLanguage?: 'sv' | 'en'): ImportPlan {
  const { admin, event } = readSettings(wb);
  const t = openTable(wb, 'guests');
  const rows = t.snap.rows.filter((r) => !isBlankRow(r));
  const statuses = rows.map((r) => String(cellOf(t, r, GUEST_COLUMNS.status)).trim());
  const existing = new Map<string, string>();
  rows.forEach((r, i) => {
    const e = normEmail(String(cellOf(t, r, GUEST_COLUMNS.email)));
    if (e) existing.set(e, String(cellOf(t, r, GUEST_COLUMNS.id)) || `rad ${t.snap.firstRow + i}`);
  });
  const known = knownParts(wb, event);
  const preview = previewImport(text, {
    existing, events: known, guestCount: rows.length, slotsUsed: statuses.filter(holdsSlot).length,
    cap: admin.inviteCap, proposals: statuses.filter((s) => s === 'Föreslagen').length, defaultLanguage,
  });
  // Proposals without an ID or seal: the add-on gives the ID when the project leader confirms the row.
  const out = preview.fileErrors.length ? [] : preview.rows.filter((r) => r.errors.length === 0).map((r) => rowFor(t, {
    ...guestCells(r.draft, known), [GUEST_COLUMNS.status]: 'Föreslagen', [GUEST_COLUMNS.linkVersion]: 1,
  }));
  return { preview, rows: out };
}

/**
 * What an imported guest may be invited to: the Program items as the sheet has them (the CLI has no
 * seal key; the imported rows go to review anyway), or the old free-text parts on a workbook whose
 * Program sheet set-up has not yet brought to this version.
 */
function knownParts(wb: WorkbookPort, event: EventSettings): readonly KnownPart[] {
  let t: OpenTable;
  try {
    t = openTable(wb, 'program');
  } catch {
    return event.events;
  }
  const items = t.snap.rows.filter((r) => !isBlankRow(r)).flatMap((r) => {
    const values = Object.fromEntries(Object.entries(t.col).map(([h, i]) => [h, r[i]]));
    const it = checkItem(draftOf(values), String(cellOf(t, r, 'ID')), { startDate: '0000-01-01', endDate: '9999-12-31' });
    return it.ok ? [it.item] : [];
  });
  return items.length ? items : event.events;
}

/** Queues the plan's rows as one append to Gäster (the caller commits); returns the first sheet row. */
export function applyImport(wb: WorkbookPort, plan: ImportPlan): number {
  if (plan.rows.length === 0) return 0;
  return openTable(wb, 'guests').port.append(plan.rows);
}

// ---------------------------------------------------------------------------
// export

export interface ExportOptions {
  readonly format: 'csv' | 'json';
  readonly decimalComma: boolean;
  /** Gäster: include dietary needs and consent (health data, GDPR art. 9); off unless asked for. */
  readonly includeHealth: boolean;
  readonly timeZone: string;
  readonly formatDate: (d: Date, withTime: boolean) => string;
}

const HEALTH = new Set<string>([GUEST_COLUMNS.diet, GUEST_COLUMNS.consent]);

/** A cell a spreadsheet program would run as a formula (CWE-1236, OWASP "CSV injection"). */
export const isFormulaLike = (s: string): boolean => /^[=+\-@\t\r]/.test(s);

export function exportTable(wb: WorkbookPort, which: 'ledger' | 'guests', o: ExportOptions): string {
  const t = openTable(wb, which);
  const cols = TABLES[which].columns.filter((c) => c.header !== SEAL_HEADER && (o.includeHealth || !HEALTH.has(c.header)));
  const rows = t.snap.rows.filter((r) => !isBlankRow(r));
  if (o.format === 'json') {
    const units = Object.fromEntries(cols.filter((c) => c.format === 'sek').map((c) => [c.header, 'öre']));
    const data = rows.map((r) => Object.fromEntries(cols.map((c) => [c.header, jsonValue(cellOf(t, r, c.header), c.format, o)])));
    return `${JSON.stringify({ sheet: t.port.sheetName, units, rows: data }, null, 2)}\n`;
  }
  const sep = o.decimalComma ? ';' : ',';
  const line = (cells: string[]) => cells.map((c) => csvField(c, sep)).join(sep);
  const body = rows.map((r) => line(cols.map((c) => csvValue(cellOf(t, r, c.header), c.format, o))));
  // The BOM makes Excel read UTF-8 ("Överståthållarämbetet", not mojibake); CRLF as RFC 4180 has it.
  return `\ufeff${[line(cols.map((c) => c.header)), ...body].join('\r\n')}\r\n`;
}

function jsonValue(v: Cell, format: string, o: ExportOptions): unknown {
  if (v instanceof Date) return format === 'date' ? o.formatDate(v, false) : v.toISOString();
  if (format === 'sek' && v !== '') {
    const ore = cellOre(v);
    return ore.error ? String(v) : ore.ore;
  }
  return v;
}

function csvValue(v: Cell, format: string, o: ExportOptions): string {
  if (v instanceof Date) return format === 'time' ? o.formatDate(v, true).slice(11) : o.formatDate(v, format !== 'date');
  if (typeof v === 'number') {
    const s = format === 'sek' ? v.toFixed(2) : String(v);
    return o.decimalComma ? s.replace('.', ',') : s;
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  // Text that a spreadsheet would run as a formula gets a leading apostrophe: shown, never evaluated.
  return isFormulaLike(v) ? `'${v}` : v;
}

function csvField(s: string, sep: string): string {
  return s.includes(sep) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// ---------------------------------------------------------------------------
// verify-log

export interface LogReport {
  readonly ok: boolean;
  readonly count: number;
  readonly badRow?: number;
  readonly messages: readonly Msg[];
}

/** The chain row by row, then each anchor the auditor gave (from the registrar's mails). */
export function verifyLog(wb: WorkbookPort, anchors: readonly MailAnchor[]): LogReport {
  const { t, rows } = readLog({ workbook: wb });
  const res = verifyChain(rows);
  if (!res.ok) return { ok: false, count: res.count, badRow: t.snap.firstRow + res.index, messages: [chainBrokenMsg(t.snap.firstRow + res.index)] };
  const hashes = rows.map((r) => r.hash.trim().toLowerCase());
  const messages: Msg[] = [cliMsg.chainHolds(res.count)];
  if (anchors.length === 0) {
    messages.push(cliMsg.noAnchorGiven());
    return { ok: true, count: res.count, messages };
  }
  let badRow: number | undefined;
  for (const a of anchors) {
    const c = checkMailAnchor(hashes, a);
    if (c.ok) {
      messages.push(cliMsg.anchorMatches(a.n));
      continue;
    }
    if (c.kind === 'truncated') {
      badRow ??= t.snap.firstRow + c.found;
      messages.push(cliMsg.truncated(c.found, c.anchored));
    } else {
      badRow ??= t.snap.firstRow + c.upTo - 1;
      messages.push(cliMsg.rewritten(t.snap.firstRow + c.upTo - 1));
    }
  }
  return { ok: badRow === undefined, count: res.count, badRow, messages };
}

// ---------------------------------------------------------------------------
// setup

export interface SetupSheet { readonly sheetId: number; readonly title: string; readonly columnCount: number }

export interface SetupRequests {
  readonly requests: readonly Record<string, unknown>[];
  readonly created: readonly string[];
  readonly completed: readonly string[];
  /** Sheets the add-on's own set-up must make (Översikt: its formulas come with the add-on). */
  readonly leftToAddon: readonly string[];
}

/**
 * The spreadsheets.batchUpdate requests that create or complete the workbook's tables from the layout
 * (src/core/schema.ts): new sheets with their header row, frozen rows and number formats; headers on
 * empty sheets; columns a later version added. A sheet whose headers were changed by hand stops it all.
 */
export function setupRequests(wb: WorkbookPort, sheets: readonly SetupSheet[]): SetupRequests {
  const existing: ExistingSheet[] = sheets.filter((s) => (Object.values(SHEETS) as string[]).includes(s.title)).map((s) => {
    const t = wb.table(s.title);
    const snap = t?.read();
    return { name: s.title, header: snap?.header ?? [], lastRow: t?.lastRow() ?? 0 };
  });
  const plan = planSetup(existing);
  if (plan.conflicts.length) {
    throw new UserError(cliMsg.setupConflicts(plan.conflicts));
  }
  const requests: Record<string, unknown>[] = [];
  const created: string[] = [];
  const completed: string[] = [];
  const leftToAddon: string[] = [];
  let nextId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
  let index = 0;
  for (const p of plan.sheets) {
    const title = SHEETS[p.key];
    const have = sheets.find((s) => s.title === title);
    if (!isTableKey(p.key)) {
      if (!have) leftToAddon.push(title);
      continue;
    }
    if (p.action === 'create') {
      const sheetId = nextId++;
      const width = Math.max(26, TABLES[p.key].columns.length);
      requests.push({ addSheet: { properties: { sheetId, title, index, gridProperties: { rowCount: 1000, columnCount: width, frozenRowCount: TABLES[p.key].frozenRows } } } });
      requests.push(...tableLayout(p.key, sheetId, 0, TABLES[p.key].columns.map((c) => c.header)));
      created.push(title);
    } else if (p.action === 'init' && have) {
      requests.push({ updateSheetProperties: { properties: { sheetId: have.sheetId, gridProperties: { frozenRowCount: TABLES[p.key].frozenRows } }, fields: 'gridProperties.frozenRowCount' } });
      requests.push(...tableLayout(p.key, have.sheetId, 0, TABLES[p.key].columns.map((c) => c.header)));
      completed.push(title);
    } else if (p.action === 'keep' && p.append?.length && have) {
      const from = wb.table(title)?.read().header.length ?? 0;
      const short = from + p.append.length - have.columnCount;
      if (short > 0) requests.push({ appendDimension: { sheetId: have.sheetId, dimension: 'COLUMNS', length: short } });
      requests.push(...tableLayout(p.key, have.sheetId, from, p.append));
      completed.push(title);
    }
    if (have || p.action === 'create') index++;
  }
  return { requests, created, completed, leftToAddon };
}

/** Header cells (bold, literal text) from column `from`, and each column's number format below them. */
function tableLayout(key: TableKey, sheetId: number, from: number, headers: readonly string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [{
    updateCells: {
      start: { sheetId, rowIndex: 0, columnIndex: from },
      rows: [{ values: headers.map((h) => ({ userEnteredValue: { stringValue: h }, userEnteredFormat: { textFormat: { bold: true } } })) }],
      fields: 'userEnteredValue,userEnteredFormat.textFormat.bold',
    },
  }];
  headers.forEach((h, i) => {
    const col = TABLES[key].columns.find((c) => c.header === h);
    const pattern = col ? NUMBER_FORMATS[col.format] : undefined;
    if (pattern) {
      out.push({
        repeatCell: {
          range: { sheetId, startRowIndex: 1, startColumnIndex: from + i, endColumnIndex: from + i + 1 },
          cell: { userEnteredFormat: { numberFormat: { type: col!.format === 'sek' || col!.format === 'integer' || col!.format === 'percent' ? 'NUMBER' : 'DATE_TIME', pattern } } },
          fields: 'userEnteredFormat.numberFormat',
        },
      });
    }
  });
  return out;
}
