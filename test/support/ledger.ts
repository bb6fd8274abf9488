/**
 * Budget test/bench support: ledger rows as the add-on would have written
 * them (10 000 rows in one transaction, not 10 000 executions), and read cells.
 */
import type { Emulator } from '../../src/sandbox/emulator';
import type { CellState, SheetState } from '../../src/sandbox/emulator/store';
import { checkTable, Journal, Tx } from '../../src/app/journal';
import { getCell } from '../../src/sandbox/emulator/spreadsheet';
import { inProcess } from './inprocess';

export const sheetState = (emu: Emulator, name: string): SheetState => {
  const st = emu.state.spreadsheet.sheets.find((s) => s.name === name);
  if (!st) throw new Error(`no sheet ${name}`);
  return st;
};

const FUNDERS = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB'];

/**
 * Appends `n` valid ledger rows (K-0001 …, 1 kr … each, spread over the four
 * funders, status Planerad) as the add-on itself would have written them:
 * sealed and journalled (one Logg entry per row), in one transaction run
 * in-process through the same adapters the bundle uses (test/support/inprocess.ts).
 * Total consumption stays tiny, so later registrations still fit.
 */
export function seedLedger(emu: Emulator, n: number, amountKr = 1): void {
  const when = new Date('2009-10-01T10:00:00+02:00');
  inProcess(emu, 'ekonomi@example.org', (ports) => ports.lock.withLock(60_000, () => {
    const journal = new Journal(ports);
    const c = checkTable(journal, 'ledger');
    const start = c.rows.length;
    const tx = new Tx(journal);
    for (let i = 0; i < n; i++) {
      const no = start + i + 1;
      const id = `K-${String(no).padStart(4, '0')}`;
      tx.put(c, null, {
        ID: id, Datum: new Date('2009-10-01T00:00:00+02:00'), Finansiär: FUNDERS[i % 4], Kategori: 'övrigt',
        Beskrivning: `Exempelrad ${no}`, Belopp: amountKr, Leverantör: '', Referens: '', Status: 'Planerad',
        'Registrerad av': 'ekonomi@example.org', Registrerad: when, Kontroll: '',
      }, { action: 'kostnad.registrerad', object: id });
    }
    tx.commit();
  }));
}

/** The cell (value, formula, format: its own or its column's band) at a 1-based position. */
export const cellAt = (emu: Emulator, sheet: string, row: number, col: number): CellState | null =>
  getCell(sheetState(emu, sheet), row, col);
