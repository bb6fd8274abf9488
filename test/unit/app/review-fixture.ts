/** Shared fixture for the Granska ändringar tests (review-*.test.ts): memory ports with every sealed sheet but Program. */
import { UserError, type Msg } from '../../../src/core/msg';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { costRow, DECISIONS, EKO, FUNDERS, PL, STY } from './budget-fixture';

export const OWNER = 'agare@stockholm.se';

/** Every sheet Granska ändringar covers but Program, sealed as set-up leaves them. */
export function world(user = STY): MemoryPorts {
  const p = memoryPorts(user);
  p.workbook.ownerEmail = OWNER;
  p.workbook.add('settings', [
    ['Totalbudget', 800000, ''], ['Varningsgräns (%)', 90, ''], ['Ekonomi', EKO, ''], ['Styrgrupp', STY, ''], ['Projektledare', PL, ''],
  ]);
  p.workbook.add('event', [['Slutdatum', '2009-12-09', ''], ['Lagringstid (månader)', 3, '']]);
  p.workbook.add('budget', FUNDERS.map((f) => [f, 200000, '', '']));
  p.workbook.add('ledger', [costRow({})]);
  p.workbook.add('templates', [['sv', 'Ämne', 'Hej', ''], ['en', 'Subject', 'Hello', '']]);
  p.workbook.add('decisions', DECISIONS);
  p.workbook.add('transfers', [['O-0001', new Date(2009, 9, 21, 10, 0), 'STOKAB', 'Kommunstyrelsen', 1000, 'B-0001 (Dnr 1)', STY, '']]);
  p.workbook.add('guests', [['G-0001', 'Anna', 'Berg', '', '', '', 'anna@example.se', 'sv', 'konferensen', '', 'Föreslagen', '', '', '']]);
  p.workbook.add('log');
  return journalled(p);
}
export const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
export const grid = (p: MemoryPorts, t: 'settings' | 'event' | 'budget' | 'ledger' | 'templates' | 'decisions' | 'transfers' | 'guests') => p.workbook.get(t).grid;
export const refusal = (f: () => unknown): Msg => {
  try { f(); } catch (e) { if (e instanceof UserError) return e.userMessage; throw e; }
  throw new Error('not refused');
};
