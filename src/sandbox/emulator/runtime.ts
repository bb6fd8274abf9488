/** The Emulator: state + fresh vm context per execution + edit events. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { format } from 'node:util';
import {
  AuthModeName,
  CallCounts,
  CallInfo,
  CustomFunctionSession,
  EXECUTION_TIME_EXCEEDED,
  ExecContext,
  Faults,
  GasObject,
  UiEffects,
  defaultTimeLimitMs,
  publicConstants,
  publicMethods,
} from './exec';
import { MailAppImpl } from './mail';
import {
  CacheServiceImpl,
  GasUser,
  HtmlServiceImpl,
  HtmlTemplate,
  LockManager,
  LockServiceImpl,
  PropertiesServiceImpl,
  ScriptAppImpl,
  SessionImpl,
  Ui,
  UtilitiesImpl,
  escapeHtml,
} from './services';
import { Range, Sheet, Spreadsheet, SpreadsheetAppService, getCell, inputSettings, writeValue } from './spreadsheet';
import { CellState, CellValue, OutboxEntry, SheetState, StoreState, createInitialState, loadState, saveState, cloneState } from './store';
import { type InputSettings, dateToSerial, isDate, parseA1, splitSheetA1, toA1 } from './values';
import type { Rect } from './protection';
import {
  type ApiWriteOptions,
  type ApiWriteResult,
  type OutsideResult,
  type SpreadsheetVersion,
  apiUpdate,
  deleteRowsAsPerson,
  insertRowsAsPerson,
  personEditRejection,
  restoreVersion,
  sheetNamed,
  snapshotVersion,
} from './outside';

export interface ManualClock {
  (): Date;
  advance(ms: number): void;
  set(d: Date): void;
}

export function manualClock(start: Date | string | number): ManualClock {
  let t = new Date(start).getTime();
  const f = (() => new Date(t)) as ManualClock;
  f.advance = (ms: number) => {
    t += ms;
  };
  f.set = (d: Date) => {
    t = d.getTime();
  };
  return f;
}

export interface EmulatorOptions {
  storeFile?: string;
  /** Where .eml files go; without it messages are kept in memory (`emu.eml(id)`). */
  outboxDir?: string;
  /** The script's (manifest) time zone: Session.getScriptTimeZone(). Default Europe/Stockholm. */
  timeZone?: string;
  /**
   * A NEW spreadsheet's own time zone (Spreadsheet.getSpreadsheetTimeZone()), separate from the
   * script's (developers.google.com/apps-script/reference/spreadsheet/spreadsheet). Default: the
   * script's `timeZone` (so Europe/Stockholm), as before this option. Ignored when the state comes
   * from `initialState` or `storeFile`: a saved spreadsheet keeps its own.
   */
  spreadsheetTimeZone?: string;
  /** A NEW spreadsheet's locale (Spreadsheet.getSpreadsheetLocale()), e.g. en_US. Default sv_SE; ignored like spreadsheetTimeZone. */
  spreadsheetLocale?: string;
  dailyMailQuota?: number;
  clock?: () => Date;
  serviceUrl?: string;
  /** name → content, or a directory whose *.html files are read (per execution). */
  htmlFiles?: Record<string, string> | string;
  defaultUser?: string;
  /** The spreadsheet's owner (always an editor of protected ranges). */
  owner?: string;
  /** The file is in a shared drive: no owner (Spreadsheet.getOwner() is null) and so no owner's bypass. */
  sharedDrive?: boolean;
  /**
   * The file's sharing list besides the owner (Spreadsheet.getEditors()); a fresh protection's
   * editors mirror it. Anyone else may still edit the file: the emulator does not enforce sharing.
   */
  editors?: string[];
  initialState?: StoreState;
  /**
   * Where the code runs (README, "Deploying to Google"): 'bound' (default), a script bound to the
   * spreadsheet; or 'addon', a domain-private editor add-on published from a standalone project,
   * whose web app has no container document. Executions in the document are the same in both.
   */
  deployment?: Deployment;
  /**
   * 'bound' only: whether getActiveSpreadsheet() in the web app returns the container (default
   * true). ../shared/reference/apps-script-platform.md ("Execution contexts") says it "is reported
   * both ways", so both must be testable; false makes the bound web app behave like the add-on's
   * as far as the container goes.
   */
  webAppSeesContainer?: boolean;
  /**
   * What ScriptApp.getService().getUrl() sees (…/reference/script/service: "the URL of the web app,
   * if it has been deployed; otherwise returns null. If you are running the development mode web
   * app, this returns the development mode url"): 'exec' (default) a deployment, `serviceUrl`;
   * 'dev' the developer's test deployment, `serviceUrl` ending in /dev instead of /exec; 'none'
   * not deployed yet, null (and isEnabled() false).
   */
  webAppDeployment?: WebAppDeployment;
  /** Session in a custom function: 'throw' (default) or 'blank' (see CustomFunctionSession in exec.ts). */
  customFunctionSession?: CustomFunctionSession;
  /**
   * The manifest's oauthScopes. When given, SpreadsheetApp.openById needs
   * https://www.googleapis.com/auth/spreadsheets among them (`spreadsheets.currentonly` is not
   * enough, apps-script-platform.md "Execution contexts"). When left out nothing is checked.
   */
  scopes?: readonly string[];
  /**
   * Emulated latency of service calls, in ms of the emulator's virtual clock: `byMethod` keyed
   * like CallCounts.byMethod ('MailApp.sendEmail', 'Range.getValues', 'Lock.tryLock'), anything
   * else `defaultMs`. Default 0 everywhere: calls take no time. Each call takes effect, then its
   * latency passes: the execution's clock moves on (the script's `new Date()` follows it), its
   * ExecutionResult.emulatedMs grows, and past its time limit (ExecOptions.timeoutMs) it dies
   * with "Exceeded maximum execution time". runConcurrently runs on this clock when latency is set.
   */
  latency?: LatencyOptions;
  /**
   * When a script's spreadsheet writes become visible to other executions. 'immediate'
   * (default): at once. 'buffered': the writer reads its own writes at once, everyone else sees
   * them only after its SpreadsheetApp.flush() or at its end; releasing a lock does not flush.
   * Google: "spreadsheet operations are bundled together to improve performance … If you want to
   * make sure that all pending changes are made right away … call SpreadsheetApp.flush()"
   * (developers.google.com/apps-script/reference/spreadsheet), and "call SpreadsheetApp.flush()
   * to commit all pending changes before releasing the lock" (…/reference/lock/lock#releaseLock();
   * apps-script-platform.md "Concurrency"). Properties, cache and mail are never buffered.
   */
  flush?: FlushMode;
  /**
   * Flush mode 'buffered': what becomes of the unflushed writes of an execution that was killed
   * (its time limit, an EmulatedCrash). 'lost' (default): nothing promises that a killed
   * runtime's batch lands, and it is the harder case (a mail sent, its mark gone). 'applied': they
   * land as if it had ended. An execution that ends with an uncaught exception ended normally
   * for the platform: its writes land either way.
   */
  unflushedOnKill?: 'lost' | 'applied';
}

