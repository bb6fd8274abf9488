/**
 * Real interleaving of two executions: each runs in a worker_thread with its
 * own vm context; every service call is forwarded synchronously (postMessage +
 * Atomics.wait, reply read with receiveMessageOnPort) to this thread, which
 * answers from the one Emulator. Locks live here: a tryLock on a busy lock is
 * answered only when the holder releases it or the timeout elapses.
 *
 * Two clocks (ConcurrentOptions.time):
 * - 'real' (the default without latency): calls are answered as they come, a
 *   lock wait times out after its timeout in real milliseconds, and script code
 *   sees real time passing (shifted to the emulator's clock).
 * - 'virtual' (the default when the emulator has latency, or with startBAtMs):
 *   a discrete-event simulation on the emulator's clock. Each execution has its
 *   own emulated time, moved only by call latency and lock waits; calls are
 *   answered in time order (the earlier execution's next call first), so a lock
 *   wait ends when the holder releases it in emulated time or at its timeout,
 *   whichever comes first, and the 30 s / 6 min limits hold.
 *   Script code takes no emulated time: `new Date()` in a script is the
 *   execution's emulated time, which stands still between its calls.
 */
import * as vm from 'node:vm';
import { MessageChannel, Worker } from 'node:worker_threads';
import { CallInfo, EXECUTION_TIME_EXCEEDED, ExecContext, GasObject, publicConstants, publicMethods } from './exec';
import { buildServices, CLOCK_DATE_SOURCE, deathOf, Emulator, ExecOptions, ExecutionResult } from './runtime';
import { escapeHtml, HtmlTemplate, Lock } from './services';
import { isDate } from './values';

export interface ConcurrentExec {
  fnName: string;
  args?: unknown[];
  opts?: Omit<ExecOptions, 'hooks' | 'argsFactory'>;
}

export interface ConcurrentOptions {
  /**
   * A pauses (before the call takes effect) at its first call matching this;
   * B starts then, and A resumes once B is blocked in tryLock or has finished.
   * Without it (or if it never matches) B starts when A is done.
   * On the virtual clock A's time stands still while paused and resumes at
   * B's time then (A was slow while B ran).
   */
  pauseA?: (call: Pick<CallInfo, 'service' | 'cls' | 'method' | 'n'>) => boolean;
  /**
   * Virtual clock only: B starts this many emulated ms after A started, the two
   * running side by side from then on (e.g. while A holds the lock). Not with pauseA.
   */
  startBAtMs?: number;
  /** 'real' or 'virtual' (see the file's comment). Default 'virtual' when the emulator has latency or startBAtMs is given. */
  time?: 'real' | 'virtual';
  /** Overall limit; the workers are terminated and the promise rejects (default 20 s). */
  timeoutMs?: number;
  /** Limit for one forwarded call in a worker (default 15 s). */
  rpcTimeoutMs?: number;
}

interface WireHandle {
  __h: number;
  cls: string;
  methods: string[];
  consts: Record<string, unknown>;
}

type WorkerMsg =
  | { t: 'call'; h: number; m: string; a: unknown[]; seq?: number }
  | { t: 'set'; h: number; p: string; v: unknown; seq?: number }
  | { t: 'log'; s: string }
  | { t: 'done'; ok: boolean; result?: unknown; error?: { name: string; message: string; stack?: string }; globalEvalMs: number; execMs: number };

