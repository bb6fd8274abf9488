/**
 * What one guest's invitation holds (src/app/merge.ts, buildInvitation, as the preview shows it and a batch
 * sends it): the guest's programme items with dates and times in their language, the reason when the RSVP
 * link can't be made, and headers MailApp can take: the recipient and reply-to without spaces around them,
 * the sender name without a line break or quote (a header's end), whatever set-up sealed on Evenemang.
 */
import { previewInvitation, sendBatch } from '../../../src/app/merge';
import { UserError } from '../../../src/core/msg';
import { COL, link, setup } from './merge-fixture';

test('{{Inbjuden till}}: each of the guest\'s items with date and times in their language, separated by semicolons', () => {
  const p = setup(2, { before: (q) => {
    const t = q.workbook.get('templates').grid;
    t[1][2] = 'Hej {{Förnamn}}! Du är inbjuden till {{Inbjuden till}}. [Svara]({{Svarslänk}})';
    t[2][2] = 'Hi {{FirstName}}! You are invited to {{Invited to}}. [Reply]({{RsvpLink}})';
    q.workbook.get('guests').grid[2][COL.events] = 'representationsmiddagen';
  } });
  expect(previewInvitation(p, { guestId: 'G-0001' }, link).text).toContain(
    'Du är inbjuden till konferensen, 8 december 2009 09:00–17:00; konferensen, 9 december 2009 09:00–17:00; representationsmiddagen, 8 december 2009 19:00–23:00.',
  );
  expect(previewInvitation(p, { guestId: 'G-0002' }, link).text).toContain('You are invited to representationsmiddagen, 8 December 2009 19:00–23:00.');
});

test('the RSVP link can\'t be made: the guest is blocked with the link builder\'s own reason, or a plain one for any other failure', () => {
  const p = setup(1);
  const refusing = () => () => { throw new UserError({ sv: 'Webbappen är inte publicerad.', en: 'The web app is not deployed.' }); };
  const broken = () => () => { throw new Error('HMAC key missing'); };
  expect(previewInvitation(p, { guestId: 'G-0001' }, refusing).blocked).toEqual([{ sv: 'Webbappen är inte publicerad.', en: 'The web app is not deployed.' }]);
  expect(previewInvitation(p, { guestId: 'G-0001' }, broken).blocked).toEqual([{ sv: 'Svarslänken kunde inte skapas.', en: 'The RSVP link could not be made.' }]);
});

test('headers: recipient and reply-to without surrounding spaces, the sender name without line breaks or quotes', () => {
  const p = setup(1, { before: (q) => {
    q.workbook.get('guests').grid[1][COL.email] = ' g0@example.se ';
    const e = q.workbook.get('event').grid;
    e[1][1] = ' summit@stockholm.se ';
    e.push(['Avsändarnamn', 'Eva "Summit"\r\nBcc: x@example.com', '']);
  } });
  sendBatch(p, { batchSize: 1 }, link);
  expect(p.mailer.sent.map((m) => [m.to, m.name, m.replyTo])).toEqual([['g0@example.se', 'Eva  Summit Bcc: x@example.com', 'summit@stockholm.se']]);
});

test('a reply-to that is no address is left out (replies go to the sender)', () => {
  const p = setup(1, { before: (q) => { q.workbook.get('event').grid[1][1] = 'summit at stockholm'; } });
  sendBatch(p, { batchSize: 1 }, link);
  expect(p.mailer.sent).toHaveLength(1);
  expect(p.mailer.sent[0]).not.toHaveProperty('replyTo');
});
