/**
 * Beslut (the steering group's decision register): a form to record a
 * decision and the register, newest first, with "Fatta" / "Upphäv" on the
 * decisions that may still change. Everyone may read; the form and buttons
 * are disabled for anyone but the steering group, with who may use them.
 * Every value goes in as text (src/ui/dom.ts): nothing typed becomes markup.
 * The server checks the role and every rule again.
 */
import { inLang } from '../../core/i18n';
import { decisionsPageMsg } from '../../core/messages/decisions-page';
import type { DecisionRow, DecisionsView } from '../../app/decisions';
import { $, announce, h, loading, only, pageLang, skipLinks } from '../dom';
import { actionMessage, busy, field, select, showErrors, showRefusal, type Field } from '../form';
import { call } from '../rpc';
import { reviewBanner } from './review-banner';

const lang = pageLang();
const t = inLang(decisionsPageMsg, lang);
const status = $('#status');
const alertBox = $('#alert');
const who = $('#who');
const recordSection = $('#record');
const registerSection = $('#register');
let view: DecisionsView | null = null;

// --- Beslutsunderlag ----------------------------------------------------------------

const briefButton = h('button', { type: 'button', class: 'secondary', id: 'open-summary', 'aria-describedby': 'summary-hint' }, t.summary);
briefButton.addEventListener('click', () => {
  briefButton.disabled = true;
  announce(status, t.opening);
  call('menuSummary').then(() => announce(status, ''), (e: unknown) => announce(status, (e as Error).message, 'error')).finally(() => { briefButton.disabled = false; });
});
$('#brief').replaceChildren(h('p', {}, briefButton), h('p', { class: 'hint', id: 'summary-hint' }, t.summaryHint));

// --- The form -------------------------------------------------------------------------

const fDate = field(t.date, h('input', { id: 'date', type: 'date', required: true }));
const fSubject = field(t.subject, select('subject', []));
const fText = field(t.text, h('textarea', { id: 'text', rows: 4, maxlength: 2000 }), t.textHint);
const fReference = field(t.reference, h('input', { id: 'reference', type: 'text', maxlength: 100, autocomplete: 'off' }), t.referenceHint);
const fDecidedBy = field(t.decidedBy, h('input', { id: 'decidedBy', type: 'text', maxlength: 200, autocomplete: 'off' }));
const fStatus = field(t.status, select('decision-status', []), t.statusHint);
const fNote = field(t.note, h('input', { id: 'note', type: 'text', maxlength: 1000, autocomplete: 'off' }));
const saveButton = h('button', { type: 'submit', id: 'save' }, t.save);
const saveMessage = actionMessage('save-msg');
const fields = new Map<string, Field>([
  ['date', fDate], ['subject', fSubject], ['text', fText], ['reference', fReference], ['decidedBy', fDecidedBy], ['status', fStatus], ['note', fNote],
]);
const fieldset = h('fieldset', {}, ...[...fields.values()].map((f) => f.wrap), h('div', { class: 'row' }, saveButton), saveMessage);
const form = h('form', { id: 'record-form', novalidate: true }, fieldset);
recordSection.replaceChildren(h('h2', { id: 'record-h', tabindex: -1 }, t.record), form);

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  saveMessage.textContent = '';
  const errors = new Map<Field, string>();
  for (const f of [fDate, fText, fDecidedBy]) if (!f.control.value.trim()) errors.set(f, t.required);
  if (!showErrors([...fields.values()], errors)) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  const input = {
    date: fDate.control.value, subject: fSubject.control.value, text: fText.control.value, reference: fReference.control.value,
    decidedBy: fDecidedBy.control.value, status: fStatus.control.value, note: fNote.control.value,
  };
  void busy(saveButton, t.saving, recordSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('recordDecision', input);
      for (const f of [fText, fReference, fNote]) f.control.value = '';
      await reload();
      announce(status, saved.message, 'ok');
      document.getElementById(`d-${saved.id}`)?.focus();
    } catch (e) {
      announce(status, '');
      showRefusal(e, fields, saveMessage);
    }
  });
});

