/**
 * `npm start`: the sandbox — a local, tiny "Google Sheets" around the Apps
 * Script emulator, running the built add-on (appsscript/Code.js + *.html).
 *
 *   npm start                 http://127.0.0.1:8787 (PORT env to change)
 *   npm start -- --reset      forget the workbook and outbox, seed afresh
 *
 * Data lives in .sandbox/ (git-ignored): workbook.json (emulator store) and
 * outbox/*.eml. JSON endpoints (all POST bodies are JSON and carry `user` and
 * `locale`):
 *   GET  /api/state?sheet=&user=&locale=   spreadsheet, sheet tabs, grid of display values
 *   POST /api/open                         runs onOpen (LIMITED) → menus
 *   POST /api/run   {fn}                   a menu item, FULL auth → ui effects
 *   POST /api/edit  {sheet,row,col,values,kind} a user edit (type|paste|fill|clear) → onEdit via fireEdit
 *   POST /api/rows  {sheet,action,row,count}  a user deletes or inserts rows (no onEdit, as in Sheets)
 *   GET  /api/versions, POST /api/restore {id}  automatic versions (before each change) and restoring one
 *   POST /api/rpc   {fn,args}              google.script.run from a sidebar or web app frame
 *   GET  /api/outbox, /api/outbox/:id, /api/outbox/:id/html, /outbox/:id.eml
 *   GET  /frame/:id                        the HTML of a sidebar or web app page, shim injected
 *   GET  /exec?…                           the web app: doGet(e) as the anonymous visitor (run as the owner);
 *                                          its page in a frame whose google.script.run calls run anonymously too
 *   /v4/spreadsheets/…                     the Sheets API v4 subset `summit` uses, on the same workbook
 *                                          (src/sandbox/sheets-api.ts; `summit --endpoint http://127.0.0.1:8787`)
 */
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { Emulator, isCallableFromClient, type EditKind, type ExecutionResult, type LatencyOptions } from './emulator/runtime';
import { VersionHistory } from './emulator/versions';
import { HtmlOutput, escapeHtml } from './emulator/services';
import { EmulatorStoreError, loadState, type OutboxEntry } from './emulator/store';
import { displayValue, toA1 } from './emulator/values';
import { FormulaContext } from './emulator/formula';
import { getCell } from './emulator/spreadsheet';
import { seedWorkbook } from './seed';
import type { ShimConfig } from './web/shim';
import { SheetsApi } from './sheets-api';
import { readJsonObject } from './json-body';

const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(__dirname, 'web');
const BUILD_DIR = path.join(ROOT, 'appsscript');

export const SANDBOX_USERS = [
  'projektledare@example.org',
  'ekonomi@example.org',
  'styrgrupp@example.org',
  'okand@example.org',
] as const;
export const DEFAULT_USER = SANDBOX_USERS[0];
const LOCALES = new Set(['sv_SE', 'sv', 'en', 'en_US', 'en_GB']);
const MAX_GRID_ROWS = 500;
const MAX_GRID_COLS = 40;
const MAX_FRAMES = 50;
const MAX_BODY = 2 * 1024 * 1024;
const MAX_VERSIONS = 20;
const EDIT_KINDS = new Set<EditKind>(['type', 'paste', 'fill', 'clear']);
const MAX_ROW_CHANGE = 100;
const EDIT_LABELS: Record<EditKind, string> = { type: 'Redigering', paste: 'Inklistring', fill: 'Fyllning', clear: 'Rensning' };

// ---------- the emulator, as the sandbox uses it ----------

type ExecOut = ExecutionResult & { rejected?: string };

export class SandboxStartError extends Error {}

function resetHint(file: string): string {
  return `Starta om med en tom arbetsbok: npm start -- --reset (eller ta bort ${file}). / To start afresh: npm start -- --reset (or delete ${file}).`;
}

