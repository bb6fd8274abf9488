import {
  checkGuestDraft, checkTransition, isValidEmail, judgeCellEdit, judgeRows, nextGuestIds, slotsLeft, type Guest, type GuestDraft,
} from '../../../src/core/guests';
import { parseDelimited, previewImport, sniffDelimiter } from '../../../src/core/invite-csv';

const events = ['konferensen', 'representationsmiddagen', 'studiebesök'];
const draft = (o: Partial<GuestDraft> = {}): GuestDraft => ({
  firstName: 'Åsa', lastName: 'Öberg', title: '', organisation: '', country: '', email: 'asa@example.se',
  language: 'sv', events: ['konferensen'], diet: '', note: '', ...o,
});

describe('e-mail', () => {
  test.each(['a@b.se', 'first.last+tag@sub.example.com', 'ÅSA@exempel.se', ' a@b.se '])('valid %s', (e) => expect(isValidEmail(e)).toBe(true));
  test.each(['', 'a', 'a@b', '@b.se', 'a@.se', 'a b@c.se', 'a@b..se', 'a@b.se, c@d.se', 'a@b.se\r\nBcc: x@y.se', '"a"@b.se', 'a@b.s', '<a@b.se>', 'a..b@c.se', `${'x'.repeat(250)}@b.se`])(
    'invalid %s', (e) => expect(isValidEmail(e)).toBe(false),
  );
});

describe('checkGuestDraft', () => {
  const others = new Map([['taken@example.se', 'G-0001']]);
  test('ok', () => expect(checkGuestDraft(draft(), { events, others })).toEqual([]));
  test('duplicate: trimmed, case-insensitive', () => {
    const p = checkGuestDraft(draft({ email: '  TAKEN@Example.se ' }), { events, others });
    expect(p.map((x) => x.field)).toEqual(['email']);
    expect(p[0].message.sv).toContain('G-0001');
  });
  test('names required, language, events, lengths', () => {
    const p = checkGuestDraft(draft({ firstName: ' ', lastName: '', language: 'de', events: ['bal'], organisation: 'x'.repeat(161) }), { events, others });
    expect(p.map((x) => x.field).sort()).toEqual(['events', 'firstName', 'language', 'lastName', 'organisation']);
  });
});

describe('transitions', () => {
  test('approval is the steering group\'s', () => {
    expect(checkTransition('Föreslagen', 'Godkänd', ['styrgrupp']).ok).toBe(true);
    expect(checkTransition('Föreslagen', 'Godkänd', ['projektledare']).ok).toBe(false);
  });
  test.each(['Inbjuden', 'Tackat ja', 'Skickar', 'Osäker'])('Föreslagen → %s skips approval', (to) => {
    const c = checkTransition('Föreslagen', to, ['styrgrupp', 'projektledare']);
    expect(c.ok).toBe(false);
  });
  test('only the send sets Skickar or Inbjuden from Godkänd', () => {
    expect(checkTransition('Godkänd', 'Skickar', ['projektledare']).ok).toBe(false);
    expect(checkTransition('Godkänd', 'Inbjuden', ['projektledare']).ok).toBe(false);
  });
  test('Osäker is resolved by the project leader', () => {
    expect(checkTransition('Osäker', 'Inbjuden', ['projektledare']).ok).toBe(true);
    expect(checkTransition('Osäker', 'Godkänd', ['projektledare']).ok).toBe(true);
    expect(checkTransition('Osäker', 'Godkänd', ['styrgrupp']).ok).toBe(false);
  });
  test('unknown status', () => expect(checkTransition('Godkänd', 'Kanske', ['styrgrupp']).ok).toBe(false));
  test('slots', () => {
    expect(slotsLeft(['Föreslagen', 'Godkänd', 'Tackat nej', 'Osäker'], 5)).toBe(2);
    expect(slotsLeft(Array(40).fill('Inbjuden'), 30)).toBe(0);
  });
});

