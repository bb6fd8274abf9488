/**
 * Fördela budget (steering group): each funder's allocation (live sum against
 * the total), and transfers between funders with a decision reference. The
 * total is an administrator's setting: read-only here for everyone else.
 * Changes waiting for review are listed first (they block their funders).
 * The server checks the role and every rule again.
 *
 * Every reply of a save brings the budget figures (what is booked per funder,
 * "Högst … kan flyttas"): the page shows them at once, and a refusal goes to
 * the field it names (a funder's allocation row, the total, the amount …) or
 * beside the button, focused. Amounts are shown and read in the page's
 * language ("210 000,00", English "210,000.00").
 */
import { inLang } from '../../core/i18n';
import { costsPageMsg } from '../../core/messages/costs-page';
import type { BudgetOverview, FunderView } from '../../core/budget';
import { parseMoney } from '../../core/money';
import type { BudgetForm } from '../../app/contract';
import { $, announce, h, loading, only, pageLang, skipLinks } from '../dom';
import { budgetMsg } from '../../core/messages/budget';
import { actionMessage, allowOnly, busy, clearError, field, select, type Field } from '../form';
import { amount, money, percent } from '../i18n';
import { call } from '../rpc';
import { refused, showFieldErrors } from './budget-page';
import { reviewBanner } from './review-banner';

const lang = pageLang();
const t = inLang(costsPageMsg, lang);
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

/** A failure to load: at the top, where the page starts. */
const failLoad = (e: unknown) => {
  alertBox.textContent = (e as Error).message;
  announce(status, '');
};
const done = (text: string) => {
  alertBox.textContent = '';
  announce(status, text, 'ok');
};
const kr = (ore: number) => money(lang, ore);
const ore = (raw: string): number | string => {
  const r = parseMoney(raw, lang);
  return r.ok ? r.value : r.error[lang];
};

// --- Allocation -------------------------------------------------------------------------

const fTotal = field(t.total, h('input', { id: 'total', type: 'text', inputmode: 'decimal', autocomplete: 'off', readonly: true }), t.totalReadOnly);
const totalHint = fTotal.wrap.querySelector('.hint') as HTMLElement;
const sumLine = h('p', { class: 'live', id: 'sum', 'aria-live': 'polite' });
const allocFields: Field<HTMLInputElement>[] = [];
const allocList = h('div', { id: 'alloc-list' });
const allocButton = h('button', { type: 'submit', id: 'allocate-btn' }, t.saveAllocation);
const allocMessage = actionMessage('allocate-msg');
const allocForm = h('form', { id: 'allocate-form', novalidate: true },
  h('p', { class: 'hint', id: 'booked-means' }, t.bookedMeans),
  fTotal.wrap, allocList, sumLine, h('div', { class: 'row' }, allocButton), allocMessage);
const allocWho = h('p', { class: 'hint', id: 'allocate-who', hidden: true }, budgetMsg.onlySteeringAllocates()[lang]);
allocSection.replaceChildren(h('h2', { id: 'allocate-h', tabindex: -1 }, t.allocate), allocWho, allocForm);

/** The allocation form's fields by the keys the server names: 'total', and 'allocations.<row>' in the order the page sends them. */
const allocKeys = (): Map<string, Field> => new Map<string, Field>([['total', fTotal], ...allocFields.map((f, i) => [`allocations.${i}`, f] as [string, Field])]);

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

const bookedHint = (f: FunderView) => t.consumedHint(kr(f.consumed), percent(lang, f.percentUsed));

/** One field per funder with its allocation as the server has it ("210 000,00"), and the total. */
function renderAllocation(funders: readonly FunderView[], total: number): void {
  allocFields.length = 0;
  allocList.replaceChildren(...funders.map((f, i) => {
    const fld = field(t.allocation(f.name), h('input', { id: `alloc-${i}`, type: 'text', inputmode: 'decimal', autocomplete: 'off', 'data-funder': f.name }), bookedHint(f));
    fld.control.value = amount(lang, f.allocation);
    fld.control.addEventListener('input', updateSum);
    allocFields.push(fld);
    return fld.wrap;
  }));
  fTotal.control.value = amount(lang, total);
  loadedTotal = fTotal.control.value;
  // The fields now hold the server's values: an earlier refusal of the form no longer applies.
  clearError(fTotal);
  allocMessage.textContent = '';
  updateSum();
}

