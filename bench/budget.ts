/**
 * Budget section of the benchmark (issues 3 and 7): service calls and time per
 * action against the built Code.js in the emulator, with every row's seal
 * checked (detection on), at 10, 1 000 and 10 000 ledger rows (sealed and
 * journalled, as the add-on writes them), plus the pure budget computation
 * over 100 000 rows. Needs `npm run build` first.
 */
import { computeBudget, type BudgetInput } from '../src/core/budget';
import type { Emulator, ExecutionResult } from '../src/sandbox/emulator';
import { CODE, EKO, PL, STY, decisionFor, setUpWorkbook } from '../test/support/bundle';
import { seedLedger } from '../test/support/ledger';
import { figure, medianMs, type Figure } from './lib';

const SIZES = [10, 1_000, 10_000];
const RUNS = 3;

const COST = { funder: 'STOKAB', category: 'workshops', description: 'Benchmark', amount: '1', date: '2009-11-01', status: 'Planerad' };

interface Action {
  name: string;
  /** Goal on range reads / writes, when the issue sets one. */
  goal?: { reads: number; writes: number };
  run(emu: Emulator, i: number): ExecutionResult;
}

const exec = (emu: Emulator, fn: string, args: unknown[], user: string): ExecutionResult => {
  const r = emu.runExecution(CODE, fn, args, { authMode: 'FULL', user });
  const res = r.result as { ok?: boolean; message?: string } | undefined;
  if (!r.ok || res?.ok === false) throw new Error(`${fn}: ${r.error?.message ?? res?.message}`);
  return r;
};

const ACTIONS: Action[] = [
  { name: 'register a cost', goal: { reads: 2, writes: 2 }, run: (emu) => exec(emu, 'recordCost', [COST], EKO) },
  { name: 'change a status', run: (emu, i) => exec(emu, 'updateCost', [{ id: 'K-0001', status: i % 2 ? 'Planerad' : 'Beställd' }], EKO) },
  {
    name: 'a transfer',
    run: (emu, i) => exec(emu, 'transferFunds', [{ from: i % 2 ? 'STOKAB' : 'Kommunstyrelsen', to: i % 2 ? 'Kommunstyrelsen' : 'STOKAB', amount: 1, decisionRef: decisionFor(emu, 'Budgetomfördelning') }], STY),
  },
  { name: 'the overview (sidebar)', run: (emu) => exec(emu, 'getOverview', [], EKO) },
  {
    name: 'onEdit in Kostnader',
    run: (emu, i) => {
      const header = emu.sheetValues('Kostnader')[0];
      const r = emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col: header.indexOf('Belopp') + 1, values: [[1 + (i % 2)]], user: EKO });
      if (!r.ok || r.ui.toasts.length) throw new Error(`onEdit: ${r.error?.message ?? r.ui.toasts[0]?.msg}`);
      return r;
    },
  },
  {
    name: 'verify the log (chain and anchor)',
    run: (emu) => {
      const r = emu.runExecution(CODE, 'menuVerifyLog', [], { authMode: 'FULL', user: EKO });
      if (!r.ok || !/^Loggen är hel/.test(r.ui.alerts[0]?.prompt ?? '')) throw new Error(`verify: ${r.error?.message ?? r.ui.alerts[0]?.prompt}`);
      return r;
    },
  },
  {
    name: 'onEdit in Program',
    goal: { reads: 0, writes: 0 },
    run: (emu, i) => emu.fireEdit(CODE, { sheet: 'Program', row: 2, col: 5, values: [[`Punkt ${i}`]], user: PL }),
  },
];

const sizeLabel = (n: number) => n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');

function pureInput(rows: number): BudgetInput {
  const funders = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'];
  const statuses = ['Planerad', 'Beställd', 'Fakturerad', 'Betald', 'Makulerad'];
  const date = new Date(2009, 9, 1);
  const ledger = Array.from({ length: rows }, (_x, i) => [
    `K-${String(i + 1).padStart(6, '0')}`, date, funders[i % 4], 'övrigt', `Rad ${i}`, 1 + (i % 7), '', '', statuses[i % 5], 'e@example.org', date, '',
  ]);
  return {
    total: 80_000_000_000, warnPercent: 90,
    budget: { rows: funders.map((f) => [f, 200_000_000, '', '']), firstRow: 2, col: { funder: 0, allocation: 1, warn: 2 } },
    ledger: { rows: ledger, firstRow: 2, col: { id: 0, date: 1, funder: 2, category: 3, description: 4, amount: 5, supplier: 6, reference: 7, status: 8, by: 9, at: 10 } },
  };
}

export function budgetFigures(): Figure[] {
  const out: Figure[] = [];
  const seen = new Map<string, { reads: number; writes: number; total: number }[]>();
  for (const n of SIZES) {
    const emu = setUpWorkbook();
    seedLedger(emu, n);
    decisionFor(emu, 'Budgetomfördelning'); // the decision the transfers cite, recorded before anything is measured
    for (const a of ACTIONS) {
      let last: ExecutionResult | undefined;
      let i = 0;
      const ms = medianMs(RUNS, () => {
        last = a.run(emu, i++);
      });
      const c = last!.calls;
      const at = `${a.name} (${sizeLabel(n)} rows)`;
      out.push(figure(`${at}: service calls`, c.total, 'calls'));
      out.push(figure(`${at}: range reads`, c.rangeReads, 'reads', a.goal ? { text: `≤ ${a.goal.reads}`, met: c.rangeReads <= a.goal.reads } : undefined));
      out.push(figure(`${at}: range writes`, c.rangeWrites, 'writes', a.goal ? { text: `≤ ${a.goal.writes}`, met: c.rangeWrites <= a.goal.writes } : undefined));
      out.push(figure(`${at}: time`, Math.round(ms * 10) / 10, 'ms'));
      const list = seen.get(a.name) ?? [];
      list.push({ reads: c.rangeReads, writes: c.rangeWrites, total: c.total });
      seen.set(a.name, list);
    }
  }
  for (const [name, list] of seen) {
    const same = list.every((x) => x.reads === list[0].reads && x.writes === list[0].writes && x.total === list[0].total);
    out.push(figure(`${name}: calls the same at every size`, same ? 1 : 0, 'yes=1', { text: '= 1', met: same }));
  }
  const input = pureInput(100_000);
  for (let i = 0; i < 3; i++) computeBudget(input); // warm-up (JIT), then the median of many: this machine is noisy
  const ms = medianMs(21, () => computeBudget(input));
  out.push(figure('computeBudget over 100 000 ledger rows (pure)', Math.round(ms * 10) / 10, 'ms', { text: '≤ 100', met: ms <= 100 }));
  return out;
}
