/**
 * "Skicka bekräftelsen igen" and "Markera som hanterad" (src/app/confirm-resend.ts) at the edges confirm.test.ts
 * leaves open: Logg decides (a later answer without a confirmation leaves the failure standing, another guest's entries
 * count for nothing, a confirmation mailed since ends it), a resend that died after its Logg entry (its Gäster write
 * landed: it may have mailed, never again; it did not land: it mailed nothing, so the failure stands, whether the
 * journal still holds it as pending or Logg already says `journal.ej-genomförd`), the mark the mail goes out under,
 * the mail without a link, and the refusals of a row that waits for review or is gone. Found by StrykerJS mutants
 * that survived (npm run test:mutation).
 */
import { dismissConfirmation, resendConfirmation } from '../../../src/app/confirm-resend';
import { CONFIRM_TAG, confirmNoteLine } from '../../../src/app/confirm';
import { withTaggedNote } from '../../../src/app/invite-rows';
import { checkTable, Journal, JOURNAL_KEY, parseJournal, Tx, type JournalState } from '../../../src/app/journal';
import { answerRsvp } from '../../../src/app/rsvp';
import type { RsvpLinks } from '../../../src/app/merge';
import { UserError } from '../../../src/core/msg';
import type { MemoryPorts } from '../../support/memory';
import { keyOf, setupItems, verify } from '../../support/rsvp-items';

const PL = 'pl@stockholm.se';
const links: RsvpLinks = () => (g) => `https://example.org/exec?g=${g.id}&v=${g.version}`;
const say = (p: MemoryPorts, id: string, answers: Record<string, string>) => answerRsvp(p, { ...keyOf(id), answers }, verify, links());
const YES = { 'P-001': 'ja', 'P-002': 'ja' };
const confirmations = (p: MemoryPorts) => p.mailer.sent.filter((m) => /^(Ditt svar|Your reply):/.test(m.subject));
const logRows = (p: MemoryPorts) => p.workbook.get('log').records();
const note = (p: MemoryPorts, id: string) => String(p.workbook.get('guests').records().find((g) => g.ID === id)!['Anteckning']);
const as = <T>(p: MemoryPorts, f: () => T): T => { p.user.current = PL; try { return f(); } finally { p.user.current = ''; } };
/** `l` null: no links given (the sidebar's call without a web app). */
const resend = (p: MemoryPorts, id: string, l: RsvpLinks | null = links) => as(p, () => resendConfirmation(p, { id }, l ?? undefined));
const dismiss = (p: MemoryPorts, id: string) => as(p, () => dismissConfirmation(p, { id }));
const refusal = (f: () => unknown): { sv: string; field: string | undefined } => {
  try { f(); } catch (e) { if (e instanceof UserError) return { sv: e.userMessage.sv, field: e.field }; throw e; }
  throw new Error('not refused');
};
const anchor = (p: MemoryPorts): JournalState => parseJournal(p.properties.get(JOURNAL_KEY))!;
const setAnchor = (p: MemoryPorts, s: JournalState) => p.properties.set(JOURNAL_KEY, JSON.stringify(s));
const noFailure = (id: string) => `${id} har ingen bekräftelse som bevisligen inte gick iväg (enligt Logg): den skickas inte igen.`;
const mayHaveLeft = (id: string) =>
  `Bekräftelsen till ${id} kan ha gått iväg (Gmail svarade med ett fel efter försöket, eller utfallet sparades inte) och skickas inte igen. Kontrollera Skickat; gästen kan ladda ner kalenderfilen på svarssidan.`;

/** Items as setupItems makes them; G-0002's (Bertil's) confirmation of a yes to both was not mailed: the day's quota was used up. */
function quotaFailed(): MemoryPorts {
  const p = setupItems('5');
  p.mailer.quota = 0;
  say(p, 'G-0002', YES);
  p.mailer.quota = 10;
  return p;
}

/**
 * A resend of G-0002's confirmation that died after its commit (Logg's `gäst.bekräftelse-igen`), before the mail:
 * `landed` whether its Gäster write (the note's `skickas`) landed. The anchor still holds the write as pending, as
 * the journal leaves it (src/app/journal.ts): the next commit settles it.
 */
function deadResend(p: MemoryPorts, landed: boolean): void {
  const before = anchor(p);
  const grid = p.workbook.get('guests').grid.map((r) => r.slice());
  p.lock.withLock(1000, () => {
    const j = new Journal(p).fresh();
    const c = checkTable(j, 'guests');
    const r = c.rows.find((x) => x.key === 'G-0002')!;
    new Tx(j).put(c, r.index, { Anteckning: withTaggedNote('', CONFIRM_TAG, confirmNoteLine({ kind: 'skickas', at: p.clock.now().toISOString() })) }, {
      action: 'gäst.bekräftelse-igen', object: 'G-0002', after: { bekräftelse: 'skickas' },
    }).commit();
  });
  const after = anchor(p);
  if (!landed) p.workbook.get('guests').grid = grid;
  const m = before.t.guests!;
  setAnchor(p, { ...after, t: { ...after.t, guests: { n: m.n, s: m.s, alt: { n: after.t.guests!.n, s: after.t.guests!.s, from: before.n + 1, to: after.n } } } });
}

