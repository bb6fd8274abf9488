import { exec, newEmu, run, SHEET } from './helpers';

describe('HtmlService', () => {
  test('templates escape <?= ?>, not <?!= ?>, and run scriptlets', () => {
    const emu = newEmu({
      htmlFiles: { Sidebar: '<h1><?= title ?></h1><? for (var i = 0; i < n; i++) { ?><i><?= i ?></i><? } ?><?!= raw ?>', Plain: '<?= "<script>" ?>|<?!= "<script>" ?>' },
    });
    const r = run(
      emu,
      `var t = HtmlService.createTemplateFromFile('Sidebar'); t.title = '<script>"&\\''; t.n = 2; t.raw = '<b>ok</b>';
       var out = t.evaluate().setTitle('Budget').addMetaTag('viewport', 'width=device-width').setXFrameOptionsMode(HtmlService.XFrameOptionsMode.DEFAULT);
       var plain = HtmlService.createTemplateFromFile('Plain.html').evaluate().getContent();
       return [out.getContent(), out.getTitle(), out.getMetaTags(), plain];`,
    );
    expect(r).toEqual(['<h1>&lt;script&gt;&quot;&amp;&#39;</h1><i>0</i><i>1</i><b>ok</b>', 'Budget', [{ name: 'viewport', content: 'width=device-width' }], '&lt;script&gt;|<script>']);
    const missing = exec(emu, `HtmlService.createTemplateFromFile('Nope');`);
    expect(missing.error?.message).toBe('No HTML file named Nope was found.');
  });

  test('sidebar, add-on menu, alerts and toasts are recorded', () => {
    const emu = newEmu();
    const r = exec(
      emu,
      `var ui = SpreadsheetApp.getUi();
       ui.createAddonMenu().addItem('Öppna', 'openSidebar').addSeparator().addItem('Logg', 'verifyLog').addToUi();
       ui.createAddonMenu().addItem('Öppna igen', 'openSidebar').addToUi();
       ui.showSidebar(HtmlService.createHtmlOutput('<p>hej</p>').setTitle('Summit'));
       var a = ui.alert('Rubrik', 'Klart.', ui.ButtonSet.OK);
       var b = ui.alert('Bara text');
       SpreadsheetApp.getActiveSpreadsheet().toast('Sparat', 'Summit', 3);
       return [a, b];`,
    );
    expect(r.result).toEqual(['OK', 'OK']);
    expect(r.ui.menus.map((m) => m.title)).toEqual(['Summit Planner']);
    expect(r.ui.menus[0].items).toEqual([{ caption: 'Öppna igen', functionName: 'openSidebar' }]);
    expect(r.ui.sidebar).toEqual({ title: 'Summit', html: '<p>hej</p>', width: 300 });
    expect(r.ui.alerts).toEqual([
      { title: 'Rubrik', prompt: 'Klart.', buttons: 'OK', response: 'OK' },
      { title: '', prompt: 'Bara text', buttons: 'OK', response: 'OK' },
    ]);
    expect(r.ui.toasts).toEqual([{ msg: 'Sparat', title: 'Summit', timeoutSeconds: 3 }]);
    const limited = exec(emu, `SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('x'));`, { authMode: 'LIMITED' });
    expect(limited.error?.message).toMatch(/^You do not have permission to call Ui.showSidebar/);
  });
});

describe('PropertiesService and CacheService', () => {
  test('values become strings; 9 KB value and 500 KB store limits', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `var p = PropertiesService.getDocumentProperties();
       p.setProperty('n', 5).setProperties({ a: true, b: 'x' });
       p.deleteProperty('b');
       var q = PropertiesService.getScriptProperties();
       q.setProperties({ old: '1' });
       q.setProperties({ only: '2' }, true);
       return [p.getProperty('n'), typeof p.getProperty('n'), p.getProperty('missing'), p.getProperties(), q.getProperties()];`,
    );
    expect(r).toEqual(['5', 'string', null, { n: '5', a: 'true' }, { only: '2' }]);
    expect(exec(emu, `PropertiesService.getScriptProperties().setProperty('big', new Array(9 * 1024 + 2).join('x'));`).error?.message).toBe('Argument too large: value');
    const full = exec(emu, `var p = PropertiesService.getScriptProperties(); for (var i = 0; i < 60; i++) p.setProperty('k' + i, new Array(9000).join('y'));`);
    expect(full.error?.message).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(Object.keys(emu.state.scriptProperties).length).toBeLessThan(60);
  });

  test('cache expiry follows the emulator clock (default 10 min, at most 6 h); size limits', () => {
    const emu = newEmu();
    run(emu, `var c = CacheService.getScriptCache(); c.put('a', '1', 60); c.put('b', '2', 30000); c.put('d', '4');`);
    expect(run(emu, `var c = CacheService.getScriptCache(); return [c.get('a'), c.get('b'), c.get('x')];`)).toEqual(['1', '2', null]);
    emu.advance(61_000);
    expect(run(emu, `var c = CacheService.getScriptCache(); return [c.get('a'), c.get('b'), c.get('d')];`)).toEqual([null, '2', '4']);
    emu.advance(600_000);
    expect(run(emu, `return CacheService.getScriptCache().get('d');`)).toBeNull();
    emu.advance(6 * 3600 * 1000); // capped at 6 h
    expect(run(emu, `return CacheService.getScriptCache().get('b');`)).toBeNull();
    expect(exec(emu, `CacheService.getScriptCache().put('k', new Array(100 * 1024 + 2).join('x'));`).error?.message).toBe('Argument too large: value');
    expect(exec(emu, `CacheService.getScriptCache().put(new Array(252).join('k'), 'v');`).error?.message).toBe('Argument too large: key');
  });
});