/** The built bundle; re-read when `npm run build` rewrote it. */
class Bundle {
  private code = '';
  private mtime = -1;
  private names: string[] = [];
  constructor(private readonly file: string) {}
  get(): string {
    let st: fs.Stats;
    try {
      st = fs.statSync(this.file);
    } catch {
      throw new SandboxStartError(`${this.file} saknas: kör npm run build först. / ${this.file} is missing: run npm run build first.`);
    }
    if (st.mtimeMs !== this.mtime) {
      this.code = fs.readFileSync(this.file, 'utf8');
      this.mtime = st.mtimeMs;
      // The build writes one `function name(){return SummitPlanner.name…}` line per entry point.
      this.names = [...this.code.matchAll(/(?:^|\n)function ([A-Za-z_$][\w$]*)\s*\(/g)].map((m) => m[1]);
    }
    return this.code;
  }
  functions(): string[] {
    this.get();
    return this.names;
  }
}

function errorMessage(e: unknown): { message: string; name?: string } {
  if (e instanceof Error) return { message: e.message, name: e.name };
  if (e && typeof e === 'object' && 'message' in e) {
    const o = e as { message: unknown; name?: unknown };
    return { message: String(o.message), name: typeof o.name === 'string' ? o.name : undefined };
  }
  return { message: String(e) };
}

/** What Apps Script hands to the client: JSON copies; a Date or function anywhere makes the whole value null. */
export function clientValue(v: unknown): unknown {
  const bad = (x: unknown, seen: Set<object>): boolean => {
    if (typeof x === 'function' || typeof x === 'symbol' || typeof x === 'bigint') return true;
    if (x === null || typeof x !== 'object') return false;
    if (x instanceof Date) return true;
    if (seen.has(x)) return true;
    seen.add(x);
    const r = Array.isArray(x) ? x.some((y) => bad(y, seen)) : Object.values(x).some((y) => bad(y, seen));
    seen.delete(x);
    return r;
  };
  if (v === undefined || bad(v, new Set())) return null;
  return JSON.parse(JSON.stringify(v));
}

// ---------- the page assets ----------

interface Assets { html: string; js: string; css: string; shim: string; webapp: string }

async function buildAssets(): Promise<Assets> {
  const bundle = async (entry: string, globalName?: string) => {
    const r = await esbuild.build({
      entryPoints: [path.join(WEB, entry)], bundle: true, format: 'iife', globalName, platform: 'browser',
      target: 'es2020', minify: true, write: false, legalComments: 'none', logLevel: 'silent',
    });
    return r.outputFiles[0].text;
  };
  return {
    html: fs.readFileSync(path.join(WEB, 'index.html'), 'utf8'),
    css: fs.readFileSync(path.join(WEB, 'app.css'), 'utf8'),
    js: await bundle('app.ts'),
    shim: await bundle('shim.ts', '__spShim'),
    webapp: await bundle('webapp.ts'),
  };
}

/** Puts the shim before every script of the page (right after <head>, or first thing). */
export function injectShim(html: string, shimJs: string, cfg: ShimConfig): string {
  const json = JSON.stringify(cfg).replace(/</g, '\\u003c');
  const code = `${shimJs}\n__spShim.install(${json});try{delete window.__spShim}catch(e){window.__spShim=undefined}`;
  const tag = `<script>${code.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  if (doctype) return doctype[0] + tag + html.slice(doctype[0].length);
  return tag + html;
}

// ---------- HTTP helpers ----------

const SECURITY_HEADERS = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const FRAME_CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";
const EXEC_CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const MAIL_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data: cid:; frame-ancestors 'self'";

function send(res: http.ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': type, ...SECURITY_HEADERS, ...extra });
  res.end(body);
}
function sendJson(res: http.ServerResponse, status: number, data: unknown) {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(data));
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  // JSON only: a cross-site form can't send it without a CORS preflight we never answer.
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'Content-Type must be application/json');
  return readJsonObject(req, MAX_BODY, { tooLarge: () => new HttpError(413, 'Request too large'), invalid: () => new HttpError(400, 'Invalid JSON body') });
}

function userOf(v: unknown): string {
  const s = typeof v === 'string' ? v.trim().toLowerCase() : '';
  return /^[^\s@<>]+@[^\s@<>]+$/.test(s) ? s : DEFAULT_USER;
}
function localeOf(v: unknown): string {
  return typeof v === 'string' && LOCALES.has(v) ? v : 'sv_SE';
}
const isName = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z_$][\w$]*$/.test(v);

// ---------- the sandbox ----------

export interface SandboxOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  buildDir?: string;
  reset?: boolean;
  quiet?: boolean;
  /** Seed example data when the workbook is new (default true). */
  seed?: boolean;
  /**
   * Service latency for sidebar calls, really waited out: a call answers after its emulated time, so
   * progress (a send in batches) is seen as in Google Sheets. `npm start` uses SANDBOX_LATENCY;
   * none by default (the browser tests stay quick).
   */
  latency?: LatencyOptions;
  /**
   * Keep the workbook in dataDir/workbook.json after every change (default true), so a restart finds
   * it. The browser tests turn it off (test/support/browser.ts): each file runs one sandbox from a
   * fresh workbook and never restarts it, and writing the 700 KB workbook after every call was a
   * third of their server's time.
   */
  persist?: boolean;
  /**
   * Keep the version history (default true): a copy of the workbook before every change, compared
   * after it. The browser tests that don't open Versionshistorik turn it off (test/support/browser.ts).
   */
  versions?: boolean;
}

/**
 * `npm start`'s latency: a third of the figures the latency tests take from published measurements
 * (test/support/latency.ts), enough for a 10-guest batch to take a few seconds, not a realistic wait.
 */
export const SANDBOX_LATENCY: LatencyOptions = {
  defaultMs: 7,
  byMethod: { 'MailApp.sendEmail': 330, 'Range.getValues': 70, 'Sheet.getSheetValues': 70, 'Range.setValues': 100, 'SpreadsheetApp.flush': 170 },
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export interface Sandbox {
  url: string;
  dataDir: string;
  emulator: Emulator;
  /** The Sheets API v4 subset on the same workbook (its request counter is what the benchmark reads). */
  sheetsApi: SheetsApi;
  close(): Promise<void>;
}

/** Where the sandbox's clock starts: the example data is the 2009 summit, planned in the autumn. */
export const SANDBOX_EPOCH = Date.parse('2009-11-02T09:00:00+01:00');

/**
 * The sandbox lives in autumn 2009 so the example deadlines and dates make
 * sense: its clock runs at real speed from SANDBOX_EPOCH, counted from the
 * workbook's first start (kept in clock.json, so a restart doesn't go back).
 */
function sandboxClock(file: string, fresh: boolean): () => Date {
  let offset = SANDBOX_EPOCH - Date.now();
  let saved = Number.NaN;
  if (!fresh && fs.existsSync(file)) {
    try {
      saved = Number((JSON.parse(fs.readFileSync(file, 'utf8')) as { offsetMs?: unknown }).offsetMs);
    } catch {
      // A damaged clock file only resets the clock to the epoch.
    }
  }
  if (Number.isFinite(saved)) offset = saved;
  else {
    fs.writeFileSync(file, `${JSON.stringify({ offsetMs: offset, note: 'sandbox time = real time + offsetMs' })}\n`);
  }
  return () => new Date(Date.now() + offset);
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const dataDir = path.resolve(opts.dataDir ?? path.join(ROOT, '.sandbox'));
  const buildDir = path.resolve(opts.buildDir ?? BUILD_DIR);
  const persist = opts.persist !== false;
  const storeFile = path.join(dataDir, 'workbook.json');
  const outboxDir = path.join(dataDir, 'outbox');
  const log = (s: string) => { if (!opts.quiet) console.log(s); };

  if (opts.reset) {
    fs.rmSync(storeFile, { force: true });
    fs.rmSync(path.join(dataDir, 'clock.json'), { force: true });
    fs.rmSync(outboxDir, { recursive: true, force: true });
    log(`Återställde sandlådan: tog bort ${storeFile} och ${outboxDir}.`);
  }
  fs.mkdirSync(outboxDir, { recursive: true });
  const fresh = !persist || !fs.existsSync(storeFile);
  if (!fresh) {
    try {
      loadState(storeFile);
    } catch (e) {
      const detail = e instanceof EmulatorStoreError ? e.message : (e as Error).message;
      throw new SandboxStartError(`Sandlådans arbetsbok kan inte läsas, så sandlådan startar inte.\n${detail}\n${resetHint(storeFile)}`);
    }
  }

  const clock = sandboxClock(path.join(dataDir, 'clock.json'), fresh);

  const bundle = new Bundle(path.join(buildDir, 'Code.js'));
  bundle.get();
  const assets = await buildAssets();
  let emu: Emulator;
  try {
    emu = new Emulator({
      ...(persist ? { storeFile } : {}), outboxDir, htmlFiles: buildDir, serviceUrl: 'http://127.0.0.1/sandbox-webapp', clock,
      // Every sandbox user shares the file, so a fresh protection lists them all until the add-on narrows it.
      defaultUser: DEFAULT_USER, owner: DEFAULT_USER, editors: [...SANDBOX_USERS],
      ...(opts.latency ? { latency: opts.latency } : {}),
    });
  } catch (e) {
    if (e instanceof EmulatorStoreError) throw new SandboxStartError(`${e.message}\n${resetHint(storeFile)}`);
    throw e;
  }

  if (fresh) emu.save();
  if (fresh && opts.seed !== false) {
    const report = seedWorkbook(emu, bundle.get());
    for (const line of report) log(`seed: ${line}`);
  }

  const history: Pick<VersionHistory, 'around' | 'list' | 'restore'> = opts.versions === false
    ? { around: (_label, _user, change) => change(), list: () => [], restore: () => null }
    : new VersionHistory(emu, MAX_VERSIONS);
  const sheetsApi = new SheetsApi(emu, { around: (label, user, change) => history.around(label, user, change) });
  const frameHtml = new Map<string, string>();
  /** Frames of the web app: their google.script.run calls run as the anonymous visitor. */
  const webAppFrames = new Set<string>();
  const addFrame = (html: string, webApp = false): string => {
    const id = randomBytes(12).toString('hex');
    frameHtml.set(id, injectShim(html, assets.shim, { frameId: id, functions: callableFunctions() }));
    if (webApp) webAppFrames.add(id);
    while (frameHtml.size > MAX_FRAMES) {
      const old = frameHtml.keys().next().value as string;
      frameHtml.delete(old);
      webAppFrames.delete(old);
    }
    return `/frame/${id}`;
  };
  /** GET /exec: doGet(e) as Apps Script runs a web app deployed "execute as me, anyone (even anonymous)". */
  const webApp = (url: URL, res: http.ServerResponse) => {
    const parameters: Record<string, string[]> = {};
    for (const [k, v] of url.searchParams) (parameters[k] ??= []).push(v);
    const parameter = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v[0]]));
    const e = { parameter, parameters, queryString: url.search.slice(1), contextPath: '', contentLength: -1 };
    const r = history.around('Webbappen (doGet)', '', () => emu.runExecution(bundle.get(), 'doGet', [e], { authMode: 'FULL', user: '', effectiveUser: emu.owner, locale: 'sv', webApp: true }));
    const out = r.result;
    if (!r.ok || !(out instanceof HtmlOutput)) {
      const text = r.ok ? 'The script completed but did not return anything.' : (r.error?.message ?? 'Error');
      return send(res, r.ok ? 200 : 500, 'text/plain; charset=utf-8', text);
    }
    const html = out.getContent();
    const lang = /<html[^>]*\slang="([\w-]{2,12})"/i.exec(html)?.[1] ?? 'sv';
    const title = escapeHtml(out.getTitle() || 'Web app');
    const meta = out.getMetaTags().map((m) => `<meta name="${escapeHtml(m.name)}" content="${escapeHtml(m.content)}">`).join('');
    const src = addFrame(html, true);
    const page = `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">${meta}<title>${title}</title>`
      + '<style>html,body{margin:0;height:100%}iframe{display:block;border:0;width:100%;height:100%}</style></head>'
      + `<body><iframe id="webapp-frame" title="${title}" src="${src}" data-frame-id="${src.slice(7)}" sandbox="allow-scripts allow-forms allow-popups allow-modals allow-top-navigation-by-user-activation"></iframe>`
      + '<script src="/webapp.js"></script></body></html>';
    return send(res, 200, 'text/html; charset=utf-8', page, { 'Content-Security-Policy': EXEC_CSP });
  };
  const callableFunctions = () => {
    const code = bundle.get();
    return bundle.functions().filter((n) => !n.endsWith('_') && isCallableFromClient(code, n));
  };

