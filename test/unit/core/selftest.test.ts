/** The installation self-test's pure decisions (src/core/selftest.ts): each verdict and its fix text. */
import {
  editorDiff, linkCheck, localeCheck, lockCheck, logCheck, mayEdit, ownerCheck, protectionProblem, protectionsCheck, quotaCheck,
  sendDays, userCheck, webAppCheck, webAppSelfTestHtml, zoneCheck, WEB_APP_CHECKS, type SheetProtection,
} from '../../../src/core/selftest';
import { msg } from '../../../src/core/msg';
import { selftestMsg } from '../../../src/core/messages/selftest';
import { escapeHtml } from '../../../src/core/template';

const A = 'a@example.org';
const B = 'b@example.org';
const OWNER = 'owner@example.org';

test('1. time zone: OK only when the spreadsheet is in Europe/Stockholm and the script too; the fix names what differs', () => {
  expect(zoneCheck('Europe/Stockholm', 'Europe/Stockholm')).toMatchObject({ id: 'timeZone', status: 'ok', fix: null });
  const sheet = zoneCheck('Etc/GMT', 'Europe/Stockholm');
  expect(sheet.status).toBe('fail');
  expect(sheet.fix!.sv).toMatch(/Arkiv → Inställningar → Allmänt/);
  expect(sheet.fix!.sv).not.toMatch(/appsscript/);
  const script = zoneCheck('Europe/Stockholm', 'UTC');
  expect(script.fix!.sv).toMatch(/"timeZone" i appsscript\.json/);
  expect(script.fix!.sv).not.toMatch(/Arkiv/);
  // The same wrong zone in both is still wrong.
  expect(zoneCheck('Europe/Oslo', 'Europe/Oslo').status).toBe('fail');
  expect(zoneCheck('', '').found.sv).toBe('Kalkylarkets tidszon: (tom); skriptets: (tom).');
});

test('2. locale: sv, sv_SE (any Swedish) is OK; anything else is not, with where to change it', () => {
  for (const l of ['sv_SE', 'sv', 'sv-SE', 'sv_FI']) expect([l, localeCheck(l).status]).toEqual([l, 'ok']);
  for (const l of ['en_US', 'en_GB', 'fi_FI', '', 'svx', 'se_SV']) expect([l, localeCheck(l).status]).toEqual([l, 'fail']);
  expect(localeCheck('en_US').fix!.en).toMatch(/^Choose Sweden as the locale under File → Settings → General\./);
});

test('3. the user: named, and the same account as the effective user (case and spaces aside)', () => {
  expect(userCheck(A, ` ${A.toUpperCase()} `)).toMatchObject({ status: 'ok', found: { sv: expect.stringContaining(A) } });
  expect(userCheck('', A)).toMatchObject({ status: 'fail', fix: { sv: expect.stringMatching(/^Logga in med ditt konto i stadens Google Workspace/) } });
  expect(userCheck(A, B)).toMatchObject({ status: 'fail', found: { sv: `Du är ${A}, men skriptet körs som ${B}.` }, fix: { sv: expect.stringMatching(/kalkylarkets meny/) } });
  expect(userCheck(A, '').status).toBe('fail');
});

test('4. locks: both taken and released; a busy lock and a missing document lock have different fixes', () => {
  expect(lockCheck(true, true).status).toBe('ok');
  expect(lockCheck(false, true).fix!.sv).toMatch(/^En annan körning höll låset/);
  expect(lockCheck(true, false).fix!.sv).toMatch(/^En annan körning höll låset/);
  expect(lockCheck(true, null).fix!.sv).toMatch(/^Skriptet körs inte i ett dokument/);
  expect(lockCheck(true, null).found.sv).toBe('Skriptlåset: togs och släpptes. Dokumentlåset: finns inte (null).');
});

