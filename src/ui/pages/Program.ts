/**
 * Program: the items with who is invited and what they answered, seats left;
 * the project leader adds and changes them, the steering group decides.
 * Everyone else reads, told who may write. A refusal that names a field is
 * shown at that field; anything else beside the button that sent it.
 */
import type { ProgramItemView, ProgramView } from '../../app/program';
import type { ProgramItemForm } from '../../app/contract';
import { fmtFor, inLang } from '../../core/i18n';
import { programPageMsg } from '../../core/messages/program-page';
import { sidebarMsg } from '../../core/messages/sidebar';
import { $, announce, h, loading, only, pageLang, skipLinks } from '../dom';
import { actionMessage, busy, field, select, showErrors, showRefusal, type Field } from '../form';
import { call } from '../rpc';
import { reviewBanner } from './review-banner';

const lang = pageLang();
const t = inLang(programPageMsg, lang);
const status = $('#status');
const who = $('#who');
const reviewBox = $('#review');
const itemsArea = $('#items');
const editorArea = $('#editor');
const regions = [itemsArea, editorArea];
let view: ProgramView | null = null;
/** The item being changed in the form (null: a new one). */
let editing: ProgramItemView | null = null;

itemsArea.replaceChildren(h('h2', { id: 'items-h' }, t.itemsTitle));
editorArea.replaceChildren(h('h2', { id: 'editor-h' }, t.addTitle));

/** The item's day with its weekday, in the page's language (src/core/format.ts); the ISO date when it is none. */
const localDate = (iso: string): string => fmtFor(lang).day(iso) || iso;

// --- The list --------------------------------------------------------------------------

function card(v: ProgramView, it: ProgramItemView): HTMLElement {
  const c = it.counts;
  const note = actionMessage(`act-${it.id}-err`);
  const buttons: HTMLElement[] = [];
  const titled = (label: string) => `${label}${t.what(it.title)}`;
  if (v.mayEdit && it.status === 'förslag') {
    const change = h('button', { type: 'button', class: 'secondary', 'aria-label': titled(t.change) }, t.change);
    change.addEventListener('click', () => startEdit(it));
    const remove = h('button', { type: 'button', class: 'secondary', 'aria-label': titled(t.remove) }, t.remove);
    remove.addEventListener('click', () => confirmRemove(it, remove, note));
    buttons.push(change, remove);
  }
  if (v.mayDecide) {
    const to = it.status === 'förslag' ? 'beslutad' : 'förslag';
    const decide = h('button', { type: 'button', 'aria-label': titled(to === 'beslutad' ? t.decide : t.undecide) }, to === 'beslutad' ? t.decide : t.undecide);
    decide.addEventListener('click', () => void act(decide, note, () => call('decideProgramItem', { id: it.id, status: to })));
    buttons.push(decide);
  }
  return h('li', { class: 'card', id: `item-${it.id}` },
    h('h3', {}, `${it.id} · ${it.title} `, h('span', { class: `badge${it.status === 'beslutad' ? ' decided' : ''}` }, t.status(it.status))),
    h('p', { class: 'when' }, `${localDate(it.date)}, ${it.start}–${it.end}`),
    h('p', { class: 'muted' }, [t.type(it.type), it.place, t.organiser(it.organiser)].filter(Boolean).join(' · ')),
    h('p', { class: 'muted' }, `${t.f.responsible}: ${it.responsible || '–'} · ${t.f.category}: ${it.category}`),
    h('p', { class: 'cost' }, t.cost(it.cost.booked, it.cost.costs, it.category, it.cost.categoryBooked)),
    h('p', {}, t.counts(c.invited, c.yes, c.no, c.notAnswered), c.waiting ? ` ${t.waiting(c.waiting)}` : '', h('br'), t.seats(c.seatsLeft, it.capacity)),
    it.review ? h('p', { class: 'review' }, t.review) : null,
    buttons.length ? h('div', { class: 'row' }, ...buttons) : null,
    note);
}

function renderList(v: ProgramView): void {
  itemsArea.replaceChildren(
    h('h2', { id: 'items-h', tabindex: '-1' }, t.itemsTitle),
    h('p', { class: 'muted' }, t.days(v.startDate, v.endDate)),
    v.items.length ? h('ul', { class: 'cards', role: 'list' }, ...v.items.map((it) => card(v, it))) : h('p', {}, t.none));
}

/** Deleting asks once more, beside the button. */
function confirmRemove(it: ProgramItemView, button: HTMLButtonElement, note: HTMLElement): void {
  const yes = h('button', { type: 'button', class: 'danger' }, t.remove);
  const no = h('button', { type: 'button', class: 'secondary' }, t.cancel);
  const box = h('div', { class: 'confirm', role: 'group', 'aria-label': t.confirmRemove(it.id) }, h('p', {}, t.confirmRemove(it.id)), h('div', { class: 'row' }, yes, no));
  no.addEventListener('click', () => { box.remove(); button.focus(); });
  yes.addEventListener('click', () => void act(yes, note, () => call('deleteProgramItem', { id: it.id })));
  note.before(box);
  yes.focus();
}

/** Runs an item's action; its refusal goes beside the button, its success to the status and the list reloads. */
async function act(button: HTMLButtonElement, note: HTMLElement, run: () => Promise<{ message: string }>): Promise<void> {
  announce(status, t.saving);
  try {
    const r = await busy(button, t.saving, itemsArea, run);
    announce(status, r.message, 'ok');
    await loading(regions, status, {}, reload);
    $('#items-h').focus();
  } catch (e) {
    announce(status, (e as Error).message, 'error');
    showRefusal(e, new Map(), note);
  }
}

// --- The form ----------------------------------------------------------------------------

