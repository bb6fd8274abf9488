/**
 * Seats freed in the sidebars go to the waiting list at once, in the built Code.js (src/app/waitlist.ts): a
 * raised or removed capacity saved in Program, and an Återbud the project leader records in Gäster
 * (src/app/cancel.ts). Each is checked by who got the offer mail, and that doing it again mails no one.
 */
import type { Emulator } from '../../src/sandbox/emulator';
import { PL, STY, api, newEmulator, run } from '../support/bundle';
import { guests, rsvpKeys, sendAll, workbookWithGuests } from '../support/invitations';

jest.setTimeout(60_000);

const ANON = { user: '', effectiveUser: PL, webApp: true };
interface Item { id: string; title: string; type: string; date: string; start: string; end: string; organiser: string; place: string; responsible: string; category: string; note: string }

let base: Emulator;
let dinner: Item;

const fork = (emu: Emulator): Emulator => newEmulator({ initialState: emu.state });
const offered = (emu: Emulator) => emu.outbox().filter((m) => /seat has become free|plats har blivit ledig/.test(m.subject)).map((m) => m.to[0]);
const cell = (emu: Emulator, id: string) => String(guests(emu).find((g) => g['ID'] === id)!['Svar per punkt']);
const saveDinner = (emu: Emulator, capacity: string) => {
  const { id, title, type, date, start, end, organiser, place, responsible, category, note } = dinner;
  return api(emu, 'saveProgramItem', [{ id, title, type, date, start, end, organiser, place, responsible, category, note, capacity }], PL);
};

beforeAll(async () => {
  base = workbookWithGuests(3); // G-0001 (gast0), G-0002 (gast1), G-0003 (gast2): the conference and the dinner
  dinner = (api<{ items: Item[] }>(base, 'getProgram', [], PL) as { ok: true; data: { items: Item[] } }).data.items.find((i) => i.type === 'representationsmiddag')!;
  expect(saveDinner(base, '1').ok).toBe(true);
  sendAll(base);
  const keys = await rsvpKeys(base);
  const ids = String(guests(base)[0]['Evenemang']).split(';').map((s) => s.trim());
  const say = (g: string, dinnerAnswer: string) => {
    const r = run(base, 'submitRsvp', [{ ...keys.get(g), answers: Object.fromEntries(ids.map((x) => [x, x === dinner.id ? dinnerAnswer : 'ja'])) }], ANON).result as { data: { saved: boolean } };
    expect(r.data.saved).toBe(true);
    base.advance(1000);
  };
  say('G-0001', 'ja'); // the one seat
  say('G-0002', 'vänta');
  say('G-0003', 'vänta');
  expect([cell(base, 'G-0002'), cell(base, 'G-0003')].every((c) => c.includes(`${dinner.id}: väntar `))).toBe(true);
  expect(offered(base)).toEqual([]);
});

test('a raised capacity saved in Program: the first guest waiting is offered the new seat at once; saved again, no one else', () => {
  const e = fork(base);
  expect(saveDinner(e, '2').ok).toBe(true);
  expect(offered(e)).toEqual(['gast1@example.org']);
  expect(cell(e, 'G-0002')).toContain(`${dinner.id}: erbjuden `);
  expect(cell(e, 'G-0003')).toContain(`${dinner.id}: väntar `);
  expect(saveDinner(e, '2').ok).toBe(true);
  expect(offered(e)).toEqual(['gast1@example.org']);
});

test('a removed capacity saved in Program: everyone waiting is offered a seat at once', () => {
  const e = fork(base);
  expect(saveDinner(e, '').ok).toBe(true);
  expect(offered(e).sort()).toEqual(['gast1@example.org', 'gast2@example.org']);
  expect([cell(e, 'G-0002'), cell(e, 'G-0003')].every((c) => c.includes(`${dinner.id}: erbjuden `))).toBe(true);
});

test('Återbud recorded in Gäster by the project leader: the first guest waiting is offered the freed seat at once, once; the steering group is refused', () => {
  const e = fork(base);
  const refused = api(e, 'cancelGuest', [{ id: 'G-0001' }], STY);
  expect(refused.ok ? '' : refused.message).toMatch(/projektledare/i);
  const r = api<{ offers: number; message: string }>(e, 'cancelGuest', [{ id: 'G-0001' }], PL);
  expect(r).toEqual({ ok: true, data: { offers: 1, message: 'Återbud registrerat för G-0001. 1 ledig plats har erbjudits till väntelistan per e-post.' } });
  expect(offered(e)).toEqual(['gast1@example.org']);
  expect(guests(e).find((g) => g['ID'] === 'G-0001')!['Status']).toBe('Återbud');
  expect(api(e, 'cancelGuest', [{ id: 'G-0001' }], PL)).toEqual({ ok: true, data: { offers: 0, message: 'G-0001 har redan lämnat återbud.' } });
  expect(offered(e)).toEqual(['gast1@example.org']);
});