describe('LockService (single thread)', () => {
  test('tryLock/releaseLock; a held lock times out; released at execution end', () => {
    const emu = newEmu();
    expect(run(emu, `var l = LockService.getDocumentLock(); var a = l.tryLock(100); var again = l.tryLock(100); l.releaseLock(); return [a, again];`)).toEqual([true, true]);
    // an execution that forgets to release: released when it ends
    run(emu, `LockService.getScriptLock().tryLock(1000);`);
    expect(run(emu, `return LockService.getScriptLock().tryLock(0);`)).toBe(true);
    const release = emu.holdLock('document');
    const t0 = emu.now().getTime();
    expect(run(emu, `return LockService.getDocumentLock().tryLock(5000);`)).toBe(false);
    expect(emu.now().getTime() - t0).toBe(5000);
    expect(run(emu, `return LockService.getScriptLock().tryLock(0);`)).toBe(true); // another lock
    release();
    expect(run(emu, `return LockService.getDocumentLock().tryLock(1);`)).toBe(true);
  });
});

describe('Utilities', () => {
  test('getUuid is a random UUID; newBlob takes a string or Java bytes', () => {
    const emu = newEmu();
    const r = run(emu, `var a = Utilities.getUuid(); return [/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(a), a === Utilities.getUuid(),
      String(Utilities.newBlob('Hallå', 'text/plain', 'a.txt')), String(Utilities.newBlob([-1, 0]))];`);
    expect(r).toEqual([true, false, 'Blob', 'Blob']);
  });
});

describe('ScriptApp, Session', () => {
  test('service URL, session users', () => {
    const emu = newEmu({ serviceUrl: 'http://127.0.0.1:9999/exec' });
    const r = run(
      emu,
      `return [ScriptApp.getService().getUrl(),
               Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getActiveUserLocale(), Session.getScriptTimeZone()];`,
      { user: 'eva@example.org', locale: 'en' },
    );
    expect(r).toEqual(['http://127.0.0.1:9999/exec', 'eva@example.org', 'eva@example.org', 'en', 'Europe/Stockholm']);
    expect(run(emu, `return Session.getActiveUser().getEmail();`, { authMode: 'LIMITED', user: 'eva@example.org' })).toBe('');
    // The User reference's variant (customFunctionSession 'blank'); the default throws (custom-function.test.ts).
    expect(run(newEmu({ customFunctionSession: 'blank' }), `return Session.getActiveUser().getEmail();`, { authMode: 'CUSTOM_FUNCTION', user: 'eva@example.org' })).toBe('');
  });
});

describe('auth modes', () => {
  test('NONE: no document, no document properties/lock; menus allowed', () => {
    const emu = newEmu();
    const r = exec(emu, `SpreadsheetApp.getUi().createAddonMenu().addItem('Starta', 'start').addToUi();
      return [PropertiesService.getDocumentProperties(), LockService.getDocumentLock()];`, { authMode: 'NONE' });
    expect(r.ok).toBe(true);
    expect(r.result).toEqual([null, null]);
    expect(r.ui.menus).toHaveLength(1);
    const ss = exec(emu, `SpreadsheetApp.getActiveSpreadsheet();`, { authMode: 'NONE' });
    expect(ss.error?.message).toMatch(/^You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/);
    const mail = exec(emu, `MailApp.sendEmail('a@example.org', 's', 'b');`, { authMode: 'LIMITED' });
    expect(mail.error?.message).toMatch(/^You do not have permission to call MailApp.sendEmail/);
    const cf = exec(emu, `${SHEET} sh.getRange('A1').setValues([[1]]);`, { authMode: 'CUSTOM_FUNCTION' });
    expect(cf.error?.message).toBe('You do not have permission to call setValues');
  });
});

