import * as crypto from 'node:crypto';
import { base64Url, rsvpToken, rsvpUrl, selfTestToken, selfTestUrl, verifyRsvpToken, verifySelfTestToken, workbookTag } from '../../../src/core/rsvp';

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

test('the URL carries the workbook tag, the guest ID, the version and the token', () => {
  const w = workbookTag('s', '1AbCdEfG');
  expect(rsvpUrl('https://script.google.com/macros/s/X/exec', 's', 'G-0001', 2, w))
    .toBe(`https://script.google.com/macros/s/X/exec?w=${w}&g=G-0001&v=2&t=${rsvpToken('s', 'G-0001', 2, w)}`);
  expect(rsvpUrl('https://x/exec?a=1', 's', 'G-1', 1, w)).toMatch(/^https:\/\/x\/exec\?a=1&w=[\w-]{16}&g=G-1&v=1&t=/);
});

test('the workbook tag: HMAC of the file ID (same as Node crypto), 16 characters, nothing of the ID in it', () => {
  const w = workbookTag('hemlig', '1AbCdEfGhIjKlMnOpQrStUvWxYz');
  expect(w).toBe(crypto.createHmac('sha256', 'hemlig').update('workbook:1AbCdEfGhIjKlMnOpQrStUvWxYz').digest('base64url').slice(0, 16));
  expect(w).not.toBe(workbookTag('hemlig', '1AbCdEfGhIjKlMnOpQrStUvWxYZ'));
  expect(w).not.toBe(workbookTag('annan', '1AbCdEfGhIjKlMnOpQrStUvWxYz'));
});

test('a tagged token signs the tag too: it is not valid without it, under another tag, or as an untagged link', () => {
  const w = workbookTag('s1', 'A');
  const t = rsvpToken('s1', 'G-0001', 1, w);
  expect(t).toBe(crypto.createHmac('sha256', 's1').update(`${w}:G-0001:1`).digest('base64url'));
  expect(verifyRsvpToken('s1', 'G-0001', 1, t, w)).toBe(true);
  expect(verifyRsvpToken('s1', 'G-0001', 1, t)).toBe(false);
  expect(verifyRsvpToken('s1', 'G-0001', 1, t, workbookTag('s1', 'B'))).toBe(false);
  // An untagged (older) link's token is no tagged link's token.
  expect(verifyRsvpToken('s1', 'G-0001', 1, rsvpToken('s1', 'G-0001', 1), w)).toBe(false);
  // A tag must look like one: no colons smuggled into the signed text.
  expect(verifyRsvpToken('s1', '0001', 1, rsvpToken('s1', '0001', 1, 'G:x'), 'G:x')).toBe(false);
});

describe('the self-test admin link', () => {
  const w = workbookTag('s1', 'A');
  const expires = 1_257_152_400_000;

  test('the token is HMAC-SHA256 of "selftest:<tag>:<expiry ms>" in base64url (same as Node crypto), and the URL carries all three', () => {
    expect(selfTestToken('hemlig-åäö', w, expires)).toBe(crypto.createHmac('sha256', 'hemlig-åäö').update(`selftest:${w}:${expires}`).digest('base64url'));
    expect(selfTestUrl('https://x/exec', 's1', w, expires)).toBe(`https://x/exec?selftest=${expires}&w=${w}&t=${selfTestToken('s1', w, expires)}`);
  });

  test('verification: the right secret, tag and expiry, before the expiry only', () => {
    const t = selfTestToken('s1', w, expires);
    expect(verifySelfTestToken('s1', w, String(expires), t, expires - 1)).toBe(true);
    expect(verifySelfTestToken('s1', w, String(expires), t, expires)).toBe(false); // expired
    expect(verifySelfTestToken('s1', w, String(expires + 1), t, expires - 1)).toBe(false); // a later expiry is not signed
    expect(verifySelfTestToken('s2', w, String(expires), t, 0)).toBe(false);
    expect(verifySelfTestToken('s1', workbookTag('s1', 'B'), String(expires), t, 0)).toBe(false);
    expect(verifySelfTestToken('', w, String(expires), t, 0)).toBe(false);
    expect(verifySelfTestToken('s1', w, String(expires), `${t}A`, 0)).toBe(false);
    expect(verifySelfTestToken('s1', w, String(expires), t.slice(0, -1), 0)).toBe(false);
    for (const bad of ['', '0', '-1', '1e12', ' 1257152400000', '01257152400000', '1257152400000.5', '9999999999999999']) {
      expect([bad, verifySelfTestToken('s1', w, bad, selfTestToken('s1', w, Number(bad)), 0)]).toEqual([bad, false]);
    }
    expect(verifySelfTestToken('s1', 'x:y', String(expires), selfTestToken('s1', 'x:y', expires), 0)).toBe(false);
  });

  test('no RSVP token is a self-test token, and no self-test token an RSVP token', () => {
    const t = selfTestToken('s1', w, expires);
    expect(verifyRsvpToken('s1', 'selftest', expires, t, w)).toBe(false);
    expect(verifySelfTestToken('s1', w, String(expires), rsvpToken('s1', String(expires), 1, w), 0)).toBe(false);
  });
});
