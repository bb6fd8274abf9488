/**
 * "Inbjudningar": preview exactly what a guest gets (HTML in a sandboxed
 * iframe, no scripts, no same-origin), send a test to yourself, and send for
 * real: a confirm step (who, from which account), then the client calls
 * sendInvitations batch after batch with a progress bar, then a summary.
 * Any batch may fail or the sidebar may close: the server journals every
 * send, so pressing the button again never sends anything twice.
 */
import type { GuestsView } from '../../app/contract';
import type { Role } from '../../core/settings';
import type { InvitationPreview, SendProgress } from '../../app/merge';
import type { SendPlan } from '../../app/send-plan';
import type { Msg } from '../../core/msg';
import { $, announce, h, loading, only, pageLang } from '../dom';
import { call } from '../rpc';
import { statusText } from './guests-i18n';
import { invitationTexts } from './invitations-i18n';

type View = GuestsView;
const BATCH = 10;

const lang = pageLang();
const t = invitationTexts(lang);
const status = $('#status');
const content = $('#content');
const sendBox = $('#send');
const refresh = $<HTMLButtonElement>('#refresh');
refresh.textContent = t.refresh;
let view: View | null = null;
const m = (x: Msg): string => x[lang];
const is = (role: Role): boolean => !!view?.roles.includes(role);
const buttons = (on: boolean) => { for (const b of document.querySelectorAll('button')) b.disabled = !on; };

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
    h('h2', {}, t.html), frame,
    h('h2', {}, t.text), h('pre', { id: 'mail-text', class: 'mail-text', tabindex: 0 }, p.text),
    p.attachments.length ? h('p', {}, `${t.attachments}: ${p.attachments.join(', ')}`) : null,
  ));
}

function render(v: View): void {
  view = v;
  const select = h('select', { id: 'guest' }, h('option', { value: '' }, t.none),
    ...v.list.guests.map((g) => h('option', { value: g.id }, `${g.firstName} ${g.lastName} (${statusText(lang, g.status)})`)));
  const box = h('div', { id: 'preview', 'aria-live': 'polite' });
  const test = h('button', { type: 'button', class: 'secondary', id: 'test' }, t.test);
  const show = async () => {
    if (!select.value) { box.replaceChildren(); return; }
    buttons(false);
    try {
      renderPreview(box, await call('previewMail', { guestId: select.value }));
      announce(status, '');
    } catch (e) {
      announce(status, (e as Error).message, 'error');
    } finally { buttons(true); }
  };
  select.addEventListener('change', () => void show());
  test.addEventListener('click', async () => {
    if (!select.value) { select.focus(); return; }
    buttons(false);
    try {
      const r = await call('sendTestMail', { guestId: select.value });
      announce(status, t.testSent(r.to), 'ok');
    } catch (e) {
      announce(status, (e as Error).message, 'error');
    } finally { buttons(true); }
  });
  const canPreview = is('projektledare') || is('styrgrupp');
  content.replaceChildren(...(canPreview ? [
    h('label', { for: 'guest' }, t.pick), select,
    h('div', { class: 'actions' }, test),
    box,
  ] : []));
  const send = h('button', { type: 'button', id: 'send-start' }, t.send);
  send.addEventListener('click', () => void confirmStep());
  sendBox.replaceChildren(...(is('projektledare') ? [h('div', { class: 'actions' }, send)] : []));
}