describe('5. protections', () => {
  const good = (sheet: string, editors = [A, B]): SheetProtection => ({ sheet, want: [A, B], found: { warningOnly: false, domainEdit: false, editors } });

  test('the editor sets: what is missing and what is extra; the owner and the current user may be listed or not', () => {
    expect(editorDiff([A, OWNER], [A], [OWNER, A])).toEqual({ missing: [], extra: [] });
    expect(editorDiff([A], [A], [OWNER])).toEqual({ missing: [], extra: [] });
    expect(editorDiff([' A@Example.org ', 'x@example.org'], [A, B], [OWNER])).toEqual({ missing: [B], extra: ['x@example.org'] });
    expect(editorDiff(['', A], [A], [''])).toEqual({ missing: [], extra: [] });
  });

  test('every kind of difference is named with its sheet', () => {
    expect(protectionProblem(good('Budget'), [OWNER])).toBeNull();
    expect(protectionProblem(good('Budget', [A, B, OWNER]), [OWNER])).toBeNull();
    expect(protectionProblem({ ...good('Budget'), found: 'missing' }, [])!.sv).toBe('Budget: bladet saknas');
    expect(protectionProblem({ ...good('Budget'), found: 'none' }, [])!.sv).toBe('Budget: inget skydd');
    expect(protectionProblem({ ...good('Budget'), found: 'hidden' }, [])!.sv).toMatch(/^Budget: du står inte bland redigerarna/);
    expect(protectionProblem({ ...good('Logg'), found: { warningOnly: true, domainEdit: true, editors: [A, 'x@example.org'] } }, [OWNER])!.sv)
      .toBe(`Logg: bara varning; hela domänen får ändra; saknar ${B}; har också x@example.org`);
  });

  test('the check: OK when every sheet is right; otherwise the sheets that differ, and the fix', () => {
    expect(protectionsCheck([good('Budget'), good('Logg')], [OWNER])).toMatchObject({ status: 'ok', found: { sv: expect.stringMatching(/^Alla 2 blad/) } });
    const c = protectionsCheck([good('Budget'), good('Logg', [A])], [OWNER]);
    expect(c).toMatchObject({ status: 'fail', found: { sv: `Skydden stämmer inte med rollerna. Logg: saknar ${B}.` } });
    expect(c.fix!.sv).toMatch(/Konfigurera arbetsboken.*Inställningar och roller/);
  });
});

test('6. the web app: null (not deployed) and /dev (test deployment) are not OK, /exec is', () => {
  expect(webAppCheck('https://script.google.com/macros/s/X/exec')).toMatchObject({ status: 'ok', found: { sv: expect.stringContaining('/exec') } });
  expect(webAppCheck(null).found.sv).toMatch(/inte driftsatt/);
  expect(webAppCheck('').status).toBe('fail');
  expect(webAppCheck('https://script.google.com/macros/s/X/dev')).toMatchObject({ status: 'fail', found: { sv: expect.stringMatching(/testdriftsättning/) } });
  expect(webAppCheck('https://x/exec/other').status).toBe('fail');
});

test('7. the link: information when there is one, not OK without', () => {
  expect(linkCheck('https://x/exec?selftest=1&w=w&t=t')).toMatchObject({ status: 'info', fix: null });
  expect(linkCheck(null)).toMatchObject({ status: 'fail', fix: { sv: expect.stringMatching(/^Driftsätt webbappen/) } });
});

test('8. mail quota: days at most, counting today\'s remainder as the least a day gives', () => {
  expect(sendDays(10, 0)).toBe(0);
  expect(sendDays(10, 10)).toBe(0);
  expect(sendDays(10, 11)).toBe(2);
  expect(sendDays(5, 30)).toBe(6);
  expect(sendDays(0, 1)).toBeNull();
  expect(sendDays(0, 0)).toBe(0);
  // Counts are written per language (grouped thousands), and a single day or recipient in the singular.
  expect(quotaCheck(1500, 30)).toMatchObject({ status: 'ok', fix: null, found: {
    sv: 'Mejlkvot kvar i dag: 1\u00a0500 mottagare. Godkända gäster som väntar på inbjudan: 30.',
    en: 'Mail quota left today: 1,500 recipients. Approved guests waiting for their invitation: 30.' } });
  expect(quotaCheck(1, 1).found.en).toBe('Mail quota left today: 1 recipient. Approved guests waiting for their invitation: 1.');
  expect(quotaCheck(20, 25).fix).toMatchObject({ sv: expect.stringMatching(/^Utskicket tar högst 2 dagar\./), en: expect.stringMatching(/^Sending takes at most 2 days\./) });
  expect(quotaCheck(10, 25)).toMatchObject({ status: 'fail', fix: { sv: expect.stringMatching(/^Utskicket tar högst 3 dagar\./), en: expect.stringMatching(/^Sending takes at most 3 days\./) } });
  expect(quotaCheck(0, 1).fix!.sv).toMatch(/^I dag kan inget skickas\./);
  expect(quotaCheck(-1, 0).status).toBe('ok');
  expect(quotaCheck(2.7, 3).found.sv).toMatch(/kvar i dag: 2 mottagare/);
});

