/**
 * Apps Script adapters for the ports (src/app/ports.ts). The only code that
 * touches SpreadsheetApp, LockService, Session, PropertiesService and MailApp.
 * Created per call: nothing runs at global scope.
 */
import {
  LockTimeoutError, type CachePort, type Cell, type CellIn, type ClockPort, type LockPort, type MailMessage, type MailerPort,
  type Ports, type PropertiesPort, type RandomPort, type TablePort, type TableSnapshot, type UserPort, type WorkbookPort,
} from '../app/ports';
import { JOURNAL_KEY as ANCHOR_KEY } from '../app/journal';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Every string goes in with Sheets' quote prefix, so user text is stored as
 * literal text: "=IMPORTXML(…)", "+46 8 508 000 00", "2009-12-08" and "1/2"
 * stay exactly what was typed (CWE-1236). The prefix is not part of the value.
 */
export const literal = (v: CellIn): CellIn => (typeof v === 'string' && v !== '' ? `'${v}` : v);

/** Rows added beyond what an append needs when a sheet is full. */
const GROW_ROWS = 500;

export class SheetTable implements TablePort {
  /** `wrote`: told of every write, so the workbook knows what a flush would land. */
  constructor(private readonly sheet: Sheet, private readonly wrote: () => void = () => undefined) {}
  get sheetName(): string {
    return this.sheet.getName();
  }
  read(): TableSnapshot {
    const values = this.values();
    const header = (values[0] ?? []).map((h) => String(h).trim());
    let last = values.length;
    while (last > 1 && values[last - 1].every((v) => v === '')) last--;
    return { header, rows: values.slice(1, last), firstRow: 2 };
  }
  /**
   * Every row and column up to the last that has data: getSheetValues(1, 1, -1, -1) is the data range's
   * values in one call ("A -1 value … is equivalent to getting the very last row or column that has data
   * in the sheet", …/reference/spreadsheet/sheet#getsheetvalues…) where getDataRange().getValues() is two.
   * The reference doesn't say what an empty sheet (no last row) gives: then the data range, which is A1.
   */
  private values(): Cell[][] {
    try {
      return this.sheet.getSheetValues(1, 1, -1, -1) as Cell[][];
    } catch {
      return this.sheet.getDataRange().getValues() as Cell[][];
    }
  }
  write(sheetRow: number, col: number, rows: CellIn[][]): void {
    if (rows.length === 0 || rows[0].length === 0) return;
    this.wrote();
    this.sheet.getRange(sheetRow, col + 1, rows.length, rows[0].length).setValues(rows.map((r) => r.map(literal)));
  }
  /**
   * The grid's row count as this execution last asked or made it: asked once per table and execution (a send
   * batch appends to Logg twice under one hold of the lock). Rows deleted by hand in between make the write
   * throw ("outside the dimensions"): the transaction then fails as a death after its pending anchor does, and
   * the next holder settles it. Rows inserted by hand only make it low: the sheet grows by more than needed.
   */
  private maxRows: number | undefined;
  append(rows: CellIn[][], lastRow?: number): number {
    const first = Math.max(lastRow ?? this.sheet.getLastRow(), 1) + 1;
    const last = first + rows.length - 1;
    // setValues beyond the sheet's last row throws ("coordinates … outside the dimensions"): grow it first,
    // with room to spare, so the next appends don't each pay for an insertRows call.
    const max = (this.maxRows ??= this.sheet.getMaxRows());
    if (last > max) {
      this.wrote();
      this.sheet.insertRowsAfter(max, last - max + GROW_ROWS);
      this.maxRows = last + GROW_ROWS;
    }
    this.write(first, 0, rows);
    return first;
  }
  lastRow(): number {
    return this.sheet.getLastRow();
  }
}

/**
 * The workbook: the document the add-on runs in, or, in the RSVP web app,
 * the one a link's tag names. An add-on's web app has no document of its own
 * (and a bound script's is "reported both ways"), so there it is opened by ID.
 */
