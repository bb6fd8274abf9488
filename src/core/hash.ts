/**
 * SHA-256 of a string as hex. Apps Script's V8 has no TextEncoder, so the
 * UTF-8 encoding is done here rather than with @noble/hashes' utf8ToBytes.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export function utf8(s: string): Uint8Array {
  // At most 3 bytes per UTF-16 unit (a surrogate pair is 2 units, 4 bytes): one allocation, no array of numbers.
  const out = new Uint8Array(s.length * 3);
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[j++] = c;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      // Past the end charCodeAt gives NaN, which is no low surrogate: a high one last is lone.
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd; // lone surrogate, as TextEncoder does
    if (c < 0x800) {
      out[j++] = 0xc0 | (c >> 6);
      out[j++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[j++] = 0xe0 | (c >> 12);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
    } else {
      out[j++] = 0xf0 | (c >> 18);
      out[j++] = 0x80 | ((c >> 12) & 63);
      out[j++] = 0x80 | ((c >> 6) & 63);
      out[j++] = 0x80 | (c & 63);
    }
  }
  return out.subarray(0, j);
}

export const sha256Hex = (s: string): string => bytesToHex(sha256(utf8(s)));
