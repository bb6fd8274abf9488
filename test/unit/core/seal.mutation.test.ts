/**
 * Row seals (src/core/seal.ts) rule by rule: what a Sigill cell is made of, each way a cell fails to open
 * (none or forged) with everything else about it right, which cells still count as the sealed value, what
 * Logg may keep of a row and which seal keys are accepted. Each case is the smallest input on which a
 * changed rule would answer differently (npm run test:mutation).
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../../../src/core/hash';
import { base64Url } from '../../../src/core/rsvp';
import {
  changedFields, fromSnap, isSealed, loggableValues, openSeal, parseSealKey, sameValue, sealCell, sealedHeaders, sealKeyOf,
  toSnap, type SealedTable,
} from '../../../src/core/seal';

const key = new Uint8Array(32).fill(7);
const otherKey = new Uint8Array(32).fill(8);
/** A cell with an authentic MAC over whatever `snapshot` and `seq` are (as only the add-on, holding the key, can make). */
const signed = (table: SealedTable, seq: string, snapshot: string, k = key): string =>
  `S1|${seq}|${base64Url(hmac(sha256, k, utf8(`${table}\u0000${seq}\u0000${snapshot}`)).subarray(0, 16))}|${snapshot}`;
const FORGED = { ok: false, reason: 'forged' };
const NONE = { ok: false, reason: 'none' };

describe('sealCell: S1|seq|mac|snapshot', () => {
  test('the snapshot holds every sealed header in schema order, as kept values', () => {
    const cell = sealCell(key, 'decisions', 12, { ID: 'B-0001', Datum: new Date(1_500), Beslut: 'Ja', Status: 'Fattat', Extra: 'x' });
    const snapshot = '["B-0001",{"d":2},"","Ja","","","Fattat",""]';
    expect(cell).toBe(signed('decisions', '12', snapshot));
    expect(sealedHeaders('decisions')).toEqual(['ID', 'Datum', 'Ämne', 'Beslut', 'Referens', 'Beslutat av', 'Status', 'Anteckning']);
  });

  test('derived columns and Sigill itself are not sealed', () => {
    expect(sealedHeaders('settings')).toEqual(['Nyckel', 'Värde']);
    expect(sealedHeaders('ledger')).not.toContain('Kontroll');
    expect(sealedHeaders('ledger')).not.toContain('Sigill');
    expect(sealedHeaders('ledger').at(-1)).toBe('Programpunkt');
  });

  test('a MAC is the key\'s: a seal made with another key is forged, and each key keeps its own', () => {
    const mine = sealCell(key, 'settings', 3, { Nyckel: 'a', Värde: 1 });
    const theirs = sealCell(otherKey, 'settings', 3, { Nyckel: 'a', Värde: 1 });
    expect(theirs).not.toBe(mine);
    expect(openSeal(key, 'settings', theirs)).toEqual(FORGED);
    expect(openSeal(otherKey, 'settings', theirs)).toEqual({ ok: true, seq: 3, values: { Nyckel: 'a', Värde: 1 } });
    expect(openSeal(key, 'settings', mine)).toEqual({ ok: true, seq: 3, values: { Nyckel: 'a', Värde: 1 } });
  });

  test('a table\'s sealed headers are worked out once (every row check asks for them)', () => {
    expect(sealedHeaders('guests')).toBe(sealedHeaders('guests'));
  });

  test('the keyed HMAC state is made once per key, not once per row; another key gets its own', () => {
    const fresh = new Uint8Array(32).fill(9);
    const create = jest.spyOn(hmac, 'create');
    try {
      const cell = sealCell(fresh, 'settings', 1, { Nyckel: 'a', Värde: 1 });
      // The key's state and the working copy it is copied into.
      expect(create).toHaveBeenCalledTimes(2);
      expect(openSeal(fresh, 'settings', cell)).toEqual({ ok: true, seq: 1, values: { Nyckel: 'a', Värde: 1 } });
      expect(sealCell(fresh, 'settings', 2, { Nyckel: 'b', Värde: 2 })).toBe(signed('settings', '2', '["b",2]', fresh));
      expect(create).toHaveBeenCalledTimes(2);
      sealCell(new Uint8Array(32).fill(10), 'settings', 1, { Nyckel: 'a', Värde: 1 });
      expect(create).toHaveBeenCalledTimes(4);
    } finally {
      create.mockRestore();
    }
  });

  test('the MAC covers the table: a settings row\'s seal does not open as an event row', () => {
    const cell = sealCell(key, 'settings', 3, { Nyckel: 'a', Värde: 1 });
    expect(openSeal(key, 'event', cell)).toEqual(FORGED);
  });
});

