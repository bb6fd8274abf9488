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
