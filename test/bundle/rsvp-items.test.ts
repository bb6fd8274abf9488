/**
 * The answer per programme item in the built Code.js, as the anonymous web-app
 * visitor: two guests answering yes together for the dinner's last seat, as two
 * really interleaved executions (src/sandbox/emulator/concurrent.ts): the second
 * waits for the lock, re-reads Gäster under it, and is told the item is full, in
 * its own language, naming the item. Capacity is checked under the script lock
 * (LockService.getScriptLock: "prevents any user from concurrently running a
 * section of code", https://developers.google.com/apps-script/reference/lock/lock-service).
 */
import { runConcurrently, type Emulator } from '../../src/sandbox/emulator';
import { CODE, PL, api, newEmulator, run } from '../support/bundle';
import { guests, rsvpKeys, sendAll, workbookWithGuests } from '../support/invitations';

jest.setTimeout(60_000);

const ANON = { user: '', effectiveUser: PL, webApp: true };
interface Item { id: string; title: string; type: string; date: string; start: string; end: string; organiser: string; capacity: number | null; place: string; responsible: string; category: string; note: string }

let base: Emulator;
const keys = new Map<string, Record<string, string>>();
let dinner: Item;

beforeAll(async () => {
  base = workbookWithGuests(3); // G-0001 sv, G-0002 en, G-0003 sv; invited to the conference (two days) and the dinner
  const items = (api<{ items: Item[] }>(base, 'getProgram', [], PL) as { ok: true; data: { items: Item[] } }).data.items;
  dinner = items.find((i) => i.type === 'representationsmiddag')!;
  const { id, title, type, date, start, end, organiser, place, responsible, category, note } = dinner;
  const saved = api(base, 'saveProgramItem', [{ id, title, type, date, start, end, organiser, place, responsible, category, note, capacity: '1' }], PL);
  expect(saved.ok).toBe(true);
  sendAll(base);
  for (const [g, k] of await rsvpKeys(base)) keys.set(g, k);
});

const fork = (emu: Emulator): Emulator => newEmulator({ initialState: emu.state });
const row = (emu: Emulator, id: string) => guests(emu).find((g) => g['ID'] === id)!;
/** Yes to every item the guest is invited to. */
const allYes = (emu: Emulator, id: string) => {
  const ids = String(row(emu, id)['Evenemang']).split(';').map((s) => s.trim());
  return { ...keys.get(id), answers: Object.fromEntries(ids.map((x) => [x, 'ja'])) };
};
type Reply = { ok: boolean; data?: { saved: boolean; message: { sv: string; en: string } } };

test('two guests answer yes together for the last dinner seat: one gets it, the other is told it is full, in English, naming the item', async () => {
  const emu = fork(base);
  let locked = false;
  const [a, b] = await runConcurrently(emu, CODE, [
    { fnName: 'submitRsvp', args: [allYes(emu, 'G-0001')], opts: ANON },
    { fnName: 'submitRsvp', args: [allYes(emu, 'G-0002')], opts: ANON },
  ], {
    // A pauses at its first range read after taking the lock; B starts then and must wait for the lock.
    pauseA: (c) => {
      if (c.cls === 'Lock' && c.method === 'tryLock') locked = true;
      return locked && c.cls === 'Range' && c.method === 'getValues';
    },
  });
  expect(a.ok && b.ok).toBe(true);
  const ra = a.result as Reply;
  const rb = b.result as Reply;
  expect(ra.data?.saved).toBe(true);
  expect(rb.data?.saved).toBe(false);
  expect(rb.data?.message.en).toBe(`${dinner.title} (${dinner.id}) is full: the seats ran out while you were answering. Choose the waiting list or no for it. Nothing was saved.`);
  // B waited for the lock: its read came after A's write.
  expect(b.calls.byMethod['Lock.tryLock']).toBeGreaterThanOrEqual(1);
  expect(row(emu, 'G-0001')['Status']).toBe('Tackat ja');
  expect(String(row(emu, 'G-0001')['Svar per punkt'])).toContain(`${dinner.id}: ja`);
  expect(row(emu, 'G-0002')['Status']).toBe('Inbjuden');
  const yes = guests(emu).filter((g) => String(g['Svar per punkt']).includes(`${dinner.id}: ja`));
  expect(yes).toHaveLength(1);
});

test('the same two answers in the other order: the Swedish guest is told in Swedish', async () => {
  const emu = fork(base);
  const r1 = run(emu, 'submitRsvp', [allYes(emu, 'G-0002')], ANON).result as Reply;
  expect(r1.data?.saved).toBe(true);
  const r2 = run(emu, 'submitRsvp', [allYes(emu, 'G-0003')], ANON).result as Reply;
  expect(r2.data?.message.sv).toBe(`${dinner.title} (${dinner.id}) är fullbokad: platserna tog slut medan du svarade. Välj väntelistan eller nej för den. Inget sparades.`);
});
