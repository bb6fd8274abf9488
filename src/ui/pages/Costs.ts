/**
 * Kostnader: register a cost (live "available / left after this cost"), and
 * change the status or amount of a recent cost, or cancel it after a confirm
 * step. The client refuses what it can; the server decides (and re-checks
 * everything under the document lock).
 *
 * Every reply of a save brings the budget figures (the result's overview, or
 * a refusal's figures): the page shows them at once, so the live line never
 * contradicts a message. A refusal goes to the field it names, or beside the
 * button that sent it, focused. Costs are picked from a searchable list of
 * labelled radio buttons that wraps within the 300 px sidebar.
 */
import { inLang } from '../../core/i18n';
import { costsPageMsg } from '../../core/messages/costs-page';
import { isValidIsoDate, type BudgetOverview, type FunderView } from '../../core/budget';
import { parseMoney, percentOf } from '../../core/money';
import type { BudgetForm, CostRow } from '../../app/contract';
import { $, announce, h, loading, pageLang, skipLinks } from '../dom';
import { budgetMsg } from '../../core/messages/budget';
import { actionMessage, allowOnly, busy, clearError, field, select, type Field } from '../form';
import { money, percent } from '../i18n';
import { call } from '../rpc';
import { refused, showFieldErrors } from './budget-page';
import { reviewPointer } from './review-banner';

const lang = pageLang();
const t = inLang(costsPageMsg, lang);
const kr = (ore: number) => money(lang, ore);
const status = $('#status');
const alertBox = $('#alert');
const who = $('#who');
const regSection = $('#register');
const chgSection = $('#change');

let form: BudgetForm | null = null;
let costs: CostRow[] = [];

const funderOf = (name: string): FunderView | undefined => form?.overview.funders.find((f) => f.name === name);
/** A failure to load: at the top, where the page starts. */
const failLoad = (e: unknown) => {
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
// A text field, not type=date: Chromium's date input is three Tab stops (year, month, day), which put the
// register button beyond 10 presses; the hint gives the form, the page and the server check the date.
const fDate = field(t.date, h('input', { id: 'date', type: 'text', inputmode: 'numeric', required: true, autocomplete: 'off', maxlength: 10 }), t.dateHint);
const fSupplier = field(t.supplier, h('input', { id: 'supplier', type: 'text', maxlength: 200, autocomplete: 'off' }));
const fReference = field(t.reference, h('input', { id: 'reference', type: 'text', maxlength: 200, autocomplete: 'off' }));
const fItem = field(t.item, select('item', []), t.itemHint);
const fStatus = field(t.status, select('cost-status', []));
const regButton = h('button', { type: 'submit', id: 'register-btn' }, t.registerButton);
const regMessage = actionMessage('register-msg');
const regForm = h('form', { id: 'register-form', novalidate: true },
  fFunder.wrap, live, fItem.wrap, fCategory.wrap, fDescription.wrap, fAmount.wrap, fDate.wrap, fSupplier.wrap, fReference.wrap, fStatus.wrap,
  h('div', { class: 'row' }, regButton), regMessage);
// The live line is about the chosen funder: the funder field says so to a screen reader.
fFunder.control.setAttribute('aria-describedby', `live ${fFunder.error.id}`);
/** The register form's fields by the keys the server names in a refusal. */
const regFields = new Map<string, Field>([
  ['funder', fFunder], ['category', fCategory], ['description', fDescription], ['amount', fAmount], ['date', fDate],
  ['supplier', fSupplier], ['reference', fReference], ['status', fStatus], ['item', fItem],
]);
// An item's costs go to its budget category: choosing the item fills the category when none is chosen yet.
fItem.control.addEventListener('change', () => {
  const it = form?.items.find((x) => x.id === fItem.control.value);
  if (it && !fCategory.control.value) fCategory.control.value = it.category;
});
const regWho = h('p', { class: 'hint', id: 'register-who', hidden: true }, budgetMsg.onlyFinanceRegisters()[lang]);
regSection.replaceChildren(h('h2', { id: 'register-h', tabindex: -1 }, t.register), regWho, regForm);

/** Amount as typed (in the page's language), in öre, or the reason it is not an amount. */
function typedAmount(raw = fAmount.control.value): { ore: number } | { error: string } | null {
  if (raw.trim() === '') return null;
  const r = parseMoney(raw, lang);
  if (!r.ok) return { error: r.error[lang] };
  if (r.value <= 0) return { error: t.amountNotPositive };
  return { ore: r.value };
}

/** The field's message when a cost of `ore` doesn't fit the funder: the server's wording, with what is missing. */
const wontFit = (f: FunderView, ore: number): string => t.wontFit(f.name, kr(Math.max(0, f.available)), kr(ore), kr(ore - Math.max(0, f.available)));

function updateLive(): void {
  const f = funderOf(fFunder.control.value);
  live.classList.remove('bad');
  if (!f) {
    live.textContent = '';
    return;
  }
  const parts = [t.available(f.name, kr(f.available))];
  const a = typedAmount();
  if (f.outOfBalance) {
    parts.push(t.blocked);
    live.classList.add('bad');
  } else if (a && 'ore' in a) {
    const left = f.available - a.ore;
    if (left < 0) {
      parts.push(t.short(kr(-left)));
      live.classList.add('bad');
    } else {
      parts.push(t.leftAfter(kr(left)));
      if (!f.warning && percentOf(f.consumed + a.ore, f.allocation) >= f.warnAt) parts.push(t.willPass(f.name, percent(lang, f.warnAt)));
    }
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
  else if (funder && a.ore > funder.available) errors.set(fAmount, wontFit(funder, a.ore));
  if (!isValidIsoDate(fDate.control.value.trim())) errors.set(fDate, t.badDate);
  return errors;
}

regForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  regMessage.textContent = '';
  if (!showFieldErrors([...regFields.values()], validateRegister())) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  const input = {
    funder: fFunder.control.value, category: fCategory.control.value, description: fDescription.control.value,
    amount: fAmount.control.value, date: fDate.control.value.trim(), supplier: fSupplier.control.value,
    reference: fReference.control.value, status: fStatus.control.value, item: fItem.control.value,
  };
  void busy(regButton, t.saving, regSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('recordCost', input);
      for (const f of [fDescription, fAmount, fSupplier, fReference]) (f.control as HTMLInputElement).value = '';
      showFigures(saved.result.overview);
      ok(saved.message);
      fDescription.control.focus();
      await loadCosts();
    } catch (e) {
      announce(status, '');
      refused('recordCost', e, regFields, regMessage, showFigures);
    }
  });
});

