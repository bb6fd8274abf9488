/**
 * The `google.script.run` / `google.script.host` shim injected (before the
 * page's own scripts) into the sidebar and web app frames the sandbox shows.
 * Same rules as Apps Script (HtmlService "client-side communication"):
 *  - runner methods exist only for the server's callable functions (top-level
 *    functions of Code.js whose name doesn't end with `_`); anything else is
 *    `undefined` on the runner, so calling it throws a TypeError;
 *  - parameters: primitives, arrays and plain objects of them, or one <form>
 *    as the only parameter; a Date, function, DOM node, Map, class instance or
 *    cycle anywhere throws `Error: Failed due to illegal value in property: …`
 *    synchronously; `undefined` in arrays becomes null; values are JSON copies;
 *  - calls are asynchronous; at most 10 in flight per page: an 11th and later
 *    wait in a queue and start, in the order they were made, as earlier ones
 *    finish (…/guides/html/communication; apps-script-platform.md "Limits",
 *    "Execution contexts");
 *  - the failure handler gets an Error whose message is the server
 *    exception's message; without one the error goes to the console.
 * The frame is sandboxed (opaque origin): calls travel to the sandbox page
 * by postMessage, and the page runs them on the server (/api/rpc).
 */

export interface ShimConfig {
  /** Identifies this frame in messages to and from the parent page. */
  frameId: string;
  /** Top-level functions of Code.js callable from the client. */
  functions: string[];
}

type Handler = (value: unknown, userObject: unknown) => void;
interface RunnerOpts {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
}
interface Pending extends RunnerOpts {
  fn: string;
}
/** A call made while 10 were in flight: validated and copied already, waiting for a free slot. */
interface Queued {
  p: Pending;
  args: unknown[];
}

export const MAX_IN_FLIGHT = 10;

function illegal(path: string): Error {
  return new Error(`Failed due to illegal value in property: ${path}`);
}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A JSON-safe copy of one parameter, or throws like Apps Script. */
export function cleanValue(v: unknown, path: string, seen: object[] = []): unknown {
  if (v === null || v === undefined) return null;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return v;
  if (t === 'number') return Number.isFinite(v) ? v : null;
  if (t !== 'object') throw illegal(path); // function, symbol, bigint
  const o = v as object;
  if (seen.includes(o)) throw illegal(path);
  if (Array.isArray(o)) {
    seen.push(o);
    const out = o.map((x, i) => cleanValue(x, path ? `${path}.${i}` : String(i), seen));
    seen.pop();
    return out;
  }
  if (!isPlainObject(o)) throw illegal(path); // Date, DOM node, Map, RegExp, class instance …
  seen.push(o);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    const x = (o as Record<string, unknown>)[k];
    if (x === undefined) continue; // like JSON: undefined properties vanish
    out[k] = cleanValue(x, path ? `${path}.${k}` : k, seen);
  }
  seen.pop();
  return out;
}

function isForm(v: unknown): v is HTMLFormElement {
  return typeof HTMLFormElement !== 'undefined' && v instanceof HTMLFormElement;
}

/** A form as Apps Script passes it: field name → value (or array of values). */
export function formToObject(form: HTMLFormElement): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const el of Array.from(form.elements)) {
    const f = el as unknown as {
      name?: string; disabled?: boolean; type?: string; value: string; checked?: boolean;
      tagName: string; multiple?: boolean; selectedOptions?: HTMLCollectionOf<HTMLOptionElement>;
    };
    if (!f.name || f.disabled) continue;
    if (f.type === 'file') throw new Error('Filuppladdning stöds inte i sandlådan. / File inputs are not supported in the sandbox.');
    let values: string[];
    if ((f.type === 'checkbox' || f.type === 'radio') && !f.checked) continue;
    if (f.tagName === 'SELECT' && f.multiple) values = Array.from(f.selectedOptions ?? []).map((o) => o.value);
    else if (f.type === 'submit' || f.type === 'button' || f.type === 'reset') continue;
    else values = [f.value];
    for (const val of values) {
      const prev = out[f.name];
      if (prev === undefined) out[f.name] = val;
      else if (Array.isArray(prev)) prev.push(val);
      else out[f.name] = [prev, val];
    }
  }
  return out;
}

