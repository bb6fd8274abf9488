/**
 * Granska ändringar: every change made on the sheets outside the add-on,
 * grouped by sheet, with before → now, who may decide, and Godkänn / Ångra.
 * The server judges a confirm by the sheet's own rules and refuses what it
 * can't take; the ids change after any decision, so the list is reloaded.
 * A log whose row count disagrees with its anchor is shown first: nothing
 * can be written until an administrator accepts it.
 */
import { inLang } from '../../core/i18n';
import { reviewPageMsg } from '../../core/messages/review-page';
import type { ReviewItem, ReviewView } from '../../app/review';
import type { Msg } from '../../core/msg';
import { $, announce, h, loading, only, pageLang } from '../dom';
import { clearError, field, setError, type Field } from '../form';
import { call } from '../rpc';

const lang = pageLang();
const t = inLang(reviewPageMsg, lang);
const status = $('#status');
const who = $('#who');
const logBox = $('#log');
const content = $('#content');
const refresh = $<HTMLButtonElement>('#refresh');
refresh.textContent = t.refresh;
$('#title').setAttribute('tabindex', '-1'); // focus lands here after the log is accepted
const m = (x: Msg): string => x[lang];

interface ItemUi {
  readonly item: ReviewItem;
  readonly index: number;
  readonly error: HTMLElement;
  readonly note: Field<HTMLInputElement> | null;
}

/** "rad 5 (K-0003)", or the key alone for a row that is gone. */
const where = (it: ReviewItem): string =>
  it.row > 0 ? `${t.row(it.row)}${it.key ? ` (${it.key})` : ''}` : it.key || '?';
const titleOf = (it: ReviewItem): string => `${t.kinds[it.kind]}: ${where(it)}`;

/** Disables every enabled control while a decision is pending; the returned function undoes exactly that. */
function freeze(): () => void {
  const els = [...document.querySelectorAll<HTMLButtonElement | HTMLInputElement>('button, input')].filter((e) => !e.disabled);
  for (const e of els) e.disabled = true;
  return () => { for (const e of els) e.disabled = false; };
}

function diffTable(it: ReviewItem): HTMLElement | null {
  if (!it.fields.length) return null;
  const empty = it.kind === 'missing' ? t.removedValue : '—';
  return h('table', { class: 'diff' },
    h('caption', { class: 'sr-only' }, t.tableCaption(titleOf(it))),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.field), h('th', { scope: 'col' }, t.before), h('th', { scope: 'col' }, t.now))),
    h('tbody', {}, ...it.fields.map((f) => h('tr', {},
      h('th', { scope: 'row' }, f.header), h('td', {}, f.before || '—'), h('td', { class: 'now' }, f.now || empty)))));
}

/** Why the buttons are off, or why only Ångra is offered ('' when neither). */
function reasonOf(it: ReviewItem): string {
  if (!it.mayDecide) return t.notYours(m(it.who));
  return it.canConfirm ? '' : t.onlyUndo;
}

function itemCard(it: ReviewItem, index: number): HTMLElement {
  const id = `item-${index}`;
  const reason = reasonOf(it);
  const error = h('p', { class: 'field-error', id: `${id}-err` });
  const note = it.needsNote && it.canConfirm && it.mayDecide
    ? field(t.note, h('input', { id: `${id}-note`, type: 'text', maxlength: 200, autocomplete: 'off' }), t.noteHint) : null;
  const ui: ItemUi = { item: it, index, error, note };
  const together = it.together > 0 && it.canConfirm;
  const describedBy = [reason ? `${id}-why` : '', together ? `${id}-together` : '', `${id}-err`].filter(Boolean).join(' ');
  const button = (action: 'confirm' | 'undo', label: string, cls?: string) => {
    const b = h('button', { type: 'button', class: cls, disabled: !it.mayDecide, 'aria-label': `${label}: ${titleOf(it)}`, 'aria-describedby': describedBy, 'data-action': action }, label);
    b.addEventListener('click', () => void decide(ui, action, b));
    return b;
  };
  return h('li', { class: 'card item', 'data-id': it.id },
    h('h3', { id, tabindex: -1 }, h('span', { class: 'kind' }, t.kinds[it.kind]), ' ', where(it)),
    h('p', {}, m(it.message)),
    diffTable(it),
    h('p', { class: 'muted review-note' }, t.who(m(it.who))),
    reason ? h('p', { class: 'review-note', id: `${id}-why` }, reason) : null,
    together ? h('p', { class: 'review-note', id: `${id}-together` }, t.together(it.together)) : null,
    note ? note.wrap : null,
    h('div', { class: 'row' }, it.canConfirm ? button('confirm', t.confirm) : null, button('undo', t.undo, 'secondary')),
    error,
  );
}

