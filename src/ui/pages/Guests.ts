/**
 * "Gäster": the invitation list with statuses and the cap; add/edit
 * (projektledare), approve/unapprove (styrgrupp), resolve Osäker/Misslyckad
 * (projektledare), import from pasted rows or a CSV file read in the browser.
 * A guest whose row was changed outside the add-on shows why and offers
 * nothing until it is reviewed. After the retention period a banner asks
 * for the purge of personal data (with a confirm step).
 * The server checks every role; the UI only hides what would be refused.
 */
import type { GuestLanguage, GuestsView, ImportForm } from '../../app/contract';
import type { GuestListView } from '../../app/guests';
import type { Role } from '../../core/settings';
import type { ImportPreview } from '../../core/invite-csv';
import type { Msg } from '../../core/msg';
import { $, announce, h, loading, only, pageLang } from '../dom';
import { call } from '../rpc';
import { guestTexts, statusText } from './guests-i18n';
import { reviewPointer } from './review-i18n';

type Guest = GuestListView['guests'][number];
/** `admin` when the server says so (administrators may purge too). */
type View = GuestsView;

const lang = pageLang();
const t = guestTexts(lang);
const status = $('#status');
const content = $('#content');
const forms = $('#forms');
const refresh = $<HTMLButtonElement>('#refresh');
refresh.textContent = t.refresh;
let view: View | null = null;
let editing: Guest | null = null;
let importText = '';

const m = (x: Msg): string => x[lang];
const nameOf = (g: Guest): string => `${g.firstName} ${g.lastName}`.trim() || g.id;
const is = (role: Role): boolean => !!view?.roles.includes(role);

/** Runs a server call with the buttons disabled; reports errors; reloads on success when asked. */
async function act<T>(work: () => Promise<T>, done: (r: T) => string, reload = true): Promise<T | null> {
  for (const b of document.querySelectorAll('button')) b.disabled = true;
  announce(status, '…');
  try {
    const r = await work();
    if (reload) await load(false);
    announce(status, done(r), 'ok');
    return r;
  } catch (e) {
    announce(status, (e as Error).message, 'error');
    return null;
  } finally {
    for (const b of document.querySelectorAll('button')) b.disabled = false;
  }
}

function badge(g: Guest): HTMLElement {
  const cls = g.status === 'Misslyckad' || g.status === 'Osäker' ? 'badge bad'
    : g.status === 'Inbjuden' || g.status === 'Tackat ja' ? 'badge ok' : g.status === 'Godkänd' ? 'badge warn' : 'badge';
  return h('span', { class: cls }, statusText(lang, g.status));
}

function guestItem(g: Guest): HTMLElement {
  const id = `g-${g.id}`;
  const note = g.note.split('\n').find((l) => l.startsWith('[Utskick]'));
  const waiting = g.review ? m(g.review) : '';
  const actions: HTMLElement[] = waiting ? [] : guestActions(g);
  return h('li', { class: 'guest' },
    h('div', { class: 'guest-head' },
      is('styrgrupp') ? h('input', { type: 'checkbox', id, value: g.id, 'aria-label': t.select(nameOf(g)), disabled: !!waiting, 'aria-describedby': waiting ? `${id}-review` : undefined }) : null,
      h('div', {},
        h('span', { class: 'guest-name' }, nameOf(g)), ' ', badge(g),
        g.overCap ? h('span', { class: 'badge bad' }, t.overCap) : null,
        waiting ? h('span', { class: 'badge warn' }, t.waiting) : null,
        h('div', { class: 'guest-mail' }, `${g.id} · ${g.email} · ${g.language}`),
        g.organisation ? h('div', { class: 'guest-mail' }, g.organisation) : null,
        note ? h('div', { class: 'guest-mail' }, note.replace('[Utskick] ', '')) : null,
        waiting ? h('div', { class: 'guest-review', id: `${id}-review` }, waiting) : null,
      )),
    actions.length ? h('div', { class: 'row-actions' }, ...actions) : null,
  );
}

