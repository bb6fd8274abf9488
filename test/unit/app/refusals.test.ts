/**
 * Refused writes in Logg (src/app/refusals.ts): who, what and why, one row a minute per person and action (the
 * next row counts the ones left out), e-mail addresses masked; a person who may write Logg (a role, an
 * administrator, the owner) writes the row at once, anyone else's refusal waits with the anchor for the next
 * transaction of someone who may. Best effort: a busy lock or a workbook without a journal leaves it out, never
 * throws. In memory, on the budget tests' workbook, with a cache that forgets on the test's clock.
 */
import { JOURNAL_KEY, parseJournal, SEAL_KEY } from '../../../src/app/journal';
import type { CachePort, Ports } from '../../../src/app/ports';
import { loggableReason, logRefusal } from '../../../src/app/refusals';
import type { Msg } from '../../../src/core/msg';
import { memoryPorts, type ManualClock, type MemoryPorts } from '../../support/memory';
import { dump, EKO, logRecords, PL, seed } from './budget-fixture';

const ADMIN = 'admin@stockholm.se';
const OWNER = 'agare@stockholm.se';
const NOBODY = 'nobody@example.org';

/** CacheService as it behaves: an entry is gone once its seconds have passed. */
class ClockCache implements CachePort {
  readonly map = new Map<string, { v: string; until: number }>();
  constructor(private clock: ManualClock) {}
  get(k: string): string | null {
    const e = this.map.get(k);
    return e && e.until > this.clock.now().getTime() ? e.v : null;
  }
  put(k: string, v: string, seconds: number): void {
    this.map.set(k, { v, until: this.clock.now().getTime() + seconds * 1000 });
  }
}

/** The budget workbook (EKO finance, PL project leader), ADMIN an administrator, OWNER the owner; the caches forget. */
function workbook(): { p: MemoryPorts; ports: Ports } {
  const p = seed({ admins: ADMIN });
  p.workbook.ownerEmail = OWNER;
  return { p, ports: { ...p, cache: new ClockCache(p.clock) } };
}
const as = (p: MemoryPorts, u: string) => { p.user.current = u; };
const msg = (sv: string): Msg => ({ sv, en: `(en) ${sv}` });
const WHY = msg('Du saknar behörighet: bara ekonomi får göra detta.');
/** The refusals' Logg rows: [Användare, Objekt, skäl]. */
const refusalRows = (p: MemoryPorts) =>
  logRecords(p).filter((r) => r['Åtgärd'] === 'vägrad').map((r) => [r['Användare'], r['Objekt'], JSON.parse(String(r['Efter'])).skäl]);
const queue = (p: MemoryPorts) => parseJournal(p.properties.get(JOURNAL_KEY))!.q;
const MINUTE = 60_000;

describe('loggableReason: what Logg may keep of a reason', () => {
  test('e-mail addresses masked, whatever surrounds them (space, quotes, brackets, punctuation)', () => {
    expect(loggableReason(msg('Adressen anna.berg@stockholm.se finns redan hos G-0003.'))).toBe('Adressen <e-post> finns redan hos G-0003.');
    expect(loggableReason(msg('Se "Per Ek" <per.ek@example.org>, (a@b.se); c@d.se:e@f.se'))).toBe('Se "Per Ek" <<e-post>>, (<e-post>); <e-post>:<e-post>');
    expect(loggableReason(msg('"x@y.se",a@b.se'))).toBe('"<e-post>",<e-post>');
  });

  test('an @ without an address on both sides is kept', () => {
    expect(loggableReason(msg('Skriv @ eller a@ eller @b, inte mer.'))).toBe('Skriv @ eller a@ eller @b, inte mer.');
  });

  test('runs of white space (new lines, tabs, no-break spaces in amounts) become one space', () => {
    expect(loggableReason(msg('Rad 1\n\n  Rad 2\tslut: Saknas 0,01\u00a0kr.'))).toBe('Rad 1 Rad 2 slut: Saknas 0,01 kr.');
  });

  test('at most 300 characters, the Swedish text (the English is not logged)', () => {
    const long = `${'å'.repeat(299)}xyz`;
    expect(loggableReason({ sv: long, en: 'short' })).toBe(long.slice(0, 300));
    expect(loggableReason({ sv: 'kort', en: 'short' })).toBe('kort');
  });
});

