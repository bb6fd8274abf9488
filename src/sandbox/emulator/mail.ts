/** MailApp: validation, daily recipient quota, .eml files in an outbox directory. */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GasObject } from './exec';
import { buildEml, MimeAttachment } from './mime';
import { Blob } from './services';
import { dayKey } from './values';

const MAIL_SCOPE = 'https://www.googleapis.com/auth/script.send_mail';
const EMAIL_RE = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;

function splitList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  return String(v)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
}

export class MailAppImpl extends GasObject {
  readonly _cls = 'MailApp';
  readonly _service = 'MailApp';
  _used(): number {
    const q = this._ctx.emu.state.mailQuota;
    const today = dayKey(this._ctx.emu.now(), this._ctx.emu.timeZone);
    if (q.date !== today) {
      q.date = today;
      q.used = 0;
    }
    return q.used;
  }
  getRemainingDailyQuota(): number {
    this._ctx.requireAuth('MailApp.getRemainingDailyQuota', ['FULL'], MAIL_SCOPE);
    return Math.max(0, this._ctx.emu.dailyMailQuota - this._used());
  }
  sendEmail(a: unknown, b?: unknown, c?: unknown, d?: unknown): void {
    this._ctx.requireAuth('MailApp.sendEmail', ['FULL'], MAIL_SCOPE);
    let m: MailOptions;
    if (a !== null && typeof a === 'object') m = { ...(a as MailOptions) };
    else if (typeof d === 'string') m = { to: String(a), replyTo: String(b), subject: String(c), body: d };
    else m = { ...((d as MailOptions | undefined) ?? {}), to: String(a), subject: String(b), body: c === undefined ? '' : String(c) };
    const to = splitList(m.to);
    const cc = splitList(m.cc);
    const bcc = splitList(m.bcc);
    const all = [...to, ...cc, ...bcc];
    if (all.length === 0) throw new Error('Failed to send email: no recipient');
    for (const addr of all) if (!EMAIL_RE.test(addr)) throw new Error(`Invalid email: ${addr}`);
    if (m.replyTo && !EMAIL_RE.test(String(m.replyTo))) throw new Error(`Invalid email: ${m.replyTo}`);
    if (all.length > 50) throw new Error('Limit Exceeded: Email Recipients Per Message.');
    for (const addr of all) {
      const why = this._ctx.emu.mailFailures?.(addr);
      if (why) throw new Error(why);
    }
    if (m.subject === undefined || m.subject === null) throw new Error('Invalid argument: subject');
    const used = this._used();
    if (used + all.length > this._ctx.emu.dailyMailQuota) throw new Error('Service invoked too many times for one day: email.');
    const attachments: MimeAttachment[] = (m.attachments ?? []).map((x, i) => {
      if (!(x instanceof Blob)) throw new Error('Invalid argument: attachments');
      // A copy of the bytes: the text may be built later (Emulator.memoryOutbox), from what was sent.
      return { filename: x._name ?? `attachment${i + 1}`, contentType: x._type ?? 'application/octet-stream', data: Buffer.from(x._data) };
    });
    const emu = this._ctx.emu;
    const date = emu.now();
    const id = crypto.randomUUID();
    const messageId = `<${id}@emulator.summit-planner.local>`;
    const from = this._ctx.effectiveUser;
    const message = {
      from: { name: m.noReply ? undefined : m.name, address: m.noReply ? `noreply@${from.split('@')[1] ?? 'example.com'}` : from },
      to: [...to],
      cc: [...cc],
      replyTo: m.replyTo ? String(m.replyTo) : undefined,
      subject: String(m.subject),
      text: m.body === undefined ? '' : String(m.body),
      html: m.htmlBody === undefined ? undefined : String(m.htmlBody),
      attachments,
      date,
      messageId,
    };
    let file: string | null = null;
    if (emu.outboxDir) {
      const eml = buildEml(message);
      fs.mkdirSync(emu.outboxDir, { recursive: true });
      const stamp = date.toISOString().replace(/[:.]/g, '-');
      file = path.join(emu.outboxDir, `${stamp}-${id}.eml`);
      fs.writeFileSync(file, eml, 'utf8');
    } else emu.memoryOutbox.set(id, () => buildEml(message));
    emu.state.mailQuota.used = used + all.length;
    emu.state.outbox.push({ id, messageId, from, to, cc, bcc, subject: String(m.subject), date, file, attachments: attachments.map((x) => x.filename) });
    for (const addr of all) {
      const late = emu.mailFailsAfterDelivery?.(addr);
      if (late) throw new Error(late);
    }
  }
}