export interface LatencyOptions {
  defaultMs?: number;
  byMethod?: Record<string, number>;
}

export type FlushMode = 'immediate' | 'buffered';

export type Deployment = 'bound' | 'addon';
export type WebAppDeployment = 'exec' | 'dev' | 'none';

export interface ExecOptions {
  authMode?: AuthModeName;
  user?: string;
  effectiveUser?: string;
  locale?: string;
  faults?: Faults;
  hooks?: { afterCall?(call: CallInfo): void };
  /** Allows calling names ending in '_' and dotted paths (server-internal calls). */
  internal?: boolean;
  /**
   * The execution's time limit in ms (default 6 min for FULL, 30 s otherwise: simple triggers and
   * custom functions, apps-script-platform.md "Limits"). It counts emulated time (latency, lock
   * waits) and also bounds the real time script code may run.
   */
  timeoutMs?: number;
  /** Builds extra args inside the execution (used for event objects holding emulated ranges). */
  argsFactory?: (ctx: ExecContext) => unknown[];
  /**
   * This execution is the web app (doGet/doPost, or a google.script.run call from the web app's
   * page): getUi() throws, getDocumentLock() is null, and without a container (deployment 'addon',
   * or 'bound' with webAppSeesContainer false) getActiveSpreadsheet() and the document
   * properties and cache are null.
   */
  webApp?: boolean;
  /**
   * Measure scriptCpuMs: the process's CPU time read before and after every service call (two
   * getrusage calls each, about 1 % of the test suite's CPU), so only the bench asks for it.
   */
  measureCpu?: boolean;
}

export interface ExecutionResult {
  ok: boolean;
  result?: unknown;
  error?: { name: string; message: string; stack?: string };
  calls: CallCounts;
  logs: string[];
  ui: UiEffects;
  globalEvalMs: number;
  execMs: number;
  /** Emulated wall time of the execution (ms): service calls × their latency and lock waits. */
  emulatedMs: number;
  /**
   * The script's own work (ms of this process's CPU time): the entry point's call less the time
   * inside emulated service calls, whose cost in Apps Script is their latency (emulatedMs), not
   * the emulator's implementation of them. CPU time, not wall time, so other processes on a busy
   * machine don't inflate it. Set by runExecution when ExecOptions.measureCpu asks (not by runConcurrently).
   */
  scriptCpuMs?: number;
}

/**
 * How a person changed cells: typing (or choosing from a dropdown), pasting,
 * filling (fill-down, dragging the fill handle), or clearing with Delete.
 */
export type EditKind = 'type' | 'paste' | 'fill' | 'clear';

