/**
 * "Gäster": the invitation list with statuses and the cap; the answers (counts per status and per
 * programme part) and the caterer's dietary list (CSV built here); add/edit (projektledare),
 * approve/unapprove from a sticky action bar with "select all that fit" (styrgrupp), resolve
 * Osäker/Misslyckad (projektledare), import from pasted rows or a CSV file read in the browser.
 * A guest whose row was changed outside the add-on shows why and offers nothing until it is
 * reviewed. After the retention period a banner asks for the purge of personal data.
 * What the user may not do is shown disabled, with who may. Skip links at the top reach every part.
 * The server checks every role; the UI only says what would be refused.
 */
import { inLang } from '../../core/i18n';
import { NOTE_LIMIT, ownNote, splitNote } from '../../core/note-lines';
import { guestsPageMsg } from '../../core/messages/guests-page';
import { sidebarMsg } from '../../core/messages/sidebar';
import type { GuestLanguage, GuestsView, ImportForm } from '../../app/contract';
import type { DietView } from '../../app/answers';
import type { GuestListView } from '../../app/guests';
import { dietCsvRows, toCsv, type AnswerSummary } from '../../core/answers';
import type { Role } from '../../core/settings';
import type { ImportPreview, ImportRow } from '../../core/invite-csv';
import type { Msg } from '../../core/msg';
import { $, announce, h, loading, only, pageLang, skipLinks } from '../dom';
import { actionMessage, clearError, field as formField, select, showRefusal, type Field } from '../form';
import { call, refusalOf } from '../rpc';
import { reviewPointer } from './review-banner';

type Guest = GuestListView['guests'][number];
type View = GuestsView;

const lang = pageLang();
const t = inLang(guestsPageMsg, lang);
const status = $('#status');
const content = $('#content');
const forms = $('#forms');
const summaryBox = $('#summary');
const refresh = $<HTMLButtonElement>('#refresh');
refresh.textContent = t.refresh;
let view: View | null = null;
/** The cap as last heard from the server: the list's, or a refusal's newer figures. */
let figures = { cap: 0, slotsUsed: 0 };
let editing: Guest | null = null;
let importText = '';

const m = (x: Msg): string => x[lang];
const nameOf = (g: Guest): string => `${g.firstName} ${g.lastName}`.trim() || g.id;
const is = (role: Role): boolean => !!view?.roles.includes(role);
const free = (): number => Math.max(0, figures.cap - figures.slotsUsed);