// A worker runs one execution at a time, each in a new vm context with nothing kept from the last one;
// it waits for the next in a pool (see acquireWorker). Everything of an execution lives inside runJob.
const WORKER_SOURCE = String.raw`
const { parentPort, receiveMessageOnPort } = require('node:worker_threads');
const vm = require('node:vm');
const { format } = require('node:util');
parentPort.on('message', runJob);
function runJob(job) {
const { code, fnName, args, globals, sab, port, rpcTimeout, internal, execTimeout, clockSource, clockOffset, virtualNow } = job;
const flag = new Int32Array(sab);
const context = vm.createContext({});
const R = vm.runInContext('({ Array, Object, Date, Error, TypeError })', context);
// Virtual clock: the execution's emulated time, as the last reply reported it; real clock: real time, shifted.
let vnow = virtualNow;
vm.runInContext(clockSource, context)(vnow === null ? () => Date.now() + clockOffset : () => vnow);
const proxies = new Map();
const handleOf = new WeakMap();
const tplProps = new Map();
const isDate = (v) => Object.prototype.toString.call(v) === '[object Date]';
// Every request carries a number its reply echoes: a reply paired with the wrong request would hand
// one call's result to another (e.g. a non-Blob into sendEmail's attachments) and fail far from the cause.
let seq = 0;
function rpc(msg) {
  msg.seq = ++seq;
  parentPort.postMessage(msg);
  const r = Atomics.wait(flag, 0, 0, rpcTimeout);
  if (r === 'timed-out') throw new R.Error('Emulator RPC timeout (' + (msg.m || msg.t) + ')');
  Atomics.store(flag, 0, 0);
  // The flag can be seen before the reply is on the port (seen under load: a 1000-try spin gave up, the
  // script caught "no reply" and the late reply was then taken as the next call's): wait for it, in 1 ms naps.
  const deadline = performance.now() + rpcTimeout;
  let m = receiveMessageOnPort(port);
  while (!m && performance.now() < deadline) {
    Atomics.wait(flag, 0, 0, 1);
    m = receiveMessageOnPort(port);
  }
  if (!m) throw new R.Error('Emulator RPC: no reply');
  if (m.message.seq !== seq) throw new R.Error('Emulator RPC: the reply to request ' + m.message.seq + ' came for request ' + seq + ' (' + (msg.m || msg.t) + ')');
  if (typeof m.message.now === 'number') vnow = m.message.now;
  return m.message;
}
function toRealm(v) {
  if (v === null || typeof v !== 'object') return v;
  if (typeof v.__h === 'number') return proxyFor(v);
  if (isDate(v)) return new R.Date(v.getTime());
  if (Array.isArray(v)) { const a = new R.Array(v.length); for (let i = 0; i < v.length; i++) a[i] = toRealm(v[i]); return a; }
  if (v instanceof Uint8Array) return v;
  const o = new R.Object();
  for (const k of Object.keys(v)) o[k] = toRealm(v[k]);
  return o;
}
function toWire(v) {
  if (typeof v === 'function' || typeof v === 'symbol') return undefined;
  if (v === null || typeof v !== 'object') return v;
  if (handleOf.has(v)) return { __h: handleOf.get(v) };
  if (isDate(v)) return new Date(v.getTime());
  if (Array.isArray(v)) return v.map(toWire);
  const o = {};
  for (const k of Object.keys(v)) o[k] = toWire(v[k]);
  return o;
}
function call(h, m, a) {
  const r = rpc({ t: 'call', h, m, a: a.map(toWire) });
  if (!r.ok) {
    const e = new (r.e.name === 'TypeError' ? R.TypeError : R.Error)(r.e.message);
    if (r.e.name !== 'Error' && r.e.name !== 'TypeError') e.name = r.e.name;
    throw e;
  }
  return toRealm(r.v);
}
function proxyFor(d) {
  const hit = proxies.get(d.__h);
  if (hit) return hit;
  const methods = new Set(d.methods);
  const consts = d.consts || {};
  const fns = new Map();
  const p = new Proxy(new R.Object(), {
    get(_t, prop) {
      if (typeof prop !== 'string') return undefined;
      if (methods.has(prop)) {
        let f = fns.get(prop);
        if (!f) { f = (...a) => call(d.__h, prop, a); fns.set(prop, f); }
        return f;
      }
      if (prop === 'toString') return () => d.cls;
      if (Object.prototype.hasOwnProperty.call(consts, prop)) return toRealm(consts[prop]);
      if (d.cls === 'HtmlTemplate') return (tplProps.get(d.__h) || {})[prop];
      return undefined;
    },
    set(_t, prop, v) {
      if (d.cls === 'HtmlTemplate' && typeof prop === 'string') {
        if (!tplProps.has(d.__h)) tplProps.set(d.__h, {});
        tplProps.get(d.__h)[prop] = v;
        rpc({ t: 'set', h: d.__h, p: prop, v: toWire(v) });
      }
      return true;
    },
    ownKeys() { return Object.keys(consts); },
    getOwnPropertyDescriptor(_t, prop) {
      if (typeof prop === 'string' && Object.prototype.hasOwnProperty.call(consts, prop)) return { value: toRealm(consts[prop]), enumerable: true, configurable: true, writable: false };
      return undefined;
    },
  });
  proxies.set(d.__h, p);
  handleOf.set(p, d.__h);
  return p;
}
const log = (...a) => parentPort.postMessage({ t: 'log', s: format(...a) });
for (const name of Object.keys(globals)) context[name] = proxyFor(globals[name]);
context.console = toRealm({});
for (const k of ['log', 'info', 'warn', 'error', 'debug']) context.console[k] = log;
const before = new Set(Object.getOwnPropertyNames(context));
let globalEvalMs = 0, execMs = 0;
let out;
try {
  const t0 = performance.now();
  try { new vm.Script(code, { filename: 'Code.js' }).runInContext(context, { timeout: execTimeout }); }
  finally { globalEvalMs = performance.now() - t0; }
  let fn;
  if (internal) { fn = context; for (const part of fnName.split('.')) fn = fn == null ? undefined : fn[part]; }
  else if (!fnName.endsWith('_') && !before.has(fnName) && Object.prototype.hasOwnProperty.call(context, fnName)) fn = context[fnName];
  if (typeof fn !== 'function') throw new Error('Script function not found: ' + fnName);
  context.__emuCall = { fn, args: toRealm(args) };
  const t1 = performance.now();
  let ret;
  try { ret = new vm.Script('(function (c) { return c.fn.apply(undefined, c.args); })(__emuCall)').runInContext(context, { timeout: execTimeout }); }
  finally { execMs = performance.now() - t1; delete context.__emuCall; }
  out = { t: 'done', ok: true, result: toWire(ret), globalEvalMs, execMs };
} catch (e) {
  out = { t: 'done', ok: false, error: { name: (e && e.name) || 'Error', message: String(e && e.message !== undefined ? e.message : e), stack: e && e.stack }, globalEvalMs, execMs };
}
port.close();
parentPort.postMessage(out);
}
`;