describe('direct edit guard', () => {
  const ctx = { roles: [] as never[], events, otherEmails: new Map([['b@example.se', 'G-0002']]) };
  test('bad e-mail reverted with reason', () => {
    const d = judgeCellEdit({ header: 'E-post', oldValue: 'a@example.se', newValue: 'nope' }, ctx);
    expect(d).toMatchObject({ action: 'revert', value: 'a@example.se' });
  });
  test('duplicate e-mail reverted', () => {
    expect(judgeCellEdit({ header: 'E-post', oldValue: 'a@example.se', newValue: 'B@example.se' }, ctx).action).toBe('revert');
  });
  test('language and status', () => {
    expect(judgeCellEdit({ header: 'Språk', oldValue: 'sv', newValue: 'fi' }, ctx).action).toBe('revert');
    expect(judgeCellEdit({ header: 'Språk', oldValue: 'sv', newValue: 'en' }, ctx).action).toBe('accept');
    expect(judgeCellEdit({ header: 'Status', oldValue: 'Föreslagen', newValue: 'Inbjuden' }, { ...ctx, roles: ['projektledare'] as never[] }).action).toBe('revert');
    expect(judgeCellEdit({ header: 'Status', oldValue: 'Föreslagen', newValue: 'Godkänd' }, { ...ctx, roles: ['styrgrupp'] as never[] }).action).toBe('accept');
    expect(judgeCellEdit({ header: 'Status', oldValue: 'Föreslagen', newValue: 'Godkänd' }, ctx).action).toBe('revert');
    expect(judgeCellEdit({ header: 'ID', oldValue: 'G-0001', newValue: 'X' }, ctx).action).toBe('revert');
    expect(judgeCellEdit({ header: 'Förnamn', oldValue: 'A', newValue: '=HYPERLINK("x")' }, ctx).action).toBe('accept');
  });
  test('multi-cell edits are flagged per row', () => {
    const g = (o: Partial<Guest>): Guest => ({ id: 'G-1', firstName: 'A', lastName: 'B', title: '', organisation: '', country: '', email: 'a@example.se', language: 'sv', events: [], diet: '', status: 'Föreslagen', note: '', ...o });
    const all = new Map([['a@example.se', 2], ['c@example.se', 1]]);
    const d = judgeRows([
      { row: 2, guest: g({}) }, { row: 3, guest: g({ email: 'c@example.se', status: 'Kanske', language: 'xx' }) },
    ], { roles: [], events, allEmails: all });
    expect(d.action).toBe('flag');
    if (d.action === 'flag') {
      expect(d.rows.map((r) => r.row)).toEqual([2, 3]);
      expect(d.rows[1].reasons).toHaveLength(2);
    }
  });
  test('ids', () => expect(nextGuestIds(['G-0009', 'x', 'G-0002'], 2)).toEqual(['G-0010', 'G-0011']));
});

describe('CSV / pasted rows', () => {
  const ctx = { existing: new Map([['taken@example.se', 'G-0001']]), events, guestCount: 1, slotsUsed: 29, cap: 30 };

  test('sniffs delimiters', () => {
    expect(sniffDelimiter('a\tb;c')).toBe('\t');
    expect(sniffDelimiter('a;b;c,d')).toBe(';');
    expect(sniffDelimiter('"x;y",b,c')).toBe(',');
  });

  test('quotes, doubled quotes, embedded newlines and delimiters, BOM, CRLF', () => {
    const r = parseDelimited('\ufeffFörnamn;Efternamn\r\n"Anna; ""Lill"" ";"Berg\r\nSson"\r\n\r\nÉva;Öst\r\n');
    expect(r.delimiter).toBe(';');
    expect(r.records.map((x) => x.cells)).toEqual([['Förnamn', 'Efternamn'], ['Anna; "Lill" ', 'Berg\r\nSson'], ['Éva', 'Öst']]);
    expect(r.records.map((x) => x.line)).toEqual([1, 2, 5]);
  });

  test('Excel/Outlook paste (tabs, English headers)', () => {
    const text = 'First Name\tLast Name\tE-mail Address\tCompany\tLanguage\nJohn\tSmith\tjohn@example.com\tACME\ten\n';
    const p = previewImport(text, ctx);
    expect(p.fileErrors).toEqual([]);
    expect(p.valid).toBe(1);
    expect(p.rows[0].draft).toMatchObject({ firstName: 'John', organisation: 'ACME', language: 'en', email: 'john@example.com' });
    expect(p.overCap).toBe(0);
  });

  test('per-row errors: bad, duplicate within the file and against the sheet, unknown language', () => {
    const text = [
      'Förnamn,Efternamn,E-post,Språk,Evenemang',
      'A,A,a@example.se,sv,konferensen',
      'B,B,not-an-email,sv,',
      'C,C,A@EXAMPLE.SE ,en,',
      'D,D,taken@example.se,sv,',
      'E,E,e@example.se,fi,',
      'F,F,f@example.se,,bal',
      'G,G,g@example.se,engelska,"konferensen; representationsmiddagen"',
    ].join('\n');
    const p = previewImport(text, ctx);
    expect(p.rows.map((r) => r.errors.length > 0)).toEqual([false, true, true, true, true, true, false]);
    expect(p.rows[2].errors[0].sv).toContain('rad 2');
    expect(p.rows[3].errors[0].sv).toContain('G-0001');
    expect(p.rows[6].draft.language).toBe('en');
    expect(p.valid).toBe(2);
    expect(p.overCap).toBe(1);
  });

  test('missing header columns refuse the whole file', () => {
    expect(previewImport('a,b\n1,2', ctx).fileErrors).toHaveLength(1);
    expect(previewImport('', ctx).fileErrors).toHaveLength(1);
  });

  test('too many guests', () => {
    const rows = Array.from({ length: 5 }, (_, i) => `N${i},E,n${i}@example.se`);
    const p = previewImport(['Förnamn,Efternamn,E-post', ...rows].join('\n'), { ...ctx, guestCount: 1997 });
    expect(p.valid).toBe(3);
    expect(p.rows[4].errors[0].sv).toContain('För många');
  });
});
