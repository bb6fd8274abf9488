/**
 * Fördela budget (steering group): each funder's allocation (live sum against
 * the total), and transfers between funders with a decision reference. The
 * total is an administrator's setting: read-only here for everyone else.
 * Changes waiting for review are listed first (they block their funders).
 * The server checks the role and every rule again.
 */
import type { FunderView } from '../../core/budget';
import { parseMoney } from '../../core/money';
import type { BudgetForm } from '../../app/contract';
import { $, announce, h, loading, only, pageLang } from '../dom';
import { busy, field, select, showErrors, type Field } from '../form';
import { money } from '../i18n';
import { call } from '../rpc';
import { costTexts } from './costs-i18n';
import { reviewBanner } from './review-i18n';

const lang = pageLang();
const t = costTexts(lang);
const status = $('#status');
const alertBox = $('#alert');
const who = $('#who');
const allocSection = $('#allocate');
const transferSection = $('#transfer');
let form: BudgetForm | null = null;
/** The total as loaded: it is sent only when an administrator changed it. */
let loadedTotal = '';
const reviewBox = h('div', { id: 'review' });
allocSection.before(reviewBox);

const fail = (e: unknown) => {
  alertBox.textContent = (e as Error).message;
  announce(status, '');
};
const kr = (ore: number) => money(lang, ore);
const ore = (raw: string): number | string => {
  const r = parseMoney(raw);
  return r.ok ? r.value : r.error[lang];
};

// --- Allocation -------------------------------------------------------------------------

const fTotal = field(t.total, h('input', { id: 'total', type: 'text', inputmode: 'decimal', autocomplete: 'off', readonly: true }), t.totalReadOnly);
const totalHint = fTotal.wrap.querySelector('.hint') as HTMLElement;
const sumLine = h('p', { class: 'live', id: 'sum', 'aria-live': 'polite' });
const allocFields: Field<HTMLInputElement>[] = [];
const allocList = h('div', { id: 'alloc-list' });
const allocButton = h('button', { type: 'submit', id: 'allocate-btn' }, t.saveAllocation);
const allocForm = h('form', { id: 'allocate-form', novalidate: true }, fTotal.wrap, allocList, sumLine, h('div', { class: 'row' }, allocButton));
allocSection.replaceChildren(h('h2', { id: 'allocate-h' }, t.allocate), allocForm);

function updateSum(): void {
  const total = ore(fTotal.control.value);
  let sum = 0;
  for (const f of allocFields) {
    const v = ore(f.control.value);
    if (typeof v === 'number') sum += v;
  }
  sumLine.classList.remove('bad');
  if (typeof total !== 'number') {
    sumLine.textContent = '';
    return;
  }
  const diff = sum - total;
  sumLine.textContent = `${t.sum(kr(sum), kr(total))}${diff === 0 ? '' : ` ${diff > 0 ? t.diffOver(kr(diff)) : t.diffUnder(kr(-diff))}`}`;
  if (diff !== 0) sumLine.classList.add('bad');
}
fTotal.control.addEventListener('input', updateSum);

function renderAllocation(funders: readonly FunderView[], total: number): void {
  allocFields.length = 0;
  allocList.replaceChildren(...funders.map((f, i) => {
    const fld = field(t.allocation(f.name), h('input', { id: `alloc-${i}`, type: 'text', inputmode: 'decimal', autocomplete: 'off', 'data-funder': f.name }), t.consumedHint(kr(f.consumed)));
    fld.control.value = (f.allocation / 100).toFixed(2).replace('.', lang === 'en' ? '.' : ',');
    fld.control.addEventListener('input', updateSum);
    allocFields.push(fld);
    return fld.wrap;
  }));
  fTotal.control.value = (total / 100).toFixed(2).replace('.', lang === 'en' ? '.' : ',');
  loadedTotal = fTotal.control.value;
  updateSum();
}

/** Only an administrator may change the total; everyone else sees it read-only and why. */
function renderTotalAccess(admin: boolean): void {
  fTotal.control.readOnly = !admin;
  fTotal.control.style.background = admin ? '' : 'var(--soft)'; // read-only looks it (CSSOM: no inline style attribute)
  totalHint.textContent = admin ? t.totalAdmin : t.totalReadOnly;
}

allocForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const errors = new Map<Field, string>();
  const totalChanged = !!form?.admin && fTotal.control.value !== loadedTotal;
  const total = ore(fTotal.control.value);
  if (totalChanged && typeof total !== 'number') errors.set(fTotal, total);
  const allocations = allocFields.map((f) => {
    const v = ore(f.control.value);
    if (typeof v !== 'number') errors.set(f, v);
    return { funder: f.control.dataset.funder ?? '', amount: f.control.value };
  });
  if (!showErrors([fTotal, ...allocFields], errors)) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  void busy(allocButton, t.saving, allocSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('allocate', { ...(totalChanged ? { total: fTotal.control.value } : {}), allocations });
      await reload();
      alertBox.textContent = '';
      announce(status, saved.message, 'ok');
    } catch (e) {
      fail(e);
    }
  });
});

// --- Transfer ------------------------------------------------------------------------------

const fFrom = field(t.from, select('from', []));
const fTo = field(t.to, select('to', []));
const fAmount = field(t.amount, h('input', { id: 'transfer-amount', type: 'text', inputmode: 'decimal', autocomplete: 'off' }), t.amountHint);
const fDecision = field(t.decisionRef, h('input', { id: 'decision', type: 'text', maxlength: 200, autocomplete: 'off' }), t.decisionHint);
const fComment = field(t.comment, h('input', { id: 'comment', type: 'text', maxlength: 1000, autocomplete: 'off' }));
const moveLine = h('p', { class: 'live', id: 'move', 'aria-live': 'polite' });
const transferButton = h('button', { type: 'submit', id: 'transfer-btn' }, t.transferButton);
const transferForm = h('form', { id: 'transfer-form', novalidate: true },
  fFrom.wrap, moveLine, fTo.wrap, fAmount.wrap, fDecision.wrap, fComment.wrap, h('div', { class: 'row' }, transferButton));
transferSection.replaceChildren(h('h2', { id: 'transfer-h' }, t.transfer), transferForm);

const funder = (name: string) => form?.overview.funders.find((f) => f.name === name);
const maxMove = (f: FunderView) => Math.max(0, f.allocation - f.consumed);
fFrom.control.addEventListener('change', () => {
  const f = funder(fFrom.control.value);
  moveLine.textContent = f ? t.maxMove(f.name, kr(maxMove(f))) : '';
});

transferForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const errors = new Map<Field, string>();
  const from = funder(fFrom.control.value);
  if (!from) errors.set(fFrom, t.chooseOne);
  if (!fTo.control.value) errors.set(fTo, t.chooseOne);
  else if (fTo.control.value === fFrom.control.value) errors.set(fTo, t.sameFunder);
  const a = ore(fAmount.control.value);
  if (fAmount.control.value.trim() === '') errors.set(fAmount, t.required);
  else if (typeof a !== 'number') errors.set(fAmount, a);
  else if (from && a > maxMove(from)) errors.set(fAmount, t.maxMove(from.name, kr(maxMove(from))));
  if (!fDecision.control.value.trim()) errors.set(fDecision, t.required);
  if (!showErrors([fFrom, fTo, fAmount, fDecision, fComment], errors)) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  const input = { from: fFrom.control.value, to: fTo.control.value, amount: fAmount.control.value, decisionRef: fDecision.control.value, comment: fComment.control.value };
  void busy(transferButton, t.saving, transferSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('transferFunds', input);
      for (const f of [fAmount, fDecision, fComment]) (f.control as HTMLInputElement).value = '';
      await reload();
      alertBox.textContent = '';
      announce(status, saved.message, 'ok');
    } catch (e) {
      fail(e);
    }
  });
});

// --- Loading ---------------------------------------------------------------------------------

async function reload(): Promise<void> {
  form = await call('getBudgetForm');
  const names = form.overview.funders.map((f) => h('option', { value: f.name }, f.name));
  for (const s of [fFrom.control, fTo.control]) {
    const keep = s.value;
    s.replaceChildren(h('option', { value: '' }, t.choose), ...names.map((o) => o.cloneNode(true)));
    s.value = keep;
  }
  renderAllocation(form.overview.funders, form.overview.total);
  renderTotalAccess(form.admin);
  reviewBox.replaceChildren(...only(reviewBanner(lang, status, form.overview.review, { id: 'budget-review', intro: t.budgetReviewIntro })));
  who.textContent = form.roles.includes('styrgrupp') ? form.user : t.notSteering;
}

void loading([allocSection, transferSection], status, { busy: t.loading }, reload, fail);
