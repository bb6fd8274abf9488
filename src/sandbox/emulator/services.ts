/**
 * Non-spreadsheet services, as wide as the add-on uses them (src/gas): Ui (add-on menu, sidebar,
 * alert), HtmlService, Properties (document and script), the script cache, Lock (document and
 * script), Session, Utilities (getUuid, newBlob) and ScriptApp.getService(). A method the add-on
 * never calls is absent, and a script calling it fails as it would on a missing function
 * ("TypeError: … is not a function"); a service it never uses is not a global at all.
 */
import * as crypto from 'node:crypto';
import { ExecContext, GasObject, MenuItem, MenuRecord } from './exec';

export class GasUser extends GasObject {
  readonly _cls = 'User';
  readonly _service = 'Session';
  constructor(
    ctx: ExecContext,
    readonly _email: string,
  ) {
    super(ctx);
  }
  getEmail(): string {
    return this._email;
  }
}

// ---------------- Ui ----------------

const BUTTON_SET = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };

export class Ui extends GasObject {
  readonly _cls = 'Ui';
  readonly _service = 'SpreadsheetApp';
  readonly ButtonSet = BUTTON_SET;
  createAddonMenu(): Menu {
    return new Menu(this._ctx, this._ctx.emu.addonName);
  }
  showSidebar(userInterface: HtmlOutput): void {
    this._ctx.requireAuth('Ui.showSidebar', ['FULL'], 'https://www.googleapis.com/auth/script.container.ui');
    this._ctx.ui.sidebar = { title: userInterface._title, html: userInterface._content, width: 300 };
  }
  /**
   * A dialog beside the sheet that leaves the editor usable ("showModelessDialog(userInterface, title)",
   * developers.google.com/apps-script/reference/base/ui#showModelessDialog(Object,String)); its size is
   * the HtmlOutput's setWidth/setHeight. One at a time, like the sidebar.
   */
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this._ctx.requireAuth('Ui.showModelessDialog', ['FULL'], 'https://www.googleapis.com/auth/script.container.ui');
    this._ctx.ui.dialog = { title: String(title), html: userInterface._content, width: userInterface._width, height: userInterface._height };
  }
  /** alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons); answered with the set's first button. */
  alert(a: string, b?: string, c?: string): string {
    let title = '';
    let prompt = String(a);
    let buttons = 'OK';
    if (c !== undefined) {
      title = String(a);
      prompt = String(b);
      buttons = String(c);
    } else if (b !== undefined) {
      if (b in BUTTON_SET) buttons = b;
      else {
        title = String(a);
        prompt = String(b);
      }
    }
    const response = buttons.startsWith('YES') ? 'YES' : 'OK';
    this._ctx.ui.alerts.push({ title, prompt, buttons, response });
    return response;
  }
}

export class Menu extends GasObject {
  readonly _cls = 'Menu';
  readonly _service = 'SpreadsheetApp';
  readonly _items: MenuItem[] = [];
  constructor(
    ctx: ExecContext,
    readonly _title: string,
  ) {
    super(ctx);
  }
  addItem(caption: string, functionName: string): Menu {
    this._items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): Menu {
    this._items.push({ separator: true });
    return this;
  }
  _record(): MenuRecord {
    return { title: this._title, items: this._items.map((i) => ({ ...i })) };
  }
  addToUi(): void {
    const menus = this._ctx.ui.menus;
    const i = menus.findIndex((m) => m.title === this._title);
    if (i >= 0) menus.splice(i, 1);
    menus.push(this._record());
  }
}

// ---------------- HtmlService ----------------