// --- Change / cancel --------------------------------------------------------------------

const fFilterFunder = field(t.filterFunder, select('filter-funder', []));
const fFilterStatus = field(t.filterStatus, select('filter-status', []));
const fSearch = field(t.search, h('input', { id: 'cost-search', type: 'search', autocomplete: 'off' }), t.searchHint);
const pickList = h('div', { class: 'pick', id: 'cost-list' });
const pickCount = h('p', { class: 'muted', id: 'cost-count', 'aria-live': 'polite' });
const pickError = h('p', { class: 'field-error', id: 'cost-err' });
const picker = h('fieldset', { id: 'cost-picker', class: 'picker', 'aria-describedby': 'cost-count' },
  h('legend', {}, t.cost), pickCount, pickList, pickError);
const costInfo = h('p', { class: 'muted', id: 'cost-info', 'aria-live': 'polite' });
const fNewStatus = field(t.newStatus, select('new-status', []));
const fNewAmount = field(t.newAmount, h('input', { id: 'new-amount', type: 'text', inputmode: 'decimal', autocomplete: 'off' }), t.amountHint);
const chgButton = h('button', { type: 'submit', id: 'change-btn' }, t.saveChange);
const cancelButton = h('button', { type: 'button', id: 'cancel-btn', class: 'secondary' }, t.cancel);
const chgMessage = actionMessage('change-msg');
const confirmText = h('p', { id: 'confirm-text' });
const yesButton = h('button', { type: 'button', id: 'confirm-yes', class: 'danger' }, t.yesCancel);
const noButton = h('button', { type: 'button', id: 'confirm-no', class: 'secondary' }, t.no);
const confirmBox = h('div', { class: 'confirm', id: 'confirm', role: 'group', 'aria-labelledby': 'confirm-text', hidden: true },
  confirmText, h('div', { class: 'row' }, yesButton, noButton));
// A row that waits for review is not offered for change or cancel: the review decides it first.
const reviewNote = h('div', { class: 'status status-error', id: 'cost-review', hidden: true });
const changeControls = h('div', { id: 'change-controls' },
  fNewStatus.wrap, fNewAmount.wrap, h('div', { class: 'row' }, chgButton, cancelButton), chgMessage, confirmBox);
