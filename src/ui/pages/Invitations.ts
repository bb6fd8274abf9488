/**
 * "Inbjudningar": where the invitations stand (for everyone who can open the file), preview
 * exactly what a guest gets (HTML in a sandboxed iframe, no scripts, no same-origin) and send a
 * test to yourself (projektledare, styrgrupp), and send for real (projektledare): a confirm step
 * (who, from which account, what stops the run), then the client calls sendInvitations batch
 * after batch with a progress bar, then a summary of the run's totals beside the totals of the
 * sheet, in the terms Gäster uses. What a user's role doesn't allow is shown disabled, with who
 * may. Any batch may fail or the sidebar may close: the server journals every send, so pressing
 * the button again never sends anything twice.
 *
 * Focus: each action leaves it where its answer is: the confirm heading, the progress heading,
 * the summary heading, the test's result line, or beside the button for a refusal.
 */
import { sidebarMsg } from '../../core/messages/sidebar';
import type { GuestsView } from '../../app/contract';
import type { InvitationPreview, MailKind } from '../../app/merge';
import type { ReminderPlan, ReminderProgress } from '../../app/remind';
import type { SendPlan } from '../../app/send-plan';
import { isMailed } from '../../core/guests';
import { fmtFor, inLang } from '../../core/i18n';
import { invitationsPageMsg } from '../../core/messages/invitations-page';
import type { Msg } from '../../core/msg';
import type { Role } from '../../core/settings';
import { $, announce, h, loading, only, pageLang } from '../dom';
import { actionMessage, clearError, field, select, setError, showRefusal, type Field } from '../form';
import { call } from '../rpc';
import { afterOf, handled, outcomeOf, runBatches, type After, type Outcome, type Run } from './invitations-run';

const BATCH = 10;

const lang = pageLang();
const t = inLang(invitationsPageMsg, lang);
const viewer = $('#viewer');
const status = $('#status');
const stateBox = $('#state');
const sendBox = $('#send');
const content = $('#content');
const remindBox = $('#remind');
/** Opened from "Skicka påminnelse": the focus starts at the reminders. */
const startAt = document.querySelector('main')?.getAttribute('data-start') ?? '';
const refresh = $<HTMLButtonElement>('#refresh');
refresh.textContent = t.refresh;
$('#state-title').textContent = t.stateTitle;
$('#preview-title').textContent = t.previewTitle;
$('#remind-title').textContent = t.remindTitle;
let view: GuestsView | null = null;
const m = (x: Msg): string => x[lang];
const is = (role: Role): boolean => !!view?.roles.includes(role);
const NO_FIELDS: ReadonlyMap<string, Field> = new Map();

/**
 * Disables every enabled button while `run` is pending, then enables exactly those again: a
 * button disabled because of the user's role stays disabled.
 */
async function whileBusy<T>(run: () => Promise<T>): Promise<T> {
  const on = [...document.querySelectorAll('button')].filter((b) => !b.disabled);
  for (const b of on) b.disabled = true;
  try {
    return await run();
  } finally {
    for (const b of on) b.disabled = false;
  }
}

/** Focus for an answer that is not a control (a heading, a result line). */
function focusOn(el: HTMLElement): void {
  el.scrollIntoView({ block: 'nearest' });
  el.focus();
}

const heading = (id: string, text: string): HTMLHeadingElement => h('h2', { id, tabindex: -1 }, text);

/** Term and figure pairs (dt/dd), each dd with an id for the tests. */
function figures(id: string, rows: readonly (readonly [string, number, string] | null)[]): HTMLDListElement {
  return h('dl', { class: 'figures', id }, ...rows.flatMap((r) => (r ? [h('dt', {}, r[0]), h('dd', { id: r[2] }, r[1])] : [])));
}

// --- Läget: for everyone -------------------------------------------------------------------

