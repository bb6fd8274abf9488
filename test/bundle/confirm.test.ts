/**
 * The confirmation of a guest's answer in the built Code.js (src/app/confirm.ts): one mail in the guest's
 * language with the .ics of the accepted items attached as a blob. MailApp.sendEmail(message) takes
 * `attachments`, "an array of files to send with the email" (BlobSource[]), and Utilities.newBlob(data,
 * contentType, name) makes one (https://developers.google.com/apps-script/reference/mail/mail-app,
 * …/reference/utilities/utilities); the emulator's MailApp writes them into the .eml
 * (test/unit/emulator/mail.test.ts). The answer's execution is killed at every effect, before and after it
 * takes effect, and the guest sends the same answer again: the answer is saved, and the guest never gets two
 * confirmations. The day's quota used up: saved all the same, and the guest is told.
 */
import { simpleParser } from 'mailparser';
import type { Emulator } from '../../src/sandbox/emulator';
import { CODE, PL, api, logActions, newEmulator, run } from '../support/bundle';
import { EFFECT } from '../support/crash-sweep';
import { guests, rsvpKeys, sendAll, workbookWithGuests } from '../support/invitations';

jest.setTimeout(120_000);

const ANON = { user: '', effectiveUser: PL, webApp: true };
interface Item { id: string; title: string; type: string }
type Saved = { ok: boolean; data: { saved: boolean; message: { sv: string; en: string }; view: { calendar: string } } };

let base: Emulator;
let items: Item[];
let ids: string[];
let dinner: string;
const keys = new Map<string, Record<string, string>>();

const fork = (emu: Emulator): Emulator => newEmulator({ initialState: emu.state });
const say = (g: string, a: (id: string) => string) => ({ ...keys.get(g), answers: Object.fromEntries(ids.map((x) => [x, a(x)])) });
const submit = (emu: Emulator, input: object) => run(emu, 'submitRsvp', [input], ANON).result as Saved;
const confirmations = (emu: Emulator, to: string) => emu.outbox().filter((m) => m.to[0] === to && /^(Ditt svar|Your reply):/.test(m.subject));
const cell = (emu: Emulator, id: string) => String(guests(emu).find((g) => g['ID'] === id)!['Svar per punkt']);

beforeAll(async () => {
  base = workbookWithGuests(2); // G-0001 sv (gast0), G-0002 en (gast1): the conference and the dinner
  items = (api<{ items: Item[] }>(base, 'getProgram', [], PL) as { ok: true; data: { items: Item[] } }).data.items;
  dinner = items.find((i) => i.type === 'representationsmiddag')!.id;
  sendAll(base);
  for (const [g, k] of await rsvpKeys(base)) keys.set(g, k);
  ids = String(guests(base)[0]['Evenemang']).split(';').map((s) => s.trim());
  expect(ids).toContain(dinner);
});

test('both languages: one confirmation each, a VEVENT per accepted item in the attached .ics, none for the declined', async () => {
  const e = fork(base);
  expect(submit(e, say('G-0001', (x) => (x === dinner ? 'nej' : 'ja'))).data.saved).toBe(true);
  const r = submit(e, say('G-0002', () => 'ja'));
  expect(r.data.message.en).toContain('A confirmation with the calendar file has been sent to your e-mail.');
  const [sv, en] = [confirmations(e, 'gast0@example.org'), confirmations(e, 'gast1@example.org')];
  expect([sv.length, en.length]).toEqual([1, 1]);
  const title = (id: string) => items.find((i) => i.id === id)!.title;
  for (const [m, lang, accepted] of [[sv[0], 'sv', ids.filter((x) => x !== dinner)], [en[0], 'en', ids]] as const) {
    const mail = await simpleParser(e.eml(m.id));
    expect(mail.subject).toMatch(lang === 'sv' ? /^Ditt svar: / : /^Your reply: /);
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([[lang === 'sv' ? 'program.ics' : 'programme.ics', 'text/calendar']]);
    const ics = mail.attachments[0].content.toString('utf8').replace(/\r\n /g, '');
    const summaries = ics.split('BEGIN:VEVENT').slice(1).map((v) => /SUMMARY:(.*)/.exec(v)![1].trim());
    expect(summaries).toHaveLength(accepted.length);
    for (const id of accepted) expect(summaries.some((s) => s.endsWith(title(id)))).toBe(true);
    if (lang === 'sv') expect(summaries.some((s) => s.endsWith(title(dinner)))).toBe(false);
    expect(String(mail.text)).toContain(lang === 'sv' ? 'Hej Gäst0!' : 'Hello Gäst1,');
  }
  // The same answer again: nothing changed, nothing mailed.
  submit(e, say('G-0002', () => 'ja'));
  expect(confirmations(e, 'gast1@example.org')).toHaveLength(1);
});