export class HtmlServiceImpl extends GasObject {
  readonly _cls = 'HtmlService';
  readonly _service = 'HtmlService';
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };
  createHtmlOutput(html?: string): HtmlOutput {
    return new HtmlOutput(this._ctx, html === undefined ? '' : String(html));
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    const n = String(filename);
    const files = this._ctx.emu.htmlFiles();
    const hit = files[n] ?? files[`${n}.html`] ?? files[n.replace(/\.html$/, '')];
    if (hit === undefined) throw new Error(`No HTML file named ${n} was found.`);
    return new HtmlTemplate(this._ctx, hit);
  }
}

/** What the page gets: content, title, X-Frame-Options mode and meta tags (the sandbox and tests read them). */
export class HtmlOutput extends GasObject {
  readonly _cls = 'HtmlOutput';
  readonly _service = 'HtmlService';
  _title = '';
  _xframe = 'DEFAULT';
  /** A dialog's size in pixels (Google's defaults when unset are not documented; these are the sandbox's). */
  _width = 600;
  _height = 400;
  readonly _meta: { name: string; content: string }[] = [];
  constructor(
    ctx: ExecContext,
    readonly _content: string,
  ) {
    super(ctx);
  }
  getContent(): string {
    return this._content;
  }
  setTitle(title: string): HtmlOutput {
    this._title = String(title);
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setWidth(width: number): HtmlOutput {
    this._width = Math.max(1, Math.round(Number(width)));
    return this;
  }
  setHeight(height: number): HtmlOutput {
    this._height = Math.max(1, Math.round(Number(height)));
    return this;
  }
  setXFrameOptionsMode(mode: string): HtmlOutput {
    this._xframe = String(mode);
    return this;
  }
  addMetaTag(name: string, content: string): HtmlOutput {
    this._meta.push({ name: String(name), content: String(content) });
    return this;
  }
  getMetaTags(): { name: string; content: string }[] {
    return this._meta.map((m) => ({ ...m }));
  }
}

export function escapeHtml(v: unknown): string {
  const s = v === null || v === undefined ? '' : String(v);
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** Compiles a template to the body of `function (__p, __esc, __raw, output)`. */
export function compileTemplate(src: string): string {
  let body = 'with (__p) {\n';
  const re = /<\?(!=|=)?([\s\S]*?)\?>/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(src))) {
    if (m.index > last) body += `output._push(${JSON.stringify(src.slice(last, m.index))});\n`;
    const code = m[2];
    if (m[1] === '=') body += `output._push(__esc(${code}));\n`;
    else if (m[1] === '!=') body += `output._push(__raw(${code}));\n`;
    else body += `${code}\n`;
    last = re.lastIndex;
  }
  if (last < src.length) body += `output._push(${JSON.stringify(src.slice(last))});\n`;
  return `${body}}`;
}

export class HtmlTemplate extends GasObject {
  readonly _cls = 'HtmlTemplate';
  readonly _service = 'HtmlService';
  readonly _props: Record<string, unknown> = {};
  constructor(
    ctx: ExecContext,
    readonly _src: string,
  ) {
    super(ctx);
  }
  evaluate(): HtmlOutput {
    const run = this._ctx.templateRunner;
    if (!run) throw new Error('Template evaluation is not available in this context.');
    return new HtmlOutput(this._ctx, run(compileTemplate(this._src), this._props));
  }
}

// ---------------- PropertiesService ----------------

const PROP_VALUE_MAX = 9 * 1024;
const PROP_STORE_MAX = 500 * 1024;

export class PropertiesServiceImpl extends GasObject {
  readonly _cls = 'PropertiesService';
  readonly _service = 'PropertiesService';
  /** null outside a document: AuthMode NONE, or a web app without a container. */
  getDocumentProperties(): Properties | null {
    if (this._ctx.authMode === 'NONE' || !this._ctx.hasContainer) return null;
    return new Properties(this._ctx, () => this._ctx.emu.state.documentProperties);
  }
  getScriptProperties(): Properties {
    return new Properties(this._ctx, () => this._ctx.emu.state.scriptProperties);
  }
}

function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

