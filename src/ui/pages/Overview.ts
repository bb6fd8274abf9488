/**
 * Budgetöversikt: one server round trip (getOverview), accessible progress
 * bars, and the changes made outside the add-on that wait for review (the
 * figures are Summit Planner's own until they are reviewed).
 */
import { inLang } from '../../core/i18n';
import { overviewPageMsg } from '../../core/messages/overview-page';
import type { OverviewView } from '../../core/api';
import type { FunderView } from '../../core/budget';
import { $, h, loading, only, pageLang } from '../dom';
import { money, percent } from '../i18n';
import { call } from '../rpc';
import { reviewBanner } from './review-banner';

const lang = pageLang();
const t = inLang(overviewPageMsg, lang);
const status = $('#status');
const content = $('#content');
const refresh = $<HTMLButtonElement>('#refresh');
refresh.textContent = t.refresh;

function funderCard(f: FunderView): HTMLElement {
  const pct = Math.max(0, Math.min(100, Number.isFinite(f.percentUsed) ? f.percentUsed : 100));
  const cls = f.overspent ? 'bar over' : f.warning ? 'bar warn' : 'bar';
  const id = `f-${f.name.replace(/[^A-Za-z0-9]/g, '')}`;
  return h('section', { class: 'card', 'aria-labelledby': id },
    h('h3', { id }, f.name),
    h('div', {
      class: cls, role: 'progressbar', 'aria-label': t.barLabel(f.name),
      'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': Math.round(pct),
      'aria-valuetext': t.used(percent(lang, f.percentUsed)),
    }, h('span', { style: `width:${pct}%` })),
    h('p', { class: 'muted' }, t.used(percent(lang, f.percentUsed))),
    h('dl', { class: 'figures' },
      h('dt', {}, t.allocation), h('dd', {}, money(lang, f.allocation)),
      h('dt', {}, t.planned), h('dd', {}, money(lang, f.planned)),
      h('dt', {}, t.committed), h('dd', {}, money(lang, f.committed)),
      h('dt', {}, t.actual), h('dd', {}, money(lang, f.actual)),
      h('dt', {}, t.available), h('dd', {}, money(lang, f.available)),
    ),
    f.warning ? h('p', { class: 'warn-text' }, `⚠ ${t.warning}`) : null,
    f.outOfBalance ? h('p', { class: 'flag' }, `⛔ ${t.outOfBalance}`) : null,
    ...f.reasons.map((r) => h('p', { class: 'flag' }, r[lang])),
  );
}

function render(view: OverviewView): void {
  const v = view.overview;
  const more = v.problemCount - v.problems.length;
  content.replaceChildren(
    h('p', { class: 'muted' }, view.eventName),
    h('p', { class: 'muted' }, t.user(view.user, view.roles.join(', '))),
    h('dl', { class: 'figures' },
      h('dt', {}, t.total), h('dd', {}, money(lang, v.total)),
      h('dt', {}, t.allocated), h('dd', {}, money(lang, v.allocated)),
      h('dt', {}, t.consumed), h('dd', {}, money(lang, v.totals.consumed)),
      h('dt', {}, t.available), h('dd', {}, money(lang, v.totals.available)),
    ),
    v.balanced
      ? h('p', { class: 'status status-ok' }, v.status[lang])
      : h('div', { class: 'status status-error', role: 'alert' },
        h('strong', {}, v.status[lang]),
        v.problems.length ? h('ul', {}, ...v.problems.map((p) => h('li', {}, p.message[lang])), more > 0 ? h('li', {}, t.more(more)) : null) : null),
    ...only(reviewBanner(lang, status, v.review, { id: 'overview-review' })),
    h('h2', {}, t.funders),
    ...v.funders.map(funderCard),
    h('h2', {}, t.categories),
    h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t.category), h('th', { scope: 'col', class: 'num' }, t.consumed))),
      h('tbody', {}, ...v.categories.map((c) => h('tr', {}, h('td', {}, c.category), h('td', { class: 'num' }, money(lang, c.consumed))))),
    ),
  );
}

async function load(): Promise<void> {
  refresh.disabled = true;
  await loading([content], status, { busy: t.loading, done: t.loaded }, async () => render(await call('getOverview')));
  refresh.disabled = false;
}

refresh.addEventListener('click', () => void load());
void load();
