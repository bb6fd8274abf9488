/** Cell value parsing, A1 notation, time-zone helpers and number-format display. */
import type { CellState, CellValue } from './store';

export const NBSP = '\u00a0';

export function isDate(v: unknown): v is Date {
  // Dates from the script's realm too (not instanceof this realm's Date). Most values are strings and
  // numbers, and every value crossing between the script and the emulator is asked: answer those first.
  return typeof v === 'object' && v !== null && Object.prototype.toString.call(v) === '[object Date]';
}

// ---------- A1 notation ----------

export function colToLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToCol(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(row: number, col: number, numRows = 1, numCols = 1): string {
  const a = `${colToLetters(col)}${row}`;
  if (numRows === 1 && numCols === 1) return a;
  return `${a}:${colToLetters(col + numCols - 1)}${row + numRows - 1}`;
}

export interface A1Parts {
  sheet?: string;
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

/** Splits "'My sheet'!A1:B2" into sheet name and range part. */
export function splitSheetA1(a1: string): { sheet?: string; ref: string } {
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(a1.trim());
  if (!m) return { ref: a1.trim() };
  return { sheet: m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2], ref: m[3] };
}

/** Parses a range reference (no sheet) against a sheet's size; null when invalid. */
export function parseA1(ref: string, maxRows: number, maxCols: number): A1Parts | null {
  const s = ref.replace(/\$/g, '').toUpperCase();
  let m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(s);
  if (m) {
    const c1 = lettersToCol(m[1]);
    const r1 = Number(m[2]);
    const c2 = m[3] ? lettersToCol(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    if (r1 < 1 || r2 < 1) return null;
    return { row: Math.min(r1, r2), col: Math.min(c1, c2), numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
  }
  m = /^([A-Z]+)(\d+)?:([A-Z]+)(\d+)?$/.exec(s); // A:B, A2:B (open-ended)
  if (m) {
    const c1 = lettersToCol(m[1]);
    const c2 = lettersToCol(m[3]);
    const r1 = m[2] ? Number(m[2]) : 1;
    const r2 = m[4] ? Number(m[4]) : maxRows;
    return { row: Math.min(r1, r2), col: Math.min(c1, c2), numRows: Math.abs(r2 - r1) + 1, numCols: Math.abs(c2 - c1) + 1 };
  }
  m = /^(\d+):(\d+)$/.exec(s);
  if (m) {
    const r1 = Number(m[1]);
    const r2 = Number(m[2]);
    if (r1 < 1 || r2 < 1) return null;
    return { row: Math.min(r1, r2), col: 1, numRows: Math.abs(r2 - r1) + 1, numCols: maxCols };
  }
  return null;
}

// ---------- time zones ----------

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
}

const dtfCache = new Map<string, Intl.DateTimeFormat>();
function dtf(tz: string): Intl.DateTimeFormat {
  let f = dtfCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    dtfCache.set(tz, f);
  }
  return f;
}

const WD = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function zonedParts(date: Date, tz: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const p of dtf(tz).formatToParts(date)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    ms: ((date.getTime() % 1000) + 1000) % 1000,
    weekday: WD.indexOf(parts.weekday),
  };
}

