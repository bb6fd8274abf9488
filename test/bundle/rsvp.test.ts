/**
 * The RSVP web app end to end in the built Code.js: invitations are sent,
 * the link is taken from the mail in the outbox, doGet renders the guest's
 * own page as the anonymous visitor (web app run as the deployer), and
 * submitRsvp records the answer in Gäster and Logg. Under every deployment
 * the README describes: a bound script whose web app sees its spreadsheet,
 * one whose web app doesn't (whether it does "is reported both ways",
 * apps-script-platform.md, "Execution contexts"), and an editor add-on from a
 * standalone project, whose web app has no document at all.
 */
import { simpleParser } from 'mailparser';
import type { Emulator } from '../../src/sandbox/emulator';
import { HtmlOutput } from '../../src/sandbox/emulator/services';
import { rsvpToken } from '../../src/core/rsvp';
import type { EmulatorOptions } from '../../src/sandbox/emulator/runtime';
import { CODE, PL, STY, api, newEmulator, run, snapshot } from '../support/bundle';
import { fork, guests, sendAll, setSetting, workbookWithGuests } from '../support/invitations';

jest.setTimeout(60_000);

/** The link's key: workbook tag, guest, link version, token. */
const keyOf = (u: URL) => ({ w: u.searchParams.get('w'), g: u.searchParams.get('g'), v: u.searchParams.get('v'), t: u.searchParams.get('t') });

/** How Apps Script runs the web app for an anonymous visitor: as the deployer, no active user. */
const ANON = { user: '', effectiveUser: PL, webApp: true };

const DEPLOYMENTS: [string, EmulatorOptions][] = [
  ['bound script, its web app sees the spreadsheet', { deployment: 'bound' }],
  ['bound script, its web app does not see the spreadsheet', { deployment: 'bound', webAppSeesContainer: false }],
  ['editor add-on from a standalone project (no document in the web app)', { deployment: 'addon' }],
];

describe.each(DEPLOYMENTS)('%s', (_name, deployment) => {
let sent: Emulator;
let links: Map<string, URL>;
beforeAll(async () => {
  sent = workbookWithGuests(3, { emu: newEmulator(deployment) }); // G-0001 sv, G-0002 en, G-0003 sv; all approved
  setSetting(sent, 'Svarsadress', 'osa@example.org');
  expect(api(sent, 'unapprove', [{ ids: ['G-0003'] }], STY).ok).toBe(true); // G-0003 is never invited
  sendAll(sent);
  links = new Map();
  for (const o of sent.outbox()) {
    const mail = await simpleParser(sent.eml(o.id));
    const href = /href="([^"]+\?w=[^"]+)"/.exec(String(mail.html))?.[1].replace(/&amp;/g, '&');
    expect(href).toBeDefined();
    links.set(o.to[0], new URL(href!));
  }
});

const event = (u: URL) => {
  const parameter = Object.fromEntries(u.searchParams);
  return { parameter, parameters: Object.fromEntries([...u.searchParams].map(([k, v]) => [k, [v]])), queryString: u.search.slice(1), contextPath: '', contentLength: -1 };
};
const doGet = (emu: Emulator, e: unknown) => {
  const out = run(emu, 'doGet', [e], ANON).result;
  expect(out).toBeInstanceOf(HtmlOutput);
  const html = (out as HtmlOutput).getContent();
  const attr = /data-view="([^"]*)"/.exec(html)![1]
    .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return { out: out as HtmlOutput, html, page: JSON.parse(attr) as { ok: boolean; view?: Record<string, unknown>; message?: { sv: string } } };
};
const submit = (emu: Emulator, input: unknown) =>
  run(emu, 'submitRsvp', [JSON.parse(JSON.stringify(input))], ANON).result as { ok: boolean; message?: string; data?: { saved: boolean; message: { sv: string; en: string } } };
const row = (emu: Emulator, id: string) => guests(emu).find((g) => g['ID'] === id)!;

test('the link in the mail points at the web app with the workbook tag, the guest ID and the token', () => {
  expect([...links.keys()].sort()).toEqual(['gast0@example.org', 'gast1@example.org']);
  const u = links.get('gast0@example.org')!;
  expect(`${u.origin}${u.pathname}`).toBe(sent.serviceUrl);
  expect(u.searchParams.get('g')).toBe('G-0001');
  // The tag names the workbook without its file ID; the script property says which file it is.
  const w = u.searchParams.get('w')!;
  expect(w).toMatch(/^[\w-]{16}$/);
  expect(u.href).not.toContain(sent.state.spreadsheet.id);
  expect(sent.state.scriptProperties[`summit.workbook.${w}`]).toBe(sent.state.spreadsheet.id);
});

