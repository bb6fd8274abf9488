/**
 * Anteckning's limit is the people's (issue 10): Summit Planner's own lines ([Utskick], [Bekräftelse],
 * [Påminnelse]; src/core/note-lines.ts) don't count toward its 500 characters, so a line the server
 * adds never makes a person's later edit too long, and the server's next line never cuts their text.
 */
import { checkGuestDraft, judgeCellEdit, type GuestDraft } from '../../../src/core/guests';
import { NOTE_CELL_MAX, NOTE_LIMIT, NOTE_LINE_MAX, ownNote, splitNote } from '../../../src/core/note-lines';
import { withTaggedNote, taggedNoteOf, sendNoteOf } from '../../../src/app/invite-rows';
import { confirmNoteLine, confirmTroubleOf, CONFIRM_TAG } from '../../../src/app/confirm';

const draft = (note: string): GuestDraft => ({
  firstName: 'Åsa', lastName: 'Öberg', title: '', organisation: '', country: '', email: 'asa@example.se',
  language: 'sv', events: [], diet: '', note,
});
const known = { events: [], others: new Map<string, string>() };
const cellCtx = { roles: [] as never[], events: [], otherEmails: new Map<string, string>() };

// The server's lines as it writes them, each as long as it ever gets.
const send = `[Utskick] ${'s'.repeat(NOTE_LINE_MAX)}`;
const confirm = `${CONFIRM_TAG} ${confirmNoteLine({ kind: 'kvot', at: '2009-11-10T10:00:00.000Z' })}`;
const remind = `[Påminnelse] ${'r'.repeat(NOTE_LINE_MAX)}`;
const own = (n: number) => 'å'.repeat(n);

describe('which lines are the server\'s', () => {
  test('one per tag, anywhere in the note, as long as the server writes them; the rest is the people\'s, in order', () => {
    const note = [confirm, 'Rad ett', send, 'Rad två', remind].join('\n');
    expect(splitNote(note)).toEqual({ lines: { '[Bekräftelse]': confirm, '[Utskick]': send, '[Påminnelse]': remind }, own: 'Rad ett\nRad två' });
  });

  test('a second line with a tag, or one longer than the server writes, is the people\'s text and counts', () => {
    const long = `[Påminnelse] ${'x'.repeat(NOTE_LINE_MAX + 1)}`;
    expect(splitNote(`${send}\n[Utskick] egen\n${long}`)).toEqual({ lines: { '[Utskick]': send }, own: `[Utskick] egen\n${long}` });
  });

  test('every line the server writes is its line, also the longest confirmation advice', () => {
    for (const kind of ['kvot', 'avvisad', 'osäker', 'skickas'] as const) {
      const line = withTaggedNote('VIP', CONFIRM_TAG, confirmNoteLine({ kind, at: '2009-11-10T10:00:00.000Z' }));
      expect(ownNote(line)).toBe('VIP');
      expect(confirmTroubleOf(line)).toEqual({ kind, at: '2009-11-10T10:00:00.000Z' }); // not cut: the line holds the whole advice
    }
    expect(ownNote(withTaggedNote('VIP', '[Utskick]', 'x'.repeat(1000)))).toBe('VIP');
  });

  test('the cell stays bounded: the people\'s 500 characters and one full line per kind', () => {
    expect(NOTE_CELL_MAX).toBe(500 + ('[Utskick]'.length + '[Bekräftelse]'.length + '[Påminnelse]'.length) + 3 * (1 + 300 + 1));
    expect([send, confirm, remind, own(NOTE_LIMIT)].join('\n').length).toBeLessThanOrEqual(NOTE_CELL_MAX);
  });
});

