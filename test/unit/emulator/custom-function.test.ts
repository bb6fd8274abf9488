/**
 * Custom functions (AuthMode CUSTOM_FUNCTION): only the services Google lists, Spreadsheet read-only,
 * and Session per EmulatorOptions.customFunctionSession, because the sources disagree.
 */
import { customFunctionRefusal } from '../../../src/sandbox/emulator/exec';
import { SHEET, exec, newEmu, run } from './helpers';

const CF = { authMode: 'CUSTOM_FUNCTION' as const, user: 'eva@example.org', locale: 'en' };
const USERINFO = 'https://www.googleapis.com/auth/userinfo.email';

describe('allowed services', () => {
  // Reference: developers.google.com/apps-script/guides/sheets/functions ("Using Apps Script services"),
  // apps-script-platform.md "Execution contexts": Cache, HTML, Lock, Properties, Spreadsheet (read-only), Utilities.
  test('Cache, HTML, Lock, Properties, Utilities and Spreadsheet reads work', () => {
    const emu = newEmu();
    const r = exec(
      emu,
      `${SHEET}
       CacheService.getScriptCache().put('k', 'v');
       PropertiesService.getScriptProperties().setProperty('p', 'q');
       var lock = LockService.getScriptLock();
       var locked = lock.tryLock(100);
       lock.releaseLock();
       console.log('hej');
       var rule = SpreadsheetApp.newDataValidation().requireValueInList(['a', 'b']).build();
       var range = sh.getRange(2, 3, 4, 5);
       return [CacheService.getScriptCache().get('k'), PropertiesService.getScriptProperties().getProperty('p'), locked,
               LockService.getDocumentLock() !== null, HtmlService.createHtmlOutput('<b>x</b>').getContent(), Utilities.getUuid().length,
               ss.getId().length > 0, sh.getName(), sh.getRange('A1:B2').getValues().length, [range.getRow(), range.getColumn(), range.getNumRows(), range.getNumColumns()],
               ss.getOwner().getEmail(), String(rule)];`,
      CF,
    );
    expect(r.error).toBeUndefined();
    expect(r.result).toEqual(['v', 'q', true, true, '<b>x</b>', 36, true, 'Blad1', 2, [2, 3, 4, 5], 'user@example.com', 'DataValidation']);
    expect(r.logs).toEqual(['hej']);
  });
});

describe('Session', () => {
  // Reference: …/guides/sheets/functions lists the services a custom function may use; Session is not
  // among them ("If your custom function throws the error message You do not have permission to call
  // X service., the service requires user authorization"). The message with its scope is the one a live
  // execution log quotes: "You do not have permission to call Session.getActiveUser. Required
  // permissions: https://www.googleapis.com/auth/userinfo.email".
  test("default ('throw'): every Session method throws, catchably, with Google's message", () => {
    const emu = newEmu();
    const msg = (expr: string) => exec(emu, `return ${expr};`, CF).error?.message;
    expect(msg('Session.getActiveUser().getEmail()')).toBe(`You do not have permission to call Session.getActiveUser. Required permissions: ${USERINFO}`);
    expect(msg('Session.getEffectiveUser().getEmail()')).toBe(`You do not have permission to call Session.getEffectiveUser. Required permissions: ${USERINFO}`);
    // No scope named: these need none when they are allowed (message shape unverified against live Sheets).
    expect(msg('Session.getActiveUserLocale()')).toBe('You do not have permission to call Session.getActiveUserLocale');
    expect(msg('Session.getScriptTimeZone()')).toBe('You do not have permission to call Session.getScriptTimeZone');
    // A script's try/catch sees an ordinary Error (src/gas/api.ts borrowedAuthority relies on it).
    expect(run(emu, `try { Session.getActiveUser(); return 'no'; } catch (e) { return [e instanceof Error, e.message.slice(0, 34)]; }`, CF)).toEqual([true, 'You do not have permission to call']);
  });

  // Reference: …/reference/base/user, getEmail(): "the user's email address is not available in any
  // context that allows a script to run without that user's authorization, like … a custom function in
  // Google Sheets" — a blank string, the other reading of the sources (apps-script-platform.md "Execution contexts").
  test("'blank': the users' e-mails are blank and the rest works", () => {
    const emu = newEmu({ customFunctionSession: 'blank' });
    expect(run(emu, `return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getActiveUserLocale(), Session.getScriptTimeZone()];`, CF))
      .toEqual(['', '', 'en', 'Europe/Stockholm']);
  });

  // Reference: apps-script-platform.md "Triggers and auth modes" / …/reference/base/user: simple triggers
  // (LIMITED) and menu calls (FULL) keep Session; the option is about custom functions only.
  test('the option changes nothing outside custom functions', () => {
    const emu = newEmu({ customFunctionSession: 'throw' });
    const body = `return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail(), Session.getActiveUserLocale()];`;
    expect(run(emu, body, { ...CF, authMode: 'FULL' })).toEqual(['eva@example.org', 'eva@example.org', 'en']);
    expect(run(emu, body, { ...CF, authMode: 'LIMITED' })).toEqual(['', '', 'en']);
  });

  test('an unknown variant is refused', () => {
    expect(() => newEmu({ customFunctionSession: 'maybe' as 'throw' })).toThrow('Unknown customFunctionSession: maybe');
  });
});

