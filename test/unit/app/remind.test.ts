/**
 * "Skicka påminnelse" (src/app/remind.ts) through the in-memory ports, as merge.test.ts drives the
 * invitations: the bundle tests (test/bundle/reminders*.test.ts) run the built Code.js, which the
 * mutation run never reaches, so the round rules are guarded here too.
 */
import type { Ports } from '../../../src/app/ports';
import { planReminders, readRound, REMIND_JOURNAL_KEY, ROUND_KEY, sendReminderBatch, type ReminderProgress } from '../../../src/app/remind';
import { UserError } from '../../../src/core/msg';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';
import { Crash, dyingAt } from './remind-fixture';

const SG = 'sg@stockholm.se';
const PL = 'pl@stockholm.se';
const link = () => (g: { id: string; version: number }) => `https://rsvp.example.se/?g=${g.id}&v=${g.version}`;

/** n guests, each with `statuses[i]` (default Inbjuden), sealed by set-up like the add-on's own rows. */
/** `before` edits the seeded sheets before set-up seals them (the rows are then the add-on's own). */
function setup(n: number, o: { statuses?: string[]; user?: string; quota?: number; before?: (p: MemoryPorts) => void } = {}): MemoryPorts {
  const p = memoryPorts(o.user ?? PL);
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, ''], ['Max antal inbjudna', 30, '']]);
  p.workbook.add('event', [['Svarsadress', 'summit@stockholm.se', '']]);
  p.workbook.add('guests', Array.from({ length: n }, (_, i) => [
    `G-${String(i + 1).padStart(4, '0')}`, `Förnamn${i}`, `Efternamn${i}`, '', 'Org', 'SE', `g${i}@example.se`,
    i % 2 ? 'en' : 'sv', 'konferensen', '', o.statuses?.[i] ?? 'Inbjuden', '', '', '', 1, '', '', '',
  ]));
  p.workbook.add('templates', [
    ['sv', 'Inbjudan till {{Evenemang}}', 'Hej {{Förnamn}}! [Svara]({{Svarslänk}})', 'Inbjudan'],
    ['en', 'Invitation to {{Event}}', 'Dear {{FirstName}}, [Reply]({{RsvpLink}})', 'Inbjudan'],
    ['sv', 'Påminnelse: {{Evenemang}}', 'Hej {{Förnamn}}, du har inte svarat. [Svara]({{Svarslänk}})', 'Påminnelse'],
    ['en', 'Reminder: {{Event}}', 'Dear {{FirstName}}, you have not answered. [Reply]({{RsvpLink}})', 'Påminnelse'],
  ]);
  p.workbook.add('log');
  if (o.quota !== undefined) p.mailer.quota = o.quota;
  o.before?.(p);
  return journalled(p);
}

const remind = (p: Ports, input: unknown): ReminderProgress => sendReminderBatch(p, input, link);
/** The client's loop: start a round (0) or continue `round`, batch after batch until done. */
function remindAll(p: Ports, batchSize = 10, round = 0): ReminderProgress[] {
  const out: ReminderProgress[] = [];
  let r = round;
  for (let i = 0; i < 50; i++) {
    const res = remind(p, { batchSize, round: r });
    out.push(res);
    r = res.round;
    if (res.done) break;
  }
  return out;
}
const column = (p: MemoryPorts, h: string) => p.workbook.get('guests').records().map((r) => r[h]);
const mailsTo = (p: MemoryPorts) => {
  const m = new Map<string, number>();
  for (const s of p.mailer.sent) m.set(s.to, (m.get(s.to) ?? 0) + 1);
  return m;
};
const actions = (p: MemoryPorts) => p.workbook.get('log').records().map((r) => String(r['Åtgärd']));
/** The Efter of each log row of `action`, parsed. */
const afterOf = (p: MemoryPorts, action: string) => p.workbook.get('log').records().filter((r) => r['Åtgärd'] === action).map((r) => JSON.parse(String(r['Efter'])) as Record<string, unknown>);
const refusal = (fn: () => unknown): { sv: string; en: string } => {
  try { fn(); } catch (e) { if (e instanceof UserError) return e.userMessage; throw e; }
  throw new Error('not refused');
};

