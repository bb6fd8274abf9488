/**
 * Beslutsunderlag: the steering group's one-page summary, opened from the Beslut sidebar in a dialog
 * and printed from the browser (A4, src/ui/pages/Summary.css). Every value — guests' names, decisions'
 * wording — goes in as a text node (src/ui/dom.ts), so nothing on the sheets can become markup.
 */
import type { SummaryView } from '../../app/summary';
import type { DecisionRow } from '../../app/decisions';
import { fmtFor, inLang } from '../../core/i18n';
import { decisionsPageMsg } from '../../core/messages/decisions-page';
import { $, announce, h, loading, only, pageLang } from '../dom';
import { money } from '../i18n';
import { call, closeSidebar } from '../rpc';

const lang = pageLang();
const t = inLang(decisionsPageMsg, lang);
const status = $('#status');
const content = $('#content');
const kr = (ore: number) => money(lang, ore);

const printButton = $<HTMLButtonElement>('#print');
printButton.textContent = t.print;
printButton.addEventListener('click', () => window.print());
const closeButton = $<HTMLButtonElement>('#close');
closeButton.textContent = t.close;
closeButton.addEventListener('click', () => closeSidebar());

const section = (id: string, title: string, ...body: (Node | null)[]) =>
  h('section', { 'aria-labelledby': `${id}-h`, id }, h('h2', { id: `${id}-h` }, title), ...body);

/** A table with a caption (its name for a screen reader) and header cells; numbers right-aligned. */
function table(caption: string, head: readonly string[], rows: readonly (readonly (string | number)[])[], num: readonly number[] = []): HTMLElement {
  return h('table', {},
    h('caption', { class: 'sr-only' }, caption),
    h('thead', {}, h('tr', {}, ...head.map((x, i) => h('th', { scope: 'col', class: num.includes(i) ? 'num' : undefined }, x)))),
    h('tbody', {}, ...rows.map((r) => h('tr', {}, ...r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', { class: num.includes(i) ? 'num' : undefined }, c)))))));
}

const decided = (d: SummaryView['theme']) => (d ? `${d.text}${d.reference ? ` (${d.id}, ${d.reference})` : ` (${d.id})`}` : t.notDecided);

function decisions(id: string, title: string, rows: readonly DecisionRow[]): HTMLElement {
  return section(id, title, rows.length
    ? table(title, [t.id, t.date, t.subject, t.text, t.reference], rows.map((d) => [d.id, d.date, t.subjectName(d.subject), d.text, d.reference]))
    : h('p', {}, t.none));
}

/** The programme's items (time, place, status, answers, seats left, budget category); the older programme parts when there are none. */
function programme(v: SummaryView, a: SummaryView['answers']): HTMLElement[] {
  if (v.programme.length) {
    return [h('p', { class: 'made' }, t.itemsNote), table(t.programme,
      [t.item, t.when, t.venue, t.guestStatus, t.invited, t.yes, t.no, t.noAnswer, t.seatsLeft, t.category],
      v.programme.map((it) => [
        `${it.title}${it.review ? t.waits : ''}`, `${it.date} ${it.start}–${it.end}`, it.place, t.itemStatus(it.status),
        it.counts.invited, it.counts.yes, it.counts.no, it.counts.notAnswered, it.counts.seatsLeft ?? '–', it.category,
      ]), [4, 5, 6, 7, 8])];
  }
  return [h('p', { class: 'made' }, t.programmeNote),
    table(t.programme, [t.part, t.invited, t.yes, t.no, t.noAnswer], a.byPart.map((p) => [p.part, p.invited, p.yes, p.no, p.notAnswered]), [1, 2, 3, 4])];
}

/** What the costs tied to each item have booked (Kostnader → Programpunkt), next to its budget category's total. */
function perItem(v: SummaryView): HTMLElement[] {
  const costed = v.programme.filter((it) => it.cost.costs > 0);
  if (!costed.length) return v.programme.length ? [h('p', { class: 'made' }, t.noItemCosts)] : [];
  return [table(t.perItem, [t.item, t.category, t.itemBooked, t.categoryBooked],
    costed.map((it) => [`${it.title} (${it.id})`, it.category, kr(it.cost.booked), kr(it.cost.categoryBooked)]), [2, 3])];
}

function render(v: SummaryView): void {
  // Stockholm time in both languages (the readers are there), written the way each language writes it.
  const made = fmtFor(lang).dateTime(v.made);
  const a = v.answers;
  const b = v.budget;
  content.replaceChildren(
    h('p', { class: 'made wide' }, t.made(made)),
    section('event', t.event, h('dl', { class: 'facts' },
      h('dt', {}, t.event), h('dd', {}, v.event.name),
      h('dt', {}, t.when), h('dd', {}, v.event.startDate === v.event.endDate ? v.event.startDate : `${v.event.startDate} – ${v.event.endDate}`),
      h('dt', {}, t.venue), h('dd', {}, v.event.venue),
      h('dt', {}, t.deadline), h('dd', {}, v.event.rsvpDeadline),
      h('dt', {}, t.theme), h('dd', {}, decided(v.theme)),
      h('dt', {}, t.speaker), h('dd', {}, decided(v.speaker)))),
    section('programme', t.programme, ...programme(v, a)),
    section('guests', t.guests, h('p', {}, t.places(v.slotsUsed, v.cap)),
      v.guests.length
        ? table(t.guests, [t.name, t.organisation, t.guestStatus, t.parts], v.guests.map((g) => [g.name, g.organisation, `${g.status}${g.review ? t.waits : ''}`, g.parts.join(', ')]))
        : h('p', {}, t.noGuests)),
    section('budget', t.budget,
      table(t.perFunder, [t.funder, t.allocation, t.booked, t.available],
        [...b.funders.map((f) => [f.name, kr(f.allocation), kr(f.consumed), kr(f.available)]), [t.total, kr(b.allocated), kr(b.totals.consumed), kr(b.totals.available)]], [1, 2, 3]),
      table(t.perCategory, [t.category, t.booked], b.categories.filter((c) => c.consumed > 0).map((c) => [c.category, kr(c.consumed)]), [1]),
      ...perItem(v),
      h('p', {}, b.status[lang])),
    decisions('taken', t.taken, v.taken),
    decisions('pending', t.pending, v.pending),
    ...only(v.review.length ? h('section', { class: 'status status-error wide', 'aria-label': t.summaryReview }, h('p', {}, t.summaryReview), h('ul', {}, ...v.review.map((m) => h('li', {}, m[lang])))) : null),
  );
}

void loading([content], status, { busy: t.loading }, async () => {
  render(await call('getSummary'));
}, (e) => {
  $('#alert').textContent = (e as Error).message;
  announce(status, '');
});
