/**
 * Texts of "Granska ändringar" (Swedish first; English when the page lang is
 * en), and the pointer to it that the other sidebars show next to a change
 * that waits for review: a line of text and a button that opens the review
 * sidebar (menuReview replaces the current sidebar, as the menu item does).
 */
import type { ReviewItem } from '../../app/review';
import type { Msg } from '../../core/msg';
import { announce, h } from '../dom';
import { call } from '../rpc';

type Kind = ReviewItem['kind'];

const sv = {
  loading: 'Hämtar ändringarna …',
  /** A removed row's fields, where the now-value would be. */
  removedValue: '(borttagen)',
  loaded: 'Listan är uppdaterad.',
  refresh: 'Uppdatera',
  user: (u: string, r: string) => `Inloggad som ${u || 'okänd användare'}${r ? ` (${r})` : ' (läsbehörighet)'}`,
  admin: 'administratör',
  empty: 'Inget väntar på granskning.',
  intro: 'Ändringar som gjorts direkt på bladen (skrivna, inklistrade, borttagna rader, en återställd version) gäller inte förrän någon med rätt roll har godkänt dem. Ångra lägger tillbaka Summit Planners värden.',
  count: (n: number) => (n === 1 ? '1 ändring väntar på granskning.' : `${n} ändringar väntar på granskning.`),
  sheet: (s: string, n: number) => `Bladet ${s} (${n})`,
  kinds: {
    changed: 'Ändrad', new: 'Ny rad', forged: 'Sigillet ändrat', duplicate: 'Kopia', stale: 'Äldre version', missing: 'Borttagen rad',
  } as Record<Kind, string>,
  row: (n: number) => `rad ${n}`,
  field: 'Fält',
  before: 'Före',
  now: 'Nu',
  tableCaption: (what: string) => `Före och nu: ${what}`,
  who: (w: string) => `Beslutas av ${w}.`,
  notYours: (w: string) => `Du kan inte besluta om ändringen: bara ${w} får göra det.`,
  onlyUndo: 'Raden kan bara ångras; gör sedan ändringen i sidopanelen.',
  confirm: 'Godkänn ändringen',
  undo: 'Ångra ändringen',
  note: 'Beslutsreferens (Dnr)',
  noteHint: 'Krävs för att godkänna en ändrad tilldelning: ID eller Dnr för styrgruppens fattade beslut om budgetomfördelning i Beslut, till exempel B-0003.',
  together: (n: number) => `Tilldelningarna måste gå ihop: godkänner du den här godkänns också ${n === 1 ? 'den andra ändrade tilldelningen' : `de ${n} andra ändrade tilldelningarna`}, med samma diarienummer.`,
  noteRequired: 'Ange beslutsreferensen (Dnr) för att godkänna ändringen.',
  deciding: (what: string) => `Sparar beslutet om ${what} …`,
  logTitle: 'Loggen stämmer inte med sitt ankare',
  logNotAdmin: 'En administratör måste godkänna loggen (eller återställa den ur versionshistoriken) innan något kan sparas.',
  acceptLog: 'Godkänn loggen som den står …',
  acceptLogConfirm: 'Godkänna loggen som den står? Rader som tagits bort kommer inte tillbaka (återställ dem ur versionshistoriken först om de behövs). Beslutet loggas.',
  acceptLogYes: 'Ja, godkänn loggen',
  back: 'Avbryt',
  accepting: 'Godkänner loggen …',
  // The pointer other sidebars show.
  pointer: 'Ändringen godkänns eller ångras i Summit Planner → Granska ändringar.',
  open: 'Öppna Granska ändringar',
  opening: 'Öppnar Granska ändringar …',
  waitingTitle: 'Ändringar som väntar på granskning',
  more: (n: number) => `… och ${n} till`,
};
export type ReviewTexts = typeof sv;

