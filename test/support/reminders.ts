/** Shared by the reminder bundle tests and the benchmark: a workbook of invited guests, the client's reminder loop. */
import type { Emulator } from '../../src/sandbox/emulator';
import type { ExecOptions } from '../../src/sandbox/emulator';
import { rsvpToken } from '../../src/core/rsvp';
import { CODE, PL, run } from './bundle';
import { guests, sendAll, workbookWithGuests } from './invitations';

export interface ReminderProgressLike { round: number; sent: number; failed: number; uncertainNow: number; remaining: number; done: boolean; quotaLeft: number; message: { sv: string; en: string } }

/** n guests, invited (every invitation sent): they all await an answer. */
export function invitedWorkbook(n: number): Emulator {
  const emu = workbookWithGuests(n, { cap: Math.max(30, n) });
  emu.setDailyMailQuota(Math.max(1500, 3 * n));
  sendAll(emu, 25);
  return emu;
}

/** One sendReminders call as the client makes it; the raw execution (may have crashed). */
export function remindOnce(emu: Emulator, round: number, opts: ExecOptions = {}, batchSize = 10) {
  return emu.runExecution(CODE, 'sendReminders', [{ batchSize, round }], { authMode: 'FULL', user: PL, ...opts });
}

/** The client's loop: the first call starts a round (`round` 0) or continues `round`; batches until done. */
export function remindAll(emu: Emulator, round = 0, batchSize = 10, max = 400): ReminderProgressLike[] {
  const out: ReminderProgressLike[] = [];
  let r = round;
  for (let i = 0; i < max; i++) {
    const res = run(emu, 'sendReminders', [{ batchSize, round: r }], { user: PL }).result as { ok: boolean; data?: ReminderProgressLike; message?: string };
    if (!res.ok) throw new Error(res.message);
    out.push(res.data!);
    r = res.data!.round;
    if (res.data!.done) break;
  }
  return out;
}

export const isReminder = (subject: string): boolean => /^(Påminnelse|Reminder):/.test(subject);

/** Reminder mails in the outbox per recipient (lower-cased). */
export function remindersPerRecipient(emu: Emulator): Map<string, number> {
  const m = new Map<string, number>();
  for (const o of emu.outbox()) if (isReminder(o.subject)) for (const to of o.to) m.set(to.toLowerCase(), (m.get(to.toLowerCase()) ?? 0) + 1);
  return m;
}

/** A guest answers on the RSVP page (as the anonymous web-app user), link version 1. */
export function answer(emu: Emulator, g: string, answer: 'ja' | 'nej'): void {
  const props = emu.state.scriptProperties;
  const secret = props['summit.rsvp.secret'];
  const w = Object.keys(props).find((k) => k.startsWith('summit.workbook.'))!.slice('summit.workbook.'.length);
  const r = run(emu, 'submitRsvp', [{ w, g, v: 1, t: rsvpToken(secret, g, 1, w), answer }], { user: '', effectiveUser: PL, webApp: true }).result as { ok: boolean; message?: string };
  if (!r.ok) throw new Error(`answer ${g}: ${r.message}`);
}

export { guests };