/** After a decision the list is new: focus the card now at the same place, or the empty state. */
function focusAt(index: number): void {
  const heads = content.querySelectorAll<HTMLElement>('.item h3');
  const target = heads[Math.min(index, heads.length - 1)] ?? document.getElementById('empty');
  target?.focus();
}

async function decide(ui: ItemUi, action: 'confirm' | 'undo', button: HTMLButtonElement): Promise<void> {
  const note = ui.note?.control.value.trim() ?? '';
  ui.error.textContent = '';
  if (ui.note) clearError(ui.note);
  if (action === 'confirm' && ui.note && !note) {
    setError(ui.note, t.noteRequired);
    ui.note.control.focus();
    return;
  }
  const thaw = freeze();
  announce(status, t.deciding(titleOf(ui.item)));
  let message: string | null = null;
  await loading([content], status, {}, async () => {
    ({ message } = await call('decideChange', { id: ui.item.id, action, ...(note && action === 'confirm' ? { note } : {}) }));
  }, (e) => {
    // The refusal goes next to the buttons that were pressed, and to the status region.
    thaw();
    ui.error.textContent = (e as Error).message;
    announce(status, (e as Error).message, 'error');
    button.focus();
  });
  if (message === null) return;
  await load(false);
  thaw(); // what survived the reload (or all of it, when the reload failed)
  announce(status, message, 'ok');
  focusAt(ui.index);
}

// --- The log ----------------------------------------------------------------------------

function acceptLogControls(): HTMLElement[] {
  const open = h('button', { type: 'button', id: 'accept-log' }, t.acceptLog);
  const yes = h('button', { type: 'button', id: 'accept-log-yes', class: 'danger' }, t.acceptLogYes);
  const no = h('button', { type: 'button', id: 'accept-log-no', class: 'secondary' }, t.back);
  const box = h('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'accept-log-text', hidden: true },
    h('p', { id: 'accept-log-text' }, t.acceptLogConfirm), h('div', { class: 'row' }, yes, no));
  open.addEventListener('click', () => { box.hidden = false; no.focus(); });
  no.addEventListener('click', () => { box.hidden = true; open.focus(); });
  yes.addEventListener('click', () => void acceptLog());
  return [h('div', { class: 'row' }, open), box];
}

async function acceptLog(): Promise<void> {
  const thaw = freeze();
  announce(status, t.accepting);
  try {
    const { message } = await call('acceptLog');
    await load(false);
    thaw();
    announce(status, message, 'ok');
    $('#title').focus();
  } catch (e) {
    thaw();
    announce(status, (e as Error).message, 'error');
  }
}

function renderLog(v: ReviewView): void {
  if (!v.log) {
    logBox.replaceChildren();
    return;
  }
  logBox.replaceChildren(h('section', { class: 'status status-error', 'aria-labelledby': 'log-h' },
    h('h2', { id: 'log-h' }, t.logTitle),
    h('p', {}, m(v.log)),
    ...(v.admin ? acceptLogControls() : [h('p', {}, t.logNotAdmin)])));
}

// --- Loading ------------------------------------------------------------------------------

function render(v: ReviewView): void {
  who.textContent = t.user(v.user, [...v.roles, ...(v.admin ? [t.admin] : [])].join(', '));
  renderLog(v);
  if (!v.items.length) {
    content.replaceChildren(h('p', { id: 'empty', tabindex: -1 }, t.empty));
    return;
  }
  const groups = new Map<string, ReviewItem[]>();
  for (const it of v.items) groups.set(it.sheet, [...(groups.get(it.sheet) ?? []), it]);
  let n = 0;
  content.replaceChildren(...only(
    h('p', { id: 'count' }, t.count(v.items.length)),
    h('p', { class: 'muted' }, t.intro),
    ...[...groups].map(([sheet, items], g) => h('section', { 'aria-labelledby': `sheet-${g}` },
      h('h2', { id: `sheet-${g}` }, t.sheet(sheet, items.length)),
      h('ul', { class: 'items' }, ...items.map((it) => itemCard(it, n++))))),
  ));
}

async function load(say = true): Promise<void> {
  refresh.disabled = true;
  await loading([content], status, say ? { busy: t.loading, done: t.loaded } : {}, async () => render(await call('getReview')));
  refresh.disabled = false;
}

refresh.addEventListener('click', () => void load());
void load();
