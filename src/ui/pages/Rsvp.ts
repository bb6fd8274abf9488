/**
 * The guest's RSVP page (web app). The server put the guest's own data in
 * main[data-view] (HTML-escaped JSON); everything is rendered as text nodes.
 * One round trip: submitRsvp, which answers with the updated view.
 *
 * Dietary needs are health data (GDPR art. 9): the diet field stays disabled
 * until the guest ticks the consent box; unticking it sends an empty diet with
 * consent false, which makes the server delete what it holds. The privacy
 * notice (controller, purpose, legal basis, retention, DPO) comes from the view.
 */
import type { PrivacyNotice, RsvpLine, RsvpPage, RsvpView } from '../../app/rsvp';
import { inLang, type InLang } from '../../core/i18n';
import { rsvpPageMsg } from '../../core/messages/rsvp-page';
import type { Msg } from '../../core/msg';
import { $, announce, h, only } from '../dom';
import { call } from '../rpc';

type Texts = InLang<typeof rsvpPageMsg>;

const root = $('#app');
const content = $('#content');
const about = $('#about');
const status = $('#status');
const error = $('#error');
const page = JSON.parse(root.dataset.view || '{"ok":false}') as RsvpPage;

const EMAIL = /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/;
/** An e-mail address as a mailto link, anything else as text. */
const contactValue = (s: string): Node | string => (EMAIL.test(s) ? h('a', { href: `mailto:${s}` }, s) : s);

/** "Om dina personuppgifter": the lines the server filled in (empty ones left out). */
function privacySection(p: PrivacyNotice, t: Texts): HTMLElement {
  const lines: [string, string, boolean][] = [
    [t.controller, p.controller, false], [t.purpose, p.purpose, false], [t.legalBasis, p.legalBasis, false],
    [t.retention, p.retention, false], [t.dpo, p.dpo, true],
  ];
  const items = lines.filter(([, value]) => value.trim() !== '')
    .flatMap(([label, value, link]) => [h('dt', {}, label), h('dd', {}, link ? contactValue(value.trim()) : value)]);
  return h('section', { class: 'privacy', 'aria-labelledby': 'privacy-title' },
    h('h2', { id: 'privacy-title' }, t.privacy),
    items.length ? h('dl', {}, ...items) : null,
    h('p', { class: 'hint' }, t.rights));
}

function render(v: RsvpView): void {
  const t = inLang(rsvpPageMsg, v.lang);
  const greeting = h('p', {}, t.hello(`${v.firstName} ${v.lastName}`.trim()));
  const contact = v.replyTo ? h('p', { class: 'contact' }, `${t.contact} `, h('a', { href: `mailto:${v.replyTo}` }, v.replyTo), '.') : null;
  const closed = v.closed ? h('p', { class: 'status status-info', id: 'closed' }, v.closed) : null;
  if (v.closed && v.events.length === 0) {
    // After the deadline the view holds nothing personal but the name: so does the page.
    content.replaceChildren(...only(greeting, closed));
    about.replaceChildren(...only(privacySection(v.privacy, t), contact));
    return;
  }
  const answerText = v.answer === 'ja' ? t.current(t.yesShort) : v.answer === 'nej' ? t.current(t.noShort) : t.none;
  const info = only(
    greeting,
    h('p', {}, `${t.invited} `, h('strong', {}, v.eventName), v.venue ? `. ${t.where}: ${v.venue}.` : '.'),
    v.events.length && !(v.perItem && !v.closed) ? h('h2', {}, t.parts) : null,
    v.events.length && !(v.perItem && !v.closed) ? h('ul', { class: 'events' }, ...v.events.map((e) => h('li', {}, `${e.name}: ${e.date}, ${e.start}–${e.end}`))) : null,
    v.perItem ? null : h('p', { id: 'answer' }, answerText),
    v.calendar ? h('p', {}, h('a', { id: 'calendar', href: `data:text/calendar;charset=utf-8,${encodeURIComponent(v.calendar)}`, download: t.calendarFile }, t.calendar)) : null,
  );
  // The answer's status and errors sit between the form and the notice (#status, #error), where the guest looks.
  if (v.closed) content.replaceChildren(...info, ...only(closed));
  else content.replaceChildren(...info, h('p', {}, t.deadline(v.deadline)), form(v, t));
  about.replaceChildren(...only(privacySection(v.privacy, t), contact));
}

/** One item's fieldset: yes / no, and the waiting list when the item is full (a seat held for the guest is theirs to take). */
function itemFieldset(e: RsvpLine, t: Texts): HTMLFieldSetElement {
  const name = `item-${e.id}`;
  const waitable = e.limited && (e.full || e.answer === 'väntar');
  const picked = e.answer === 'väntar' ? 'vänta' : e.answer === 'erbjuden' ? '' : e.answer;
  const radio = (value: 'ja' | 'nej' | 'vänta', label: string) => {
    const id = `${name}-${value === 'vänta' ? 'wait' : value}`;
    const input = h('input', { type: 'radio', name, id, value, checked: picked === value, required: true, 'aria-describedby': `${name}-note` });
    return h('label', { class: 'choice', for: id }, input, label);
  };
  const note = e.answer === 'erbjuden' ? t.offer(e.offerUntil) : e.answer === 'väntar' ? t.waiting : e.full ? t.full : '';
  return h('fieldset', { class: 'item', 'data-item': e.id },
    h('legend', {}, `${e.name}: ${e.date}, ${e.start}–${e.end}`),
    radio('ja', t.itemYes), radio('nej', t.itemNo), waitable ? radio('vänta', t.itemWait) : null,
    h('p', { class: 'hint', id: `${name}-note` }, note));
}

