/**
 * Where the RSVP web app runs: a script bound to the spreadsheet, or a domain-private editor
 * add-on published from a standalone project (README, "Deploying to Google").
 *
 * Reference for every test here: ../shared/reference/apps-script-platform.md, section
 * "Execution contexts" (…/guides/bound, …/reference/lock/lock-service), unless a test names
 * another section or page.
 */
import type { EmulatorOptions } from '../../../src/sandbox/emulator/runtime';
import { OPEN_BY_ID_FAILED } from '../../../src/sandbox/emulator/spreadsheet';
import { runConcurrently } from '../../../src/sandbox/emulator/concurrent';
import { exec, newEmu, run } from './helpers';

const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';
const CURRENT_ONLY = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const OPEN_DENIED = `You do not have permission to call SpreadsheetApp.openById. Required permissions: ${SPREADSHEETS}`;
const GET_UI_DENIED = 'Cannot call SpreadsheetApp.getUi() from this context.';

/** The three ways the web app can see the document: both bound variants and the add-on. */
const VARIANTS: { name: string; opts: EmulatorOptions; container: boolean }[] = [
  { name: "bound, web app sees the container (default)", opts: {}, container: true },
  { name: 'bound, web app does not see the container', opts: { deployment: 'bound', webAppSeesContainer: false }, container: false },
  { name: 'add-on from a standalone project', opts: { deployment: 'addon' }, container: false },
];

/** What a script sees of the document-scoped services, as plain values. */
const PROBE = `
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var ui;
  try { SpreadsheetApp.getUi(); ui = 'ok'; } catch (e) { ui = e.message; }
  return {
    active: ss === null ? null : ss.getId(),
    docProps: PropertiesService.getDocumentProperties() === null ? null : 'props',
    docLock: LockService.getDocumentLock() === null ? null : 'lock',
    ui: ui
  };`;

describe('EmulatorOptions: deployment, webAppSeesContainer, scopes', () => {
  // Reference: apps-script-platform.md "Execution contexts" (bound web app, "reported both ways").
  test('defaults are a bound script whose web app sees the container, scopes unchecked', () => {
    const emu = newEmu();
    expect([emu.deployment, emu.webAppSeesContainer, emu.scopes, emu.webAppHasContainer]).toEqual(['bound', true, undefined, true]);
  });

  // Reference: apps-script-platform.md "Execution contexts"; webAppSeesContainer only applies to 'bound'.
  test('the options are exposed as given; only a bound script with webAppSeesContainer has a web app container', () => {
    expect(newEmu({ deployment: 'addon' }).webAppHasContainer).toBe(false);
    expect(newEmu({ deployment: 'addon', webAppSeesContainer: true }).webAppHasContainer).toBe(false);
    const blind = newEmu({ webAppSeesContainer: false });
    expect([blind.deployment, blind.webAppSeesContainer, blind.webAppHasContainer]).toEqual(['bound', false, false]);
    expect(() => newEmu({ deployment: 'standalone' as never })).toThrow('Unknown deployment: standalone');
  });

  // Reference: apps-script-platform.md "Execution contexts" (openById and the manifest's scopes).
  test('scopes are a frozen copy of the manifest list', () => {
    const list = [CURRENT_ONLY];
    const emu = newEmu({ scopes: list });
    list.push(SPREADSHEETS);
    expect(emu.scopes).toEqual([CURRENT_ONLY]);
    expect(Object.isFrozen(emu.scopes)).toBe(true);
  });
});

