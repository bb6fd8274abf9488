/**
 * Budget entry points' bodies (issue 3): the sidebar API for costs, transfers
 * and allocation, the form data and cost list the sidebars show, and the
 * "Verifiera loggen" menu action. Arguments are validated twice: here as a
 * zod tuple (shape and size, before anything is read), then by the use case
 * (src/app/budget.ts) with the rules and the role check.
 */
import * as z from 'zod/mini';
import { verifyAudit } from '../app/audit';
import { allocateBudget, budgetOverview, changeCost, readBudget, registerCost, transferAllocation } from '../app/budget';
import { loadContext } from '../app/context';
import type { ApiResult } from '../core/api';
import { cellText, computeBudget, type BudgetOverview } from '../core/budget';
import { AllocateSchema, ChangeCostSchema, LIMITS, RegisterCostSchema, TransferSchema } from '../core/budget-input';
import type { Lang } from '../core/msg';
import { CATEGORIES, COST_STATUSES } from '../core/schema';
import type { Role } from '../core/settings';
import { failureMessage, handle, noArgs, userLang } from './api';
import { gasPorts } from './adapters';

/** One argument: the form's object (the use cases re-validate every field with their own messages). */
const one = <S extends z.ZodMiniType>(s: S) => z.tuple([s]);

export interface BudgetForm {
  readonly user: string;
  readonly roles: readonly Role[];
  readonly eventName: string;
  /** yyyy-mm-dd in the script's time zone. */
  readonly today: string;
  readonly categories: readonly string[];
  readonly statuses: readonly string[];
  readonly overview: BudgetOverview;
}

export interface CostRow {
  readonly id: string;
  readonly row: number;
  readonly date: string;
  readonly funder: string;
  readonly category: string;
  readonly description: string;
  /** Öre, null when the cell is not a valid amount. */
  readonly amount: number | null;
  readonly supplier: string;
  readonly reference: string;
  readonly status: string;
  readonly problem: boolean;
  readonly check: string;
}

export interface CostList {
  readonly costs: readonly CostRow[];
  /** Rows matching the filter (the list is capped). */
  readonly matching: number;
  readonly total: number;
}

/** A saved change, with the server's message in the user's language. */
export interface Saved<T> { readonly message: string; readonly result: T }

const iso = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export function budgetForm(args: readonly unknown[]): ApiResult<BudgetForm> {
  return handle(noArgs, args, (_i, { ports }) => {
    const ctx = loadContext(ports);
    return {
      user: ctx.email, roles: ctx.roles, eventName: ctx.settings.eventName, today: iso(ports.clock.now()),
      categories: CATEGORIES, statuses: COST_STATUSES, overview: budgetOverview(ports, ctx),
    };
  });
}

const ListFilter = z.optional(z.object({
  funder: z.optional(z.string().check(z.maxLength(LIMITS.name))),
  status: z.optional(z.string().check(z.maxLength(20))),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
}));

/** Recent costs, newest row first; anyone may read. One read each of Inställningar, Budget, Kostnader. */
export function costList(args: readonly unknown[]): ApiResult<CostList> {
  return handle(z.union([z.tuple([]), z.tuple([ListFilter])]), args, (input, { ports }) => {
    const f = input[0] ?? {};
    const ctx = loadContext(ports);
    const snap = readBudget(ports, ctx.settings);
    const state = computeBudget(snap.input);
    const c = snap.input.ledger.col;
    const kontroll = snap.ledger.col['Kontroll'];
    const wantF = (f.funder ?? '').trim().toLowerCase();
    const wantS = (f.status ?? '').trim().toLowerCase();
    const limit = f.limit ?? 200;
    const out: CostRow[] = [];
    let matching = 0;
    let total = 0;
    const rows = snap.input.ledger.rows;
    for (let i = rows.length - 1; i >= 0; i--) {
      if (state.rows.funder[i] === -2) continue; // blank row
      total++;
      const r = rows[i];
      const funder = cellText(r[c.funder]);
      const status = cellText(r[c.status]);
      if (wantF && funder.toLowerCase() !== wantF) continue;
      if (wantS && status.toLowerCase() !== wantS) continue;
      matching++;
      if (out.length >= limit) continue;
      const amount = state.rows.amount[i];
      out.push({
        id: cellText(r[c.id]), row: snap.input.ledger.firstRow + i, date: cellText(r[c.date]), funder,
        category: cellText(r[c.category]), description: cellText(r[c.description]),
        amount: Number.isNaN(amount) ? null : amount, supplier: cellText(r[c.supplier]),
        reference: cellText(r[c.reference]), status, problem: state.rows.bad[i] === 1,
        check: kontroll === undefined ? '' : cellText(r[kontroll]),
      });
    }
    return { costs: out, matching, total };
  });
}

const localized = <T extends { message: { sv: string; en: string } }>(r: T, lang: Lang): Saved<Omit<T, 'message'>> => {
  const { message, ...rest } = r;
  return { message: message[lang], result: rest };
};

export const saveCost = (args: readonly unknown[]) =>
  handle(one(RegisterCostSchema), args, ([input], { ports, lang }) => localized(registerCost(ports, input), lang));

export const saveCostChange = (args: readonly unknown[]) =>
  handle(one(ChangeCostSchema), args, ([input], { ports, lang }) => localized(changeCost(ports, input), lang));

export const saveTransfer = (args: readonly unknown[]) =>
  handle(one(TransferSchema), args, ([input], { ports, lang }) => localized(transferAllocation(ports, input), lang));

export const saveAllocation = (args: readonly unknown[]) =>
  handle(one(AllocateSchema), args, ([input], { ports, lang }) => localized(allocateBudget(ports, input), lang));

/** Verifiera loggen: an alert with the result (the first bad row when the chain is broken). */
export function verifyLogAlert(): void {
  const lang = userLang();
  const ui = SpreadsheetApp.getUi();
  let text: string;
  try {
    text = verifyAudit(gasPorts()).message[lang];
  } catch (e) {
    text = failureMessage(e)[lang];
  }
  ui.alert(lang === 'en' ? 'Verify the log' : 'Verifiera loggen', text, ui.ButtonSet.OK);
}