export interface EditSpec {
  sheet: string;
  a1?: string;
  row?: number;
  col?: number;
  numRows?: number;
  numCols?: number;
  /** 2-D array of what the person types/pastes/fills ('' clears); may be left out for kind 'clear'. */
  values?: unknown[][];
  /** Default 'type'. Decides what the edit event carries (see Emulator.fireEdit). */
  kind?: EditKind;
  user?: string;
}

export interface EditResult extends ExecutionResult {
  /** false when no onEdit exists or the edit was rejected. */
  fired: boolean;
  rejected?: string;
  changes: { a1: string; oldValue: CellValue; newValue: CellValue }[];
}

export const SERVICE_GLOBALS = [
  'SpreadsheetApp',
  'HtmlService',
  'PropertiesService',
  'CacheService',
  'LockService',
  'Session',
  'MailApp',
  'Utilities',
  'ScriptApp',
] as const;

/** Builds the service objects of one execution. */
export function buildServices(ctx: ExecContext): Record<string, GasObject> {
  let ui: Ui | null = null;
  return {
    SpreadsheetApp: new SpreadsheetAppService(ctx, () => (ui ??= new Ui(ctx))),
    HtmlService: new HtmlServiceImpl(ctx),
    PropertiesService: new PropertiesServiceImpl(ctx),
    CacheService: new CacheServiceImpl(ctx),
    LockService: new LockServiceImpl(ctx),
    Session: new SessionImpl(ctx),
    MailApp: new MailAppImpl(ctx),
    Utilities: new UtilitiesImpl(ctx),
    ScriptApp: new ScriptAppImpl(ctx),
  };
}

interface RealmIntrinsics {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
  TypeError: TypeErrorConstructor;
  Function: FunctionConstructor;
}

/** Moves values between the host and one vm realm; wraps emulated objects in counting proxies. */
export class RealmBridge {
  private readonly proxies = new WeakMap<GasObject, object>();
  private readonly raws = new WeakMap<object, GasObject>();
  private readonly methodCache = new Map<string, Set<string>>();
  constructor(
    readonly ctx: ExecContext,
    readonly realm: RealmIntrinsics,
  ) {}

  methodsOf(raw: GasObject): Set<string> {
    let m = this.methodCache.get(raw._cls);
    if (!m) {
      m = new Set(publicMethods(raw));
      this.methodCache.set(raw._cls, m);
    }
    return m;
  }

  wrap(raw: GasObject): object {
    const existing = this.proxies.get(raw);
    if (existing) return existing;
    const methods = this.methodsOf(raw);
    const fnCache = new Map<string, unknown>();
    const consts = () => publicConstants(raw);
    const handler: ProxyHandler<object> = {
      get: (_t, prop) => {
        if (typeof prop !== 'string') return undefined;
        if (methods.has(prop)) {
          let f = fnCache.get(prop);
          if (!f) {
            f = (...args: unknown[]) => this.call(raw, prop, args);
            fnCache.set(prop, f);
          }
          return f;
        }
        if (prop === 'toString') return () => raw._cls;
        if (/^[A-Z]/.test(prop) && prop in raw) return this.toRealm((raw as unknown as Record<string, unknown>)[prop]);
        if (raw instanceof HtmlTemplate) return raw._props[prop];
        return undefined;
      },
      set: (_t, prop, value) => {
        if (raw instanceof HtmlTemplate && typeof prop === 'string') raw._props[prop] = value;
        return true;
      },
      has: (_t, prop) => typeof prop === 'string' && (methods.has(prop) || prop in consts()),
      ownKeys: () => Object.keys(consts()),
      getOwnPropertyDescriptor: (_t, prop) => {
        const c = consts();
        if (typeof prop === 'string' && prop in c) return { value: this.toRealm(c[prop]), enumerable: true, configurable: true, writable: false };
        return undefined;
      },
    };
    const proxy = new Proxy(new this.realm.Object(), handler);
    this.proxies.set(raw, proxy);
    this.raws.set(proxy, raw);
    return proxy;
  }

  call(raw: GasObject, method: string, args: unknown[]): unknown {
    const cpu = this.ctx.measureCpu ? process.cpuUsage() : undefined;
    try {
      let res: unknown;
      try {
        res = this.ctx.invoke(raw, method, args.map((a) => this.fromRealm(a)));
      } catch (e) {
        throw this.toRealmError(e);
      }
      return this.toRealm(res);
    } finally {
      if (cpu) {
        const d = process.cpuUsage(cpu);
        this.ctx.serviceCpuUs += d.user + d.system;
      }
    }
  }

  toRealmError(e: unknown): Error {
    const err = e as Error;
    const Ctor = err instanceof TypeError ? this.realm.TypeError : this.realm.Error;
    const out = new Ctor(err?.message ?? String(e));
    if (err?.name && err.name !== 'Error' && err.name !== 'TypeError') out.name = err.name;
    return out;
  }