describe('Logg decides whether the confirmation is mailed again', () => {
  test('a later save of the same answer (no confirmation with it) leaves the failure standing; another guest\'s confirmation is not hers', () => {
    const p = quotaFailed();
    say(p, 'G-0002', YES);
    say(p, 'G-0001', YES);
    expect(confirmations(p).map((m) => m.to)).toEqual(['astrid@example.se']);
    expect(resend(p, 'G-0002').message.sv).toBe('Bekräftelsen till G-0002 är skickad igen.');
    expect(confirmations(p).map((m) => m.to)).toEqual(['astrid@example.se', 'bertil@example.se']);
  });

  test('a changed answer confirmed by mail since: nothing left to resend', () => {
    const p = quotaFailed();
    say(p, 'G-0002', { 'P-001': 'ja', 'P-002': 'nej' });
    expect(confirmations(p)).toHaveLength(1);
    expect(refusal(() => resend(p, 'G-0002'))).toEqual({ field: 'id', sv: noFailure('G-0002') });
    expect(confirmations(p)).toHaveLength(1);
  });

  test('no confirmation ever (the guest has not answered): refused at the ID', () => {
    const p = setupItems('5');
    expect(refusal(() => resend(p, 'G-0003'))).toEqual({ field: 'id', sv: noFailure('G-0003') });
  });

  test('a failure whose Logg entry can\'t be read (its Efter is no JSON) proves nothing: not resent', () => {
    const p = quotaFailed();
    const log = p.workbook.get('log').grid;
    const at = log.findIndex((r) => r[2] === 'gäst.bekräftelse-misslyckad' && r[3] === 'G-0002');
    log[at][5] = '{"bekräftelse": "ej skickad", "skäl": "kvot"';
    expect(refusal(() => resend(p, 'G-0002'))).toEqual({ field: 'id', sv: noFailure('G-0002') });
    expect(confirmations(p)).toHaveLength(0);
  });

  test('a resend whose Gäster write landed before the execution died may have mailed: never again, and says so', () => {
    const p = quotaFailed();
    deadResend(p, true);
    expect(note(p, 'G-0002')).toMatch(/^\[Bekräftelse\] skickas /);
    expect(refusal(() => resend(p, 'G-0002'))).toEqual({ field: 'id', sv: mayHaveLeft('G-0002') });
    expect(confirmations(p)).toHaveLength(0);
  });

  test('a resend whose Gäster write did not land mailed nothing (the mail follows the commit): the failure stands, still pending in the journal', () => {
    const p = quotaFailed();
    deadResend(p, false);
    expect(note(p, 'G-0002')).toMatch(/^\[Bekräftelse\] kvot /);
    expect(resend(p, 'G-0002').message.sv).toBe('Bekräftelsen till G-0002 är skickad igen.');
    expect(confirmations(p).map((m) => m.to)).toEqual(['bertil@example.se']);
    expect(refusal(() => resend(p, 'G-0002'))).toEqual({ field: 'id', sv: noFailure('G-0002') });
  });

  test('… and the same once a later commit has settled it (Logg: journal.ej-genomförd, entries from–to)', () => {
    const p = quotaFailed();
    deadResend(p, false);
    say(p, 'G-0001', YES);
    const settled = logRows(p).filter((r) => r['Åtgärd'] === 'journal.ej-genomförd');
    expect(settled.map((r) => r['Objekt'])).toEqual(['Gäster']);
    // Two-digit entry numbers: Logg held more than nine entries before the dead resend.
    expect(String(settled[0]['Efter'])).toMatch(/^\{"poster":"\d{2,}–\d{2,}"\}$/);
    expect(resend(p, 'G-0002').message.sv).toBe('Bekräftelsen till G-0002 är skickad igen.');
    expect(confirmations(p).map((m) => m.to)).toEqual(['astrid@example.se', 'bertil@example.se']);
    // Only the dead transaction's entries are left out: the resend that went counts, so never a third mail.
    expect(refusal(() => resend(p, 'G-0002'))).toEqual({ field: 'id', sv: noFailure('G-0002') });
    expect(confirmations(p)).toHaveLength(2);
  });

  test('a second resend that died after its Gäster write landed, right after one that did not: it may have mailed, never again', () => {
    const p = quotaFailed();
    deadResend(p, false);
    // The next resend's commit settles the first (journal.ej-genomförd) and logs its own entry right after it.
    deadResend(p, true);
    expect(logRows(p).slice(-2).map((r) => [r['Åtgärd'], r['Objekt']])).toEqual([['journal.ej-genomförd', 'Gäster'], ['gäst.bekräftelse-igen', 'G-0002']]);
    expect(refusal(() => resend(p, 'G-0002'))).toEqual({ field: 'id', sv: mayHaveLeft('G-0002') });
    expect(confirmations(p)).toHaveLength(0);
  });
});

