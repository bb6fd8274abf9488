/**
 * Calendar files (RFC 5545) for an invitation.
 *
 * METHOD:PUBLISH, not REQUEST: REQUEST is an iTIP scheduling request that
 * needs ORGANIZER/ATTENDEE and makes Gmail/Outlook show Accept/Decline
 * buttons whose replies go to the organiser's mailbox, which this tool does
 * not read; guests answer through their personal RSVP link. PUBLISH simply
 * offers "add to calendar". The UIDs are stable per guest and event part,
 * so a second file (e.g. after a correction) updates the same entries.
 */
import { sha256Hex } from './hash';


/** One calendar entry in local (Europe/Stockholm) wall-clock time. */
export interface Occurrence {
  /** Stable key of the event part, e.g. "konferensen" or "konferensen#2009-12-08". */
  readonly key: string;
  readonly summary: string;
  readonly location: string;
  /** YYYY-MM-DD */
  readonly date: string;
  /** HH:MM (local) */
  readonly start: string;
  /** HH:MM (local); an end at or before the start means the next day. */
  readonly end: string;
}

/**
 * THE mapping from an event part (the names in Inställningar → Evenemangsdelar)
 * to times. Change it here and nowhere else:
 *   konferens…          every day from Startdatum to Slutdatum, 09:00–17:00
 *   …middag / dinner    Startdatum, 19:00–23:00
 *   studiebesök / visit Slutdatum, 13:00–17:00
 *   anything else       Startdatum, 09:00–17:00
 */
function timesOf(event: string): { readonly days: 'all' | 'first' | 'last'; readonly start: string; readonly end: string } {
  if (/konferens|conference/i.test(event)) return { days: 'all', start: '09:00', end: '17:00' };
  if (/middag|dinner/i.test(event)) return { days: 'first', start: '19:00', end: '23:00' };
  if (/studiebes|visit/i.test(event)) return { days: 'last', start: '13:00', end: '17:00' };
  return { days: 'first', start: '09:00', end: '17:00' };
}

/** Days from start to end inclusive (ISO dates); at most 31; none when a date doesn't read (NaN: no t <= NaN). */
function daysBetween(start: string, end: string): string[] {
  const p = (s: string) => { const [y, m, d] = s.split('-').map(Number); return Date.UTC(y, m - 1, d); };
  const a = p(start), b = p(end || start);
  const out: string[] = [];
  for (let t = a; t <= Math.max(a, b) && out.length < 31; t += 86400000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Occurrences for the event parts a guest is invited to. */
export function occurrencesFor(
  events: readonly string[],
  s: { eventName: string; startDate: string; endDate: string; venue: string },
): Occurrence[] {
  const days = daysBetween(s.startDate, s.endDate);
  if (days.length === 0) return [];
  const out: Occurrence[] = [];
  for (const ev of events) {
    const rule = timesOf(ev);
    const picked = rule.days === 'all' ? days : rule.days === 'first' ? [days[0]] : [days[days.length - 1]];
    for (const date of picked) {
      out.push({
        key: picked.length > 1 ? `${ev}#${date}` : ev,
        summary: `${s.eventName} – ${ev}`,
        location: s.venue,
        date, start: rule.start, end: rule.end,
      });
    }
  }
  return out;
}

/**
 * Escapes TEXT values: backslash, semicolon, comma, newlines; any other control character (a vertical tab
 * pasted from Word, a NUL) becomes a space, since TEXT may hold none but HTAB (RFC 5545 §3.3.11, §3.1).
 */
export const escapeText = (s: string): string =>
  s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');

const utf8Len = (ch: string): number => {
  const c = ch.codePointAt(0) ?? 0;
  return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
};

/** Folds a content line at 75 octets (never inside a UTF-8 character); continuation lines start with a space. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let cur = '';
  let len = 0;
  for (const ch of line) {
    const n = utf8Len(ch);
    const limit = parts.length === 0 ? 75 : 74; // the leading space counts
    if (len + n > limit) { parts.push(cur); cur = ''; len = 0; }
    cur += ch;
    len += n;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}

/** Stable UID for a guest and an event part. */
export const eventUid = (guestId: string, key: string): string =>
  `${sha256Hex(`${guestId}\u0000${key}`).slice(0, 32)}@summit-planner.stockholm.se`;

const compact = (date: string, hhmm: string): string => `${date.replace(/-/g, '')}T${hhmm.replace(':', '')}00`;

const nextDay = (date: string): string => {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/** "20091102T080000Z" */
const utcStamp = (d: Date): string => `${d.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** A whole VCALENDAR with one VEVENT per occurrence; CRLF line ends, folded. */
export function buildIcs(input: { guestId: string; occurrences: readonly Occurrence[]; now: Date }): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'PRODID:-//Stockholms stad//Summit Planner//SV',
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VTIMEZONE',
    'TZID:Europe/Stockholm',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:+0100',
    'TZOFFSETTO:+0200',
    'TZNAME:CEST',
    'DTSTART:19700329T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:+0200',
    'TZOFFSETTO:+0100',
    'TZNAME:CET',
    'DTSTART:19701025T030000',
    'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  const stamp = utcStamp(input.now);
  for (const o of input.occurrences) {
    const endDate = o.end <= o.start ? nextDay(o.date) : o.date;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${eventUid(input.guestId, o.key)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=Europe/Stockholm:${compact(o.date, o.start)}`,
      `DTEND;TZID=Europe/Stockholm:${compact(endDate, o.end)}`,
      `SUMMARY:${escapeText(o.summary)}`,
    );
    if (o.location) lines.push(`LOCATION:${escapeText(o.location)}`);
    lines.push('TRANSP:OPAQUE', 'STATUS:CONFIRMED', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