describe('logRefusal: who writes the row, at once or queued', () => {
  test('a role holder\'s refusal is a Logg row at once: who, what, why, the address masked; nothing queued', () => {
    const { p, ports } = workbook();
    as(p, EKO);
    logRefusal(ports, 'recordCost', msg('Adressen kalle@example.se finns redan.'));
    expect(refusalRows(p)).toEqual([[EKO, 'recordCost', 'Adressen <e-post> finns redan.']]);
    expect(queue(p)).toBeUndefined();
  });

  test.each([
    ['an administrator without a role', ADMIN],
    ['the owner without a role', OWNER],
  ])('%s writes the row at once too', (_who, user) => {
    const { p, ports } = workbook();
    as(p, user);
    logRefusal(ports, 'saveSettings', WHY);
    expect(refusalRows(p)).toEqual([[user, 'saveSettings', WHY.sv]]);
    expect(queue(p)).toBeUndefined();
  });

  test('someone without a role: queued with the anchor (to the second), written first by the next row of someone who may', () => {
    const { p, ports } = workbook();
    as(p, NOBODY);
    p.clock.t = new Date('2009-11-02T08:00:05.789Z');
    const logg = p.workbook.get('log').grid.length;
    logRefusal(ports, 'recordCost', msg('Fel hos nobody@example.org (G-0002).'));
    expect(p.workbook.get('log').grid).toHaveLength(logg);
    expect(queue(p)).toEqual([{ u: NOBODY, t: '2009-11-02T08:00:05.000Z', a: 'vägrad', o: 'recordCost', w: 'Fel hos <e-post> (G-0002).' }]);
    // The next transaction of a role holder (here a refusal of its own) writes it first, with its own user and time
    // (Logg keeps whole seconds).
    as(p, EKO);
    p.clock.advance(MINUTE);
    logRefusal(ports, 'updateCost', WHY);
    expect(refusalRows(p)).toEqual([[NOBODY, 'recordCost', 'Fel hos <e-post> (G-0002).'], [EKO, 'updateCost', WHY.sv]]);
    const times = logRecords(p).slice(-2).map((r) => (r['Tid'] as Date).toISOString());
    expect(times).toEqual(['2009-11-02T08:00:05.000Z', '2009-11-02T08:01:05.000Z']);
    expect(queue(p)).toBeUndefined();
  });

  test('no signed-in user: queued as unknown, never written as the owner\'s or anyone\'s', () => {
    const { p, ports } = workbook();
    as(p, '');
    logRefusal(ports, 'rsvp', WHY);
    expect(queue(p)).toEqual([expect.objectContaining({ u: '(okänd)', o: 'rsvp', w: WHY.sv })]);
    expect(refusalRows(p)).toEqual([]);
  });
});

describe('logRefusal: one row a minute per person and action', () => {
  test('the same refusal again within the minute writes nothing; the next row after it counts the ones left out', () => {
    const { p, ports } = workbook();
    as(p, EKO);
    logRefusal(ports, 'recordCost', WHY);
    const after1 = dump(p);
    p.clock.advance(20_000);
    logRefusal(ports, 'recordCost', WHY);
    p.clock.advance(20_000);
    logRefusal(ports, 'recordCost', WHY);
    expect(dump(p)).toBe(after1);
    p.clock.advance(MINUTE);
    logRefusal(ports, 'recordCost', msg('Belopp saknas.'));
    // Counted from the last row: the count starts again.
    p.clock.advance(MINUTE);
    logRefusal(ports, 'recordCost', WHY);
    expect(refusalRows(p)).toEqual([
      [EKO, 'recordCost', WHY.sv],
      [EKO, 'recordCost', 'Belopp saknas. (+2 liknande vägrade tidigare utan loggrad)'],
      [EKO, 'recordCost', WHY.sv],
    ]);
  });

  test('another action, or another person, within the same minute gets its own row, without the first one\'s count', () => {
    const { p, ports } = workbook();
    as(p, EKO);
    logRefusal(ports, 'recordCost', WHY);
    logRefusal(ports, 'recordCost', WHY);
    logRefusal(ports, 'updateCost', WHY);
    as(p, PL);
    logRefusal(ports, 'recordCost', WHY);
    expect(refusalRows(p)).toEqual([[EKO, 'recordCost', WHY.sv], [EKO, 'updateCost', WHY.sv], [PL, 'recordCost', WHY.sv]]);
  });

  test('queued refusals are limited the same way', () => {
    const { p, ports } = workbook();
    as(p, NOBODY);
    logRefusal(ports, 'rsvp', WHY);
    logRefusal(ports, 'rsvp', WHY);
    p.clock.advance(MINUTE);
    logRefusal(ports, 'rsvp', WHY);
    expect(queue(p)?.map((q) => q.w)).toEqual([WHY.sv, `${WHY.sv} (+1 liknande vägrade tidigare utan loggrad)`]);
  });
});

describe('logRefusal: best effort, the refusal stands without its row', () => {
  test('the lock held by another execution: nothing written, nothing thrown', () => {
    const { p, ports } = workbook();
    as(p, EKO);
    const before = dump(p);
    p.lock.held = true;
    expect(() => logRefusal(ports, 'recordCost', WHY)).not.toThrow();
    expect(dump(p)).toBe(before);
  });

  // Without a journal nothing could be written: not even a sheet is read (a script may hammer a refused call).
  test('a workbook never set up (no journal): nothing read or written, nothing thrown', () => {
    const p = memoryPorts(EKO);
    p.workbook.add('settings', [['Ekonomi', EKO, '']]);
    p.workbook.add('log');
    const before = dump(p);
    expect(() => logRefusal({ ...p, cache: new ClockCache(p.clock) }, 'recordCost', WHY)).not.toThrow();
    expect(dump(p)).toBe(before);
    expect(p.workbook.counters.reads).toBe(0);
  });

  test('an anchor without its seal key (a copy, half set up): nothing read, written or queued', () => {
    const { p, ports } = workbook();
    p.properties.delete(SEAL_KEY);
    for (const user of [EKO, NOBODY]) {
      as(p, user);
      const before = dump(p);
      const reads = p.workbook.counters.reads;
      expect(() => logRefusal(ports, 'recordCost', WHY)).not.toThrow();
      expect(dump(p)).toBe(before);
      expect(p.workbook.counters.reads).toBe(reads);
    }
  });
});