/**
 * The figures of a refusal, without touching what the user typed: what is booked per funder (the
 * hints), and the total when the user can't change it.
 */
function refreshAllocationFigures(overview: BudgetOverview): void {
  const funders = overview.funders;
  const sameFunders = funders.length === allocFields.length && funders.every((f, i) => allocFields[i].control.dataset.funder === f.name);
  if (!sameFunders) {
    renderAllocation(funders, overview.total);
    return;
  }
  funders.forEach((f, i) => {
    const hint = allocFields[i].wrap.querySelector('.hint');
    if (hint) hint.textContent = bookedHint(f);
  });
  if (!form?.admin) {
    fTotal.control.value = amount(lang, overview.total);
    loadedTotal = fTotal.control.value;
  }
  updateSum();
}

/**
 * Anyone who can open the file sees the allocations, what is booked and what can move; allocating and
 * transferring are the steering group's: for anyone else those controls are disabled and say who may.
 */
function renderAccess(): void {
  const steering = !!form?.roles.includes('styrgrupp');
  allowOnly(steering, [fTotal.control, ...allocFields.map((f) => f.control), allocButton], allocWho);
  allowOnly(steering, [...[...transferKeys.values()].map((f) => f.control), transferButton], transferWho);
}

/** Only an administrator may change the total; everyone else sees it read-only and why. */
function renderTotalAccess(admin: boolean): void {
  fTotal.control.readOnly = !admin;
  fTotal.control.style.background = admin ? '' : 'var(--soft)'; // read-only looks it (CSSOM: no inline style attribute)
  totalHint.textContent = admin ? t.totalAdmin : t.totalReadOnly;
}

allocForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  allocMessage.textContent = '';
  const errors = new Map<Field, string>();
  const totalChanged = !!form?.admin && fTotal.control.value !== loadedTotal;
  const total = ore(fTotal.control.value);
  if (totalChanged && typeof total !== 'number') errors.set(fTotal, total);
  const allocations = allocFields.map((f) => {
    const v = ore(f.control.value);
    if (typeof v !== 'number') errors.set(f, v);
    return { funder: f.control.dataset.funder ?? '', amount: f.control.value };
  });
  if (!showFieldErrors([fTotal, ...allocFields], errors)) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  void busy(allocButton, t.saving, allocSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('allocate', { ...(totalChanged ? { total: fTotal.control.value } : {}), allocations });
      showFigures(saved.result.overview, true);
      done(saved.message);
      allocButton.focus();
    } catch (e) {
      announce(status, '');
      refused('allocate', e, allocKeys(), allocMessage, (o) => showFigures(o, false));
    }
  });
});

// --- Transfer ------------------------------------------------------------------------------

const fFrom = field(t.from, select('from', []));
const fTo = field(t.to, select('to', []));
const fAmount = field(t.amount, h('input', { id: 'transfer-amount', type: 'text', inputmode: 'decimal', autocomplete: 'off' }), t.amountHint);
const fDecision = field(t.decisionRef, select('decision', []), t.decisionHint);
const decisionHint = fDecision.wrap.querySelector('.hint') as HTMLElement;
const fComment = field(t.comment, h('input', { id: 'comment', type: 'text', maxlength: 1000, autocomplete: 'off' }));
const moveLine = h('p', { class: 'live', id: 'move', 'aria-live': 'polite' });
const transferButton = h('button', { type: 'submit', id: 'transfer-btn' }, t.transferButton);
const transferMessage = actionMessage('transfer-msg');
const transferForm = h('form', { id: 'transfer-form', novalidate: true },
  fFrom.wrap, moveLine, fTo.wrap, fAmount.wrap, fDecision.wrap, fComment.wrap, h('div', { class: 'row' }, transferButton), transferMessage);
// "Högst … kan flyttas" is about the source: its field says so to a screen reader.
fFrom.control.setAttribute('aria-describedby', `move ${fFrom.error.id}`);
const transferKeys = new Map<string, Field>([['from', fFrom], ['to', fTo], ['amount', fAmount], ['decisionRef', fDecision], ['comment', fComment]]);
const transferWho = h('p', { class: 'hint', id: 'transfer-who', hidden: true }, budgetMsg.onlySteeringTransfers()[lang]);
transferSection.replaceChildren(h('h2', { id: 'transfer-h', tabindex: -1 }, t.transfer), transferWho, transferForm);

