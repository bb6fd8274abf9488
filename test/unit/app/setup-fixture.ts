/** The workbooks and helpers the set-up tests share (setup.test.ts, setup.mutation.test.ts). */
import { Journal } from '../../../src/app/journal';
import { setupAuthority, startJournal, writeDefaults } from '../../../src/app/setup';
import { UserError } from '../../../src/core/msg';
import { TABLES, type TableKey } from '../../../src/core/schema';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

export const ME = 'ny@stockholm.se';
/** The refusal's English text (throws when nothing was refused). */
export const refusal = (f: () => unknown): string => {
  try { f(); } catch (e) { if (e instanceof UserError) return e.userMessage.en; throw e; }
  throw new Error('not refused');
};
export const REFUSED = 'Only the spreadsheet\'s owner and the administrators may set up the workbook (it sets protections and roles).';

/** Every sheet, empty (a new spreadsheet after set-up made its sheets), or with `rows` on some. */
export function sheets(user: string, rows: Partial<Record<TableKey, unknown[][]>> = {}): MemoryPorts {
  const p = memoryPorts(user);
  for (const key of Object.keys(TABLES) as TableKey[]) p.workbook.add(key, (rows[key] ?? []) as never);
  return p;
}
/** Set-up as src/gas/setup.ts runs it: the authority, then the journal and the defaults under the lock. */
export function setUp(p: MemoryPorts) {
  const who = setupAuthority(p);
  return p.lock.withLock(1000, () => {
    const journal = new Journal(p);
    if (!journal.anchor()) startJournal(p, journal);
    return writeDefaults(p, journal.fresh(), who);
  });
}
