/**
 * Per-execution context: call counting, fault injection, auth mode, effects
 * (logs, ui), and the base class of every emulated object.
 */
import type { Emulator } from './runtime';
import type { SpreadsheetState } from './store';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

export interface CallInfo {
  service: string;
  cls: string;
  method: string;
  /** 1-based index of this call within the execution. */
  n: number;
  args: unknown[];
}

export interface CallCounts {
  total: number;
  byService: Record<string, number>;
  byMethod: Record<string, number>;
  rangeReads: number;
  rangeWrites: number;
}

export interface Faults {
  failAtCall?: number;
  failOn?: (call: CallInfo) => boolean;
  /** 'before' (default): the failing call has no effect. 'after': it takes effect, then the execution dies. */
  when?: 'before' | 'after';
}

export interface MenuItem {
  caption?: string;
  functionName?: string;
  separator?: true;
}
export interface MenuRecord {
  title: string;
  items: MenuItem[];
}
export interface UiEffects {
  menus: MenuRecord[];
  sidebar?: { title: string; html: string; width: number };
  dialog?: { title: string; html: string; width: number; height: number };
  alerts: { title: string; prompt: string; buttons: string; response: string }[];
  toasts: { msg: string; title: string; timeoutSeconds: number }[];
}

export class EmulatedCrash extends Error {
  constructor() {
    super('Emulated crash');
    this.name = 'EmulatedCrash';
  }
}

/**
 * What an execution dies with when it runs past its time limit: 6 min, or 30 s for simple
 * triggers and custom functions (developers.google.com/apps-script/guides/services/quotas
 * "Script runtime", …/guides/triggers "Restrictions"; ../shared/reference/apps-script-platform.md
 * "Limits"). The wording is the one users quote from their execution logs (e.g.
 * github.com/ttsukagoshi/mail-merge-for-gmail/issues/163, "terminates with 'Exceeded maximum
 * execution time' error" when a merge passes the 6-minute limit).
 */
export const EXECUTION_TIME_EXCEEDED = 'Exceeded maximum execution time';

/** The limit of an execution in this auth mode, in ms: FULL 6 min, everything else (simple triggers, custom functions) 30 s. */
export function defaultTimeLimitMs(authMode: AuthModeName): number {
  return authMode === 'FULL' ? 360_000 : 30_000;
}

/** Methods that read / write cell ranges (for derived counters). */
export const RANGE_READS = new Set(['Range.getValues', 'Sheet.getSheetValues']);
export const RANGE_WRITES = new Set(['Range.setValues', 'Range.setNumberFormat', 'Range.setDataValidation']);

/**
 * What a custom function (AuthMode CUSTOM_FUNCTION) may call. Reference:
 * developers.google.com/apps-script/guides/sheets/functions ("Using Apps Script services") and
 * ../shared/reference/apps-script-platform.md "Execution contexts": only Cache, HTML, JDBC,
 * Language, Lock, Maps, Properties, Spreadsheet (read-only: "most get*() methods, but not set*()"),
 * URL Fetch, Utilities and XML. The emulator has Cache, HTML, Lock, Properties, Spreadsheet and
 * Utilities of these. Anything else fails with the guide's "You do not have permission to call X
 * service." in its per-method form.
 */
export const CUSTOM_FUNCTION_SERVICES: ReadonlySet<string> = new Set([
  'CacheService',
  'HtmlService',
  'LockService',
  'PropertiesService',
  'SpreadsheetApp',
  'Utilities',
]);

/**
 * Session in a custom function, where the sources disagree (apps-script-platform.md "Execution
 * contexts"): 'throw' — Session is not among the services the custom-function guide allows, so
 * every call fails; 'blank' — the User reference (…/reference/base/user, getEmail()) says the
 * e-mail "is not available" in a custom function, i.e. a blank string, and the rest works.
 */
export type CustomFunctionSession = 'throw' | 'blank';

/** Spreadsheet classes that hold the document; their non-reading methods are writes. */
const SHEET_DOCUMENT_CLASSES = new Set(['SpreadsheetApp', 'Spreadsheet', 'Sheet', 'Range', 'Protection']);
/** Methods of those classes that read although their names don't say so (openById has its own refusal). */
const SHEET_OTHER_READS = new Set(['flush', 'openById', 'newDataValidation', 'newConditionalFormatRule', 'newChart']);

/** Methods of the document classes that change nothing (toast() is a UI effect, not a write). */
const SHEET_NON_MUTATIONS = new Set([...SHEET_OTHER_READS, 'toast']);