  toRealm(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof GasObject) return this.wrap(v);
    if (this.raws.has(v)) return v;
    if (isDate(v)) return new this.realm.Date(v.getTime());
    if (Array.isArray(v)) {
      const a = new this.realm.Array(v.length);
      for (let i = 0; i < v.length; i++) a[i] = this.toRealm(v[i]);
      return a;
    }
    if (v instanceof Uint8Array) return v;
    const o = new this.realm.Object() as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) o[k] = this.toRealm(x);
    return o;
  }

  fromRealm(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    const raw = this.raws.get(v);
    if (raw) return raw;
    if (isDate(v)) return new Date(v.getTime());
    if (Array.isArray(v)) return v.map((x) => this.fromRealm(x));
    const proto = Object.getPrototypeOf(v);
    if (proto === null || proto === this.realm.Object.prototype || proto === Object.prototype) {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = this.fromRealm(x);
      return o;
    }
    return v;
  }
}

/**
 * The script's clock is the emulator's: `new Date()` and `Date.now()` inside
 * the vm follow `Emulator.now()` (a manual clock in tests, real or shifted time
 * in the sandbox), as Apps Script's own runtime is the only "now" a script sees.
 */
/** Source of a function that replaces the realm's Date with one reading `nowMs()` (shared with the worker threads). */
export const CLOCK_DATE_SOURCE = `(function (nowMs) {
  var RealDate = Date;
  function ClockDate() {
    if (!new.target) return new RealDate(nowMs()).toString();
    return arguments.length === 0 ? new RealDate(nowMs()) : new (Function.prototype.bind.apply(RealDate, [null].concat(Array.prototype.slice.call(arguments))))();
  }
  ClockDate.prototype = RealDate.prototype;
  ClockDate.now = function () { return nowMs(); };
  ClockDate.UTC = RealDate.UTC;
  ClockDate.parse = RealDate.parse;
  Object.defineProperty(ClockDate, 'name', { value: 'Date' });
  Object.defineProperty(globalThis, 'Date', { value: ClockDate, writable: true, configurable: true, enumerable: false });
})`;

function installClock(context: vm.Context, nowMs: () => number): void {
  (vm.runInContext(CLOCK_DATE_SOURCE, context) as (f: () => number) => void)(nowMs);
}

function realmIntrinsics(context: vm.Context): RealmIntrinsics {
  return vm.runInContext('({ Array, Object, Date, Error, TypeError, Function })', context) as RealmIntrinsics;
}

/** A crashed or killed execution's result is its death, whatever the script caught or returned. */
export function deathOf(ctx: ExecContext, result: ExecutionResult): ExecutionResult {
  if (ctx.crashed) {
    result.ok = false;
    delete result.result;
    result.error = { name: 'EmulatedCrash', message: 'Emulated crash' };
  } else if (ctx.killed) {
    result.ok = false;
    delete result.result;
    result.error = { name: 'Error', message: EXECUTION_TIME_EXCEEDED };
  }
  return result;
}

function normaliseLatency(l: LatencyOptions | undefined): Emulator['latency'] {
  const ms = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`latency: ${what} must be a number of ms ≥ 0`);
    return v;
  };
  const byMethod: Record<string, number> = {};
  for (const [k, v] of Object.entries(l?.byMethod ?? {})) byMethod[k] = ms(v, k);
  return Object.freeze({ defaultMs: ms(l?.defaultMs ?? 0, 'defaultMs'), byMethod: Object.freeze(byMethod) });
}

function errorInfo(e: unknown): { name: string; message: string; stack?: string } {
  if (e && typeof e === 'object' && 'message' in e) {
    const err = e as Error;
    return { name: err.name ?? 'Error', message: String(err.message), stack: err.stack };
  }
  return { name: 'Error', message: String(e) };
}

/** Names of functions the script defines at top level (global function properties). */
export function scriptGlobals(code: string): string[] {
  const context = vm.createContext({});
  const stub: object = new Proxy(function () {}, {
    get: (_t, p) => (p === Symbol.toPrimitive ? () => '' : stub),
    apply: () => stub,
  });
  for (const g of SERVICE_GLOBALS) (context as Record<string, unknown>)[g] = stub;
  (context as Record<string, unknown>).console = { log() {}, info() {}, warn() {}, error() {} };
  const before = new Set(Object.getOwnPropertyNames(context));
  new vm.Script(code, { filename: 'Code.js' }).runInContext(context, { timeout: 5000 });
  return Object.getOwnPropertyNames(context).filter(
    (k) => !before.has(k) && typeof (context as Record<string, unknown>)[k] === 'function',
  );
}