describe('the resend', () => {
  test('the note says `skickas` and Logg has the resend (committed) while the mail goes; then it is logged as sent and the line goes', () => {
    const p = quotaFailed();
    const seen: string[] = [];
    p.mailer.failFor = () => {
      seen.push(note(p, 'G-0002'));
      seen.push(...logRows(p).filter((r) => r['Objekt'] === 'G-0002').slice(-1).map((r) => `${String(r['Åtgärd'])} ${String(r['Efter'])}`));
      return null;
    };
    resend(p, 'G-0002');
    expect(seen).toEqual([
      `[Bekräftelse] skickas ${p.clock.now().toISOString()}: Bekräftelsen skickades igen men utfallet hann inte sparas – okänt om den gick iväg (kontrollera Skickat i projektledarens konto). Den skickas inte igen; gästen kan ladda ner kalenderfilen på svarssidan.`,
      'gäst.bekräftelse-igen {"bekräftelse":"skickas"}',
    ]);
    expect(note(p, 'G-0002')).toBe('');
    const last = logRows(p).filter((r) => r['Objekt'] === 'G-0002').at(-1)!;
    expect([last['Åtgärd'], last['Efter'], last['Användare']]).toEqual(['gäst.bekräftelse-skickad', '{"bekräftelse":"skickad"}', PL]);
  });

  test('without a web app URL (the links throw, or none are given) the mail goes without the link', () => {
    const throwing: RsvpLinks = () => () => { throw new Error('no web app URL'); };
    for (const l of [throwing, null]) {
      const p = quotaFailed();
      expect(resend(p, 'G-0002', l).message.sv).toBe('Bekräftelsen till G-0002 är skickad igen.');
      const [m, ...more] = confirmations(p);
      expect(more).toHaveLength(0);
      expect(m.textBody).toContain('Middagen (P-002)');
      // The link's line is left empty.
      expect(m.textBody).toContain('until the reply deadline:\n\n\nThe parts you will attend are in the attached calendar file.');
    }
  });

  test('the quota used up again: the resend says why it failed, and may be tried again tomorrow', () => {
    const p = quotaFailed();
    p.mailer.quota = 0;
    expect(resend(p, 'G-0002').message.sv).toBe('G-0002: Bekräftelsen kunde inte mejlas: dagens mejlkvot var slut. Gästen kan ladda ner kalenderfilen på svarssidan; när kvoten räcker igen (i morgon) kan projektledaren välja Skicka bekräftelsen igen i Gäster.');
    p.mailer.quota = 10;
    expect(resend(p, 'G-0002').message.sv).toBe('Bekräftelsen till G-0002 är skickad igen.');
    expect(confirmations(p)).toHaveLength(1);
  });

  test('the failure stands but the guest has since declined everything: nothing to send, refused at the ID', () => {
    const p = quotaFailed();
    say(p, 'G-0002', { 'P-001': 'nej', 'P-002': 'nej' });
    expect(refusal(() => resend(p, 'G-0002'))).toEqual({ field: 'id', sv: 'G-0002 har inte tackat ja till något nu: det finns ingen bekräftelse att skicka.' });
    expect(confirmations(p)).toHaveLength(0);
  });

  test('a guest not on the list; a row changed on the sheet or deleted from it waits for review', () => {
    const p = quotaFailed();
    expect(refusal(() => resend(p, 'G-0099'))).toEqual({ field: undefined, sv: 'Gästen G-0099 finns inte i listan.' });
    expect(refusal(() => dismiss(p, 'G-0099'))).toEqual({ field: undefined, sv: 'Gästen G-0099 finns inte i listan.' });
    p.workbook.get('guests').grid[2][1] = 'Berit';
    expect(refusal(() => resend(p, 'G-0002')).sv).toMatch(/^Gästen G-0002 kan inte ändras nu:/);
    expect(refusal(() => dismiss(p, 'G-0002')).sv).toMatch(/^Gästen G-0002 kan inte ändras nu:/);
    p.workbook.get('guests').grid.splice(2, 1);
    expect(refusal(() => resend(p, 'G-0002')).sv).toMatch(/^Gästen G-0002 kan inte ändras nu:/);
    expect(refusal(() => dismiss(p, 'G-0002')).sv).toMatch(/^Gästen G-0002 kan inte ändras nu:/);
    expect(confirmations(p)).toHaveLength(0);
  });

  test('"Markera som hanterad" on a quota failure: Logg says what it was, the note keeps the rest', () => {
    const p = quotaFailed();
    expect(refusal(() => dismiss(p, 'G-0001'))).toEqual({ field: 'id', sv: 'G-0001 har ingen bekräftelse som inte kom fram att markera.' });
    expect(dismiss(p, 'G-0002').message.sv).toBe('Bekräftelsen till G-0002 är markerad som hanterad.');
    const last = logRows(p).at(-1)!;
    expect([last['Åtgärd'], last['Objekt'], last['Efter']]).toEqual(['gäst.bekräftelse-hanterad', 'G-0002', '{"bekräftelse":"hanterad","var":"kvot"}']);
    expect(note(p, 'G-0002')).toBe('');
  });
});
