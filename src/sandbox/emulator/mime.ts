/** A small RFC 5322 / MIME writer (UTF-8, RFC 2047 encoded words, QP and base64 bodies). */
import * as crypto from 'node:crypto';

export interface MimeAttachment {
  filename: string;
  contentType: string;
  data: Buffer;
}

export interface MimeMessage {
  from: { name?: string; address: string };
  to: string[];
  cc: string[];
  replyTo?: string;
  subject: string;
  text: string;
  html?: string;
  attachments: MimeAttachment[];
  date: Date;
  messageId: string;
}

const CRLF = '\r\n';

function isAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

/** RFC 2047 B-encoding, split so each encoded word stays ≤ 75 chars and no character is split. */
export function encodeWord(s: string): string {
  if (isAscii(s)) return s;
  const words: string[] = [];
  let chunk = '';
  for (const ch of s) {
    const next = chunk + ch;
    // 12 = "=?UTF-8?B?" + "?=" ; base64 length of n bytes = 4*ceil(n/3)
    if (12 + 4 * Math.ceil(Buffer.byteLength(next, 'utf8') / 3) > 75) {
      words.push(chunk);
      chunk = ch;
    } else chunk = next;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(`${CRLF} `);
}

function formatAddress(name: string | undefined, address: string): string {
  if (!name) return address;
  const display = isAscii(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodeWord(name);
  return `${display} <${address}>`;
}

/** "=XX" for each byte value. */
const QP_ESCAPE = Array.from({ length: 256 }, (_, b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`);
/** A line of printable ASCII without '=' and without trailing white space encodes as itself. */
const QP_PLAIN = /^(?:[\x21-\x3c\x3e-\x7e \t]*[\x21-\x3c\x3e-\x7e])?$/;

export function quotedPrintable(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  for (const line of lines) {
    let enc = line;
    if (!QP_PLAIN.test(line)) {
      const bytes = Buffer.from(line, 'utf8');
      const parts: string[] = [];
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        const last = i === bytes.length - 1;
        const plain = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
        parts.push(plain ? String.fromCharCode(b) : QP_ESCAPE[b]);
      }
      enc = parts.join('');
    }
    // soft-wrap at 76 without splitting =XX escapes
    let at = 0;
    while (enc.length - at > 76) {
      let cut = 75;
      const eq = enc.lastIndexOf('=', at + cut - 1) - at;
      if (eq > cut - 3) cut = eq;
      out.push(`${enc.slice(at, at + cut)}=`);
      at += cut;
    }
    out.push(enc.slice(at));
  }
  return out.join(CRLF);
}

function base64Lines(data: Buffer): string {
  return (data.toString('base64').match(/.{1,76}/g) ?? ['']).join(CRLF);
}

function rfc2822Date(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

function boundary(): string {
  return `=_emu_${crypto.randomBytes(12).toString('hex')}`;
}

function filenameParams(name: string): string {
  if (isAscii(name)) return `filename="${name.replace(/["\\]/g, '\\$&')}"`;
  return `filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

function textPart(type: 'plain' | 'html', body: string): string {
  const ascii = !/[^\t\n\r\x20-\x7e]/.test(body);
  const useB64 = type === 'html' && !ascii;
  return [
    `Content-Type: text/${type}; charset=UTF-8`,
    `Content-Transfer-Encoding: ${useB64 ? 'base64' : 'quoted-printable'}`,
    '',
    useB64 ? base64Lines(Buffer.from(body, 'utf8')) : quotedPrintable(body),
  ].join(CRLF);
}

function multipart(subtype: string, parts: string[]): string {
  const b = boundary();
  return [`Content-Type: multipart/${subtype}; boundary="${b}"`, '', ...parts.map((p) => `--${b}${CRLF}${p}`), `--${b}--`, ''].join(CRLF);
}

export function buildEml(m: MimeMessage): string {
  const headers = [
    `From: ${formatAddress(m.from.name, m.from.address)}`,
    `To: ${m.to.join(', ')}`,
    ...(m.cc.length ? [`Cc: ${m.cc.join(', ')}`] : []),
    ...(m.replyTo ? [`Reply-To: ${m.replyTo}`] : []),
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${rfc2822Date(m.date)}`,
    `Message-ID: ${m.messageId}`,
    'MIME-Version: 1.0',
  ];
  let body = m.html !== undefined ? multipart('alternative', [textPart('plain', m.text), textPart('html', m.html)]) : textPart('plain', m.text);
  if (m.attachments.length) {
    body = multipart('mixed', [
      body,
      ...m.attachments.map((a) =>
        [
          `Content-Type: ${a.contentType}${isAscii(a.filename) ? `; name="${a.filename.replace(/["\\]/g, '\\$&')}"` : ''}`,
          'Content-Transfer-Encoding: base64',
          `Content-Disposition: attachment; ${filenameParams(a.filename)}`,
          '',
          base64Lines(a.data),
        ].join(CRLF),
      ),
    ]);
  }
  return `${headers.join(CRLF)}${CRLF}${body}`;
}