test('9. the log: the verification\'s own message; the fix depends on whether the anchor exists', () => {
  const m = msg('Loggen är hel.', 'The log is intact.');
  expect(logCheck({ ok: true, message: m }, true)).toEqual({ id: 'log', status: 'ok', found: m, fix: null });
  expect(logCheck({ ok: false, message: m }, true).fix!.sv).toMatch(/^Kör Summit Planner → Verifiera loggen/);
  expect(logCheck({ ok: false, message: m }, false).fix!.sv).toMatch(/^Kör Summit Planner → Konfigurera arbetsboken/);
});

test('10. the owner is information either way; a shared drive says only the Administratörer list counts', () => {
  expect(ownerCheck(OWNER)).toMatchObject({ status: 'info', fix: null, found: { sv: expect.stringContaining(OWNER) } });
  expect(ownerCheck('')).toMatchObject({ status: 'info', fix: null, found: { sv: expect.stringMatching(/^Delad enhet \(ingen ägare\): bara de som står i Administratörer/) } });
});

test('the web app\'s deployer may edit: the owner always, a warning-only or absent protection, or an editor', () => {
  expect(mayEdit(OWNER, OWNER, { warningOnly: false, editors: [] })).toBe(true);
  expect(mayEdit(A, OWNER, { warningOnly: false, editors: [B, ` ${A.toUpperCase()}`] })).toBe(true);
  expect(mayEdit(A, OWNER, { warningOnly: false, editors: [B] })).toBe(false);
  expect(mayEdit(A, OWNER, { warningOnly: true, editors: [] })).toBe(true);
  expect(mayEdit(A, OWNER, 'none')).toBe(true);
  expect(mayEdit('', '', 'none')).toBe(false);
  expect(mayEdit(A, '', { warningOnly: false, editors: [] })).toBe(false);
});