export class Properties extends GasObject {
  readonly _cls = 'Properties';
  readonly _service = 'PropertiesService';
  constructor(
    ctx: ExecContext,
    readonly _store: () => Record<string, string>,
  ) {
    super(ctx);
  }
  _check(next: Record<string, string>): void {
    for (const v of Object.values(next)) if (byteLen(v) > PROP_VALUE_MAX) throw new Error('Argument too large: value');
    let total = 0;
    for (const [k, v] of Object.entries(next)) total += byteLen(k) + byteLen(v);
    if (total > PROP_STORE_MAX) throw new Error('You have exceeded the property storage quota. Please remove some properties and try again.');
  }
  _replace(next: Record<string, string>): void {
    this._check(next);
    const st = this._store();
    for (const k of Object.keys(st)) delete st[k];
    Object.assign(st, next);
  }
  getProperty(key: string): string | null {
    const v = this._store()[String(key)];
    return v === undefined ? null : v;
  }
  setProperty(key: string, value: unknown): Properties {
    if (key === null || key === undefined || String(key) === '') throw new Error('Invalid argument: key');
    this._replace({ ...this._store(), [String(key)]: String(value) });
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers?: boolean): Properties {
    const next: Record<string, string> = deleteAllOthers ? {} : { ...this._store() };
    for (const [k, v] of Object.entries(properties)) next[k] = String(v);
    this._replace(next);
    return this;
  }
  getProperties(): Record<string, string> {
    return { ...this._store() };
  }
  deleteProperty(key: string): Properties {
    delete this._store()[String(key)];
    return this;
  }
}

// ---------------- CacheService ----------------

/** The script cache's key in StoreState.cache (stores written before may hold other scopes: never read). */
const SCRIPT_CACHE = 'script';

export class CacheServiceImpl extends GasObject {
  readonly _cls = 'CacheService';
  readonly _service = 'CacheService';
  getScriptCache(): Cache {
    return new Cache(this._ctx);
  }
}

export class Cache extends GasObject {
  readonly _cls = 'Cache';
  readonly _service = 'CacheService';
  _map(): Record<string, { v: string; exp: number }> {
    return (this._ctx.emu.state.cache[SCRIPT_CACHE] ??= {});
  }
  get(key: string): string | null {
    const e = this._map()[String(key)];
    if (!e) return null;
    if (e.exp <= this._ctx.emu.now().getTime()) {
      delete this._map()[String(key)];
      return null;
    }
    return e.v;
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    const k = String(key);
    const v = String(value);
    if (byteLen(k) > 250) throw new Error('Argument too large: key');
    if (byteLen(v) > 100 * 1024) throw new Error('Argument too large: value');
    const secs = Math.min(expirationInSeconds ?? 600, 21600);
    if (secs < 1) throw new Error('Invalid argument: expirationInSeconds');
    this._map()[k] = { v, exp: this._ctx.emu.now().getTime() + secs * 1000 };
  }
}

// ---------------- LockService ----------------