/** Edit and resolve, by role and status (a guest waiting for review gets none: the review decides first). */
function guestActions(g: Guest): HTMLElement[] {
  const actions: HTMLElement[] = [];
  if (is('projektledare') && g.status !== 'Skickar') {
    actions.push(h('button', { type: 'button', class: 'secondary', 'aria-label': t.edit(nameOf(g)), 'data-edit': g.id }, lang === 'sv' ? 'Ändra' : 'Edit'));
  }
  if (is('projektledare') && g.status === 'Osäker') {
    actions.push(h('button', { type: 'button', class: 'secondary', 'aria-label': t.sent(nameOf(g)), 'data-resolve': g.id, 'data-to': 'Inbjuden' }, lang === 'sv' ? 'Bekräfta skickad' : 'Confirm sent'));
  }
  if (is('projektledare') && (g.status === 'Osäker' || g.status === 'Misslyckad')) {
    actions.push(h('button', { type: 'button', class: 'secondary', 'aria-label': t.retry(nameOf(g)), 'data-resolve': g.id, 'data-to': 'Godkänd' }, lang === 'sv' ? 'Skicka igen' : 'Send again'));
  }
  return actions;
}

// --- Retention: the purge after the event ------------------------------------------------

function purgeControls(): HTMLElement[] {
  const open = h('button', { type: 'button', id: 'purge' }, t.purge);
  const yes = h('button', { type: 'button', id: 'purge-yes', class: 'danger' }, t.purgeYes);
  const no = h('button', { type: 'button', id: 'purge-no', class: 'secondary' }, t.purgeNo);
  const error = h('p', { class: 'field-error', id: 'purge-err' });
  const box = h('div', { class: 'confirm', id: 'purge-confirm', role: 'group', 'aria-labelledby': 'purge-text', hidden: true },
    h('p', { id: 'purge-text' }, t.purgeConfirm), h('div', { class: 'actions' }, yes, no), error);
  open.addEventListener('click', () => { box.hidden = false; no.focus(); });
  no.addEventListener('click', () => { box.hidden = true; error.textContent = ''; open.focus(); });
  yes.addEventListener('click', () => void act(() => call('purgePersonalData', { confirm: true }), (r) => r.message)
    .then((r) => {
      // A refusal stays in the confirm box too, where the user is looking; after a purge the list is new.
      if (r === null) error.textContent = status.textContent ?? '';
      else document.getElementById('list-h')?.focus();
    }));
  return [h('div', { class: 'actions' }, open), box];
}

/** The reminder once the retention period has passed and personal data is left. */
function retentionBanner(l: GuestListView): HTMLElement | null {
  const r = l.retention;
  if (!r || !r.passed || r.personalLeft === 0) return null;
  const may = is('projektledare') || view?.admin === true;
  return h('section', { class: 'status status-error', id: 'retention', 'aria-labelledby': 'retention-h' },
    h('h2', { id: 'retention-h' }, t.retentionPassed(r.until)),
    h('p', {}, t.retentionLeft(r.personalLeft)),
    ...(may ? purgeControls() : [h('p', {}, t.retentionWho)]));
}

/** How many guests wait for review, with the way to Granska ändringar. */
function waitingBanner(l: GuestListView): HTMLElement | null {
  const n = l.guests.filter((g) => g.review).length;
  if (n === 0) return null;
  return h('div', { class: 'status status-error', id: 'guests-review' }, h('p', {}, t.waitingCount(n)), reviewPointer(lang, status, 'guests-open-review'));
}

function field(key: keyof typeof t & string, label: string, value: string, attrs: Record<string, string | number | boolean> = {}): HTMLElement {
  return h('div', {}, h('label', { for: `f-${key}` }, label), h('input', { id: `f-${key}`, name: key, value, autocomplete: 'off', ...attrs }));
}

