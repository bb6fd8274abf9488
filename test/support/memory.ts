/**
 * In-memory adapters for the ports, for unit tests of src/app. They follow
 * the same contract as the Apps Script adapters (src/gas/ports.ts): one read()
 * is one range read, one write/append is one range write, strings are stored
 * literally. They count calls so tests can assert batching.
 */
import { randomUUID } from 'node:crypto';
import type {
  CachePort, Cell, CellIn, ClockPort, LockPort, MailMessage, MailerPort, Ports, PropertiesPort, RandomPort,
  TablePort, TableSnapshot, UserPort, WorkbookPort,
} from '../../src/app/ports';
import { LockTimeoutError } from '../../src/app/ports';
import { TABLES, headersOf, type TableKey } from '../../src/core/schema';

export interface Counters {
  reads: number; writes: number; mails: number; locks: number;
  /** The lock is held now (set by MemoryLock). */
  held?: boolean;
  /** Range writes and property writes made while the lock was not held: every read-check-write must be under it. */
  unlocked?: number;
}

export class MemoryTable implements TablePort {
  /** All sheet rows including the header row (row 1 = grid[0]). */
  grid: Cell[][];
  constructor(readonly sheetName: string, header: string[], rows: Cell[][] = [], private counters?: Counters) {
    this.grid = [header.slice(), ...rows.map((r) => r.slice())];
  }
  read(): TableSnapshot {
    if (this.counters) this.counters.reads++;
    const width = Math.max(0, ...this.grid.map((r) => r.length));
    const pad = (r: Cell[]) => [...r, ...Array(width - r.length).fill('')].map(copy);
    const header = pad(this.grid[0] ?? []).map((h) => String(h).trim());
    let last = this.grid.length;
    while (last > 1 && this.grid[last - 1].every((v) => v === '')) last--;
    return { header, rows: this.grid.slice(1, last).map(pad), firstRow: 2 };
  }
  write(sheetRow: number, col: number, rows: CellIn[][]): void {
    if (this.counters) {
      this.counters.writes++;
      if (!this.counters.held) this.counters.unlocked = (this.counters.unlocked ?? 0) + 1;
    }
    if (rows.length === 0) return;
    const w = rows[0].length;
    if (rows.some((r) => r.length !== w)) throw new Error('rows of different lengths');
    if (sheetRow < 1 || col < 0) throw new Error('outside the sheet');
    rows.forEach((r, i) => {
      const target = (this.grid[sheetRow - 1 + i] ??= []);
      while (target.length < col + w) target.push('');
      r.forEach((v, j) => { target[col + j] = copy(v); });
    });
    for (let i = 0; i < this.grid.length; i++) this.grid[i] ??= [];
  }
  lastRow(): number {
    let last = this.grid.length;
    while (last > 0 && this.grid[last - 1].every((v) => v === '')) last--;
    return last;
  }
  append(rows: CellIn[][]): number {
    const last = Math.max(1, this.lastRow());
    this.grid.length = last;
    const first = last + 1;
    this.write(first, 0, rows);
    return first;
  }
  /** Data rows as records keyed by header (test helper, not counted). */
  records(): Record<string, Cell>[] {
    const [h, ...rows] = this.grid;
    return rows.map((r) => Object.fromEntries(h.map((k, i) => [String(k), r[i] ?? ''])));
  }
}

const copy = <T extends Cell>(v: T): T => (v instanceof Date ? (new Date(v.getTime()) as T) : v);

export class MemoryWorkbook implements WorkbookPort {
  readonly tables = new Map<string, MemoryTable>();
  /** The spreadsheet's owner ('' as in a shared drive). */
  ownerEmail = '';
  constructor(readonly counters: Counters = { reads: 0, writes: 0, mails: 0, locks: 0 }) {}
  table(name: string): TablePort | null {
    return this.tables.get(name) ?? null;
  }
  owner(): string {
    return this.ownerEmail;
  }
  /** Writes here land at once: nothing to flush. */
  flush(): void {}
  /** Adds a sheet with the schema's headers (or the given ones). */
  add(key: TableKey, rows: Cell[][] = [], header: string[] = headersOf(key)): MemoryTable {
    const t = new MemoryTable(TABLES[key].sheet, header, rows, this.counters);
    this.tables.set(t.sheetName, t);
    return t;
  }
  get(key: TableKey): MemoryTable {
    const t = this.tables.get(TABLES[key].sheet);
    if (!t) throw new Error(`no sheet ${key}`);
    return t;
  }
}

/** A lock that can be held by a test to simulate another execution. */
export class MemoryLock implements LockPort {
  held = false;
  constructor(private counters?: Counters) {}
  withLock<T>(_timeoutMs: number, fn: () => T): T {
    if (this.counters) this.counters.locks++;
    if (this.held) throw new LockTimeoutError();
    this.held = true;
    if (this.counters) this.counters.held = true;
    try {
      return fn();
    } finally {
      this.held = false;
      if (this.counters) this.counters.held = false;
    }
  }
}

export class ManualClock implements ClockPort {
  constructor(public t = new Date('2009-11-02T09:00:00+01:00')) {}
  now(): Date {
    return new Date(this.t.getTime());
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms);
  }
}

export class FixedUser implements UserPort {
  constructor(public current = '') {}
  email(): string {
    return this.current.trim().toLowerCase();
  }
}

export class MemoryProperties implements PropertiesPort {
  readonly map = new Map<string, string>();
  constructor(private counters?: Counters) {}
  get(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  set(k: string, v: string): void {
    this.unlockedWrite();
    this.map.set(k, v);
  }
  setAll(values: Readonly<Record<string, string>>): void {
    this.unlockedWrite();
    for (const [k, v] of Object.entries(values)) this.map.set(k, v);
  }
  delete(k: string): void {
    this.unlockedWrite();
    this.map.delete(k);
  }
  private unlockedWrite(): void {
    if (this.counters && !this.counters.held) this.counters.unlocked = (this.counters.unlocked ?? 0) + 1;
  }
}

export class MemoryMailer implements MailerPort {
  readonly sent: MailMessage[] = [];
  constructor(public quota = 1500, private counters?: Counters, public failFor?: (m: MailMessage) => string | null) {}
  remainingDailyQuota(): number {
    return this.quota;
  }
  send(m: MailMessage): void {
    if (this.counters) this.counters.mails++;
    if (this.quota <= 0) throw new Error('Service invoked too many times for one day: email.');
    const why = this.failFor?.(m);
    if (why) throw new Error(why);
    this.quota--;
    this.sent.push(m);
  }
}

export const memoryRandom: RandomPort = { uuid: () => randomUUID() };

export class MemoryCache implements CachePort {
  readonly map = new Map<string, string>();
  get(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  put(k: string, v: string): void {
    this.map.set(k, v);
  }
}

export interface MemoryPorts extends Ports {
  readonly workbook: MemoryWorkbook;
  readonly lock: MemoryLock;
  readonly clock: ManualClock;
  readonly user: FixedUser;
  readonly properties: MemoryProperties;
  readonly mailer: MemoryMailer;
  readonly cache: MemoryCache;
}

export function memoryPorts(user = ''): MemoryPorts {
  const workbook = new MemoryWorkbook();
  return {
    workbook,
    lock: new MemoryLock(workbook.counters),
    clock: new ManualClock(),
    user: new FixedUser(user),
    properties: new MemoryProperties(workbook.counters),
    mailer: new MemoryMailer(1500, workbook.counters),
    random: memoryRandom,
    cache: new MemoryCache(),
  };
}
