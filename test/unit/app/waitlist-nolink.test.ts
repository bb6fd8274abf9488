/**
 * A seat freed by an execution that can't make the guest's personal link (no web app deployed yet,
 * ScriptApp.getService().getUrl() null: the links throw) is not offered there: an offer written as
 * `erbjuds` is never mailed later, so it would hold the seat until its deadline for a guest nobody told,
 * and then lapse. The seat stays free with the guests `väntar`, owed, and the next execution that can
 * mail passes it on (src/app/waitlist.ts, passOnSeats), as for an Återbud typed in the sheet.
 */
import { recordCancellation } from '../../../src/app/cancel';
import { saveProgramItem } from '../../../src/app/program';
import { answerRsvp, viewRsvp } from '../../../src/app/rsvp';
import { mailablePlan, workingLinks, withoutOffers } from '../../../src/app/waitlist';
import type { MemoryPorts } from '../../support/memory';
import { keyOf, setupItems, verify } from '../../support/rsvp-items';

const links = (g: { id: string; version: number }) => `https://example.org/exec?g=${g.id}&v=${g.version}`;
const noUrl = (): string => { throw new Error('no web app URL'); };
const cell = (p: MemoryPorts, id: string) => String(p.workbook.get('guests').records().find((r) => r.ID === id)!['Svar per punkt']);
const offers = (p: MemoryPorts) => p.mailer.sent.filter((m) => /seat has become free|plats har blivit ledig/.test(m.subject));
const dinner = { id: 'P-002', title: 'Middagen', type: 'representationsmiddag', date: '2009-12-08', start: '19:00', end: '23:00', organiser: 'staden' };

/** A has the dinner's one seat; B waits, then C (a second later). */
function queue(): MemoryPorts {
  const p = setupItems('1');
  const say = (id: string, answers: Record<string, string>) => answerRsvp(p, { ...keyOf(id), answers }, verify, links);
  expect(say('G-0001', { 'P-001': 'ja', 'P-002': 'ja' }).saved).toBe(true);
  expect(say('G-0002', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  (p.clock as { advance(ms: number): void }).advance(1000);
  expect(say('G-0003', { 'P-001': 'ja', 'P-002': 'vänta' }).saved).toBe(true);
  return p;
}

/** B is then offered the seat, by mail, by the first execution that can link: B opening their page. */
function passedOnLater(p: MemoryPorts): void {
  expect(offers(p)).toHaveLength(0);
  expect(viewRsvp(p, keyOf('G-0002'), verify, links).ok).toBe(true);
  expect(offers(p).map((m) => m.to)).toEqual(['bertil@example.se']);
  expect(cell(p, 'G-0002')).toMatch(/P-002: erbjuden /);
  expect(cell(p, 'G-0003')).toMatch(/P-002: väntar /);
}

test('a decline on a page without a web app URL is saved; the freed seat is offered by no one until a link can be made', () => {
  const p = queue();
  const r = answerRsvp(p, { ...keyOf('G-0001'), answers: { 'P-001': 'ja', 'P-002': 'nej' } }, verify, noUrl);
  expect(r.saved).toBe(true);
  expect(cell(p, 'G-0001')).toBe('P-001: ja; P-002: nej');
  expect(cell(p, 'G-0002')).toMatch(/P-002: väntar /);
  passedOnLater(p);
});

test('an Återbud recorded without a web app URL: recorded, no offer written, the seat passed on later', () => {
  const p = queue();
  p.user.current = 'pl@stockholm.se';
  expect(recordCancellation(p, { id: 'G-0001' }, () => noUrl).offers).toBe(0);
  expect(p.workbook.get('guests').records().find((g) => g.ID === 'G-0001')!.Status).toBe('Återbud');
  expect(cell(p, 'G-0002')).toMatch(/P-002: väntar /);
  const log = p.workbook.get('log').records().map((x) => x['Åtgärd']);
  expect(log[log.length - 1]).toBe('gäst.återbud');
  passedOnLater(p);
});

test('a capacity raised without a web app URL: saved, no offer written, the seats passed on later', () => {
  const p = queue();
  p.user.current = 'pl@stockholm.se';
  saveProgramItem(p, { ...dinner, capacity: '2' }, () => noUrl);
  expect(cell(p, 'G-0002')).toMatch(/P-002: väntar /);
  expect(cell(p, 'G-0003')).toMatch(/P-002: väntar /);
  passedOnLater(p);
});

test('workingLinks: the links when a link can be made, else null; withoutOffers keeps every change but the offers', () => {
  expect(workingLinks(links)).toBe(links);
  expect(workingLinks(noUrl)).toBeNull();
  expect(workingLinks(null)).toBeNull();
  const lapse = { guestId: 'G-0002', itemId: 'P-002', to: { kind: 'nej' } } as const;
  const offer = { guestId: 'G-0003', itemId: 'P-002', to: { kind: 'erbjuds', until: '2009-11-04T08:00:00.000Z' } } as const;
  const plan = new Map([['G-0002', [lapse]], ['G-0003', [offer]], ['G-0004', [offer, lapse]]]);
  expect([...withoutOffers(plan)]).toEqual([['G-0002', [lapse]], ['G-0004', [lapse]]]);
  // mailablePlan tries the link only when the plan offers something (as passOnSeats: no link made for nothing).
  let tried = 0;
  const counted = (g: { id: string; version: number }) => { tried++; return links(g); };
  const lapses = new Map([['G-0002', [lapse]]]);
  expect(mailablePlan(lapses, noUrl)).toBe(lapses);
  expect(mailablePlan(lapses, counted)).toBe(lapses);
  expect(tried).toBe(0);
  expect(mailablePlan(plan, counted)).toBe(plan);
  expect(tried).toBe(1);
  expect([...mailablePlan(plan, noUrl)]).toEqual([['G-0002', [lapse]], ['G-0004', [lapse]]]);
});
