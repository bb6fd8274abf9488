import * as crypto from 'node:crypto';
import { base64Url, rsvpToken, rsvpUrl, verifyRsvpToken } from '../../../src/core/rsvp';

test('the token is HMAC-SHA256 of "guest ID:link version" in base64url (same as Node crypto)', () => {
  const want = crypto.createHmac('sha256', 'hemlig-åäö').update('G-0001:3').digest('base64url');
  expect(rsvpToken('hemlig-åäö', 'G-0001', 3)).toBe(want);
  for (const n of [0, 1, 2, 3, 4, 5, 31, 32, 33]) {
    const b = crypto.randomBytes(n);
    expect(base64Url(b)).toBe(b.toString('base64url'));
  }
});

test('verification accepts only the right token for the right guest, version and secret', () => {
  const t = rsvpToken('s1', 'G-0001', 1);
  expect(verifyRsvpToken('s1', 'G-0001', 1, t)).toBe(true);
  expect(verifyRsvpToken('s1', 'G-0002', 1, t)).toBe(false);
  // A new version revokes the old link.
  expect(verifyRsvpToken('s1', 'G-0001', 2, t)).toBe(false);
  expect(verifyRsvpToken('s2', 'G-0001', 1, t)).toBe(false);
  expect(verifyRsvpToken('s1', 'G-0001', 1, t.slice(0, -1))).toBe(false);
  expect(verifyRsvpToken('s1', 'G-0001', 1, `${t}A`)).toBe(false);
  expect(verifyRsvpToken('', 'G-0001', 1, t)).toBe(false);
  expect(verifyRsvpToken('s1', 'G-0001', Number.NaN, t)).toBe(false);
  expect(verifyRsvpToken('s1', 'G-0001', 0, rsvpToken('s1', 'G-0001', 0))).toBe(false);
});

test('the URL carries the guest ID, the version and the token', () => {
  expect(rsvpUrl('https://script.google.com/macros/s/X/exec', 's', 'G-0001', 2))
    .toBe(`https://script.google.com/macros/s/X/exec?g=G-0001&v=2&t=${rsvpToken('s', 'G-0001', 2)}`);
  expect(rsvpUrl('https://x/exec?a=1', 's', 'G-1', 1)).toMatch(/^https:\/\/x\/exec\?a=1&g=G-1&v=1&t=/);
});