const funder = (name: string) => form?.overview.funders.find((f) => f.name === name);
const maxMove = (f: FunderView) => Math.max(0, f.allocation - f.consumed);
function updateMove(): void {
  const f = funder(fFrom.control.value);
  moveLine.textContent = f ? t.maxMove(f.name, kr(maxMove(f))) : '';
}
fFrom.control.addEventListener('change', updateMove);

transferForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  transferMessage.textContent = '';
  const errors = new Map<Field, string>();
  const from = funder(fFrom.control.value);
  if (!from) errors.set(fFrom, t.chooseOne);
  if (!fTo.control.value) errors.set(fTo, t.chooseOne);
  else if (fTo.control.value === fFrom.control.value) errors.set(fTo, t.sameFunder);
  const a = ore(fAmount.control.value);
  if (fAmount.control.value.trim() === '') errors.set(fAmount, t.required);
  else if (typeof a !== 'number') errors.set(fAmount, a);
  else if (from && a > maxMove(from)) errors.set(fAmount, t.tooMuch(from.name, kr(maxMove(from)), kr(a)));
  if (!fDecision.control.value) errors.set(fDecision, form?.decisions.length ? t.chooseOne : t.noDecision);
  if (!showFieldErrors([...transferKeys.values()], errors)) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  const input = { from: fFrom.control.value, to: fTo.control.value, amount: fAmount.control.value, decisionRef: fDecision.control.value, comment: fComment.control.value };
  void busy(transferButton, t.saving, transferSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('transferFunds', input);
      for (const f of [fAmount, fComment]) (f.control as HTMLInputElement).value = '';
      fDecision.control.value = '';
      showFigures(saved.result.overview, true);
      done(saved.message);
      fAmount.control.focus();
    } catch (e) {
      announce(status, '');
      refused('transferFunds', e, transferKeys, transferMessage, (o) => showFigures(o, false));
    }
  });
});

// --- Figures and loading ---------------------------------------------------------------------

/**
 * The budget as the server last sent it (a load, a save's result, a refusal's figures): every figure
 * on the page follows. After a save the allocation fields take the saved values (`saved`); after a
 * refusal they keep what the user typed.
 */
function showFigures(overview: BudgetOverview, saved: boolean): void {
  if (form) form = { ...form, overview };
  if (saved) renderAllocation(overview.funders, overview.total);
  else refreshAllocationFigures(overview);
  renderAccess(); // the allocation fields may be new
  updateMove();
  reviewBox.replaceChildren(...only(reviewBanner(lang, status, overview.review, { id: 'budget-review', intro: t.budgetReviewIntro })));
}

async function reload(): Promise<void> {
  form = await call('getBudgetForm');
  const names = form.overview.funders.map((f) => h('option', { value: f.name }, f.name));
  for (const s of [fFrom.control, fTo.control]) {
    const keep = s.value;
    s.replaceChildren(h('option', { value: '' }, t.choose), ...names.map((o) => o.cloneNode(true)));
    s.value = keep;
  }
  // The decisions a transfer may cite (taken, about a budget transfer), newest first.
  const keepDecision = fDecision.control.value;
  fDecision.control.replaceChildren(h('option', { value: '' }, form.decisions.length ? t.chooseDecision : t.noDecision), ...form.decisions.map((d) => h('option', { value: d.id }, d.label)));
  if (form.decisions.some((d) => d.id === keepDecision)) fDecision.control.value = keepDecision;
  decisionHint.textContent = form.decisions.length ? t.decisionHint : t.noDecision;
  renderTotalAccess(form.admin);
  showFigures(form.overview, true);
  who.textContent = form.roles.includes('styrgrupp') ? form.user : t.notSteering;
}

$('#skip-nav').replaceWith(skipLinks(t.skip, [['allocate-h', t.allocate], ['transfer-h', t.transfer]]));
void loading([allocSection, transferSection], status, { busy: t.loading }, reload, failLoad);