describe('services outside the list', () => {
  // Reference: …/guides/sheets/functions (MailApp and ScriptApp are not listed);
  // MailApp's message as live Apps Script gives it: "You do not have permission to call
  // MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail".
  test('MailApp and ScriptApp throw; nothing is sent', () => {
    const emu = newEmu();
    const msg = (body: string) => exec(emu, body, CF).error?.message;
    expect(msg(`MailApp.sendEmail('a@example.org', 's', 'b');`)).toBe('You do not have permission to call MailApp.sendEmail. Required permissions: https://www.googleapis.com/auth/script.send_mail');
    expect(msg(`return MailApp.getRemainingDailyQuota();`)).toBe('You do not have permission to call MailApp.getRemainingDailyQuota. Required permissions: https://www.googleapis.com/auth/script.send_mail');
    expect(msg(`return ScriptApp.getService().getUrl();`)).toBe('You do not have permission to call ScriptApp.getService');
    expect(emu.outbox()).toEqual([]);
    // The same calls work in a menu execution (FULL).
    expect(run(emu, `MailApp.sendEmail('a@example.org', 's', 'b'); return ScriptApp.getService().getUrl();`, { ...CF, authMode: 'FULL' })).toBe('http://127.0.0.1:8080/exec');
    expect(emu.outbox()).toHaveLength(1);
  });

  // Reference: exec.ts invoke: every call is counted and open to fault injection, refused ones included.
  test('a refused call is counted', () => {
    const r = exec(newEmu(), `try { Session.getActiveUser(); } catch (e) {} try { MailApp.getRemainingDailyQuota(); } catch (e) {} return 1;`, CF);
    expect(r.ok).toBe(true);
    expect(r.calls.byMethod).toEqual({ 'Session.getActiveUser': 1, 'MailApp.getRemainingDailyQuota': 1 });
  });
});

