/**
 * Every write path re-reads, checks and writes under the lock, so two people
 * acting at once can never together break a rule (overspend, exceed the cap,
 * reuse an ID). Proved structurally: the memory ports count every range write
 * and property write made while the lock is not held, and a lock held by
 * "another execution" must stop each use case with nothing written.
 */
import {
  allocateBudget, changeCost, registerCost, transferAllocation,
} from '../../../src/app/budget';
import {
  addGuest, approveGuests, editGuest, importGuests, purgePersonalData, resolveGuestSend, unapproveGuests,
} from '../../../src/app/guests';
import { LockTimeoutError } from '../../../src/app/ports';
import { saveSettings } from '../../../src/app/settings';
import { UserError } from '../../../src/core/msg';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { costRow, DECISIONS, dump, EKO, PL, seed, STY } from './budget-fixture';

const SG = 'sg@stockholm.se';
const GPL = 'pl@stockholm.se';

/** Gäster with three guests in `status` (sealed by the baseline), Evenemang ended long ago. */
function guestsWith(status: string, user: string): MemoryPorts {
  const p = memoryPorts(user);
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', GPL, ''], ['Administratörer', GPL, ''], ['Max antal inbjudna', 30, '']]);
  p.workbook.add('event', [['Slutdatum', '2008-12-09', ''], ['Lagringstid (månader)', 3, '']]);
  p.workbook.add('guests', [1, 2, 3].map((i) => [
    `G-000${i}`, `F${i}`, `E${i}`, '', '', '', `g${i}@example.se`, 'sv', 'konferensen', '', status, '', '', '',
  ]));
  p.workbook.add('decisions', DECISIONS);
  p.workbook.add('log');
  return journalled(p);
}

const VALID_GUEST = { firstName: 'Åsa', lastName: 'Öberg', email: 'asa@example.se', language: 'sv', events: ['Konferensen'] };
const ALLOCATIONS = [
  { funder: 'Kommunstyrelsen', amount: 250000 }, { funder: 'Stockholm Business Region AB', amount: 150000 },
  { funder: 'Utbildningsnämnden', amount: 200000 }, { funder: 'STOKAB', amount: 200000 },
];

const CASES: [string, () => MemoryPorts, (p: MemoryPorts) => unknown][] = [
  ['register a cost', () => seed({ user: EKO }), (p) => registerCost(p, { funder: 'STOKAB', category: 'övrigt', description: 'Kaffe', amount: '100', date: '2009-11-20', status: 'Beställd' })],
  ['change a cost', () => seed({ user: EKO, ledger: [costRow({})] }), (p) => changeCost(p, { id: 'K-0001', status: 'Betald' })],
  ['transfer between funders', () => seed({ user: STY }), (p) => transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: '50 000', decisionRef: 'Dnr 1' })],
  ['allocate the budget', () => seed({ user: STY }), (p) => allocateBudget(p, { allocations: ALLOCATIONS, decisionRef: 'Dnr 2' })],
  ['add a guest', () => guestsWith('Föreslagen', GPL), (p) => addGuest(p, VALID_GUEST)],
  ['edit a guest', () => guestsWith('Föreslagen', GPL), (p) => editGuest(p, { id: 'G-0001', firstName: 'Ny' })],
  ['import guests', () => guestsWith('Föreslagen', GPL), (p) => importGuests(p, { text: 'Förnamn,Efternamn,E-post\nA,B,ab@example.se' })],
  ['approve guests', () => guestsWith('Föreslagen', SG), (p) => approveGuests(p, { ids: ['G-0001'], decision: 'B-0007' })],
  ['withdraw approval', () => guestsWith('Godkänd', SG), (p) => unapproveGuests(p, { ids: ['G-0001'] })],
  ['resolve a failed send', () => guestsWith('Misslyckad', GPL), (p) => resolveGuestSend(p, { id: 'G-0001', to: 'Godkänd' })],
  ['purge personal data', () => guestsWith('Tackat ja', GPL), (p) => purgePersonalData(p, { confirm: true })],
  ['save settings', () => guestsWith('Föreslagen', GPL), (p) => saveSettings(p, { sheet: 'settings', values: { 'Max antal inbjudna': 40 } })],
];

describe.each(CASES)('%s', (_name, fixture, act) => {
  test('every range and property write happens under the lock', () => {
    const p = fixture();
    const c = p.workbook.counters;
    c.unlocked = 0; // the fixture's own set-up
    const writes = c.writes;
    act(p);
    expect(c.writes).toBeGreaterThan(writes);
    expect(c.unlocked).toBe(0);
  });

  test('a lock held by another execution stops it, with nothing written', () => {
    const p = fixture();
    const before = dump(p);
    p.lock.held = true;
    let error: unknown;
    try {
      act(p);
    } catch (e) {
      error = e;
    }
    // Either the lock's own timeout or the use case's "try again" refusal, never a write.
    expect(error instanceof LockTimeoutError || (error instanceof UserError && /försök igen/i.test(error.userMessage.sv))).toBe(true);
    expect(dump(p)).toBe(before);
  });
});

test('the structural check can fail: a write outside the lock is counted', () => {
  const p = seed({ user: EKO });
  p.workbook.counters.unlocked = 0;
  p.workbook.get('ledger').write(2, 0, [['x']]);
  expect(p.workbook.counters.unlocked).toBe(1);
  expect(PL).toBe('pl@stockholm.se'); // the budget fixture's project leader is the guests fixture's too
});

test('a lock timeout that escapes (an onEdit whose lock stayed busy) reads as one in Apps Script\'s execution log', () => {
  // The log shows the error's name and message; the use cases tell it apart by its class.
  const e = new LockTimeoutError();
  expect(`${e.name}: ${e.message}`).toBe('LockTimeoutError: lock timeout');
  expect(e).toBeInstanceOf(Error);
});