describe('sendReminderBatch: who, and the refusals', () => {
  test('only the project leader reminds; the refusal names the role', () => {
    for (const u of [SG, 'someone@stockholm.se']) {
      const p = setup(2, { user: u });
      expect(refusal(() => remind(p, { batchSize: 5, round: 0 })).sv).toMatch(/projektledare/i);
      expect(refusal(() => planReminders(p, link)).sv).toMatch(/projektledare/i);
      expect(p.mailer.sent).toHaveLength(0);
      expect(p.properties.get(ROUND_KEY)).toBeNull();
    }
  });

  test.each([
    [{ round: 0 }, 'batchSize'], [{ batchSize: 0, round: 0 }, 'batchSize'], [{ batchSize: 26, round: 0 }, 'batchSize'],
    [{ batchSize: 2.5, round: 0 }, 'batchSize'], [{ batchSize: 5 }, 'round'], [{ batchSize: 5, round: -1 }, 'round'],
    [{ batchSize: 5, round: 1.5 }, 'round'], [{ batchSize: 5, round: '1' }, 'round'],
  ])('input %j refused, naming %s', (input, field) => {
    const p = setup(1);
    expect(refusal(() => remind(p, input)).sv).toContain(field);
    expect(p.mailer.sent).toHaveLength(0);
  });

  test('batchSize 1 and 25 (the bounds) are accepted', () => {
    expect(remind(setup(1), { batchSize: 1, round: 0 }).sent).toBe(1);
    expect(remind(setup(1), { batchSize: 25, round: 0 }).sent).toBe(1);
  });

  test('only invited guests who have not answered; answered, declined, uninvited and Osäker get nothing', () => {
    const st = ['Inbjuden', 'Tackat ja', 'Tackat nej', 'Återbud', 'Godkänd', 'Föreslagen', 'Osäker', 'Misslyckad', 'Skickar', 'Inbjuden'];
    const p = setup(st.length, { statuses: st });
    const plan = planReminders(p, link);
    expect(plan.recipients.map((r) => r.id)).toEqual(['G-0001', 'G-0010']);
    expect(plan).toMatchObject({ round: null, leftInRound: 0, blocked: [], replyTo: 'summit@stockholm.se', quotaLeft: 1500 });
    const r = remindAll(p);
    expect(p.mailer.sent.map((m) => m.to)).toEqual(['g0@example.se', 'g9@example.se']);
    expect(p.mailer.sent[0].subject).toBe('Påminnelse: Public Services Summit 2009');
    expect(p.mailer.sent[1].subject).toMatch(/^Reminder: /);
    expect(r.at(-1)).toMatchObject({ round: 1, sent: 2, remaining: 0, done: true });
    expect(r.at(-1)!.message.sv).toBe('Omgång 1: 2 påminnelser skickade; 0 kvar.');
    expect(afterOf(p, 'påminnelse.omgång')[0]).toMatchObject({ ej_svarat: 2 });
  });
});