const chgForm = h('form', { id: 'change-form', novalidate: true }, fSearch.wrap, picker, costInfo, reviewNote, changeControls);
const chgWho = h('p', { class: 'hint', id: 'change-who', hidden: true }, budgetMsg.onlyFinanceChanges()[lang]);
changeControls.prepend(chgWho);
chgSection.replaceChildren(h('h2', { id: 'change-h', tabindex: -1 }, t.change), fFilterFunder.wrap, fFilterStatus.wrap, chgForm);

/**
 * Anyone who can open the file sees the costs and what each funder has left; registering, changing and
 * cancelling are the finance role's: for anyone else those controls are disabled and say who may.
 */
function renderAccess(finance: boolean): void {
  allowOnly(finance, [...[...regFields.values()].map((f) => f.control), regButton], regWho);
  allowOnly(finance, [fNewStatus.control, fNewAmount.control, chgButton, cancelButton], chgWho);
}

const radios = (): HTMLInputElement[] => [...pickList.querySelectorAll<HTMLInputElement>('input[type=radio]')];
const selectedId = (): string => radios().find((r) => r.checked)?.value ?? '';
const selected = (): CostRow | undefined => costs.find((c) => c.id === selectedId());

/** The picker as a field for a refusal about the cost ('id'): the chosen radio (or the search box) is marked and focused. */
function pickerField(): Field {
  const control = radios().find((r) => r.checked) ?? radios().find((r) => !r.closest('[hidden]')) ?? fSearch.control;
  return { wrap: picker, control, error: pickError };
}
const changeFields = (): Map<string, Field> => new Map([['id', pickerField()], ['status', fNewStatus], ['amount', fNewAmount]]);

function showReview(c: CostRow | undefined): void {
  const waiting = !!c?.review;
  changeControls.hidden = waiting;
  reviewNote.hidden = !waiting;
  reviewNote.replaceChildren(...(c?.review ? [h('p', {}, `${t.reviewBlocked} ${c.review}`), reviewPointer(lang, status, 'cost-open-review')] : []));
}

/** The chosen cost and what its funder has left (a figure of the budget: shown as the server last sent it). */
function showCost(): void {
  const c = selected();
  confirmBox.hidden = true;
  showReview(c);
  if (!c) {
    costInfo.textContent = costs.length ? '' : t.noCosts;
    return;
  }
  const f = funderOf(c.funder);
  const amount = c.amount === null ? '?' : kr(c.amount);
  costInfo.textContent = `${c.id}: ${c.description} · ${c.funder} · ${amount} · ${c.status}${c.review ? ` · ${t.waitsForReview}` : c.problem ? ` · ${t.problem}` : ''}.${f ? ` ${t.funderLeft(f.name, kr(f.available))}` : ''}`;
}

/** A cost's item as the form names it ("Middagen (P-003)"), or the ID as the sheet has it. */
const itemName = (id: string): string => (id ? form?.items.find((x) => x.id.toUpperCase() === id.toUpperCase())?.label ?? id : '');

/** One labelled radio per cost; the label wraps, so nothing is cut at 300 px. */
function costOption(c: CostRow): HTMLElement {
  const id = `cost-${c.id.replace(/[^A-Za-z0-9-]/g, '_')}`;
  const radio = h('input', { type: 'radio', name: 'cost', id, value: c.id, 'aria-describedby': 'cost-err' });
  radio.addEventListener('change', () => {
    clearError(pickerField());
    showCost();
  });
  const line2 = [c.funder, c.description, c.supplier, itemName(c.item)].filter(Boolean).join(' · ');
  return h('div', { class: 'pick-item', 'data-search': [c.id, c.description, c.supplier, c.reference, c.funder, c.status, itemName(c.item)].join(' ').toLowerCase() },
    radio,
    h('label', { for: id },
      h('span', { class: 'pick-main' }, `${c.id} · ${c.amount === null ? '?' : kr(c.amount)} · ${c.status}${c.review ? ` · ${t.waitsForReview}` : ''}`),
      h('span', { class: 'pick-sub' }, line2)));
}

