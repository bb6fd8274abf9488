/**
 * The figures of "Inbjudningar" (issue 9, point 4): the send plan counts the places as Gäster
 * does (listGuests), names what it means by invited, and each batch reports every guest it
 * handled, so the page can add up one run's totals without contradicting the sheet.
 */
import { listGuests } from '../../../src/app/guests';
import { sendBatch, type SendProgress } from '../../../src/app/merge';
import { planSend } from '../../../src/app/send-plan';
import { UserError } from '../../../src/core/msg';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';

const SG = 'sg@stockholm.se';
const PL = 'pl@stockholm.se';
const link = () => (g: { id: string; version: number }) => `https://rsvp.example.se/?g=${g.id}&v=${g.version}`;

/** One guest per status, in this order (a row's e-mail is g<i>@example.se). */
function setup(statuses: readonly string[], o: { cap?: number; quota?: number; english?: boolean } = {}): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, ''], ['Max antal inbjudna', o.cap ?? 30, '']]);
  p.workbook.add('event', [['Svarsadress', 'summit@stockholm.se', '']]);
  p.workbook.add('guests', statuses.map((status, i) => [
    `G-${String(i + 1).padStart(4, '0')}`, `Förnamn${i}`, `Efternamn${i}`, '', 'Org', 'SE', `g${i}@example.se`,
    i % 2 ? 'en' : 'sv', 'konferensen', '', status, '', '', '',
  ]));
  p.workbook.add('templates', [
    ['sv', 'Inbjudan till {{Evenemang}}', 'Hej {{Förnamn}}! [Svara]({{Svarslänk}})'],
    ...(o.english === false ? [] : [['en', 'Invitation to {{Event}}', 'Dear {{FirstName}}, [Reply]({{RsvpLink}})']]),
  ]);
  p.workbook.add('log');
  if (o.quota !== undefined) p.mailer.quota = o.quota;
  return journalled(p);
}

const statusesOf = (p: MemoryPorts) => p.workbook.get('guests').records().map((r) => String(r['Status']));
const count = (xs: readonly string[], ...of: string[]) => xs.filter((x) => of.includes(x)).length;
const runAll = (p: MemoryPorts, batchSize = 10): SendProgress[] => {
  const out: SendProgress[] = [];
  for (let i = 0; i < 50; i++) {
    const r = sendBatch(p, { batchSize }, link);
    out.push(r);
    if (r.done) break;
  }
  return out;
};

describe('planSend: the places and the invited as Gäster counts them', () => {
  const MIX = ['Föreslagen', 'Godkänd', 'Inbjuden', 'Godkänd', 'Osäker', 'Misslyckad', 'Tackat ja', 'Föreslagen', 'Godkänd', 'Tackat nej', 'Återbud'];

  test('slotsUsed is listGuests().slotsUsed; invited is every mailed status; capLeft is the cap less the invited', () => {
    const p = setup(MIX, { cap: 12 });
    const plan = planSend(p, link);
    const list = listGuests(p);
    expect(plan.slotsUsed).toBe(list.slotsUsed);
    expect(plan.slotsUsed).toBe(9); // all but the two Föreslagen
    expect(plan.invited).toBe(count(MIX, 'Inbjuden', 'Osäker', 'Tackat ja', 'Tackat nej', 'Återbud'));
    expect(plan.cap).toBe(list.cap);
    expect(plan.capLeft).toBe(12 - plan.invited);
    // The approved guests are either recipients or blocked: together they are every Godkänd of the sheet.
    expect(plan.recipients.length + plan.blocked.length).toBe(count(MIX, 'Godkänd'));
    expect(plan.attention.map((a) => a.status).sort()).toEqual(['Misslyckad', 'Osäker']);
  });

  test('after a run the plan has moved by exactly what the run reported, and the places have not moved', () => {
    const p = setup(MIX, { cap: 12 });
    const before = planSend(p, link);
    const run = runAll(p, 2);
    const sent = run.reduce((s, r) => s + r.sent, 0);
    const after = planSend(p, link);
    expect(sent).toBe(before.recipients.length);
    expect(after.invited).toBe(before.invited + sent);
    expect(after.invited).toBe(statusesOf(p).filter((s) => !['Föreslagen', 'Godkänd', 'Misslyckad'].includes(s)).length);
    expect(after.slotsUsed).toBe(before.slotsUsed); // sending uses no new place: approving did
    expect(after.slotsUsed).toBe(listGuests(p).slotsUsed);
    expect(after.recipients).toHaveLength(0);
  });

  test('a cap lowered below the places in use: slotsUsed says so (as Gäster does) and capLeft stops the send', () => {
    const p = setup(['Inbjuden', 'Inbjuden', 'Godkänd', 'Godkänd', 'Godkänd'], { cap: 3 });
    const plan = planSend(p, link);
    expect(plan).toMatchObject({ slotsUsed: 5, cap: 3, invited: 2, capLeft: 1 });
    expect(plan.recipients).toHaveLength(3);
    const run = runAll(p);
    expect(run.reduce((s, r) => s + r.sent, 0)).toBe(1);
    expect(run.at(-1)).toMatchObject({ capLeft: 0, done: true, remaining: 2 });
  });

  test('the recipients are the approved guests who can be mailed, in sending order, each named with address and language', () => {
    // Guests 1, 3 and 4 are approved; guest 4 writes in English and there is no English template: blocked, not a recipient.
    const p = setup(['Godkänd', 'Föreslagen', 'Godkänd', 'Godkänd'], { english: false });
    const plan = planSend(p, link);
    expect(plan.recipients).toEqual([
      { id: 'G-0001', name: 'Förnamn0 Efternamn0', email: 'g0@example.se', language: 'sv' },
      { id: 'G-0003', name: 'Förnamn2 Efternamn2', email: 'g2@example.se', language: 'sv' },
    ]);
    expect(plan.blocked.map((b) => b.id)).toEqual(['G-0004']);
  });

  test('the quota left is what MailApp reports, in whole mails, never below none', () => {
    expect(planSend(setup(['Godkänd'], { quota: 7.9 }), link).quotaLeft).toBe(7);
    expect(planSend(setup(['Godkänd'], { quota: -2 }), link).quotaLeft).toBe(0);
  });

  test('refused to anyone but the project leader, with the role named', () => {
    for (const user of [SG, 'okand@stockholm.se', '']) {
      const p = setup(MIX);
      p.user.current = user;
      let err: unknown;
      try { planSend(p, link); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).userMessage.sv).toMatch(/projektledare/i);
    }
  });
});

describe('sendBatch reports every guest it handled', () => {
  test('sent + failed + uncertainNow of a batch is the number of guests it took; uncertain stays the sheet total', () => {
    const p = setup(['Godkänd', 'Godkänd', 'Godkänd', 'Godkänd', 'Osäker']);
    p.mailer.failFor = (m) => (m.to === 'g1@example.se' ? 'Service error: Gmail' : m.to === 'g2@example.se' ? 'Invalid email: g2@example.se' : null);
    const [r] = runAll(p);
    expect(r).toMatchObject({ sent: 2, failed: 1, uncertainNow: 1, uncertain: 2, remaining: 0, done: true });
    expect(count(statusesOf(p), 'Osäker')).toBe(r.uncertain);
  });

  test('a batch that sends nothing reports no guest handled', () => {
    const p = setup(['Inbjuden', 'Godkänd'], { quota: 0 });
    const [r] = runAll(p);
    expect(r).toMatchObject({ sent: 0, failed: 0, uncertainNow: 0, remaining: 1, quotaLeft: 0, done: true });
  });
});
