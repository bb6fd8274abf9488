/** Per-item answers: the Svar per punkt cell, the overall status it implies, and the counts per item (src/core/item-answers.ts, program.ts). */
import fc from 'fast-check';
import { formatItemAnswers, overallStatus, parseItemAnswers, type ItemState } from '../../../src/core/item-answers';
import { itemCounts } from '../../../src/core/program';
import { changedFields, openSeal, sealCell } from '../../../src/core/seal';
import { base64Url } from '../../../src/core/rsvp';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

const T1 = '2026-12-02T17:00:05.000Z';
const T2 = '2026-12-04T17:00:00.000Z';

describe('the Svar per punkt cell', () => {
  test('round trip, in programme order', () => {
    const a = new Map<string, ItemState>([
      ['P-003', { kind: 'väntar', since: T1 }], ['P-001', { kind: 'ja' }], ['P-002', { kind: 'nej' }], ['P-004', { kind: 'erbjuden', until: T2 }],
    ]);
    const cell = formatItemAnswers(a, ['P-001', 'P-002', 'P-003', 'P-004']);
    expect(cell).toBe(`P-001: ja; P-002: nej; P-003: väntar ${T1}; P-004: erbjuden ${T2}`);
    expect(parseItemAnswers(cell)).toEqual(a);
    expect(parseItemAnswers('')).toEqual(new Map());
  });
  test.each([
    ['P-001: kanske'], ['P-001: ja; P-001: nej'], ['P-001: ja 2026'], ['P-001: väntar'], ['P-001: väntar igår'], ['middagen: ja'],
  ])('a cell only a hand edit makes does not parse: %s', (cell) => {
    expect(parseItemAnswers(cell)).toBeNull();
  });
});

describe('the overall status (Tackat ja if any yes, Tackat nej if every item is answered and none is a yes)', () => {
  const a = (...e: [string, ItemState][]) => new Map(e);
  test.each([
    [a(['P-001', { kind: 'ja' }], ['P-002', { kind: 'nej' }]), 'Tackat ja'],
    [a(['P-001', { kind: 'ja' }]), 'Tackat ja'],
    [a(['P-001', { kind: 'nej' }], ['P-002', { kind: 'nej' }]), 'Tackat nej'],
    [a(['P-001', { kind: 'nej' }], ['P-002', { kind: 'väntar', since: T1 }]), 'Tackat nej'],
    [a(['P-001', { kind: 'nej' }]), null],
  ])('%#', (answers, want) => {
    expect(overallStatus(['P-001', 'P-002'], answers)).toBe(want);
  });
});

