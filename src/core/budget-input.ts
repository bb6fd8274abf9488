/**
 * Validation of what the sidebar sends (google.script.run: JSON only, no
 * Dates). Shapes and lengths with zod/mini (small bundle); money, dates and
 * statuses with our own parsers so the messages say exactly what is wrong.
 * Funders are checked against the Budget sheet later, inside the lock.
 * Every failure names the field it is about, by the key the page sent
 * ('amount', 'allocations.2'), so the page can show it there. Amounts are
 * read in the user's language (English "1,500.50"; Swedish without one).
 */
import * as z from 'zod/mini';
import { categoryIndex, isValidIsoDate, statusIndex, type Category } from './budget';
import { parseMoney, type Ore } from './money';
import { fail, ok, type Lang, type Msg, type Result } from './msg';
import { labelled } from './i18n';
import { CATEGORIES, COST_STATUSES, type CostStatus } from './schema';
import { budgetMsg } from './messages/budget';

const NAME = 100;

const text = (max: number) => z.string().check(z.trim(), z.maxLength(max));
const required = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const optText = (max: number) => z.optional(text(max));
/** Amounts: a string or a number; parseMoney gives the reason when it is wrong. */
const amount = () => z.union([z.string().check(z.maxLength(40)), z.number()]);

// Schemas are built on first use: nothing runs at global scope (every execution evaluates the bundle).
type Schemas = ReturnType<typeof buildSchemas>;
let schemas: Schemas | undefined;
const buildSchemas = () => ({
  cost: z.object({
    funder: required(NAME),
    category: required(40),
    description: required(500),
    amount: amount(),
    date: required(10),
    supplier: optText(200),
    reference: optText(200),
    status: z.optional(text(20)),
    item: optText(20),
  }),
  change: z.object({
    id: required(20),
    status: z.optional(text(20)),
    amount: z.optional(amount()),
  }),
  transfer: z.object({
    from: required(NAME),
    to: required(NAME),
    amount: amount(),
    decisionRef: required(200),
    comment: optText(1000),
  }),
  allocate: z.object({
    total: z.optional(amount()),
    allocations: z.array(z.object({ funder: required(NAME), amount: amount() })).check(z.minLength(1), z.maxLength(50)),
  }),
});

/** Parses `raw` with one of the schemas; a shape error becomes a message that names the field. */
function shape<K extends keyof Schemas>(k: K, raw: unknown): Result<z.infer<Schemas[K]>> {
  const p = (schemas ??= buildSchemas())[k].safeParse(raw);
  return p.success ? ok(p.data as z.infer<Schemas[K]>) : fail(shapeError(p.error), fieldOf(p.error));
}

/** The page's key of the first issue: 'amount', or 'allocations.2' for a row of the allocation. */
function fieldOf(error: z.core.$ZodError): string | undefined {
  // A failed parse has at least one issue.
  // Stryker disable next-line OptionalChaining,ArrayDeclaration: equivalent, issues[0] always exists here
  const path = error.issues[0]?.path ?? [];
  if (path[0] === 'allocations' && typeof path[1] === 'number') return `allocations.${path[1]}`;
  // Stryker disable next-line ConditionalExpression: equivalent, every schema is an object, so path[0] is a key or absent
  return typeof path[0] === 'string' ? path[0] : undefined;
}

export interface CostInput {
  readonly funder: string;
  readonly category: Category;
  readonly description: string;
  readonly amount: Ore;
  /** yyyy-mm-dd */
  readonly date: string;
  readonly supplier: string;
  readonly reference: string;
  readonly status: CostStatus;
  /** The Program item the cost belongs to ("P-003"), '' for none; checked against Program inside the lock. */
  readonly item: string;
}

/** How an item ID looks (src/core/program.ts nextItemId). */
export const ITEM_ID = /^P-\d{1,6}$/i;

export interface CostChange { readonly id: string; readonly status?: CostStatus; readonly amount?: Ore }
export interface TransferInput { readonly from: string; readonly to: string; readonly amount: Ore; readonly decisionRef: string; readonly comment: string }
export interface AllocateInput { readonly total?: Ore; readonly allocations: readonly { readonly funder: string; readonly amount: Ore }[] }