  /** The part of an execution's result the page needs. */
  const uiOut = (r: ExecOut) => {
    const ui = r.ui ?? { menus: [], alerts: [], toasts: [] };
    return {
      menus: ui.menus,
      sidebar: ui.sidebar ? { title: ui.sidebar.title, width: ui.sidebar.width, frameUrl: addFrame(ui.sidebar.html) } : undefined,
      dialog: ui.dialog ? { title: ui.dialog.title, width: ui.dialog.width, height: ui.dialog.height, frameUrl: addFrame(ui.dialog.html) } : undefined,
      alerts: ui.alerts ?? [],
      toasts: ui.toasts ?? [],
    };
  };
  const execJson = (r: ExecOut, withResult = false) => ({
    ok: r.ok && !r.rejected,
    error: r.ok ? (r.rejected ? { message: `Ändringen avvisades: ${r.rejected}` } : undefined) : errorMessage(r.error),
    result: withResult && r.ok ? clientValue(r.result) : undefined,
    logs: r.logs ?? [],
    ui: uiOut(r),
  });

  /** A change from outside any script (rows, restore): refused or done; nothing runs. */
  const outsideJson = (r: { rejected?: string }) => ({
    ok: !r.rejected,
    error: r.rejected ? { message: `Ändringen avvisades: ${r.rejected}` } : undefined,
    ui: { menus: [], alerts: [], toasts: [] },
  });
  /** POST /api/rows: the person deletes `count` rows from `row` on, or inserts `count` rows above `row`. */
  const rowChange = (body: Record<string, unknown>, user: string) => {
    const { sheet, action, row } = body;
    const count = body.count ?? 1;
    const ints = [row, count].every((n) => Number.isInteger(n) && (n as number) >= 1) && (count as number) <= MAX_ROW_CHANGE;
    if (typeof sheet !== 'string' || !ints || (action !== 'delete' && action !== 'insert')) {
      throw new HttpError(400, `Ogiltig radändring: sheet, action (delete|insert), row och count (1–${MAX_ROW_CHANGE}) krävs.`);
    }
    const [r, n] = [row as number, count as number];
    const label = action === 'delete' ? `Raderade ${n} rad(er) från rad ${r} i ${sheet}` : `Infogade ${n} rad(er) ovanför rad ${r} i ${sheet}`;
    try {
      return outsideJson(history.around(label, user, () => (action === 'delete' ? emu.deleteRows(sheet, r, n, user) : emu.insertRows(sheet, r, n, user))));
    } catch (e) {
      throw new HttpError(400, `Ogiltig radändring: ${errorMessage(e).message}`);
    }
  };

