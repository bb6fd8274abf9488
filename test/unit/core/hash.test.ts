import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex, utf8 } from '../../../src/core/hash';

test('UTF-8 encoding matches TextEncoder for any string, incl. å ä ö É and astral characters', () => {
  const enc = new TextEncoder();
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
    expect(Array.from(utf8(s))).toEqual(Array.from(enc.encode(s)));
  }), { seed: 1 });
  expect(Array.from(utf8('åäöÉ😀'))).toEqual(Array.from(enc.encode('åäöÉ😀')));
});

test('sha256Hex matches Node crypto', () => {
  for (const s of ['', 'abc', 'Kommunstyrelsen – 800 000,00 kr', '😀\u0000x']) {
    expect(sha256Hex(s)).toBe(createHash('sha256').update(s, 'utf8').digest('hex'));
  }
});

test('UTF-8 at every boundary of the encoding and around surrogates matches TextEncoder', () => {
  // The property above seldom draws a code unit exactly at a boundary or a lone surrogate beside another
  // character: each case here is one of those (1/2/3/4-byte limits, the surrogate ranges' ends, a high
  // surrogate at the end or before a non-surrogate, a low one alone or after an ordinary character).
  const enc = new TextEncoder();
  const units = [0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xffff];
  const cases = [
    ...units.map((u) => String.fromCharCode(u)),
    ...units.flatMap((u) => units.map((v) => String.fromCharCode(u, v))),
    String.fromCodePoint(0x10000), String.fromCodePoint(0x10ffff), 'a\ud800', '\ud800a', '\udc00', 'é\udc00', 'x\udbff\udfff',
  ];
  for (const s of cases) {
    expect([s, Array.from(utf8(s))]).toEqual([s, Array.from(enc.encode(s))]);
  }
});
