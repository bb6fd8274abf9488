/**
 * Budget entry points' bodies (issue 3): the sidebar API for costs, transfers
 * and allocation, the form data and cost list the sidebars show, and the
 * "Verifiera loggen" menu action. A save passes its one argument through as
 * is: the use case (src/app/budget.ts) checks the role, then validates every
 * field with its own zod schema and messages that name the field. A save's
 * reply, accepted or refused, brings the budget figures the sidebars show.
 */
import * as z from 'zod/mini';
import { verifyAudit } from '../app/audit';
import { allocateBudget, budgetOverview, changeCost, guardLedgerEdit, readBudget, registerCost, transferAllocation } from '../app/budget';
import { loadContext } from '../app/context';
import { unverifiedMsg } from '../app/integrity';
import type { Ports } from '../app/ports';
import type { BudgetForm, CostList, CostRow, Saved } from '../app/contract';
import type { ApiResult } from '../core/api';
import { cellText, computeBudget, type BudgetOverview } from '../core/budget';
import type { Lang, Msg } from '../core/msg';
import { CATEGORIES, COST_STATUSES } from '../core/schema';
import { citableDecisions } from '../app/register';
import { readProgram } from '../app/program-rows';
import { byTime, partName } from '../core/program';
import { failureMessage, handle, noArgs, userLang, type Env } from './api';
import { gasPorts, type SheetEdit } from './adapters';
import { gasMsg } from '../core/messages/gas';

// Built on first use: nothing runs at global scope.
let oneArg: z.ZodMiniTuple<[z.ZodMiniUnknown], null> | undefined;
let listArgs: ReturnType<typeof buildListArgs> | undefined;
const buildListArgs = () => z.union([z.tuple([]), z.tuple([z.optional(z.object({
  funder: z.optional(z.string().check(z.maxLength(100))),
  status: z.optional(z.string().check(z.maxLength(20))),
  limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(500))),
}))])]);

export function budgetForm(args: readonly unknown[]): ApiResult<BudgetForm> {
  return handle(noArgs, args, (_i, { ports }) => {
    const ctx = loadContext(ports);
    return {
      user: ctx.email, roles: ctx.roles, admin: ctx.admin, today: cellText(ports.clock.now()),
      categories: CATEGORIES, statuses: COST_STATUSES, overview: budgetOverview(ports, ctx),
      decisions: citableDecisions(ctx.journal, 'transfer'),
      items: [...readProgram(ctx.journal).items].sort(byTime).map((it) => ({ id: it.id, label: partName(it), category: it.category })),
    };
  });
}

/** Recent costs, newest row first; anyone may read. One read each of Inställningar, Budget, Kostnader. */
export function costList(args: readonly unknown[]): ApiResult<CostList> {
  return handle((listArgs ??= buildListArgs()), args, (input, { ports, lang }) => {
    const f = input[0] ?? {};
    const ctx = loadContext(ports);
    const snap = readBudget(ports, ctx.settings, ctx.journal);
    const state = computeBudget(snap.input);
    const c = snap.input.ledger.col;
    const kontroll = snap.ledger.t.col['Kontroll'];
    const item = snap.ledger.t.col['Programpunkt'];
    const onSheet = snap.ledger.t.snap.rows.length;
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
      const rc = snap.ledger.byIndex.get(i);
      const review = i >= onSheet ? gasMsg.rowRemovedOutside()[lang]
        : rc && rc.kind !== 'ok' ? unverifiedMsg(snap.ledger, rc)[lang] : '';
      out.push({
        id: cellText(r[c.id]), row: i < onSheet ? snap.input.ledger.firstRow + i : 0, date: cellText(r[c.date]), funder,
        category: cellText(r[c.category]), description: cellText(r[c.description]),
        amount: Number.isNaN(amount) ? null : amount, supplier: cellText(r[c.supplier]),
        reference: cellText(r[c.reference]), status, item: item === undefined ? '' : cellText(r[item]), problem: state.rows.bad[i] === 1 || review !== '',
        check: kontroll === undefined || i >= onSheet ? '' : cellText(snap.ledger.t.snap.rows[i][kontroll]), review,
      });
    }
    return { costs: out, matching, total };
  });
}

/**
 * Runs a save with the form's object; the use case validates it (role first, then every field, amounts
 * as the user's language writes them). Refusals are logged as `write` and bring the budget as it is
 * then, so the page's figures ("… kr kvar", "Högst … kan flyttas") agree with the refusal's message.
 */
function save<T extends { message: Msg }>(
  write: string, args: readonly unknown[], useCase: (ports: Env['ports'], raw: unknown, lang: Lang) => T,
): ApiResult<Saved<Omit<T, 'message'>>, BudgetOverview> {
  return handle((oneArg ??= z.tuple([z.unknown()])), args, ([raw], { ports, lang }) => {
    const { message, ...result } = useCase(ports, raw, lang);
    return { message: message[lang], result };
  }, { write, refusal: ({ ports }) => budgetOverview(ports) });
}

export const saveCost = (args: readonly unknown[]) => save('recordCost', args, registerCost);
export const saveCostChange = (args: readonly unknown[]) => save('updateCost', args, changeCost);
export const saveTransfer = (args: readonly unknown[]) => save('transferFunds', args, transferAllocation);
export const saveAllocation = (args: readonly unknown[]) => save('allocate', args, allocateBudget);

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
  ui.alert(gasMsg.menuVerifyLog()[lang], text, ui.ButtonSet.OK);
}

/** onEdit in Kostnader: the guard's message to toast ('' when the edit stands silently). */
export function guardLedgerSheetEdit(edit: SheetEdit, ports: Ports, lang: Lang): string {
  try {
    return guardLedgerEdit(ports, edit).message?.[lang] ?? '';
  } catch (err) {
    return failureMessage(err)[lang];
  }
}
