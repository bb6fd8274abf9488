/**
 * Gäster → Anteckning holds two things: the text people type, and the lines Summit Planner writes
 * itself — one line per kind, each starting with its tag: the send's outcome (`[Utskick]`), a
 * confirmation that did not arrive (`[Bekräftelse]`, src/app/confirm.ts) and the last reminder's
 * trouble (`[Påminnelse]`, src/app/remind.ts). The length limit of Anteckning (NOTE_LIMIT)
 * is the people's: the server's lines don't count toward it, so a line the server adds never makes
 * a person's later edit too long, and the server never cuts what a person typed to fit its line.
 *
 * Which line is the server's: the first line starting with each tag, no longer than the server
 * writes one (tag, space, NOTE_LINE_MAX characters). Any other line — a second one with the same
 * tag, or a longer one — is the person's text and counts. So the cell stays bounded (NOTE_CELL_MAX)
 * and a line typed to look like the server's buys no room beyond one line per kind; it enables
 * nothing either (a resend is decided by Logg, src/app/confirm-resend.ts).
 */
/** The most characters of the people's text in Anteckning (GUEST_LIMITS.note, src/core/guests.ts). */
export const NOTE_LIMIT = 500;

export const NOTE_TAGS = ['[Utskick]', '[Bekräftelse]', '[Påminnelse]'] as const;
export type NoteTag = (typeof NOTE_TAGS)[number];

/** The most characters of a server line's text after its tag (withTaggedNote, src/app/invite-rows.ts, cuts there). */
export const NOTE_LINE_MAX = 300;

/** The longest Anteckning the rules allow: the people's text and one full server line per kind, each on its own line. */
export const NOTE_CELL_MAX = NOTE_LIMIT + NOTE_TAGS.reduce((n, t) => n + t.length + 1 + NOTE_LINE_MAX + 1, 0);

const isServerLine = (line: string, tag: NoteTag): boolean => line.startsWith(tag) && line.length <= tag.length + 1 + NOTE_LINE_MAX;

export interface SplitNote {
  /** The server's lines by tag (absent: none). */
  readonly lines: Readonly<Partial<Record<NoteTag, string>>>;
  /** Everything else, in order: what people typed. */
  readonly own: string;
}

/** Splits Anteckning into the server's lines and the people's text. */
export function splitNote(note: string): SplitNote {
  const lines: Partial<Record<NoteTag, string>> = {};
  const own: string[] = [];
  for (const line of note.split('\n')) {
    const tag = NOTE_TAGS.find((t) => isServerLine(line, t) && lines[t] === undefined);
    if (tag) lines[tag] = line;
    else own.push(line);
  }
  return { lines, own: own.join('\n') };
}

/** The people's text of Anteckning (what its length limit applies to). */
export const ownNote = (note: string): string => splitNote(note).own;
