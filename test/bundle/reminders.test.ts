/**
 * "Skicka påminnelse" end to end in the built Code.js (issue 10): the role and the input are
 * checked with a reason, a round reminds every invited guest who has not answered once (Påmind,
 * Logg), a guest who answered after the confirm step is skipped, the round is never sent twice,
 * the next round reminds again, the reminder template comes from Mallar per language, the
 * preview and the test mail show the reminder, and a hand-typed Påmind is caught like any sealed
 * column. The crash sweep is reminders-crash.test.ts.
 */
import type { Emulator } from '../../src/sandbox/emulator';
import { toA1 } from '../../src/sandbox/emulator/values';
import { CODE, EKO, PL, STY, api, logActions, run, snapshot } from '../support/bundle';
import { fork } from '../support/invitations';
import { answer, guests, invitedWorkbook, isReminder, remindAll, remindersPerRecipient, remindOnce } from '../support/reminders';

jest.setTimeout(120_000);

type Result<T> = { ok: true; data: T } | { ok: false; message: string; field?: string };
interface Plan { round: { n: number; start: string } | null; recipients: { id: string; lastReminded: string }[]; leftInRound: number; blocked: { id: string; reasons: { sv: string; en: string }[] }[] }
const plan = (emu: Emulator, user = PL) => api<{ plan: Plan }>(emu, 'getReminderPlan', [], user) as Result<{ plan: Plan }>;
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.data;
};

let invited: Emulator;
beforeAll(() => {
  invited = invitedWorkbook(6);
});

describe('who may send, and what', () => {
  test.each([STY, EKO])('%s is refused with the reason (only the project leader), and nothing is sent or written', (user) => {
    const emu = fork(invited);
    const before = snapshot(emu);
    const mails = emu.outbox().length;
    const r = api(emu, 'sendReminders', [{ batchSize: 10, round: 0 }], user) as Result<unknown>;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/bara projektledaren får göra detta/);
    const p = plan(emu, user);
    expect(!p.ok && p.message).toMatch(/bara projektledaren/);
    expect(snapshot(emu)).toBe(before);
    expect(emu.outbox()).toHaveLength(mails);
  });

  test.each([
    [{ batchSize: 0, round: 0 }, 'batchSize'],
    [{ batchSize: 26, round: 0 }, 'batchSize'],
    [{ batchSize: 10 }, 'round'],
    [{ batchSize: 10, round: -1 }, 'round'],
    [{ batchSize: 10, round: 1.5 }, 'round'],
    [{ batchSize: 10, round: 0, extra: 1 }, '(indata)'],
  ])('input %j is refused naming %s', (input, field) => {
    const emu = fork(invited);
    const r = api(emu, 'sendReminders', [input], PL) as Result<unknown>;
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain(field);
    expect(emu.outbox().filter((o) => isReminder(o.subject))).toHaveLength(0);
  });

  test('continuing a round that is not the latest is refused with both numbers', () => {
    const emu = fork(invited);
    remindAll(emu);
    const r = api(emu, 'sendReminders', [{ batchSize: 10, round: 7 }], PL) as Result<unknown>;
    expect(!r.ok && r.message).toMatch(/Omgång 7 är inte den senaste \(1\)/);
  });
});

