/**
 * Real interleaving of two executions: each runs in a worker_thread with its
 * own vm context; every service call is forwarded synchronously (postMessage +
 * Atomics.wait, reply read with receiveMessageOnPort) to this thread, which
 * answers from the one Emulator. Locks live here: a waitLock/tryLock on a busy
 * lock is answered only when the holder releases it or the timeout elapses.
 */
import * as vm from 'node:vm';
import { MessageChannel, Worker } from 'node:worker_threads';
import { CallInfo, ExecContext, GasObject, publicConstants, publicMethods } from './exec';
import { buildServices, CLOCK_DATE_SOURCE, Emulator, ExecOptions, ExecutionResult } from './runtime';
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
   * B starts then, and A resumes once B is blocked in waitLock/tryLock or has
   * finished. Without it (or if it never matches) B starts when A is done.
   */
  pauseA?: (call: Pick<CallInfo, 'service' | 'cls' | 'method' | 'n'>) => boolean;
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
  | { t: 'call'; h: number; m: string; a: unknown[] }
  | { t: 'set'; h: number; p: string; v: unknown }
  | { t: 'log'; s: string }
  | { t: 'done'; ok: boolean; result?: unknown; error?: { name: string; message: string; stack?: string }; globalEvalMs: number; execMs: number };

const WORKER_SOURCE = String.raw`
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const vm = require('node:vm');
const { format } = require('node:util');
const { code, fnName, args, globals, sab, port, rpcTimeout, internal, execTimeout, clockSource, clockOffset } = workerData;
const flag = new Int32Array(sab);
const context = vm.createContext({});
const R = vm.runInContext('({ Array, Object, Date, Error, TypeError })', context);
vm.runInContext(clockSource, context)(() => Date.now() + clockOffset);
const proxies = new Map();
const handleOf = new WeakMap();
const tplProps = new Map();
const isDate = (v) => Object.prototype.toString.call(v) === '[object Date]';
function rpc(msg) {
  parentPort.postMessage(msg);
  const r = Atomics.wait(flag, 0, 0, rpcTimeout);
  if (r === 'timed-out') throw new R.Error('Emulator RPC timeout (' + (msg.m || msg.t) + ')');
  Atomics.store(flag, 0, 0);
  let m = receiveMessageOnPort(port);
  for (let i = 0; !m && i < 1000; i++) m = receiveMessageOnPort(port);
  if (!m) throw new R.Error('Emulator RPC: no reply');
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
parentPort.postMessage(out);
`;

class Runner {
  readonly ctx: ExecContext;
  private readonly handles = new Map<number, GasObject>();
  private readonly ids = new Map<GasObject, number>();
  private nextId = 1;
  worker?: Worker;
  private readonly sab = new SharedArrayBuffer(4);
  private readonly flag = new Int32Array(this.sab);
  private readonly channel = new MessageChannel();
  done = false;
  result?: ExecutionResult;

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
      output.append = (s: unknown) => out.push(String(s));
      output.appendUntrusted = (s: unknown) => out.push(escapeHtml(s));
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
    this.channel.port1.postMessage(msg);
    Atomics.store(this.flag, 0, 1);
    Atomics.notify(this.flag, 0);
  }

  /** Runs the call here and answers the worker. */
  answer(msg: { h: number; m: string; a: unknown[] }): void {
    try {
      const raw = this.handle(msg.h);
      const v = this.ctx.invoke(raw, msg.m, this.fromWire(msg.a) as unknown[]);
      this.reply({ ok: true, v: this.toWire(v) });
    } catch (e) {
      const err = e as Error;
      this.reply({ ok: false, e: { name: err?.name ?? 'Error', message: err?.message ?? String(e) } });
    }
  }

  start(code: string, timeoutMs: number, rpcTimeoutMs: number, onMessage: (r: Runner, m: WorkerMsg) => void, onError: (e: Error) => void): void {
    const globals: Record<string, WireHandle> = {};
    for (const [n, svc] of Object.entries(buildServices(this.ctx))) globals[n] = this.describe(svc);
    const port = this.channel.port2;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        code,
        fnName: this.exec.fnName,
        args: this.toWire(this.exec.args ?? []),
        globals,
        sab: this.sab,
        port,
        rpcTimeout: rpcTimeoutMs,
        // The emulator's clock, as a fixed offset from real time (a manual clock does not move during a run).
        clockSource: CLOCK_DATE_SOURCE,
        clockOffset: this.emu.now().getTime() - Date.now(),
        internal: !!this.exec.opts?.internal,
        execTimeout: timeoutMs,
      },
      transferList: [port],
    });
    this.worker.on('message', (m: WorkerMsg) => onMessage(this, m));
    this.worker.on('error', onError);
  }

  finish(m: Extract<WorkerMsg, { t: 'done' }>): void {
    this.done = true;
    const r: ExecutionResult = {
      ok: m.ok,
      calls: this.ctx.counts,
      logs: this.ctx.logs,
      ui: this.ctx.ui,
      globalEvalMs: m.globalEvalMs,
      execMs: m.execMs,
    };
    if (m.ok) r.result = m.result;
    else r.error = m.error;
    if (this.ctx.crashed) {
      r.ok = false;
      delete r.result;
      r.error = { name: 'EmulatedCrash', message: 'Emulated crash' };
    }
    this.result = r;
    this.channel.port1.close();
    void this.worker?.terminate();
  }
}

interface Waiter {
  runner: Runner;
  msg: { h: number; m: string; a: unknown[] };
  key: string;
  timer: NodeJS.Timeout;
}

/** Runs two executions of `code` on one emulator with real interleaving (see ConcurrentOptions.pauseA). */
export function runConcurrently(
  emu: Emulator,
  code: string,
  execs: [ConcurrentExec, ConcurrentExec],
  options: ConcurrentOptions = {},
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
      if (raw instanceof Lock && (m.m === 'waitLock' || m.m === 'tryLock') && !emu.locks.isFreeFor(raw._key, r.ctx.id)) {
        const ms = Math.max(0, Number(r.fromWire(m.a[0])) || 0);
        const w: Waiter = {
          runner: r,
          msg: m,
          key: raw._key,
          timer: setTimeout(() => {
            const i = waiters.indexOf(w);
            if (i >= 0) waiters.splice(i, 1);
            r.answer(m); // lock still busy: tryLock → false, waitLock → timeout error
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
          r.finish(m);
          for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i].runner === r) waiters.splice(i, 1);
          emu.locks.releaseAll(r.ctx.id);
          emu.save();
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
