import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simpleParser } from 'mailparser';
import { Emulator, manualClock } from '../../../src/sandbox/emulator/runtime';
import { exec, newEmu, run } from './helpers';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'emu-mail-'));
}

describe('MailApp', () => {
  test('writes a real .eml: Swedish characters, html + text, attachments round-trip', async () => {
    const dir = tmp();
    const emu = newEmu({ outboxDir: dir, defaultUser: 'projektledare@stockholm.se' });
    const long = 'Inbjudan till Public Services Summit – Nobelveckan i Stockholm, Årsmöte för Ägare och Österåkers É-kommun';
    run(
      emu,
      `MailApp.sendEmail({ to: 'gäst@example.org'.replace('ä', 'a') + ', b@example.org', cc: 'c@example.org', bcc: 'd@example.org',
         subject: ${JSON.stringify(long)}, body: 'Hej Åsa!\\nVälkommen till middagen på Stadshuset. Émile är också där. ' + new Array(40).join('lång rad '),
         htmlBody: '<p>Hej <b>Åsa</b> – välkommen, Émile!</p>', name: 'Stockholms stad – Projektledning Ö', replyTo: 'svar@stockholm.se',
         attachments: [Utilities.newBlob('BEGIN:VCALENDAR\\r\\nSUMMARY:Middag på Stadshuset\\r\\nEND:VCALENDAR\\r\\n', 'text/calendar', 'inbjudan.ics'),
                       Utilities.newBlob([0, -1, 10, 127, -128], 'application/octet-stream', 'bilaga-ö.bin')] });`,
    );
    const [entry] = emu.outbox();
    expect(entry).toMatchObject({ to: ['gast@example.org', 'b@example.org'], cc: ['c@example.org'], bcc: ['d@example.org'], subject: long });
    expect(entry.file && entry.file.startsWith(dir)).toBe(true);
    const raw = fs.readFileSync(entry.file as string, 'utf8');
    expect(raw).toMatch(/^MIME-Version: 1\.0\r$/m);
    expect(raw).toMatch(/^Message-ID: <[^>]+>\r$/m);
    expect([...raw].every((ch) => ch.charCodeAt(0) < 128)).toBe(true); // everything encoded
    expect(raw).not.toMatch(/^Bcc:/im);
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    const m = await simpleParser(raw);
    expect(m.subject).toBe(long);
    expect(m.from?.value[0]).toEqual({ name: 'Stockholms stad – Projektledning Ö', address: 'projektledare@stockholm.se' });
    expect(m.replyTo?.value[0].address).toBe('svar@stockholm.se');
    expect(m.text?.trim()).toBe(`Hej Åsa!\nVälkommen till middagen på Stadshuset. Émile är också där. ${new Array(40).join('lång rad ')}`.trim());
    expect(m.html).toContain('<p>Hej <b>Åsa</b> – välkommen, Émile!</p>');
    expect(m.date?.toISOString()).toBe('2009-12-07T09:00:00.000Z');
    expect(m.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['inbjudan.ics', 'text/calendar'],
      ['bilaga-ö.bin', 'application/octet-stream'],
    ]);
    expect(m.attachments[0].content.toString('utf8')).toContain('Middag på Stadshuset');
    expect([...m.attachments[1].content]).toEqual([0, 255, 10, 127, 128]);
  });

  // MailApp.sendEmail(message): `attachments` is "an array of files to send with the email" (BlobSource[]);
  // Utilities.newBlob(data, contentType, name) makes one (https://developers.google.com/apps-script/reference/mail/mail-app,
  // https://developers.google.com/apps-script/reference/utilities/utilities). The RSVP confirmation attaches its .ics
  // this way (src/gas/adapters.ts): a string with a text/calendar type and a file name, nothing else.
  test('attachments: a calendar blob arrives as the named text/calendar part in UTF-8; anything but a blob is refused and sends nothing', async () => {
    const emu = newEmu();
    run(emu, `MailApp.sendEmail({ to: 'a@example.org', subject: 'Ditt svar', body: 'b', htmlBody: '<p>b</p>',
      attachments: [Utilities.newBlob('BEGIN:VCALENDAR\\r\\nBEGIN:VEVENT\\r\\nSUMMARY:Middag – Öppning\\r\\nEND:VEVENT\\r\\nEND:VCALENDAR\\r\\n', 'text/calendar; charset=utf-8', 'program.ics')] });`);
    const [entry] = emu.outbox();
    expect(entry.attachments).toEqual(['program.ics']);
    const m = await simpleParser(emu.eml(entry.id));
    expect(m.attachments.map((a) => [a.filename, a.contentType])).toEqual([['program.ics', 'text/calendar']]);
    expect(m.attachments[0].content.toString('utf8')).toContain('SUMMARY:Middag – Öppning');
    const bad = exec(emu, `MailApp.sendEmail({ to: 'a@example.org', subject: 's', body: 'b', attachments: ['BEGIN:VCALENDAR'] });`);
    expect(bad.error?.message).toBe('Invalid argument: attachments');
    expect(emu.outbox()).toHaveLength(1);
  });

  test('positional forms and a text-only message', async () => {
    const emu = newEmu();
    run(emu, `MailApp.sendEmail('a@example.org', 'Ämne', 'Text'); MailApp.sendEmail('b@example.org', 'r@example.org', 'S2', 'B2'); MailApp.sendEmail('c@example.org', 'S3', 'B3', { htmlBody: '<i>x</i>', name: 'N' });`);
    const [a, b, c] = emu.outbox();
    const ma = await simpleParser(emu.eml(a.id));
    expect([ma.subject, ma.text?.trim(), ma.html]).toEqual(['Ämne', 'Text', false]);
    const mb = await simpleParser(emu.eml(b.id));
    expect([mb.subject, mb.replyTo?.value[0].address, mb.text?.trim()]).toEqual(['S2', 'r@example.org', 'B2']);
    const mc = await simpleParser(emu.eml(c.id));
    expect([mc.from?.value[0].name, mc.html]).toEqual(['N', '<i>x</i>']);
  });

  test('daily recipient quota, reset on the Stockholm date; invalid address', () => {
    const clock = manualClock('2009-12-07T22:00:00Z'); // 23:00 in Stockholm
    const emu = newEmu({ dailyMailQuota: 3, clock });
    expect(run(emu, `MailApp.sendEmail({ to: 'a@example.org,b@example.org', subject: 's', body: 'b' }); return MailApp.getRemainingDailyQuota();`)).toBe(1);
    const over = exec(emu, `MailApp.sendEmail({ to: 'a@example.org', cc: 'b@example.org', subject: 's', body: 'b' });`);
    expect(over.error?.message).toBe('Service invoked too many times for one day: email.');
    expect(emu.outbox()).toHaveLength(1);
    expect(exec(emu, `MailApp.sendEmail('not-an-address', 's', 'b');`).error?.message).toBe('Invalid email: not-an-address');
    clock.advance(60 * 60 * 1000); // 00:00 next day in Stockholm (still 7 Dec in UTC... 23:00Z)
    expect(run(emu, `return MailApp.getRemainingDailyQuota();`)).toBe(3);
  });
});