describe('a round', () => {
  test('reminds every invited guest who has not answered, once, in their language; Påmind and Logg record it', () => {
    const emu = fork(invited);
    answer(emu, 'G-0002', 'ja');
    answer(emu, 'G-0005', 'nej');
    const p = ok(plan(emu)).plan;
    expect(p.round).toBeNull();
    expect(p.recipients.map((r) => r.id)).toEqual(['G-0001', 'G-0003', 'G-0004', 'G-0006']);
    const runs = remindAll(emu, 0, 3);
    expect(runs.map((r) => r.sent)).toEqual([3, 1]);
    expect(runs.every((r) => r.round === 1)).toBe(true);
    const mails = emu.outbox().filter((o) => isReminder(o.subject));
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['gast0@example.org', 'gast2@example.org', 'gast3@example.org', 'gast5@example.org']);
    // Guest i is in 'en' when i is odd (test/support/invitations.ts): the template per language.
    expect(mails.find((m) => m.to[0] === 'gast3@example.org')?.subject).toMatch(/^Reminder: /);
    expect(mails.find((m) => m.to[0] === 'gast2@example.org')?.subject).toMatch(/^Påminnelse: /);
    const rows = guests(emu);
    const reminded = rows.filter((g) => g['Påmind'] instanceof Date).map((g) => g['ID']);
    expect(reminded).toEqual(['G-0001', 'G-0003', 'G-0004', 'G-0006']);
    const actions = logActions(emu);
    expect(actions.filter((a) => a === 'påminnelse.omgång')).toHaveLength(1);
    expect(actions.filter((a) => a === 'gäst.påmind')).toHaveLength(4);
    // Everyone's last reminder is in the plan; the round has nobody left.
    const after = ok(plan(emu)).plan;
    expect(after.round?.n).toBe(1);
    expect(after.leftInRound).toBe(0);
    expect(after.recipients.every((r) => r.lastReminded !== '')).toBe(true);
  });

  test('the same round again sends nothing; a new round reminds whoever still has not answered', () => {
    const emu = fork(invited);
    remindAll(emu);
    expect(remindersPerRecipient(emu).size).toBe(6);
    const again = remindAll(emu, 1);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ sent: 0, done: true, remaining: 0 });
    expect(again[0].message.sv).toMatch(/Ingen att påminna i den här omgången/);
    answer(emu, 'G-0001', 'ja');
    emu.advance(60_000);
    const next = remindAll(emu);
    expect(next[0].round).toBe(2);
    const per = remindersPerRecipient(emu);
    expect(per.get('gast0@example.org')).toBe(1);
    expect([...per.entries()].filter(([, n]) => n === 2)).toHaveLength(5);
    expect(logActions(emu).filter((a) => a === 'påminnelse.omgång')).toHaveLength(2);
  });

  test('a guest who answered between the confirm step and the send is skipped', () => {
    const emu = fork(invited);
    expect(ok(plan(emu)).plan.recipients.map((r) => r.id)).toContain('G-0004');
    answer(emu, 'G-0004', 'nej');
    remindAll(emu);
    expect(remindersPerRecipient(emu).get('gast3@example.org')).toBeUndefined();
    expect(remindersPerRecipient(emu).size).toBe(5);
    expect(guests(emu).find((g) => g['ID'] === 'G-0004')?.['Påmind']).toBe('');
  });

  test('a batch that dies after claiming a guest who then answers: the re-run gives Påmind back and mails nothing to them', () => {
    // The claims are in the sheet once their commit has flushed; the batch dies at its first mail's journal entry, which goes
    // with the claims' committed anchor (the write fails: every entry still says 'q'), the guest answers, then the round goes on.
    const e2 = fork(invited);
    const seen: string[] = [];
    remindOnce(fork(invited), 0, { hooks: { afterCall: (c) => seen.push(`${c.cls}.${c.method}`) } });
    const firstEntry = seen.indexOf('MailApp.sendEmail') - 1; // 1-based: the call before the mail's blob
    expect(seen.slice(firstEntry - 1, firstEntry + 2)).toEqual(['Properties.setProperties', 'Utilities.newBlob', 'MailApp.sendEmail']);
    expect(remindOnce(e2, 0, { faults: { failAtCall: firstEntry, when: 'before' } }).error?.name).toBe('EmulatedCrash');
    expect(guests(e2).find((g) => g['ID'] === 'G-0001')?.['Påmind']).toBeInstanceOf(Date);
    answer(e2, 'G-0001', 'ja');
    remindAll(e2, 1);
    expect(remindersPerRecipient(e2).get('gast0@example.org')).toBeUndefined();
    expect(guests(e2).find((g) => g['ID'] === 'G-0001')?.['Påmind']).toBe('');
    expect(remindersPerRecipient(e2).size).toBe(5);
  });
});