/**
 * Idle workers, for the next execution. A new worker costs about 36 ms of CPU to start and 25 more to
 * compile Code.js (V8's compilation cache is per thread); a pooled one has both behind it. What an
 * execution sees is the same either way: a new vm context (a fresh global, Code.js evaluated anew),
 * as runExecution gives. Only a worker whose execution ended normally comes back; one stopped
 * midway (a timeout, a failed run) is terminated. Idle workers are unreferenced, so they never keep
 * the process alive, and terminated after a moment of idleness.
 */
const idleWorkers: Worker[] = [];
const MAX_IDLE_WORKERS = 4;
const IDLE_WORKER_MS = 1000;
let idleTimer: NodeJS.Timeout | undefined;

function acquireWorker(): Worker {
  const w = idleWorkers.pop();
  if (w) {
    w.ref();
    return w;
  }
  const fresh = new Worker(WORKER_SOURCE, { eval: true });
  fresh.once('exit', () => {
    const i = idleWorkers.indexOf(fresh);
    if (i >= 0) idleWorkers.splice(i, 1);
  });
  return fresh;
}

function releaseWorker(w: Worker): void {
  if (idleWorkers.length >= MAX_IDLE_WORKERS) {
    void w.terminate();
    return;
  }
  w.unref();
  idleWorkers.push(w);
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    for (const idle of idleWorkers.splice(0)) void idle.terminate();
  }, IDLE_WORKER_MS);
  idleTimer.unref();
}