/**
 * Whether a call changes the spreadsheet: every method of Spreadsheet, Sheet, Range and Protection
 * that isn't a getter (get/is/can/has…) or one of the few other readers. In flush mode 'buffered'
 * these are the calls that wait for SpreadsheetApp.flush() or the end of the execution.
 */
export function isSheetMutation(cls: string, method: string): boolean {
  return SHEET_DOCUMENT_CLASSES.has(cls) && cls !== 'SpreadsheetApp' && !/^(get|is|can|has)[A-Z]/.test(method) && !SHEET_NON_MUTATIONS.has(method);
}

/** A buffered spreadsheet write: the call, replayed on the shared state at flush (and on the writer's own view). */
interface PendingWrite {
  target: GasObject;
  fn: (...a: unknown[]) => unknown;
  args: unknown[];
  /** Ids the call generated (protection and sheet ids), given back when it is replayed. */
  ids: unknown[];
}

/** Scopes named in the refusal, where Google names one (MailApp, Session's users). */
function refusalScope(cls: string, method: string): string | undefined {
  if (cls === 'MailApp') return 'https://www.googleapis.com/auth/script.send_mail';
  if (cls === 'Session' && (method === 'getActiveUser' || method === 'getEffectiveUser')) return 'https://www.googleapis.com/auth/userinfo.email';
  return undefined;
}

/**
 * Why a custom function may not make this call (the message Google throws), or null when it may.
 * Messages: a spreadsheet write gives "You do not have permission to call setValue" (the form
 * quoted from live Sheets, e.g. support.google.com/docs/thread/202011707); a service outside the
 * list gives "You do not have permission to call Session.getActiveUser. Required permissions:
 * https://www.googleapis.com/auth/userinfo.email" (quoted from a live execution log), the scope
 * part only where the method needs one.
 */
export function customFunctionRefusal(service: string, cls: string, method: string, session: CustomFunctionSession): string | null {
  // A User value (Spreadsheet.getOwner(), Protection.getEditors()) is not a call of the Session service.
  if (service === 'Session' && (session === 'blank' || cls === 'User')) return null;
  if (!CUSTOM_FUNCTION_SERVICES.has(service)) return refusal(`${cls}.${method}`, refusalScope(cls, method));
  if (service === 'SpreadsheetApp' && SHEET_DOCUMENT_CLASSES.has(cls) && !/^(get|is|can|has)[A-Z]/.test(method) && !SHEET_OTHER_READS.has(method)) {
    return refusal(method);
  }
  return null;
}

function refusal(what: string, scope?: string): string {
  return scope ? `You do not have permission to call ${what}. Required permissions: ${scope}` : `You do not have permission to call ${what}`;
}

export function emptyCounts(): CallCounts {
  return { total: 0, byService: {}, byMethod: {}, rangeReads: 0, rangeWrites: 0 };
}

let execSeq = 0;

/** Base class of every object handed to script code. Public API = prototype methods not starting with '_' + UPPER-case constant fields. */
export abstract class GasObject {
  abstract readonly _cls: string;
  abstract readonly _service: string;
  constructor(readonly _ctx: ExecContext) {}
}

export function publicMethods(obj: object): string[] {
  const names = new Set<string>();
  let p: object | null = Object.getPrototypeOf(obj);
  while (p && p !== GasObject.prototype && p !== Object.prototype) {
    for (const k of Object.getOwnPropertyNames(p)) {
      if (k === 'constructor' || k.startsWith('_')) continue;
      const d = Object.getOwnPropertyDescriptor(p, k);
      if (d && typeof d.value === 'function') names.add(k);
    }
    p = Object.getPrototypeOf(p);
  }
  return [...names];
}

export function publicConstants(obj: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) if (/^[A-Z]/.test(k)) out[k] = (obj as Record<string, unknown>)[k];
  return out;
}