function guestForm(): HTMLElement {
  const g = editing;
  const events = view?.events ?? [];
  const form = h('form', { id: 'guest-form', novalidate: true },
    field('firstName', t.firstName, g?.firstName ?? '', { required: true, maxlength: 80 }),
    field('lastName', t.lastName, g?.lastName ?? '', { required: true, maxlength: 80 }),
    field('email', t.email, g?.email ?? '', { type: 'email', required: true, maxlength: 254 }),
    h('div', {}, h('label', { for: 'f-language' }, t.language),
      h('select', { id: 'f-language', name: 'language' },
        h('option', { value: 'sv', selected: (g?.language ?? 'sv') === 'sv' }, t.sv),
        h('option', { value: 'en', selected: g?.language === 'en' }, t.en))),
    field('title', t.title, g?.title ?? '', { maxlength: 120 }),
    field('organisation', t.organisation, g?.organisation ?? '', { maxlength: 160 }),
    field('country', t.country, g?.country ?? '', { maxlength: 80 }),
    h('fieldset', {}, h('legend', {}, t.events),
      ...events.map((ev, i) => h('label', { class: 'check' },
        h('input', { type: 'checkbox', name: 'events', value: ev, id: `f-ev-${i}`, checked: g ? g.events.includes(ev) : i === 0 }), ev))),
    field('diet', t.diet, g?.diet ?? '', { maxlength: 300 }),
    field('note', t.note, g ? g.note.split('\n').filter((l) => !l.startsWith('[Utskick]')).join('\n') : '', { maxlength: 500 }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, t.save),
      g ? h('button', { type: 'button', class: 'secondary', id: 'cancel-edit' }, t.cancel) : null),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const s = (k: string) => String(fd.get(k) ?? '');
    const input: Record<string, unknown> = {
      firstName: s('firstName'), lastName: s('lastName'), email: s('email'), language: s('language'),
      title: s('title'), organisation: s('organisation'), country: s('country'), diet: s('diet'),
      events: fd.getAll('events').map(String),
    };
    if (g) {
      input.id = g.id;
      // The send note ([Utskick] …) is the server's; keep the rest of the note as typed.
      const keep = g.note.split('\n').filter((l) => l.startsWith('[Utskick]'));
      input.note = [...keep, s('note')].filter(Boolean).join('\n');
    } else input.note = s('note');
    void act(() => call('saveGuest', input), (r) => { editing = null; return t.saved(r.id); });
  });
  form.querySelector('#cancel-edit')?.addEventListener('click', () => { editing = null; renderForms(); });
  return h('details', { open: !!g, id: 'guest-details' }, h('summary', {}, g ? t.editTitle(g.id) : t.addTitle), form);
}

function importForm(): HTMLElement {
  const ta = h('textarea', { id: 'import-text', spellcheck: false });
  ta.value = importText;
  ta.addEventListener('input', () => { importText = ta.value; });
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,.tsv,.txt,text/csv,text/plain' });
  const lng = h('select', { id: 'import-lang' }, h('option', { value: 'sv' }, t.sv), h('option', { value: 'en' }, t.en));
  const result = h('div', { id: 'import-result', 'aria-live': 'polite' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    if (f.size > 1_000_000) { announce(status, t.fileTooBig, 'error'); return; }
    const reader = new FileReader();
    reader.onload = () => { importText = String(reader.result ?? ''); ta.value = importText; announce(status, t.fileRead(f.name), 'ok'); };
    reader.onerror = () => announce(status, String(reader.error?.message ?? reader.error), 'error');
    reader.readAsText(f, 'utf-8');
  });
  const input = () => ({ text: ta.value, defaultLanguage: (lng.value === 'en' ? 'en' : 'sv') as GuestLanguage });
  const preview = h('button', { type: 'button', class: 'secondary', id: 'import-preview' }, t.previewImport);
  preview.addEventListener('click', () => void act(() => call('previewImport', input()), (p) => {
    renderImport(result, p, input);
    return t.importSummary(p.valid, p.invalid);
  }, false));
  return h('details', { id: 'import-details', open: !!importText },
    h('summary', {}, t.importTitle),
    h('label', { for: 'import-text' }, t.importText), ta,
    h('p', { class: 'hint' }, t.importHint),
    h('label', { for: 'import-file' }, t.importFile), file,
    h('label', { for: 'import-lang' }, t.defaultLang), lng,
    h('div', { class: 'actions' }, preview),
    result);
}