  /**
   * The page asks for the grid after every call a sidebar makes, and most of those calls write nothing.
   * The grid is a function of the workbook's content and the sheet asked for (formulas read no clock; the
   * zone and locale are in the content), so it is computed once per content. The key is the workbook as
   * JSON, not a counter of writes: that also sees writes that pass no counter (the Sheets API, a restored
   * version, a test writing the emulator's state), and costs far less than the formulas and formats it saves.
   */
  let gridCache: { key: string; grid: ReturnType<typeof computeGrid> } | null = null;
  const gridState = (sheetName: string) => {
    const key = JSON.stringify([sheetName, emu.state.spreadsheet]);
    if (gridCache?.key !== key) gridCache = { key, grid: computeGrid(sheetName) };
    return gridCache.grid;
  };

  const computeGrid = (sheetName: string) => {
    const ss = emu.state.spreadsheet;
    const sheet = ss.sheets.find((s) => s.name === sheetName) ?? ss.sheets.find((s) => s.sheetId === ss.activeSheetId) ?? ss.sheets[0];
    const tz = ss.timeZone;
    let lastRow = 0;
    let lastCol = 0;
    sheet.rows.forEach((row, r) => {
      row?.forEach((c, ci) => {
        if (c && ((c.v !== '' && c.v !== null) || c.f !== undefined)) { lastRow = Math.max(lastRow, r + 1); lastCol = Math.max(lastCol, ci + 1); }
      });
    });
    const numRows = Math.min(Math.max(lastRow + 5, 20), MAX_GRID_ROWS, sheet.maxRows);
    const numCols = Math.min(Math.max(lastCol + 1, 8), MAX_GRID_COLS, sheet.maxCols);
    const rows = [];
    const fx = new FormulaContext(emu.state); // formulas (Översikt) show their values, as in Sheets
    for (let r = 0; r < numRows; r++) {
      const row = [];
      for (let c = 0; c < numCols; c++) {
        const raw = getCell(sheet, r + 1, c + 1); // with the format of its column's band
        const cell = raw && raw.f !== undefined ? { ...raw, v: fx.cellValue(sheet, r + 1, c + 1) } : raw;
        const d = cell ? displayValue(cell, tz, ss.locale) : '';
        const e = !cell ? '' : cell.f ? cell.f : cell.v instanceof Date ? d : String(cell.v);
        row.push({ d, e, num: typeof cell?.v === 'number' || undefined, bold: cell?.bold || undefined });
      }
      rows.push(row);
    }
    return {
      sheet: sheet.name,
      grid: { rows, numRows, numCols, lastRow, lastCol, frozenRows: sheet.frozenRows, truncated: lastRow > numRows || lastCol > numCols },
    };
  };