/** Shows the costs that match the search box (by ID, description, supplier, reference, funder or status). */
function applySearch(): void {
  const words = fSearch.control.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const item of pickList.querySelectorAll<HTMLElement>('.pick-item')) {
    const hit = words.every((w) => (item.dataset.search ?? '').includes(w));
    item.hidden = !hit;
    if (hit) shown++;
  }
  pickCount.textContent = costs.length === 0 ? t.noCosts : shown === costs.length ? t.listed(shown) : t.showing(shown, costs.length);
}
fSearch.control.addEventListener('input', applySearch);

async function loadCosts(): Promise<void> {
  const filter = { funder: fFilterFunder.control.value || undefined, status: fFilterStatus.control.value || undefined };
  const list = await call('listCosts', filter);
  const keep = selectedId();
  costs = [...list.costs];
  pickList.replaceChildren(...costs.map(costOption));
  const again = radios().find((r) => r.value === keep);
  if (again) again.checked = true;
  pickList.dataset.count = String(costs.length);
  applySearch();
  if (list.matching > costs.length) pickCount.textContent += ` ${t.showing(costs.length, list.matching)}`;
  showCost();
}
for (const f of [fFilterFunder, fFilterStatus]) f.control.addEventListener('change', () => void loadCosts().catch(failLoad));

async function saveChange(input: { id: string; status?: string; amount?: string }, button: HTMLButtonElement): Promise<void> {
  chgMessage.textContent = '';
  await busy(button, t.saving, chgSection, async () => {
    announce(status, t.saving);
    try {
      const saved = await call('updateCost', input);
      fNewAmount.control.value = '';
      fNewStatus.control.value = '';
      confirmBox.hidden = true;
      showFigures(saved.result.overview);
      ok(saved.message);
      await loadCosts();
      pickerField().control.focus();
    } catch (e) {
      announce(status, '');
      confirmBox.hidden = true;
      refused('updateCost', e, changeFields(), chgMessage, showFigures);
    }
  });
}

chgForm.addEventListener('submit', (ev) => {
  ev.preventDefault();
  chgMessage.textContent = '';
  const c = selected();
  const pick = pickerField();
  const errors = new Map<Field, string>();
  if (!c) errors.set(pick, t.chooseOne);
  else if (c.review) errors.set(pick, t.reviewBlocked);
  const raw = fNewAmount.control.value.trim();
  if (raw) {
    const r = parseMoney(raw, lang);
    if (!r.ok) errors.set(fNewAmount, r.error[lang]);
  }
  if (c && !raw && !fNewStatus.control.value) errors.set(fNewStatus, t.nothingToChange);
  if (!showFieldErrors([pick, fNewStatus, fNewAmount], errors) || !c) {
    announce(status, t.fixErrors, 'error');
    return;
  }
  void saveChange({ id: c.id, ...(fNewStatus.control.value ? { status: fNewStatus.control.value } : {}), ...(raw ? { amount: raw } : {}) }, chgButton);
});

cancelButton.addEventListener('click', () => {
  const c = selected();
  chgMessage.textContent = '';
  if (!c || c.review) {
    showFieldErrors([pickerField()], new Map([[pickerField(), c ? t.reviewBlocked : t.chooseOne]]));
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

// --- Figures and loading ----------------------------------------------------------------------

/** The budget as the server last sent it (a load, a save's result, a refusal's figures): every figure on the page follows. */
function showFigures(overview: BudgetOverview): void {
  if (form) form = { ...form, overview };
  updateLive();
  showCost();
}

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
  fill(fItem.control as HTMLSelectElement, [['', t.noItem], ...form.items.map((x) => [x.id, x.label] as const)]);
  fill(fFilterFunder.control as HTMLSelectElement, [['', t.all], ...names]);
  fill(fFilterStatus.control as HTMLSelectElement, [['', t.all], ...form.statuses.map((s) => [s, s] as const)]);
  fill(fNewStatus.control as HTMLSelectElement, [['', t.keep], ...form.statuses.map((s) => [s, s] as const)]);
  if (!fDate.control.value) fDate.control.value = form.today;
  who.textContent = form.roles.includes('ekonomi') ? `${form.user}` : t.notFinance;
  renderAccess(form.roles.includes('ekonomi'));
  updateLive();
  await loadCosts();
}

$('#skip-nav').replaceWith(skipLinks(t.skip, [['register-h', t.register], ['change-h', t.change]]));
void loading([regSection, chgSection], status, { busy: t.loading }, reload, failLoad);