describe('openSeal: none or forged, for each part that is wrong', () => {
  const good = signed('settings', '4', '["a",1]');
  /** `good` with its MAC (the third part) changed. */
  const withMac = (f: (mac: string) => string): string => good.split('|').map((part, i) => (i === 2 ? f(part) : part)).join('|');
  test('an authentic cell opens, spaces around it or not', () => {
    expect(openSeal(key, 'settings', good)).toEqual({ ok: true, seq: 4, values: { Nyckel: 'a', Värde: 1 } });
    expect(openSeal(key, 'settings', ` ${good}\n`)).toEqual({ ok: true, seq: 4, values: { Nyckel: 'a', Värde: 1 } });
  });

  test.each<[string, unknown]>([['empty', ''], ['blank', '  \n'], ['a number', 4], ['nothing', null], ['undefined', undefined]])(
    'no seal: %s', (_what, cell) => {
      expect(openSeal(key, 'settings', cell)).toEqual(NONE);
    });

  test.each<[string, string]>([
    ['another prefix', good.replace('S1|', 'S2|')],
    ['the prefix only', 'S1|'],
    ['no MAC part', 'S1|4'],
    ['no snapshot part', 'S1|4|abc'],
    ['a MAC one character short', withMac((mac) => mac.slice(0, -1))],
    ['a MAC one character long', withMac((mac) => `${mac}A`)],
    ['another sequence number', good.replace('S1|4|', 'S1|5|')],
    ['sequence number 0', signed('settings', '0', '["a",1]')],
    ['a fractional sequence number', signed('settings', '1.5', '["a",1]')],
    ['a snapshot that is not JSON', signed('settings', '4', '["a",1')],
    ['a snapshot that is not an array', signed('settings', '4', '{"0":"a","1":1}')],
    ['a snapshot with a value too many', signed('settings', '4', '["a",1,2]')],
    ['a snapshot with a value too few', signed('settings', '4', '["a"]')],
  ])('forged: %s', (_what, cell) => {
    expect(openSeal(key, 'settings', cell)).toEqual(FORGED);
  });

  test('sequence number 1 is the first there is', () => {
    expect(openSeal(key, 'settings', signed('settings', '1', '["a",1]'))).toMatchObject({ ok: true, seq: 1 });
  });

  test('a snapshot without the later headers opens with them empty; without more than those it is forged', () => {
    const headers = sealedHeaders('ledger');
    const short = JSON.stringify(headers.slice(0, -1).map((h) => `v-${h}`));
    const opened = openSeal(key, 'ledger', signed('ledger', '9', short));
    expect(opened).toEqual({ ok: true, seq: 9, values: { ...Object.fromEntries(headers.map((h) => [h, `v-${h}`])), Programpunkt: '' } });
    expect(openSeal(key, 'ledger', signed('ledger', '9', JSON.stringify(headers.slice(0, -2))))).toEqual(FORGED);
    // A table without later headers takes its full snapshot only.
    expect(openSeal(key, 'budget', signed('budget', '9', JSON.stringify(sealedHeaders('budget').slice(0, -1))))).toEqual(FORGED);
  });
});

describe('a null in an authentic snapshot (sealCell never writes one, JSON can hold it)', () => {
  test('opens as it is, fromSnap gives it back, and a Date typed over it is a change (nothing throws)', () => {
    const opened = openSeal(key, 'settings', signed('settings', '4', '[null,1]'));
    expect(opened).toEqual({ ok: true, seq: 4, values: { Nyckel: null, Värde: 1 } });
    if (!opened.ok) return;
    expect(fromSnap(opened.values['Nyckel'])).toBeNull();
    expect(changedFields('settings', opened.values, (h) => ({ Nyckel: new Date(0), Värde: 1 })[h])).toEqual(['Nyckel']);
  });
});

describe('toSnap and fromSnap', () => {
  test('a Date is whole seconds, rounded; numbers and booleans stay; nothing is ""; anything else is its text', () => {
    expect(toSnap(new Date(1_499))).toEqual({ d: 1 });
    expect(toSnap(new Date(1_500))).toEqual({ d: 2 });
    expect(toSnap(0)).toBe(0);
    expect(toSnap(false)).toBe(false);
    expect(toSnap(null)).toBe('');
    expect(toSnap(undefined)).toBe('');
    expect(toSnap(' x ')).toBe(' x ');
    expect(toSnap(12n)).toBe('12');
  });

  test('fromSnap gives the Date back to the second; text, numbers and booleans as they are', () => {
    expect(fromSnap({ d: 2 })).toEqual(new Date(2_000));
    expect(fromSnap('x')).toBe('x');
    expect(fromSnap(3)).toBe(3);
    expect(fromSnap(true)).toBe(true);
  });
});