function form(v: RsvpView, t: Texts): HTMLFormElement {
  const radio = (value: 'ja' | 'nej', label: string) => {
    const id = `answer-${value}`;
    const input = h('input', { type: 'radio', name: 'answer', id, value, checked: v.answer === value, required: true });
    return h('label', { class: 'choice', for: id }, input, label);
  };
  const choices = v.perItem
    ? h('fieldset', { class: 'items' }, h('legend', {}, t.itemsTitle), ...v.events.map((e) => itemFieldset(e, t)))
    : h('fieldset', {}, h('legend', {}, t.coming), radio('ja', t.yes), radio('nej', t.no));
  const consent = h('input', { type: 'checkbox', id: 'consent', name: 'consent', checked: v.consent, 'aria-describedby': 'consent-hint consent-note' });
  const consentNote = h('p', { class: 'hint note', id: 'consent-note', 'aria-live': 'polite' });
  const diet = h('textarea', { id: 'diet', name: 'diet', maxlength: 300, autocomplete: 'off', rows: 3 });
  diet.value = v.diet;
  const dietLocked = h('p', { class: 'hint', id: 'diet-locked' }, t.dietLocked);
  /** The diet field follows the consent box; the note says what unticking will do to stored needs. */
  const sync = () => {
    const on = consent.checked;
    diet.disabled = !on;
    dietLocked.hidden = on;
    diet.setAttribute('aria-describedby', on ? 'diet-hint' : 'diet-locked diet-hint');
    consentNote.textContent = v.consent ? (on ? t.consentGiven : t.consentWithdraw) : '';
    consentNote.classList.toggle('warn-text', v.consent && !on);
  };
  consent.addEventListener('change', sync);
  sync();
  const button = h('button', { type: 'submit' }, t.send);
  const f = h('form', { id: 'rsvp', novalidate: true },
    choices,
    h('fieldset', { class: 'diet' },
      h('legend', {}, t.dietTitle),
      h('label', { class: 'choice consent', for: 'consent' }, consent, t.consent),
      h('p', { class: 'hint', id: 'consent-hint' }, t.consentHint),
      consentNote,
      h('label', { for: 'diet' }, t.diet), diet, dietLocked,
      h('p', { class: 'hint', id: 'diet-hint' }, t.dietHint)),
    button);
  f.addEventListener('submit', (ev) => {
    ev.preventDefault();
    announce(status, '');
    announce(error, '', 'error');
    const chosen = v.perItem ? itemAnswers(f, v, t) : oneAnswer(f, t);
    if (!chosen) return;
    const given = consent.checked;
    button.disabled = true;
    button.textContent = t.sending;
    f.setAttribute('aria-busy', 'true');
    // Without consent the diet is sent empty: that withdraws consent and deletes what is stored.
    call('submitRsvp', { w: v.w, g: v.g, v: v.v, t: v.t, ...chosen, diet: given ? diet.value : '', consent: given })
      .then((r) => {
        if (r.view) render(r.view);
        if (r.saved) {
          announce(status, r.message[v.lang], 'ok');
          status.focus();
        } else fail(r.message[v.lang]);
      })
      .catch((e: Error) => fail(e.message))
      .finally(() => { button.disabled = false; button.textContent = t.send; f.removeAttribute('aria-busy'); });
  });
  return f;
}

/** The one answer for everything, or null (the refusal is shown and the first radio focused). */
function oneAnswer(f: HTMLFormElement, t: Texts): { answer: 'ja' | 'nej' } | null {
  const picked = f.querySelector<HTMLInputElement>('input[name="answer"]:checked');
  if (picked?.value === 'ja' || picked?.value === 'nej') return { answer: picked.value };
  announce(error, t.pick, 'error');
  f.querySelector<HTMLInputElement>('input[name="answer"]')?.focus();
  return null;
}

/** An answer per item, or null when one is missing (named, and its first radio focused). */
function itemAnswers(f: HTMLFormElement, v: RsvpView, t: Texts): { answers: Record<string, 'ja' | 'nej' | 'vänta'> } | null {
  const answers: Record<string, 'ja' | 'nej' | 'vänta'> = {};
  for (const e of v.events) {
    const picked = f.querySelector<HTMLInputElement>(`input[name="item-${e.id}"]:checked`)?.value;
    if (picked !== 'ja' && picked !== 'nej' && picked !== 'vänta') {
      announce(error, t.pickItem(e.name), 'error');
      f.querySelector<HTMLInputElement>(`input[name="item-${e.id}"]`)?.focus();
      return null;
    }
    answers[e.id] = picked;
  }
  return { answers };
}

/** An error in the alert region; focus goes there when it was lost (the form re-rendered, or the button disabled while sending). */
function fail(text: string): void {
  announce(error, text, 'error');
  if (!document.activeElement || document.activeElement === document.body) error.focus();
}

const neutral = (m: Msg) => content.replaceChildren(h('p', { id: 'neutral' }, m.sv), h('p', { lang: 'en' }, m.en));

if (page.ok) render(page.view);
else neutral(page.message);