describe.each(VARIANTS)('web app execution: $name', ({ opts, container }) => {
  // Reference: apps-script-platform.md "Execution contexts": in a bound script's web app getUi() is
  // unavailable and getDocumentLock() returns null; whether getActiveSpreadsheet() returns the
  // container "is reported both ways" (both bound variants); the add-on's web app has no container.
  test(`container ${container ? 'present' : 'absent'}; getUi() throws and the document lock is null`, () => {
    const emu = newEmu(opts);
    const id = emu.state.spreadsheet.id;
    const seen = run(emu, PROBE, { webApp: true });
    expect(seen).toEqual({
      active: container ? id : null,
      docProps: container ? 'props' : null,
      docLock: null,
      ui: GET_UI_DENIED,
    });
  });

  // Reference: apps-script-platform.md "Execution contexts" and "Concurrency" (the script lock is
  // what the web app locks with); script properties and cache are not document-scoped.
  test('script properties, script cache, script lock, Session, MailApp and ScriptApp stay available', () => {
    const emu = newEmu(opts);
    const r = run(
      emu,
      `PropertiesService.getScriptProperties().setProperty('k', 'v');
       CacheService.getScriptCache().put('c', 'w');
       var lock = LockService.getScriptLock();
       var got = lock.tryLock(1000);
       lock.releaseLock();
       return [PropertiesService.getScriptProperties().getProperty('k'), CacheService.getScriptCache().get('c'),
               got, Session.getEffectiveUser().getEmail(),
               MailApp.getRemainingDailyQuota(), ScriptApp.getService().getUrl()];`,
      { webApp: true, user: '', effectiveUser: 'owner@example.org' },
    );
    expect(r).toEqual(['v', 'w', true, 'owner@example.org', 1500, 'http://127.0.0.1:8080/exec']);
  });

  // Reference: apps-script-platform.md "Execution contexts" (openById, with the `spreadsheets` scope).
  test('openById reaches the spreadsheet with or without a container', () => {
    const emu = newEmu({ ...opts, scopes: [SPREADSHEETS] });
    const id = emu.state.spreadsheet.id;
    const r = run(emu, `var ss = SpreadsheetApp.openById(${JSON.stringify(id)}); ss.getSheets()[0].getRange('A1').setValues([['via id']]); return ss.getId();`, { webApp: true });
    expect(r).toBe(id);
    expect(emu.sheetValues(emu.sheetNames()[0])[0][0]).toBe('via id');
  });

  // Reference: apps-script-platform.md "Execution contexts": an add-on running in the document has
  // that document as its container, as a bound script does; only the web app differs.
  test.each([
    ['no webApp option', {}],
    ['webApp: false', { webApp: false }],
  ])('%s: executions in the document are unchanged', (_label, execOpts) => {
    const emu = newEmu(opts);
    const id = emu.state.spreadsheet.id;
    expect(run(emu, PROBE, execOpts)).toEqual({ active: id, docProps: 'props', docLock: 'lock', ui: 'ok' });
    const menu = exec(emu, `SpreadsheetApp.getUi().createAddonMenu().addItem('Öppna', 'open').addToUi();`, { ...execOpts, authMode: 'LIMITED' });
    expect(menu.ui.menus.map((m) => m.title)).toEqual(['Summit Planner']);
  });
});

