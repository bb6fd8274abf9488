/**
 * The guests' answers in one view (pure): counts per status and per programme
 * part, and the dietary list for the caterer, and the CSV the sidebar builds
 * from it. Both the server (src/app/answers.ts) and the Gäster page use it.
 *
 * Terms, one set everywhere:
 * - invited (inbjudna): an invitation has (or may have) been mailed — Skickar,
 *   Inbjuden, Tackat ja, Tackat nej, Återbud, Osäker (isMailed);
 * - yes (ja): Tackat ja; no (nej): Tackat nej or Återbud (a cancellation is a no
 *   for the caterer);
 * - not answered (ej svarat): invited, neither yes nor no;
 * - not invited (ej inbjudna): Föreslagen, Godkänd, Misslyckad.
 *
 * Dietary needs are health data (GDPR art. 9): only a guest who said yes and
 * consented (Samtycke kost) is on the list, and only the project leader sees
 * whose need it is. Without names identical needs are merged and the list is
 * sorted by the need, so its order can't point at a row of Gäster.
 */
import { isMailed, knownName, matchEvents, refOf, type KnownPart } from './guests';
import { GUEST_STATUSES } from './schema';

export type GuestStatusName = (typeof GUEST_STATUSES)[number];

export interface PartCounts {
  readonly invited: number;
  readonly yes: number;
  readonly no: number;
  readonly notAnswered: number;
}

export interface AnswerSummary extends PartCounts {
  /** Every guest on the list (as the journal has them). */
  readonly total: number;
  readonly notInvited: number;
  /** Every status in the flow's order, zeros included. */
  readonly byStatus: readonly { readonly status: GuestStatusName; readonly count: number }[];
  /** Per programme part (Evenemang's list, in its order): the invited guests invited to it. */
  readonly byPart: readonly (PartCounts & { readonly part: string })[];
  /** Invited guests with no programme part at all. */
  readonly noPart: PartCounts;
}

export interface AnswerGuest {
  readonly status: string;
  readonly events: readonly string[];
}

const isYes = (s: string): boolean => s === 'Tackat ja';
const isNo = (s: string): boolean => s === 'Tackat nej' || s === 'Återbud';

function counts(statuses: readonly string[]): PartCounts {
  const invited = statuses.filter(isMailed);
  const yes = invited.filter(isYes).length;
  const no = invited.filter(isNo).length;
  return { invited: invited.length, yes, no, notAnswered: invited.length - yes - no };
}

/** Counts per status and per programme part (`parts`: Evenemang's list; a guest's parts matched case-insensitively). */
export function summariseAnswers(guests: readonly AnswerGuest[], parts: readonly KnownPart[]): AnswerSummary {
  const all = counts(guests.map((g) => g.status));
  const partsOf = guests.map((g) => matchEvents(g.events, parts).ok);
  return {
    ...all,
    total: guests.length,
    notInvited: guests.filter((g) => !isMailed(g.status)).length,
    byStatus: GUEST_STATUSES.map((status) => ({ status, count: guests.filter((g) => g.status === status).length })),
    byPart: parts.map((k) => ({ part: knownName(k), ...counts(guests.filter((_, i) => partsOf[i].includes(refOf(k).id)).map((g) => g.status)) })),
    noPart: counts(guests.filter((_, i) => partsOf[i].length === 0).map((g) => g.status)),
  };
}

// ---------------------------------------------------------------------------
// The dietary list

export interface DietGuest extends AnswerGuest {
  /** "Förnamn Efternamn". */
  readonly name: string;
  readonly diet: string;
  /** The guest consented to storing dietary needs (Samtycke kost is set). */
  readonly consent: boolean;
}

export interface DietEntry {
  /** Only in the project leader's list with names. */
  readonly name?: string;
  readonly diet: string;
  /** The programme parts the guest(s) said yes to, in Evenemang's order. */
  readonly parts: readonly string[];
  /** Guests with this need for these parts (always 1 with names). */
  readonly count: number;
}

export interface DietList {
  readonly entries: readonly DietEntry[];
  /** Guests on the list (the sum of the counts). */
  readonly guests: number;
  /** Guests whose dietary text is stored without consent: left out (it should not be there). */
  readonly unconsented: number;
}

/** One line: whitespace and line breaks collapsed (a need typed over several lines stays one cell). */
const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
const byText = (a: string, b: string): number => a.localeCompare(b, 'sv', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * The caterer's list: guests who said yes, consented and wrote a need. With
 * `names` one entry per guest, sorted by name; without, identical needs for
 * the same parts merged (case and spacing ignored), sorted by the need.
 */
export function dietList(guests: readonly DietGuest[], parts: readonly KnownPart[], names: boolean): DietList {
  const on = guests.filter((g) => isYes(g.status) && g.consent && oneLine(g.diet) !== '');
  const unconsented = guests.filter((g) => !g.consent && oneLine(g.diet) !== '').length;
  const partsOf = (g: DietGuest) => { const ok = matchEvents(g.events, parts).ok; return parts.filter((p) => ok.includes(refOf(p).id)).map(knownName); };
  if (names) {
    const entries = on.map((g) => ({ name: oneLine(g.name), diet: oneLine(g.diet), parts: partsOf(g), count: 1 }))
      .sort((a, b) => byText(a.name, b.name) || byText(a.diet, b.diet));
    return { entries, guests: entries.length, unconsented };
  }
  const merged = new Map<string, { diet: string; parts: string[]; count: number }>();
  for (const g of on) {
    const diet = oneLine(g.diet);
    const ps = partsOf(g);
    const key = `${diet.toLocaleLowerCase('sv')}\u0000${ps.join('\u0000')}`;
    const have = merged.get(key);
    if (have) {
      have.count++;
      [have.diet] = [have.diet, diet].sort(byText); // the same spelling whatever the rows' order
    } else merged.set(key, { diet, parts: ps, count: 1 });
  }
  const entries = [...merged.values()].sort((a, b) => byText(a.diet, b.diet) || byText(a.parts.join(', '), b.parts.join(', ')));
  return { entries, guests: on.length, unconsented };
}

// ---------------------------------------------------------------------------
// CSV for the caterer (built in the page)

/**
 * A cell a spreadsheet would run as a formula (= + - @, or a leading tab or
 * carriage return, which some programs strip before looking) gets a leading
 * apostrophe, so it opens as text (OWASP, "CSV injection").
 */
export function csvCell(v: string | number): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A CSV file as Excel with Swedish settings opens it by double-click: UTF-8
 * with a byte-order mark (else å, ä, ö come out wrong), semicolons between
 * cells (the comma is the decimal separator there), CRLF line ends.
 */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return `\ufeff${rows.map((r) => r.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/** The dietary list as CSV rows, with Swedish column names (the header row first); a list with names has one on every entry. */
export function dietCsvRows(list: DietList, names: boolean): (string | number)[][] {
  const header = names ? ['Namn', 'Kost/allergier', 'Programpunkter'] : ['Kost/allergier', 'Antal gäster', 'Programpunkter'];
  return [header, ...list.entries.map((e) => (names ? [e.name as string, e.diet, e.parts.join(', ')] : [e.diet, e.count, e.parts.join(', ')]))];
}