class Runner {
  readonly ctx: ExecContext;
  private readonly handles = new Map<number, GasObject>();
  private readonly ids = new Map<GasObject, number>();
  private nextId = 1;
  /** The worker running the execution, until it ends (then it is back in the pool). */
  worker?: Worker;
  private listeners?: { message: (m: WorkerMsg) => void; error: (e: Error) => void };
  /** The number of the worker's request being answered (see rpc in the worker). */
  private seq = 0;
  private readonly sab = new SharedArrayBuffer(4);
  private readonly flag = new Int32Array(this.sab);
  private readonly channel = new MessageChannel();
  done = false;
  result?: ExecutionResult;
  /** Virtual clock: this execution's emulated time (epoch ms). */
  t = 0;
  /** Virtual clock: where the execution stands (see runVirtual). */
  vs: 'idle' | 'running' | 'call' | 'held' | 'wait' | 'ending' | 'done' = 'idle';
  /** The call it waits with ('call', 'held', 'wait'). */
  pending?: { h: number; m: string; a: unknown[] };
  /** A lock wait: the lock, the timeout asked for, when it began and when it ends unanswered (virtual clock). */
  wait?: { key: string; ms: number; since: number; until: number };
  doneMsg?: Extract<WorkerMsg, { t: 'done' }>;
  /** Send the virtual time with every reply (the worker's clock follows it). */
  virtual = false;

  constructor(
    readonly emu: Emulator,
    readonly name: 'A' | 'B',
    readonly exec: ConcurrentExec,
  ) {
    this.ctx = emu.newContext(exec.opts ?? {});
    this.ctx.realLockWaits = true;
    this.ctx.templateRunner = (body, props) => {
      const context = vm.createContext({});
      const realm = vm.runInContext('({ Object, Function })', context) as { Object: ObjectConstructor; Function: FunctionConstructor };
      const out: string[] = [];
      const output = new realm.Object() as Record<string, unknown>;
      output._push = (s: unknown) => out.push(s === null || s === undefined ? '' : String(s));
      const p = Object.assign(new realm.Object(), props);
      new realm.Function('__p', '__esc', '__raw', 'output', body)(p, escapeHtml, (v: unknown) => (v === null || v === undefined ? '' : String(v)), output);
      return out.join('');
    };
  }

  describe(raw: GasObject): WireHandle {
    let id = this.ids.get(raw);
    if (id === undefined) {
      id = this.nextId++;
      this.ids.set(raw, id);
      this.handles.set(id, raw);
    }
    return { __h: id, cls: raw._cls, methods: publicMethods(raw), consts: this.toWire(publicConstants(raw)) as Record<string, unknown> };
  }

  toWire(v: unknown): unknown {
    if (typeof v === 'function' || typeof v === 'symbol') return undefined;
    if (v === null || typeof v !== 'object') return v;
    if (v instanceof GasObject) return this.describe(v);
    if (isDate(v)) return new Date(v.getTime());
    if (Array.isArray(v)) return v.map((x) => this.toWire(x));
    if (v instanceof Uint8Array) return v;
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = this.toWire(x);
    return o;
  }

