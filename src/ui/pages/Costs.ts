/**
 * Kostnader: register a cost (live "available / left after this cost"), and
 * change the status or amount of a recent cost, or cancel it after a confirm
 * step. The client refuses what it can; the server decides (and re-checks
 * everything under the document lock).
 */
import type { FunderView } from '../../core/budget';
import { parseMoney } from '../../core/money';
import type { BudgetForm, CostRow } from '../../app/contract';
import { $, announce, h, loading, pageLang } from '../dom';
import { busy, field, select, showErrors, type Field } from '../form';
import { money } from '../i18n';
import { call } from '../rpc';
import { costTexts } from './costs-i18n';
import { reviewPointer } from './review-i18n';

const lang = pageLang();
const t = costTexts(lang);
const status = $('#status');
const alertBox = $('#alert');
const who = $('#who');
const regSection = $('#register');
const chgSection = $('#change');

let form: BudgetForm | null = null;
let costs: CostRow[] = [];

const funderOf = (name: string): FunderView | undefined => form?.overview.funders.find((f) => f.name === name);
const fail = (e: unknown) => {
  alertBox.textContent = (e as Error).message;
  announce(status, '');
};
const ok = (text: string) => {
  alertBox.textContent = '';
  announce(status, text, 'ok');
};

// --- Register -------------------------------------------------------------------------

const fFunder = field(t.funder, select('funder', [], { required: true }));
const live = h('p', { class: 'live', id: 'live', 'aria-live': 'polite' });
const fCategory = field(t.category, select('category', [], { required: true }));
const fDescription = field(t.description, h('input', { id: 'description', type: 'text', maxlength: 500, required: true, autocomplete: 'off' }));
const fAmount = field(t.amount, h('input', { id: 'amount', type: 'text', inputmode: 'decimal', required: true, autocomplete: 'off' }), t.amountHint);
const fDate = field(t.date, h('input', { id: 'date', type: 'date', required: true }));
const fSupplier = field(t.supplier, h('input', { id: 'supplier', type: 'text', maxlength: 200, autocomplete: 'off' }));
const fReference = field(t.reference, h('input', { id: 'reference', type: 'text', maxlength: 200, autocomplete: 'off' }));
const fStatus = field(t.status, select('cost-status', []));
const regButton = h('button', { type: 'submit', id: 'register-btn' }, t.registerButton);
const regForm = h('form', { id: 'register-form', novalidate: true },
  fFunder.wrap, live, fCategory.wrap, fDescription.wrap, fAmount.wrap, fDate.wrap, fSupplier.wrap, fReference.wrap, fStatus.wrap,
  h('div', { class: 'row' }, regButton));
const regFields: Field[] = [fFunder, fCategory, fDescription, fAmount, fDate, fSupplier, fReference, fStatus];
regSection.replaceChildren(h('h2', { id: 'register-h' }, t.register), regForm);

/** Amount as typed, in öre, or the reason it is not an amount. */
function typedAmount(): { ore: number } | { error: string } | null {
  const raw = fAmount.control.value;
  if (raw.trim() === '') return null;
  const r = parseMoney(raw);
  if (!r.ok) return { error: r.error[lang] };
  if (r.value <= 0) return { error: lang === 'en' ? 'The amount must be greater than 0.' : 'Beloppet måste vara större än 0.' };
  return { ore: r.value };
}

function updateLive(): void {
  const f = funderOf(fFunder.control.value);
  live.classList.remove('bad');
  if (!f) {
    live.textContent = '';
    return;
  }
  const parts = [t.available(f.name, money(lang, f.available))];
  const a = typedAmount();
  if (f.outOfBalance) {
    parts.push(t.blocked);
    live.classList.add('bad');
  } else if (a && 'ore' in a) {
    const left = f.available - a.ore;
    parts.push(left < 0 ? t.wontFit(f.name, money(lang, f.available)) : t.leftAfter(money(lang, left)));
    if (left < 0) live.classList.add('bad');
  }
  live.textContent = parts.join(' ');
}
fFunder.control.addEventListener('change', updateLive);
fAmount.control.addEventListener('input', updateLive);

