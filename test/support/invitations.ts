/** Shared by the invitation bundle tests and the merge benchmark: a workbook with guests, the client's send loop. */
import { simpleParser } from 'mailparser';
import { Emulator, type EmulatorOptions, type ExecOptions } from '../../src/sandbox/emulator';
import { settingDef } from '../../src/core/settings';
import { CODE, PL, STY, api, copyOf, newEmulator, run, setUpWorkbook, decisionFor } from './bundle';

export interface SendProgressLike { sent: number; failed: number; remaining: number; uncertain: number; done: boolean; quotaLeft: number; message: { sv: string; en: string } }

export const guestsCsv = (n: number, from = 0): string => [
  'Förnamn;Efternamn;E-post;Språk;Evenemang;Organisation',
  ...Array.from({ length: n }, (_, i) => `Gäst${i + from};Exempelsson${i + from};gast${i + from}@example.org;${(i + from) % 2 ? 'en' : 'sv'};konferensen, representationsmiddagen;Exempel AB (exempel)`),
].join('\n');

/**
 * Changes one setting in the settings sidebar: an event detail as the project
 * leader, anything else as the owner (the project leader owns the test file
 * and so is its administrator).
 */
export function setSetting(emu: Emulator, key: string, value: string | number): void {
  const sheet = settingDef(key)[3];
  const r = api(emu, 'saveSettings', [{ sheet, values: { [key]: value } }], PL);
  if (!r.ok) throw new Error(`setting ${key}: ${r.message}`);
}

/** This test file's workbooks with guests, by their arguments; never handed to a test itself (see setUpWorkbook). */
const withGuests = new Map<string, Emulator>();

/**
 * A set-up workbook with n imported guests (G-0001…), approved unless `approve` is false. Given an emulator, it is built
 * there; without one, it is built once per test file and arguments, and each call gets a deep copy (copyOf).
 */
export function workbookWithGuests(n: number, o: { approve?: boolean; cap?: number; emu?: Emulator } = {}): Emulator {
  if (o.emu) return addGuests(n, o, setUpWorkbook(o.emu));
  const key = JSON.stringify([n, o.approve ?? true, o.cap ?? null]);
  let base = withGuests.get(key);
  if (!base) withGuests.set(key, (base = addGuests(n, o, setUpWorkbook())));
  return copyOf(base);
}

function addGuests(n: number, o: { approve?: boolean; cap?: number }, emu: Emulator): Emulator {
  if (o.cap !== undefined) setSetting(emu, 'Max antal inbjudna', o.cap);
  if (n > 0) {
    const r = api<{ imported: string[] }>(emu, 'importGuestRows', [{ text: guestsCsv(n) }], PL);
    if (!r.ok) throw new Error(r.message);
    if (o.approve !== false) {
      const a = api(emu, 'approve', [{ ids: r.data.imported, decision: decisionFor(emu) }], STY);
      if (!a.ok) throw new Error(a.message);
    }
  }
  return emu;
}

/** A copy of an emulator's state, with the same clock start (for many runs from one fixture). */
export function fork(emu: Emulator, opts: EmulatorOptions = {}): Emulator {
  return newEmulator({ initialState: emu.state, ...opts }); // the constructor copies it
}

/** One sendInvitations call as the client makes it; the raw execution (may have crashed). */
export function sendOnce(emu: Emulator, opts: ExecOptions = {}, batchSize = 10) {
  return emu.runExecution(CODE, 'sendInvitations', [{ batchSize }], { authMode: 'FULL', user: PL, ...opts });
}

/** The client's loop: batches until done (at most `max` calls). */
export function sendAll(emu: Emulator, batchSize = 10, max = 400): SendProgressLike[] {
  const out: SendProgressLike[] = [];
  for (let i = 0; i < max; i++) {
    const r = run(emu, 'sendInvitations', [{ batchSize }], { user: PL }).result as { ok: boolean; data?: SendProgressLike; message?: string };
    if (!r.ok) throw new Error(r.message);
    out.push(r.data as SendProgressLike);
    if (r.data?.done) break;
  }
  return out;
}

/** Guest rows as records keyed by header. */
export function guests(emu: Emulator): Record<string, unknown>[] {
  const [h, ...rows] = emu.sheetValues('Gäster');
  return rows.filter((r) => r.some((v) => v !== '')).map((r) => Object.fromEntries(h.map((k, i) => [String(k), r[i]])));
}

/** Messages in the outbox per recipient (lower-cased). */
export function mailsPerRecipient(emu: Emulator): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of emu.outbox()) for (const to of o.to) m.set(to.toLowerCase(), (m.get(to.toLowerCase()) ?? 0) + 1);
  return m;
}

/** Each invited guest's RSVP key (w, g, v, t) by guest ID, read from the personal link in their invitation's HTML, as the guest's browser gets it. */
export async function rsvpKeys(emu: Emulator): Promise<Map<string, Record<string, string>>> {
  const keys = new Map<string, Record<string, string>>();
  for (const o of emu.outbox()) {
    const mail = await simpleParser(emu.eml(o.id));
    const u = new URL(/href="([^"]+\?w=[^"]+)"/.exec(String(mail.html))![1].replace(/&amp;/g, '&'));
    keys.set(u.searchParams.get('g')!, Object.fromEntries(['w', 'g', 'v', 't'].map((k) => [k, u.searchParams.get(k)!])));
  }
  return keys;
}