  fromWire(v: unknown): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (typeof (v as { __h?: unknown }).__h === 'number') {
      const raw = this.handles.get((v as { __h: number }).__h);
      if (!raw) throw new Error('Unknown object handle');
      return raw;
    }
    if (isDate(v)) return v;
    if (Array.isArray(v)) return v.map((x) => this.fromWire(x));
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = this.fromWire(x);
    return o;
  }

  handle(id: number): GasObject {
    const raw = this.handles.get(id);
    if (!raw) throw new Error('Unknown object handle');
    return raw;
  }

  reply(msg: { ok: true; v?: unknown } | { ok: false; e: { name: string; message: string } }): void {
    this.channel.port1.postMessage(this.virtual ? { ...msg, seq: this.seq, now: this.t } : { ...msg, seq: this.seq });
    Atomics.store(this.flag, 0, 1);
    Atomics.notify(this.flag, 0);
  }

  /** Runs the call here and answers the worker; the call's emulated time (latency) moves `t` on. */
  answer(msg: { h: number; m: string; a: unknown[] }): void {
    const before = this.ctx.elapsedMs;
    try {
      const raw = this.handle(msg.h);
      const v = this.ctx.invoke(raw, msg.m, this.fromWire(msg.a) as unknown[]);
      this.t += this.ctx.elapsedMs - before;
      this.reply({ ok: true, v: this.toWire(v) });
    } catch (e) {
      const err = e as Error;
      this.t += this.ctx.elapsedMs - before;
      this.reply({ ok: false, e: { name: err?.name ?? 'Error', message: err?.message ?? String(e) } });
    }
  }

  start(code: string, timeoutMs: number, rpcTimeoutMs: number, onMessage: (r: Runner, m: WorkerMsg) => void, onError: (e: Error) => void): void {
    const globals: Record<string, WireHandle> = {};
    for (const [n, svc] of Object.entries(buildServices(this.ctx))) globals[n] = this.describe(svc);
    const port = this.channel.port2;
    const worker = acquireWorker();
    this.worker = worker;
    this.listeners = {
      message: (m: WorkerMsg) => {
        if ((m.t === 'call' || m.t === 'set') && m.seq !== undefined) this.seq = m.seq; // one request at a time: its reply echoes this
        onMessage(this, m);
      },
      error: onError,
    };
    worker.on('message', this.listeners.message);
    worker.on('error', this.listeners.error);
    worker.postMessage(
      {
        code,
        fnName: this.exec.fnName,
        args: this.toWire(this.exec.args ?? []),
        globals,
        sab: this.sab,
        port,
        rpcTimeout: rpcTimeoutMs,
        // The emulator's clock, as a fixed offset from real time (a manual clock does not move during a run),
        // or on the virtual clock the execution's emulated time.
        clockSource: CLOCK_DATE_SOURCE,
        clockOffset: this.emu.now().getTime() - Date.now(),
        virtualNow: this.virtual ? this.t : null,
        internal: !!this.exec.opts?.internal,
        execTimeout: timeoutMs,
      },
      [port],
    );
  }

  /** The execution ended in its worker: the worker goes back to the pool, for another execution. */
  private releaseWorker(): void {
    const w = this.worker;
    if (!w || !this.listeners) return;
    w.off('message', this.listeners.message);
    w.off('error', this.listeners.error);
    this.worker = undefined;
    releaseWorker(w);
  }

  /** The execution's end: its pending writes land (or are lost, if it died), its locks are released. */
  finish(m: Extract<WorkerMsg, { t: 'done' }>): void {
    this.done = true;
    if (!m.ok && m.error && /Script execution timed out/.test(m.error.message)) {
      m.error.message = EXECUTION_TIME_EXCEEDED;
      this.ctx.killed = true;
    }
    const r: ExecutionResult = {
      ok: m.ok,
      calls: this.ctx.counts,
      logs: this.ctx.logs,
      ui: this.ctx.ui,
      globalEvalMs: m.globalEvalMs,
      execMs: m.execMs,
      emulatedMs: this.ctx.elapsedMs,
    };
    if (m.ok) r.result = m.result;
    else r.error = m.error;
    this.result = deathOf(this.ctx, r);
    this.ctx.finishWrites();
    this.emu.locks.releaseAll(this.ctx.id);
    this.emu.save();
    this.channel.port1.close();
    this.releaseWorker();
  }
}

interface Waiter {
  runner: Runner;
  msg: { h: number; m: string; a: unknown[] };
  key: string;
  timer: NodeJS.Timeout;
}

/**
 * Runs two executions of `code` on one emulator with real interleaving (see ConcurrentOptions):
 * on the real clock by default, on the emulator's virtual clock when it has latency or when B is
 * to start at an emulated moment (startBAtMs).
 */
export function runConcurrently(
  emu: Emulator,
  code: string,
  execs: [ConcurrentExec, ConcurrentExec],
  options: ConcurrentOptions = {},
): Promise<[ExecutionResult, ExecutionResult]> {
  const time = options.time ?? (emu.hasLatency || options.startBAtMs !== undefined ? 'virtual' : 'real');
  if (time !== 'real' && time !== 'virtual') return Promise.reject(new Error(`Unknown time: ${String(time)}`));
  if (options.startBAtMs !== undefined) {
    if (time !== 'virtual') return Promise.reject(new Error('startBAtMs needs the virtual clock'));
    if (options.pauseA) return Promise.reject(new Error('startBAtMs and pauseA exclude each other'));
    if (!(Number.isFinite(options.startBAtMs) && options.startBAtMs >= 0)) return Promise.reject(new Error('startBAtMs must be a number of ms ≥ 0'));
  }
  return time === 'virtual' ? runVirtual(emu, code, execs, options) : runReal(emu, code, execs, options);
}

