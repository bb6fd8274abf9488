/**
 * A seat freed by an Återbud typed in Gäster reaches the first guest waiting, in the built Code.js
 * (src/app/waitlist.ts, passOnSeats). onEdit is a simple trigger, which "cannot access services that
 * require authorization", such as sending mail
 * (https://developers.google.com/apps-script/guides/triggers#restrictions), so the edit only says who
 * passes the seat on; the next execution that may mail and reads Gäster anyway does: a guest opening their
 * RSVP page (doGet, as the deployer) or the project leader opening Gäster or Program. Checked by who got
 * the offer mail (and an offer past its deadline passed on the same way), and, with the project leader's Gäster killed at every effect before and after it takes
 * effect and then opened again, that the guest waiting never gets two offers.
 *
 * It fails when the rule breaks (checked 3 December 2026): with the sealed `erbjuds` left out (passOnSeats
 * mailing the plan's offers, then writing them `erbjuden`), both sweeps go red ("call 39
 * (Properties.setProperty), before: erbjuden with 2 offers"; "call 36 (MailApp.sendEmail), after: …").
 */
import type { Emulator } from '../../src/sandbox/emulator';
import { HtmlOutput } from '../../src/sandbox/emulator/services';
import { CODE, PL, STY, api, newEmulator, run } from '../support/bundle';
import { EFFECT } from '../support/crash-sweep';
import { guests, rsvpKeys, sendAll, workbookWithGuests } from '../support/invitations';

jest.setTimeout(120_000);

const ANON = { user: '', effectiveUser: PL, webApp: true };
interface Item { id: string; title: string; type: string; date: string; start: string; end: string; organiser: string; place: string; responsible: string; category: string; note: string }

let base: Emulator;
let dinner: Item;
const keys = new Map<string, Record<string, string>>();

const fork = (emu: Emulator): Emulator => newEmulator({ initialState: emu.state });
const offered = (emu: Emulator) => emu.outbox().filter((m) => /seat has become free|plats har blivit ledig/.test(m.subject)).map((m) => m.to[0]);
const cell = (emu: Emulator, id: string) => String(guests(emu).find((g) => g['ID'] === id)!['Svar per punkt']);
const openPage = (emu: Emulator, g: string) => {
  const out = run(emu, 'doGet', [{ parameter: keys.get(g) }], ANON).result;
  expect(out).toBeInstanceOf(HtmlOutput);
  return (out as HtmlOutput).getContent();
};

beforeAll(async () => {
  base = workbookWithGuests(3); // G-0001 (gast0), G-0002 (gast1), G-0003 (gast2): the conference and the dinner
  dinner = (api<{ items: Item[] }>(base, 'getProgram', [], PL) as { ok: true; data: { items: Item[] } }).data.items.find((i) => i.type === 'representationsmiddag')!;
  const { id, title, type, date, start, end, organiser, place, responsible, category, note } = dinner;
  expect(api(base, 'saveProgramItem', [{ id, title, type, date, start, end, organiser, place, responsible, category, note, capacity: '1' }], PL).ok).toBe(true);
  sendAll(base);
  for (const [g, k] of await rsvpKeys(base)) keys.set(g, k);
  const ids = String(guests(base)[0]['Evenemang']).split(';').map((s) => s.trim());
  for (const [g, a] of [['G-0001', 'ja'], ['G-0002', 'vänta'], ['G-0003', 'vänta']]) {
    const r = run(base, 'submitRsvp', [{ ...keys.get(g), answers: Object.fromEntries(ids.map((x) => [x, x === dinner.id ? a : 'ja'])) }], ANON).result as { data: { saved: boolean } };
    expect(r.data.saved).toBe(true);
    base.advance(1000);
  }
  // The project leader types Återbud into G-0001's Status: accepted and sealed, and the toast says who passes the seat on.
  const sheet = base.sheetValues('Gäster');
  const row = sheet.findIndex((r) => r[0] === 'G-0001') + 1;
  const col = sheet[0].indexOf('Status') + 1;
  const edit = base.fireEdit(CODE, { sheet: 'Gäster', row, col, values: [['Återbud']], user: PL });
  expect(edit.ui.toasts.map((t) => t.msg)).toEqual(['1 ledig plats ska erbjudas väntelistan. Öppna Gäster eller Program (som projektledare) så mejlas erbjudandet nu; annars går det ut när en gäst nästa gång öppnar sin svarssida eller svarar.']);
  expect(guests(base).find((g) => g['ID'] === 'G-0001')!['Status']).toBe('Återbud');
  expect([offered(base), cell(base, 'G-0002')]).toEqual([[], expect.stringContaining(`${dinner.id}: väntar `)]);
});