type FormKey = 'title' | 'type' | 'date' | 'start' | 'end' | 'place' | 'organiser' | 'responsible' | 'capacity' | 'category' | 'note';
let fields = new Map<string, Field>();

function renderEditor(v: ProgramView): void {
  const heading = h('h2', { id: 'editor-h', tabindex: '-1' }, editing ? t.editTitle(editing.id) : t.addTitle);
  if (!v.mayEdit) {
    editorArea.replaceChildren(heading, h('p', { class: 'muted', id: 'editor-may' }, t.notEditor(v.projectLeader)));
    fields = new Map();
    return;
  }
  const it = editing;
  const input = (k: FormKey, attrs: Record<string, string | number | boolean>) => {
    const c = h('input', { id: `f-${k}`, name: k, autocomplete: 'off', ...attrs });
    return c;
  };
  const f: Record<FormKey, Field> = {
    title: field(t.f.title, input('title', { type: 'text', maxlength: 120, required: true })),
    type: field(t.f.type, select('f-type', v.types.map((x) => [x.value, t.type(x.value)] as const), { name: 'type' })),
    date: field(t.f.date, input('date', { type: 'date', required: true })),
    start: field(t.f.start, input('start', { type: 'time', required: true })),
    end: field(t.f.end, input('end', { type: 'time', required: true }), t.hints.end),
    place: field(t.f.place, input('place', { type: 'text', maxlength: 120 })),
    organiser: field(t.f.organiser, select('f-organiser', v.organisers.map((o) => [o, t.organiser(o)] as const), { name: 'organiser' })),
    responsible: field(t.f.responsible, input('responsible', { type: 'text', maxlength: 120 }), t.hints.responsible),
    capacity: field(t.f.capacity, input('capacity', { type: 'text', inputmode: 'numeric', maxlength: 6 }), t.hints.capacity),
    category: field(t.f.category, select('f-category', [['', '–'], ...v.categories.map((c) => [c, c] as const)], { name: 'category' })),
    note: field(t.f.note, h('textarea', { id: 'f-note', name: 'note', rows: 2, maxlength: 500 })),
  };
  const set = (k: FormKey, value: string) => { f[k].control.value = value; };
  set('date', it?.date ?? v.startDate);
  if (it) {
    for (const k of ['title', 'type', 'start', 'end', 'place', 'organiser', 'responsible', 'category', 'note'] as const) set(k, String(it[k] ?? ''));
    set('capacity', it.capacity === null ? '' : String(it.capacity));
  }
  fields = new Map(Object.entries(f));
  const submit = h('button', { type: 'submit', id: 'save' }, it ? t.save : t.add);
  const cancel = it ? h('button', { type: 'button', class: 'secondary', id: 'cancel' }, t.cancel) : null;
  cancel?.addEventListener('click', () => { editing = null; if (view) renderEditor(view); $('#editor-h').focus(); });
  const error = actionMessage('save-err');
  const form = h('form', { id: 'item-form', novalidate: true },
    f.title.wrap, f.type.wrap, f.date.wrap, h('div', { class: 'times' }, f.start.wrap, f.end.wrap), f.place.wrap, f.organiser.wrap,
    f.responsible.wrap, f.capacity.wrap, f.category.wrap, f.note.wrap, h('div', { class: 'row' }, submit, cancel), error);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void save(f, submit, error);
  });
  editorArea.replaceChildren(heading, form);
}

function startEdit(it: ProgramItemView): void {
  editing = it;
  if (view) renderEditor(view);
  $('#f-title').focus();
}

async function save(f: Record<FormKey, Field>, button: HTMLButtonElement, error: HTMLElement): Promise<void> {
  showErrors(Object.values(f), new Map());
  error.textContent = '';
  const value = (k: FormKey) => f[k].control.value.trim();
  const form: ProgramItemForm = {
    ...(editing ? { id: editing.id } : {}),
    title: value('title'), type: value('type'), date: value('date'), start: value('start'), end: value('end'), place: value('place'),
    organiser: value('organiser'), responsible: value('responsible'), capacity: value('capacity'), category: value('category'), note: value('note'),
  };
  announce(status, t.saving);
  try {
    const r = await busy(button, t.saving, editorArea, () => call('saveProgramItem', form));
    editing = null;
    announce(status, r.message, 'ok');
    await loading(regions, status, {}, reload);
    document.getElementById(`item-${r.id}`)?.setAttribute('tabindex', '-1');
    (document.getElementById(`item-${r.id}`) ?? $('#items-h')).focus();
  } catch (e) {
    announce(status, t.notSaved, 'error');
    showRefusal(e, fields, error);
  }
}

// --- Loading ---------------------------------------------------------------------------------

function render(v: ProgramView): void {
  view = v;
  const roles = v.roles.map((r) => t.role(r)).join(', ');
  who.textContent = `${t.user(v.user, roles)}. ${v.mayEdit ? t.mayEdit : v.mayDecide ? t.mayDecide : t.readOnly(v.projectLeader)}`;
  reviewBox.replaceChildren(...only(reviewBanner(lang, status, v.review, { id: 'review-box', intro: t.reviewIntro })));
  renderList(v);
  if (editing) editing = v.items.find((i) => i.id === editing!.id && i.status === 'förslag') ?? null;
  renderEditor(v);
}

async function reload(): Promise<void> {
  render(await call('getProgram'));
}

// The list, the form and its button past the form's fields (issue 9: every action within 10 Tab presses or a skip link).
$('#skip-nav').replaceWith(skipLinks(sidebarMsg.skipTo()[lang], [['items-h', t.itemsTitle], ['editor-h', t.addTitle], ['save', t.add]]));
void loading(regions, status, { busy: t.loading, done: t.loaded }, reload);
