/** Writing one key/value row of a settings sheet (Inställningar, Evenemang) through the journal. */
import { settingDef } from '../core/settings';
import type { AuditEntry, TableCheck, Tx } from './journal';
import type { Cell } from './ports';

/**
 * Puts `key` = `value` on the checked settings sheet: over the key's row when
 * there is one (a row changed by hand is replaced, which is how the sidebar
 * resolves it), else appended with its description.
 */
export function putSetting(tx: Tx, check: TableCheck, key: string, value: Cell, entry: AuditEntry): void {
  const k = key.toLocaleLowerCase('sv');
  const row = check.rows.find((r) => r.kind !== 'duplicate' && r.key.toLocaleLowerCase('sv') === k);
  tx.put(check, row ? row.index : null, { Nyckel: key, Värde: value, Beskrivning: settingDef(key)[2] }, entry);
}