test.each(['before', 'after'] as const)('the answer killed at every effect (%s), then sent again: saved, and never two confirmations', (when) => {
  const calls: { n: number; key: string }[] = [];
  const answer = say('G-0001', () => 'ja');
  const e0 = fork(base);
  e0.runExecution(CODE, 'submitRsvp', [answer], { authMode: 'FULL', ...ANON, hooks: { afterCall: (c) => calls.push({ n: c.n, key: `${c.cls}.${c.method}` }) } });
  expect(confirmations(e0, 'gast0@example.org')).toHaveLength(1);
  const points = calls.filter((c) => EFFECT.test(c.key)).map((c) => c.n);
  expect(calls.some((c) => c.key === 'MailApp.sendEmail')).toBe(true);
  const seen = [0, 0];
  for (const k of points) {
    const e = fork(base);
    const r = e.runExecution(CODE, 'submitRsvp', [answer], { authMode: 'FULL', ...ANON, faults: { failAtCall: k, when } });
    expect(r.ok).toBe(false);
    const again = submit(e, answer); // the guest sends again
    const n = confirmations(e, 'gast0@example.org').length;
    const label = `call ${k} (${calls.find((c) => c.n === k)?.key}), ${when}: ${again.data.saved ? 'saved' : 'not saved'}, ${cell(e, 'G-0001')}, ${n} confirmations`;
    expect([label, again.data.saved && ids.every((x) => cell(e, 'G-0001').includes(`${x}: ja`)) && n <= 1]).toEqual([label, true]);
    seen[n]++;
  }
  // A death before the answer's commit mails after the guest sends again; one between the commit and the mail loses it (the page has the .ics).
  expect(seen[1]).toBeGreaterThan(0);
});

test('the day\'s quota used up: the answer is saved, the guest is told the confirmation could not be mailed and gets the .ics on the page', () => {
  const e = fork(base);
  e.setDailyMailQuota(e.outbox().length);
  const r = submit(e, say('G-0002', (x) => (x === dinner ? 'nej' : 'ja')));
  expect(r.data.saved).toBe(true);
  expect(r.data.message.en).toContain('The confirmation could not be e-mailed just now, but your reply is saved. Download the calendar file here on the page.');
  expect(r.data.view.calendar).toContain('BEGIN:VEVENT');
  expect(cell(e, 'G-0002')).toContain(`${dinner}: nej`);
  expect(confirmations(e, 'gast1@example.org')).toHaveLength(0);
  expect(logActions(e).slice(-2)).toEqual(['gäst.svar', 'gäst.bekräftelse-misslyckad']);
  const sv = submit(fork(base), say('G-0001', () => 'ja'));
  expect(sv.data.message.sv).toContain('En bekräftelse med kalenderfilen har skickats till din e-post.');
});

/**
 * Where the project leader sees a confirmation that did not arrive, and "Skicka bekräftelsen igen"
 * (src/app/confirm-resend.ts). MailApp throws "Service invoked too many times" before sending when the
 * quota is used up (https://developers.google.com/apps-script/guides/services/quotas); any other error
 * may come after Gmail took the mail (the emulator's failure-after-delivery mode), so that one is not resent.
 */