const callableCache = new Map<string, Set<string>>();
/** google.script.run rules: a top-level function whose name doesn't end with '_'. */
export function isCallableFromClient(code: string, name: string): boolean {
  let set = callableCache.get(code);
  if (!set) {
    set = new Set(scriptGlobals(code));
    if (callableCache.size > 20) callableCache.clear();
    callableCache.set(code, set);
  }
  return typeof name === 'string' && /^[A-Za-z_$][\w$]*$/.test(name) && !name.endsWith('_') && set.has(name);
}

function emptyEditResult(): EditResult {
  return {
    ok: true,
    calls: { total: 0, byService: {}, byMethod: {}, rangeReads: 0, rangeWrites: 0 },
    logs: [],
    ui: { menus: [], alerts: [], toasts: [] },
    globalEvalMs: 0,
    execMs: 0,
    emulatedMs: 0,
    fired: false,
    changes: [],
  };
}

/** The cells an EditSpec names: its A1, or row/col with the values' size. */
function editArea(st: SheetState, spec: EditSpec): Rect {
  if (spec.a1) {
    const p = parseA1(splitSheetA1(spec.a1).ref, st.maxRows, st.maxCols);
    if (!p) throw new Error(`Bad A1 notation: ${spec.a1}`);
    return { row: p.row, col: p.col, numRows: p.numRows, numCols: p.numCols };
  }
  const v = spec.values;
  return { row: spec.row ?? 1, col: spec.col ?? 1, numRows: spec.numRows ?? v?.length ?? 1, numCols: spec.numCols ?? v?.[0]?.length ?? 1 };
}

/** Writes what the person typed/pasted, parsed as typed text is; returns the before/after of each cell. */
function applyPersonEdit(st: SheetState, r: Rect, values: unknown[][], input: InputSettings): EditResult['changes'] {
  const changes: EditResult['changes'] = [];
  for (let i = 0; i < r.numRows; i++)
    for (let j = 0; j < r.numCols; j++) {
      const before = getCell(st, r.row + i, r.col + j)?.v ?? '';
      writeValue(st, r.row + i, r.col + j, values[i][j], input);
      changes.push({ a1: toA1(r.row + i, r.col + j), oldValue: before, newValue: getCell(st, r.row + i, r.col + j)?.v ?? '' });
    }
  return changes;
}

/** `value` (absent when the cell is now empty) and `oldValue` (absent when it was empty), as strings. */
function singleCellValues(oldCell: CellState | null, newCell: CellState | null, tz: string): { value?: string; oldValue?: string } {
  const asEventString = (v: CellValue): string => (isDate(v) ? String(dateToSerial(v, tz)) : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v));
  const out: { value?: string; oldValue?: string } = {};
  if (newCell && (newCell.v !== '' || newCell.f !== undefined)) out.value = asEventString(newCell.v);
  if (oldCell && oldCell.v !== '') out.oldValue = asEventString(oldCell.v);
  return out;
}

export class Emulator {
  state: StoreState;
  readonly locks = new LockManager();
  readonly storeFile?: string;
  readonly outboxDir?: string;
  timeZone: string;
  dailyMailQuota: number;
  /**
   * Per-recipient failures as Google reports them from MailApp.sendEmail (an
   * address Gmail refuses, "Service error: Gmail"): return the error message to
   * throw for that address, or null. The call throws before anything is sent.
   */
  mailFailures: ((address: string) => string | null) | null = null;
  /**
   * Failures reported after the mail left (a timeout, "Service error: Gmail" once the message was
   * accepted): the mail is in the outbox, then the call throws this message. Nothing in MailApp's
   * reference promises that an error means nothing was sent, so the add-on must not assume it.
   */
  mailFailsAfterDelivery: ((address: string) => string | null) | null = null;
  serviceUrl: string;
  /** The add-on's name: the title of its menu (Ui.createAddonMenu()). */
  readonly addonName = 'Summit Planner';
  /** See EmulatorOptions.deployment. */
  readonly deployment: Deployment;
  /** See EmulatorOptions.webAppSeesContainer (as given; only 'bound' uses it). */
  readonly webAppSeesContainer: boolean;
  /** See EmulatorOptions.webAppDeployment. */
  webAppDeployment: WebAppDeployment;
  /** See EmulatorOptions.customFunctionSession. */
  readonly customFunctionSession: CustomFunctionSession;
  /** See EmulatorOptions.scopes (undefined: scopes are not checked). */
  readonly scopes?: readonly string[];
  /** See EmulatorOptions.latency (normalised). */
  readonly latency: { readonly defaultMs: number; readonly byMethod: Readonly<Record<string, number>> };
  /** See EmulatorOptions.flush. */
  readonly flushMode: FlushMode;
  /** See EmulatorOptions.unflushedOnKill. */
  readonly unflushedOnKill: 'lost' | 'applied';
  /**
   * Grows whenever the shared spreadsheet may have changed (a flush, an execution's end, an edit
   * from outside): an execution with pending writes then rebuilds its own view.
   */
  sheetEpoch = 0;
  owner: string;
  sharedDrive: boolean;
  editors: string[];
  defaultUser: string;
  /**
   * Sent messages without an outbox directory, by id: the RFC 5322 text, or until someone reads it
   * (eml()) what builds it. Building every message's MIME text as it was sent was about 4 % of a
   * crash sweep whose tests read none of them; the text is the same either way.
   */
  readonly memoryOutbox = new Map<string, string | (() => string)>();
  private readonly clock: () => Date;
  private offset = 0;
  private readonly htmlSource?: Record<string, string> | string;