test('the web app\'s page: escaped, in the chosen language, the fix only where a check failed', () => {
  const all = WEB_APP_CHECKS.map((id) => ({ id, ok: true }));
  const sv = webAppSelfTestHtml('sv', all);
  expect(sv).toMatch(/^<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>Summit Planner – självtest av webbappen<\/title>/);
  expect(sv.match(/<li class="ok"><strong>OK<\/strong>/g)).toHaveLength(5);
  expect(sv).toContain('Alla kontroller är OK');
  expect(sv).not.toContain('<p>Webbappen kunde inte');
  const en = webAppSelfTestHtml('en', all.map((c) => (c.id === 'deployer' ? { ...c, ok: false } : c)));
  expect(en).toMatch(/<html lang="en">/);
  expect(en).toContain('<li class="fail"><strong>Not OK</strong>: The account the web app runs as may edit Gäster and Logg<p>The web app writes the guests&#39; answers');
  expect(en).toContain('At least one check is not OK');
  // Every text goes through escaping: no apostrophe or quote arrives raw.
  expect(en.replace(/<[^>]*>/g, '')).not.toMatch(/['"<>]/);
});

test('each check reports under its own id on every path (the sidebar files each verdict under it)', () => {
  const S = 'Europe/Stockholm';
  const cases: [ReturnType<typeof zoneCheck>, string, string][] = [
    [zoneCheck(S, S), 'timeZone', 'ok'], [zoneCheck('UTC', S), 'timeZone', 'fail'],
    [localeCheck('sv_SE'), 'locale', 'ok'], [localeCheck('en_US'), 'locale', 'fail'],
    [userCheck(A, A), 'user', 'ok'], [userCheck('', A), 'user', 'fail'], [userCheck(A, B), 'user', 'fail'],
    [lockCheck(true, true), 'locks', 'ok'], [lockCheck(true, null), 'locks', 'fail'], [lockCheck(false, true), 'locks', 'fail'],
    [protectionsCheck([], []), 'protections', 'ok'], [protectionsCheck([{ sheet: 'Budget', want: [A], found: 'none' }], []), 'protections', 'fail'],
    [webAppCheck(null), 'webApp', 'fail'], [webAppCheck('https://x/exec'), 'webApp', 'ok'], [webAppCheck('https://x/dev'), 'webApp', 'fail'],
    [linkCheck(null), 'webAppLink', 'fail'], [linkCheck('https://x/exec?selftest=1'), 'webAppLink', 'info'],
    [quotaCheck(10, 1), 'mailQuota', 'ok'], [quotaCheck(1, 10), 'mailQuota', 'fail'],
    [logCheck({ ok: false, message: msg('x', 'x') }, true), 'log', 'fail'],
    [ownerCheck(OWNER), 'owner', 'info'], [ownerCheck(''), 'owner', 'info'],
  ];
  for (const [check, id, status] of cases) expect([check.id, check.status]).toEqual([id, status]);
});

test('typed values are read trimmed and case-blind: the locale, the user, the deployer and the editors wanted or kept', () => {
  expect(localeCheck(' sv_SE ').status).toBe('ok');
  expect(userCheck(` ${A.toUpperCase()} `, A)).toMatchObject({ status: 'ok', found: { sv: expect.stringContaining(A) } });
  expect(userCheck(' ', A).found).toEqual(userCheck('', A).found);
  expect(editorDiff([A, OWNER], [` ${A.toUpperCase()} `], [` ${OWNER.toUpperCase()}`])).toEqual({ missing: [], extra: [] });
  expect(mayEdit(` ${A.toUpperCase()} `, OWNER, { warningOnly: false, editors: [A] })).toBe(true);
  expect(mayEdit(A, ` ${A.toUpperCase()} `, { warningOnly: false, editors: [] })).toBe(true);
  // Named in order, whatever order Google lists them in.
  expect(editorDiff(['z@example.org', 'y@example.org'], [B, A], [])).toEqual({ missing: [A, B], extra: ['y@example.org', 'z@example.org'] });
});

test('a protection differs by a warning only or by domain-wide editing alone, the editors being right', () => {
  const right = { warningOnly: false, domainEdit: false, editors: [A, B] };
  expect(protectionProblem({ sheet: 'Budget', want: [A, B], found: { ...right, warningOnly: true } }, [])!.sv).toBe('Budget: bara varning');
  expect(protectionProblem({ sheet: 'Budget', want: [A, B], found: { ...right, domainEdit: true } }, [])!.sv).toBe('Budget: hela domänen får ändra');
  expect(protectionProblem({ sheet: 'Budget', want: [A], found: right }, [])!.sv).toBe(`Budget: har också ${B}`);
});

test('the web app\'s page: each item closes after its text, the items are not separated, and the page is styled', () => {
  const html = webAppSelfTestHtml('en', [{ id: 'open', ok: true }, { id: 'lock', ok: false }]);
  const [open, lock, lockFix] = [selftestMsg.webOpen(), selftestMsg.webLock(), selftestMsg.webLockFix()].map((m) => escapeHtml(m.en));
  expect(html).toContain(`<ul><li class="ok"><strong>OK</strong>: ${open}</li><li class="fail"><strong>Not OK</strong>: ${lock}<p>${lockFix}</p></li></ul>`);
  expect(html).toContain('<style>body{font:16px/1.5 Arial,Helvetica,sans-serif;color:#1f1f1f;margin:0;padding:16px;max-width:40em}h1{font-size:20px}');
  expect(html).toContain('li.ok strong{color:#146c2e}li.fail strong{color:#b3261e}li p{margin:4px 0 0}</style>');
});