describe('sameValue: is the cell still what was sealed?', () => {
  test.each<[string, unknown, Parameters<typeof sameValue>[1], boolean]>([
    ['a Date within the same second', new Date(2_400), { d: 2 }, true],
    ['a Date a second later', new Date(3_000), { d: 2 }, false],
    ['a number where a Date was', 2, { d: 2 }, false],
    ['a Date where text was', new Date(2_000), '1970-01-01', false],
    ['an empty cell (null) for ""', null, '', true],
    ['an empty cell (undefined) for ""', undefined, '', true],
    ['an empty cell for 0', null, 0, false],
    ['the same text', 'a', 'a', true],
    ['other text', 'a', 'b', false],
    ['a number retyped as text, with spaces', ' 12.5 ', 12.5, true],
    ['text retyped as a number', 12.5, ' 12.5 ', true],
    ['a number for other text', 12, '12 kr', false],
    ['text with spaces added', ' a ', 'a', false],
    ['text for the boolean it reads as', 'true', true, false],
    ['text for another number', '13', 12, false],
    ['a blank cell for a number', ' ', 0, false],
    ['a boolean for its text', true, 'true', false],
    ['the same boolean', true, true, true],
  ])('%s', (_what, cell, snap, same) => {
    expect(sameValue(cell, snap)).toBe(same);
  });

  test('changedFields lists exactly the headers whose cells differ', () => {
    const snap = { Nyckel: 'a', Värde: 1 };
    expect(changedFields('settings', snap, (h) => ({ Nyckel: 'a', Värde: '1' })[h])).toEqual([]);
    expect(changedFields('settings', snap, (h) => ({ Nyckel: 'b', Värde: 2 })[h])).toEqual(['Nyckel', 'Värde']);
  });
});

describe('what Logg keeps of a row, and a row\'s name', () => {
  test('personal fields are left out; the others as kept values', () => {
    const values = { ID: 'B-0002', Datum: new Date(4_000), Ämne: 'Gäster', Beslut: 'Bjud in X', Referens: 'SG 3', 'Beslutat av': 'Y', Status: 'Fattat', Anteckning: 'Z' };
    expect(loggableValues('decisions', values)).toEqual({ ID: 'B-0002', Datum: { d: 4 }, Ämne: 'Gäster', Referens: 'SG 3', Status: 'Fattat' });
    expect(loggableValues('settings', { Nyckel: 'k' })).toEqual({ Nyckel: 'k', Värde: '' });
  });

  test('a template\'s name is its language, and its kind when it has one', () => {
    const text = (v: unknown) => String(v ?? '').trim();
    expect(sealKeyOf('templates', (h) => ({ Språk: 'sv', Typ: ' ' })[h], text)).toBe('sv');
    expect(sealKeyOf('templates', (h) => ({ Språk: 'sv', Typ: 'Inbjudan' })[h], text)).toBe('sv/Inbjudan');
    expect(sealKeyOf('ledger', (h) => ({ ID: 'K-0001' })[h], text)).toBe('K-0001');
    // A table without keyAlso reads its key and nothing else, whatever else the row holds.
    const asked: string[] = [];
    expect(sealKeyOf('ledger', (h) => { asked.push(h); return `v-${h}`; }, text)).toBe('v-ID');
    expect(asked).toEqual(['ID']);
  });

  test('every table but Logg is sealed', () => {
    expect(isSealed('log')).toBe(false);
    expect(isSealed('guests')).toBe(true);
  });
});

describe('parseSealKey: 32 bytes or more, as hex', () => {
  test.each<[string, string | null]>([
    ['nothing', null], ['empty', ''], ['31 bytes', 'ab'.repeat(31)], ['an odd digit count', `${'ab'.repeat(32)}a`],
    ['a character not hex', `${'ab'.repeat(31)}ag`], ['text after the key', `${'ab'.repeat(32)} `], ['text before it', ` ${'ab'.repeat(32)}`],
  ])('refused: %s', (_what, hex) => {
    expect(parseSealKey(hex)).toBeNull();
  });

  test('each byte read from its two digits, capitals or not, however long', () => {
    const hex = `00ff7F${'10'.repeat(30)}`;
    const k = parseSealKey(hex);
    expect(k && [...k]).toEqual([0, 255, 127, ...Array<number>(30).fill(16)]);
    expect(parseSealKey('ab'.repeat(33))?.length).toBe(33);
  });
});