/** Disables the page's enabled buttons while `work` runs and gives back exactly those. */
async function withButtonsOff<T>(work: () => Promise<T>): Promise<T> {
  const off = [...document.querySelectorAll('button')].filter((b) => !b.disabled);
  for (const b of off) b.disabled = true;
  try {
    return await work();
  } finally {
    for (const b of off) if (b.isConnected) b.disabled = false;
  }
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
/** The default place of a failure: the status line at the top. */
const onStatus = (e: unknown): void => announce(status, messageOf(e), 'error');

/**
 * Runs a server call with the buttons disabled; on success reloads (when asked) and announces `done`;
 * a failure goes to `failed` (the status line unless the caller shows it where the user is looking).
 */
async function act<T>(work: () => Promise<T>, done: (r: T) => string, failed: (e: unknown) => void = onStatus, reload = true): Promise<T | null> {
  announce(status, '…');
  return withButtonsOff(async () => {
    try {
      const r = await work();
      if (reload) await load(false);
      announce(status, done(r), 'ok');
      return r;
    } catch (e) {
      failed(e);
      return null;
    }
  });
}

// --- Skip links ------------------------------------------------------------------------

/** In-page links that move focus (the sidebar's <base target="_top"> would send a plain #link to the top window). */

// --- The cap -----------------------------------------------------------------------------

function renderCap(): void {
  const l = view?.list;
  if (!l) return;
  const { cap, slotsUsed } = figures;
  const pct = cap > 0 ? Math.min(100, Math.round((100 * slotsUsed) / cap)) : 100;
  const over = l.guests.filter((g) => g.overCap).length;
  $('#cap').replaceChildren(...only(
    h('p', { id: 'cap-text' }, t.cap(slotsUsed, cap)),
    h('div', { class: pct >= 100 ? 'bar over' : 'bar', role: 'progressbar', 'aria-labelledby': 'cap-text', 'aria-valuemin': 0, 'aria-valuemax': cap, 'aria-valuenow': slotsUsed },
      h('span', { style: `width:${pct}%` })),
    over ? h('p', { class: 'warn-text' }, t.overCapHint(over)) : null,
    view?.roles.length ? null : h('p', { class: 'muted' }, t.readOnly),
    retentionBanner(l),
    waitingBanner(l),
    confirmBanner(l),
  ));
}

/**
 * The confirmations of guests' answers that did not arrive (src/app/confirm.ts): who, when, why and what
 * to do; "Skicka bekräftelsen igen" where the failure proves nothing left (the server checks Logg again).
 */
function confirmBanner(l: GuestListView): HTMLElement | null {
  const troubled = l.guests.filter((g) => g.confirmation);
  if (troubled.length === 0) return null;
  const may = is('projektledare');
  const item = (g: Guest): HTMLElement => {
    const c = g.confirmation!;
    const error = h('p', { class: 'field-error', id: `confirm-${g.id}-err` });
    const off = may ? { 'aria-describedby': `confirm-${g.id}-err` } : { disabled: true, 'aria-describedby': 'confirm-who' };
    const failed = (e: unknown): void => { onStatus(e); error.textContent = messageOf(e); };
    const resend = c.resend ? h('button', { type: 'button', class: 'secondary', 'data-resend': g.id, 'aria-label': t.confirmResend(nameOf(g)), ...off }, t.confirmResendShort) : null;
    resend?.addEventListener('click', () => void act(() => call('resendConfirmation', { id: g.id }), (r) => r.message, failed));
    // Dealt with (Skickat checked, or the guest told): the line goes.
    const dismiss = h('button', { type: 'button', class: 'secondary', 'data-dismiss': g.id, 'aria-label': t.confirmDismiss(nameOf(g)), ...off }, t.confirmDismissShort);
    dismiss.addEventListener('click', () => void act(() => call('dismissConfirmation', { id: g.id }), (r) => r.message, failed));
    return h('li', { id: `confirm-${g.id}` },
      h('strong', {}, t.confirmWhen(nameOf(g), g.id, c.at)), ' ', t.confirmTrouble(c.kind),
      h('div', { class: 'actions' }, ...only(resend, dismiss)), error);
  };
  return h('section', { class: 'status status-error', id: 'confirm-trouble', 'aria-labelledby': 'confirm-trouble-h' },
    h('h2', { id: 'confirm-trouble-h' }, t.confirmTitle(troubled.length)),
    h('ul', { class: 'plain' }, ...troubled.map(item)),
    may ? null : h('p', { class: 'hint', id: 'confirm-who' }, t.confirmResendWho));
}

// --- The answers --------------------------------------------------------------------------

function renderSummary(s: AnswerSummary): void {
  const row = (label: string, c: { invited: number; yes: number; no: number; notAnswered: number }) =>
    h('tr', {}, h('th', { scope: 'row' }, label), ...[c.invited, c.yes, c.no, c.notAnswered].map((n) => h('td', { class: 'num' }, n)));
  const statuses = s.byStatus.filter((x) => x.count > 0);
  summaryBox.replaceChildren(...only(
    h('p', { id: 'answers-line' }, s.invited ? t.answersLine(s.invited, s.yes, s.no, s.notAnswered) : t.noneInvited),
    s.notInvited && s.invited ? h('p', { id: 'answers-not-invited' }, t.notInvited(s.notInvited)) : null,
    statuses.length ? h('dl', { class: 'figures', id: 'by-status', 'aria-label': t.byStatus },
      ...statuses.flatMap((x) => [h('dt', {}, sidebarMsg.guestStatus(x.status)[lang]), h('dd', {}, x.count)])) : null,
    s.byPart.length ? h('table', { id: 'by-part', class: 'counts' },
      h('caption', {}, t.byPart),
      h('thead', {}, h('tr', {}, ...[t.part, t.invited, t.yes, t.no, t.notAnswered].map((x, i) => h('th', { scope: 'col', class: i ? 'num' : undefined }, x)))),
      h('tbody', {}, ...s.byPart.map((p) => row(p.part, p)), s.noPart.invited ? row(t.noPart, s.noPart) : null)) : null,
  ));
}

// The dietary list: a details element whose body is loaded when it opens (and when "Visa namn" changes).
const dietNames = h('input', { type: 'checkbox', id: 'diet-names', name: 'names', disabled: true, 'aria-describedby': 'diet-names-err' });
const dietNamesErr = h('p', { class: 'field-error', id: 'diet-names-err' });
const dietNamesWho = h('p', { class: 'hint', id: 'diet-names-who' }, t.dietNamesWho);
const dietNamesField: Field = { wrap: h('div', {}), control: dietNames, error: dietNamesErr };
const dietMsg = actionMessage('diet-msg');
const dietBody = h('div', { id: 'diet-body', 'aria-live': 'polite' });
const dietDetails = h('details', { id: 'diet-details' },
  h('summary', {}, t.dietTitle),
  h('p', { class: 'hint' }, t.dietHint),
  h('label', { class: 'check', for: 'diet-names' }, dietNames, t.dietNames),
  dietNamesErr, dietNamesWho, dietMsg, dietBody);
let csvUrl: string | null = null;

/** The names box: usable by the project leader only; for anyone else disabled, with who may. */
function renderDietControls(): void {
  const may = is('projektledare');
  dietNames.disabled = !may;
  if (!may) dietNames.checked = false;
  dietNamesWho.hidden = may;
  dietNames.setAttribute('aria-describedby', may ? 'diet-names-err' : 'diet-names-who diet-names-err');
}

async function loadDiet(): Promise<void> {
  dietBody.setAttribute('aria-busy', 'true');
  dietMsg.textContent = '';
  clearError(dietNamesField);
  const names = dietNames.checked;
  if (!dietBody.firstChild) dietBody.replaceChildren(h('p', { class: 'muted' }, t.dietLoading));
  try {
    renderDiet(await call('getDietaryList', { names }));
  } catch (e) {
    // Refused names (the role went meanwhile): the box goes back, the message stays at it.
    if (names) dietNames.checked = false;
    showRefusal(e, new Map([['names', dietNamesField]]), dietMsg);
  } finally {
    dietBody.setAttribute('aria-busy', 'false');
  }
}

function renderDiet(d: DietView): void {
  if (csvUrl) URL.revokeObjectURL(csvUrl);
  csvUrl = null;
  const l = d.list;
  const notes = only(
    l.unconsented ? h('p', { class: 'warn-text', id: 'diet-unconsented' }, t.dietUnconsented(l.unconsented, is('projektledare'))) : null,
    d.waiting ? h('p', { class: 'warn-text', id: 'diet-waiting' }, t.dietWaiting(d.waiting)) : null,
  );
  if (d.withheld) { dietBody.replaceChildren(h('p', { id: 'diet-withheld', class: 'warn-text' }, m(d.withheld))); return; }
  if (!l.entries.length) { dietBody.replaceChildren(h('p', { id: 'diet-empty' }, t.dietEmpty), ...notes); return; }
  const head = d.names ? [t.dietName, t.diet, t.dietParts] : [t.diet, t.dietCount, t.dietParts];
  const parts = (p: readonly string[]) => (p.length ? p.join(', ') : t.dietNoParts);
  const table = h('table', { id: 'diet-table', class: d.names ? 'diet named' : 'diet' },
    h('caption', {}, t.dietCaption(l.guests, d.names)),
    h('thead', {}, h('tr', {}, ...head.map((x, i) => h('th', { scope: 'col', class: !d.names && i === 1 ? 'num' : undefined }, x)))),
    h('tbody', {}, ...l.entries.map((e) => (d.names
      ? h('tr', {}, h('th', { scope: 'row' }, e.name ?? ''), h('td', {}, e.diet), h('td', {}, parts(e.parts)))
      : h('tr', {}, h('td', {}, e.diet), h('td', { class: 'num' }, e.count), h('td', {}, parts(e.parts)))))));
  // Built here from the server's data: UTF-8 with BOM, Swedish column names, no cell that runs as a formula.
  csvUrl = URL.createObjectURL(new Blob([toCsv(dietCsvRows(l, d.names))], { type: 'text/csv;charset=utf-8' }));
  const csv = h('a', { id: 'diet-csv', href: csvUrl, download: t.dietFile(d.names), target: '_self' }, t.dietCsv(l.entries.length));
  dietBody.replaceChildren(table, h('p', {}, csv), ...notes);
}

dietDetails.addEventListener('toggle', () => { if (dietDetails.open) void loadDiet(); });
dietNames.addEventListener('change', () => void loadDiet());

// --- Approving ----------------------------------------------------------------------------

/** The proposals that fit under the cap, in list order (as the server counts: the first `free` verified proposals). */
function fitting(): string[] {
  return (view?.list.guests ?? []).filter((g) => g.status === 'Föreslagen' && !g.review).slice(0, free()).map((g) => g.id);
}

const boxes = (): HTMLInputElement[] => [...content.querySelectorAll<HTMLInputElement>('#guest-list input[type=checkbox]')];
const selected = (): string[] => boxes().filter((c) => c.checked).map((c) => c.value);

/** The bar's count line and the "select all that fit" button, after any change of the selection or the cap. */
function updateSelection(): void {
  const line = document.getElementById('approve-count');
  const fit = document.getElementById('select-fit') as HTMLButtonElement | null;
  if (!line || !fit) return;
  const n = fitting().length;
  fit.textContent = t.selectFit(n);
  fit.disabled = !is('styrgrupp') || n === 0;
  const ids = new Set(selected());
  const proposals = (view?.list.guests ?? []).filter((g) => ids.has(g.id) && g.status === 'Föreslagen').length;
  const over = proposals > free();
  line.textContent = over ? t.selectionOver(ids.size, free()) : t.selection(ids.size, free());
  line.className = over ? 'warn-text' : 'hint';
}

/** The decision an approval cites (the newest taken decision on the invitation list first); null for anyone but the steering group. */
let decisionField: Field<HTMLSelectElement> | null = null;
function decisionPicker(): HTMLElement | null {
  const decisions = view?.decisions ?? [];
  const keep = decisionField?.control.value;
  const options = decisions.length ? decisions.map((d) => [d.id, d.label] as const) : [['', t.noDecision] as const];
  decisionField = formField(t.approveDecision, select('approve-decision', options), decisions.length ? t.approveDecisionHint : t.noDecision);
  if (keep && decisions.some((d) => d.id === keep)) decisionField.control.value = keep;
  return decisionField.wrap;
}

function approveBar(): HTMLElement {
  const may = is('styrgrupp');
  const off = may ? {} : { disabled: true, 'aria-describedby': 'approve-who' };
  return h('div', { class: 'action-bar', id: 'approve-bar', role: 'group', 'aria-label': t.approveBar, tabindex: -1 },
    may ? h('p', { id: 'approve-count', class: 'hint' }) : null,
    may ? decisionPicker() : null,
    h('div', { class: 'actions' },
      may ? h('button', { type: 'button', class: 'secondary', id: 'select-fit' }, t.selectFit(0)) : null,
      h('button', { type: 'button', id: 'approve', ...off }, t.approve),
      h('button', { type: 'button', class: 'secondary', id: 'unapprove', ...off }, t.unapprove)),
    may ? null : h('p', { class: 'hint', id: 'approve-who' }, t.approveWho),
    actionMessage('approve-msg'),
    h('p', { class: 'done', id: 'approve-done', tabindex: -1, role: 'status' }));
}

async function changeApproval(fn: 'approve' | 'unapprove'): Promise<void> {
  const near = $('#approve-msg');
  $('#approve-done').textContent = '';
  const ids = selected();
  if (!ids.length) { showRefusal(new Error(t.noneSelected), new Map(), near); return; }
  near.textContent = '';
  announce(status, '…');
  await withButtonsOff(async () => {
    try {
      const r = fn === 'approve' ? await call('approve', { ids, decision: decisionField?.control.value ?? '' }) : await call('unapprove', { ids });
      const said = fn === 'approve' ? t.approved(r.changed.length, r.unchanged.length) : t.unapproved(r.changed.length);
      await load(false);
      announce(status, said, 'ok');
      // The list is new: the answer goes where the user is looking, in the bar, and focus with it.
      const done = $('#approve-done');
      done.textContent = said;
      done.focus();
    } catch (e) {
      // The cap as the server has it now: "N av 30" and what fits can't contradict the message.
      const figs = refusalOf('approve', e)?.figures;
      if (figs) { figures = { cap: figs.cap, slotsUsed: figs.slotsUsed }; renderCap(); updateSelection(); }
      announce(status, (e as Error).message, 'error');
      showRefusal(e, decisionField ? new Map<string, Field>([['decision', decisionField]]) : new Map(), near);
    }
  });
}

// --- The list -----------------------------------------------------------------------------

function badge(g: Guest): HTMLElement {
  const cls = g.status === 'Misslyckad' || g.status === 'Osäker' ? 'badge bad'
    : g.status === 'Inbjuden' || g.status === 'Tackat ja' ? 'badge ok' : g.status === 'Godkänd' ? 'badge warn' : 'badge';
  return h('span', { class: cls }, sidebarMsg.guestStatus(g.status)[lang]);
}

function guestItem(g: Guest): HTMLElement {
  const id = `g-${g.id}`;
  const note = splitNote(g.note).lines['[Utskick]'];
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
  if (!is('projektledare')) return actions;
  if (g.status !== 'Skickar') {
    actions.push(h('button', { type: 'button', class: 'secondary', 'aria-label': t.edit(nameOf(g)), 'data-edit': g.id }, t.editShort));
  }
  if (g.status === 'Osäker') {
    actions.push(h('button', { type: 'button', class: 'secondary', 'aria-label': t.sent(nameOf(g)), 'data-resolve': g.id, 'data-to': 'Inbjuden' }, t.sentShort));
  }
  if (g.status === 'Osäker' || g.status === 'Misslyckad') {
    actions.push(h('button', { type: 'button', class: 'secondary', 'aria-label': t.retry(nameOf(g)), 'data-resolve': g.id, 'data-to': 'Godkänd' }, t.retryShort));
  }
  // A guest who tells the project leader they can't come (checkTransition: from Inbjuden or Tackat ja); freed seats go to the waiting list.
  if (g.status === 'Inbjuden' || g.status === 'Tackat ja') {
    actions.push(h('button', { type: 'button', class: 'secondary', 'aria-label': t.cancelGuest(nameOf(g)), 'data-cancel': g.id }, t.cancelGuestShort));
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
  // A refusal stays in the confirm box too, where the user is looking; after a purge the list is new.
  const failed = (e: unknown): void => { onStatus(e); error.textContent = messageOf(e); };
  yes.addEventListener('click', () => void act(() => call('purgePersonalData', { confirm: true }), (r) => r.message, failed)
    .then((r) => {
      if (r === null) return;
      document.getElementById('list-h')?.focus();
      if (dietDetails.open) void loadDiet();
    }));
  return [h('div', { class: 'actions' }, open), box];
}

/**
 * Återbud asks first, beside the guest's button: it mails the guests waiting at once, so a slip of the
 * mouse would be more than a status to change back. Focus goes to "Avbryt"; a refusal shows in the box.
 */
function confirmCancel(open: HTMLElement): void {
  const id = open.dataset.cancel!;
  const g = view?.list.guests.find((x) => x.id === id);
  const row = open.closest('li');
  if (!g || !row || row.querySelector('.confirm')) return;
  const yes = h('button', { type: 'button', id: 'cancel-yes', class: 'danger' }, t.cancelYes);
  const no = h('button', { type: 'button', id: 'cancel-no', class: 'secondary' }, t.cancelNo);
  const error = h('p', { class: 'field-error', id: 'cancel-err' });
  const box = h('div', { class: 'confirm', role: 'group', 'aria-labelledby': 'cancel-text' },
    h('p', { id: 'cancel-text' }, t.cancelConfirm(nameOf(g))), h('div', { class: 'actions' }, yes, no), error);
  row.append(box);
  no.focus();
  no.addEventListener('click', (ev) => { ev.stopPropagation(); box.remove(); open.focus(); });
  yes.addEventListener('click', (ev) => {
    ev.stopPropagation();
    void act(() => call('cancelGuest', { id }), (r) => r.message, (e) => { onStatus(e); error.textContent = messageOf(e); });
  });
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

// --- Add, edit, import --------------------------------------------------------------------

/** A labelled input of the guest form with its error line (aria-describedby), kept in `into` under the key the server names. */
function field(into: Map<string, Field>, key: string, label: string, value: string, attrs: Record<string, string | number | boolean> = {}, hint?: string): HTMLElement {
  const f = formField(label, h('input', { id: `f-${key}`, name: key, value, autocomplete: 'off', ...attrs }), hint);
  into.set(key, f);
  return f.wrap;
}

/** A form's failure handler: the refusal at the field the server names, else beside the button (form.ts). */
function atForm(fields: ReadonlyMap<string, Field>, near: HTMLElement): (e: unknown) => void {
  near.textContent = '';
  for (const f of fields.values()) clearError(f);
  return (e) => { announce(status, ''); showRefusal(e, fields, near); };
}

/** The note lines the server writes (the send's, a failed confirmation's, a reminder's): kept out of the form and kept as they are. */
const serverLines = (note: string): string[] => Object.values(splitNote(note).lines);

function guestForm(): HTMLElement {
  const g = editing;
  const events = view?.events ?? [];
  const fields = new Map<string, Field>();
  const near = actionMessage('guest-form-msg');
  const evError = h('p', { class: 'field-error', id: 'f-events-err' });
  const evBoxes = events.map((ev, i) => h('input', { type: 'checkbox', name: 'events', value: ev, id: `f-ev-${i}`, checked: g ? g.events.includes(ev) : i === 0, 'aria-describedby': 'f-events-err' }));
  if (evBoxes[0]) fields.set('events', { wrap: evError, control: evBoxes[0], error: evError });
  const form = h('form', { id: 'guest-form', novalidate: true },
    field(fields, 'firstName', t.firstName, g?.firstName ?? '', { required: true, maxlength: 80 }),
    field(fields, 'lastName', t.lastName, g?.lastName ?? '', { required: true, maxlength: 80 }),
    field(fields, 'email', t.email, g?.email ?? '', { type: 'email', required: true, maxlength: 254 }),
    h('div', {}, h('label', { for: 'f-language' }, t.language),
      h('select', { id: 'f-language', name: 'language' },
        h('option', { value: 'sv', selected: (g?.language ?? 'sv') === 'sv' }, t.sv),
        h('option', { value: 'en', selected: g?.language === 'en' }, t.en))),
    field(fields, 'title', t.title, g?.title ?? '', { maxlength: 120 }),
    field(fields, 'organisation', t.organisation, g?.organisation ?? '', { maxlength: 160 }),
    field(fields, 'country', t.country, g?.country ?? '', { maxlength: 80 }),
    h('fieldset', {}, h('legend', {}, t.events),
      ...evBoxes.map((box, i) => h('label', { class: 'check' }, box, view?.eventNames[events[i]] ?? events[i])), evError),
    // Dietary needs come from the guest with consent (RSVP page): a new guest has none to enter.
    g ? field(fields, 'diet', t.diet, g.diet, { maxlength: 300 }, t.dietConsentHint) : null,
    field(fields, 'note', t.note, g ? ownNote(g.note) : '', { maxlength: NOTE_LIMIT }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, t.save),
      g ? h('button', { type: 'button', class: 'secondary', id: 'cancel-edit' }, t.cancel) : null),
    near,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const fd = new FormData(form);
    const s = (k: string) => String(fd.get(k) ?? '');
    const input: Record<string, unknown> = {
      firstName: s('firstName'), lastName: s('lastName'), email: s('email'), language: s('language'),
      title: s('title'), organisation: s('organisation'), country: s('country'),
      events: fd.getAll('events').map(String),
    };
    if (g) input.diet = s('diet');
    if (g) {
      input.id = g.id;
      // The server's lines ([Utskick], [Bekräftelse], [Påminnelse]: src/core/note-lines.ts) stay; the rest is the note as typed.
      const keep = serverLines(g.note);
      input.note = [...keep, s('note')].filter(Boolean).join('\n');
    } else input.note = s('note');
    void act(() => call('saveGuest', input), (r) => { editing = null; return t.saved(r.id); }, atForm(fields, near));
  });
  form.querySelector('#cancel-edit')?.addEventListener('click', () => { editing = null; renderForms(); });
  return h('details', { open: !!g, id: 'guest-details' }, h('summary', {}, g ? t.editTitle(g.id) : t.addTitle), form);
}

function importForm(): HTMLElement {
  const ta = h('textarea', { id: 'import-text', spellcheck: false, 'aria-describedby': 'import-hint import-text-err' });
  const taError = h('p', { class: 'field-error', id: 'import-text-err' });
  const fields = new Map<string, Field>([['text', { wrap: taError, control: ta, error: taError }]]);
  const near = actionMessage('import-msg');
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
    renderImport(result, p, input, fields);
    document.getElementById('import-summary')?.focus();
    return t.importSummary(p.valid, p.invalid);
  }, atForm(fields, near), false));
  return h('details', { id: 'import-details', open: !!importText },
    h('summary', {}, t.importTitle),
    h('label', { for: 'import-text' }, t.importText), ta, taError,
    h('p', { class: 'hint', id: 'import-hint' }, t.importHint),
    h('label', { for: 'import-file' }, t.importFile), file,
    h('label', { for: 'import-lang' }, t.defaultLang), lng,
    h('div', { class: 'actions' }, preview),
    near,
    result);
}