describe('sendReminderBatch: rounds', () => {
  test('a round is logged, writes each guest\'s Påmind, and reminds each guest once across batches', () => {
    const p = setup(7);
    const r = remindAll(p, 3);
    expect(r.map((x) => x.sent)).toEqual([3, 3, 1]);
    expect(r.map((x) => x.remaining)).toEqual([4, 1, 0]);
    expect(r.map((x) => x.round)).toEqual([1, 1, 1]);
    expect(r.map((x) => x.message.sv)).toEqual(['Omgång 1: 3 påminnelser skickade; 4 kvar.', 'Omgång 1: 3 påminnelser skickade; 1 kvar.', 'Omgång 1: 1 påminnelse skickad; 0 kvar.']);
    expect(afterOf(p, 'påminnelse.omgång')).toEqual([{ start: readRound(p)!.start, ej_svarat: 7, av: PL }]);
    expect(afterOf(p, 'gäst.påmind')).toEqual(Array(7).fill({ omgång: 1 }));
    expect(afterOf(p, 'gäst.påminns')).toEqual(Array(7).fill({ omgång: 1 }));
    expect([...mailsTo(p).values()]).toEqual(Array(7).fill(1));
    const round = readRound(p)!;
    expect(round.n).toBe(1);
    const at = column(p, 'Påmind');
    expect(at.every((d) => d instanceof Date && Math.floor(d.getTime() / 1000) >= Math.floor(Date.parse(round.start) / 1000))).toBe(true);
    const log = p.workbook.get('log').records();
    const start = log.filter((x) => x['Åtgärd'] === 'påminnelse.omgång');
    expect(start).toHaveLength(1);
    expect(String(start[0]['Objekt'])).toBe('omgång 1');
    expect(actions(p).filter((a) => a === 'gäst.påmind')).toHaveLength(7);
    expect(actions(p).filter((a) => a === 'gäst.påminns')).toHaveLength(7);
    expect(JSON.parse(p.properties.get(REMIND_JOURNAL_KEY)!)).toMatchObject({ s: {} });
    // The same round again: nobody left, nothing sent, says so.
    const again = remind(p, { batchSize: 10, round: 1 });
    expect(again).toMatchObject({ sent: 0, remaining: 0, done: true });
    expect(again.message.sv).toMatch(/alla som inte svarat har fått den/);
    expect(p.mailer.sent).toHaveLength(7);
    expect(planReminders(p, link)).toMatchObject({ round: { n: 1 }, leftInRound: 0 });
    expect(planReminders(p, link).recipients[0].lastReminded).toBe((at[0] as Date).toISOString());
  });

  test('the next round reminds whoever still has not answered, once more; a stale round is refused naming both numbers', () => {
    const p = setup(3);
    remindAll(p);
    p.clock.advance(86_400_000);
    const g = p.workbook.get('guests');
    g.grid[2][10] = 'Tackat ja'; // typed by hand (grid[0] is the header): the row waits for review, blocked with the reason
    expect(refusal(() => remind(p, { batchSize: 5, round: 2 })).sv).toMatch(/Omgång 2 är inte den senaste \(1\)/);
    const r = remindAll(p, 10, 0);
    expect(r[0].round).toBe(2);
    expect(readRound(p)!.n).toBe(2);
    expect(mailsTo(p).get('g0@example.se')).toBe(2);
    expect(mailsTo(p).get('g2@example.se')).toBe(2);
    expect(mailsTo(p).get('g1@example.se')).toBe(1);
    expect(r.at(-1)!.blocked.map((b) => b.id)).toEqual(['G-0002']);
    expect(r.at(-1)!.blocked[0].reasons[0].sv).toMatch(/^Gästen får ingen påminnelse nu: Gäster rad 3 \(G-0002\): ändrad utanför Summit Planner \(Status Inbjuden → Tackat ja\)/);
    expect(r.at(-1)!.message.sv).toBe('Omgång 2: 2 påminnelser skickade; 0 kvar; 1 blockerad (se skälen).');
    const plan = planReminders(p, link);
    expect(plan.recipients.map((x) => x.id)).toEqual(['G-0001', 'G-0003']);
    expect(plan.blocked.map((b) => b.id)).toEqual(['G-0002']);
    expect(refusal(() => remind(p, { batchSize: 5, round: 1 })).sv).toMatch(/Omgång 1 är inte den senaste \(2\)/);
  });

  test('quota: sends what fits, says how many remain, continues the round the next day without re-sending', () => {
    const p = setup(5, { quota: 2 });
    const first = remind(p, { batchSize: 10, round: 0 });
    expect(first).toMatchObject({ sent: 2, remaining: 3, quotaLeft: 0, done: true });
    expect(first.message.sv).toMatch(/3 påminnelser väntar/);
    // Only what fits is claimed: no mail is tried past the quota, nobody is claimed and given back.
    expect(actions(p).filter((a) => a === 'gäst.påminns')).toHaveLength(2);
    expect(actions(p)).not.toContain('gäst.ej-påmind');
    expect(first.message.sv).toBe('Omgång 1: 2 påminnelser skickade; 3 kvar. Dagens e-postkvot är slut; 3 påminnelser väntar. Kvoten fylls på inom ett dygn – fortsätt omgången i morgon. Ingen får samma påminnelse två gånger.');
    const none = remind(p, { batchSize: 10, round: 1 });
    expect(none).toMatchObject({ sent: 0, remaining: 3, quotaLeft: 0, done: true });
    expect(none.message.sv).toMatch(/Dagens e-postkvot är slut; 3 påminnelser väntar/);
    expect(planReminders(p, link)).toMatchObject({ leftInRound: 3, quotaLeft: 0 });
    p.mailer.quota = 100;
    p.clock.advance(86_400_000);
    const next = remindAll(p, 10, 1);
    expect(next.at(-1)).toMatchObject({ round: 1, sent: 3, remaining: 0, done: true });
    expect([...mailsTo(p).values()]).toEqual(Array(5).fill(1));
    // A second round cut short by the quota: the plan counts who this round has not reminded yet (all were reminded in round 1).
    p.mailer.quota = 2;
    p.clock.advance(86_400_000);
    remind(p, { batchSize: 10, round: 0 });
    expect(planReminders(p, link)).toMatchObject({ round: { n: 2 }, leftInRound: 3 });
  });

  test('no round yet: continuing round 1 is refused naming the latest (0); no quota at all: nothing picked, the waiting counted', () => {
    const p = setup(2, { quota: 0 });
    expect(refusal(() => remind(p, { batchSize: 10, round: 1 })).sv).toMatch(/^Omgång 1 är inte den senaste \(0\)/);
    const r = remind(p, { batchSize: 10, round: 0 });
    expect(r).toMatchObject({ round: 1, sent: 0, remaining: 2, quotaLeft: 0, done: true });
    expect(r.message.sv).toMatch(/^Dagens e-postkvot är slut; 2 påminnelser väntar\./);
    expect(p.properties.get(REMIND_JOURNAL_KEY)).toBeNull();
  });

  test('the quota running out exactly with the round: only the counts, no quota warning', () => {
    const p = setup(2, { quota: 2 });
    const r = remind(p, { batchSize: 10, round: 0 });
    expect(r).toMatchObject({ sent: 2, remaining: 0, quotaLeft: 0, done: true });
    expect(r.message.sv).toBe('Omgång 1: 2 påminnelser skickade; 0 kvar.');
  });

  test('a stale quota figure: the mails Gmail refuses for quota are not attempted again in the batch, and those guests wait for the round', () => {
    const p = setup(5, { quota: 2 });
    const stale: Ports = { ...p, mailer: { remainingDailyQuota: () => 5, send: (m) => p.mailer.send(m) } };
    const r = remind(stale, { batchSize: 10, round: 0 });
    expect(r).toMatchObject({ sent: 2, failed: 0, uncertainNow: 0, remaining: 3, quotaLeft: 0, done: true });
    expect(column(p, 'Påmind').slice(2)).toEqual(['', '', '']);
    expect(afterOf(p, 'gäst.ej-påmind')).toEqual(Array(3).fill({ omgång: 1 }));
    p.mailer.quota = 10;
    expect(remindAll(p, 10, 1).at(-1)).toMatchObject({ sent: 3, remaining: 0 });
    expect([...mailsTo(p).values()]).toEqual(Array(5).fill(1));
  });

  test('a round started on a server whose clock is behind the last reminder still starts after it, and reminds everyone again', () => {
    const p = setup(2);
    remindAll(p);
    const last = column(p, 'Påmind')[1] as Date;
    p.clock.advance(-3_600_000);
    const r = remindAll(p, 10, 0);
    expect(r.at(-1)).toMatchObject({ round: 2, sent: 2, remaining: 0 });
    expect(readRound(p)!.start).toBe(new Date((Math.floor(last.getTime() / 1000) + 1) * 1000).toISOString());
  });

  test('a round property that is not a round (typed by hand, corrupt) is no round', () => {
    const p = setup(1);
    for (const v of ['not json', 'null', '{"n":0,"start":"2009-11-20T09:00:00.000Z"}', '{"n":1.5,"start":"2009-11-20T09:00:00.000Z"}',
      '{"n":-1,"start":"2009-11-20T09:00:00.000Z"}', '{"n":1,"start":"someday"}', '{"start":"2009-11-20T09:00:00.000Z"}']) {
      p.properties.set(ROUND_KEY, v);
      expect(readRound(p)).toBeNull();
    }
    p.properties.set(ROUND_KEY, '{"n":1,"start":"2009-11-20T09:00:00.000Z"}');
    expect(readRound(p)).toEqual({ n: 1, start: '2009-11-20T09:00:00.000Z' });
  });

  test('a guest whose values break the template is blocked with the reason and does not take a place in the batch', () => {
    const p = setup(3, { before: (q) => { q.workbook.get('guests').grid[1][1] = 'Eva {{Svarslänk}}'; } });
    const r = remind(p, { batchSize: 2, round: 0 });
    expect(p.mailer.sent.map((m) => m.to)).toEqual(['g1@example.se', 'g2@example.se']);
    expect(r).toMatchObject({ sent: 2, remaining: 0, done: true });
    expect(r.blocked.map((b) => b.id)).toEqual(['G-0001']);
    expect(r.blocked[0].reasons[0].sv).toMatch(/\{\{…\}\}/);
  });

  test('a batch renders only the guests it sends (twice: at the pick and to send), never every waiting one', () => {
    const p = setup(12);
    const built: string[] = [];
    const counting = () => (g: { id: string; version: number }) => { built.push(g.id); return link()(g); };
    const first = sendReminderBatch(p, { batchSize: 5, round: 0 }, counting);
    expect(first.sent).toBe(5);
    expect(new Set(built)).toEqual(new Set(['G-0001', 'G-0002', 'G-0003', 'G-0004', 'G-0005']));
    expect(built).toHaveLength(10);
  });

  test('a refused address: the guest is noted failed for this round, not retried in it, tried again in the next', () => {
    const p = setup(3);
    p.mailer.failFor = (m) => (m.to === 'g1@example.se' ? 'Invalid email: g1@example.se' : null);
    const r = remindAll(p);
    expect(r.at(-1)).toMatchObject({ sent: 2, failed: 1, remaining: 0 });
    expect(r.at(-1)!.message.sv).toMatch(/1 misslyckades/);
    expect(String(column(p, 'Anteckning')[1])).toMatch(/omgång 1: misslyckades \(Invalid email: g1@example.se\)/);
    expect(column(p, 'Påmind')[1]).toBe('');
    expect(afterOf(p, 'gäst.påminnelse-misslyckad')).toEqual([{ omgång: 1, Skäl: 'Invalid email: g1@example.se' }]);
    p.mailer.failFor = undefined;
    const again = remind(p, { batchSize: 10, round: 1 });
    expect(again).toMatchObject({ sent: 0 });
    expect(again.blocked.map((b) => b.id)).toEqual(['G-0002']);
    expect(again.blocked[0].reasons[0].sv).toBe('Påminnelsen i omgång 1 gick inte att skicka (Invalid email: g1@example.se); rätta adressen – nästa omgång försöker igen.');
    remindAll(p);
    expect(mailsTo(p).get('g1@example.se')).toBe(1);
  });

  test('Gmail errs after the attempt: the guest is noted uncertain and never re-sent in the round', () => {
    const p = setup(2);
    p.mailer.failFor = (m) => (m.to === 'g0@example.se' ? 'Service error: Gmail' : null);
    const r = remindAll(p);
    expect(r.at(-1)).toMatchObject({ sent: 1, uncertainNow: 1, failed: 0 });
    expect(String(column(p, 'Anteckning')[0])).toMatch(/omgång 1: Gmail svarade med ett fel \(Service error: Gmail\)/);
    expect(column(p, 'Påmind')[0]).toBeInstanceOf(Date);
    expect(afterOf(p, 'gäst.påminnelse-osäker')).toEqual([{ omgång: 1 }]);
    p.mailer.failFor = undefined;
    expect(remind(p, { batchSize: 10, round: 1 }).sent).toBe(0);
  });
});

