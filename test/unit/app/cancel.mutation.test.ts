/**
 * Återbud recorded by the project leader (src/app/cancel.ts) to the detail (npm run test:mutation): what Logg
 * says, which dietary data it clears, a row waiting for review, the offer's cell, and no offer after the reply
 * deadline.
 */
import { recordCancellation } from '../../../src/app/cancel';
import { saveProgramItem } from '../../../src/app/program';
import { answerRsvp } from '../../../src/app/rsvp';
import type { MemoryPorts } from '../../support/memory';
import { keyOf, setupItems, verify } from '../../support/rsvp-items';

const PL = 'pl@stockholm.se';
const links = (g: { id: string; version: number }) => `https://example.org/exec?g=${g.id}&v=${g.version}`;
const row = (p: MemoryPorts, id: string) => p.workbook.get('guests').records().find((r) => r.ID === id)!;
const say = (p: MemoryPorts, id: string, answers: Record<string, string>) => answerRsvp(p, { ...keyOf(id), answers }, verify, links);
const offers = (p: MemoryPorts) => p.mailer.sent.filter((m) => /seat has become free|plats har blivit ledig/.test(m.subject));
const cancel = (p: MemoryPorts, id: string) => { p.user.current = PL; try { return recordCancellation(p, { id }, () => links); } finally { p.user.current = ''; } };
const lastLog = (p: MemoryPorts, action: string) => p.workbook.get('log').records().filter((r) => r['Åtgärd'] === action).at(-1)!;
/** Sets a cell of a guest's row in Gäster (before the journal starts: the sealed baseline; after: a hand edit). */
const setCell = (p: MemoryPorts, id: string, column: string, value: string) => {
  const g = p.workbook.get('guests');
  g.grid[g.grid.findIndex((r) => r[0] === id)][g.grid[0].indexOf(column)] = value;
};

/** A has the dinner's one seat; B waits. */
function queue(seed?: (p: MemoryPorts) => void): MemoryPorts {
  const p = setupItems('1', seed);
  expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
  expect(say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  return p;
}

test('Logg: the status before and after, for the guest\'s ID; a guest without dietary data has nothing cleared or withdrawn', () => {
  const p = queue();
  cancel(p, 'G-0001');
  const l = lastLog(p, 'gäst.återbud');
  expect([l.Objekt, l['Användare'], JSON.parse(String(l['Före'])), JSON.parse(String(l['Efter']))])
    .toEqual(['G-0001', PL, { Status: 'Tackat ja' }, { Status: 'Återbud' }]);
});

test('dietary needs without a recorded consent (typed in by hand before) are cleared too, and so is a consent without needs', () => {
  const p = setupItems('1', (q) => {
    setCell(q, 'G-0001', 'Kost/allergier', 'Gluten');
    setCell(q, 'G-0002', 'Samtycke kost', '2009-11-01 10:00');
  });
  cancel(p, 'G-0001');
  cancel(p, 'G-0002');
  expect([row(p, 'G-0001')['Kost/allergier'], row(p, 'G-0002')['Samtycke kost']]).toEqual(['', '']);
  for (const id of ['G-0001', 'G-0002']) {
    const l = p.workbook.get('log').records().find((r) => r['Åtgärd'] === 'gäst.återbud' && r.Objekt === id)!;
    expect(JSON.parse(String(l['Efter']))).toMatchObject({ Status: 'Återbud', Samtycke: 'återkallat' });
    expect(String(l['Efter'])).not.toContain('Gluten');
  }
});

test('a guest whose row waits for review (changed outside Summit Planner) is refused, naming the guest; nothing is written', () => {
  const p = queue();
  setCell(p, 'G-0001', 'Titel', 'Dr');
  const logged = p.workbook.get('log').records().length;
  let caught: { userMessage?: { sv: string; en: string } } | undefined;
  try { cancel(p, 'G-0001'); } catch (e) { caught = e as typeof caught; }
  expect(caught?.userMessage?.en).toMatch(/^Guest G-0001 cannot be changed now:/);
  expect(row(p, 'G-0001').Status).toBe('Tackat ja');
  expect(p.workbook.get('log').records()).toHaveLength(logged);
  expect(offers(p)).toHaveLength(0);
});

test('the offer written before its mail keeps Program\'s order (by time) in the offered guest\'s Svar per punkt', () => {
  const p = queue();
  // The conference moved after the dinner: Program's order is P-002, P-003, P-001, not the IDs'.
  p.user.current = PL;
  saveProgramItem(p, { id: 'P-001', title: 'Konferensen', type: 'plenarsession', date: '2009-12-09', start: '20:00', end: '22:00', organiser: 'staden' });
  p.mailer.failFor = () => 'Invalid email';
  expect(cancel(p, 'G-0001').offers).toBe(0);
  expect(String(row(p, 'G-0002')['Svar per punkt'])).toMatch(/^P-002: erbjuds 2009-11-0\dT[\d:.]+Z; P-001: ja$/);
});

test('after the reply deadline the Återbud is recorded and no offer is made', () => {
  const p = queue();
  (p.clock as { t: Date }).t = new Date('2009-11-21T09:00:00+01:00');
  expect(cancel(p, 'G-0001')).toEqual({ offers: 0, message: { sv: 'Återbud registrerat för G-0001.', en: 'Cancellation recorded for G-0001.' } });
  expect(row(p, 'G-0001').Status).toBe('Återbud');
  expect(String(row(p, 'G-0002')['Svar per punkt'])).toMatch(/P-002: väntar /);
  expect(offers(p)).toHaveLength(0);
});

test('an Återbud recorded while another guest\'s offer has lapsed passes that seat on too: the lapsed offer becomes a no, the next guest waiting gets it, never the one who cancelled', () => {
  const p = queue();
  say(p, 'G-0003', { 'P-001': 'ja', 'P-002': 'vänta' });
  say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'nej' });
  // Astrid waits after Cecilia: Cecilia, who cancels, would be first.
  (p.clock as { advance(ms: number): void }).advance(1000);
  expect(say(p, 'G-0001', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  (p.clock as { advance(ms: number): void }).advance(48 * 3_600_000);
  expect(cancel(p, 'G-0003').offers).toBe(1);
  expect(String(row(p, 'G-0002')['Svar per punkt'])).toBe('P-001: ja; P-002: nej');
  expect(String(row(p, 'G-0001')['Svar per punkt'])).toMatch(/^P-001: ja; P-002: erbjuden /);
  expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se', 'astrid@example.se']);
});