export class GasWorkbook implements WorkbookPort {
  private ss: Spreadsheet | null = null;
  private readonly cache = new Map<string, TablePort | null>();
  /** `id`: the workbook a link named (web app); none: the active document. */
  constructor(private readonly id?: string) {}
  /**
   * Sheet writes since the last flush (Apps Script batches them until one). Every write through
   * table() is counted; whoever takes the raw spreadsheet() may write, so that counts as one.
   */
  private unflushed = false;
  /** The spreadsheet, for callers that work on it directly (set-up, protections): assumed to write. */
  spreadsheet(): Spreadsheet {
    this.unflushed = true;
    return this.doc();
  }
  private doc(): Spreadsheet {
    return (this.ss ??= this.locate());
  }
  private locate(): Spreadsheet {
    const active = SpreadsheetApp.getActiveSpreadsheet() as Spreadsheet | null;
    if (this.id === undefined) {
      if (!active) throw new Error('Summit Planner runs without a document here.');
      return active;
    }
    return active && active.getId() === this.id ? active : SpreadsheetApp.openById(this.id);
  }
  private fileId: string | undefined;
  /** The file's ID: what the add-on's properties are kept under (one call per execution). */
  spreadsheetId(): string {
    return (this.fileId ??= this.id ?? this.doc().getId());
  }
  table(name: string): TablePort | null {
    if (!this.cache.has(name)) {
      const sheet = this.doc().getSheetByName(name);
      this.cache.set(name, sheet ? new SheetTable(sheet, () => { this.unflushed = true; }) : null);
    }
    return this.cache.get(name) ?? null;
  }
  /** Forgets the sheets looked up so far (set-up calls it after creating sheets). */
  forget(): void {
    this.cache.clear();
  }
  private ownerEmail: string | undefined;
  /** The owner's e-mail ('' in a shared drive, where getOwner() is null). */
  owner(): string {
    if (this.ownerEmail === undefined) {
      const o = this.doc().getOwner();
      this.ownerEmail = o ? (o.getEmail() || '').trim().toLowerCase() : '';
    }
    return this.ownerEmail;
  }
  flush(): void {
    SpreadsheetApp.flush();
    this.unflushed = false;
  }
  /** Flushes only when a write is pending: a transaction's commit has usually just flushed (one call saved per lock hold). */
  flushPending(): void {
    if (this.unflushed) this.flush();
  }
}

/**
 * The script lock: unlike the document lock it also exists in the RSVP web
 * app (getDocumentLock() is null outside a document context), so sidebars,
 * onEdit and guests' answers all exclude each other. For a bound script it
 * excludes exactly what the document lock would; for the add-on (one project,
 * every workbook it is installed in) a little more, which costs a short wait.
 */
export class GasLock implements LockPort {
  /**
   * `workbook`: whose pending writes must land before the release; without it, always flush.
   * `properties`: whose snapshot is dropped when the lock is taken and when it is released (another
   * execution may have written since it was read).
   */
  constructor(private readonly workbook?: GasWorkbook, private readonly properties?: GasProperties) {}
  withLock<T>(timeoutMs: number, fn: () => T): T {
    const lock = LockService.getScriptLock();
    if (!lock.tryLock(timeoutMs)) throw new LockTimeoutError();
    this.properties?.stale();
    try {
      return fn();
    } finally {
      // Pending writes must land before the next holder reads.
      if (this.workbook) this.workbook.flushPending();
      else SpreadsheetApp.flush();
      this.properties?.stale();
      lock.releaseLock();
    }
  }
}

export const gasClock: ClockPort = { now: () => new Date() };

/**
 * The active user's address, '' when Apps Script won't say: across domains,
 * and in a custom function, where Session is not among the services allowed
 * (…/guides/sheets/functions; some report it throws, some a blank address).
 */
export const gasUser: UserPort = {
  email: () => {
    try {
      return (Session.getActiveUser().getEmail() || '').trim().toLowerCase();
    } catch {
      return '';
    }
  },
};

/**
 * The active user, asked once per execution (ports are made per call): the account cannot change
 * within one, and every ask is two service calls (Session.getActiveUser, User.getEmail) that a
 * send batch used to make five times.
 */
export function onceUser(): UserPort {
  let email: string | undefined;
  return { email: () => (email ??= gasUser.email()) };
}

/**
 * The add-on's own state of one workbook (the log's anchor, the seal key, the
 * send journal): script properties, under the workbook's file ID. Not document
 * properties: the RSVP web app of an add-on has no document, and it must seal
 * the answers it writes. Editors of the workbook can't reach either store
 * through an add-on; through a bound script they can reach both (SECURITY.md).
 * State an earlier version kept in document properties moves over on first use.
 */