test('the web app finds the workbook: its own document when it has one, else the file the tag names', () => {
  const r = run(sent, 'doGet', [event(links.get('gast0@example.org')!)], ANON);
  const opened = r.calls.byMethod['SpreadsheetApp.openById'] ?? 0;
  expect(opened).toBe(sent.webAppHasContainer ? 0 : 1);
});

test('an unknown tag, or a valid token moved to another tag: the neutral answer, no file opened', () => {
  const u = links.get('gast0@example.org')!;
  for (const w of ['AAAAAAAAAAAAAAAA', '', 'x:y']) {
    const v = new URL(u.href);
    v.searchParams.set('w', w);
    const r = run(sent, 'doGet', [event(v)], ANON);
    expect(r.calls.byMethod['SpreadsheetApp.openById'] ?? 0).toBe(0);
    expect(String((r.result as HtmlOutput).getContent())).toContain('Länken fungerar inte');
  }
});

test('a link made before links carried a tag still works where the web app has its document, and is neutral elsewhere', () => {
  const secret = sent.state.scriptProperties['summit.rsvp.secret'];
  const old = new URL(`${sent.serviceUrl}?g=G-0002&v=1&t=${rsvpToken(secret, 'G-0002', 1)}`);
  const { page } = doGet(sent, event(old));
  if (sent.webAppHasContainer) expect(page.view).toMatchObject({ g: 'G-0002', w: '' });
  else expect(page).toMatchObject({ ok: false, message: { sv: expect.stringMatching(/Länken fungerar inte/) } });
});

test("doGet shows that guest's own page only, in their language, as a phone-friendly page", () => {
  const { out, html, page } = doGet(sent, event(links.get('gast0@example.org')!));
  expect(page.ok).toBe(true);
  expect(page.view).toMatchObject({ lang: 'sv', firstName: 'Gäst0', lastName: 'Exempelsson0', answer: '', replyTo: 'osa@example.org' });
  expect(html).not.toMatch(/Gäst1|gast1@|gast0@/);
  expect(html).toMatch(/<html lang="sv">/);
  expect(out.getTitle()).toBe('Svar på inbjudan – Public Services Summit 2009');
  expect(out.getMetaTags()).toEqual([{ name: 'viewport', content: 'width=device-width, initial-scale=1' }]);
  const en = doGet(sent, event(links.get('gast1@example.org')!));
  expect(en.page.view).toMatchObject({ lang: 'en', firstName: 'Gäst1' });
  expect(en.html).not.toMatch(/Gäst0/);
});

test('submitRsvp yes → Tackat ja, Svarad, diet as text and a log row by gäst:<id>; then the page shows the answer', () => {
  const u = links.get('gast0@example.org')!;
  const input = { ...keyOf(u), answer: 'ja', diet: '=HYPERLINK("http://evil.example","x")', consent: true };
  const logBefore = sent.sheetValues('Logg').length;
  const r = submit(sent, input);
  expect(r).toMatchObject({ ok: true, data: { saved: true, message: { sv: expect.stringMatching(/^Tack!/) } } });
  const g = row(sent, 'G-0001');
  expect(g['Status']).toBe('Tackat ja');
  expect(g['Svarad']).toBeInstanceOf(Date);
  expect(g['Kost/allergier']).toBe('=HYPERLINK("http://evil.example","x")');
  const log = sent.sheetValues('Logg');
  expect(log).toHaveLength(logBefore + 1);
  expect(log[log.length - 1].slice(1, 4)).toEqual(['gäst:G-0001', 'gäst.svar', 'G-0001']);
  // Health data never goes into the log (it can never be purged): only the field's name.
  expect(JSON.stringify(log)).not.toContain('HYPERLINK');
  expect(g['Samtycke kost']).toBeInstanceOf(Date);
  expect(api(sent, 'getGuests', [], PL).ok).toBe(true);
  expect(doGet(sent, event(u)).page.view).toMatchObject({ answer: 'ja' });
  expect(row(sent, 'G-0002')['Status']).toBe('Inbjuden');
});