/** Errors first (they decide what is imported), then rows with a warning, then the rows that are fine. */
const byConcern = (a: ImportRow, b: ImportRow): number =>
  (b.errors.length ? 2 : b.warnings.length ? 1 : 0) - (a.errors.length ? 2 : a.warnings.length ? 1 : 0) || a.line - b.line;

function renderImport(box: HTMLElement, p: ImportPreview, input: () => ImportForm, fields: ReadonlyMap<string, Field>): void {
  const go = h('button', { type: 'button', id: 'import-go', disabled: p.valid === 0 }, t.doImport(p.valid));
  const goNear = actionMessage('import-go-msg');
  go.addEventListener('click', () => void act(() => call('importGuestRows', input()), (r) => {
    importText = '';
    return t.imported(r.imported.length);
  }, atForm(fields, goNear)));
  const overCap = p.proposalsAfter > p.free;
  const rows = [...p.rows].sort(byConcern).slice(0, 200);
  box.replaceChildren(...only(
    ...p.fileErrors.map((e) => h('p', { class: 'flag', role: 'alert' }, m(e))),
    h('p', { id: 'import-summary', tabindex: -1 }, t.importSummary(p.valid, p.invalid)),
    p.fileErrors.length ? null : h('p', { id: 'import-cap', class: overCap ? 'warn-text' : undefined }, t.importCap(p.proposalsAfter, p.free) + (overCap ? t.importCapOver(p.free) : '')),
    p.noPart ? h('p', { id: 'import-no-part', class: 'warn-text' }, t.importNoPart(p.noPart)) : null,
    rows.length ? h('ul', { class: 'plain', id: 'import-rows', 'aria-label': t.importRows },
      ...rows.map((r) => h('li', { class: r.errors.length ? 'import-row bad' : 'import-row' },
        `${t.line(r.line)}: ${`${r.draft.firstName} ${r.draft.lastName}`.trim()} <${r.draft.email}> `,
        r.errors.length ? h('ul', { class: 'errors' }, ...r.errors.map((e) => h('li', {}, m(e))))
          : r.warnings.length ? h('ul', { class: 'warnings' }, ...r.warnings.map((w) => h('li', {}, m(w))))
            : h('span', { class: 'badge ok' }, t.ok)))) : null,
    h('div', { class: 'actions' }, go),
    goNear,
  ));
}

