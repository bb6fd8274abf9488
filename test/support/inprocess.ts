/**
 * Test support: runs the add-on's own app-layer code in this process against
 * an emulator, through the same Apps Script adapters the bundle uses
 * (src/gas/adapters.ts), with the emulator's services as the globals. For
 * putting a workbook into a state the sidebars can't reach directly (a guest
 * left Osäker by a dead send, say) the way the add-on itself would write it:
 * sealed and logged. Tests of behaviour still go through the built Code.js.
 */
import { Journal, checkTable, Tx, type AuditEntry } from '../../src/app/journal';
import type { Cell, Ports } from '../../src/app/ports';
import type { SealedTable } from '../../src/core/seal';
import { gasPorts } from '../../src/gas/adapters';
import { buildServices, type Emulator } from '../../src/sandbox/emulator';

const G = globalThis as unknown as Record<string, unknown>;

export function inProcess<T>(emu: Emulator, user: string, fn: (ports: Ports) => T): T {
  const ctx = emu.newContext({ authMode: 'FULL', user });
  const services = buildServices(ctx);
  const saved = Object.fromEntries(Object.keys(services).map((k) => [k, G[k]]));
  Object.assign(G, services);
  try {
    return fn(gasPorts());
  } finally {
    Object.assign(G, saved);
    emu.locks.releaseAll(ctx.id);
    emu.save();
  }
}

/**
 * Writes `values` (by header) into the row of `table` whose key is `key`
 * (or appends a row for key null), sealed and logged as the add-on writes.
 */
export function sealedWrite(emu: Emulator, user: string, table: SealedTable, key: string | null, values: Record<string, Cell>, entry: AuditEntry = { action: 'test.förberedd', object: key ?? 'ny' }): void {
  inProcess(emu, user, (ports) => ports.lock.withLock(5000, () => {
    const journal = new Journal(ports);
    const c = checkTable(journal, table);
    const row = key === null ? null : c.rows.find((r) => r.key === key);
    if (key !== null && !row) throw new Error(`no row ${key} on ${table}`);
    new Tx(journal).put(c, row ? row.index : null, values, entry).commit();
  }));
}