async function confirmStep(): Promise<void> {
  buttons(false);
  let plan: SendPlan;
  try {
    plan = (await call('getSendPlan')).plan;
  } catch (e) {
    announce(status, (e as Error).message, 'error');
    buttons(true);
    return;
  }
  buttons(true);
  const n = plan.recipients.length;
  const fits = Math.min(n, plan.quotaLeft, plan.capLeft);
  const go = h('button', { type: 'button', id: 'send-confirm', disabled: fits === 0 }, t.confirm);
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'send-cancel' }, t.cancel);
  const panel = h('section', { class: 'card', id: 'confirm', 'aria-labelledby': 'confirm-title' },
    h('h2', { id: 'confirm-title' }, t.confirmTitle),
    n ? h('p', {}, t.confirmWho(n)) : h('p', {}, t.nothing),
    n ? h('ul', { class: 'who', id: 'recipients', tabindex: 0, 'aria-label': t.confirmWho(n) }, ...plan.recipients.map((r) => h('li', {}, `${r.name} <${r.email}>`))) : null,
    h('p', { id: 'sender' }, t.confirmFrom(plan.account, plan.senderName, plan.replyTo)),
    h('p', {}, t.quota(plan.quotaLeft, plan.capLeft)),
    fits < n ? h('p', { class: 'warn-text' }, t.willStop(fits)) : null,
    plan.blocked.length ? h('div', {}, h('p', { class: 'flag' }, t.blockedList(plan.blocked.length)),
      h('ul', {}, ...plan.blocked.map((b) => h('li', {}, `${b.name}: ${b.reasons.map(m).join(' ')}`)))) : null,
    plan.attention.length ? h('p', { class: 'warn-text' }, t.attention(plan.attention.length)) : null,
    h('div', { class: 'actions' }, go, cancel),
  );
  cancel.addEventListener('click', () => render(view as View));
  go.addEventListener('click', () => void sendAll(fits));
  sendBox.replaceChildren(panel);
  go.focus();
}

async function sendAll(total: number): Promise<void> {
  const bar = h('progress', { id: 'send-progress', max: Math.max(total, 1), value: 0 });
  const text = h('p', { id: 'progress-text', 'aria-live': 'polite' }, t.progressText(0, total));
  sendBox.replaceChildren(h('label', { for: 'send-progress' }, t.progress), bar, text);
  buttons(false);
  announce(status, t.sending);
  let sent = 0, failed = 0, stalls = 0;
  let last: SendProgress | null = null;
  let error = '';
  try {
    for (;;) {
      last = await call('sendInvitations', { batchSize: BATCH });
      sent += last.sent;
      failed += last.failed;
      bar.value = Math.min(sent + failed, bar.max);
      text.textContent = t.progressText(sent, total);
      stalls = last.sent + last.failed ? 0 : stalls + 1;
      if (last.done || stalls >= 3) break;
    }
  } catch (e) {
    error = (e as Error).message;
  }
  let plan: SendPlan | null = null;
  try {
    plan = (await call('getSendPlan')).plan;
  } catch { /* the summary falls back to the counts */ }
  buttons(true);
  const failedList = plan?.attention.filter((a) => a.status === 'Misslyckad') ?? [];
  const unsure = plan?.attention.filter((a) => a.status === 'Osäker') ?? [];
  const left = last?.remaining ?? 0;
  sendBox.append(h('section', { class: 'card', id: 'summary', 'aria-labelledby': 'summary-title' },
    h('h2', { id: 'summary-title' }, t.summary),
    h('ul', {},
      h('li', {}, t.sentN(sent)),
      h('li', {}, t.failedN(failedList.length || failed)),
      h('li', {}, t.uncertainN(unsure.length)),
      h('li', {}, t.leftN(left))),
    failedList.length ? h('div', {}, h('ul', {}, ...failedList.map((f) => h('li', {}, `${f.name} <${f.email}>: ${f.note}`))), h('p', {}, t.failedHelp)) : null,
    unsure.length ? h('div', {}, h('ul', {}, ...unsure.map((f) => h('li', {}, `${f.name} <${f.email}>`))), h('p', {}, t.uncertainHelp)) : null,
    last && !error ? h('p', { id: 'send-message' }, m(last.message)) : null,
  ));
  if (error) announce(status, `${error} ${t.interrupted}`, 'error');
  else announce(status, t.done, 'ok');
  const again = h('button', { type: 'button', class: 'secondary', id: 'send-again' }, t.send);
  again.addEventListener('click', () => void confirmStep());
  sendBox.append(h('div', { class: 'actions' }, again));
}

async function load(): Promise<void> {
  await loading([content], status, { busy: t.loading }, async () => render(await call('getGuests')));
}

refresh.addEventListener('click', () => void load());
void load();