describe('SpreadsheetApp.openById', () => {
  // Reference: apps-script-platform.md "Execution contexts" (openById). Message for a file that
  // doesn't exist or can't be opened: the most cited text (see OPEN_BY_ID_FAILED in spreadsheet.ts).
  test('an ID other than the spreadsheet’s throws what Google throws for a missing or unshared file', () => {
    const emu = newEmu();
    const r = exec(emu, `return SpreadsheetApp.openById('1NoSuchSpreadsheet');`);
    expect(r.error?.message).toBe('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    expect(OPEN_BY_ID_FAILED).toBe(r.error?.message);
    expect(exec(emu, `return SpreadsheetApp.openById(${JSON.stringify(emu.state.spreadsheet.id + 'x')});`, { webApp: true }).error?.message).toBe(OPEN_BY_ID_FAILED);
    expect(run(emu, `return SpreadsheetApp.openById(${JSON.stringify(emu.state.spreadsheet.id)}).getName();`)).toBe(emu.state.spreadsheet.name);
  });

  // Reference: apps-script-platform.md "Execution contexts": openById needs `spreadsheets`, not
  // `spreadsheets.currentonly`; the message has requireAuth's shape (BBLog issue #4 quotes it).
  test('with scopes given, spreadsheets.currentonly is not enough; without scopes nothing is checked', () => {
    const id = JSON.stringify(newEmu().state.spreadsheet.id);
    const narrow = newEmu({ scopes: [CURRENT_ONLY, 'https://www.googleapis.com/auth/script.send_mail'] });
    expect(exec(narrow, `return SpreadsheetApp.openById(${id}).getId();`).error?.message).toBe(OPEN_DENIED);
    expect(exec(narrow, `return SpreadsheetApp.openById(${id}).getId();`, { webApp: true }).error?.message).toBe(OPEN_DENIED);
    expect(exec(newEmu({ scopes: [] }), `return SpreadsheetApp.openById(${id}).getId();`).error?.message).toBe(OPEN_DENIED);
    expect(run(newEmu({ scopes: [CURRENT_ONLY, SPREADSHEETS] }), `return SpreadsheetApp.openById(${id}).getId();`)).toBe(JSON.parse(id));
    expect(run(newEmu(), `return SpreadsheetApp.openById(${id}).getId();`)).toBe(JSON.parse(id));
    // getActiveSpreadsheet needs no more than currentonly: the scope list doesn't touch it.
    expect(run(narrow, `return SpreadsheetApp.getActiveSpreadsheet().getId();`)).toBe(JSON.parse(id));
  });

  // Reference: apps-script-platform.md "Execution contexts" (custom functions) and …/guides/triggers
  // (simple triggers can't open other files: that needs authorisation).
  test('needs FULL authorisation, like other calls that open files', () => {
    const emu = newEmu();
    const id = JSON.stringify(emu.state.spreadsheet.id);
    for (const authMode of ['LIMITED', 'CUSTOM_FUNCTION', 'NONE'] as const) {
      expect(exec(emu, `return SpreadsheetApp.openById(${id}).getId();`, { authMode }).error?.message).toBe(OPEN_DENIED);
    }
  });

  // Reference: apps-script-platform.md "Execution contexts"; counted like every service call
  // (exec.ts invoke), failing calls included, and open to fault injection.
  test('is counted as a SpreadsheetApp call and can be faulted', () => {
    const emu = newEmu();
    const id = JSON.stringify(emu.state.spreadsheet.id);
    const r = exec(emu, `SpreadsheetApp.openById(${id}); try { SpreadsheetApp.openById('nope'); } catch (e) {} return 1;`);
    expect(r.ok).toBe(true);
    expect(r.calls.byMethod['SpreadsheetApp.openById']).toBe(2);
    expect(r.calls.byService.SpreadsheetApp).toBe(2);
    expect(r.calls.total).toBe(2);
    const crashed = exec(emu, `return SpreadsheetApp.openById(${id}).getId();`, { faults: { failOn: (c) => c.cls === 'SpreadsheetApp' && c.method === 'openById' } });
    expect(crashed.error?.name).toBe('EmulatedCrash');
  });
});

describe('web app executions in runConcurrently', () => {
  // Reference: apps-script-platform.md "Execution contexts" (document lock null in the web app;
  // no container for the add-on) and "Concurrency" (the script lock serialises the writers).
  test('the webApp option reaches the worker: add-on web app sees no document, locks with the script lock', async () => {
    const emu = newEmu({ deployment: 'addon' });
    const id = JSON.stringify(emu.state.spreadsheet.id);
    const code = `function rsvp(name) {
      var lock = LockService.getScriptLock();
      if (!lock.tryLock(5000)) throw new Error('Lock busy');
      try {
        var sh = SpreadsheetApp.openById(${id}).getSheets()[0];
        sh.getRange(sh.getLastRow() + 1, 1).setValues([[name]]);
        SpreadsheetApp.flush();
        return [SpreadsheetApp.getActiveSpreadsheet() === null, LockService.getDocumentLock() === null];
      } finally { lock.releaseLock(); }
    }`;
    const [a, b] = await runConcurrently(emu, code, [
      { fnName: 'rsvp', args: ['A'], opts: { webApp: true } },
      { fnName: 'rsvp', args: ['B'], opts: {} },
    ]);
    expect(a.result).toEqual([true, true]);
    expect(b.result).toEqual([false, false]);
    expect(emu.sheetValues(emu.sheetNames()[0]).map((r) => r[0])).toEqual(['A', 'B']);
  });
});
