/**
 * Test support: a memory workbook with every sheet and the journal started,
 * exactly as set-up starts it on an existing workbook (src/app/setup.ts):
 * the rows a test seeded become the sealed baseline.
 */
import { Journal } from '../../src/app/journal';
import { adoptDecisions } from '../../src/app/decisions';
import { startJournal } from '../../src/app/setup';
import { TABLES, type TableKey } from '../../src/core/schema';
import type { MemoryPorts } from './memory';

export function journalled<P extends MemoryPorts>(p: P): P {
  for (const key of Object.keys(TABLES) as TableKey[]) if (!p.workbook.tables.has(TABLES[key].sheet)) p.workbook.add(key);
  p.lock.withLock(1000, () => {
    const journal = new Journal(p);
    startJournal(p, journal);
    // As set-up's writeDefaults: Beslut's rows are carried over into the register.
    adoptDecisions(journal.fresh());
  });
  return p;
}
