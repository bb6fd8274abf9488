/**
 * Preview and test mail (src/app/merge.ts: previewInvitation, sendTestInvitation), for the invitation and the
 * reminder: a guest whose row waits for review is neither previewed nor tested; a blocked guest's preview
 * shows only why; the test mail goes to the user alone, refused with the reason when the guest's mail can't
 * be built, the user has no usable address or the day's quota is used up, and is logged.
 */
import { previewInvitation, sendTestInvitation } from '../../../src/app/merge';
import { UserError } from '../../../src/core/msg';
import type { MemoryPorts } from '../../support/memory';
import { COL, link, logged, PL, setup, SG } from './merge-fixture';

/** Both languages' reminders beside the invitations (Typ Påminnelse). */
const withReminders = (p: MemoryPorts) => {
  p.workbook.get('templates').grid.push(
    ['sv', 'Påminnelse: {{Evenemang}}', 'Hej {{Förnamn}}! [Svara]({{Svarslänk}}) senast {{Sista svarsdag}}.', 'Påminnelse'],
    ['en', 'Reminder: {{Event}}', 'Dear {{FirstName}}, [reply]({{RsvpLink}}) by {{RsvpDeadline}}.', 'Påminnelse'],
  );
};
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e.userMessage.en;
    throw e;
  }
  throw new Error('not refused');
};
/** Hand-edits a guest's first name after set-up: the row waits for review. */
const typeName = (p: MemoryPorts, i: number) => { p.workbook.get('guests').grid[i + 1][COL.firstName] = 'Eva'; };

describe('which mail', () => {
  test('the invitation unless the reminder is asked for; any other kind refused', () => {
    const p = setup(1, { before: withReminders });
    expect(previewInvitation(p, { guestId: 'G-0001' }, link).subject).toBe('Inbjudan till Public Services Summit 2009');
    expect(previewInvitation(p, { guestId: 'G-0001', kind: 'invitation' }, link).subject).toBe('Inbjudan till Public Services Summit 2009');
    expect(previewInvitation(p, { guestId: 'G-0001', kind: 'reminder' }, link).subject).toBe('Påminnelse: Public Services Summit 2009');
    expect(refusal(() => previewInvitation(p, { guestId: 'G-0001', kind: 'thanks' }, link))).toMatch(/kind/);
  });

  test('the reminder\'s test mail: [TEST] before its subject, logged as a reminder\'s test', () => {
    const p = setup(2, { before: withReminders });
    expect(sendTestInvitation(p, { guestId: 'G-0002', kind: 'reminder' }, link)).toEqual({ to: PL });
    expect(p.mailer.sent.map((m) => [m.to, m.subject])).toEqual([[PL, '[TEST] Reminder: Public Services Summit 2009']]);
    expect(logged(p)).toEqual([{ action: 'påminnelse.test', object: 'G-0002', before: '', after: JSON.stringify({ till: PL }) }]);
  });
});

describe('a guest whose row waits for review', () => {
  test.each([
    ['preview', (p: MemoryPorts) => previewInvitation(p, { guestId: 'G-0002' }, link)],
    ['test mail', (p: MemoryPorts) => sendTestInvitation(p, { guestId: 'G-0002' }, link)],
  ])('%s refused, naming the change', (_what, run) => {
    const p = setup(2);
    typeName(p, 1);
    expect(refusal(() => run(p))).toMatch(/^Guest G-0002 cannot be changed now: Gäster row 3 \(G-0002\): changed outside Summit Planner \(Förnamn Förnamn1 → Eva\)/);
    expect(p.mailer.sent).toHaveLength(0);
  });

  test('a guest row deleted outside the add-on: refused, naming the deletion', () => {
    const p = setup(2);
    p.workbook.get('guests').grid.splice(2, 1);
    expect(refusal(() => previewInvitation(p, { guestId: 'G-0002' }, link))).toMatch(/^Guest G-0002 cannot be changed now: Gäster: the row G-0002 was removed outside Summit Planner\./);
  });
});

describe('preview', () => {
  test('a blocked guest: only the reasons, nothing of a mail', () => {
    const p = setup(1, { before: (q) => { q.workbook.get('guests').grid[1][COL.language] = 'de'; } });
    expect(previewInvitation(p, { guestId: 'G-0001' }, link)).toEqual({
      guestId: 'G-0001', to: 'g0@example.se', blocked: [{ sv: 'Okänt språk "de".', en: 'Unknown language "de".' }],
      subject: '', html: '', text: '', attachments: [], ics: '',
    });
  });

  test('a guest invited to the programme: the calendar file is shown with its name; without items, no attachment', () => {
    const p = setup(2, { before: (q) => { q.workbook.get('guests').grid[2][COL.events] = ''; } });
    const withItems = previewInvitation(p, { guestId: 'G-0001' }, link);
    expect(withItems.attachments).toEqual(['inbjudan.ics']);
    expect(withItems.ics).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*UID:[\s\S]*END:VCALENDAR\r\n$/);
    const without = previewInvitation(p, { guestId: 'G-0002' }, link);
    expect([without.blocked, without.attachments, without.ics]).toStrictEqual([[], [], '']);
  });
});

describe('test mail', () => {
  test('the guest\'s mail can\'t be built: refused with the reasons (invitation or reminder), nothing sent or logged', () => {
    const p = setup(1, { before: (q) => { withReminders(q); q.workbook.get('guests').grid[1][COL.email] = 'not an address'; } });
    expect(refusal(() => sendTestInvitation(p, { guestId: 'G-0001' }, link))).toBe('The invitation cannot be sent: Invalid e-mail address "not an address".');
    expect(refusal(() => sendTestInvitation(p, { guestId: 'G-0001', kind: 'reminder' }, link))).toBe('The reminder cannot be sent: Invalid e-mail address "not an address".');
    expect(p.mailer.sent).toHaveLength(0);
    expect(logged(p)).toEqual([]);
  });

  test('the day\'s quota used up: refused (invitation or reminder); the last mail of the day still goes', () => {
    const p = setup(1, { quota: 0, before: withReminders });
    expect(refusal(() => sendTestInvitation(p, { guestId: 'G-0001' }, link))).toMatch(/^Today's e-mail quota is used up\. .*run Send invitations again tomorrow/);
    expect(refusal(() => sendTestInvitation(p, { guestId: 'G-0001', kind: 'reminder' }, link))).toMatch(/^Today's e-mail quota is used up\. .*continue the round tomorrow/);
    expect(p.mailer.sent).toHaveLength(0);
    p.mailer.quota = 1;
    expect(sendTestInvitation(p, { guestId: 'G-0001' }, link)).toEqual({ to: PL });
    expect(logged(p)).toEqual([{ action: 'inbjudan.test', object: 'G-0001', before: '', after: JSON.stringify({ till: PL }) }]);
  });

  test('a user whose address is no usable one (a project leader listed as "pl@stockholm"): refused, nothing sent', () => {
    const p = setup(1, { user: 'pl@stockholm', before: (q) => { q.workbook.get('settings').grid[2][1] = 'pl@stockholm'; } });
    expect(refusal(() => sendTestInvitation(p, { guestId: 'G-0001' }, link))).toBe('Your e-mail address is unknown; the test cannot be sent.');
    expect(p.mailer.sent).toHaveLength(0);
  });

  test('the steering group may test too, to their own address', () => {
    const p = setup(1, { user: SG });
    expect(sendTestInvitation(p, { guestId: 'G-0001' }, link)).toEqual({ to: SG });
    expect(p.mailer.sent.map((m) => m.to)).toEqual([SG]);
  });
});