describe('templates, preview and test mail', () => {
  test('the preview and the test mail show the reminder (kind reminder), logged as a reminder test', () => {
    const emu = fork(invited);
    const p = ok(api<{ subject: string; text: string; blocked: unknown[] }>(emu, 'previewMail', [{ guestId: 'G-0001', kind: 'reminder' }], PL) as Result<{ subject: string; text: string; blocked: unknown[] }>);
    expect(p.blocked).toEqual([]);
    expect(p.subject).toMatch(/^Påminnelse: /);
    expect(p.text).toContain('Vi har ännu inte fått ditt svar');
    const t = ok(api<{ to: string }>(emu, 'sendTestMail', [{ guestId: 'G-0001', kind: 'reminder' }], STY) as Result<{ to: string }>);
    expect(t.to).toBe(STY);
    expect(emu.outbox().at(-1)?.subject).toMatch(/^\[TEST\] Påminnelse: /);
    expect(logActions(emu).at(-1)).toBe('påminnelse.test');
    const bad = api(emu, 'previewMail', [{ guestId: 'G-0001', kind: 'tack' }], PL) as Result<unknown>;
    expect(!bad.ok && bad.message).toContain('kind');
  });

  test('a reminder template changed by hand blocks that language until confirmed; the invitation template is not affected', () => {
    const emu = fork(invited);
    const [h, ...rows] = emu.sheetValues('Mallar');
    const i = rows.findIndex((r) => r[0] === 'sv' && r[h.indexOf('Typ')] === 'Påminnelse');
    const w = emu.apiUpdate(`Mallar!${toA1(i + 2, h.indexOf('Brödtext') + 1)}`, [['Klicka här: https://evil.example {{Svarslänk}}']], { user: PL });
    expect(w.rejected).toBeFalsy();
    const p = ok(plan(emu)).plan;
    // The Swedish guests (even numbers: G-0001, G-0003, G-0005) are blocked with the reason; the English ones are not.
    expect(p.recipients.map((r) => r.id)).toEqual(['G-0002', 'G-0004', 'G-0006']);
    expect(p.blocked[0].reasons[0].sv).toMatch(/^Påminnelsemallen för sv kan inte användas: Mallar rad \d+ \(sv\/Påminnelse\): ändrad utanför Summit Planner/);
    const inv = ok(api<{ blocked: unknown[] }>(emu, 'previewMail', [{ guestId: 'G-0001' }], PL) as Result<{ blocked: unknown[] }>);
    expect(inv.blocked).toEqual([]);
  });
});

describe('Påmind is sealed', () => {
  test('a date typed into Påmind is put back (only a reminder sets it), with the reason', () => {
    const emu = fork(invited);
    const [h] = emu.sheetValues('Gäster');
    const r = emu.fireEdit(CODE, { sheet: 'Gäster', row: 2, col: h.indexOf('Påmind') + 1, values: [['2009-11-01 10:00']], user: PL });
    expect(r.ui.toasts[0].msg).toMatch(/Påmind sätts av Skicka påminnelse/);
    expect(guests(emu)[0]['Påmind']).toBe('');
    expect(ok(plan(emu)).plan.recipients.map((x) => x.id)).toContain('G-0001');
  });

  test('a Påmind written through the Sheets API (no onEdit) is found: the guest waits for review and gets no reminder until then', () => {
    const emu = fork(invited);
    const [h] = emu.sheetValues('Gäster');
    const w = emu.apiUpdate(`Gäster!${toA1(2, h.indexOf('Påmind') + 1)}`, [['2009-11-01 10:00']], { user: PL });
    expect(w.rejected).toBeFalsy();
    const p = ok(plan(emu)).plan;
    expect(p.recipients.map((x) => x.id)).not.toContain('G-0001');
    expect(p.blocked.find((b) => b.id === 'G-0001')?.reasons[0].sv).toMatch(/ändrad utanför Summit Planner \(Påmind/);
    remindAll(emu);
    expect(remindersPerRecipient(emu).get('gast0@example.org')).toBeUndefined();
    expect(remindersPerRecipient(emu).size).toBe(5);
  });
});

test('the round is the same when continued by another batch size (the claim, not the batch, is what counts)', () => {
  const emu = fork(invited);
  const first = run(emu, 'sendReminders', [{ batchSize: 2, round: 0 }], { user: PL }).result as { data: { round: number; sent: number; done: boolean } };
  expect(first.data).toMatchObject({ round: 1, sent: 2, done: false });
  remindAll(emu, 1, 25);
  expect([...remindersPerRecipient(emu).values()]).toEqual([1, 1, 1, 1, 1, 1]);
});
