/**
 * "Självtest av installationen" in the built Code.js: all OK on a freshly
 * set-up workbook; each check Inte OK for its own cause, with its fix text;
 * administrators only; and the web app's own page behind the signed link,
 * driven as Apps Script runs it (anonymous visitor, run as the deployer)
 * under every deployment the README describes, neutral for a bad or expired
 * link, and without any guest's data.
 */
import type { Emulator, EmulatorOptions } from '../../src/sandbox/emulator';
import { HtmlOutput } from '../../src/sandbox/emulator/services';
import type { SelfTestCheckId, SelfTestView } from '../../src/core/api';
import { SELF_TEST_VALIDITY_MS } from '../../src/core/rsvp';
import { EKO, NOBODY, PL, STY, api, newEmulator, run, setUpWorkbook, snapshot, workbookProperty } from '../support/bundle';
import { fork, workbookWithGuests } from '../support/invitations';

jest.setTimeout(60_000);

const ADMIN_ONLY = 'Du saknar behörighet: bara kalkylarkets ägare och administratörerna på bladet Inställningar får göra detta.';

/** The sidebar's call as `user`; throws on a refusal. */
function selfTest(emu: Emulator, user = PL): SelfTestView {
  const r = api<SelfTestView>(emu, 'getSelfTest', [], user);
  if (!r.ok) throw new Error(r.message);
  return r.data;
}
const check = (v: SelfTestView, id: SelfTestCheckId) => v.checks.find((c) => c.id === id)!;
const statuses = (v: SelfTestView) => Object.fromEntries(v.checks.map((c) => [c.id, c.status]));
const failing = (v: SelfTestView) => v.checks.filter((c) => c.status === 'fail').map((c) => c.id);

/** Runs `body` as the owner through the Apps Script API (what File → Settings or the protection dialog do). */
function asOwner(emu: Emulator, body: string, user = PL): void {
  const r = emu.runExecution(`function change(){${body}}`, 'change', [], { authMode: 'FULL', user });
  if (!r.ok) throw new Error(r.error?.message);
}
const protectionOf = (sheet: string) => `SpreadsheetApp.getActiveSpreadsheet().getSheetByName(${JSON.stringify(sheet)}).getProtections(SpreadsheetApp.ProtectionType.SHEET)[0]`;

let base: Emulator;
beforeAll(() => {
  base = workbookWithGuests(3); // three approved guests, none invited yet
});