function renderState(v: GuestsView): void {
  const statuses = v.list.guests.map((g) => g.status);
  const toCheck = statuses.filter((s) => s === 'Osäker' || s === 'Misslyckad').length;
  stateBox.replaceChildren(
    h('h2', { id: 'state-title' }, t.stateTitle),
    figures('state-figures', [
      [t.approvedWaiting, statuses.filter((s) => s === 'Godkänd').length, 'state-waiting'],
      [t.invited, statuses.filter(isMailed).length, 'state-invited'],
      toCheck ? [t.toCheck, toCheck, 'state-check'] : null,
    ]),
    // In Gäster's words and from the same figures (listGuests), so the two sidebars agree.
    h('p', { id: 'state-slots' }, t.places(v.list.slotsUsed, v.list.cap)),
  );
}

// --- Skicka inbjudningar ---------------------------------------------------------------------

/**
 * A project-leader action (with its refusal line), or for anyone else the same button disabled, saying who may.
 * `id` names the button `<id>-start`, the who-may line `<id>-who` and the refusal line `<id>-error`.
 */
function leaderButton(id: string, label: string, whoMay: string, run: () => Promise<void>): HTMLElement {
  if (!is('projektledare')) {
    return h('div', { class: 'actions' },
      h('button', { type: 'button', id: `${id}-start`, disabled: true, 'aria-describedby': `${id}-who` }, label),
      h('p', { id: `${id}-who`, class: 'hint' }, whoMay));
  }
  const b = h('button', { type: 'button', id: `${id}-start` }, label);
  b.addEventListener('click', () => void run());
  return h('div', {}, h('div', { class: 'actions' }, b), actionMessage(`${id}-error`));
}

const sendButton = (): HTMLElement => leaderButton('send', t.send, t.onlyLeader, confirmStep);

function renderSendIdle(): void {
  sendBox.replaceChildren(sendButton());
}

async function confirmStep(): Promise<void> {
  let plan: SendPlan;
  try {
    plan = (await whileBusy(() => call('getSendPlan'))).plan;
  } catch (e) {
    showRefusal(e, NO_FIELDS, $('#send-error'));
    return;
  }
  const n = plan.recipients.length;
  const byQuota = plan.quotaLeft < Math.min(n, plan.capLeft);
  const fits = Math.min(n, plan.quotaLeft, plan.capLeft);
  const go = h('button', { type: 'button', id: 'send-confirm', disabled: fits === 0, 'aria-describedby': fits < n ? 'send-stops' : undefined }, t.confirm);
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'send-cancel' }, t.cancel);
  const title = heading('confirm-title', t.confirmTitle);
  const panel = h('section', { class: 'card', id: 'confirm', 'aria-labelledby': 'confirm-title' }, ...only(
    title,
    h('p', { id: 'confirm-who' }, n ? t.confirmWho(n) : t.nothing),
    n ? h('ul', { class: 'who', id: 'recipients', tabindex: 0, 'aria-label': t.confirmWho(n) }, ...plan.recipients.map((r) => h('li', {}, `${r.name} <${r.email}>`))) : null,
    h('p', { id: 'sender' }, t.confirmFrom(plan.account, plan.senderName, plan.replyTo)),
    h('p', { id: 'confirm-slots' }, t.places(plan.slotsUsed, plan.cap)),
    h('p', { id: 'confirm-quota' }, t.quota(plan.quotaLeft)),
    fits < n ? h('p', { class: 'warn-text', id: 'send-stops' }, byQuota ? t.stopsAtQuota(fits, n - fits) : t.stopsAtCap(fits, n - fits, plan.cap)) : null,
    plan.blocked.length ? h('div', { id: 'confirm-blocked' }, h('p', { class: 'flag' }, t.blockedList(plan.blocked.length)),
      h('ul', {}, ...plan.blocked.map((b) => h('li', {}, `${b.name}: ${b.reasons.map(m).join(' ')}`)))) : null,
    plan.attention.length ? h('p', { class: 'warn-text' }, t.attention(plan.attention.length)) : null,
    h('div', { class: 'actions' }, go, cancel),
  ));
  cancel.addEventListener('click', () => {
    renderSendIdle();
    $('#send-start').focus();
  });
  go.addEventListener('click', () => void sendAll(plan, fits));
  sendBox.replaceChildren(panel);
  focusOn(title);
}