// --- The register ------------------------------------------------------------------------

const tagClass = (s: string) => (s === 'Fattat' ? 'tag taken' : s === 'Upphävt' ? 'tag revoked' : 'tag');

function card(d: DecisionRow, mayChange: boolean): HTMLElement {
  const message = actionMessage(`msg-${d.id}`);
  const button = (label: string, to: 'Fattat' | 'Upphävt', cls: string) => {
    const b = h('button', { type: 'button', class: cls, 'data-id': d.id, 'data-to': to }, label);
    b.addEventListener('click', () => {
      void busy(b, t.changing(d.id), registerSection, async () => {
        announce(status, t.changing(d.id));
        try {
          const saved = await call('changeDecision', {
            id: d.id, date: d.date, subject: d.subject, text: d.text, reference: d.reference, decidedBy: d.decidedBy, status: to, note: d.note,
          });
          await reload();
          announce(status, saved.message, 'ok');
          document.getElementById(`d-${saved.id}`)?.focus();
        } catch (e) {
          announce(status, '');
          showRefusal(e, new Map(), message);
        }
      });
    });
    return b;
  };
  const actions = mayChange && !d.review
    ? [d.status === 'Förslag' ? button(t.take(d.id), 'Fattat', '') : null, d.status !== 'Upphävt' ? button(t.revoke(d.id), 'Upphävt', 'secondary') : null]
    : [];
  return h('li', { class: 'card' },
    h('h3', { id: `d-${d.id}`, tabindex: -1 }, `${d.id} · ${d.date}`),
    h('p', {}, h('span', { class: 'tag' }, t.subjectName(d.subject)), h('span', { class: tagClass(d.status) }, t.statusName(d.status))),
    h('p', { class: 'decision-text' }, d.text),
    d.reference ? h('p', { class: 'muted' }, t.referenceLine(d.reference)) : null,
    h('p', { class: 'muted' }, t.decidedByLine(d.decidedBy)),
    d.note ? h('p', { class: 'muted' }, t.noteLine(d.note)) : null,
    d.review ? h('p', { class: 'flag' }, d.review[lang]) : null,
    ...(actions.some(Boolean) ? [h('div', { class: 'row' }, ...actions), message] : []),
  );
}

function render(v: DecisionsView): void {
  const steering = v.mayRecord;
  who.textContent = steering ? t.user(v.user) : t.readOnly(v.user);
  fieldset.disabled = !steering;
  if (!steering) saveButton.setAttribute('aria-describedby', 'who');
  const keepSubject = fSubject.control.value;
  fSubject.control.replaceChildren(...v.subjects.map((s) => h('option', { value: s }, t.subjectName(s))));
  if (keepSubject) fSubject.control.value = keepSubject;
  const keepStatus = fStatus.control.value;
  // A new decision is a proposal or taken, never born revoked.
  fStatus.control.replaceChildren(...v.statuses.filter((s) => s !== 'Upphävt').map((s) => h('option', { value: s }, t.statusName(s))));
  fStatus.control.value = keepStatus || 'Fattat';
  if (!fDate.control.value) fDate.control.value = v.today;
  if (!fDecidedBy.control.value) fDecidedBy.control.value = 'Styrgruppen';
  $('#review').replaceChildren(...only(reviewBanner(lang, status, v.pending, { id: 'decisions-review', intro: t.reviewIntro })));
  const list = v.decisions.length
    ? h('ul', { class: 'decisions' }, ...v.decisions.map((d) => card(d, steering)))
    : h('p', { id: 'empty' }, t.empty);
  registerSection.replaceChildren(h('h2', { id: 'register-h', tabindex: -1 }, t.register), list);
}

async function reload(): Promise<void> {
  view = await call('getDecisions');
  render(view);
}

$('#skip-nav').replaceWith(skipLinks(t.skip, [['record-h', t.record], ['save', t.save], ['register-h', t.register]]));
void loading([recordSection, registerSection], status, { busy: t.loading, done: t.loaded }, reload, (e) => {
  alertBox.textContent = (e as Error).message;
  announce(status, '');
});