  constructor(opts: EmulatorOptions = {}) {
    this.storeFile = opts.storeFile;
    this.outboxDir = opts.outboxDir;
    this.timeZone = opts.timeZone ?? 'Europe/Stockholm';
    this.dailyMailQuota = opts.dailyMailQuota ?? 1500;
    this.clock = opts.clock ?? (() => new Date());
    this.serviceUrl = opts.serviceUrl ?? 'http://127.0.0.1:8080/exec';
    this.htmlSource = opts.htmlFiles;
    this.defaultUser = opts.defaultUser ?? 'user@example.com';
    this.owner = opts.owner ?? this.defaultUser;
    this.sharedDrive = !!opts.sharedDrive;
    this.editors = [...(opts.editors ?? [])];
    this.deployment = opts.deployment ?? 'bound';
    if (this.deployment !== 'bound' && this.deployment !== 'addon') throw new Error(`Unknown deployment: ${String(this.deployment)}`);
    this.webAppSeesContainer = opts.webAppSeesContainer ?? true;
    this.webAppDeployment = opts.webAppDeployment ?? 'exec';
    if (!['exec', 'dev', 'none'].includes(this.webAppDeployment)) throw new Error(`Unknown webAppDeployment: ${String(this.webAppDeployment)}`);
    this.customFunctionSession = opts.customFunctionSession ?? 'throw';
    if (!['throw', 'blank'].includes(this.customFunctionSession)) throw new Error(`Unknown customFunctionSession: ${String(this.customFunctionSession)}`);
    if (opts.scopes) this.scopes = Object.freeze([...opts.scopes]);
    this.latency = normaliseLatency(opts.latency);
    this.flushMode = opts.flush ?? 'immediate';
    if (!['immediate', 'buffered'].includes(this.flushMode)) throw new Error(`Unknown flush mode: ${String(this.flushMode)}`);
    this.unflushedOnKill = opts.unflushedOnKill ?? 'lost';
    if (!['lost', 'applied'].includes(this.unflushedOnKill)) throw new Error(`Unknown unflushedOnKill: ${String(this.unflushedOnKill)}`);
    if (opts.initialState) this.state = cloneState(opts.initialState);
    else if (this.storeFile && fs.existsSync(this.storeFile)) this.state = loadState(this.storeFile);
    else this.state = createInitialState({ timeZone: opts.spreadsheetTimeZone ?? this.timeZone, locale: opts.spreadsheetLocale });
  }

  /** Whether a web app execution has the spreadsheet as its container (see EmulatorOptions). */
  get webAppHasContainer(): boolean {
    return this.deployment === 'bound' && this.webAppSeesContainer;
  }

  now(): Date {
    return new Date(this.clock().getTime() + this.offset);
  }
  advance(ms: number): void {
    this.offset += ms;
  }
  /** Sets the emulator's clock to `ms` (epoch ms); the concurrency harness moves it between executions. */
  setNow(ms: number): void {
    this.offset = ms - this.clock().getTime();
  }

  /** The emulated latency of one call, keyed like CallCounts.byMethod ('Range.getValues'). */
  latencyMs(key: string): number {
    return this.latency.byMethod[key] ?? this.latency.defaultMs;
  }
  /** Whether any call takes emulated time. */
  get hasLatency(): boolean {
    return this.latency.defaultMs > 0 || Object.values(this.latency.byMethod).some((v) => v > 0);
  }

  htmlFiles(): Record<string, string> {
    const src = this.htmlSource;
    if (!src) return {};
    if (typeof src !== 'string') return src;
    const out: Record<string, string> = {};
    if (!fs.existsSync(src)) return out;
    for (const f of fs.readdirSync(src)) if (f.endsWith('.html')) out[f.replace(/\.html$/, '')] = fs.readFileSync(path.join(src, f), 'utf8');
    return out;
  }

  /** google.script.run rules (see the exported function). */
  isCallableFromClient(code: string, name: string): boolean {
    return isCallableFromClient(code, name);
  }

  /** Called after every change from outside an execution and at every execution's end. */
  save(): void {
    this.sheetEpoch += 1;
    if (this.storeFile) saveState(this.state, this.storeFile);
  }

