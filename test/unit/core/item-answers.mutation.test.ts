/**
 * Per-item answers at the edges the other tests left open (src/core/item-answers.ts): the cell's order,
 * the overall status of a guest invited to nothing, waiting again, and who the waiting list offers a
 * freed seat to. Found by StrykerJS mutants that survived (npm run test:mutation).
 */
import { decideAnswers, formatItemAnswers, overallStatus, planOffers, type ItemState, type WaitGuest } from '../../../src/core/item-answers';

const T0 = '2026-12-01T08:00:00.000Z';
const T1 = '2026-12-02T17:00:05.000Z';
const LATER = '2026-12-10T17:00:00.000Z';
const NOW = new Date('2026-12-03T00:00:00Z');

describe('the Svar per punkt cell', () => {
  test('without a programme order, by ID', () => {
    const a = new Map<string, ItemState>([['P-003', { kind: 'nej' }], ['P-001', { kind: 'ja' }]]);
    expect(formatItemAnswers(a)).toBe('P-001: ja; P-003: nej');
  });
  test('items the order lacks (an item since deleted) follow it, by ID, each once', () => {
    const a = new Map<string, ItemState>([['P-009', { kind: 'nej' }], ['P-002', { kind: 'ja' }], ['P-001', { kind: 'väntar', since: T1 }]]);
    expect(formatItemAnswers(a, ['P-002', 'P-005'])).toBe(`P-002: ja; P-001: väntar ${T1}; P-009: nej`);
  });
});

test('a guest invited to no item has no overall answer from the items', () => {
  expect(overallStatus([], new Map())).toBeNull();
});

test('choosing the waiting list again keeps the place in the queue (the first time), and an open offer stays open', () => {
  const items = [{ id: 'P-001', title: 'Middag', capacity: 2 }, { id: 'P-002', title: 'Lunch', capacity: 2 }];
  const current = new Map<string, ItemState>([['P-001', { kind: 'väntar', since: T0 }], ['P-002', { kind: 'erbjuden', until: LATER }]]);
  const d = decideAnswers(items, current, { 'P-001': 'vänta', 'P-002': 'vänta' }, () => 0, NOW);
  expect(d).toEqual({ ok: true, answers: current });
});

describe('the waiting list', () => {
  const item = { id: 'P-001', title: 'Middag', capacity: 2 };
  const guest = (id: string, answer: ItemState | null, o: Partial<WaitGuest> = {}): WaitGuest => ({
    id, status: 'Tackat ja', invited: ['P-001'], answers: new Map(answer ? [['P-001', answer]] : []), writable: true, ...o,
  });
  const offered = (guests: WaitGuest[]) => planOffers([item], guests, NOW, LATER).map((c) => [c.guestId, c.to.kind]);

  test('free seats go to the earliest waiting, then the lowest guest ID', () => {
    const guests = [guest('G-0003', { kind: 'väntar', since: T1 }), guest('G-0002', { kind: 'väntar', since: T1 }), guest('G-0009', { kind: 'väntar', since: T0 })];
    expect(offered(guests)).toEqual([['G-0009', 'erbjuds'], ['G-0002', 'erbjuds']]);
  });
  test('only guests invited to the item, whose row can be written and who have not cancelled, are offered a seat', () => {
    const w = { kind: 'väntar' as const, since: T0 };
    const guests = [
      guest('G-0001', w, { invited: ['P-002'] }), guest('G-0002', w, { writable: false }), guest('G-0003', w, { status: 'Återbud' }), guest('G-0004', { kind: 'väntar', since: T1 }),
    ];
    expect(offered(guests)).toEqual([['G-0004', 'erbjuds']]);
  });
  test('guests not mailed or not answered take no seat', () => {
    const guests = [guest('G-0001', null, { status: 'Godkänd' }), guest('G-0002', null, { status: 'Inbjuden' }), guest('G-0003', { kind: 'ja' }), guest('G-0004', { kind: 'väntar', since: T0 })];
    expect(offered(guests)).toEqual([['G-0004', 'erbjuds']]);
  });
  test('a lapsed offer on a row waiting for review keeps its seat (it can\'t be written now), so no seat passes on', () => {
    const lapsed: ItemState = { kind: 'erbjuden', until: T0 };
    const guests = [guest('G-0001', { kind: 'ja' }), guest('G-0002', lapsed, { writable: false }), guest('G-0003', { kind: 'väntar', since: T0 })];
    expect(offered(guests)).toEqual([]);
    // Once writable, the lapsed offer becomes a no and its seat goes to the guest waiting.
    expect(offered([guests[0], { ...guests[1], writable: true }, guests[2]])).toEqual([['G-0002', 'nej'], ['G-0003', 'erbjuds']]);
  });
});