export function install(cfg: ShimConfig): void {
  const w = window as unknown as { google?: Record<string, unknown> };
  const pending = new Map<number, Pending>();
  const queue: Queued[] = [];
  let seq = 0;

  const later = (f: () => void) => setTimeout(f, 0);
  const deliver = (h: Handler | undefined, value: unknown, userObject: unknown) => {
    if (h) h(value, userObject);
  };
  const fail = (p: Pending, err: Error) => {
    if (p.failure) deliver(p.failure, err, p.userObject);
    else console.error(`google.script.run.${p.fn}:`, err);
  };

  window.addEventListener('message', (ev: MessageEvent) => {
    if (ev.source !== window.parent) return;
    const d = ev.data as { type?: string; frameId?: string; id?: number; ok?: boolean; result?: unknown; error?: { message?: string; name?: string } };
    if (!d || d.type !== 'sp-rpc-result' || d.frameId !== cfg.frameId || typeof d.id !== 'number') return;
    const p = pending.get(d.id);
    if (!p) return;
    pending.delete(d.id);
    // The freed slot goes to the oldest waiting call before this call's handler runs, so a call
    // the handler makes queues behind the ones already waiting.
    startQueued();
    if (d.ok) deliver(p.success, d.result === undefined ? null : d.result, p.userObject);
    else {
      const err = new Error(d.error?.message ?? 'Okänt fel');
      if (d.error?.name && d.error.name !== 'Error') err.name = d.error.name;
      fail(p, err);
    }
  });

  const callServer = (fn: string, args: unknown[], opts: RunnerOpts) => {
    // Validation happens now, synchronously, like Apps Script.
    const payload = args.length === 1 && isForm(args[0])
      ? [formToObject(args[0])]
      : args.map((a, i) => {
        if (isForm(a)) throw illegal(String(i)); // a form only as the sole parameter
        return cleanValue(a, String(i));
      });
    const json = JSON.parse(JSON.stringify(payload)) as unknown[];
    const p: Pending = { fn, ...opts };
    if (pending.size >= MAX_IN_FLIGHT || queue.length > 0) queue.push({ p, args: json });
    else send(p, json);
  };

  function send(p: Pending, args: unknown[]): void {
    const id = ++seq;
    pending.set(id, p);
    window.parent.postMessage({ type: 'sp-rpc', frameId: cfg.frameId, id, fn: p.fn, args }, '*');
  }

  function startQueued(): void {
    while (pending.size < MAX_IN_FLIGHT && queue.length > 0) {
      const next = queue.shift() as Queued;
      send(next.p, next.args);
    }
  }

  const makeRunner = (opts: RunnerOpts): Record<string, unknown> => {
    const runner: Record<string, unknown> = {
      withSuccessHandler(h: Handler) {
        if (typeof h !== 'function') throw new TypeError('withSuccessHandler: a function is required');
        return makeRunner({ ...opts, success: h });
      },
      withFailureHandler(h: Handler) {
        if (typeof h !== 'function') throw new TypeError('withFailureHandler: a function is required');
        return makeRunner({ ...opts, failure: h });
      },
      withUserObject(o: unknown) {
        return makeRunner({ ...opts, userObject: o });
      },
    };
    for (const name of cfg.functions) {
      if (name.endsWith('_') || name in runner) continue;
      runner[name] = (...args: unknown[]) => {
        callServer(name, args, opts);
      };
    }
    return runner;
  };

  const post = (action: string) => window.parent.postMessage({ type: 'sp-host', frameId: cfg.frameId, action }, '*');

  w.google = {
    script: {
      run: makeRunner({}),
      host: {
        origin: 'https://docs.google.com',
        close: () => post('close'),
        // They size a dialog; the sandbox opens none (the add-on has only sidebars), and in a sidebar they do nothing.
        setHeight: () => undefined,
        setWidth: () => undefined,
        editor: { focus: () => post('focusEditor') },
      },
      url: {
        getLocation: (cb: (loc: unknown) => void) => later(() => cb({ hash: '', parameter: {}, parameters: {} })),
      },
    },
  };
}