/** Offset of tz from UTC at the given instant, in minutes (Stockholm winter: 60). */
export function tzOffsetMinutes(date: Date, tz: string): number {
  const p = zonedParts(date, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  return Math.round((asUtc - date.getTime()) / 60000);
}

/** The instant at which the wall-clock time in tz reads the given fields. */
export function zonedToDate(tz: string, y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date {
  const guess = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  let t = guess - tzOffsetMinutes(new Date(guess), tz) * 60000;
  t = guess - tzOffsetMinutes(new Date(t), tz) * 60000;
  return new Date(t);
}

export function dayKey(date: Date, tz: string): string {
  const p = zonedParts(date, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

// ---------- parsing typed/written strings like Sheets ----------

/**
 * The spreadsheet's settings that decide how a typed or written string is read: its own time zone
 * and locale (File → Settings; Spreadsheet.getSpreadsheetTimeZone()/getSpreadsheetLocale(),
 * developers.google.com/apps-script/reference/spreadsheet/spreadsheet), not the script's.
 */
export interface InputSettings {
  timeZone: string;
  locale: string;
  /** Now: a date typed without a year falls in the current year of the spreadsheet's zone. */
  now: Date;
}

/**
 * A cell holds at most 50 000 characters. Google's wording, as Apps Script and the Sheets API
 * (400 INVALID_ARGUMENT) report it: freelabz/secator#96 and bellingcat/auto-archiver's logs (API),
 * scripts that catch it from setValue (e.g. the volcengine.com article 2109246). What is counted is
 * the input as given, apostrophe included, in UTF-16 units (decided: no source says which).
 */
export const MAX_CELL_CHARS = 50000;
export const CELL_TOO_LONG_MESSAGE = 'Your input contains more than the maximum of 50000 characters in a single cell.';

export function cellInputTooLong(value: unknown): boolean {
  return typeof value === 'string' && value.length > MAX_CELL_CHARS;
}

/** Whether `tz` names a time zone (IANA/CLDR id, as the Sheets API's timeZone property). */
export function isValidTimeZone(tz: unknown): boolean {
  if (typeof tz !== 'string' || tz === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** How a locale reads typed numbers and dates. */
export interface LocaleRules {
  /** Decimal separator. */
  dec: '.' | ',';
  /** Thousands separators accepted between groups of three digits. */
  group: string[];
  /** Numeric dates with slashes: month first, day first, or not recognised (then text). */
  slashDates: 'MDY' | 'DMY' | null;
  /** The number format a typed slash date gets. */
  slashDateFormat?: string;
  /** The locale's own currency: typed with it, a number gets this format. */
  currency: { symbol: string; at: 'prefix' | 'suffix'; format: string } | null;
}

/**
 * The locales the emulator reads typed strings for. Sources and decisions:
 * - Separators: "For countries using decimal comma separators (for example €2,50), which is most
 *   of the European countries … Decimals will be denoted by a comma"; the US and UK use a decimal
 *   point (benlcollins.com/spreadsheets/sheets-location). Sweden groups thousands with a space
 *   (CLDR, as Intl.NumberFormat('sv-SE') prints them: U+00A0); a typed "22 34" turning into a
 *   number is reported in vlucas/sheetquery#20. Groups must be of three digits (decided).
 * - sv_SE: "1.5" and "1.000" are text. Whether Sheets reads them as a date there is unknown
 *   (decided: text). Slash dates ("8/12/2009", "1/2") are text too (decided, unknown).
 * - en_US month/day/year, en_GB day/month/year: the CLDR short date patterns (M/d/y, dd/MM/y); a
 *   number-slash-number without a year becomes a date "within the current year"
 *   (thebricks.com/resources/guide-how-to-write-1-2-in-google-sheets).
 * - ISO dates ("2009-12-08") are dates in every locale (as before; the brief of issue 8).
 * - Currency: only the locale's own symbol ($, £, kr); the formats given are the emulator's choice.
 * Any other locale: by its language (en → en_US, sv → sv_SE), else its separators only (decided).
 */
const NBSP_CHARS = [' ', NBSP, '\u202f'];
export const LOCALE_RULES: Readonly<Record<string, LocaleRules>> = {
  en_US: { dec: '.', group: [','], slashDates: 'MDY', slashDateFormat: 'M/d/yyyy', currency: { symbol: '$', at: 'prefix', format: '"$"#,##0.00' } },
  en_GB: { dec: '.', group: [','], slashDates: 'DMY', slashDateFormat: 'dd/MM/yyyy', currency: { symbol: '£', at: 'prefix', format: '"£"#,##0.00' } },
  sv_SE: { dec: ',', group: NBSP_CHARS, slashDates: null, currency: { symbol: 'kr', at: 'suffix', format: '#,##0.00 "kr"' } },
};

export function localeRules(locale: string): LocaleRules {
  const exact = LOCALE_RULES[locale];
  if (exact) return exact;
  const lang = locale.toLowerCase().split(/[_-]/)[0];
  if (lang === 'en') return LOCALE_RULES.en_US;
  if (lang === 'sv') return LOCALE_RULES.sv_SE;
  const sep = localeSep(locale);
  return { dec: sep.dec === ',' ? ',' : '.', group: sep.group === NBSP ? NBSP_CHARS : [sep.group], slashDates: null, currency: null };
}

const esc = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const numberReCache = new Map<LocaleRules, RegExp>();
function numberRe(L: LocaleRules): RegExp {
  let re = numberReCache.get(L);
  if (!re) {
    const g = L.group.map(esc).join('');
    const d = esc(L.dec);
    const int = `(?:\\d{1,3}(?:[${g}]\\d{3})+|\\d+)`;
    re = new RegExp(`^[+-]?(?:${int}(?:${d}\\d*)?|${d}\\d+)(?:[eE][+-]?\\d+)?$`);
    numberReCache.set(L, re);
  }
  return re;
}

/** A number as the locale writes it ("1 000,5" in sv_SE, "1,000.5" in en_US), or null. */
export function parseLocaleNumber(t: string, L: LocaleRules): number | null {
  if (!numberRe(L).test(t)) return null;
  let s = t;
  for (const g of L.group) s = s.split(g).join('');
  if (L.dec === ',') s = s.replace(',', '.');
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function validDay(y: number, mo: number, d: number): boolean {
  return mo >= 1 && mo <= 12 && d >= 1 && d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** A typed date/time: midnight (or the typed time) in the spreadsheet's zone. */
function typedDate(s: InputSettings, y: number, mo: number, d: number, time: (string | undefined)[]): Date | null {
  const [h, mi, se] = time.map((x) => Number(x ?? 0));
  if (!validDay(y, mo, d) || h > 23 || mi > 59 || se > 59) return null;
  return zonedToDate(s.timeZone, y, mo, d, h, mi, se);
}

/**
 * What Sheets stores for a value written with setValue(s) or typed by a person: the cell content
 * (value + formula + an implied number format). A string is read "as if the user typed them into
 * the UI … strings may be converted to numbers, dates, etc. following the same rules that are
 * applied when entering text into a cell via the Google Sheets UI" (Sheets API ValueInputOption
 * USER_ENTERED, developers.google.com/sheets/api/reference/rest/v4/ValueInputOption), by the
 * spreadsheet's locale and in its time zone; a leading apostrophe keeps it text.
 */
export function parseInput(value: unknown, s: InputSettings): { v: CellValue; f?: string; fmt?: string } {
  if (value === null || value === undefined) return { v: '' };
  if (typeof value === 'number') return { v: Number.isFinite(value) ? value : '#NUM!' };
  if (typeof value === 'boolean') return { v: value };
  if (isDate(value)) return { v: new Date(value.getTime()) };
  if (typeof value !== 'string') return { v: String(value) };
  const str = value;
  if (str.startsWith("'")) return { v: str.slice(1) };
  if (str.startsWith('=') && str.length > 1) return { v: '', f: str };
  const t = str.trim();
  if (t === '') return { v: str };
  const L = localeRules(s.locale);
  const n = parseLocaleNumber(t, L);
  if (n !== null) return { v: n };
  let m = /^(.+?)\s?%$/.exec(t);
  const pct = m ? parseLocaleNumber(m[1], L) : null;
  if (m && pct !== null) return { v: pct / 100, fmt: m[1].includes(L.dec) ? '0.00%' : '0%' };
  const cur = L.currency;
  if (cur) {
    const sym = esc(cur.symbol);
    m = cur.at === 'prefix' ? new RegExp(`^([+-]?)\\s?${sym}\\s?([^+-].*)$`).exec(t) : new RegExp(`^(.+?)\\s?${sym}$`, 'i').exec(t);
    const amount = m ? parseLocaleNumber(cur.at === 'prefix' ? m[2] : m[1], L) : null;
    if (m && amount !== null) return { v: cur.at === 'prefix' && m[1] === '-' ? -amount : amount, fmt: cur.format };
  }
  if (/^true$/i.test(t)) return { v: true };
  if (/^false$/i.test(t)) return { v: false };
  const TIME = '(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$';
  m = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME}`).exec(t);
  if (m) {
    const date = typedDate(s, Number(m[1]), Number(m[2]), Number(m[3]), [m[4], m[5], m[6]]);
    if (date) return { v: date, fmt: m[4] !== undefined ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd' };
  }
  m = L.slashDates ? new RegExp(`^(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}))?${TIME.replace('[ T]', ' ')}`).exec(t) : null;
  if (m && L.slashDates) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const [mo, d] = L.slashDates === 'MDY' ? [a, b] : [b, a];
    const y = m[3] !== undefined ? Number(m[3]) : zonedParts(s.now, s.timeZone).year;
    const date = typedDate(s, y, mo, d, [m[4], m[5], m[6]]);
    if (date) return { v: date, fmt: `${L.slashDateFormat ?? 'yyyy-mm-dd'}${m[4] !== undefined ? ' H:mm:ss' : ''}` };
  }
  return { v: str };
}

// ---------- display ----------

const MS_PER_DAY = 86400000;
/** Sheets serial number (days since 1899-12-30 in the sheet's time zone) of a date. */
export function dateToSerial(d: Date, tz: string): number {
  const p = zonedParts(d, tz);
  const local = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.ms);
  return (local - Date.UTC(1899, 11, 30)) / MS_PER_DAY;
}
export function serialToDate(n: number, tz: string): Date {
  const local = new Date(Date.UTC(1899, 11, 30) + Math.round(n * MS_PER_DAY));
  return zonedToDate(
    tz,
    local.getUTCFullYear(),
    local.getUTCMonth() + 1,
    local.getUTCDate(),
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  );
}

interface LocaleSep {
  dec: string;
  group: string;
}
function localeSep(locale: string): LocaleSep {
  const l = locale.toLowerCase();
  if (/^(sv|fi|nb|no|nn|fr|cs|pl|ru|sk|uk)/.test(l)) return { dec: ',', group: NBSP };
  if (/^(de|da|es|it|nl|pt|tr|id)/.test(l)) return { dec: ',', group: '.' };
  return { dec: '.', group: ',' };
}

function generalNumber(n: number, sep: LocaleSep): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  let s: string;
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e15 || a < 1e-9)) s = n.toExponential(5).replace(/\.?0+e/, 'E').replace('e', 'E');
  else s = String(Number(n.toPrecision(10)));
  return s.replace('.', sep.dec);
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') q = !q;
    if (ch === '\\' && !q) {
      cur += ch + (fmt[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === ';' && !q) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** Tokenises into literals and pattern runs. */
function tokens(fmt: string): { lit: boolean; s: string }[] {
  const out: { lit: boolean; s: string }[] = [];
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') {
      const j = fmt.indexOf('"', i + 1);
      const end = j < 0 ? fmt.length : j;
      out.push({ lit: true, s: fmt.slice(i + 1, end) });
      i = end;
    } else if (ch === '\\') {
      out.push({ lit: true, s: fmt[i + 1] ?? '' });
      i++;
    } else if (ch === '[') {
      const j = fmt.indexOf(']', i);
      i = j < 0 ? fmt.length : j; // colour / condition: ignored
    } else if (ch === '_') {
      out.push({ lit: true, s: ' ' });
      i++;
    } else if (ch === '*') {
      i++;
    } else out.push({ lit: false, s: ch });
  }
  return out;
}

/** A number format that shows a date or time (the cell's number is then a date serial). */
export function isDateFormat(fmt: string): boolean {
  const stripped = tokens(fmt)
    .filter((t) => !t.lit)
    .map((t) => t.s)
    .join('');
  return /[yYdDhHsS]/.test(stripped) || /[mM]/.test(stripped.replace(/am\/pm|a\/p/gi, ''));
}

function formatNumberPattern(n: number, fmt: string, sep: LocaleSep): string {
  const toks = tokens(fmt);
  const pat = toks.filter((t) => !t.lit).map((t) => t.s).join('');
  const percent = (pat.match(/%/g) ?? []).length;
  let x = Math.abs(n) * Math.pow(100, percent);
  const numPat = /[0#?,.]+/.exec(pat)?.[0] ?? '';
  const dot = numPat.indexOf('.');
  const intPat = dot < 0 ? numPat : numPat.slice(0, dot);
  const fracPat = dot < 0 ? '' : numPat.slice(dot + 1).replace(/,/g, '');
  // trailing commas scale by 1000
  let intP = intPat;
  while (intP.endsWith(',')) {
    x /= 1000;
    intP = intP.slice(0, -1);
  }
  const grouping = intP.includes(',');
  const minInt = (intP.match(/0/g) ?? []).length;
  const minFrac = (fracPat.match(/0/g) ?? []).length;
  const maxFrac = fracPat.length;
  let fixed = x.toFixed(maxFrac);
  let [ip, fp = ''] = fixed.split('.');
  while (fp.length > minFrac && fp.endsWith('0')) fp = fp.slice(0, -1);
  if (ip === '0' && minInt === 0) ip = '';
  ip = ip.padStart(minInt, '0');
  if (grouping) ip = ip.replace(/\B(?=(\d{3})+(?!\d))/g, sep.group);
  fixed = fp.length > 0 || fracPat.includes('0') ? `${ip}${sep.dec}${fp}` : dot >= 0 && maxFrac === 0 ? `${ip}` : ip;
  // rebuild with literals around the number
  let out = '';
  let placed = false;
  let inNum = false;
  for (const t of toks) {
    if (t.lit) {
      out += t.s;
      inNum = false;
      continue;
    }
    if (/[0#?,.]/.test(t.s)) {
      if (!placed) {
        out += fixed;
        placed = true;
      }
      inNum = true;
      continue;
    }
    void inNum;
    out += t.s;
  }
  if (!placed) out = fixed + out;
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function formatDatePattern(d: Date, fmt: string, tz: string): string {
  const p = zonedParts(d, tz);
  const toks = tokens(fmt);
  // merge runs of identical letters
  const runs: { lit: boolean; s: string }[] = [];
  for (const t of toks) {
    const last = runs[runs.length - 1];
    if (!t.lit && last && !last.lit && last.s[0].toLowerCase() === t.s.toLowerCase() && /[a-z]/i.test(t.s)) last.s += t.s;
    else runs.push({ ...t });
  }
  // AM/PM and A/P arrive as runs A, M, /, P, M and A, /, P: found by looking ahead.
  const marker = (i: number): number => {
    const ahead = (n: number) => runs.slice(i, i + n).map((r) => (r.lit ? '\0' : r.s)).join('');
    return /^am\/pm$/i.test(ahead(5)) ? 5 : /^a\/p$/i.test(ahead(3)) ? 3 : 0;
  };
  const ampm = runs.some((_r, i) => marker(i) > 0);
  let out = '';
  for (let i = 0; i < runs.length; i++) {
    const r = runs[i];
    if (r.lit) {
      out += r.s;
      continue;
    }
    const am = marker(i);
    if (am > 0) {
      out += am === 5 ? (p.hour < 12 ? 'AM' : 'PM') : p.hour < 12 ? 'A' : 'P';
      i += am - 1;
      continue;
    }
    const c = r.s[0].toLowerCase();
    const len = r.s.length;
    if (c === 'y') out += len <= 2 ? String(p.year % 100).padStart(2, '0') : String(p.year);
    else if (c === 'd')
      out += len === 1 ? String(p.day) : len === 2 ? String(p.day).padStart(2, '0') : len === 3 ? DAYS[p.weekday].slice(0, 3) : DAYS[p.weekday];
    else if (c === 'h') {
      const h = ampm ? p.hour % 12 || 12 : p.hour;
      out += len >= 2 ? String(h).padStart(2, '0') : String(h);
    } else if (c === 's') out += len >= 2 ? String(p.second).padStart(2, '0') : String(p.second);
    else if (c === 'm') {
      // minutes if after an hour token or before a seconds token
      const isTok = (x: { lit: boolean; s: string }) => !x.lit && /^[a-z]/i.test(x.s);
      const prev = runs.slice(0, i).reverse().find(isTok);
      const next = runs.slice(i + 1).find(isTok);
      const minute = (prev && /^h/i.test(prev.s)) || (next && /^s/i.test(next.s));
      if (minute && len <= 2) out += len === 2 ? String(p.minute).padStart(2, '0') : String(p.minute);
      else out += len === 1 ? String(p.month) : len === 2 ? String(p.month).padStart(2, '0') : len === 3 ? MONTHS[p.month - 1].slice(0, 3) : MONTHS[p.month - 1];
    } else out += r.s; // separators such as "/", "-", ".", ":"
  }
  return out;
}

/** What Sheets would display for a cell (getDisplayValue). */
export function displayValue(cell: CellState | null | undefined, tz: string, locale: string): string {
  if (!cell) return '';
  if (cell.f !== undefined && cell.v === '') return '';
  const sep = localeSep(locale);
  const v = cell.v;
  const fmt = cell.fmt && cell.fmt !== 'General' ? cell.fmt : undefined;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') {
    if (fmt) {
      const sections = splitSections(fmt);
      const textSec = sections.length >= 4 ? sections[3] : sections.find((s) => s.includes('@'));
      if (textSec) return tokens(textSec).map((t) => (t.lit ? t.s : t.s === '@' ? v : t.s)).join('');
    }
    return v;
  }
  if (isDate(v)) {
    if (Number.isNaN(v.getTime())) return '';
    if (!fmt || fmt === '@') {
      const p = zonedParts(v, tz);
      const midnight = p.hour === 0 && p.minute === 0 && p.second === 0;
      return formatDatePattern(v, midnight ? 'yyyy-mm-dd' : 'yyyy-mm-dd hh:mm:ss', tz);
    }
    if (isDateFormat(fmt)) return formatDatePattern(v, fmt, tz);
    return displayValue({ v: dateToSerial(v, tz), fmt }, tz, locale);
  }
  // number
  if (!fmt || fmt === '@') return generalNumber(v, sep);
  const sections = splitSections(fmt);
  let sec = sections[0];
  let n = v;
  if (v < 0 && sections.length >= 2 && sections[1] !== '') {
    sec = sections[1];
    n = -v;
  } else if (v === 0 && sections.length >= 3 && sections[2] !== '') sec = sections[2];
  if (isDateFormat(sec)) return formatDatePattern(serialToDate(n, tz), sec, tz);
  if (!/[0#?]/.test(sec)) return tokens(sec).map((t) => t.s).join('') || generalNumber(n, sep);
  const body = formatNumberPattern(n, sec, sep);
  return n < 0 && !/^0+([.,]0*)?$/.test(body.replace(/[^\d.,]/g, '')) ? `-${body}` : body;
}