test('a bad, missing or borrowed token: the same neutral answer, nothing written', () => {
  const u = links.get('gast1@example.org')!;
  const t0 = links.get('gast0@example.org')!.searchParams.get('t');
  const before = snapshot(sent);
  const t = u.searchParams.get('t');
  const bad = [{ g: 'G-0002', v: '1', t: t0 }, { g: 'G-0002', v: '1', t: '' }, { g: 'G-0099', v: '1', t }, { g: 'G-0002', v: '1', t: `${t}x` }, { g: 'G-0002', v: '2', t }];
  const answers = bad.map((k) => submit(sent, { ...k, answer: 'ja' }));
  for (const a of answers) expect(a).toEqual(answers[0]);
  expect(answers[0]).toMatchObject({ ok: true, data: { saved: false, message: { sv: expect.stringMatching(/Länken fungerar inte/) } } });
  const pages = bad.map((k) => doGet(sent, event(new URL(`${sent.serviceUrl}?g=${k.g}&v=${k.v}&t=${k.t}`))).page);
  for (const p of pages) expect(p).toEqual(pages[0]);
  expect(pages[0].ok).toBe(false);
  expect(doGet(sent, { parameter: {}, parameters: {}, queryString: '', contextPath: '', contentLength: -1 }).page).toEqual(pages[0]);
  expect(submit(sent, { g: 'G-0002', v: '1', t: 'x', answer: 'kanske' })).toMatchObject({ ok: false, message: expect.stringMatching(/Ogiltiga/) });
  expect(snapshot(sent)).toBe(before);
});

test('a guest not yet invited cannot answer, even with a valid token', () => {
  const secret = sent.state.scriptProperties['summit.rsvp.secret'];
  const before = snapshot(sent);
  const w = links.get('gast0@example.org')!.searchParams.get('w')!;
  const r = submit(sent, { w, g: 'G-0003', v: 1, t: rsvpToken(secret, 'G-0003', 1, w), answer: 'ja' });
  expect(r).toMatchObject({ ok: true, data: { saved: false, message: { sv: expect.stringMatching(/kan inte tas emot.*osa@example\.org/) } } });
  expect(row(sent, 'G-0003')['Status']).toBe('Föreslagen');
  expect(snapshot(sent)).toBe(before);
});

test('after Sista svarsdag the answer is refused politely, with the reply-to address; nothing written', () => {
  const emu = fork(sent, deployment);
  setSetting(emu, 'Sista svarsdag', '2009-11-01'); // the emulator's clock says 2 November 2009
  const before = snapshot(emu);
  const u = links.get('gast1@example.org')!;
  const r = submit(emu, { ...keyOf(u), answer: 'nej' });
  expect(r).toMatchObject({ ok: true, data: { saved: false, message: { en: expect.stringMatching(/deadline \(\d+ November 2009\) has passed.*osa@example\.org/) } } });
  expect(doGet(emu, event(u)).page.view).toMatchObject({ lang: 'en', closed: expect.stringMatching(/has passed/) });
  expect(snapshot(emu)).toBe(before);
});

test('the web app page can call only the RSVP API: every other function refuses an anonymous visitor, and a same-domain visitor too', () => {
  for (const fn of ['getGuests', 'getOverview', 'getReview', 'getSettings', 'listCosts']) {
    const anon = run(sent, fn, [], ANON).result as { ok: boolean; message: string };
    expect(anon).toMatchObject({ ok: false, message: expect.stringMatching(/^Summit Planner kan inte se vem du är/) });
    // A signed-in visitor of the city's domain: active user known, but the call runs with the deployer's authority.
    const borrowed = run(sent, fn, [], { user: STY, effectiveUser: PL }).result as { ok: boolean; message: string };
    expect(borrowed).toMatchObject({ ok: false, message: expect.stringMatching(/behörighet/) });
  }
  // Menu items need the spreadsheet's UI, which the web app doesn't have: they fail, and change nothing.
  const before = snapshot(sent, true);
  for (const fn of ['menuSetup', 'menuOverview', 'menuReview', 'menuVerifyLog', 'menuSettings']) {
    const r = sent.runExecution(CODE, fn, [], { authMode: 'FULL', ...ANON });
    expect(r.ok).toBe(false);
    expect(r.error?.message).toMatch(/Cannot call SpreadsheetApp\.getUi\(\) from this context/);
  }
  expect(snapshot(sent, true)).toBe(before);
  // The custom function too: budget figures are not the guest's own data.
  const custom = sent.runExecution(CODE, 'SUMMIT_AVAILABLE', ['STOKAB'], { authMode: 'FULL', ...ANON });
  expect(custom.ok).toBe(false);
  expect(custom.error?.message).toMatch(/Du saknar behörighet/);
});
});