export class ExecContext {
  readonly id: string;
  readonly counts: CallCounts = emptyCounts();
  readonly logs: string[] = [];
  readonly ui: UiEffects = { menus: [], alerts: [], toasts: [] };
  crashed = false;
  /** Set by the concurrency harness: lock waits really wait (in another thread) instead of advancing the clock. */
  realLockWaits = false;
  /**
   * Emulated wall time of this execution so far (ms): service latency and lock waits. Script code
   * itself takes no emulated time.
   */
  elapsedMs = 0;
  /** CPU time (µs) spent inside emulated service calls, the realm bridge's conversions included (ExecutionResult.scriptCpuMs leaves it out). */
  serviceCpuUs = 0;
  /** serviceCpuUs is kept (ExecOptions.measureCpu). */
  measureCpu = false;
  /** Past this much emulated time the execution dies (EXECUTION_TIME_EXCEEDED); set from ExecOptions.timeoutMs. */
  limitMs: number;
  /** Ran past limitMs: every later call fails and the result is EXECUTION_TIME_EXCEEDED. */
  killed = false;
  /** Buffered spreadsheet writes not yet flushed (flush mode 'buffered'), oldest first. */
  private pending: PendingWrite[] = [];
  /** The execution's own view while writes are pending: the shared spreadsheet plus them. */
  private view?: { ss: SpreadsheetState; base: SpreadsheetState; epoch: number };
  /** While a write is applied or replayed: the spreadsheet state it goes to. */
  private route?: SpreadsheetState;
  private idLog?: unknown[];
  private idReplay?: unknown[];
  /** Evaluates a compiled template body in the execution's realm (set by the runtime). */
  templateRunner?: (body: string, props: Record<string, unknown>) => string;

  constructor(
    readonly emu: Emulator,
    readonly authMode: AuthModeName,
    /** The account running the code (email). */
    readonly user: string,
    readonly effectiveUser: string,
    readonly locale: string,
    readonly faults: Faults | undefined,
    readonly hooks: { afterCall?(call: CallInfo): void } | undefined,
    /** This execution is the web app: doGet/doPost, or a google.script.run call from its page. */
    readonly webApp = false,
  ) {
    execSeq += 1;
    this.id = `exec-${process.pid}-${execSeq}`;
    this.limitMs = defaultTimeLimitMs(authMode);
  }

  // ---------- emulated time ----------

  /**
   * Spends `ms` of emulated time: the emulator's clock (and so the script's `new Date()`) moves on
   * and elapsedMs grows. Past limitMs the execution dies where it stands, with Google's message.
   */
  spend(ms: number): void {
    const d = Math.max(0, Number(ms) || 0);
    if (d === 0) return;
    const room = Math.max(0, this.limitMs - this.elapsedMs);
    const step = Math.min(d, room);
    this.elapsedMs += step;
    this.emu.advance(step);
    if (d > room) {
      this.killed = true;
      throw new Error(EXECUTION_TIME_EXCEEDED);
    }
  }

  // ---------- the spreadsheet this execution sees (flush mode 'buffered') ----------

  /**
   * The spreadsheet state this execution reads and writes: the shared one, or while it has
   * unflushed writes its own view (the shared state with its pending writes applied), so it reads
   * its own writes while no other execution sees them.
   */
  get spreadsheet(): SpreadsheetState {
    if (this.route) return this.route;
    if (this.pending.length === 0) return this.emu.state.spreadsheet;
    return this.ownView();
  }

  /** How many spreadsheet writes wait for a flush. */
  get pendingWrites(): number {
    return this.pending.length;
  }

  /** An id made by a write (a protection's or a sheet's), the same when the write is replayed. */
  genId<T>(make: () => T): T {
    if (this.idReplay && this.idReplay.length > 0) return this.idReplay.shift() as T;
    const v = make();
    this.idLog?.push(v);
    return v;
  }

  /** Rebuilt whenever the shared state changed (Emulator.sheetEpoch) since it was made. */
  private ownView(): SpreadsheetState {
    const base = this.emu.state.spreadsheet;
    const epoch = this.emu.sheetEpoch;
    if (this.view && this.view.base === base && this.view.epoch === epoch) return this.view.ss;
    const ss = structuredClone(base);
    for (const op of this.pending) {
      try {
        this.replay(op, ss);
      } catch {
        // A write the shared state no longer allows (its sheet deleted, a protection added) is skipped in the view.
      }
    }
    this.view = { ss, base, epoch };
    return ss;
  }

  private replay(op: PendingWrite, ss: SpreadsheetState): void {
    this.route = ss;
    this.idReplay = [...op.ids];
    try {
      op.fn.apply(op.target, op.args);
    } finally {
      this.route = undefined;
      this.idReplay = undefined;
    }
  }

  /** A write in flush mode 'buffered': applied to the execution's own view now, queued for the shared state. */
  private bufferWrite(target: GasObject, fn: (...a: unknown[]) => unknown, args: unknown[]): unknown {
    const ss = this.ownView();
    const op: PendingWrite = { target, fn, args, ids: [] };
    this.route = ss;
    this.idLog = op.ids;
    try {
      const result = fn.apply(target, args);
      this.pending.push(op);
      return result;
    } catch (e) {
      this.view = undefined; // a refused write may have changed part of the view: rebuild it from the queue
      throw e;
    } finally {
      this.route = undefined;
      this.idLog = undefined;
    }
  }

