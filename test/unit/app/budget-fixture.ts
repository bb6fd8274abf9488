/** Shared fixture for the budget use-case tests (memory ports with a seeded workbook). */
import type { Cell } from '../../../src/app/ports';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';

export const EKO = 'eko@stockholm.se';
export const EKO2 = 'eko2@stockholm.se';
export const STY = 'sty@stockholm.se';
export const PL = 'pl@stockholm.se';
export const FUNDERS = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'];

export interface CostRow {
  id?: Cell; date?: Cell; funder?: Cell; category?: Cell; description?: Cell; amount?: Cell;
  supplier?: Cell; reference?: Cell; status?: Cell; by?: Cell; at?: Cell; check?: Cell;
}

/** A Kostnader row in schema order. */
export function costRow(c: CostRow): Cell[] {
  return [
    c.id ?? 'K-0001', c.date ?? new Date(2009, 11, 8), c.funder ?? 'STOKAB', c.category ?? 'övrigt', c.description ?? 'Kaffe',
    c.amount ?? 100, c.supplier ?? '', c.reference ?? '', c.status ?? 'Planerad', c.by ?? EKO, c.at ?? new Date(2009, 10, 1), c.check ?? '',
  ];
}

export interface Seed {
  user?: string;
  total?: number;
  /** kronor per funder, default 200 000 each */
  allocations?: Cell[];
  funders?: string[];
  ledger?: Cell[][];
  warn?: Cell[];
  /** Administratörer on Inställningar. */
  admins?: string;
  /** Beslut's rows (default DECISIONS). */
  decisions?: Cell[][];
  /** Evenemang's rows (none by default). */
  event?: Cell[][];
  /** Omfördelningar's rows (none by default). */
  transfers?: Cell[][];
}

export function seed(s: Seed = {}): MemoryPorts {
  const ports = memoryPorts(s.user ?? EKO);
  const funders = s.funders ?? FUNDERS;
  ports.workbook.add('settings', [
    ['Totalbudget', s.total ?? 800000, ''],
    ['Varningsgräns (%)', 90, ''],
    ['Ekonomi', `${EKO}, ${EKO2}`, ''],
    ['Styrgrupp', STY, ''],
    ['Projektledare', PL, ''],
    ...(s.admins ? [['Administratörer', s.admins, '']] : []),
  ]);
  ports.workbook.add('budget', funders.map((f, i) => [f, s.allocations?.[i] ?? 200000, s.warn?.[i] ?? '', '']));
  ports.workbook.add('ledger', s.ledger ?? []);
  ports.workbook.add('transfers', s.transfers ?? []);
  ports.workbook.add('decisions', s.decisions ?? DECISIONS);
  ports.workbook.add('log');
  if (s.event) ports.workbook.add('event', s.event);
  return journalled(ports);
}

/** A Beslut row in schema order: ID, Datum, Ämne, Beslut, Referens, Beslutat av, Status, Anteckning. */
export const decisionRow = (id: string, reference: string, subject = 'Budgetomfördelning', status = 'Fattat'): Cell[] =>
  [id, new Date(2009, 9, 20), subject, `Beslut ${id}`, reference, 'Styrgruppen', status, ''];

/** The steering group's decisions the tests' transfers and approvals cite (by ID or by their Dnr). */
export const DECISIONS: Cell[][] = [
  decisionRow('B-0001', 'Dnr 1'), decisionRow('B-0002', 'Dnr 2'), decisionRow('B-0003', 'SG 1'), decisionRow('B-0004', 'SG 2'),
  decisionRow('B-0005', 'Dnr 007-983/2009'), decisionRow('B-0006', 'x'),
  decisionRow('B-0007', 'SG lista', 'Inbjudningslista'),
  decisionRow('B-0008', 'SG tema', 'Tema'),
  decisionRow('B-0009', 'SG förslag', 'Budgetomfördelning', 'Förslag'),
  decisionRow('B-0010', 'SG upphävt', 'Budgetomfördelning', 'Upphävt'),
];

/** Every sheet's grid, for "nothing was written" assertions. */
export function dump(ports: MemoryPorts): string {
  const out: Record<string, unknown> = {};
  for (const [name, t] of ports.workbook.tables) out[name] = t.grid;
  return JSON.stringify({ out, props: [...ports.properties.map] });
}

export function ledgerRecords(ports: MemoryPorts) {
  return ports.workbook.get('ledger').records();
}

/** Logg's rows after the baseline set-up sealed (the entries the use cases under test wrote). */
export function logRecords(ports: MemoryPorts) {
  return ports.workbook.get('log').records().filter((r) => !['arbetsbok.baslinje', 'beslut.överfört'].includes(String(r['Åtgärd'])));
}

/** n valid ledger rows spread over the funders, 1 kr each. */
export function manyRows(n: number): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    rows.push(costRow({ id: `K-${String(i + 1).padStart(4, '0')}`, funder: FUNDERS[i % 4], amount: 1, status: i % 5 === 0 ? 'Makulerad' : 'Beställd' }));
  }
  return rows;
}
