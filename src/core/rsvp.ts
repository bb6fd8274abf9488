/**
 * Personal RSVP links: `<web app URL>?w=<workbook tag>&g=<guestId>&v=<version>&t=<token>`,
 * where the token is HMAC-SHA256(secret, "tag:guestId:version") in base64url.
 * The tag names the workbook without revealing its file ID: the web app of an
 * add-on has no document of its own and finds the workbook through it. (Links
 * made before the tag existed sign "guestId:version" and still work where the
 * web app sees its container.) The secret lives in properties (never in the
 * sheet), so a guest can't guess another guest's link. A link stops working when the guest's link version
 * moves on (new address, sent again, personal data purged) or the guest is
 * deleted (IDs are never reused). Pure.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from './hash';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (no btoa in Apps Script's server runtime). */
export function base64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    if (i + 1 < bytes.length) out += B64[(n >> 6) & 63];
    if (i + 2 < bytes.length) out += B64[n & 63];
  }
  return out;
}

/** A workbook tag: 16 base64url characters. */
export const WORKBOOK_TAG = /^[A-Za-z0-9_-]{16}$/;

/** The workbook's tag in links: derived from the secret, so it says nothing about the file and can't be guessed. */
export const workbookTag = (secret: string, spreadsheetId: string): string =>
  base64Url(hmac(sha256, utf8(secret), utf8(`workbook:${spreadsheetId}`))).slice(0, 16);

/** Neither a tag nor a guest ID holds a colon, so "tag:id:version" and "id:version" never sign the same text. */
export const rsvpToken = (secret: string, guestId: string, version: number, tag = ''): string =>
  base64Url(hmac(sha256, utf8(secret), utf8(tag ? `${tag}:${guestId}:${version}` : `${guestId}:${version}`)));

/** Constant-time comparison of the expected and the given token (no early exit on the first difference). */
function sameToken(want: string, token: string): boolean {
  let diff = want.length ^ token.length;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: charCodeAt past the end is NaN, which ^ reads as 0, the same as the guard's 0
  for (let i = 0; i < want.length; i++) diff |= want.charCodeAt(i) ^ (i < token.length ? token.charCodeAt(i) : 0);
  return diff === 0;
}

export function verifyRsvpToken(secret: string, guestId: string, version: number, token: string, tag = ''): boolean {
  if (!secret || typeof token !== 'string' || typeof guestId !== 'string' || !Number.isSafeInteger(version) || version < 1) return false;
  if (tag !== '' && !WORKBOOK_TAG.test(tag)) return false;
  return sameToken(rsvpToken(secret, guestId, version, tag), token);
}

/** How long the installation self-test's admin link works. */
export const SELF_TEST_VALIDITY_MS = 3_600_000;

/**
 * The token of the self-test's admin link `<web app>?selftest=<expiry ms>&w=<tag>&t=<token>`:
 * HMAC-SHA256(secret, "selftest:<tag>:<expiry ms>"). No RSVP token signs the same text: a tagged
 * one starts with a 16-character tag, an untagged one has a single colon.
 */
export const selfTestToken = (secret: string, tag: string, expiresMs: number): string =>
  base64Url(hmac(sha256, utf8(secret), utf8(`selftest:${tag}:${expiresMs}`)));

/** True for a self-test link made with `secret` for `tag` that has not expired at `nowMs` (constant-time). */
export function verifySelfTestToken(secret: string, tag: string, expires: string, token: string, nowMs: number): boolean {
  if (!secret || typeof token !== 'string' || typeof tag !== 'string' || !WORKBOOK_TAG.test(tag)) return false;
  if (typeof expires !== 'string' || !/^[1-9]\d{0,14}$/.test(expires)) return false;
  const expiresMs = Number(expires);
  return sameToken(selfTestToken(secret, tag, expiresMs), token) && nowMs < expiresMs;
}

export function selfTestUrl(base: string, secret: string, tag: string, expiresMs: number): string {
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}selftest=${expiresMs}&w=${tag}&t=${selfTestToken(secret, tag, expiresMs)}`;
}

export function rsvpUrl(base: string, secret: string, guestId: string, version: number, tag: string): string {
  const sep = base.includes('?') ? '&' : '?';
  return `${base}${sep}w=${tag}&g=${encodeURIComponent(guestId)}&v=${version}&t=${rsvpToken(secret, guestId, version, tag)}`;
}
