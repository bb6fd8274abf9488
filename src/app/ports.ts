/**
 * Ports: what the use cases need from the outside world. Synchronous and
 * batch-shaped, like Apps Script itself: one `read()` is one range read, one
 * `writeRows`/`appendRows` is one range write. Adapters live in src/gas
 * (Apps Script) and test/support (in memory).
 */

/** A cell value as Apps Script's getValues() returns it ('' for empty). */
export type Cell = string | number | boolean | Date;

/**
 * A value to write. Strings are always stored as literal text (an adapter
 * must make sure "=1+1", "+46 8 …", "2009-12-08" stay text), numbers as
 * numbers, Dates as date-times. '' clears the cell.
 */
export type CellIn = string | number | boolean | Date;

export interface TableSnapshot {
  /** The header row as read (trimmed strings). */
  readonly header: string[];
  /** Data rows below the header, each padded to the header's width. */
  readonly rows: Cell[][];
  /** Sheet row number (1-based) of rows[0]; rows[i] is sheet row firstRow + i. */
  readonly firstRow: number;
}

export interface TablePort {
  readonly sheetName: string;
  /** Whole table (header + data) in one range read. */
  read(): TableSnapshot;
  /**
   * Overwrites a rectangular block in one range write. `sheetRow` is 1-based,
   * `col` is a 0-based index into the header; every row has the same length.
   */
  write(sheetRow: number, col: number, rows: CellIn[][]): void;
  /**
   * Appends rows below the last row in one range write; returns the first new sheet row.
   * `lastRow`: what lastRow() answered earlier under the same lock hold (saves asking again).
   */
  append(rows: CellIn[][], lastRow?: number): number;
  /** The last sheet row with content (Sheet.getLastRow: a service call, not a range read). */
  lastRow(): number;
}

export interface WorkbookPort {
  /** null when the sheet does not exist. */
  table(sheetName: string): TablePort | null;
  /** The spreadsheet owner's e-mail, lower-cased ('' when unknown, e.g. in a shared drive). One service call. */
  owner(): string;
  /**
   * Makes the writes so far land in the spreadsheet now (SpreadsheetApp.flush(): one service
   * call). Apps Script batches writes; those not yet flushed may be lost when the execution is
   * killed (the 30 s / 6 min limits), while properties written after them are not.
   */
  flush(): void;
}

export class LockTimeoutError extends Error {
  constructor() {
    super('lock timeout');
    this.name = 'LockTimeoutError';
  }
}

export interface LockPort {
  /**
   * Runs fn holding the document lock; pending writes are flushed before the
   * lock is released. Throws LockTimeoutError if the lock can't be had in time.
   */
  withLock<T>(timeoutMs: number, fn: () => T): T;
}

export interface ClockPort {
  now(): Date;
}

export interface UserPort {
  /** The active user's e-mail, lower-cased; '' when unknown. */
  email(): string;
}

export interface PropertiesPort {
  get(key: string): string | null;
  set(key: string, value: string): void;
  /** Several keys in one call (Properties.setProperties): one write where the protocol needs them together. */
  setAll(values: Readonly<Record<string, string>>): void;
  delete(key: string): void;
}

export interface MailAttachment {
  readonly fileName: string;
  readonly mimeType: string;
  readonly content: string;
}

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly htmlBody: string;
  readonly textBody: string;
  readonly name?: string;
  readonly replyTo?: string;
  readonly attachments?: readonly MailAttachment[];
}

export interface MailerPort {
  remainingDailyQuota(): number;
  /** Sends one message (one service call). Throws on failure. */
  send(message: MailMessage): void;
}

export interface RandomPort {
  /** A random (version 4) UUID from the platform. */
  uuid(): string;
}

/** Short-lived counters (rate limits). Best effort: an entry may vanish early. */
export interface CachePort {
  get(key: string): string | null;
  put(key: string, value: string, seconds: number): void;
}

export interface Ports {
  readonly workbook: WorkbookPort;
  readonly lock: LockPort;
  readonly clock: ClockPort;
  readonly user: UserPort;
  readonly properties: PropertiesPort;
  readonly mailer: MailerPort;
  readonly random: RandomPort;
  readonly cache: CachePort;
}