describe('the sidebar: getSelfTest', () => {
  test('a freshly set-up workbook: every check OK, the web-app link and the owner as information; nothing written', () => {
    const emu = fork(base);
    const before = snapshot(emu, true);
    const v = selfTest(emu);
    expect(v.checks.map((c) => c.id)).toEqual(['timeZone', 'locale', 'user', 'locks', 'protections', 'webApp', 'webAppLink', 'mailQuota', 'log', 'owner']);
    expect(statuses(v)).toEqual({
      timeZone: 'ok', locale: 'ok', user: 'ok', locks: 'ok', protections: 'ok', webApp: 'ok', webAppLink: 'info', mailQuota: 'ok', log: 'ok', owner: 'info',
    });
    for (const c of v.checks) expect(c.fix).toBeNull();
    expect(v.user).toBe(PL);
    expect(check(v, 'owner').found.sv).toBe(`Arbetsbokens ägare: ${PL}. Ägaren är alltid administratör.`);
    expect(check(v, 'mailQuota').found.sv).toMatch(/Godkända gäster som väntar på inbjudan: 3\./);
    expect(check(v, 'protections').found.sv).toMatch(/^Alla 11 blad har verkligt skydd/);
    expect(v.link).toMatch(new RegExp(`^${emu.serviceUrl.replace(/[.?]/g, '\\$&')}\\?selftest=\\d+&w=[\\w-]{16}&t=[\\w-]{43}$`));
    expect(snapshot(emu, true)).toBe(before);
  });

  test('an administrator named in Administratörer may run it; a role holder, an editor without a role and an unnamed caller may not', () => {
    const emu = fork(base);
    expect(api(emu, 'saveSettings', [{ sheet: 'settings', values: { Administratörer: EKO } }], PL).ok).toBe(true);
    expect(failing(selfTest(emu, EKO))).toEqual([]);
    for (const who of [STY, NOBODY]) {
      const r = api(emu, 'getSelfTest', [], who);
      expect(r).toEqual({ ok: false, message: ADMIN_ONLY });
    }
    // Check 3 on the way in: a caller Google can't name is refused with what to do (sign in with the city's account).
    expect(api(emu, 'getSelfTest', [], '')).toEqual({ ok: false, message: expect.stringMatching(/^Summit Planner kan inte se vem du är.*Logga in med ditt konto i stadens Google Workspace/) });
    expect(api(emu, 'getSelfTest', [{}], PL)).toMatchObject({ ok: false, message: expect.stringMatching(/^Ogiltiga uppgifter/) });
  });

  test('1. a spreadsheet in another time zone (File → Settings), or a script zone that differs', () => {
    const emu = fork(base);
    asOwner(emu, "SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetTimeZone('Etc/GMT')");
    const c = check(selfTest(emu), 'timeZone');
    expect(c).toMatchObject({ status: 'fail', found: { sv: 'Kalkylarkets tidszon: Etc/GMT; skriptets: Europe/Stockholm.' } });
    expect(c.fix!.sv).toMatch(/^Ställ in kalkylarkets tidszon på \(GMT\+01:00\) Stockholm under Arkiv → Inställningar → Allmänt\./);
    expect(c.fix!.sv).not.toMatch(/appsscript\.json/);
    // The log's times moved with the zone (a date keeps its wall-clock reading): it reads as altered until the zone is back.
    expect(failing(selfTest(emu))).toEqual(['timeZone', 'log']);
    asOwner(emu, "SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetTimeZone('Europe/Stockholm')");
    expect(failing(selfTest(emu))).toEqual([]);

    const fresh = newEmulator({ spreadsheetTimeZone: 'America/New_York', timeZone: 'UTC' }); // before set-up: the owner may run it
    const f = check(selfTest(fresh), 'timeZone');
    expect(f.found.sv).toBe('Kalkylarkets tidszon: America/New_York; skriptets: UTC.');
    expect(f.fix!.sv).toMatch(/Arkiv → Inställningar.*"timeZone" i appsscript\.json/);
    const script = check(selfTest(newEmulator({ spreadsheetTimeZone: 'Europe/Stockholm', timeZone: 'UTC' })), 'timeZone');
    expect(script).toMatchObject({ status: 'fail', fix: { sv: expect.stringMatching(/^Skriptprojektets tidszon ska vara Europe\/Stockholm/) } });
  });

  test('2. a spreadsheet locale that is not Swedish', () => {
    const emu = fork(base);
    asOwner(emu, "SpreadsheetApp.getActiveSpreadsheet().setSpreadsheetLocale('en_US')");
    const v = selfTest(emu);
    expect(failing(v)).toEqual(['locale']);
    expect(check(v, 'locale')).toMatchObject({
      found: { sv: 'Kalkylarkets språkkod: en_US.', en: 'Spreadsheet locale: en_US.' },
      fix: { sv: expect.stringMatching(/^Välj Sverige som språkkod under Arkiv → Inställningar → Allmänt\./) },
    });
    expect(check(selfTest(newEmulator({ spreadsheetLocale: 'en_GB' })), 'locale').status).toBe('fail');
    expect(check(selfTest(newEmulator({ spreadsheetLocale: 'sv' })), 'locale').status).toBe('ok');
  });

  test('4. the script lock held by another execution; no document lock where there is no document', () => {
    const emu = fork(base);
    emu.locks.acquire('script', 'another-execution');
    const v = selfTest(emu);
    expect(check(v, 'locks')).toMatchObject({
      status: 'fail', found: { sv: 'Skriptlåset: kunde inte tas. Dokumentlåset: togs och släpptes.' },
      fix: { sv: expect.stringMatching(/^En annan körning höll låset/) },
    });
    emu.locks.release('script', 'another-execution');
    // Called from the web app's page by a signed-in administrator (a bound script's web app sees its sheet): getDocumentLock() is null.
    const r = run(emu, 'getSelfTest', [], { user: PL, webApp: true }).result as { ok: true; data: SelfTestView };
    expect(check(r.data, 'locks')).toMatchObject({
      status: 'fail', found: { sv: 'Skriptlåset: togs och släpptes. Dokumentlåset: finns inte (null).' },
      fix: { sv: expect.stringMatching(/^Skriptet körs inte i ett dokument/) },
    });
  });

  test('5. a protection made warning-only, an editor added by hand, domain editing, a protection removed: each sheet named', () => {
    const fix = /^Kör Summit Planner → Konfigurera arbetsboken \(den sätter skydden efter rollerna igen.*eller ändra och spara rollerna i Inställningar och roller\.$/;
    const cases: [string, string, string][] = [
      ['Budget', `${protectionOf('Budget')}.setWarningOnly(true)`, 'Budget: bara varning'],
      ['Kostnader', `${protectionOf('Kostnader')}.addEditor('${NOBODY}')`, `Kostnader: har också ${NOBODY}`],
      ['Kostnader', `${protectionOf('Kostnader')}.removeEditor('${EKO}')`, `Kostnader: saknar ${EKO}`],
      ['Mallar', `${protectionOf('Mallar')}.setDomainEdit(true)`, 'Mallar: hela domänen får ändra'],
      ['Logg', `${protectionOf('Logg')}.remove()`, 'Logg: inget skydd'],
    ];
    for (const [sheet, change, said] of cases) {
      const emu = fork(base);
      asOwner(emu, change);
      const v = selfTest(emu);
      expect([sheet, failing(v)]).toEqual([sheet, ['protections']]);
      const c = check(v, 'protections');
      expect(c.found.sv).toBe(`Skydden stämmer inte med rollerna. ${said}.`);
      expect(c.fix!.sv).toMatch(fix);
      // The fix works: set-up puts the protection back as the roles say.
      run(emu, 'menuSetup', [], { user: PL });
      expect(failing(selfTest(emu))).toEqual([]);
    }
    // Through the emulator's state (as a person would in the protection dialog), two sheets at once.
    const emu = fork(base);
    const p = (name: string) => emu.state.spreadsheet.sheets.find((s) => s.name === name)!.protections.find((x) => x.type === 'SHEET')!;
    p('Gäster').warningOnly = true;
    p('Beslut').editors.push('extra@example.org');
    expect(check(selfTest(emu), 'protections').found.sv).toBe('Skydden stämmer inte med rollerna. Gäster: bara varning. Beslut: har också extra@example.org.');
  });

  test('6–7. the web app not deployed, or only as the developer\'s /dev test deployment: no link', () => {
    for (const webAppDeployment of ['none', 'dev'] as const) {
      const v = selfTest(fork(base, { webAppDeployment }));
      expect(failing(v)).toEqual(['webApp', 'webAppLink']);
      expect(v.link).toBeNull();
      expect(check(v, 'webApp').found.sv).toMatch(webAppDeployment === 'none' ? /^Webbappen har ingen adress: den är inte driftsatt\.$/ : /^Webbappen finns bara som testdriftsättning \(.*\/dev\)/);
      expect(check(v, 'webApp').fix!.sv).toMatch(/^Driftsätt webbappen: Apps Script → Driftsätt → Ny driftsättning → Webbapp, Kör som: Jag, Åtkomst: Alla/);
      expect(check(v, 'webAppLink').fix!.sv).toMatch(/^Driftsätt webbappen \(se ovan\) och kör självtestet igen/);
    }
  });

  test('8. a mail quota below the approved guests waiting: how many days the sends take', () => {
    const v = selfTest(fork(base, { dailyMailQuota: 2 }));
    expect(failing(v)).toEqual(['mailQuota']);
    expect(check(v, 'mailQuota')).toMatchObject({
      found: { sv: 'Mejlkvot kvar i dag: 2 mottagare. Godkända gäster som väntar på inbjudan: 3.' },
      fix: { sv: expect.stringMatching(/^Utskicket tar högst 2 dagar\. Summit Planner skickar det som ryms/) },
    });
    expect(check(selfTest(fork(base, { dailyMailQuota: 0 })), 'mailQuota').fix!.sv).toMatch(/^I dag kan inget skickas\./);
    expect(check(selfTest(fork(base, { dailyMailQuota: 3 })), 'mailQuota').status).toBe('ok');
  });

  test('9. Logg rows deleted by hand; the anchor missing (a copy of the workbook has a new file ID)', () => {
    const emu = fork(base);
    const rows = emu.sheetValues('Logg').length;
    emu.deleteRows('Logg', rows - 1, 2, PL);
    const v = selfTest(emu);
    expect(failing(v)).toEqual(['log']);
    expect(check(v, 'log').found.sv).toMatch(/^Loggen har \d+ rader men ankaret säger \d+: de sista 2 raderna har tagits bort/);
    expect(check(v, 'log').fix!.sv).toMatch(/^Kör Summit Planner → Verifiera loggen för detaljerna\. En administratör utreder ändringen och godkänner loggen i Granska ändringar/);

    const copy = fork(base);
    delete copy.state.scriptProperties[`summit.journal@${copy.state.spreadsheet.id}`];
    expect(api(copy, 'getSelfTest', [], STY)).toEqual({ ok: false, message: ADMIN_ONLY }); // only the owner without a journal
    const w = selfTest(copy);
    expect(check(w, 'log')).toMatchObject({
      status: 'fail', found: { sv: expect.stringMatching(/ankaret saknas/) },
      fix: { sv: expect.stringMatching(/^Kör Summit Planner → Konfigurera arbetsboken: den startar loggen och dess ankare/) },
    });
    expect(check(w, 'protections')).toMatchObject({ status: 'fail', found: { sv: expect.stringMatching(/^Arbetsboken har ingen logg för sitt fil-ID/) } });
  });

  test('10. a file in a shared drive has no owner: information, never Inte OK', () => {
    const emu = setUpWorkbook(newEmulator({ sharedDrive: true })); // the first to set up becomes administrator
    const v = selfTest(emu);
    expect(check(v, 'owner')).toEqual({
      id: 'owner', status: 'info', fix: null,
      found: { sv: expect.stringMatching(/^Delad enhet \(ingen ägare\): bara de som står i Administratörer på bladet Inställningar är administratörer\./), en: expect.stringMatching(/^Shared drive \(no owner\)/) },
    });
    expect(failing(v)).toEqual([]);
  });
});

// --- The web app's page behind the signed link ---------------------------------------------

/** How Apps Script runs the web app for an anonymous visitor: as the deployer, no active user. */
const ANON = { user: '', effectiveUser: PL, webApp: true };

const eventOf = (u: URL) => ({
  parameter: Object.fromEntries(u.searchParams), parameters: Object.fromEntries([...u.searchParams].map(([k, v]) => [k, [v]])),
  queryString: u.search.slice(1), contextPath: '', contentLength: -1,
});

function page(emu: Emulator, u: URL, as: Partial<typeof ANON> = {}) {
  const r = run(emu, 'doGet', [eventOf(u)], { ...ANON, ...as });
  expect(r.result).toBeInstanceOf(HtmlOutput);
  const html = (r.result as HtmlOutput).getContent();
  const items = [...html.matchAll(/<li class="(ok|fail)"><strong>([^<]+)<\/strong>: ([^<]+)/g)].map((m) => [m[3], m[2]]);
  return { html, out: r.result as HtmlOutput, checks: Object.fromEntries(items) as Record<string, string>, opened: r.calls.byMethod['SpreadsheetApp.openById'] ?? 0 };
}

const ALL_OK = {
  'Webbappen öppnar arbetsboken': 'OK', 'Bladen Gäster och Logg kan läsas': 'OK', 'Loggens ankare finns för arbetsboken': 'OK',
  'Skriptlåset kan tas': 'OK', 'Kontot som webbappen körs som får ändra Gäster och Logg': 'OK',
};

const DEPLOYMENTS: [string, EmulatorOptions][] = [
  ['bound script, its web app sees the spreadsheet', { deployment: 'bound' }],
  ['bound script, its web app does not see the spreadsheet', { deployment: 'bound', webAppSeesContainer: false }],
  ['editor add-on from a standalone project (no document in the web app)', { deployment: 'addon' }],
];

describe.each(DEPLOYMENTS)('the web app\'s page: %s', (_name, deployment) => {
  let emu: Emulator;
  let link: URL;
  let neutral: string;
  beforeAll(() => {
    emu = workbookWithGuests(3, { emu: newEmulator(deployment) });
    link = new URL(selfTest(emu).link!);
    neutral = (run(emu, 'doGet', [{ parameter: {}, parameters: {}, queryString: '', contextPath: '', contentLength: -1 }], ANON).result as HtmlOutput).getContent();
    expect(neutral).toContain('Länken fungerar inte');
  });

  test('a valid link: every check OK, as a small self-contained page with no personal data', () => {
    const p = page(emu, link);
    expect(p.checks).toEqual(ALL_OK);
    expect(p.html).toMatch(/^<!DOCTYPE html><html lang="sv">/);
    expect(p.html).toContain('Alla kontroller är OK');
    expect(p.html).not.toMatch(/<script|<link|src=|href=/i);
    expect(p.out.getTitle()).toBe('Summit Planner – självtest av webbappen');
    // The web app opens the file the tag names only where it has no document of its own.
    expect(p.opened).toBe(emu.webAppHasContainer ? 0 : 1);
    // No guest's data, no address, no file ID.
    for (const g of emu.sheetValues('Gäster').slice(1)) for (const v of g.slice(0, 7)) if (String(v)) expect(p.html).not.toContain(String(v));
    expect(p.html).not.toMatch(/@|G-000|Exempelsson/);
    expect(p.html).not.toContain(emu.state.spreadsheet.id);
    const en = new URL(link.href);
    en.searchParams.set('lang', 'en');
    expect(Object.keys(page(emu, en).checks)).toContain('The web app opens the workbook');
  });

  test('a bad, altered, moved or expired link: the RSVP page\'s neutral answer, nothing opened', () => {
    const variants: ((u: URL) => void)[] = [
      (u) => { const t = u.searchParams.get('t')!; u.searchParams.set('t', `${t[0] === 'A' ? 'B' : 'A'}${t.slice(1)}`); },
      (u) => u.searchParams.set('t', ''),
      (u) => u.searchParams.set('selftest', String(Number(u.searchParams.get('selftest')) + 3_600_000)), // a later expiry isn't signed
      (u) => u.searchParams.set('selftest', 'x'),
      (u) => u.searchParams.set('w', 'AAAAAAAAAAAAAAAA'),
      (u) => u.searchParams.delete('w'),
    ];
    for (const change of variants) {
      const u = new URL(link.href);
      change(u);
      const p = page(emu, u);
      expect(p.html).toBe(neutral);
      expect(p.opened).toBe(0);
    }
    const later = fork(emu, deployment);
    later.advance(SELF_TEST_VALIDITY_MS - 1000);
    expect(page(later, link).checks).toEqual(ALL_OK);
    later.advance(1000); // an hour after it was made
    expect(page(later, link).html).toBe(neutral);
  });

  test('a deployer who may not edit Gäster and Logg; one who may (a role holder of both)', () => {
    const p = page(emu, link, { effectiveUser: NOBODY });
    expect(p.checks).toEqual({ ...ALL_OK, 'Kontot som webbappen körs som får ändra Gäster och Logg': 'Inte OK' });
    expect(p.html).toContain('Driftsätt webbappen som arbetsbokens ägare eller en administratör');
    expect(p.html).toContain('Minst en kontroll är inte OK');
    expect(page(emu, link, { effectiveUser: EKO }).checks['Kontot som webbappen körs som får ändra Gäster och Logg']).toBe('Inte OK'); // Logg only
    expect(page(emu, link, { effectiveUser: STY }).checks).toEqual(ALL_OK);
    // Taken off Logg's protection by hand: may write Gäster only, so an answer can't be logged.
    const offLog = fork(emu, deployment);
    const logged = offLog.state.spreadsheet.sheets.find((x) => x.name === 'Logg')!.protections.find((x) => x.type === 'SHEET')!;
    logged.editors = logged.editors.filter((e) => e !== STY);
    expect(page(offLog, link, { effectiveUser: STY }).checks['Kontot som webbappen körs som får ändra Gäster och Logg']).toBe('Inte OK');
  });

  test('the anchor missing, the lock busy, the workbook unknown: each not OK with its fix', () => {
    const noAnchor = fork(emu, deployment);
    delete noAnchor.state.scriptProperties[`summit.journal@${noAnchor.state.spreadsheet.id}`];
    const a = page(noAnchor, link);
    expect(a.checks).toEqual({ ...ALL_OK, 'Loggens ankare finns för arbetsboken': 'Inte OK' });
    expect(a.html).toContain('Webbappen hittar inte loggens ankare');

    const busy = fork(emu, deployment);
    busy.locks.acquire('script', 'another-execution');
    expect(page(busy, link).checks).toEqual({ ...ALL_OK, 'Skriptlåset kan tas': 'Inte OK' });

    const unknown = fork(emu, deployment);
    delete unknown.state.scriptProperties[`summit.workbook.${link.searchParams.get('w')}`];
    const u = page(unknown, link);
    expect(u.checks).toEqual({
      'Webbappen öppnar arbetsboken': 'Inte OK', 'Bladen Gäster och Logg kan läsas': 'Inte OK', 'Loggens ankare finns för arbetsboken': 'Inte OK',
      'Skriptlåset kan tas': 'OK', 'Kontot som webbappen körs som får ändra Gäster och Logg': 'Inte OK',
    });
    expect(u.html).toContain('Webbappen kunde inte öppna arbetsboken');
    expect(workbookProperty(unknown, 'summit.journal')).toBeDefined();
  });
});