export class GasProperties implements PropertiesPort {
  private store: GoogleAppsScript.Properties.Properties | null = null;
  private moved = false;
  /**
   * Every script property, read in one call (Properties.getProperties) at the first read, kept
   * while nobody else can have written: until the script lock is taken or released (GasLock calls
   * stale()). Every writer of the add-on's properties holds the lock, but for the workbook's tag
   * (the same value whoever writes it), so within a hold, or before the first one, a value read
   * at the start is the value now; this execution's own writes update it. One call instead of one
   * per key: a send batch read the anchor, the seal key, the RSVP key and the tag before the lock,
   * and the anchor and the send journal under it.
   */
  private snap: Record<string, string> | null = null;
  constructor(private readonly workbook: () => string) {}
  /** The script properties, fetched once per execution (each fetch is a service call). */
  script(): GoogleAppsScript.Properties.Properties {
    return (this.store ??= PropertiesService.getScriptProperties());
  }
  private props(): GoogleAppsScript.Properties.Properties {
    return this.script();
  }
  private key(k: string): string {
    return `${k}@${this.workbook()}`;
  }
  /** A script property by its full key (not under this workbook's file ID), from the snapshot. */
  peek(fullKey: string): string | null {
    this.snap ??= { ...this.props().getProperties() };
    return this.snap[fullKey] ?? null;
  }
  /** Another execution may have written since the snapshot (the lock was taken or released): read again. */
  stale(): void {
    this.snap = null;
  }
  get(key: string): string | null {
    const v = this.peek(this.key(key));
    // The move takes every summit.* key in one setProperties: an anchor here means it is done (or was never needed).
    if (key === ANCHOR_KEY && v !== null) this.moved = true;
    if (v !== null || this.moved) return v;
    this.moved = true;
    if (!this.moveFromDocument()) return null;
    this.stale();
    return this.peek(this.key(key));
  }
  set(key: string, value: string): void {
    this.setRaw(this.key(key), value);
  }
  /** Writes a script property by its full key (and into the snapshot). */
  setRaw(fullKey: string, value: string): void {
    this.props().setProperty(fullKey, value);
    if (this.snap) this.snap[fullKey] = value;
  }
  setAll(values: Readonly<Record<string, string>>): void {
    const full = Object.fromEntries(Object.entries(values).map(([k, v]) => [this.key(k), v]));
    this.props().setProperties(full);
    if (this.snap) Object.assign(this.snap, full);
  }
  delete(key: string): void {
    this.props().deleteProperty(this.key(key));
    if (this.snap) delete this.snap[this.key(key)];
  }
  /** Moves summit.* keys an earlier version kept in document properties (null in a web app); true when any moved. */
  private moveFromDocument(): boolean {
    const doc = PropertiesService.getDocumentProperties();
    if (!doc) return false;
    const old = Object.entries(doc.getProperties()).filter(([k]) => k.startsWith('summit.'));
    if (old.length === 0) return false;
    this.props().setProperties(Object.fromEntries(old.map(([k, v]) => [this.key(k), v])));
    for (const [k] of old) doc.deleteProperty(k);
    return true;
  }
}

export const gasRandom: RandomPort = { uuid: () => Utilities.getUuid() };

/** Script cache: shared by every user and by the web app (rate limits of RSVP answers and of logged refusals). */
export const gasCache: CachePort = {
  get: (k) => CacheService.getScriptCache().get(k),
  put: (k, v, seconds) => CacheService.getScriptCache().put(k, v, seconds),
};

export const gasMailer: MailerPort = {
  remainingDailyQuota: () => MailApp.getRemainingDailyQuota(),
  send(m: MailMessage): void {
    const options: GoogleAppsScript.Mail.MailAdvancedParameters = {
      to: m.to,
      subject: m.subject,
      body: m.textBody,
      htmlBody: m.htmlBody,
    };
    if (m.name) options.name = m.name;
    if (m.replyTo) options.replyTo = m.replyTo;
    if (m.attachments?.length) {
      // newBlob(string) encodes UTF-8; say so in the type, or clients guess Latin-1 for "Överståthållarämbetet".
      options.attachments = m.attachments.map((a) => Utilities.newBlob(a.content, /^text\/[^;]*$/.test(a.mimeType) ? `${a.mimeType}; charset=utf-8` : a.mimeType, a.fileName));
    }
    MailApp.sendEmail(options);
  },
};

/** The edited rectangle of an onEdit event; value/oldValue only where Sheets gives them (single cells). */
export interface SheetEdit {
  readonly row: number;
  readonly column: number;
  readonly numRows: number;
  readonly numColumns: number;
  readonly oldValue?: string;
  readonly value?: string;
}

export function editOf(e: GoogleAppsScript.Events.SheetsOnEdit): SheetEdit {
  const r = e.range;
  return {
    row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns(),
    ...(e.oldValue !== undefined ? { oldValue: String(e.oldValue) } : {}),
    ...(e.value !== undefined ? { value: String(e.value) } : {}),
  };
}

/**
 * Ports for a simple onEdit trigger: Session can't tell who edited there, the
 * event can (e.user, within the domain), so the role checks see the editor.
 */
/** The ports of one execution on Apps Script, with the adapters' own extras (the file's ID, the raw script properties). */
export type GasPorts = Ports & { workbook: GasWorkbook; properties: GasProperties };

export function editorPorts(e: GoogleAppsScript.Events.SheetsOnEdit): GasPorts {
  const editor = (e.user ? e.user.getEmail() : '').trim().toLowerCase();
  return { ...gasPorts(), user: { email: () => editor } };
}

/** Ports for the active document, or (`spreadsheetId`, the RSVP web app) for the workbook a link named. */
export function gasPorts(spreadsheetId?: string): GasPorts {
  const workbook = new GasWorkbook(spreadsheetId);
  const properties = new GasProperties(() => workbook.spreadsheetId());
  return {
    workbook,
    lock: new GasLock(workbook, properties),
    clock: gasClock,
    user: onceUser(),
    properties,
    mailer: gasMailer,
    random: gasRandom,
    cache: gasCache,
  };
}