  newContext(opts: ExecOptions = {}): ExecContext {
    const authMode = opts.authMode ?? 'FULL';
    const user = opts.user ?? this.defaultUser;
    const ctx = new ExecContext(
      this,
      authMode,
      user,
      opts.effectiveUser ?? user,
      opts.locale ?? 'sv',
      opts.faults,
      opts.hooks,
      !!opts.webApp,
    );
    if (opts.timeoutMs !== undefined) ctx.limitMs = Math.max(0, Number(opts.timeoutMs) || 0);
    return ctx;
  }

  /** Runs `fnName(...args)` of `code` in a fresh vm context. */
  runExecution(code: string, fnName: string, args: unknown[] = [], opts: ExecOptions = {}): ExecutionResult {
    const ctx = this.newContext(opts);
    const context = vm.createContext({});
    const realm = realmIntrinsics(context);
    installClock(context, () => this.now().getTime());
    const bridge = new RealmBridge(ctx, realm);
    const g = context as Record<string, unknown>;
    for (const [name, svc] of Object.entries(buildServices(ctx))) g[name] = bridge.wrap(svc);
    const log = (...a: unknown[]) => {
      ctx.logs.push(format(...a));
    };
    g.console = bridge.toRealm({ log, info: log, warn: log, error: log, debug: log });
    ctx.templateRunner = (body, props) => {
      const out: string[] = [];
      const output = new realm.Object() as Record<string, unknown>;
      output._push = (s: unknown) => {
        out.push(s === null || s === undefined ? '' : String(s));
      };
      const p = new realm.Object() as Record<string, unknown>;
      Object.assign(p, props);
      const fn = new realm.Function('__p', '__esc', '__raw', 'output', body) as (...a: unknown[]) => void;
      fn(p, escapeHtml, (v: unknown) => (v === null || v === undefined ? '' : String(v)), output);
      return out.join('');
    };
    const timeout = opts.timeoutMs ?? defaultTimeLimitMs(ctx.authMode);
    const result: ExecutionResult = { ok: false, calls: ctx.counts, logs: ctx.logs, ui: ctx.ui, globalEvalMs: 0, execMs: 0, emulatedMs: 0 };
    const before = new Set(Object.getOwnPropertyNames(context));
    const t0 = performance.now();
    try {
      try {
        new vm.Script(code, { filename: 'Code.js' }).runInContext(context, { timeout });
      } finally {
        result.globalEvalMs = performance.now() - t0;
      }
      const fn = this.resolve(context, before, fnName, !!opts.internal);
      const callArgs = opts.argsFactory ? opts.argsFactory(ctx).map((a) => bridge.toRealm(a)) : (bridge.toRealm(args) as unknown[]);
      g.__emuCall = { fn, args: callArgs };
      const t1 = performance.now();
      ctx.measureCpu = !!opts.measureCpu;
      const cpu = ctx.measureCpu ? process.cpuUsage() : undefined;
      try {
        const ret = new vm.Script('(function (c) { return c.fn.apply(undefined, c.args); })(__emuCall)', { filename: 'emulator-call.js' }).runInContext(
          context,
          { timeout },
        );
        result.result = bridge.fromRealm(ret);
        result.ok = true;
      } finally {
        result.execMs = performance.now() - t1;
        if (cpu) {
          const d = process.cpuUsage(cpu);
          result.scriptCpuMs = Math.max(0, d.user + d.system - ctx.serviceCpuUs) / 1000;
        }
        delete g.__emuCall;
      }
    } catch (e) {
      const info = errorInfo(e);
      if (/Script execution timed out/.test(info.message)) {
        info.message = EXECUTION_TIME_EXCEEDED;
        ctx.killed = true;
      }
      result.error = info;
    } finally {
      ctx.finishWrites();
      this.locks.releaseAll(ctx.id);
      this.save();
    }
    result.emulatedMs = ctx.elapsedMs;
    return deathOf(ctx, result);
  }

  private resolve(context: vm.Context, before: Set<string>, fnName: string, internal: boolean): unknown {
    const g = context as Record<string, unknown>;
    if (internal) {
      let cur: unknown = g;
      for (const part of fnName.split('.')) cur = cur === null || cur === undefined ? undefined : (cur as Record<string, unknown>)[part];
      if (typeof cur !== 'function') throw new Error(`Script function not found: ${fnName}`);
      return cur;
    }
    if (fnName.endsWith('_') || before.has(fnName) || !Object.prototype.hasOwnProperty.call(g, fnName) || typeof g[fnName] !== 'function') {
      throw new Error(`Script function not found: ${fnName}`);
    }
    return g[fnName];
  }