describe('the limit counts the people\'s text only, and says so with its figures', () => {
  test('the sidebar (checkGuestDraft): 500 of the user\'s own beside three full server lines stands; 501 is refused on Anteckning with 501 and 500', () => {
    expect(checkGuestDraft(draft([send, confirm, remind, own(500)].join('\n')), known)).toEqual([]);
    const p = checkGuestDraft(draft([send, confirm, remind, own(501)].join('\n')), known);
    expect(p.map((x) => x.field)).toEqual(['note']);
    expect(p[0].message.sv).toBe('Anteckning är för lång: 501 tecken egen text, högst 500 (Summit Planners rader [Utskick], [Bekräftelse] och [Påminnelse] räknas inte).');
    expect(p[0].message.en).toBe('Note is too long: 501 characters of your own text, at most 500 (Summit Planner\'s [Utskick], [Bekräftelse] and [Påminnelse] lines don\'t count).');
  });

  test('the newline between the server\'s lines and the user\'s text is not the user\'s', () => {
    expect(checkGuestDraft(draft(`${confirm}\n${own(500)}`), known)).toEqual([]);
    expect(checkGuestDraft(draft(own(500)), known)).toEqual([]);
    expect(checkGuestDraft(draft(own(501)), known)[0].message.sv).toMatch(/^Anteckning är för lång: 501 tecken egen text, högst 500 /);
  });

  test('lines made to look like the server\'s buy no room: a second one counts', () => {
    const p = checkGuestDraft(draft([send, `[Utskick] ${own(300)}`, own(200)].join('\n')), known);
    expect(p[0].message.sv).toMatch(/^Anteckning är för lång: 511 tecken egen text, högst 500 /);
  });

  test('typed in the sheet (judgeCellEdit): the same rule, the same figures, and the cell put back', () => {
    const before = `${confirm}\nVIP`;
    expect(judgeCellEdit({ header: 'Anteckning', oldValue: before, newValue: `${confirm}\n${own(500)}` }, cellCtx)).toEqual({ action: 'accept' });
    const d = judgeCellEdit({ header: 'Anteckning', oldValue: before, newValue: `${confirm}\n${own(501)}` }, cellCtx);
    expect(d).toMatchObject({ action: 'revert', value: before });
    expect(d.action === 'revert' && d.reason.sv).toBe('Anteckning är för lång: 501 tecken egen text, högst 500 (Summit Planners rader [Utskick], [Bekräftelse] och [Påminnelse] räknas inte).');
    // Other texts keep their plain limit.
    expect(judgeCellEdit({ header: 'Kost/allergier', oldValue: '', newValue: 'x'.repeat(301) }, cellCtx)).toMatchObject({ action: 'revert', reason: { sv: 'För lång text (högst 300 tecken).' } });
  });
});

describe('the server\'s next line keeps what people typed', () => {
  test('a user\'s 500 characters stay whole beside every server line, and the old line of the kind goes', () => {
    let note = own(500);
    note = withTaggedNote(note, '[Utskick]', 'Studsade');
    note = withTaggedNote(note, CONFIRM_TAG, confirmNoteLine({ kind: 'avvisad', at: '2009-11-10T10:00:00.000Z' }));
    note = withTaggedNote(note, '[Påminnelse]', 'omgång 1: misslyckades');
    note = withTaggedNote(note, '[Utskick]', 'Bekräftad skickad');
    expect(ownNote(note)).toBe(own(500));
    expect(sendNoteOf(note)).toBe('Bekräftad skickad');
    expect(taggedNoteOf(note, '[Påminnelse]')).toBe('omgång 1: misslyckades');
    expect(note.split('\n').filter((l) => l.startsWith('[Utskick]'))).toHaveLength(1);
    expect(checkGuestDraft(draft(note), known)).toEqual([]);
  });

  test('a line the user typed starting with a tag, beside the server\'s, is not removed with the server\'s', () => {
    const note = `${send}\nVIP\n[Utskick] min egen rad`;
    expect(withTaggedNote(note, '[Utskick]', null)).toBe('VIP\n[Utskick] min egen rad');
    expect(withTaggedNote(note, '[Utskick]', 'Ny')).toBe('[Utskick] Ny\nVIP\n[Utskick] min egen rad');
  });
});
