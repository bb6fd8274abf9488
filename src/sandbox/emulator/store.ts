/**
 * Emulator state: one spreadsheet plus the script-level stores (properties,
 * cache, outbox index, mail quota). Plain data, serialisable to one JSON file
 * (Dates tagged as {"$date": iso}), validated with zod on load. A field that
 * stores written by earlier versions have and this one doesn't (userProperties,
 * triggers; a cell's note and background, a sheet's tab colour and hidden flag,
 * a protection's unprotected ranges, a conditional format's bold) is dropped on
 * load, not refused: nothing reads it any more.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { isValidTimeZone } from './values';

export const STORE_SCHEMA_VERSION = 1;

export type CellValue = string | number | boolean | Date;

export interface CellState {
  v: CellValue;
  f?: string;
  fmt?: string;
  bold?: boolean;
}

export interface ValidationRuleState {
  criteria: 'VALUE_IN_LIST' | 'VALUE_IN_RANGE';
  values?: string[];
  sourceA1?: string;
  showDropdown: boolean;
  allowInvalid: boolean;
  helpText?: string;
}

export interface DataValidationState {
  a1: string;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  rule: ValidationRuleState;
}

export interface ProtectionState {
  id: string;
  type: 'SHEET' | 'RANGE';
  a1?: string;
  description: string;
  warningOnly: boolean;
  editors: string[];
  /**
   * Fresh from protect(): until a script changes the editor list (add/removeEditor(s),
   * setDomainEdit) "the permissions mirror those of the spreadsheet itself, which
   * effectively means that the range remains unprotected" (reference of Range.protect()
   * and Sheet.protect(): developers.google.com/apps-script/reference/spreadsheet/range#protect()).
   * Absent in stores written before this field existed: those lists are explicit.
   */
  mirrorsFile?: boolean;
  /** Protection.setDomainEdit(true): every user of the owner's domain may edit. */
  domainEdit?: boolean;
}

/** An embedded chart (Sheet.insertChart): what it plots, where, with which options. */
export interface ChartState {
  id: string;
  type: string;
  /** A1 ranges on this sheet, in the order added (first = domain). */
  ranges: string[];
  row: number;
  col: number;
  numHeaders: number;
  options: Record<string, string | number | boolean>;
}

/** A conditional-format rule (custom formula only, what the add-on uses). */
export interface ConditionalFormatState {
  ranges: string[];
  formula: string;
  background?: string;
  fontColor?: string;
}

/**
 * A number format set over a range (Range.setNumberFormat, the Sheets API's repeatCell): one band
 * instead of a format-only cell per row (see getCell in spreadsheet.ts). Later bands win.
 */
export interface FormatBandState {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
  fmt: string;
}

export interface SheetState {
  name: string;
  sheetId: number;
  maxRows: number;
  maxCols: number;
  /** rows[r][c] (0-based); missing/null = empty cell. */
  rows: (Array<CellState | null> | null)[];
  frozenRows: number;
  dataValidations: DataValidationState[];
  protections: ProtectionState[];
  columnWidths: Record<string, number>;
  charts?: ChartState[];
  conditionalFormats?: ConditionalFormatState[];
  /** Number formats over ranges, oldest first (absent: none). */
  formats?: FormatBandState[];
}

export interface OutboxEntry {
  id: string;
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  date: Date;
  file: string | null;
  attachments: string[];
}

export interface CacheEntry {
  v: string;
  exp: number;
}

export interface StoreState {
  version: number;
  spreadsheet: {
    id: string;
    name: string;
    locale: string;
    timeZone: string;
    activeSheetId: number;
    nextSheetId: number;
    sheets: SheetState[];
  };
  documentProperties: Record<string, string>;
  scriptProperties: Record<string, string>;
  /** scope key → key → entry; the add-on uses the script cache only ('script'). */
  cache: Record<string, Record<string, CacheEntry>>;
  outbox: OutboxEntry[];
  mailQuota: { date: string; used: number };
}

/** The spreadsheet part of the state (what SpreadsheetApp reads and writes). */
export type SpreadsheetState = StoreState['spreadsheet'];