async function sendAll(plan: SendPlan, planned: number): Promise<void> {
  let total = Math.max(planned, 1);
  const title = heading('progress-title', t.sendingTitle);
  const bar = h('progress', { id: 'send-progress', max: total, value: 0 });
  const text = h('p', { id: 'progress-text', 'aria-live': 'polite' }, t.progressText(0, 0, planned));
  sendBox.replaceChildren(h('section', { id: 'progress', 'aria-labelledby': 'progress-title' },
    title, h('label', { for: 'send-progress' }, t.progress), bar, text));
  focusOn(title);
  announce(status, t.sending);
  const run = await whileBusy(() => runBatches(() => call('sendInvitations', { batchSize: BATCH }), (totals) => {
    const done = handled(totals);
    if (done > total) { total = done; bar.max = total; } // more were approved meanwhile: they went too
    bar.value = done;
    text.textContent = t.progressText(totals.sent, done - totals.sent, Math.max(planned, done));
  }));
  // The figures after the run, as the server counts them now (anyone may read Gäster; the plan is the project leader's).
  const [after, guests] = await Promise.all([
    call('getSendPlan').then((r) => r.plan, () => null),
    call('getGuests').catch(() => null),
  ]);
  title.textContent = t.sentTitle;
  if (guests) { view = guests; renderState(guests); }
  renderSummary(run, after, plan);
}

function outcomeText(o: Outcome): string {
  switch (o.kind) {
    case 'error': return t.interrupted;
    case 'stalled': return t.outcomeStalled;
    case 'all': return t.outcomeAll;
    case 'check': return t.outcomeCheck(o.toCheck);
    case 'blocked': return t.outcomeBlocked(o.blocked);
    case 'quota': return t.outcomeQuota(o.waiting);
    case 'cap': return t.outcomeCap(o.waiting, o.cap);
    case 'waiting': return t.outcomeWaiting(o.waiting);
  }
}

/** The run's totals (every batch), then the sheet's (the plan read again), and why the run ended. */
function renderSummary(run: Run, after: SendPlan | null, before: SendPlan): void {
  const r = run.totals;
  const figuresAfter: After | null = after
    ? { ready: after.recipients.length, blocked: after.blocked.length, toCheck: after.attention.length, quotaLeft: after.quotaLeft, capLeft: after.capLeft, cap: after.cap }
    : run.last ? afterOf(run.last, before.cap) : null;
  const outcome = outcomeOf(run, figuresAfter);
  const check = after?.attention ?? [];
  const title = heading('summary-title', t.summary);
  const runError = actionMessage('run-error');
  sendBox.append(h('section', { class: 'card', id: 'summary', 'aria-labelledby': 'summary-title' }, ...only(
    title,
    h('p', { id: 'outcome', class: outcome.kind === 'all' ? '' : 'warn-text' }, outcomeText(outcome)),
    runError,
    figures('run-figures', [
      [t.runSent, r.sent, 'run-sent'],
      r.failed ? [t.runFailed, r.failed, 'run-failed'] : null,
      r.uncertain ? [t.runUncertain, r.uncertain, 'run-uncertain'] : null,
    ]),
    after ? figures('total-figures', [
      [t.invited, after.invited, 'total-invited'],
      [t.approvedWaiting, after.recipients.length + after.blocked.length, 'total-waiting'],
      check.length ? [t.toCheck, check.length, 'total-check'] : null,
    ]) : null,
    after ? h('p', { id: 'summary-slots' }, t.places(after.slotsUsed, after.cap)) : null,
    check.length ? h('div', { id: 'check-list' }, h('p', {}, t.checkList),
      h('ul', {}, ...check.map((f) => h('li', {}, `${f.name} <${f.email}> (${sidebarMsg.guestStatus(f.status)[lang]})${f.note ? `: ${f.note}` : ''}`))),
      check.some((f) => f.status === 'Misslyckad') ? h('p', {}, t.failedHelp) : null,
      check.some((f) => f.status === 'Osäker') ? h('p', {}, t.uncertainHelp) : null) : null,
    after?.blocked.length ? h('div', { id: 'summary-blocked' }, h('p', { class: 'flag' }, t.blockedList(after.blocked.length)),
      h('ul', {}, ...after.blocked.map((b) => h('li', {}, `${b.name}: ${b.reasons.map(m).join(' ')}`)))) : null,
  )), sendButton());
  if (run.error !== null) {
    announce(status, t.interrupted, 'error');
    showRefusal(run.error, NO_FIELDS, runError);
    return;
  }
  if (outcome.kind === 'all' || outcome.kind === 'check') announce(status, t.done(r.sent), outcome.kind === 'all' ? 'ok' : 'info');
  else announce(status, outcome.kind === 'stalled' ? t.outcomeStalled : t.stopped(r.sent));
  focusOn(title);
}