/** Today's harness: calls answered as they come, lock waits in real time. */
function runReal(
  emu: Emulator,
  code: string,
  execs: [ConcurrentExec, ConcurrentExec],
  options: ConcurrentOptions,
): Promise<[ExecutionResult, ExecutionResult]> {
  const timeoutMs = options.timeoutMs ?? 20000;
  const rpcTimeoutMs = options.rpcTimeoutMs ?? 15000;
  const a = new Runner(emu, 'A', execs[0]);
  const b = new Runner(emu, 'B', execs[1]);
  const waiters: Waiter[] = [];
  let held: { h: number; m: string; a: unknown[] } | null = null;
  let paused = false;
  let bStarted = false;

  return new Promise<[ExecutionResult, ExecutionResult]>((resolve, reject) => {
    let settled = false;
    const cleanup = () => {
      clearTimeout(overall);
      unsubscribe();
      for (const w of waiters) clearTimeout(w.timer);
      void a.worker?.terminate();
      void b.worker?.terminate();
    };
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(e);
    };
    const overall = setTimeout(() => fail(new Error(`runConcurrently timed out after ${timeoutMs} ms`)), timeoutMs);

    const resumeA = () => {
      if (held) {
        const m = held;
        held = null;
        dispatch(a, m);
      }
    };
    const startB = () => {
      if (bStarted) return;
      bStarted = true;
      b.start(code, timeoutMs, rpcTimeoutMs, onMessage, fail);
    };
    const grant = () => {
      for (let i = 0; i < waiters.length; i++) {
        const w = waiters[i];
        if (emu.locks.isFreeFor(w.key, w.runner.ctx.id)) {
          waiters.splice(i, 1);
          clearTimeout(w.timer);
          w.runner.answer(w.msg);
          i--;
        }
      }
    };
    const unsubscribe = emu.locks.onRelease(() => grant());

    const dispatch = (r: Runner, m: { h: number; m: string; a: unknown[] }) => {
      let raw: GasObject;
      try {
        raw = r.handle(m.h);
      } catch (e) {
        r.reply({ ok: false, e: { name: 'Error', message: (e as Error).message } });
        return;
      }
      if (r === a && !paused && options.pauseA && options.pauseA({ service: raw._service, cls: raw._cls, method: m.m, n: r.ctx.counts.total + 1 })) {
        paused = true;
        held = m;
        startB();
        return;
      }
      if (raw instanceof Lock && m.m === 'tryLock' && !emu.locks.isFreeFor(raw._key, r.ctx.id)) {
        const ms = Math.max(0, Number(r.fromWire(m.a[0])) || 0);
        const w: Waiter = {
          runner: r,
          msg: m,
          key: raw._key,
          timer: setTimeout(() => {
            const i = waiters.indexOf(w);
            if (i >= 0) waiters.splice(i, 1);
            r.answer(m); // lock still busy: tryLock → false
          }, ms),
        };
        waiters.push(w);
        if (r === b) resumeA();
        return;
      }
      r.answer(m);
    };

    function onMessage(r: Runner, m: WorkerMsg): void {
      if (settled) return;
      try {
        if (m.t === 'call') dispatch(r, m);
        else if (m.t === 'set') {
          const raw = r.handle(m.h);
          if (raw instanceof HtmlTemplate) raw._props[m.p] = r.fromWire(m.v);
          r.reply({ ok: true });
        } else if (m.t === 'log') r.ctx.logs.push(m.s);
        else if (m.t === 'done') {
          for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i].runner === r) waiters.splice(i, 1);
          r.finish(m);
          if (r === a) startB();
          if (r === b) resumeA();
          if (a.done && b.done && a.result && b.result && !settled) {
            settled = true;
            cleanup();
            resolve([a.result, b.result]);
          }
        }
      } catch (e) {
        fail(e as Error);
      }
    }

    a.start(code, timeoutMs, rpcTimeoutMs, onMessage, fail);
  });
}

