/**
 * The RSVP page's range reads and writes measured on what ships (issue 10): the built appsscript/Code.js
 * in a bare vm with the emulator, as the bundle tests run it (test/support/bundle.ts), the guest the
 * anonymous web-app visitor. Opening the page is doGet; saving an answer per item is submitRsvp. At 30
 * and 1 500 invited guests and 10 and 200 Program items; each guest is invited to the conference's two
 * days and the dinner (which has a capacity). Goal: the same counts at every size (constant).
 */
import { Journal, Tx, checkTable } from '../src/app/journal';
import { itemCells } from '../src/app/program';
import { checkItem } from '../src/core/program';
import { rsvpToken } from '../src/core/rsvp';
import type { Emulator, ExecutionResult } from '../src/sandbox/emulator';
import { CODE, PL, api, newEmulator } from '../test/support/bundle';
import { inProcess } from '../test/support/inprocess';
import { invitedWorkbook } from '../test/support/reminders';

const ANON = { authMode: 'FULL' as const, user: '', effectiveUser: PL, webApp: true };
interface Item { id: string; title: string; type: string; date: string; start: string; end: string; organiser: string; capacity: number | null; place: string; responsible: string; category: string; note: string }

/** Program items up to `m` in all, as the sidebar writes them (sealed, logged), in one transaction; the dinner gets a capacity of `seats`. */
function withItems(emu: Emulator, m: number, seats: number): Item[] {
  const items = () => (api<{ items: Item[] }>(emu, 'getProgram', [], PL) as { ok: true; data: { items: Item[] } }).data.items;
  const dinner = items().find((i) => i.type === 'representationsmiddag')!;
  const { id, title, type, date, start, end, organiser, place, responsible, category, note } = dinner;
  const saved = api(emu, 'saveProgramItem', [{ id, title, type, date, start, end, organiser, place, responsible, category, note, capacity: String(seats) }], PL);
  if (!saved.ok) throw new Error(saved.message);
  const have = items().length;
  inProcess(emu, PL, (ports) => ports.lock.withLock(5000, () => {
    const journal = new Journal(ports);
    const c = checkTable(journal, 'program');
    const tx = new Tx(journal);
    for (let k = have; k < m; k++) {
      const itemId = `P-${String(k + 1).padStart(3, '0')}`;
      const checked = checkItem({
        title: `Punkt ${k + 1}`, type: 'plenarsession', date, start: '10:00', end: '11:00', place: '', organiser: 'staden',
        responsible: '', capacity: '', category: '', status: 'förslag', note: '',
      }, itemId, { startDate: date, endDate: date });
      if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
      tx.put(c, null, itemCells(checked.item), { action: 'programpunkt.tillagd', object: itemId });
    }
    tx.commit();
  }));
  return items();
}

/** The guest's personal link's parameters (as in the invitation mail), link version 1. */
function linkOf(emu: Emulator, g: string): Record<string, string> {
  const props = emu.state.scriptProperties;
  const w = Object.keys(props).find((k) => k.startsWith('summit.workbook.'))!.slice('summit.workbook.'.length);
  return { w, g, v: '1', t: rsvpToken(props['summit.rsvp.secret'], g, 1, w) };
}

const counted = (r: ExecutionResult) => {
  if (!r.ok) throw new Error(`${r.error?.name}: ${r.error?.message}`);
  return { reads: r.calls.rangeReads, writes: r.calls.rangeWrites, calls: r.calls.total, byMethod: r.calls.byMethod };
};
export type Counted = ReturnType<typeof counted>;

/** Opening G-0002's page and saving its answer per item, on the bundle at n guests and m items. */
export function measureBundle(base: Emulator, m: number): { open: Counted; save: Counted } {
  const emu = newEmulator({ initialState: base.state });
  const items = withItems(emu, m, base.sheetValues('Gäster').length - 1);
  const link = linkOf(emu, 'G-0002');
  const u = new URLSearchParams(link);
  const event = { parameter: link, parameters: Object.fromEntries(Object.entries(link).map(([k, v]) => [k, [v]])), queryString: u.toString(), contextPath: '', contentLength: -1 };
  const open = counted(emu.runExecution(CODE, 'doGet', [event], ANON));
  const [h, ...rows] = emu.sheetValues('Gäster');
  const invited = String(rows.find((x) => x[0] === 'G-0002')![h.indexOf('Evenemang')]).split(';').map((x) => x.trim());
  if (invited.length !== 3 || !invited.every((id) => items.some((i) => i.id === id))) throw new Error(`G-0002 invited to ${invited.join(', ')}`);
  const [a, b, c] = invited;
  // The invitations went out on an earlier day: today's mail quota is whole (1 500 of them used up the emulator's
  // day, and the answer's confirmation, src/app/confirm.ts, would take the quota path with its Logg row).
  emu.setDailyMailQuota(emu.state.mailQuota.used + 1500);
  const mails = emu.outbox().length;
  const r = emu.runExecution(CODE, 'submitRsvp', [{ ...link, v: 1, answers: { [a]: 'ja', [b]: 'ja', [c]: 'nej' } }], ANON);
  const reply = r.result as { ok: boolean; message?: string; data?: { saved: boolean; message: { en: string } } };
  if (!reply?.ok || !reply.data?.saved) throw new Error(`not saved: ${reply?.message ?? reply?.data?.message.en}`);
  if (emu.outbox().length !== mails + 1) throw new Error('the answer was not confirmed by mail');
  return { open, save: counted(r) };
}

/** One invited workbook per guest count (sending 1 500 invitations takes a while: built once, forked per item count). */
export function bundleWorkbooks(ns: readonly number[]): Map<number, Emulator> {
  return new Map(ns.map((n) => [n, invitedWorkbook(n)]));
}
