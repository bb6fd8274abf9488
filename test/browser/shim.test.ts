/** The google.script.run shim in a sidebar frame follows Apps Script's rules. */
jest.setTimeout(60_000); // the browser project's testTimeout is not applied per project
import { menuClick, openSandbox, sidebarFrame, type Session } from '../support/browser';
import type { Frame } from 'playwright-core';

let s: Session;
let frame: Frame;
beforeAll(async () => {
  s = await openSandbox({ seed: false });
  await menuClick(s.page, 'Summit Planner', 'Budgetöversikt');
  frame = await sidebarFrame(s.page);
});
afterAll(async () => {
  await s?.close();
});

interface Runner { [fn: string]: (...a: unknown[]) => Runner }
type G = { google: { script: { run: Runner } } };

test('runner methods exist only for callable top-level functions', async () => {
  const r = await frame.evaluate(() => {
    const run = (window as unknown as G).google.script.run;
    let thrown: { name: string; message: string } | null = null;
    try {
      (run as unknown as Record<string, () => void>).setupWorkbook_();
    } catch (e) {
      thrown = { name: (e as Error).name, message: (e as Error).message };
    }
    return { menuSetup: typeof run.menuSetup, hidden: typeof run.setupWorkbook_, thrown, isError: thrown !== null };
  });
  expect(r.menuSetup).toBe('function');
  expect(r.hidden).toBe('undefined');
  expect(r.thrown?.name).toBe('TypeError');
});

test('the server refuses `_` names and unknown functions too', async () => {
  const post = (fn: string) => s.page.evaluate(async (name) => {
    const res = await fetch('/api/rpc', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fn: name, args: [] }) });
    return res.json() as Promise<{ ok: boolean; error?: { message: string } }>;
  }, fn);
  for (const fn of ['setupWorkbook_', 'noSuchFunction', 'SummitPlanner']) {
    const r = await post(fn);
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/not callable|hittades inte/);
  }
});

test('a Date, a function or a DOM node anywhere in the arguments fails with an Error, synchronously', async () => {
  const r = await frame.evaluate(() => {
    const run = (window as unknown as G).google.script.run;
    const attempt = (f: () => void) => {
      try { f(); return null; } catch (e) { return { isError: e instanceof Error, message: (e as Error).message }; }
    };
    return [
      attempt(() => run.onOpen(new Date())),
      attempt(() => run.onOpen({ when: [1, new Date()] })),
      attempt(() => run.onOpen(() => 1)),
      attempt(() => run.onOpen(document.body)),
    ];
  });
  expect(r.map((x) => x?.isError)).toEqual([true, true, true, true]);
  expect(r[0]?.message).toBe('Failed due to illegal value in property: 0');
  expect(r[1]?.message).toBe('Failed due to illegal value in property: 0.when.1');
});

test('arguments travel as JSON copies (undefined in arrays → null); handlers get the result and the user object', async () => {
  let body: { fn: string; args: unknown[] } | null = null;
  await s.page.route('**/api/rpc', async (route) => {
    body = JSON.parse(route.request().postData() ?? '{}');
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, result: { svar: 42 }, ui: {} }) });
  });
  const got = await frame.evaluate(() => new Promise((resolve) => {
    (window as unknown as G).google.script.run
      .withSuccessHandler((v: unknown, u: unknown) => resolve({ v, u }))
      .withUserObject({ tag: 'u1' })
      .onOpen([1, undefined, { a: undefined, b: 'x' }], 'två');
  }));
  await s.page.unroute('**/api/rpc');
  expect(got).toEqual({ v: { svar: 42 }, u: { tag: 'u1' } });
  expect(body).toMatchObject({ fn: 'onOpen', args: [[1, null, { b: 'x' }], 'två'] });
});