// --- Skicka påminnelse ------------------------------------------------------------------------------

/** A date-time as people read it here (Stockholm time, the page's language); '' for none. */
const when = (iso: string): string => (iso ? fmtFor(lang).dateTime(iso) : '');

const remindButton = (): HTMLElement => leaderButton('remind', t.remind, t.onlyLeaderRemind, remindConfirm);

function renderRemindIdle(v: GuestsView): void {
  remindBox.replaceChildren(
    heading('remind-title', t.remindTitle),
    figures('remind-figures', [[t.notAnswered, v.list.guests.filter((g) => g.status === 'Inbjuden').length, 'remind-waiting']]),
    h('p', { class: 'hint' }, t.roundHelp),
    remindButton(),
  );
}

async function remindConfirm(): Promise<void> {
  let plan: ReminderPlan;
  try {
    plan = (await whileBusy(() => call('getReminderPlan'))).plan;
  } catch (e) {
    showRefusal(e, NO_FIELDS, $('#remind-error'));
    return;
  }
  const n = plan.recipients.length;
  const round = plan.round;
  const left = round && plan.leftInRound > 0 && plan.leftInRound < n ? plan.leftInRound : 0;
  const fits = Math.min(left || n, plan.quotaLeft);
  const title = heading('remind-confirm-title', t.remindConfirmTitle);
  const fresh = h('button', { type: 'button', id: 'remind-new', disabled: n === 0 || plan.quotaLeft === 0, class: left ? 'secondary' : undefined }, left ? t.newRound : t.confirm);
  const more = left ? h('button', { type: 'button', id: 'remind-continue', disabled: plan.quotaLeft === 0 }, t.continueRound(round!.n, left)) : null;
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'remind-cancel' }, t.cancel);
  const panel = h('section', { class: 'card', id: 'remind-confirm', 'aria-labelledby': 'remind-confirm-title' }, ...only(
    title,
    h('p', { id: 'remind-round' }, round ? t.latestRound(round.n, when(round.start)) : t.noRoundYet),
    h('p', { id: 'remind-confirm-who' }, n ? t.remindWho(n) : t.remindNobody),
    n ? h('ul', { class: 'who', id: 'remind-recipients', tabindex: 0, 'aria-label': t.remindWho(n) },
      ...plan.recipients.map((r) => h('li', {}, `${r.name} <${r.email}> – ${t.lastReminded(when(r.lastReminded))}`))) : null,
    h('p', { id: 'remind-sender' }, t.confirmFrom(plan.account, plan.senderName, plan.replyTo)),
    h('p', { id: 'remind-quota' }, t.quota(plan.quotaLeft)),
    fits < (left || n) ? h('p', { class: 'warn-text', id: 'remind-stops' }, t.remindStopsAtQuota(fits, (left || n) - fits)) : null,
    plan.blocked.length ? h('div', { id: 'remind-blocked' }, h('p', { class: 'flag' }, t.remindBlocked(plan.blocked.length)),
      h('ul', {}, ...plan.blocked.map((b) => h('li', {}, `${b.name}: ${b.reasons.map(m).join(' ')}`)))) : null,
    h('div', { class: 'actions' }, more, fresh, cancel),
  ));
  cancel.addEventListener('click', () => {
    if (view) renderRemindIdle(view);
    $('#remind-start').focus();
  });
  fresh.addEventListener('click', () => void remindAll(0, Math.min(n, plan.quotaLeft)));
  more?.addEventListener('click', () => void remindAll(round!.n, fits));
  remindBox.replaceChildren(heading('remind-title', t.remindTitle), panel);
  focusOn(title);
}