/** Lock holders, shared by every execution of one emulator. */
export class LockManager {
  private readonly holders = new Map<string, string>();
  private readonly listeners = new Set<(key: string) => void>();
  isFreeFor(key: string, owner: string): boolean {
    const h = this.holders.get(key);
    return h === undefined || h === owner;
  }
  acquire(key: string, owner: string): boolean {
    if (!this.isFreeFor(key, owner)) return false;
    this.holders.set(key, owner);
    return true;
  }
  release(key: string, owner: string): void {
    if (this.holders.get(key) === owner) {
      this.holders.delete(key);
      for (const l of this.listeners) l(key);
    }
  }
  releaseAll(owner: string): void {
    for (const [k, o] of [...this.holders]) if (o === owner) this.release(k, owner);
  }
  onRelease(l: (key: string) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}

export class LockServiceImpl extends GasObject {
  readonly _cls = 'LockService';
  readonly _service = 'LockService';
  /** null outside a document, and in every web app execution, bound or not (apps-script-platform.md "Execution contexts"). */
  getDocumentLock(): Lock | null {
    if (this._ctx.authMode === 'NONE' || this._ctx.webApp) return null;
    return new Lock(this._ctx, `document:${this._ctx.emu.state.spreadsheet.id}`);
  }
  getScriptLock(): Lock {
    return new Lock(this._ctx, 'script');
  }
}

export class Lock extends GasObject {
  readonly _cls = 'Lock';
  readonly _service = 'LockService';
  constructor(
    ctx: ExecContext,
    readonly _key: string,
  ) {
    super(ctx);
  }
  /**
   * In a single-threaded execution nobody can release a lock held by
   * another execution while we wait, so a busy lock means the full timeout
   * elapses in emulated time (it counts toward the execution's time limit).
   * Under runConcurrently the harness does the waiting (concurrent.ts).
   */
  tryLock(timeoutInMillis: number): boolean {
    const locks = this._ctx.emu.locks;
    if (locks.acquire(this._key, this._ctx.id)) return true;
    if (!this._ctx.realLockWaits) this._ctx.spend(timeoutInMillis);
    return false;
  }
  releaseLock(): void {
    this._ctx.emu.locks.release(this._key, this._ctx.id);
  }
}

// ---------------- Session ----------------

export class SessionImpl extends GasObject {
  readonly _cls = 'Session';
  readonly _service = 'Session';
  getActiveUser(): GasUser {
    return new GasUser(this._ctx, this._ctx.activeUserEmail);
  }
  getEffectiveUser(): GasUser {
    return new GasUser(this._ctx, this._ctx.authMode === 'FULL' ? this._ctx.effectiveUser : '');
  }
  getActiveUserLocale(): string {
    return this._ctx.locale;
  }
  getScriptTimeZone(): string {
    return this._ctx.emu.timeZone;
  }
}

// ---------------- Utilities ----------------

/** A mail attachment (Utilities.newBlob → MailApp.sendEmail's `attachments`); MailApp reads its fields. */
export class Blob extends GasObject {
  readonly _cls = 'Blob';
  readonly _service = 'Utilities';
  constructor(
    ctx: ExecContext,
    readonly _data: Buffer,
    readonly _type: string | null,
    readonly _name: string | null,
  ) {
    super(ctx);
  }
}

export class UtilitiesImpl extends GasObject {
  readonly _cls = 'Utilities';
  readonly _service = 'Utilities';
  getUuid(): string {
    return crypto.randomUUID();
  }
  /** newBlob(data, contentType, name): a string as its UTF-8 bytes, or a byte array (Java's signed bytes). */
  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    const bytes = Array.isArray(data) ? Buffer.from(data.map((b) => Number(b) & 255)) : Buffer.from(String(data), 'utf8');
    return new Blob(this._ctx, bytes, contentType ?? null, name ?? null);
  }
}

// ---------------- ScriptApp ----------------

export class ScriptAppImpl extends GasObject {
  readonly _cls = 'ScriptApp';
  readonly _service = 'ScriptApp';
  getService(): WebAppService {
    return new WebAppService(this._ctx);
  }
}

/**
 * ScriptApp.getService() (…/reference/script/service; apps-script-platform.md "Execution
 * contexts"): the URL follows EmulatorOptions.webAppDeployment — `serviceUrl` for a deployment,
 * the same base ending in /dev for the developer's test deployment, null before any deployment.
 */
export class WebAppService extends GasObject {
  readonly _cls = 'Service';
  readonly _service = 'ScriptApp';
  getUrl(): string | null {
    const { serviceUrl, webAppDeployment } = this._ctx.emu;
    if (webAppDeployment === 'none') return null;
    if (webAppDeployment === 'dev') return `${serviceUrl.replace(/\/(exec)?$/, '')}/dev`;
    return serviceUrl;
  }
}