test('a guest opening their RSVP page passes the seat to the first guest waiting: one offer mail; opened again, no more', () => {
  const e = fork(base);
  expect(openPage(e, 'G-0003')).toContain('data-view=');
  expect(offered(e)).toEqual(['gast1@example.org']);
  expect(cell(e, 'G-0002')).toContain(`${dinner.id}: erbjuden `);
  expect(cell(e, 'G-0003')).toContain(`${dinner.id}: väntar `);
  openPage(e, 'G-0003');
  openPage(e, 'G-0002');
  expect(offered(e)).toEqual(['gast1@example.org']);
});

test('the project leader opening Gäster or Program passes it on; the steering group\'s Gäster only reads', () => {
  const e = fork(base);
  expect(api(e, 'getGuests', [], STY).ok).toBe(true);
  expect(offered(e)).toEqual([]);
  expect(api(e, 'getProgram', [], PL).ok).toBe(true);
  expect(offered(e)).toEqual(['gast1@example.org']);
  expect(api(e, 'getGuests', [], PL).ok).toBe(true);
  expect(offered(e)).toEqual(['gast1@example.org']);
});

test.each(['before', 'after'] as const)('the project leader\'s Gäster killed at every effect (%s), then opened again: never two offers', (when) => {
  const calls: { n: number; key: string }[] = [];
  const e0 = fork(base);
  e0.runExecution(CODE, 'getGuests', [], { authMode: 'FULL', user: PL, hooks: { afterCall: (c) => calls.push({ n: c.n, key: `${c.cls}.${c.method}` }) } });
  expect(offered(e0)).toEqual(['gast1@example.org']);
  const points = calls.filter((c) => EFFECT.test(c.key)).map((c) => c.n);
  expect(calls.some((c) => c.key === 'MailApp.sendEmail')).toBe(true);
  const seen = { erbjuden: 0, erbjuds: 0 };
  for (const k of points) {
    const e = fork(base);
    e.runExecution(CODE, 'getGuests', [], { authMode: 'FULL', user: PL, faults: { failAtCall: k, when } });
    api(e, 'getGuests', [], PL); // opened again
    const state = new RegExp(`${dinner.id}: (\\S+)`).exec(cell(e, 'G-0002'))![1];
    const n = offered(e).length;
    const label = `call ${k} (${calls.find((c) => c.n === k)?.key}), ${when}: ${state} with ${n} offers`;
    expect([label, state === 'erbjuden' ? n === 1 : state === 'erbjuds' ? n <= 1 : false]).toEqual([label, true]);
    seen[state as 'erbjuden' | 'erbjuds']++;
  }
  expect(seen.erbjuden).toBeGreaterThan(0);
});

test('an offer left past its deadline passes to the next guest waiting when a page is opened, as after an answer, once', () => {
  const e = fork(base);
  openPage(e, 'G-0003'); // the typed Återbud's seat: offered to G-0002
  expect(offered(e)).toEqual(['gast1@example.org']);
  e.advance(48 * 3_600_000 + 1000);
  openPage(e, 'G-0001');
  expect(cell(e, 'G-0002')).toContain(`${dinner.id}: nej`);
  expect(cell(e, 'G-0003')).toContain(`${dinner.id}: erbjuden `);
  openPage(e, 'G-0001');
  expect(offered(e)).toEqual(['gast1@example.org', 'gast2@example.org']);
});