describe('sendReminderBatch: a batch that dies between the mark and the record', () => {
  test('the guest whose mail was under way stays reminded (uncertain, never re-sent); the unattempted ones wait for the round', () => {
    const p = setup(3);
    const dying = dyingAt(p, 'G-0002');
    expect(() => remind(dying, { batchSize: 10, round: 0 })).toThrow(Crash);
    expect(p.mailer.sent.map((m) => m.to)).toEqual(['g0@example.se']);
    expect(column(p, 'Påmind').every((d) => d instanceof Date)).toBe(true); // all three claimed before any mail
    const r = remindAll(p, 10, 1);
    expect(p.mailer.sent.map((m) => m.to)).toEqual(['g0@example.se', 'g1@example.se', 'g2@example.se']);
    expect(r.at(-1)).toMatchObject({ round: 1, sent: 2, remaining: 0, done: true });
    expect(String(column(p, 'Anteckning')[0])).toMatch(/omgång 1: utskicket avbröts – okänt om påminnelsen gick iväg/);
    expect(actions(p)).toContain('gäst.påminnelse-osäker');
    expect(actions(p).filter((a) => a === 'gäst.ej-påmind')).toHaveLength(2);
    expect(remind(p, { batchSize: 10, round: 1 }).sent).toBe(0);
    expect(mailsTo(p).get('g0@example.se')).toBe(1);
  });

  test('a death in round 2: the unattempted guests get their round-1 Påmind back; a new round settles the dead one under its own number', () => {
    const p = setup(3);
    remindAll(p);
    const round1 = column(p, 'Påmind') as Date[];
    p.clock.advance(86_400_000);
    expect(() => remind(dyingAt(p, 'G-0002'), { batchSize: 10, round: 0 })).toThrow(Crash);
    expect(JSON.parse(p.properties.get(REMIND_JOURNAL_KEY)!).p).toEqual({ 'G-0001': round1[0].toISOString(), 'G-0002': round1[1].toISOString(), 'G-0003': round1[2].toISOString() });
    // Round 3 starts before anyone continues round 2 (quota 0: it only settles round 2's dead batch, picks nobody).
    p.mailer.quota = 0;
    const r = remind(p, { batchSize: 10, round: 0 });
    expect(r).toMatchObject({ round: 3, sent: 0, remaining: 3, done: true });
    expect(column(p, 'Påmind').slice(1)).toEqual([round1[1], round1[2]]);
    expect(String(column(p, 'Anteckning')[0])).toMatch(/omgång 2: utskicket avbröts/);
    expect(afterOf(p, 'gäst.ej-påmind')).toEqual([{ omgång: 2 }, { omgång: 2 }]);
    expect(p.properties.get(REMIND_JOURNAL_KEY)).toBeNull(); // nothing carried, nobody picked
  });

  test('a dead batch\'s entry for a row now waiting for review is carried, not written, until the row is settled', () => {
    const p = setup(3);
    expect(() => remind(dyingAt(p, 'G-0002'), { batchSize: 10, round: 0 })).toThrow(Crash);
    const g = p.workbook.get('guests');
    const typed = g.grid[1][13];
    g.grid[1][13] = 'typed by hand'; // G-0001's Anteckning: the row waits for review
    const r = remind(p, { batchSize: 10, round: 1 });
    expect(r).toMatchObject({ sent: 2 });
    expect(JSON.parse(p.properties.get(REMIND_JOURNAL_KEY)!).s).toEqual({ 'G-0001': 'a' });
    // A batch with only the carried entry (nobody left to pick): it keeps it and sends nothing.
    const idle = remind(p, { batchSize: 10, round: 1 });
    expect(idle).toMatchObject({ sent: 0, remaining: 0, done: true });
    expect(idle.message.sv).toMatch(/^Ingen att påminna i den här omgången/);
    expect(JSON.parse(p.properties.get(REMIND_JOURNAL_KEY)!).s).toEqual({ 'G-0001': 'a' });
    expect(actions(p)).not.toContain('gäst.påminnelse-osäker');
    g.grid[1][13] = typed; // undone: the row is the add-on's own again, and the carried entry is settled
    const last = remind(p, { batchSize: 10, round: 1 });
    expect(last).toMatchObject({ sent: 0, remaining: 0, done: true });
    expect(actions(p)).toContain('gäst.påminnelse-osäker');
    expect(mailsTo(p).get('g0@example.se')).toBe(1);
    expect(p.properties.get(REMIND_JOURNAL_KEY)).toBeNull();
  });
});