const en: ReviewTexts = {
  loading: 'Loading the changes …',
  removedValue: '(removed)',
  loaded: 'The list is up to date.',
  refresh: 'Refresh',
  user: (u, r) => `Signed in as ${u || 'unknown user'}${r ? ` (${r})` : ' (read only)'}`,
  admin: 'administrator',
  empty: 'Nothing waits for review.',
  intro: 'Changes made directly on the sheets (typed, pasted, rows removed, a version restored) have no effect until someone with the right role confirms them. Undo puts Summit Planner\'s values back.',
  count: (n) => (n === 1 ? '1 change waits for review.' : `${n} changes wait for review.`),
  sheet: (s, n) => `Sheet ${s} (${n})`,
  kinds: {
    changed: 'Changed', new: 'New row', forged: 'Seal altered', duplicate: 'Copy', stale: 'Older version', missing: 'Removed row',
  },
  row: (n) => `row ${n}`,
  field: 'Field',
  before: 'Before',
  now: 'Now',
  tableCaption: (what) => `Before and now: ${what}`,
  who: (w) => `Decided by ${w}.`,
  notYours: (w) => `You cannot decide on this change: only ${w} may.`,
  onlyUndo: 'The row can only be undone; then make the change in the sidebar.',
  confirm: 'Confirm the change',
  undo: 'Undo the change',
  note: 'Decision reference (Dnr)',
  noteHint: 'Required to confirm a changed allocation: the ID or Dnr of the steering group\'s taken decision about a budget transfer in Beslut, for example B-0003.',
  together: (n: number) => `The allocations must add up: confirming this one confirms ${n === 1 ? 'the other changed allocation' : `the ${n} other changed allocations`} with it, under the same reference.`,
  noteRequired: 'Give the decision reference (Dnr) to confirm the change.',
  deciding: (what) => `Saving the decision on ${what} …`,
  logTitle: 'The log does not match its anchor',
  logNotAdmin: 'An administrator must accept the log (or restore it from the version history) before anything can be saved.',
  acceptLog: 'Accept the log as it stands …',
  acceptLogConfirm: 'Accept the log as it stands? Rows that were removed do not come back (restore them from the version history first if they are needed). The decision is logged.',
  acceptLogYes: 'Yes, accept the log',
  back: 'Cancel',
  accepting: 'Accepting the log …',
  pointer: 'The change is confirmed or undone in Summit Planner → Review changes.',
  open: 'Open Review changes',
  opening: 'Opening Review changes …',
  waitingTitle: 'Changes that wait for review',
  more: (n) => `… and ${n} more`,
};

export const reviewTexts = (lang: 'sv' | 'en'): ReviewTexts => (lang === 'en' ? en : sv);

/**
 * "Confirmed or undone in Granska ändringar" with a button that opens that
 * sidebar; a failure is announced in `status`.
 */
export function reviewPointer(lang: 'sv' | 'en', status: HTMLElement, id = 'open-review'): HTMLElement {
  const t = reviewTexts(lang);
  const button = h('button', { type: 'button', class: 'secondary', id }, t.open);
  button.addEventListener('click', () => {
    button.disabled = true;
    announce(status, t.opening);
    call('menuReview').catch((e: unknown) => announce(status, (e as Error).message, 'error')).finally(() => { button.disabled = false; });
  });
  return h('div', { class: 'review-pointer' }, h('p', {}, t.pointer), button);
}

/**
 * The changes that wait for review as a labelled section (heading, an
 * optional intro, at most `max` messages, the pointer); null when none.
 */
export function reviewBanner(lang: 'sv' | 'en', status: HTMLElement, list: readonly Msg[], o: { id: string; intro?: string; max?: number }): HTMLElement | null {
  if (!list.length) return null;
  const t = reviewTexts(lang);
  const max = o.max ?? 10;
  const more = list.length - max;
  const heading = h('h2', { id: `${o.id}-h` }, t.waitingTitle);
  // Inside the box whatever rule a page draws above its h2s (CSSOM: no inline style attribute).
  Object.assign(heading.style, { borderTop: '0', paddingTop: '0', marginTop: '0' });
  return h('section', { class: 'status status-error', id: o.id, 'aria-labelledby': `${o.id}-h` },
    heading,
    o.intro ? h('p', {}, o.intro) : null,
    h('ul', { id: `${o.id}-list` }, ...list.slice(0, max).map((x) => h('li', {}, x[lang])), more > 0 ? h('li', {}, t.more(more)) : null),
    reviewPointer(lang, status, `${o.id}-open`));
}