/** Sends a round batch after batch: `round` 0 starts one (the first batch says which), else continues it. */
async function remindAll(round: number, planned: number): Promise<void> {
  let total = Math.max(planned, 1);
  let current = round;
  const title = heading('remind-progress-title', t.remindingTitle);
  const bar = h('progress', { id: 'remind-progress', max: total, value: 0 });
  const text = h('p', { id: 'remind-progress-text', 'aria-live': 'polite' }, t.remindProgressText(0, 0, planned));
  remindBox.replaceChildren(heading('remind-title', t.remindTitle), h('section', { id: 'remind-running', 'aria-labelledby': 'remind-progress-title' },
    title, h('label', { for: 'remind-progress' }, t.remindProgress), bar, text));
  focusOn(title);
  announce(status, t.sending);
  const run = await whileBusy(() => runBatches<ReminderProgress>(() => call('sendReminders', { batchSize: BATCH, round: current }), (totals, p) => {
    current = p.round;
    const done = handled(totals);
    if (done > total) { total = done; bar.max = total; }
    bar.value = done;
    text.textContent = t.remindProgressText(totals.sent, done - totals.sent, Math.max(planned, done));
  }));
  title.textContent = t.remindSentTitle;
  const guests = await call('getGuests').catch(() => null);
  if (guests) { view = guests; renderState(guests); }
  renderRemindSummary(run, current);
}

function renderRemindSummary(run: Run<ReminderProgress>, round: number): void {
  const r = run.totals;
  const last = run.last;
  const title = heading('remind-summary-title', t.summary);
  const runError = actionMessage('remind-run-error');
  remindBox.append(h('section', { class: 'card', id: 'remind-summary', 'aria-labelledby': 'remind-summary-title' }, ...only(
    title,
    last ? h('p', { id: 'remind-outcome', class: last.done && last.remaining === 0 ? '' : 'warn-text' }, m(last.message)) : null,
    runError,
    figures('remind-run-figures', [
      [t.runSent, r.sent, 'remind-run-sent'],
      r.failed ? [t.runFailed, r.failed, 'remind-run-failed'] : null,
      r.uncertain ? [t.runUncertain, r.uncertain, 'remind-run-uncertain'] : null,
    ]),
    last?.blocked.length ? h('div', { id: 'remind-summary-blocked' }, h('p', { class: 'flag' }, t.remindBlocked(last.blocked.length)),
      h('ul', {}, ...last.blocked.map((b) => h('li', {}, `${b.name}: ${b.reasons.map(m).join(' ')}`)))) : null,
  )), remindButton());
  if (run.error !== null) {
    announce(status, t.remindInterrupted, 'error');
    showRefusal(run.error, NO_FIELDS, runError);
    return;
  }
  const complete = !!last && last.remaining === 0;
  announce(status, complete ? t.remindDone(round, r.sent) : t.remindStopped(round, r.sent), complete ? 'ok' : 'info');
  focusOn(title);
}

// --- Förhandsgranska, Skicka test ------------------------------------------------------------------