function shapeError(error: z.core.$ZodError): Msg {
  const FIELD: Record<string, Msg> = {
    funder: budgetMsg.funder(), category: budgetMsg.category(), description: budgetMsg.description(),
    amount: AMOUNT(), date: budgetMsg.date(), supplier: budgetMsg.supplier(),
    reference: budgetMsg.reference(), status: budgetMsg.status(), id: budgetMsg.id(), item: budgetMsg.programItem(),
    from: budgetMsg.from(), to: budgetMsg.to(), decisionRef: budgetMsg.decisionReference(),
    comment: budgetMsg.comment(), total: TOTAL(), allocations: budgetMsg.allocations(),
  };
  const issue = error.issues[0];
  // The innermost named field: an allocation row's 'amount' is "Belopp" (the page shows it at that row).
  const key = [...(issue?.path ?? [])].reverse().find((p) => typeof p === 'string' && p in FIELD) as string | undefined;
  if (!issue || !key) return budgetMsg.dataMissingMalformed();
  const f = FIELD[key];
  if (issue.code === 'too_big') {
    const max = (issue as { maximum?: number | bigint }).maximum;
    return budgetMsg.tooLongMostCharacters(f, String(max));
  }
  if (issue.code === 'too_small') return budgetMsg.fillField(f);
  return budgetMsg.missingWrongType(f);
}

const AMOUNT = () => budgetMsg.amount();
const TOTAL = () => budgetMsg.totalBudget();

function positive(raw: unknown, field: Msg, key: string, lang: Lang | undefined): Result<Ore> {
  const r = parseMoney(raw, lang);
  if (!r.ok) return fail(labelled(field, r.error), key);
  if (r.value <= 0) return fail(budgetMsg.amountNotPositive(field), key);
  return r;
}

/** A status as typed, as the sheet spells it; '' (the trimmed text of an empty field) is none. */
function costStatus(raw: string): Result<CostStatus> {
  const i = statusIndex(raw);
  if (i < 0) {
    return fail(budgetMsg.unknownStatus(raw, COST_STATUSES), 'status');
  }
  return ok(COST_STATUSES[i]);
}

export function parseRegisterCost(raw: unknown, lang?: Lang): Result<CostInput> {
  const p = shape('cost', raw);
  if (!p.ok) return p;
  const v = p.value;
  const ci = categoryIndex(v.category);
  if (ci < 0) return fail(budgetMsg.unknownCategory(v.category, CATEGORIES), 'category');
  const a = positive(v.amount, AMOUNT(), 'amount', lang);
  if (!a.ok) return a;
  if (!isValidIsoDate(v.date)) return fail(budgetMsg.dateNotValidDate(v.date), 'date');
  const st = v.status ? costStatus(v.status) : ok<CostStatus>('Planerad');
  if (!st.ok) return st;
  if (st.value === 'Makulerad') return fail(budgetMsg.newCostCancelled(), 'status');
  const typed = v.item ?? '';
  const item = typed.toLocaleUpperCase('sv');
  if (item !== '' && !ITEM_ID.test(item)) return fail(budgetMsg.itemNotAnId(typed), 'item');
  return ok({
    funder: v.funder, category: CATEGORIES[ci], description: v.description, amount: a.value, date: v.date,
    supplier: v.supplier ?? '', reference: v.reference ?? '', status: st.value, item,
  });
}

export function parseCostChange(raw: unknown, lang?: Lang): Result<CostChange> {
  const p = shape('change', raw);
  if (!p.ok) return p;
  const v = p.value;
  // An empty status field is no new status (not the default of a new cost, Planerad).
  if (!v.status && v.amount === undefined) return fail(budgetMsg.giveStatusOrAmount(), 'status');
  let amountOre: Ore | undefined;
  if (v.amount !== undefined) {
    const a = positive(v.amount, AMOUNT(), 'amount', lang);
    if (!a.ok) return a;
    amountOre = a.value;
  }
  let status: CostStatus | undefined;
  if (v.status) {
    const st = costStatus(v.status);
    if (!st.ok) return st;
    status = st.value;
  }
  return ok({ id: v.id.toLocaleUpperCase('sv'), status, amount: amountOre });
}

export function parseTransfer(raw: unknown, lang?: Lang): Result<TransferInput> {
  const p = shape('transfer', raw);
  if (!p.ok) return p;
  const v = p.value;
  const a = positive(v.amount, AMOUNT(), 'amount', lang);
  if (!a.ok) return a;
  return ok({ from: v.from, to: v.to, amount: a.value, decisionRef: v.decisionRef, comment: v.comment ?? '' });
}

export function parseAllocate(raw: unknown, lang?: Lang): Result<AllocateInput> {
  const p = shape('allocate', raw);
  if (!p.ok) return p;
  const v = p.value;
  let total: Ore | undefined;
  if (v.total !== undefined) {
    const t = positive(v.total, TOTAL(), 'total', lang);
    if (!t.ok) return t;
    total = t.value;
  }
  const allocations: { funder: string; amount: Ore }[] = [];
  for (const [i, a] of v.allocations.entries()) {
    const r = parseMoney(a.amount, lang);
    if (!r.ok) return fail(labelled(a.funder, r.error), `allocations.${i}`);
    allocations.push({ funder: a.funder, amount: r.value });
  }
  return ok({ total, allocations });
}
