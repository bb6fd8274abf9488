/**
 * The RSVP and self-test links refuse what they must even when the token is correctly signed for the
 * bad input: each guard is what says no, not a mismatch of tokens (npm run test:mutation).
 */
import { rsvpToken, selfTestToken, selfTestUrl, verifyRsvpToken, verifySelfTestToken, workbookTag } from '../../../src/core/rsvp';

const w = workbookTag('s1', 'A');
const asString = (x: unknown) => x as string;

describe('verifyRsvpToken refuses, though the token is signed for exactly that input', () => {
  test('an empty secret', () => {
    expect(verifyRsvpToken('', 'G-0001', 1, rsvpToken('', 'G-0001', 1))).toBe(false);
    expect(verifyRsvpToken('', 'G-0001', 1, rsvpToken('', 'G-0001', 1, w), w)).toBe(false);
  });

  test('a version that is no positive whole number', () => {
    for (const v of [Number.NaN, 1.5, -1, 0, Infinity, 2 ** 53]) {
      expect([v, verifyRsvpToken('s1', 'G-0001', v, rsvpToken('s1', 'G-0001', v))]).toEqual([v, false]);
    }
    expect(verifyRsvpToken('s1', 'G-0001', 2 ** 53 - 1, rsvpToken('s1', 'G-0001', 2 ** 53 - 1))).toBe(true);
  });

  test('a guest ID that is not text (a number in a forged call)', () => {
    expect(verifyRsvpToken('s1', asString(1), 1, rsvpToken('s1', '1', 1))).toBe(false);
    expect(verifyRsvpToken('s1', '1', 1, rsvpToken('s1', '1', 1))).toBe(true);
  });

  test('a token that is not text: refused, not an error', () => {
    for (const t of [undefined, null, 123, ['x']]) expect(verifyRsvpToken('s1', 'G-0001', 1, asString(t))).toBe(false);
  });
});

describe('verifySelfTestToken refuses, though the token is signed for exactly that input', () => {
  const expires = 1_257_152_400_000;

  test('an empty secret', () => {
    expect(verifySelfTestToken('', w, String(expires), selfTestToken('', w, expires), 0)).toBe(false);
  });

  test('a tag that is not text, even one whose digits look like a tag', () => {
    const digits = 1234567890123456;
    expect(verifySelfTestToken('s1', asString(digits), String(expires), selfTestToken('s1', String(digits), expires), 0)).toBe(false);
    expect(verifySelfTestToken('s1', String(digits), String(expires), selfTestToken('s1', String(digits), expires), 0)).toBe(true);
  });

  test('an expiry that is not text', () => {
    expect(verifySelfTestToken('s1', w, asString(expires), selfTestToken('s1', w, expires), 0)).toBe(false);
  });

  test('a token that is not text: refused, not an error', () => {
    for (const t of [undefined, null, 123]) expect(verifySelfTestToken('s1', w, String(expires), asString(t), 0)).toBe(false);
  });

  test('a base URL that already has a query gets the parameters after "&"', () => {
    expect(selfTestUrl('https://x/exec?a=1', 's1', w, expires)).toBe(`https://x/exec?a=1&selftest=${expires}&w=${w}&t=${selfTestToken('s1', w, expires)}`);
  });
});
