/**
 * Test support for the budget tests of which funders a change outside Summit Planner blocks
 * (budget-blocked.test.ts, budget.mutation.test.ts): the funder field's refusal of a small cost.
 */
import { registerCost } from '../../../src/app/budget';
import { UserError } from '../../../src/core/msg';
import type { MemoryPorts } from '../../support/memory';

const COST = { category: 'övrigt', description: 'Lokal', amount: '10', date: '2009-11-20' };

/** The funder field's refusal (Swedish, no-break spaces as spaces) of a 10 kr cost on `funder`, or null when it is registered. */
export function blocked(ports: MemoryPorts, funder: string): string | null {
  try {
    registerCost(ports, { ...COST, funder });
    return null;
  } catch (e) {
    if (e instanceof UserError && e.field === 'funder') return e.userMessage.sv.replace(/[\u00a0\u202f]/g, ' ');
    throw e;
  }
}
