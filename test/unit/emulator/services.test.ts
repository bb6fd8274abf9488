import * as crypto from 'node:crypto';
import { exec, newEmu, run, SHEET } from './helpers';

describe('HtmlService', () => {
  test('templates escape <?= ?>, not <?!= ?>, and run scriptlets', () => {
    const emu = newEmu({ htmlFiles: { Sidebar: '<h1><?= title ?></h1><? for (var i = 0; i < n; i++) { ?><i><?= i ?></i><? } ?><?!= raw ?>' } });
    const r = run(
      emu,
      `var t = HtmlService.createTemplateFromFile('Sidebar'); t.title = '<script>"&\\''; t.n = 2; t.raw = '<b>ok</b>';
       var out = t.evaluate().setTitle('Budget').setWidth(300);
       var plain = HtmlService.createTemplate('<?= "<script>" ?>|<?!= "<script>" ?>').evaluate().getContent();
       return [out.getContent(), out.getTitle(), out.getWidth(), plain];`,
    );
    expect(r).toEqual(['<h1>&lt;script&gt;&quot;&amp;&#39;</h1><i>0</i><i>1</i><b>ok</b>', 'Budget', 300, '&lt;script&gt;|<script>']);
    const missing = exec(emu, `HtmlService.createHtmlOutputFromFile('Nope');`);
    expect(missing.error?.message).toBe('No HTML file named Nope was found.');
  });

  test('sidebar, menus, alerts, prompts and toasts are recorded', () => {
    const emu = newEmu();
    const r = exec(
      emu,
      `var ui = SpreadsheetApp.getUi();
       ui.createMenu('Old').addItem('x', 'x').addToUi();
       ui.createAddonMenu().addItem('Öppna', 'openSidebar').addSeparator().addSubMenu(ui.createMenu('Mer').addItem('Logg', 'verifyLog')).addToUi();
       ui.createAddonMenu().addItem('Öppna igen', 'openSidebar').addToUi();
       ui.showSidebar(HtmlService.createHtmlOutput('<p>hej</p>').setTitle('Summit'));
       var a = ui.alert('Rubrik', 'Säker?', ui.ButtonSet.YES_NO);
       var p = ui.prompt('Namn?');
       SpreadsheetApp.getActive().toast('Sparat', 'Summit', 3);
       return [a === ui.Button.NO, p.getSelectedButton(), p.getResponseText()];`,
      { uiResponses: { alerts: ['NO'], prompts: [{ button: 'OK', text: 'Eva' }] } },
    );
    expect(r.result).toEqual([true, 'OK', 'Eva']);
    expect(r.ui.menus.map((m) => m.title)).toEqual(['Old', 'Summit Planner']);
    expect(r.ui.menus[1].items).toEqual([{ caption: 'Öppna igen', functionName: 'openSidebar' }]);
    expect(r.ui.sidebar).toEqual({ title: 'Summit', html: '<p>hej</p>', width: 300 });
    expect(r.ui.alerts[0]).toMatchObject({ title: 'Rubrik', prompt: 'Säker?', buttons: 'YES_NO', response: 'NO' });
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
       return [p.getProperty('n'), typeof p.getProperty('n'), p.getProperty('missing'), p.getKeys().sort(), p.getProperties()];`,
    );
    expect(r).toEqual(['5', 'string', null, ['a', 'n'], { n: '5', a: 'true' }]);
    expect(exec(emu, `PropertiesService.getScriptProperties().setProperty('big', new Array(9 * 1024 + 2).join('x'));`).error?.message).toBe('Argument too large: value');
    const full = exec(emu, `var p = PropertiesService.getScriptProperties(); for (var i = 0; i < 60; i++) p.setProperty('k' + i, new Array(9000).join('y'));`);
    expect(full.error?.message).toBe('You have exceeded the property storage quota. Please remove some properties and try again.');
    expect(Object.keys(emu.state.scriptProperties).length).toBeLessThan(60);
    run(emu, `PropertiesService.getUserProperties().setProperty('lang', 'en');`, { user: 'eva@example.org' });
    expect(emu.state.userProperties['eva@example.org']).toEqual({ lang: 'en' });
  });

  test('cache expiry follows the emulator clock; size limit', () => {
    const emu = newEmu();
    run(emu, `var c = CacheService.getScriptCache(); c.put('a', '1', 60); c.putAll({ b: '2', d: '4' }, 30000);`);
    expect(run(emu, `return CacheService.getScriptCache().getAll(['a', 'b', 'x']);`)).toEqual({ a: '1', b: '2' });
    run(emu, `Utilities.sleep(61000);`);
    expect(run(emu, `var c = CacheService.getScriptCache(); return [c.get('a'), c.get('b')];`)).toEqual([null, '2']);
    emu.advance(6 * 3600 * 1000); // capped at 6 h (a sleep that long would pass the execution's 6-minute limit)
    expect(run(emu, `return CacheService.getScriptCache().get('b');`)).toBeNull();
    expect(exec(emu, `CacheService.getUserCache().put('k', new Array(100 * 1024 + 2).join('x'));`).error?.message).toBe('Argument too large: value');
  });
});

describe('LockService (single thread)', () => {
  test('tryLock/waitLock/hasLock/release; held locks time out; released at execution end', () => {
    const emu = newEmu();
    expect(run(emu, `var l = LockService.getDocumentLock(); var a = l.tryLock(100); var h = l.hasLock(); l.releaseLock(); return [a, h, l.hasLock()];`)).toEqual([true, true, false]);
    // an execution that forgets to release: released when it ends
    run(emu, `LockService.getScriptLock().waitLock(1000);`);
    expect(run(emu, `return LockService.getScriptLock().tryLock(0);`)).toBe(true);
    const release = emu.holdLock('document');
    const t0 = emu.now().getTime();
    expect(run(emu, `return LockService.getDocumentLock().tryLock(5000);`)).toBe(false);
    expect(emu.now().getTime() - t0).toBe(5000);
    const r = exec(emu, `LockService.getDocumentLock().waitLock(10000);`);
    expect(r.error?.message).toBe('Lock timeout: another process was holding the lock for too long.');
    release();
    expect(run(emu, `return LockService.getDocumentLock().tryLock(1);`)).toBe(true);
  });
});

describe('Utilities', () => {
  test('HMAC-SHA256 and digest match Node crypto as Java signed bytes', () => {
    const emu = newEmu();
    const signed = (b: Buffer) => Array.from(b, (x) => (x > 127 ? x - 256 : x));
    const r = run(
      emu,
      `return [Utilities.computeHmacSha256Signature('guest-17|sv', 'hemlig nyckel åäö'),
               Utilities.computeHmacSha256Signature([1, -1, 127], [-128, 5]),
               Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'Ö', Utilities.Charset.UTF_8)];`,
    ) as number[][];
    expect(r[0]).toEqual(signed(crypto.createHmac('sha256', 'hemlig nyckel åäö').update('guest-17|sv').digest()));
    expect(r[1]).toEqual(signed(crypto.createHmac('sha256', Buffer.from([128, 5])).update(Buffer.from([1, 255, 127])).digest()));
    expect(r[2]).toEqual(signed(crypto.createHash('sha256').update('Ö').digest()));
    expect(r[0].every((b) => b >= -128 && b <= 127)).toBe(true);
  });

  test('base64 (web safe keeps padding), blobs, uuid', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `var bytes = [-5, -17, 63, 0];
       var b = Utilities.newBlob('Hallå', 'text/plain', 'a.txt');
       return [Utilities.base64Encode('åäö'), Utilities.base64EncodeWebSafe(bytes), Utilities.base64DecodeWebSafe(Utilities.base64EncodeWebSafe(bytes)),
               Utilities.newBlob(Utilities.base64Decode(Utilities.base64Encode('Ärende'))).getDataAsString(),
               b.getName(), b.getContentType(), b.getBytes().length, b.setName('b.txt').getName(), /^[0-9a-f-]{36}$/.test(Utilities.getUuid())];`,
    );
    expect(r).toEqual([Buffer.from('åäö').toString('base64'), '--8_AA==', [-5, -17, 63, 0], 'Ärende', 'a.txt', 'text/plain', 6, 'b.txt', true]);
    expect(exec(emu, `Utilities.base64Decode('@@@');`).error?.message).toBe('Could not decode string.');
  });

  test('formatDate (SimpleDateFormat subset)', () => {
    const emu = newEmu();
    const r = run(
      emu,
      `var d = new Date(Date.UTC(2009, 11, 8, 17, 5, 9, 42));
       var s = new Date(Date.UTC(2009, 6, 1, 6, 0, 0));
       return [Utilities.formatDate(d, 'Europe/Stockholm', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"),
               Utilities.formatDate(d, 'Europe/Stockholm', "EEE d MMM yy, H:mm 'kl' Z"),
               Utilities.formatDate(s, 'Europe/Stockholm', 'EEEE dd/M HH:mm XXX'),
               Utilities.formatDate(d, 'UTC', "yyyyMMdd'T'HHmmss'Z'"),
               Utilities.formatDate(d, 'America/New_York', "h:mm a, ''yy")];`,
    );
    expect(r).toEqual([
      '2009-12-08T18:05:09.042+01:00',
      'Tue 8 Dec 09, 18:05 kl +0100',
      'Wednesday 01/7 08:00 +02:00',
      '20091208T170509Z',
      "12:05 PM, '09",
    ]);
  });
});

describe('ScriptApp, ContentService, Session', () => {
  test('triggers, service URL, text output, session users', () => {
    const emu = newEmu({ serviceUrl: 'http://127.0.0.1:9999/exec' });
    const r = run(
      emu,
      `var ss = SpreadsheetApp.getActive();
       ScriptApp.newTrigger('onEditInstalled').forSpreadsheet(ss).onEdit().create();
       var t = ScriptApp.newTrigger('hourly').timeBased().everyHours(1).create();
       var before = ScriptApp.getProjectTriggers().length;
       ScriptApp.deleteTrigger(t);
       var out = ContentService.createTextOutput('{"ok":true}').setMimeType(ContentService.MimeType.JSON);
       return [before, ScriptApp.getUserTriggers(ss).map(function (x) { return [x.getHandlerFunction(), x.getEventType()]; }),
               ScriptApp.getService().getUrl(), out.getContent(), out.getMimeType(), ScriptApp.AuthMode.FULL,
               Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getActiveUserLocale(), Session.getScriptTimeZone()];`,
      { user: 'eva@example.org', locale: 'en' },
    );
    expect(r).toEqual([2, [['onEditInstalled', 'ON_EDIT']], 'http://127.0.0.1:9999/exec', '{"ok":true}', 'JSON', 'FULL', 'eva@example.org', 'eva@example.org', 'en', 'Europe/Stockholm']);
    expect(run(emu, `return Session.getActiveUser().getEmail();`, { authMode: 'LIMITED', user: 'eva@example.org' })).toBe('');
    // The User reference's variant (customFunctionSession 'blank'); the default throws (custom-function.test.ts).
    expect(run(newEmu({ customFunctionSession: 'blank' }), `return Session.getActiveUser().getEmail();`, { authMode: 'CUSTOM_FUNCTION', user: 'eva@example.org' })).toBe('');
  });
});

describe('auth modes', () => {
  test('NONE: no document, no document properties/lock; menus allowed', () => {
    const emu = newEmu();
    const r = exec(emu, `SpreadsheetApp.getUi().createAddonMenu().addItem('Starta', 'start').addToUi();
      return [PropertiesService.getDocumentProperties(), LockService.getDocumentLock(), CacheService.getDocumentCache()];`, { authMode: 'NONE' });
    expect(r.ok).toBe(true);
    expect(r.result).toEqual([null, null, null]);
    expect(r.ui.menus).toHaveLength(1);
    const ss = exec(emu, `SpreadsheetApp.getActiveSpreadsheet();`, { authMode: 'NONE' });
    expect(ss.error?.message).toMatch(/^You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/);
    const mail = exec(emu, `MailApp.sendEmail('a@example.org', 's', 'b');`, { authMode: 'LIMITED' });
    expect(mail.error?.message).toMatch(/^You do not have permission to call MailApp.sendEmail/);
    const cf = exec(emu, `${SHEET} sh.getRange('A1').setValue(1);`, { authMode: 'CUSTOM_FUNCTION' });
    expect(cf.error?.message).toMatch(/You do not have permission to call setValue/);
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
      ['ProtectionType', 'DataValidationCriteria'],
    ]);
  });

  test('time limit', () => {
    const emu = newEmu();
    const r = emu.runExecution('function f() { for (;;) {} }', 'f', [], { timeoutMs: 50 });
    expect(r.error?.message).toBe('Exceeded maximum execution time');
  });
});
