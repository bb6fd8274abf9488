/**
 * The guest's RSVP page (web app). The server put the guest's own data in
 * main[data-view] (HTML-escaped JSON); everything is rendered as text nodes.
 * One round trip: submitRsvp, which answers with the updated view.
 */
import type { RsvpAnswer, RsvpPage, RsvpView } from '../../app/rsvp';
import type { Msg } from '../../core/msg';
import { $, announce, h } from '../dom';
import { call } from '../rpc';

const T = {
  sv: {
    hello: (n: string) => `Hej ${n}!`, invited: 'Du är inbjuden till', where: 'Plats', parts: 'Det här är du inbjuden till',
    coming: 'Kommer du?', yes: 'Ja, jag kommer', no: 'Nej, jag kan inte komma', diet: 'Kost och allergier (frivilligt)',
    dietHint: 'Till exempel vegetarisk eller nötallergi. Högst 300 tecken.', send: 'Skicka svar', sending: 'Skickar …',
    deadline: (d: string) => `Svara senast ${d}. Du kan ändra ditt svar fram till dess.`,
    current: (a: string) => `Ditt svar just nu: ${a}.`, none: 'Du har inte svarat än.', yesShort: 'ja, du kommer', noShort: 'nej, du kan inte komma',
    pick: 'Välj ja eller nej.', contact: 'Frågor? Skriv till', privacy: 'Svaret sparas i arrangörens gästlista (Stockholms stad).',
  },
  en: {
    hello: (n: string) => `Hello ${n}!`, invited: 'You are invited to', where: 'Venue', parts: 'You are invited to these parts',
    coming: 'Will you attend?', yes: 'Yes, I will attend', no: 'No, I cannot attend', diet: 'Dietary needs and allergies (optional)',
    dietHint: 'For example vegetarian or nut allergy. At most 300 characters.', send: 'Send reply', sending: 'Sending …',
    deadline: (d: string) => `Please reply by ${d}. You can change your reply until then.`,
    current: (a: string) => `Your reply now: ${a}.`, none: 'You have not replied yet.', yesShort: 'yes, you will attend', noShort: 'no, you cannot attend',
    pick: 'Choose yes or no.', contact: 'Questions? Write to', privacy: "Your reply is stored in the organiser's guest list (City of Stockholm).",
  },
};

const root = $('#app');
const content = $('#content');
const status = $('#status');
const error = $('#error');
const page = JSON.parse(root.dataset.view || '{"ok":false}') as RsvpPage;

function render(v: RsvpView): void {
  const t = T[v.lang];
  const answerText = v.answer === 'ja' ? t.current(t.yesShort) : v.answer === 'nej' ? t.current(t.noShort) : t.none;
  const info = [
    h('p', {}, t.hello(`${v.firstName} ${v.lastName}`.trim())),
    h('p', {}, `${t.invited} `, h('strong', {}, v.eventName), v.venue ? `. ${t.where}: ${v.venue}.` : '.'),
    v.events.length ? h('h2', {}, t.parts) : null,
    v.events.length ? h('ul', { class: 'events' }, ...v.events.map((e) => h('li', {}, `${e.name}: ${e.date}, ${e.start}–${e.end}`))) : null,
    h('p', { id: 'answer' }, answerText),
  ];
  const contact = v.replyTo ? h('p', {}, `${t.contact} `, h('a', { href: `mailto:${v.replyTo}` }, v.replyTo), '.') : null;
  if (v.closed) {
    content.replaceChildren(...info.filter(Boolean) as Node[], h('p', { class: 'status status-info', id: 'closed' }, v.closed), ...(contact ? [contact] : []));
    return;
  }
  const radio = (value: string, label: string) => {
    const id = `answer-${value}`;
    const input = h('input', { type: 'radio', name: 'answer', id, value, checked: v.answer === value, required: true });
    return h('label', { class: 'choice', for: id }, input, label);
  };
  const diet = h('textarea', { id: 'diet', name: 'diet', maxlength: 300, 'aria-describedby': 'diet-hint', autocomplete: 'off' });
  diet.value = v.diet;
  const button = h('button', { type: 'submit' }, t.send);
  const form = h('form', { id: 'rsvp', novalidate: true },
    h('fieldset', {}, h('legend', {}, t.coming), radio('ja', t.yes), radio('nej', t.no)),
    h('label', { for: 'diet' }, t.diet), diet, h('p', { class: 'hint', id: 'diet-hint' }, t.dietHint),
    button);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const picked = form.querySelector<HTMLInputElement>('input[name="answer"]:checked');
    announce(error, '', 'error');
    if (!picked) {
      announce(error, t.pick, 'error');
      form.querySelector<HTMLInputElement>('input[name="answer"]')?.focus();
      return;
    }
    button.disabled = true;
    button.textContent = t.sending;
    call<RsvpAnswer>('submitRsvp', { g: v.g, t: v.t, answer: picked.value, diet: diet.value })
      .then((r) => {
        if (r.view) render(r.view);
        if (r.saved) {
          announce(status, r.message[v.lang], 'ok');
          status.focus();
        } else announce(error, r.message[v.lang], 'error');
      })
      .catch((e: Error) => announce(error, e.message, 'error'))
      .finally(() => { button.disabled = false; button.textContent = t.send; });
  });
  content.replaceChildren(...info.filter(Boolean) as Node[], h('p', {}, t.deadline(v.deadline)), form, h('p', { class: 'hint' }, t.privacy), ...(contact ? [contact] : []));
}

const neutral = (m: Msg) => content.replaceChildren(h('p', { id: 'neutral' }, m.sv), h('p', { lang: 'en' }, m.en));

if (page.ok) render(page.view);
else neutral(page.message);