function renderImport(box: HTMLElement, p: ImportPreview, input: () => ImportForm): void {
  const go = h('button', { type: 'button', id: 'import-go', disabled: p.valid === 0 }, t.doImport(p.valid));
  go.addEventListener('click', () => void act(() => call('importGuestRows', input()), (r) => {
    importText = '';
    return t.imported(r.imported.length);
  }));
  box.replaceChildren(...only(
    ...p.fileErrors.map((e) => h('p', { class: 'flag', role: 'alert' }, m(e))),
    h('p', {}, t.importSummary(p.valid, p.invalid)),
    p.overCap > 0 ? h('p', { class: 'warn-text' }, t.importOverCap(p.overCap)) : null,
    h('ul', { class: 'plain', 'aria-label': t.importTitle },
      ...p.rows.slice(0, 200).map((r) => h('li', {},
        `${t.line(r.line)}: ${`${r.draft.firstName} ${r.draft.lastName}`.trim()} <${r.draft.email}> `,
        r.errors.length ? h('ul', { class: 'errors' }, ...r.errors.map((e) => h('li', {}, m(e)))) : h('span', { class: 'badge ok' }, t.ok)))),
    h('div', { class: 'actions' }, go),
  ));
}

function renderForms(): void {
  forms.replaceChildren(...(is('projektledare') ? [guestForm(), importForm()] : []));
}

function render(v: View): void {
  view = v;
  const l = v.list;
  $('#who').textContent = t.user(v.user, v.roles.join(', '));
  const pct = l.cap > 0 ? Math.min(100, Math.round((100 * l.slotsUsed) / l.cap)) : 100;
  const over = l.guests.filter((g) => g.overCap).length;
  $('#cap').replaceChildren(...only(
    h('p', { id: 'cap-text' }, t.cap(l.slotsUsed, l.cap)),
    h('div', { class: pct >= 100 ? 'bar over' : 'bar', role: 'progressbar', 'aria-labelledby': 'cap-text', 'aria-valuemin': 0, 'aria-valuemax': l.cap, 'aria-valuenow': l.slotsUsed },
      h('span', { style: `width:${pct}%` })),
    over ? h('p', { class: 'warn-text' }, t.overCapHint(over)) : null,
    v.roles.length ? null : h('p', { class: 'muted' }, t.readOnly),
    retentionBanner(l),
    waitingBanner(l),
  ));
  const actions = is('styrgrupp') ? h('div', { class: 'actions' },
    h('button', { type: 'button', id: 'approve' }, t.approve),
    h('button', { type: 'button', class: 'secondary', id: 'unapprove' }, t.unapprove)) : null;
  content.replaceChildren(...only(
    h('h2', { id: 'list-h', tabindex: -1 }, `${t.list} (${l.guests.length})`),
    l.guests.length ? h('ul', { class: 'plain', id: 'guest-list', 'aria-label': t.list }, ...l.guests.map(guestItem)) : h('p', { class: 'muted' }, t.empty),
    actions,
  ));
  renderForms();
}

function selected(): string[] {
  return [...content.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((c) => c.value);
}

content.addEventListener('click', (ev) => {
  const b = (ev.target as HTMLElement).closest('button');
  if (!b) return;
  if (b.id === 'approve' || b.id === 'unapprove') {
    const ids = selected();
    if (!ids.length) { announce(status, t.noneSelected, 'error'); return; }
    const fn = b.id;
    void act(() => call(fn, { ids }), (r) => (fn === 'approve' ? t.approved(r.changed.length, r.unchanged.length) : t.unapproved(r.changed.length)));
  } else if (b.dataset.edit) {
    editing = view?.list.guests.find((g) => g.id === b.dataset.edit) ?? null;
    renderForms();
    $('#f-firstName').focus();
  } else if (b.dataset.resolve) {
    const to = b.dataset.to;
    if (to !== 'Inbjuden' && to !== 'Godkänd') return;
    void act(() => call('resolveSend', { id: b.dataset.resolve!, to }), () => t.resolved);
  }
});

async function load(say = true): Promise<void> {
  await loading([content], status, say ? { busy: t.loading, done: t.loaded } : {}, async () => render(await call('getGuests')));
}

refresh.addEventListener('click', () => void load());
void load();
