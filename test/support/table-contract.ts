/**
 * The table port's contract (src/app/ports.ts TablePort): the same cases run against the Apps Script
 * adapter over the emulator, the Sheets API adapter against the sandbox's endpoint
 * (test/bundle/table-port-contract.test.ts) and, opt-in, against a real spreadsheet (test/live/live.ts).
 * Plain node:assert, so the live runner needs no test framework.
 */
import assert from 'node:assert/strict';
import type { CellIn, TablePort } from '../../src/app/ports';

export interface Harness {
  /** The table as a command sees it at its start (Gäster starts empty, with the layout's header; Program may hold the items set-up carried over). */
  open(sheet: 'Gäster' | 'Program'): Promise<TablePort>;
  /** Makes the writes so far land (the API adapter commits them; Apps Script writes at once). */
  commit(): Promise<void>;
  /** Fixture: the sheet's grid has this many rows. */
  setRowCount(sheet: 'Gäster' | 'Program', rows: number): Promise<void>;
}

/** Strings a sheet would otherwise turn into a formula, a number, a date or a fraction. */
export const TRICKY = ['=1+1', '+46 8 508 000 00', '2009-12-08', "'quoted", '-5', '@SUM(A1)', '1/2', '  spaced  ', 'Överståthållarämbetet'];

export const CONTRACT: readonly { readonly name: string; run(h: Harness): Promise<void> }[] = [
  {
    name: 'read: the header trimmed, no rows, firstRow 2, lastRow the header',
    async run(h) {
      const t = await h.open('Gäster');
      const s = t.read();
      assert.deepEqual(s.header.slice(0, 3), ['ID', 'Förnamn', 'Efternamn']);
      assert.deepEqual(s.rows, []);
      assert.equal(s.firstRow, 2);
      assert.equal(t.lastRow(), 1);
      assert.equal(t.sheetName, 'Gäster');
    },
  },
  {
    name: 'write: strings stay literal text (never a formula), numbers numbers, booleans booleans, dates instants; rows as wide as the header',
    async run(h) {
      let t = await h.open('Gäster');
      const header = t.read().header;
      const [sent, link, note] = ['Skickad', 'Länkversion', 'Anteckning'].map((x) => header.indexOf(x));
      const when = new Date('2009-12-08T14:30:00+01:00');
      const row: CellIn[] = header.map((_, i) => (i < TRICKY.length ? TRICKY[i] : ''));
      row[sent] = when;
      row[link] = 7;
      row[note] = true;
      t.write(2, 0, [row]);
      await h.commit();
      t = await h.open('Gäster');
      const back = t.read().rows[0];
      assert.deepEqual(back.slice(0, TRICKY.length), TRICKY); // "=1+1" read back as text: had it become a formula, it would read 2
      assert.equal((back[sent] as Date).getTime(), when.getTime());
      assert.equal(back[link], 7);
      assert.equal(back[note], true);
      assert.equal(back.length, header.length);
    },
  },
  {
    name: 'append: returns the first new row, lands below the last, in one block',
    async run(h) {
      let t = await h.open('Gäster');
      const width = t.read().header.length;
      const mk = (n: string) => Array.from({ length: width }, (_, i) => (i === 1 ? n : ''));
      assert.equal(t.append([mk('A'), mk('B')]), 2);
      await h.commit();
      t = await h.open('Gäster');
      assert.equal(t.lastRow(), 3);
      assert.equal(t.append([mk('C')]), 4);
      await h.commit();
      t = await h.open('Gäster');
      assert.deepEqual(t.read().rows.map((r) => r[1]), ['A', 'B', 'C']);
      assert.equal(t.lastRow(), 4);
    },
  },
  {
    name: 'append past the end of the grid: the rows still land whole',
    async run(h) {
      // Relative to what the sheet holds: set-up now carries the old free-text parts over as Program items.
      let t = await h.open('Program');
      const before = t.read();
      const last = t.lastRow();
      await h.setRowCount('Program', last + 2);
      t = await h.open('Program');
      const rows = Array.from({ length: 5 }, (_, i) => Array.from({ length: before.header.length }, (_, j) => (j === 4 ? `P${i}` : '')));
      assert.equal(t.append(rows), last + 1);
      await h.commit();
      t = await h.open('Program');
      const after = t.read().rows.map((r) => r[4]);
      assert.deepEqual(after, [...before.rows.map((r) => r[4]), 'P0', 'P1', 'P2', 'P3', 'P4']);
    },
  },
];