describe('vm isolation and entry points', () => {
  test('fresh context per execution, no Node globals, private functions', () => {
    const emu = newEmu();
    const code = `var counter = (typeof counter === 'number' ? counter : 0) + 1;
      function probe() { return [typeof require, typeof process, typeof module, typeof Buffer, typeof setTimeout, typeof globalThis.fetch, counter, typeof SpreadsheetApp]; }
      function helper_() { return 'secret'; }`;
    expect(emu.runExecution(code, 'probe').result).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 1, 'object']);
    expect(emu.runExecution(code, 'probe').result).toEqual(['undefined', 'undefined', 'undefined', 'undefined', 'undefined', 'undefined', 1, 'object']);
    expect(emu.runExecution(code, 'helper_').error?.message).toBe('Script function not found: helper_');
    expect(emu.runExecution(code, 'helper_', [], { internal: true }).result).toBe('secret');
    expect(emu.runExecution(code, 'Object').ok).toBe(false);
    expect(emu.isCallableFromClient(code, 'probe')).toBe(true);
    expect(emu.isCallableFromClient(code, 'helper_')).toBe(false);
    expect(emu.isCallableFromClient(code, 'toString')).toBe(false);
    const thrown = emu.runExecution('function f() { throw new TypeError("bad"); }', 'f');
    expect(thrown.error).toMatchObject({ name: 'TypeError', message: 'bad' });
    const syntax = emu.runExecution('function f( {', 'f');
    expect(syntax.error?.name).toBe('SyntaxError');
    expect(emu.runExecution('function f(a, b) { return { sum: a.x + b[0], d: b[1] instanceof Date }; }', 'f', [{ x: 1 }, [2, new Date(0)]]).result).toEqual({ sum: 3, d: true });
  });

  test('emulated objects hide internals and serialise like Apps Script objects', () => {
    const emu = newEmu();
    expect(run(emu, `${SHEET} var r = sh.getRange('A1'); return [JSON.stringify(r), String(r), r._ctx, typeof r.getValues, Object.keys(SpreadsheetApp)];`)).toEqual([
      '{}',
      'Range',
      undefined,
      'function',
      ['ProtectionType'],
    ]);
  });

  // The emulator is only as wide as the add-on (src/gas): a method it never calls is missing, and a
  // script calling it fails as a call of a missing function fails in V8 (Apps Script's runtime),
  // catchably; a service it never uses is not a global.
  test('a method or service the add-on does not use is missing: TypeError / ReferenceError', () => {
    const emu = newEmu();
    const fail = (body: string) => exec(emu, body).error;
    expect(fail(`LockService.getUserLock();`)).toMatchObject({ name: 'TypeError', message: 'LockService.getUserLock is not a function' });
    expect(fail(`${SHEET} sh.getRange('A1').setValue(1);`)).toMatchObject({ name: 'TypeError', message: "sh.getRange(...).setValue is not a function" });
    expect(fail(`${SHEET} sh.appendRow([1]);`)).toMatchObject({ name: 'TypeError', message: 'sh.appendRow is not a function' });
    expect(fail(`var ui = SpreadsheetApp.getUi(); ui.prompt('Namn?');`)).toMatchObject({ name: 'TypeError', message: 'ui.prompt is not a function' });
    expect(fail(`CacheService.getScriptCache().getAll(['a']);`)).toMatchObject({ name: 'TypeError', message: 'CacheService.getScriptCache(...).getAll is not a function' });
    expect(fail(`Logger.log('x');`)).toMatchObject({ name: 'ReferenceError', message: 'Logger is not defined' });
    expect(fail(`ContentService.createTextOutput('x');`)).toMatchObject({ name: 'ReferenceError', message: 'ContentService is not defined' });
    expect(run(emu, `try { Utilities.formatDate(new Date(), 'UTC', 'yyyy'); } catch (e) { return [e instanceof TypeError, typeof Utilities.formatDate, 'formatDate' in Utilities]; }`)).toEqual([true, 'undefined', false]);
    expect(exec(emu, `try { PropertiesService.getUserProperties(); } catch (e) {} return 1;`).calls.total).toBe(0); // not a call of the service
  });

  test('time limit', () => {
    const emu = newEmu();
    const r = emu.runExecution('function f() { for (;;) {} }', 'f', [], { timeoutMs: 50 });
    expect(r.error?.message).toBe('Exceeded maximum execution time');
  });
});