  const outboxEntries = (): OutboxEntry[] => [...emu.state.outbox].reverse();
  const findMail = (id: string) => {
    const m = emu.state.outbox.find((x) => x.id === id);
    if (!m || !m.file) throw new HttpError(404, 'Meddelandet finns inte.');
    const file = path.resolve(path.isAbsolute(m.file) ? m.file : path.join(outboxDir, m.file));
    if (!file.startsWith(path.resolve(outboxDir) + path.sep) || !fs.existsSync(file)) throw new HttpError(404, 'Meddelandets .eml-fil saknas.');
    return { m, file };
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) throw new HttpError(403, 'Forbidden host');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    if (await sheetsApi.handle(req, res, url)) return;

    if (method === 'GET' && (p === '/' || p === '/index.html')) {
      return send(res, 200, 'text/html; charset=utf-8', assets.html, { 'Content-Security-Policy': PAGE_CSP });
    }
    if (method === 'GET' && p === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', assets.js);
    if (method === 'GET' && p === '/app.css') return send(res, 200, 'text/css; charset=utf-8', assets.css);
    if (method === 'GET' && p === '/favicon.ico') return send(res, 204, 'text/plain', '');
    if (method === 'GET' && p === '/webapp.js') return send(res, 200, 'text/javascript; charset=utf-8', assets.webapp);
    if (method === 'GET' && p === '/exec') return webApp(url, res);
    let m = /^\/frame\/([0-9a-f]+)$/.exec(p);
    if (method === 'GET' && m) {
      const html = frameHtml.get(m[1]);
      if (html === undefined) throw new HttpError(404, 'Sidofältet har stängts eller ersatts.');
      return send(res, 200, 'text/html; charset=utf-8', html, { 'Content-Security-Policy': FRAME_CSP });
    }
    if (method === 'GET' && p === '/api/state') {
      const ss = emu.state.spreadsheet;
      return sendJson(res, 200, {
        name: ss.name,
        sheets: ss.sheets.map((s) => ({ name: s.name, id: s.sheetId })),
        ...gridState(url.searchParams.get('sheet') ?? ''),
        outboxCount: emu.state.outbox.length,
        functions: bundle.functions(),
      });
    }
    if (method === 'GET' && p === '/api/versions') {
      return sendJson(res, 200, history.list().map((v) => ({ id: v.id, at: v.at.toISOString(), label: v.label, user: v.user })));
    }
    if (method === 'GET' && p === '/api/outbox') {
      return sendJson(res, 200, outboxEntries().map((x) => ({ id: x.id, from: x.from, to: x.to, cc: x.cc, subject: x.subject, date: x.date })));
    }
    m = /^\/api\/outbox\/([\w.-]+)$/.exec(p);
    if (method === 'GET' && m) {
      const { m: entry, file } = findMail(m[1]);
      const parsed = await simpleParser(fs.readFileSync(file));
      const addrs = (a: unknown): string[] => {
        const list = Array.isArray(a) ? a : a ? [a] : [];
        return list.map((x: { text?: string }) => x.text ?? '').filter(Boolean);
      };
      return sendJson(res, 200, {
        id: entry.id,
        from: (parsed.from?.text ?? entry.from),
        to: addrs(parsed.to).length ? addrs(parsed.to) : entry.to,
        cc: addrs(parsed.cc),
        bcc: entry.bcc,
        replyTo: parsed.replyTo?.text,
        subject: parsed.subject ?? entry.subject,
        date: parsed.date ?? entry.date,
        text: parsed.text ?? '',
        hasHtml: typeof parsed.html === 'string' && parsed.html !== '',
        htmlUrl: `/api/outbox/${encodeURIComponent(entry.id)}/html`,
        emlUrl: `/outbox/${encodeURIComponent(entry.id)}.eml`,
        attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '(namnlös)', contentType: a.contentType, size: a.size })),
      });
    }
    m = /^\/api\/outbox\/([\w.-]+)\/html$/.exec(p);
    if (method === 'GET' && m) {
      const { file } = findMail(m[1]);
      const parsed = await simpleParser(fs.readFileSync(file));
      // Links open in a new tab, as in a mail client (the frame may open unsandboxed popups, nothing else).
      const html = typeof parsed.html === 'string' ? parsed.html : '';
      const base = '<base target="_blank">';
      const withBase = /<head(\s[^>]*)?>/i.test(html) ? html.replace(/<head(\s[^>]*)?>/i, (h) => h + base) : base + html;
      return send(res, 200, 'text/html; charset=utf-8', withBase, { 'Content-Security-Policy': MAIL_CSP });
    }
    m = /^\/outbox\/([\w.-]+)\.eml$/.exec(p);
    if (method === 'GET' && m) {
      const { m: entry, file } = findMail(m[1]);
      return send(res, 200, 'message/rfc822', fs.readFileSync(file), { 'Content-Disposition': `attachment; filename="${entry.id}.eml"` });
    }

    if (method !== 'POST') throw new HttpError(404, 'Not found');
    const body = await readJson(req);
    const user = userOf(body.user);
    const locale = localeOf(body.locale);
    const code = bundle.get();

    if (p === '/api/open') {
      // An installed and enabled add-on: onOpen runs in LIMITED.
      if (!bundle.functions().includes('onOpen')) return sendJson(res, 200, { ok: true, ui: { menus: [] } });
      return sendJson(res, 200, execJson(emu.runExecution(code, 'onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED', user, locale })));
    }
    if (p === '/api/run') {
      if (!isName(body.fn) || !bundle.functions().includes(body.fn)) throw new HttpError(400, `Okänd funktion: ${String(body.fn)}`);
      const fn = body.fn;
      return sendJson(res, 200, execJson(history.around(`Menyval ${fn}`, user, () => emu.runExecution(code, fn, [], { authMode: 'FULL', user, locale }))));
    }
    if (p === '/api/rpc') {
      const fn = body.fn;
      const args = body.args ?? [];
      if (!Array.isArray(args)) throw new HttpError(400, 'args must be an array');
      if (!isName(fn) || fn.endsWith('_') || !bundle.functions().includes(fn) || !isCallableFromClient(code, fn)) {
        return sendJson(res, 200, {
          ok: false,
          error: { name: 'Error', message: `Skriptfunktionen hittades inte eller får inte anropas från klienten: ${String(fn)} / Script function not found or not callable from the client: ${String(fn)}` },
        });
      }
      const anonymous = typeof body.frameId === 'string' && webAppFrames.has(body.frameId);
      // A call from the web app's page is a web app execution (no getUi(), no document lock).
      const as = anonymous ? { user: '', effectiveUser: emu.owner, webApp: true } : { user };
      const r = history.around(`Sidofältet: ${fn}`, as.user, () => emu.runExecution(code, fn, args, { authMode: 'FULL', locale, ...as }));
      if (opts.latency && r.emulatedMs > 0) {
        // The emulator moved its clock on by the emulated time; take it back and wait that long for real,
        // so the sandbox clock stays real time and the page waits as it would in Google Sheets.
        emu.advance(-r.emulatedMs);
        await sleep(r.emulatedMs);
      }
      return sendJson(res, 200, execJson(r, true));
    }
    if (p === '/api/edit') {
      const sheet = body.sheet;
      const row = body.row;
      const col = body.col;
      const values = body.values;
      const kind = body.kind ?? 'type';
      const ints = [row, col].every((n) => Number.isInteger(n) && (n as number) >= 1);
      if (typeof sheet !== 'string' || !ints || !EDIT_KINDS.has(kind as EditKind) || !Array.isArray(values) || !values.length || !values.every((r) => Array.isArray(r) && r.length === (values[0] as unknown[]).length && r.every((v) => typeof v === 'string'))) {
        throw new HttpError(400, 'Ogiltig redigering: sheet, row, col, kind och values (rektangel av strängar) krävs.');
      }
      const numRows = values.length;
      const numCols = (values[0] as unknown[]).length;
      const spec = { sheet, row: row as number, col: col as number, numRows, numCols, values: values as string[][], kind: kind as EditKind, user };
      let r: ExecOut;
      try {
        r = history.around(`${EDIT_LABELS[spec.kind]} ${sheet}!${toA1(spec.row, spec.col, numRows, numCols)}`, user, () => emu.fireEdit(code, spec));
      } catch (e) {
        throw new HttpError(400, `Ogiltig redigering: ${errorMessage(e).message}`);
      }
      return sendJson(res, 200, execJson(r));
    }
    if (p === '/api/rows') return sendJson(res, 200, rowChange(body, user));
    if (p === '/api/restore') {
      const r = typeof body.id === 'string' ? history.restore(body.id, user) : null;
      if (!r) throw new HttpError(404, 'Versionen finns inte (sandlådan sparar de senaste versionerna bara medan den kör).');
      return sendJson(res, 200, outsideJson(r));
    }
    throw new HttpError(404, 'Not found');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (status === 500 && !opts.quiet) console.error(e);
      if (!res.headersSent) sendJson(res, status, { ok: false, error: errorMessage(e) });
      else res.end();
    });
  });
  const hostName = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 8787, hostName, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${hostName}:${port}/`;
  emu.serviceUrl = `${url}exec`; // the web app's URL, as ScriptApp.getService().getUrl() gives it
  log(`Summit Planner-sandlådan kör på ${url}  (data: ${dataDir}; Ctrl+C avslutar)`);
  return {
    url,
    dataDir,
    emulator: emu,
    sheetsApi,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const port = process.env.PORT ? Number(process.env.PORT) : 8787;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Ogiltig PORT: ${process.env.PORT}`);
    process.exit(1);
  }
  startSandbox({ port, reset: args.includes('--reset'), latency: SANDBOX_LATENCY }).then(
    (sb) => {
      const stop = () => { void sb.close().then(() => process.exit(0)); };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (e: unknown) => {
      console.error(e instanceof SandboxStartError ? e.message : e);
      process.exit(1);
    },
  );
}