function validateRegister(): Map<Field, string> {
  const errors = new Map<Field, string>();
  for (const f of [fFunder, fCategory]) if (!f.control.value) errors.set(f, t.chooseOne);
  if (!fDescription.control.value.trim()) errors.set(fDescription, t.required);
  const a = typedAmount();
  const funder = funderOf(fFunder.control.value);
  if (!a) errors.set(fAmount, t.required);
  else if ('error' in a) errors.set(fAmount, a.error);
  else if (funder && a.ore > funder.available) errors.set(fAmount, t.wontFit(funder.name, money(lang, funder.available)));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fDate.control.value)) errors.set(fDate, t.badDate);
  return errors;
}

regForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  if (!showErrors(regFields, validateRegister())) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  const input = {
    funder: fFunder.control.value, category: fCategory.control.value, description: fDescription.control.value,
    amount: fAmount.control.value, date: fDate.control.value, supplier: fSupplier.control.value,
    reference: fReference.control.value, status: fStatus.control.value,
  };
  void busy(regButton, t.saving, regSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('recordCost', input);
      for (const f of [fDescription, fAmount, fSupplier, fReference]) (f.control as HTMLInputElement).value = '';
      await reload();
      ok(saved.message);
      fDescription.control.focus();
    } catch (e) {
      fail(e);
    }
  });
});

// --- Change / cancel --------------------------------------------------------------------

const fFilterFunder = field(t.filterFunder, select('filter-funder', []));
const fFilterStatus = field(t.filterStatus, select('filter-status', []));
const fCost = field(t.cost, select('cost', []));
const costInfo = h('p', { class: 'muted', id: 'cost-info', 'aria-live': 'polite' });
const fNewStatus = field(t.newStatus, select('new-status', []));
const fNewAmount = field(t.newAmount, h('input', { id: 'new-amount', type: 'text', inputmode: 'decimal', autocomplete: 'off' }));
const chgButton = h('button', { type: 'submit', id: 'change-btn' }, t.saveChange);
const cancelButton = h('button', { type: 'button', id: 'cancel-btn', class: 'secondary' }, t.cancel);
const confirmText = h('p', { id: 'confirm-text' });
const yesButton = h('button', { type: 'button', id: 'confirm-yes', class: 'danger' }, t.yesCancel);
const noButton = h('button', { type: 'button', id: 'confirm-no', class: 'secondary' }, t.no);
const confirmBox = h('div', { class: 'confirm', id: 'confirm', role: 'group', 'aria-labelledby': 'confirm-text', hidden: true },
  confirmText, h('div', { class: 'row' }, yesButton, noButton));
// A row that waits for review is not offered for change or cancel: the review decides it first.
const reviewNote = h('div', { class: 'status status-error', id: 'cost-review', hidden: true });
const changeControls = h('div', { id: 'change-controls' },
  fNewStatus.wrap, fNewAmount.wrap, h('div', { class: 'row' }, chgButton, cancelButton), confirmBox);
const chgForm = h('form', { id: 'change-form', novalidate: true }, fCost.wrap, costInfo, reviewNote, changeControls);
chgSection.replaceChildren(h('h2', { id: 'change-h' }, t.change), fFilterFunder.wrap, fFilterStatus.wrap, chgForm);

const selected = (): CostRow | undefined => costs.find((c) => c.id === fCost.control.value);

function showReview(c: CostRow | undefined): void {
  const waiting = !!c?.review;
  changeControls.hidden = waiting;
  reviewNote.hidden = !waiting;
  reviewNote.replaceChildren(...(c?.review ? [h('p', {}, `${t.reviewBlocked} ${c.review}`), reviewPointer(lang, status, 'cost-open-review')] : []));
}

function showCost(): void {
  const c = selected();
  confirmBox.hidden = true;
  showReview(c);
  if (!c) {
    costInfo.textContent = costs.length ? '' : t.noCosts;
    return;
  }
  const amount = c.amount === null ? '?' : money(lang, c.amount);
  costInfo.textContent = `${c.id}: ${c.description} · ${c.funder} · ${amount} · ${c.status}${c.review ? ` · ${t.waitsForReview}` : c.problem ? ` · ${t.problem}` : ''}`;
}
fCost.control.addEventListener('change', showCost);

