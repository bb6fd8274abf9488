/**
 * Självtest av installationen: each check as OK / Inte OK / Info with what
 * was found and what to do, and the signed link to the web app's own checks
 * (the sidebar can't call the web app itself). Administrators only: the
 * server refuses anyone else, and the refusal is shown as it comes.
 */
import type { SelfTestCheck, SelfTestView } from '../../core/api';
import { inLang } from '../../core/i18n';
import { selftestPageMsg } from '../../core/messages/selftest-page';
import { $, h, loading, only, pageLang } from '../dom';
import { call } from '../rpc';

const lang = pageLang();
const t = inLang(selftestPageMsg, lang);
const status = $('#status');
const who = $('#who');
const content = $('#content');
const refresh = $<HTMLButtonElement>('#refresh');
refresh.textContent = t.refresh;
$('#intro').textContent = t.intro;

/** The link to the web app's page, in the user's language (the language is not part of what is signed; Swedish when absent). */
function webAppLink(href: string): HTMLElement {
  const url = `${href}&lang=${lang}`;
  return h('p', {}, h('a', { id: 'webapp-link', href: url, target: '_blank', rel: 'noopener noreferrer' },
    t.link, ' ', h('span', { class: 'sr-only' }, t.newTab)));
}

function card(c: SelfTestCheck, index: number, link: string | null): HTMLElement {
  const id = `check-${c.id}`;
  return h('li', { class: `card check check-${c.status}`, 'data-id': c.id, 'data-status': c.status },
    h('h2', { id }, h('span', { class: `badge badge-${c.status}` }, t.status(c.status)), ' ', `${index + 1}. ${t.title(c.id)}`),
    h('p', {}, h('span', { class: 'label' }, `${t.found}: `), c.found[lang]),
    c.fix ? h('p', { class: 'fix' }, h('span', { class: 'label' }, `${t.fix}: `), c.fix[lang]) : null,
    c.id === 'webAppLink' && link ? webAppLink(link) : null);
}

function render(v: SelfTestView): void {
  who.textContent = t.user(v.user);
  const failed = v.checks.filter((c) => c.status === 'fail').length;
  const passed = v.checks.filter((c) => c.status === 'ok').length;
  const info = v.checks.length - failed - passed;
  content.replaceChildren(...only(
    h('p', { id: 'summary', class: failed ? 'status status-error' : 'status status-ok' }, t.summary(passed, failed, info)),
    h('ol', { class: 'checks' }, ...v.checks.map((c, i) => card(c, i, v.link))),
  ));
}

async function load(): Promise<void> {
  refresh.disabled = true;
  await loading([content], status, { busy: t.loading, done: t.loaded }, async () => render(await call('getSelfTest')));
  refresh.disabled = false;
}

refresh.addEventListener('click', () => void load());
void load();
