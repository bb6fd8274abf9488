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

test('at most 10 calls in flight: the 11th fails', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  await s.page.route('**/api/rpc', async (route) => {
    await gate;
    await route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, result: null, ui: {} }) });
  });
  const started = frame.evaluate(() => new Promise<string[]>((resolve) => {
    const out: string[] = [];
    const done = () => { if (out.length === 11) resolve(out); };
    for (let i = 0; i < 11; i++) {
      (window as unknown as G).google.script.run
        .withSuccessHandler(() => { out.push(`ok${i}`); done(); })
        .withFailureHandler((e: unknown) => { out.push(`fail${i}:${(e as Error).message}`); done(); })
        .onOpen();
    }
  }));
  await s.page.waitForTimeout(300);
  release();
  const out = await started;
  await s.page.unroute('**/api/rpc');
  expect(out.filter((x) => x.startsWith('ok'))).toHaveLength(10);
  expect(out.find((x) => x.startsWith('fail'))).toMatch(/^fail10:.*(högst 10|at most 10)/);
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