export class EmulatorStoreError extends Error {
  readonly file: string;
  constructor(file: string, sv: string, en: string) {
    super(`${sv} (${file}). / ${en} (${file}).`);
    this.name = 'EmulatorStoreError';
    this.file = file;
  }
}

export function newSheetState(name: string, sheetId: number, rows = 1000, cols = 26): SheetState {
  return {
    name,
    sheetId,
    maxRows: rows,
    maxCols: cols,
    rows: [],
    frozenRows: 0,
    dataValidations: [],
    protections: [],
    columnWidths: {},
  };
}

/**
 * A new spreadsheet's own zone and locale when nothing else is given (Spreadsheet.getSpreadsheetTimeZone()
 * and getSpreadsheetLocale(); separate from the script's zone). Also what a stored state without
 * them loads with.
 */
export const DEFAULT_SPREADSHEET_TIME_ZONE = 'Europe/Stockholm';
export const DEFAULT_SPREADSHEET_LOCALE = 'sv_SE';
/** Locales are written like en_US, sv or fil (Sheets API SpreadsheetProperties.locale). */
export const LOCALE_PATTERN = /^[a-z]{2,3}(_[A-Z]{2})?$/;

export function createInitialState(opts: { id?: string; name?: string; timeZone?: string; locale?: string } = {}): StoreState {
  const timeZone = opts.timeZone ?? DEFAULT_SPREADSHEET_TIME_ZONE;
  const locale = opts.locale ?? DEFAULT_SPREADSHEET_LOCALE;
  if (!isValidTimeZone(timeZone)) throw new Error(`Unknown time zone for the spreadsheet: ${timeZone}`);
  if (!LOCALE_PATTERN.test(locale)) throw new Error(`Unknown locale for the spreadsheet: ${locale} (write it like en_US)`);
  return {
    version: STORE_SCHEMA_VERSION,
    spreadsheet: {
      id: opts.id ?? '1SummitPlannerEmulatorSpreadsheet0000000000',
      name: opts.name ?? 'Summit Planner',
      locale,
      timeZone,
      activeSheetId: 0,
      nextSheetId: 1,
      sheets: [newSheetState('Blad1', 0)],
    },
    documentProperties: {},
    scriptProperties: {},
    cache: {},
    outbox: [],
    mailQuota: { date: '', used: 0 },
  };
}

// ---------- validation ----------

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.date()]);
const cell = z.object({
  v: cellValue,
  f: z.string().optional(),
  fmt: z.string().optional(),
  bold: z.boolean().optional(),
});
const rule = z.object({
  criteria: z.enum(['VALUE_IN_LIST', 'VALUE_IN_RANGE']),
  values: z.array(z.string()).optional(),
  sourceA1: z.string().optional(),
  showDropdown: z.boolean(),
  allowInvalid: z.boolean(),
  helpText: z.string().optional(),
});
const posInt = z.number().int().min(1);
const sheet = z.object({
  name: z.string().min(1),
  sheetId: z.number().int().min(0),
  maxRows: posInt,
  maxCols: posInt,
  rows: z.array(z.array(cell.nullable()).nullable()),
  frozenRows: z.number().int().min(0),
  dataValidations: z.array(
    z.object({ a1: z.string(), row: posInt, col: posInt, numRows: posInt, numCols: posInt, rule }),
  ),
  protections: z.array(
    z.object({
      id: z.string(),
      type: z.enum(['SHEET', 'RANGE']),
      a1: z.string().optional(),
      description: z.string(),
      warningOnly: z.boolean(),
      editors: z.array(z.string()),
      mirrorsFile: z.boolean().optional(),
      domainEdit: z.boolean().optional(),
    }),
  ),
  columnWidths: z.record(z.string(), z.number()),
  charts: z.array(z.object({
    id: z.string(), type: z.string(), ranges: z.array(z.string()), row: posInt, col: posInt, numHeaders: z.number().int().min(0),
    options: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })).optional(),
  conditionalFormats: z.array(z.object({
    ranges: z.array(z.string()), formula: z.string(), background: z.string().optional(), fontColor: z.string().optional(),
  })).optional(),
  formats: z.array(z.object({ row: posInt, col: posInt, numRows: posInt, numCols: posInt, fmt: z.string() })).optional(),
});
const strMap = z.record(z.string(), z.string());
const storeSchema = z.object({
  version: z.literal(STORE_SCHEMA_VERSION),
  spreadsheet: z.object({
    id: z.string().min(1),
    name: z.string(),
    // Absent in a hand-written or older store: the defaults. A wrong value is refused, not guessed.
    locale: z.string().regex(LOCALE_PATTERN).default(DEFAULT_SPREADSHEET_LOCALE),
    timeZone: z.string().refine(isValidTimeZone, 'unknown time zone').default(DEFAULT_SPREADSHEET_TIME_ZONE),
    activeSheetId: z.number().int(),
    nextSheetId: z.number().int(),
    sheets: z.array(sheet).min(1),
  }),
  documentProperties: strMap,
  scriptProperties: strMap,
  cache: z.record(z.string(), z.record(z.string(), z.object({ v: z.string(), exp: z.number() }))),
  outbox: z.array(
    z.object({
      id: z.string(),
      messageId: z.string(),
      from: z.string(),
      to: z.array(z.string()),
      cc: z.array(z.string()),
      bcc: z.array(z.string()),
      subject: z.string(),
      date: z.date(),
      file: z.string().nullable(),
      attachments: z.array(z.string()),
    }),
  ),
  mailQuota: z.object({ date: z.string(), used: z.number().int().min(0) }),
});