  /**
   * SpreadsheetApp.flush(): the pending writes reach the shared spreadsheet, in order, each
   * applied to the state as it is now (after whatever others flushed first). A write the shared
   * state refuses is dropped and the first such error is thrown.
   */
  flushWrites(): void {
    if (this.pending.length === 0) return;
    const ops = this.pending;
    this.pending = [];
    this.view = undefined;
    const shared = this.emu.state.spreadsheet;
    let failure: unknown;
    let failed = false;
    for (const op of ops) {
      try {
        this.replay(op, shared);
      } catch (e) {
        if (!failed) failure = e;
        failed = true;
      }
    }
    this.emu.sheetEpoch += 1;
    if (failed) throw failure;
  }

  /**
   * The end of the execution. A finished execution's pending writes land (also when it ended with
   * an uncaught exception: the script ended, the runtime did not die). One that was killed (its
   * time limit, an injected crash) loses them unless the emulator's `unflushedOnKill` is
   * 'applied'. Errors of the final flush are nobody's to see and are dropped.
   */
  finishWrites(): void {
    if ((this.crashed || this.killed) && this.emu.unflushedOnKill === 'lost') {
      this.pending = [];
      this.view = undefined;
      return;
    }
    try {
      this.flushWrites();
    } catch {
      // see above
    }
  }

  /**
   * Whether the execution has a container document (getActiveSpreadsheet(), document properties
   * and cache). Every execution in the document has one, in both deployments; the web app of the
   * add-on never has one; a bound script's web app has one only if `webAppSeesContainer` (see
   * Emulator.webAppHasContainer).
   */
  get hasContainer(): boolean {
    return !this.webApp || this.emu.webAppHasContainer;
  }

  /** Active user as Session reports it ('' in simple triggers / NONE / custom functions). */
  get activeUserEmail(): string {
    return this.authMode === 'FULL' ? this.user : '';
  }

  /** Throws an authorisation error unless the mode is one of `allowed`. */
  requireAuth(what: string, allowed: AuthModeName[], scope: string): void {
    if (!allowed.includes(this.authMode)) {
      throw new Error(`You do not have permission to call ${what}. Required permissions: ${scope}`);
    }
  }

  /**
   * The one entry point for every call of an emulated method. The call takes effect, then its
   * latency (EmulatorOptions.latency) is spent; a call that throws costs its latency too. In flush
   * mode 'buffered' a spreadsheet write goes to the execution's own view and the queue.
   */
  invoke(target: GasObject, method: string, args: unknown[]): unknown {
    const key = `${target._cls}.${method}`;
    const n = this.counts.total + 1;
    const call: CallInfo = { service: target._service, cls: target._cls, method, n, args };
    if (this.crashed) throw new EmulatedCrash();
    if (this.killed) throw new Error(EXECUTION_TIME_EXCEEDED);
    const f = this.faults;
    const hit = !!f && (f.failAtCall === n || (f.failOn ? f.failOn(call) : false));
    const fn = (target as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function' || method.startsWith('_')) throw new TypeError(`${method} is not a function`);
    this.counts.total = n;
    this.counts.byService[target._service] = (this.counts.byService[target._service] ?? 0) + 1;
    this.counts.byMethod[key] = (this.counts.byMethod[key] ?? 0) + 1;
    if (RANGE_READS.has(key)) this.counts.rangeReads++;
    if (RANGE_WRITES.has(key)) this.counts.rangeWrites++;
    if (hit && f?.when !== 'after') {
      this.crashed = true;
      throw new EmulatedCrash();
    }
    if (this.authMode === 'CUSTOM_FUNCTION') {
      const why = customFunctionRefusal(target._service, target._cls, method, this.emu.customFunctionSession);
      if (why) throw new Error(why);
    }
    const apply = fn as (...a: unknown[]) => unknown;
    let result: unknown;
    let failure: unknown;
    let failed = false;
    try {
      result =
        this.emu.flushMode === 'buffered' && target._service === 'SpreadsheetApp' && isSheetMutation(target._cls, method)
          ? this.bufferWrite(target, apply, args)
          : apply.apply(target, args);
    } catch (e) {
      if (this.killed) throw e;
      failure = e;
      failed = true;
    }
    if (hit && !failed) {
      this.crashed = true;
      throw new EmulatedCrash();
    }
    this.spend(this.emu.latencyMs(key));
    if (failed) throw failure;
    this.hooks?.afterCall?.(call);
    return result;
  }
}