function renderForms(): void {
  const heading = h('h2', { id: 'forms-h', tabindex: -1 }, t.forms);
  if (is('projektledare')) { forms.replaceChildren(heading, guestForm(), importForm()); return; }
  const off = { type: 'button', class: 'secondary', disabled: true, 'aria-describedby': 'forms-who' } as const;
  forms.replaceChildren(heading,
    h('p', { class: 'hint', id: 'forms-who' }, t.formsWho),
    h('div', { class: 'actions' }, h('button', { ...off, id: 'add-off' }, t.addTitle), h('button', { ...off, id: 'import-off' }, t.importTitle)));
}

// --- The page -----------------------------------------------------------------------------

function render(v: View): void {
  view = v;
  figures = { cap: v.list.cap, slotsUsed: v.list.slotsUsed };
  const l = v.list;
  $('#who').textContent = t.user(v.user, v.roles.join(', '));
  renderCap();
  renderSummary(l.summary);
  renderDietControls();
  content.replaceChildren(...only(
    approveBar(),
    h('h2', { id: 'list-h', tabindex: -1 }, `${t.list} (${l.guests.length})`),
    l.guests.length ? h('ul', { class: 'plain', id: 'guest-list', 'aria-label': t.list }, ...l.guests.map(guestItem)) : h('p', { class: 'muted' }, t.empty),
  ));
  renderForms();
  updateSelection();
}