describe('Spreadsheet is read-only', () => {
  // Reference: …/guides/sheets/functions: Spreadsheet "Read only (can use most get*() methods, but not
  // set*())"; the message as live Sheets gives it: "You do not have permission to call setValue"
  // (support.google.com/docs/thread/202011707, quoted in many READMEs).
  const WRITES: [string, string][] = [
    ['setValues', `sh.getRange('A1:B1').setValues([[1, 2]]);`],
    ['setNumberFormat', `sh.getRange('A1').setNumberFormat('0.00');`],
    ['setFontWeight', `sh.getRange('A1').setFontWeight('bold');`],
    ['setDataValidation', `sh.getRange('A1').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInList(['x']).build());`],
    ['protect', `sh.getRange('A1').protect();`],
    ['activate', `sh.activate();`],
    ['insertRowsAfter', `sh.insertRowsAfter(1, 2);`],
    ['insertColumnsAfter', `sh.insertColumnsAfter(1, 2);`],
    ['setFrozenRows', `sh.setFrozenRows(1);`],
    ['setColumnWidth', `sh.setColumnWidth(1, 200);`],
    ['insertChart', `sh.insertChart(sh.newChart().addRange(sh.getRange('A1:B2')).build());`],
    ['setConditionalFormatRules', `sh.setConditionalFormatRules([]);`],
    ['insertSheet', `ss.insertSheet('Ny');`],
    ['toast', `ss.toast('hej');`],
  ];
  test.each(WRITES)('%s throws and changes nothing', (method, body) => {
    const emu = newEmu();
    run(emu, `${SHEET} sh.getRange('A1:B2').setValues([[1, 2], [3, 4]]);`);
    const before = JSON.stringify(emu.state.spreadsheet);
    const r = exec(emu, `${SHEET} ${body}`, CF);
    expect(r.error?.message).toBe(`You do not have permission to call ${method}`);
    expect(JSON.stringify(emu.state.spreadsheet)).toBe(before);
    expect(r.ui.toasts).toEqual([]);
  });

  test('a protection found by reading can be read, not changed', () => {
    const emu = newEmu();
    run(emu, `${SHEET} sh.getRange('A1').protect().setDescription('låst');`);
    const r = exec(emu, `${SHEET} var p = sh.getProtections('RANGE')[0]; var d = p.getDescription(); p.setDescription('x');`, CF);
    expect(r.error?.message).toBe('You do not have permission to call setDescription');
    expect(run(emu, `${SHEET} return sh.getProtections('RANGE')[0].getDescription();`, CF)).toBe('låst');
  });

  // Reference: apps-script-platform.md "Execution contexts": no UI in a custom function (kept from before).
  test('getUi still fails as before', () => {
    expect(exec(newEmu(), `SpreadsheetApp.getUi();`, CF).error?.message).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});

describe('customFunctionRefusal', () => {
  // Reference: …/guides/sheets/functions, as in the tests above; builders build values, so they stay usable.
  test('the rule by service, class and method', () => {
    expect(customFunctionRefusal('SpreadsheetApp', 'Range', 'getValues', 'throw')).toBeNull();
    expect(customFunctionRefusal('SpreadsheetApp', 'Range', 'getNumRows', 'throw')).toBeNull();
    expect(customFunctionRefusal('SpreadsheetApp', 'SpreadsheetApp', 'flush', 'throw')).toBeNull();
    expect(customFunctionRefusal('SpreadsheetApp', 'DataValidationBuilder', 'setHelpText', 'throw')).toBeNull();
    expect(customFunctionRefusal('SpreadsheetApp', 'Sheet', 'setFrozenRows', 'throw')).toBe('You do not have permission to call setFrozenRows');
    expect(customFunctionRefusal('SpreadsheetApp', 'Spreadsheet', 'setSpreadsheetTimeZone', 'throw')).toBe('You do not have permission to call setSpreadsheetTimeZone');
    expect(customFunctionRefusal('Session', 'User', 'getEmail', 'throw')).toBeNull();
    expect(customFunctionRefusal('Session', 'Session', 'getActiveUser', 'blank')).toBeNull();
    expect(customFunctionRefusal('Session', 'Session', 'getActiveUserLocale', 'throw')).toBe('You do not have permission to call Session.getActiveUserLocale');
    for (const service of ['CacheService', 'HtmlService', 'LockService', 'PropertiesService', 'Utilities']) {
      expect(customFunctionRefusal(service, service, 'anything', 'throw')).toBeNull();
    }
  });
});
