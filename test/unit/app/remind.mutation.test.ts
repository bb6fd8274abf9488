/**
 * "Skicka påminnelse" (src/app/remind.ts) to the detail (npm run test:mutation): a guest whose row was deleted,
 * which note line keeps a guest out of the round, a dead batch's journal without Påmind values, the Påmind a failed
 * reminder gives back in a later round, and an idle batch that has nothing to write.
 */
import type { Ports } from '../../../src/app/ports';
import { REMIND_JOURNAL_KEY, sendReminderBatch, type ReminderProgress } from '../../../src/app/remind';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';
import { Crash, dyingAt } from './remind-fixture';

const PL = 'pl@stockholm.se';
const link = () => (g: { id: string; version: number }) => `https://rsvp.example.se/?g=${g.id}&v=${g.version}`;

/** n guests (G-0001 …), each Inbjuden, sealed by set-up like the add-on's own rows; `before` edits the seeded sheets first. */
function setup(n: number, o: { quota?: number; before?: (p: MemoryPorts) => void } = {}): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Projektledare', PL, ''], ['Max antal inbjudna', 30, '']]);
  p.workbook.add('event', [['Svarsadress', 'summit@stockholm.se', '']]);
  p.workbook.add('guests', Array.from({ length: n }, (_, i) => [
    `G-${String(i + 1).padStart(4, '0')}`, `Förnamn${i}`, `Efternamn${i}`, '', 'Org', 'SE', `g${i}@example.se`,
    'sv', 'konferensen', '', 'Inbjuden', '', '', '', 1, '', '', '',
  ]));
  p.workbook.add('templates', [
    ['sv', 'Påminnelse: {{Evenemang}}', 'Hej {{Förnamn}}, du har inte svarat. [Svara]({{Svarslänk}})', 'Påminnelse'],
    ['en', 'Reminder: {{Event}}', 'Dear {{FirstName}}, you have not answered. [Reply]({{RsvpLink}})', 'Påminnelse'],
  ]);
  p.workbook.add('log');
  if (o.quota !== undefined) p.mailer.quota = o.quota;
  o.before?.(p);
  return journalled(p);
}

const remind = (p: Ports, input: unknown): ReminderProgress => sendReminderBatch(p, input, link);
const column = (p: MemoryPorts, h: string) => p.workbook.get('guests').records().map((r) => r[h]);
const cellOf = (p: MemoryPorts, id: string, h: string) => p.workbook.get('guests').records().find((r) => r.ID === id)![h];
const setCell = (p: MemoryPorts, id: string, h: string, value: string) => {
  const g = p.workbook.get('guests');
  g.grid[g.grid.findIndex((r) => r[0] === id)][g.grid[0].indexOf(h)] = value;
};

test('a guest only the journal still has (the row deleted from Gäster) is blocked with the reason; the round reminds the others', () => {
  const p = setup(3);
  const g = p.workbook.get('guests');
  g.grid.splice(g.grid.findIndex((r) => r[0] === 'G-0002'), 1);
  const r = remind(p, { batchSize: 10, round: 0 });
  expect(r).toMatchObject({ round: 1, sent: 2, remaining: 0, done: true });
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g0@example.se', 'g2@example.se']);
  expect(r.blocked.map((b) => b.id)).toEqual(['G-0002']);
  expect(r.blocked[0].reasons[0].sv).toMatch(/^Gästen får ingen påminnelse nu: Gäster: raden G-0002 har tagits bort utanför Summit Planner\./);
});

test('only the server\'s whole failure line of this round (… misslyckades (reason)) keeps a guest out of it; a line that only begins like one does not', () => {
  const p = setup(2, { before: (q) => {
    setCell(q, 'G-0001', 'Anteckning', '[Påminnelse] omgång 1: misslyckades (ringde, fel adress');
    setCell(q, 'G-0002', 'Anteckning', '[Påminnelse] omgång 1: misslyckades (Invalid email: g1@example.se)');
  } });
  const r = remind(p, { batchSize: 10, round: 0 });
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g0@example.se']);
  expect(r.blocked.map((b) => b.id)).toEqual(['G-0002']);
  expect(r.blocked[0].reasons[0].sv).toBe('Påminnelsen i omgång 1 gick inte att skicka (Invalid email: g1@example.se); rätta adressen – nästa omgång försöker igen.');
});

test('a dead batch\'s journal without Påmind values (p, optional in SendJournal) is still settled: the unattempted guests\' Påmind is emptied', () => {
  const p = setup(3, { quota: 3 });
  expect(() => remind(dyingAt(p, 'G-0002'), { batchSize: 10, round: 0 })).toThrow(Crash);
  const j = JSON.parse(p.properties.get(REMIND_JOURNAL_KEY)!) as { s: Record<string, string>; p?: unknown };
  expect(j.s).toEqual({ 'G-0001': 'a', 'G-0002': 'q', 'G-0003': 'q' });
  delete j.p;
  p.properties.set(REMIND_JOURNAL_KEY, JSON.stringify(j));
  p.mailer.quota = 0; // the next batch only settles the dead one
  const r = remind(p, { batchSize: 10, round: 1 });
  expect(r).toMatchObject({ round: 1, sent: 0, remaining: 2, done: true });
  expect(column(p, 'Påmind').slice(1)).toEqual(['', '']);
  expect(cellOf(p, 'G-0001', 'Påmind')).toBeInstanceOf(Date);
  expect(String(cellOf(p, 'G-0001', 'Anteckning'))).toMatch(/^\[Påminnelse\] omgång 1: utskicket avbröts/);
});

test('a reminder refused in round 2 gives the guest their round-1 Påmind back, not an empty one', () => {
  const p = setup(3);
  expect(remind(p, { batchSize: 10, round: 0 })).toMatchObject({ round: 1, sent: 3 });
  const round1 = column(p, 'Påmind') as Date[];
  expect(round1.every((d) => d instanceof Date)).toBe(true);
  p.clock.advance(86_400_000);
  p.mailer.failFor = (m) => (m.to === 'g1@example.se' ? 'Invalid email: g1@example.se' : null);
  expect(remind(p, { batchSize: 10, round: 0 })).toMatchObject({ round: 2, sent: 2, failed: 1 });
  expect(cellOf(p, 'G-0002', 'Påmind')).toEqual(round1[1]);
  expect((cellOf(p, 'G-0003', 'Påmind') as Date).getTime()).toBeGreaterThan(round1[2].getTime());
});

test('a batch with nothing to settle and nobody to pick deletes no journal property (none there, or one that holds no entry)', () => {
  const p = setup(2);
  const deleted = jest.spyOn(p.properties, 'delete');
  expect(remind(p, { batchSize: 10, round: 0 })).toMatchObject({ sent: 2, done: true });
  expect(JSON.parse(p.properties.get(REMIND_JOURNAL_KEY)!)).toMatchObject({ s: {} });
  expect(remind(p, { batchSize: 10, round: 1 })).toMatchObject({ sent: 0, remaining: 0, done: true });
  const idle = setup(1, { before: (q) => setCell(q, 'G-0001', 'Status', 'Tackat ja') });
  const none = jest.spyOn(idle.properties, 'delete');
  expect(remind(idle, { batchSize: 10, round: 0 })).toMatchObject({ sent: 0, remaining: 0, done: true });
  expect(idle.properties.get(REMIND_JOURNAL_KEY)).toBeNull();
  expect([deleted.mock.calls, none.mock.calls]).toEqual([[], []]);
});