interface VirtualEvent {
  r: Runner;
  t: number;
  kind: 'start' | 'call' | 'end' | 'timeout';
}

/**
 * The harness on the virtual clock: a discrete-event simulation. An execution is 'running' (its
 * script code, which takes no emulated time, between two calls), has a 'call' waiting, is 'held'
 * (pauseA), waits for a lock ('wait', until a release or its timeout), is 'ending' (done in its
 * thread, its end not yet processed) or 'done'. The earliest event goes first, and only once no
 * running execution could still make an earlier one; on a tie calls go before lock timeouts (a
 * lock released at the very moment a wait ends is taken) and A before B.
 */
function runVirtual(
  emu: Emulator,
  code: string,
  execs: [ConcurrentExec, ConcurrentExec],
  options: ConcurrentOptions,
): Promise<[ExecutionResult, ExecutionResult]> {
  const timeoutMs = options.timeoutMs ?? 20000;
  const rpcTimeoutMs = options.rpcTimeoutMs ?? 15000;
  const a = new Runner(emu, 'A', execs[0]);
  const b = new Runner(emu, 'B', execs[1]);
  const t0 = emu.now().getTime();
  for (const r of [a, b]) {
    r.virtual = true;
    r.t = t0;
  }
  /** When B starts: known from the start (startBAtMs), or once A pauses or ends. */
  let bStartAt: number | undefined = options.startBAtMs === undefined ? undefined : t0 + options.startBAtMs;
  let paused = false;

  return new Promise<[ExecutionResult, ExecutionResult]>((resolve, reject) => {
    let settled = false;
    let busy = false;
    const cleanup = () => {
      clearTimeout(overall);
      unsubscribe();
      void a.worker?.terminate();
      void b.worker?.terminate();
    };
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(e);
    };
    const overall = setTimeout(() => fail(new Error(`runConcurrently timed out after ${timeoutMs} ms`)), timeoutMs);
    // A lock released from outside the two executions (a test's holdLock) frees its waiters at once.
    const unsubscribe = emu.locks.onRelease(() => {
      if (!busy) {
        grantWaiters(undefined);
        schedule();
      }
    });

    const answer = (r: Runner, m: { h: number; m: string; a: unknown[] }) => {
      emu.setNow(r.t);
      r.vs = 'running';
      r.pending = undefined;
      r.answer(m);
    };

    const resumeA = () => {
      if (a.vs !== 'held') return;
      a.vs = 'call';
      a.t = Math.max(a.t, b.t);
    };

    /** Waiters whose lock is free now get it, at the moment it was freed (`at`) or when they began waiting. */
    const grantWaiters = (at: number | undefined) => {
      for (const r of [a, b]) {
        const w = r.wait;
        if (r.vs !== 'wait' || !w || !r.pending || !emu.locks.isFreeFor(w.key, r.ctx.id)) continue;
        const g = Math.min(w.until, Math.max(w.since, at ?? w.since));
        r.wait = undefined;
        r.t = g;
        try {
          r.ctx.spend(g - w.since);
        } catch {
          // killed at its time limit while waiting: the call below fails with that
        }
        answer(r, r.pending);
      }
    };

    const nextEvent = (): VirtualEvent | null => {
      const events: (VirtualEvent & { rank: number })[] = [];
      let bound = Infinity;
      for (const r of [a, b]) {
        const order = r === a ? 0 : 1;
        if (r.vs === 'running') bound = Math.min(bound, r.t);
        else if (r.vs === 'call') events.push({ r, t: r.t, kind: 'call', rank: order });
        else if (r.vs === 'ending') events.push({ r, t: r.t, kind: 'end', rank: order });
        else if (r.vs === 'wait' && r.wait) events.push({ r, t: r.wait.until, kind: 'timeout', rank: 2 + order });
        else if (r.vs === 'idle' && r === b && bStartAt !== undefined) events.push({ r, t: bStartAt, kind: 'start', rank: order });
      }
      events.sort((x, y) => x.t - y.t || x.rank - y.rank);
      const e = events[0];
      if (!e || bound <= e.t) return null; // a running execution may still make an earlier (or equal) one
      return e;
    };

    const dispatch = (r: Runner, m: { h: number; m: string; a: unknown[] }) => {
      emu.setNow(r.t);
      let raw: GasObject;
      try {
        raw = r.handle(m.h);
      } catch (e) {
        r.vs = 'running';
        r.pending = undefined;
        r.reply({ ok: false, e: { name: 'Error', message: (e as Error).message } });
        return;
      }
      if (r === a && !paused && options.pauseA && options.pauseA({ service: raw._service, cls: raw._cls, method: m.m, n: r.ctx.counts.total + 1 })) {
        paused = true;
        a.vs = 'held';
        if (b.vs === 'idle' && bStartAt === undefined) bStartAt = a.t;
        return;
      }
      if (raw instanceof Lock && m.m === 'tryLock' && !r.ctx.crashed && !r.ctx.killed && !emu.locks.isFreeFor(raw._key, r.ctx.id)) {
        const ms = Math.max(0, Number(r.fromWire(m.a[0])) || 0);
        const room = Math.max(0, r.ctx.limitMs - r.ctx.elapsedMs);
        if (ms > 0 && room > 0) {
          r.vs = 'wait';
          // Waits until the lock is free, its timeout, or the execution's time limit, whichever is first.
          r.wait = { key: raw._key, ms, since: r.t, until: r.t + Math.min(ms, room) };
          if (r === b) resumeA();
          return;
        }
        if (ms > 0) {
          try {
            r.ctx.spend(ms); // no time left: it dies here
          } catch {
            // the call below fails with the limit's message
          }
        }
      }
      answer(r, m);
    };

    const process = (e: VirtualEvent) => {
      const r = e.r;
      if (e.kind === 'start') {
        bStartAt = undefined;
        r.t = e.t;
        r.vs = 'running';
        r.start(code, timeoutMs, rpcTimeoutMs, onMessage, fail);
      } else if (e.kind === 'call' && r.pending) {
        dispatch(r, r.pending);
      } else if (e.kind === 'timeout' && r.wait && r.pending) {
        const w = r.wait;
        r.wait = undefined;
        r.t = w.until;
        try {
          r.ctx.spend(w.ms); // the whole timeout: if the time limit comes first the execution dies there
        } catch {
          // the call below fails with the limit's message
        }
        answer(r, r.pending); // still busy: tryLock → false
      } else if (e.kind === 'end' && r.doneMsg) {
        emu.setNow(r.t);
        r.vs = 'done';
        r.finish(r.doneMsg);
        if (r === a && b.vs === 'idle' && bStartAt === undefined) bStartAt = a.t;
        if (r === b) resumeA();
      }
      grantWaiters(e.t);
    };

    const schedule = () => {
      if (settled || busy) return;
      busy = true;
      try {
        for (let e = nextEvent(); e && !settled; e = nextEvent()) process(e);
        if (a.vs === 'done' && b.vs === 'done' && a.result && b.result && !settled) {
          settled = true;
          emu.setNow(Math.max(a.t, b.t));
          cleanup();
          resolve([a.result, b.result]);
        }
      } catch (err) {
        busy = false;
        fail(err as Error);
        return;
      }
      busy = false;
    };

    function onMessage(r: Runner, m: WorkerMsg): void {
      if (settled) return;
      try {
        if (m.t === 'call') {
          r.vs = 'call';
          r.pending = m;
          schedule();
        } else if (m.t === 'set') {
          const raw = r.handle(m.h);
          if (raw instanceof HtmlTemplate) raw._props[m.p] = r.fromWire(m.v);
          r.reply({ ok: true });
        } else if (m.t === 'log') r.ctx.logs.push(m.s);
        else if (m.t === 'done') {
          r.vs = 'ending';
          r.doneMsg = m;
          schedule();
        }
      } catch (e) {
        fail(e as Error);
      }
    }

    a.vs = 'running';
    a.start(code, timeoutMs, rpcTimeoutMs, onMessage, fail);
  });
}