test('a server exception reaches the failure handler as an Error with its message', async () => {
  await s.page.route('**/api/rpc', (route) => route.fulfill({
    contentType: 'application/json',
    body: JSON.stringify({ ok: false, error: { name: 'Error', message: 'Boom (exempel)' }, ui: {} }),
  }));
  const got = await frame.evaluate(() => new Promise((resolve) => {
    (window as unknown as G).google.script.run
      .withSuccessHandler(() => resolve('success?!'))
      .withFailureHandler((e: unknown, u: unknown) => resolve({ isError: e instanceof Error, message: (e as Error).message, u }))
      .withUserObject(7)
      .onOpen();
  }));
  await s.page.unroute('**/api/rpc');
  expect(got).toEqual({ isError: true, message: 'Boom (exempel)', u: 7 });
});

/** Polls `probe` until `ok` holds (or fails after `ms`), returning the last value. */
async function waitFor<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (ok(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Reference: apps-script-platform.md "Limits" and "Execution contexts" (…/guides/html/communication):
// at most 10 google.script.run calls in flight per page; further calls wait, they don't fail.
test('at most 10 calls in flight: the 11th and later wait and start in order as earlier ones finish', async () => {
  const held: { i: number; go: () => void }[] = [];
  let holding = true;
  await s.page.route('**/api/rpc', async (route) => {
    const i = (JSON.parse(route.request().postData() ?? '{}') as { args: number[] }).args[0];
    if (holding) await new Promise<void>((go) => held.push({ i, go }));
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, result: i, ui: {} }) });
  });
  // What leaves the frame: the parent page sees every call the shim starts.
  await s.page.evaluate(() => {
    const w = window as unknown as { __sent: number[] };
    w.__sent = [];
    window.addEventListener('message', (ev: MessageEvent) => {
      const d = ev.data as { type?: string; args?: number[] };
      if (d?.type === 'sp-rpc') w.__sent.push(d.args?.[0] as number);
    });
  });
  await frame.evaluate(() => {
    const w = window as unknown as G & { __done: string[] };
    w.__done = [];
    const call = (i: number): void => {
      w.google.script.run
        .withSuccessHandler((v: unknown) => {
          w.__done.push(`ok${String(v)}`);
          if (v === 0) call(100); // made by a handler: queues behind the calls already waiting
        })
        .withFailureHandler((e: unknown) => { w.__done.push(`fail${i}:${(e as Error).message}`); })
        .onOpen(i);
    };
    for (let i = 0; i < 12; i++) call(i);
  });
  const sent = () => s.page.evaluate(() => (window as unknown as { __sent: number[] }).__sent.slice());
  const done = () => frame.evaluate(() => (window as unknown as { __done: string[] }).__done.slice());
  await waitFor(sent, (x) => x.length >= 10);
  await s.page.waitForTimeout(300);
  expect(await sent()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(await done()).toEqual([]); // nothing failed: the 11th and 12th wait
  await waitFor(async () => held.length, (n) => n > 0);
  const first = held.shift() as { i: number; go: () => void };
  first.go();
  expect(await waitFor(sent, (x) => x.length >= 11)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  await s.page.waitForTimeout(200);
  expect(await sent()).toHaveLength(11); // one finished, one started
  holding = false;
  for (const h of held.splice(0)) h.go();
  const all = await waitFor(done, (x) => x.length >= 13);
  await s.page.unroute('**/api/rpc');
  expect(await sent()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 100]);
  expect(all.filter((x) => x.startsWith('fail'))).toEqual([]);
  expect([...all].sort()).toEqual([...Array.from({ length: 12 }, (_, i) => `ok${i}`), 'ok100'].sort());
});

test('a real round trip runs the function in the emulator as the switched user', async () => {
  const got = await frame.evaluate(() => new Promise((resolve) => {
    (window as unknown as G).google.script.run
      .withSuccessHandler((v: unknown) => resolve({ ok: true, v }))
      .withFailureHandler((e: unknown) => resolve({ ok: false, m: (e as Error).message }))
      .onOpen();
  }));
  expect(got).toEqual({ ok: true, v: null });
});