  /**
   * Applies an edit as a person makes it, then runs the simple trigger onEdit(e) (LIMITED); the
   * add-on installs no triggers, so none are emulated. What the event carries follows Sheets (guides/triggers/events#edit and
   * tanaikech/GetEditType, built against live Sheets): `value`/`oldValue` only when a person
   * types into or clears one cell; a paste or fill gives neither, even into one cell; a
   * multi-cell edit gives neither. Refused edits change nothing and run nothing.
   */
  fireEdit(code: string, spec: EditSpec, opts: Omit<ExecOptions, 'authMode' | 'argsFactory'> = {}): EditResult {
    const st = sheetNamed(this, spec.sheet);
    const kind = spec.kind ?? 'type';
    const r = editArea(st, spec);
    const values = spec.values ?? (kind === 'clear' ? Array.from({ length: r.numRows }, () => Array<string>(r.numCols).fill('')) : null);
    if (!values || values.length !== r.numRows || values.some((row) => row.length !== r.numCols)) throw new Error('fireEdit: values do not match the range size');
    if (r.row + r.numRows - 1 > st.maxRows || r.col + r.numCols - 1 > st.maxCols) throw new Error('fireEdit: range outside the sheet');
    const user = spec.user ?? opts.user ?? this.defaultUser;
    const why = personEditRejection(this, st, user, r, kind === 'clear' ? undefined : values);
    if (why) return { ...emptyEditResult(), rejected: why };
    const oldCell = getCell(st, r.row, r.col);
    const changes = applyPersonEdit(st, r, values, inputSettings(this));
    const single = r.numRows === 1 && r.numCols === 1 && (kind === 'type' || kind === 'clear');
    const makeEvent = (ctx: ExecContext) => {
      const e: Record<string, unknown> = { authMode: 'LIMITED', range: new Range(ctx, st.sheetId, r.row, r.col, r.numRows, r.numCols), source: new Spreadsheet(ctx), user: new GasUser(ctx, user) };
      if (single) Object.assign(e, singleCellValues(oldCell, getCell(st, r.row, r.col), this.state.spreadsheet.timeZone));
      return [e];
    };
    const hasOnEdit = scriptGlobals(code).includes('onEdit');
    let res: ExecutionResult = emptyEditResult();
    if (hasOnEdit) res = this.runExecution(code, 'onEdit', [], { ...opts, user, authMode: 'LIMITED', argsFactory: makeEvent });
    else this.save();
    return { ...res, fired: hasOnEdit, changes };
  }

  /** A person deletes `count` rows from `row` on (see outside.ts): no onEdit; `rejected` when a protection forbids it. */
  deleteRows(sheet: string, row: number, count: number, user?: string): OutsideResult {
    return deleteRowsAsPerson(this, sheet, row, count, user ?? this.defaultUser);
  }
  /** A person inserts `count` empty rows before `beforeRow` (see outside.ts): no onEdit. */
  insertRows(sheet: string, beforeRow: number, count: number, user?: string): OutsideResult {
    return insertRowsAsPerson(this, sheet, beforeRow, count, user ?? this.defaultUser);
  }
  /** Sheets API v4 spreadsheets.values.update (see outside.ts): no onEdit; `rejected` for a protected range. */
  apiUpdate(range: string, values: unknown[][], opts: ApiWriteOptions = {}): ApiWriteResult {
    return apiUpdate(this, range, values, opts);
  }
  /** The file's content now, as version history keeps it. */
  snapshotVersion(): SpreadsheetVersion {
    return snapshotVersion(this);
  }
  /** Restores a version's content (properties, cache and outbox stay): no onEdit. */
  restoreVersion(v: SpreadsheetVersion): OutsideResult {
    return restoreVersion(this, v);
  }

  // ---------- accessors for tests and the sandbox ----------

  sheetValues(name: string): CellValue[][] {
    const st = this.state.spreadsheet.sheets.find((s) => s.name === name);
    if (!st) throw new Error(`No sheet named ${name}`);
    const ctx = this.newContext({ authMode: 'FULL' });
    return new Sheet(ctx, st.sheetId).getDataRange().getValues();
  }
  sheetNames(): string[] {
    return this.state.spreadsheet.sheets.map((s) => s.name);
  }
  outbox(): OutboxEntry[] {
    return this.state.outbox.map((o) => ({ ...o }));
  }
  /** The raw RFC 5322 text of a sent message. */
  eml(id: string): string {
    const e = this.state.outbox.find((o) => o.id === id);
    if (e?.file) return fs.readFileSync(e.file, 'utf8');
    const m = this.memoryOutbox.get(id);
    if (m === undefined) throw new Error(`No message ${id}`);
    if (typeof m === 'string') return m;
    const text = m();
    this.memoryOutbox.set(id, text);
    return text;
  }
  setDailyMailQuota(n: number): void {
    this.dailyMailQuota = n;
  }
  /** Holds a lock as if another execution did (tests); returns release. */
  holdLock(kind: 'document' | 'script', owner = 'external'): () => void {
    const key = kind === 'document' ? `document:${this.state.spreadsheet.id}` : kind;
    if (!this.locks.acquire(key, owner)) throw new Error(`lock ${key} busy`);
    return () => this.locks.release(key, owner);
  }
}