// ---------- (de)serialisation ----------

export function serializeState(state: StoreState): string {
  return JSON.stringify(
    state,
    function (this: Record<string, unknown>, key: string, value: unknown) {
      const raw = this[key];
      if (raw instanceof Date) return { $date: Number.isNaN(raw.getTime()) ? null : raw.toISOString() };
      return value;
    },
  );
}

export function parseState(text: string, file = '<memory>'): StoreState {
  let raw: unknown;
  try {
    raw = JSON.parse(text, (_key, value: unknown) => {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const keys = Object.keys(value);
        if (keys.length === 1 && keys[0] === '$date') {
          const iso = (value as { $date: unknown }).$date;
          return iso === null ? new Date(NaN) : new Date(String(iso));
        }
      }
      return value;
    });
  } catch (e) {
    throw new EmulatorStoreError(
      file,
      `Emulatorns datafil är skadad och kan inte läsas: ${(e as Error).message}. Ta bort filen för att börja om`,
      `The emulator's data file is corrupted and cannot be read: ${(e as Error).message}. Delete the file to reset`,
    );
  }
  if (raw && typeof raw === 'object' && 'version' in raw && (raw as { version: unknown }).version !== STORE_SCHEMA_VERSION) {
    const v = String((raw as { version: unknown }).version);
    throw new EmulatorStoreError(
      file,
      `Emulatorns datafil har schemaversion ${v}, förväntad ${STORE_SCHEMA_VERSION}. Ta bort filen för att börja om`,
      `The emulator's data file has schema version ${v}, expected ${STORE_SCHEMA_VERSION}. Delete the file to reset`,
    );
  }
  const parsed = storeSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown';
    throw new EmulatorStoreError(
      file,
      `Emulatorns datafil har fel format (${where}). Ta bort filen för att börja om`,
      `The emulator's data file has the wrong shape (${where}). Delete the file to reset`,
    );
  }
  return parsed.data as StoreState;
}

/** Writes atomically: temp file in the same directory, then rename. */
export function saveState(state: StoreState, file: string): void {
  const dir = path.dirname(path.resolve(file));
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  fs.writeFileSync(tmp, serializeState(state), 'utf8');
  fs.renameSync(tmp, file);
}

export function loadState(file: string): StoreState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new EmulatorStoreError(
      file,
      `Emulatorns datafil kan inte läsas: ${(e as Error).message}`,
      `The emulator's data file cannot be read: ${(e as Error).message}`,
    );
  }
  return parseState(text, file);
}

/**
 * A deep copy (Dates stay Dates). Not a round trip through serializeState/parseState: the schema
 * check is for files a person may have edited, and repeating it on every fork was most of the
 * crash sweeps' time (a 30-guest workbook is forked several hundred times).
 */
export function cloneState(state: StoreState): StoreState {
  return structuredClone(state);
}