function renderPreview(box: HTMLElement, p: InvitationPreview): void {
  if (p.blocked.length) {
    box.replaceChildren(h('div', { class: 'status status-error', role: 'alert' }, h('strong', {}, t.blocked), h('ul', {}, ...p.blocked.map((r) => h('li', {}, m(r))))));
    return;
  }
  // The server escaped every guest value in the HTML; the frame gets no scripts and an opaque origin anyway.
  const frame = h('iframe', { sandbox: '', title: t.frameTitle, id: 'mail-frame', class: 'mail-frame' });
  frame.srcdoc = p.html;
  box.replaceChildren(...only(
    h('dl', { class: 'meta' }, h('dt', {}, t.to), h('dd', { id: 'mail-to' }, p.to), h('dt', {}, t.subject), h('dd', { id: 'mail-subject' }, p.subject)),
    h('h3', {}, t.html), frame,
    h('h3', {}, t.text), h('pre', { id: 'mail-text', class: 'mail-text', tabindex: 0 }, p.text),
    p.attachments.length ? h('p', {}, `${t.attachments}: ${p.attachments.join(', ')}`) : null,
  ));
}

function renderPreviewSection(v: GuestsView): void {
  const may = is('projektledare') || is('styrgrupp');
  const guests = select('guest', [['', t.none], ...v.list.guests.map((g) => [g.id, `${g.firstName} ${g.lastName} (${sidebarMsg.guestStatus(g.status)[lang]})`] as const)],
    may ? {} : { disabled: true });
  const pick = field(t.pick, guests, may ? undefined : t.onlyPreview);
  const kinds = select('mail-kind', [['invitation', t.kindInvitation], ['reminder', t.kindReminder]], may ? {} : { disabled: true });
  const kindField = field(t.kind, kinds);
  if (startAt === 'reminders') kinds.value = 'reminder';
  const kind = (): MailKind => (kinds.value === 'reminder' ? 'reminder' : 'invitation');
  const fields = new Map([['guestId', pick], ['kind', kindField]]);
  const previewError = actionMessage('preview-error');
  const box = h('div', { id: 'preview', 'aria-live': 'polite' });
  const test = h('button', { type: 'button', class: 'secondary', id: 'test', disabled: !may, 'aria-describedby': may ? undefined : `${guests.id}-hint` }, t.test);
  const testResult = h('p', { id: 'test-result', class: 'status status-ok', role: 'status', tabindex: -1 });
  const testError = actionMessage('test-error');
  let shown = 0;
  const show = async () => {
    const asked = ++shown;
    clearError(pick);
    previewError.textContent = '';
    if (!guests.value) { box.replaceChildren(); return; }
    try {
      const p = await whileBusy(() => call('previewMail', { guestId: guests.value, kind: kind() }));
      if (asked === shown) renderPreview(box, p);
    } catch (e) {
      if (asked !== shown) return;
      box.replaceChildren();
      showRefusal(e, fields, previewError);
    }
  };
  guests.addEventListener('change', () => void show());
  kinds.addEventListener('change', () => void show());
  test.addEventListener('click', async () => {
    testResult.textContent = '';
    testError.textContent = '';
    if (!guests.value) {
      setError(pick, t.pickFirst);
      guests.focus();
      return;
    }
    clearError(pick);
    try {
      const r = await whileBusy(() => call('sendTestMail', { guestId: guests.value, kind: kind() }));
      testResult.textContent = t.testSent(r.to);
      focusOn(testResult);
    } catch (e) {
      showRefusal(e, fields, testError);
    }
  });
  content.replaceChildren(h('h2', { id: 'preview-title' }, t.previewTitle), pick.wrap, kindField.wrap, previewError, h('div', { class: 'actions' }, test), testResult, testError, box);
}

// --- Loading ------------------------------------------------------------------------------------

function render(v: GuestsView): void {
  view = v;
  viewer.textContent = t.viewer(v.user, v.roles);
  renderState(v);
  renderSendIdle();
  renderRemindIdle(v);
  renderPreviewSection(v);
}

let first = true;
async function load(): Promise<void> {
  await loading([stateBox, content], status, { busy: t.loading }, async () => render(await call('getGuests')));
  // Opened from "Skicka påminnelse": the reminders' heading, once (Uppdatera leaves the focus where it is).
  if (first && startAt === 'reminders') focusOn($('#remind-title'));
  first = false;
}

refresh.addEventListener('click', () => void load());
void load();