describe('counts per item', () => {
  const items = [{ id: 'P-001', title: 'Konferensen', capacity: null }, { id: 'P-002', title: 'Middagen', capacity: 3 }];
  test('per-item answers count per item; an open offer holds a seat until its deadline; Återbud frees every seat', () => {
    const guests = [
      { status: 'Tackat ja', events: ['P-001', 'P-002'], itemAnswers: 'P-001: ja; P-002: nej' },
      { status: 'Tackat ja', events: ['P-001', 'P-002'], itemAnswers: 'P-001: nej; P-002: ja' },
      { status: 'Tackat nej', events: ['P-001', 'P-002'], itemAnswers: `P-001: nej; P-002: erbjuden ${T2}` },
      { status: 'Tackat nej', events: ['P-002'], itemAnswers: `P-002: väntar ${T1}` },
      { status: 'Återbud', events: ['P-001', 'P-002'], itemAnswers: 'P-001: ja; P-002: ja' },
      { status: 'Inbjuden', events: ['P-001', 'P-002'], itemAnswers: 'P-001: ja' },
      { status: 'Tackat ja', events: ['P-001', 'P-002'] }, // answered before per-item answers: yes to both
      { status: 'Godkänd', events: ['P-001', 'P-002'] },
    ];
    const before = itemCounts(items, guests, new Date('2026-12-03T00:00:00Z'));
    expect(before).toEqual([
      { id: 'P-001', invited: 6, yes: 3, no: 3, notAnswered: 0, waiting: 0, seatsLeft: null },
      { id: 'P-002', invited: 7, yes: 2, no: 2, notAnswered: 3, waiting: 2, seatsLeft: 0 },
    ]);
    // After the offer's deadline its seat is free again.
    expect(itemCounts(items, guests, new Date(T2))[1].seatsLeft).toBe(1);
  });

  /** One guest's answers, as a model: the last answer given per item wins. */
  const answerArb = fc.constantFrom<ItemState>(
    { kind: 'ja' }, { kind: 'nej' }, { kind: 'väntar', since: T1 }, { kind: 'erbjuden', until: T2 }, { kind: 'erbjuds', until: T1 },
  );
  const ids = ['P-001', 'P-002', 'P-003'];
  test('property: after any sequence of answers, the counts equal what the cells hold', () => {
    const cap = [{ id: 'P-001', title: 'A', capacity: 2 }, { id: 'P-002', title: 'B', capacity: null }, { id: 'P-003', title: 'C', capacity: 5 }];
    fc.assert(fc.property(
      fc.array(fc.record({ invited: fc.subarray(ids, { minLength: 1 }), status: fc.constantFrom('Inbjuden', 'Tackat ja', 'Tackat nej', 'Godkänd') }), { minLength: 1, maxLength: 8 }),
      fc.array(fc.tuple(fc.nat(7), fc.nat(2), answerArb), { maxLength: 40 }),
      (guests, steps) => {
        const model = guests.map(() => new Map<string, ItemState>());
        for (const [gi, ii, a] of steps) {
          const g = guests[gi % guests.length];
          const id = ids[ii];
          if (g.invited.includes(id)) model[gi % guests.length].set(id, a);
        }
        const now = new Date('2026-12-03T00:00:00Z');
        // What the sheet holds: the formatted cell, read back by itemCounts.
        const sheet = guests.map((g, i) => ({ status: g.status, events: g.invited, itemAnswers: formatItemAnswers(model[i], ids) }));
        const got = itemCounts(cap, sheet, now);
        cap.forEach((it, k) => {
          const mailed = guests.map((g, i) => ({ g, a: model[i] })).filter(({ g }) => g.invited.includes(it.id) && g.status !== 'Godkänd');
          const kindOf = ({ g, a }: { g: (typeof guests)[number]; a: Map<string, ItemState> }) =>
            a.get(it.id)?.kind ?? (a.size ? undefined : g.status === 'Tackat ja' ? 'ja' : g.status === 'Tackat nej' ? 'nej' : undefined);
          const yes = mailed.filter((x) => kindOf(x) === 'ja').length;
          const no = mailed.filter((x) => kindOf(x) === 'nej').length;
          const held = mailed.filter((x) => { const s = x.a.get(it.id); return (s?.kind === 'erbjuden' || s?.kind === 'erbjuds') && Date.parse(s.until) > now.getTime(); }).length;
          expect(got[k]).toEqual({
            id: it.id, invited: mailed.length, yes, no, notAnswered: mailed.length - yes - no,
            waiting: mailed.filter((x) => ['väntar', 'erbjuden', 'erbjuds'].includes(kindOf(x) ?? '')).length,
            seatsLeft: it.capacity === null ? null : Math.max(0, it.capacity - yes - held),
          });
        });
      },
    ));
  });
});

describe('the seal of a Gäster row made before Svar per punkt existed', () => {
  const key = new Uint8Array(32).fill(7);
  const values = { ID: 'G-0001', Förnamn: 'Anna', Status: 'Tackat ja', 'Svar per punkt': '' };
  test('still opens, and vouches the new column empty (so an answer typed there is a hand edit)', () => {
    const full = sealCell(key, 'guests', 5, values);
    const [, seq, , snap] = /^S1\|(\d+)\|([^|]+)\|(.*)$/.exec(full)!;
    // Before the upgrade Gäster had neither Svar per punkt nor Påmind (the reminders' column, sealed after it).
    const older = JSON.stringify((JSON.parse(snap) as unknown[]).slice(0, -2));
    // An authentic seal over the shorter (pre-upgrade) snapshot: what a workbook from before has.
    const oldMac = base64Url(hmac(sha256, key, new TextEncoder().encode(`guests\u0000${seq}\u0000${older}`)).subarray(0, 16));
    const opened = openSeal(key, 'guests', `S1|${seq}|${oldMac}|${older}`);
    expect(opened.ok && opened.values['Svar per punkt']).toBe('');
    expect(opened.ok && changedFields('guests', opened.values, (h) => (h === 'Svar per punkt' ? 'P-001: ja' : (values as Record<string, string>)[h] ?? ''))).toEqual(['Svar per punkt']);
    // Three columns short is not an older seal: refused as forged.
    const tooShort = JSON.stringify((JSON.parse(snap) as unknown[]).slice(0, -3));
    const mac2 = base64Url(hmac(sha256, key, new TextEncoder().encode(`guests\u0000${seq}\u0000${tooShort}`)).subarray(0, 16));
    expect(openSeal(key, 'guests', `S1|${seq}|${mac2}|${tooShort}`)).toEqual({ ok: false, reason: 'forged' });
  });
});