test('a per-recipient failure throws Google\'s message and sends nothing', () => {
  const emu = new Emulator({ owner: 'owner@example.org' });
  emu.mailFailures = (a) => (a === 'nej@example.org' ? 'Invalid email: nej@example.org' : null);
  const code = `function send(to) { MailApp.sendEmail({ to: to, subject: 'x', body: 'y' }); }`;
  const bad = emu.runExecution(code, 'send', ['nej@example.org'], { user: 'owner@example.org' });
  expect(bad.error?.message).toBe('Invalid email: nej@example.org');
  expect(emu.outbox()).toHaveLength(0);
  expect(emu.runExecution(code, 'send', ['ja@example.org'], { user: 'owner@example.org' }).ok).toBe(true);
  expect(emu.outbox()).toHaveLength(1);
});

// MailApp's reference (…/reference/mail/mail-app) documents no error that proves a mail did not leave; a timeout or
// "Service error" after Gmail accepted the message is possible (issue 8), so the emulator can report one.
test('a failure after delivery: the mail is in the outbox and the call still throws', () => {
  const emu = new Emulator({ owner: 'owner@example.org' });
  emu.mailFailsAfterDelivery = (a) => (a === 'sen@example.org' ? 'Service error: Gmail' : null);
  const code = `function send(to) { MailApp.sendEmail({ to: to, subject: 'x', body: 'y' }); }`;
  const late = emu.runExecution(code, 'send', ['sen@example.org'], { user: 'owner@example.org' });
  expect(late.error?.message).toBe('Service error: Gmail');
  expect(emu.outbox().map((m) => m.to)).toEqual([['sen@example.org']]);
});