describe('a confirmation that did not arrive', () => {
  type Listed = { id: string; confirmation: { kind: string; at: string; resend: boolean } | null };
  const listed = (e: Emulator, id: string) => (api<{ list: { guests: Listed[] } }>(e, 'getGuests', [], PL) as { ok: true; data: { list: { guests: Listed[] } } })
    .data.list.guests.find((g) => g.id === id)!.confirmation;
  const failedQuota = (): Emulator => {
    const e = fork(base);
    e.setDailyMailQuota(e.outbox().length);
    submit(e, say('G-0002', () => 'ja'));
    e.setDailyMailQuota(e.outbox().length + 10); // the next day
    return e;
  };

  test('the quota used up: Gäster lists it with the resend; the resend mails one confirmation with the .ics, then is refused', () => {
    const e = failedQuota();
    expect(listed(e, 'G-0002')).toMatchObject({ kind: 'kvot', resend: true });
    expect(String(guests(e).find((g) => g['ID'] === 'G-0002')!['Anteckning'])).toMatch(/^\[Bekräftelse\] kvot .*dagens mejlkvot var slut/);
    const r = api<{ message: string }>(e, 'resendConfirmation', [{ id: 'G-0002' }], PL);
    expect(r).toEqual({ ok: true, data: { message: 'Bekräftelsen till G-0002 är skickad igen.' } });
    expect(confirmations(e, 'gast1@example.org').map((m) => m.attachments)).toEqual([['programme.ics']]);
    expect(listed(e, 'G-0002')).toBeNull();
    const again = api(e, 'resendConfirmation', [{ id: 'G-0002' }], PL);
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining('G-0002 har ingen bekräftelse som bevisligen inte gick iväg') });
    expect(api(e, 'resendConfirmation', [{ id: 'G-0002' }], 'styrgrupp@example.org')).toMatchObject({ ok: false, message: expect.stringContaining('bara projektledaren') });
  });

  test('an error after delivery: listed as unknown, not resent', () => {
    const e = fork(base);
    e.mailFailsAfterDelivery = (addr) => (addr === 'gast0@example.org' ? 'Service error: Mail' : null);
    submit(e, say('G-0001', () => 'ja'));
    e.mailFailsAfterDelivery = null;
    expect(listed(e, 'G-0001')).toMatchObject({ kind: 'osäker', resend: false });
    expect(api(e, 'resendConfirmation', [{ id: 'G-0001' }], PL)).toMatchObject({ ok: false, message: expect.stringContaining('Bekräftelsen till G-0001 kan ha gått iväg') });
    expect(confirmations(e, 'gast0@example.org')).toHaveLength(1); // the one Gmail took
  });

  // `between`: another change saved before the second press, whose commit settles the dead one (Logg's `journal.ej-genomförd`).
  test.each([['before', false], ['after', false], ['before', true], ['after', true]] as const)('the resend killed at every effect (%s; another change saved between: %s), then pressed again: never two confirmations', (when, between) => {
    const b = failedQuota();
    const calls: { n: number; key: string }[] = [];
    const e0 = fork(b);
    e0.runExecution(CODE, 'resendConfirmation', [{ id: 'G-0002' }], { authMode: 'FULL', user: PL, hooks: { afterCall: (c) => calls.push({ n: c.n, key: `${c.cls}.${c.method}` }) } });
    expect(confirmations(e0, 'gast1@example.org')).toHaveLength(1);
    const points = calls.filter((c) => EFFECT.test(c.key)).map((c) => c.n);
    expect(calls.some((c) => c.key === 'MailApp.sendEmail')).toBe(true);
    const seen = [0, 0];
    for (const k of points) {
      const e = fork(b);
      const r = e.runExecution(CODE, 'resendConfirmation', [{ id: 'G-0002' }], { authMode: 'FULL', user: PL, faults: { failAtCall: k, when } });
      expect(r.ok).toBe(false);
      if (between) expect(api(e, 'saveGuest', [{ id: 'G-0001', note: `Ändrad ${k}` }], PL).ok).toBe(true);
      api(e, 'resendConfirmation', [{ id: 'G-0002' }], PL); // pressed again
      const n = confirmations(e, 'gast1@example.org').length;
      const c = listed(e, 'G-0002');
      const label = `call ${k} (${calls.find((x) => x.n === k)?.key}), ${when}: ${n} confirmations, ${c?.kind ?? 'no note'}`;
      // One sent, or none with the note saying it may have left (never resendable again).
      expect([label, n === 1 || (n === 0 && c?.kind === 'skickas' && !c.resend)]).toEqual([label, true]);
      seen[n]++;
    }
    expect(seen[1]).toBeGreaterThan(0);
  });
});