async function loadCosts(): Promise<void> {
  const filter = { funder: fFilterFunder.control.value || undefined, status: fFilterStatus.control.value || undefined };
  const list = await call('listCosts', filter);
  costs = [...list.costs];
  const keep = fCost.control.value;
  fCost.control.replaceChildren(...costs.map((c) =>
    h('option', { value: c.id }, `${c.id} · ${c.funder} · ${c.amount === null ? '?' : money(lang, c.amount)} · ${c.status}${c.review ? ` · ${t.waitsForReview}` : ''}`)));
  if (costs.some((c) => c.id === keep)) fCost.control.value = keep;
  fCost.control.setAttribute('aria-describedby', `cost-info cost-review ${fCost.error.id}`);
  costInfo.dataset.count = String(costs.length);
  showCost();
  if (list.matching > costs.length) costInfo.textContent += ` (${t.showing(costs.length, list.matching)})`;
}
for (const f of [fFilterFunder, fFilterStatus]) f.control.addEventListener('change', () => void loadCosts().catch(fail));

async function saveChange(input: { id: string; status?: string; amount?: string }, button: HTMLButtonElement): Promise<void> {
  await busy(button, t.saving, chgSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('updateCost', input);
      fNewAmount.control.value = '';
      fNewStatus.control.value = '';
      confirmBox.hidden = true;
      await reload();
      ok(saved.message);
      fCost.control.focus();
    } catch (e) {
      fail(e);
    }
  });
}

chgForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const c = selected();
  const errors = new Map<Field, string>();
  if (!c) errors.set(fCost, t.chooseOne);
  else if (c.review) errors.set(fCost, t.reviewBlocked);
  const raw = fNewAmount.control.value.trim();
  if (raw) {
    const r = parseMoney(raw);
    if (!r.ok) errors.set(fNewAmount, r.error[lang]);
  }
  if (c && !raw && !fNewStatus.control.value) errors.set(fNewStatus, t.nothingToChange);
  if (!showErrors([fCost, fNewStatus, fNewAmount], errors) || !c) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  void saveChange({ id: c.id, ...(fNewStatus.control.value ? { status: fNewStatus.control.value } : {}), ...(raw ? { amount: raw } : {}) }, chgButton);
});

cancelButton.addEventListener('click', () => {
  const c = selected();
  if (!c || c.review) {
    showErrors([fCost], new Map([[fCost as Field, c ? t.reviewBlocked : t.chooseOne]]));
    return;
  }
  confirmText.textContent = t.confirmCancel(c.id);
  confirmBox.hidden = false;
  noButton.focus();
});
noButton.addEventListener('click', () => {
  confirmBox.hidden = true;
  cancelButton.focus();
});
yesButton.addEventListener('click', () => {
  const c = selected();
  if (c && !c.review) void saveChange({ id: c.id, status: 'Makulerad' }, yesButton);
});

// --- Loading ------------------------------------------------------------------------------

function fill(s: HTMLSelectElement, options: readonly (readonly [string, string])[]): void {
  const keep = s.value;
  s.replaceChildren(...options.map(([v, text]) => h('option', { value: v }, text)));
  if (options.some(([v]) => v === keep)) s.value = keep;
}

async function reload(): Promise<void> {
  form = await call('getBudgetForm');
  const names = form.overview.funders.map((f) => [f.name, f.name] as const);
  fill(fFunder.control as HTMLSelectElement, [['', t.choose], ...names]);
  fill(fCategory.control as HTMLSelectElement, [['', t.choose], ...form.categories.map((c) => [c, c] as const)]);
  const open = form.statuses.filter((s) => s !== 'Makulerad').map((s) => [s, s] as const);
  fill(fStatus.control as HTMLSelectElement, open);
  fill(fFilterFunder.control as HTMLSelectElement, [['', t.all], ...names]);
  fill(fFilterStatus.control as HTMLSelectElement, [['', t.all], ...form.statuses.map((s) => [s, s] as const)]);
  fill(fNewStatus.control as HTMLSelectElement, [['', t.keep], ...form.statuses.map((s) => [s, s] as const)]);
  if (!fDate.control.value) fDate.control.value = form.today;
  who.textContent = form.roles.includes('ekonomi') ? `${form.user}` : t.notFinance;
  updateLive();
  await loadCosts();
}

void loading([regSection, chgSection], status, { busy: t.loading }, reload, fail);