content.addEventListener('change', (ev) => {
  if ((ev.target as HTMLElement).matches('#guest-list input[type=checkbox]')) updateSelection();
});

content.addEventListener('click', (ev) => {
  const b = (ev.target as HTMLElement).closest('button');
  if (!b) return;
  if (b.id === 'select-fit') {
    const fit = new Set(fitting());
    for (const c of boxes()) c.checked = fit.has(c.value);
    updateSelection();
  } else if (b.id === 'approve' || b.id === 'unapprove') {
    void changeApproval(b.id);
  } else if (b.dataset.edit) {
    editing = view?.list.guests.find((g) => g.id === b.dataset.edit) ?? null;
    renderForms();
    $('#f-firstName').focus();
  } else if (b.dataset.resolve) {
    const to = b.dataset.to;
    if (to !== 'Inbjuden' && to !== 'Godkänd') return;
    void act(() => call('resolveSend', { id: b.dataset.resolve!, to }), () => t.resolved);
  } else if (b.dataset.cancel) {
    confirmCancel(b);
  }
});

async function load(say = true): Promise<void> {
  await loading([content], status, say ? { busy: t.loading, done: t.loaded } : {}, async () => render(await call('getGuests')));
  if (dietDetails.open) await loadDiet();
}

$('#skip-nav').replaceWith(skipLinks(t.skip, [
  ['approve-bar', t.skipApprove], ['answers-h', t.skipAnswers], ['list-h', t.skipList], ['forms-h', t.skipForms],
]));
$('#answers').append(dietDetails);
$('#answers-h').textContent = t.answers;
refresh.addEventListener('click', () => void load());
void load();
