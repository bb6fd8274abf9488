/** Non-spreadsheet services: Ui, HtmlService, Properties, Cache, Lock, Session, Utilities, ScriptApp, ContentService, Logger. */
import * as crypto from 'node:crypto';
import { format } from 'node:util';
import { ExecContext, GasObject, MenuItem, MenuRecord } from './exec';
import { javaFormatDate, isDate } from './values';
import type { TriggerState } from './store';
import type { Spreadsheet } from './spreadsheet';

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

const BUTTON = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' };
const BUTTON_SET = { OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' };

export class Ui extends GasObject {
  readonly _cls = 'Ui';
  readonly _service = 'SpreadsheetApp';
  readonly Button = BUTTON;
  readonly ButtonSet = BUTTON_SET;
  createMenu(caption: string): Menu {
    return new Menu(this._ctx, String(caption), false);
  }
  createAddonMenu(): Menu {
    return new Menu(this._ctx, this._ctx.emu.addonName, true);
  }
  showSidebar(userInterface: HtmlOutput): void {
    this._ctx.requireAuth('Ui.showSidebar', ['FULL'], 'https://www.googleapis.com/auth/script.container.ui');
    this._ctx.ui.sidebar = { title: userInterface._title, html: userInterface.getContent(), width: 300 };
  }
  _dialog(out: HtmlOutput, title: string, modal: boolean): void {
    this._ctx.requireAuth(modal ? 'Ui.showModalDialog' : 'Ui.showModelessDialog', ['FULL'], 'https://www.googleapis.com/auth/script.container.ui');
    this._ctx.ui.dialogs.push({ title: String(title), html: out.getContent(), width: out._width, height: out._height, modal });
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this._dialog(userInterface, title, true);
  }
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this._dialog(userInterface, title, false);
  }
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
    const def = buttons.startsWith('YES') ? 'YES' : 'OK';
    const response = this._ctx.nextAlert(def);
    this._ctx.ui.alerts.push({ title, prompt, buttons, response });
    return response;
  }
  prompt(a: string, b?: string, c?: string): PromptResponse {
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
    const r = this._ctx.nextPrompt();
    this._ctx.ui.prompts.push({ title, prompt, buttons, response: r.button, text: r.text });
    return new PromptResponse(this._ctx, r.button, r.text);
  }
}

export class PromptResponse extends GasObject {
  readonly _cls = 'PromptResponse';
  readonly _service = 'SpreadsheetApp';
  constructor(
    ctx: ExecContext,
    readonly _button: string,
    readonly _text: string,
  ) {
    super(ctx);
  }
  getSelectedButton(): string {
    return this._button;
  }
  getResponseText(): string {
    return this._text;
  }
}

export class Menu extends GasObject {
  readonly _cls = 'Menu';
  readonly _service = 'SpreadsheetApp';
  readonly _items: MenuItem[] = [];
  constructor(
    ctx: ExecContext,
    readonly _title: string,
    readonly _addon: boolean,
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
  addSubMenu(menu: Menu): Menu {
    this._items.push({ subMenu: menu._record() });
    return this;
  }
  _record(): MenuRecord {
    return { title: this._title, addon: this._addon, items: this._items.map((i) => ({ ...i })) };
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
  readonly SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' };
  readonly XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' };
  _file(name: string): string {
    const n = String(name);
    const files = this._ctx.emu.htmlFiles();
    const hit = files[n] ?? files[`${n}.html`] ?? files[n.replace(/\.html$/, '')];
    if (hit === undefined) throw new Error(`No HTML file named ${n} was found.`);
    return hit;
  }
  createHtmlOutput(html?: string): HtmlOutput {
    return new HtmlOutput(this._ctx, html === undefined ? '' : String(html));
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return new HtmlOutput(this._ctx, this._file(filename));
  }
  createTemplate(html: string): HtmlTemplate {
    return new HtmlTemplate(this._ctx, String(html));
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    return new HtmlTemplate(this._ctx, this._file(filename));
  }
}

export class HtmlOutput extends GasObject {
  readonly _cls = 'HtmlOutput';
  readonly _service = 'HtmlService';
  _title = '';
  _width = 600;
  _height = 400;
  _sandbox = 'IFRAME';
  _xframe = 'DEFAULT';
  readonly _meta: { name: string; content: string }[] = [];
  constructor(
    ctx: ExecContext,
    public _content: string,
  ) {
    super(ctx);
  }
  getContent(): string {
    return this._content;
  }
  setContent(content: string): HtmlOutput {
    this._content = String(content);
    return this;
  }
  append(addedContent: string): HtmlOutput {
    this._content += String(addedContent);
    return this;
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    this._content += escapeHtml(addedContent);
    return this;
  }
  clear(): HtmlOutput {
    this._content = '';
    return this;
  }
  setTitle(title: string): HtmlOutput {
    this._title = String(title);
    return this;
  }
  getTitle(): string {
    return this._title;
  }
  setWidth(width: number): HtmlOutput {
    this._width = Number(width);
    return this;
  }
  getWidth(): number {
    return this._width;
  }
  setHeight(height: number): HtmlOutput {
    this._height = Number(height);
    return this;
  }
  getHeight(): number {
    return this._height;
  }
  setSandboxMode(mode: string): HtmlOutput {
    this._sandbox = String(mode);
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
  setFaviconUrl(_iconUrl: string): HtmlOutput {
    return this;
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
  getRawContent(): string {
    return this._src;
  }
  getCode(): string {
    return compileTemplate(this._src);
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
  getUserProperties(): Properties {
    const st = this._ctx.emu.state.userProperties;
    const u = this._ctx.user;
    return new Properties(this._ctx, () => (st[u] ??= {}));
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
  getKeys(): string[] {
    return Object.keys(this._store());
  }
  deleteProperty(key: string): Properties {
    delete this._store()[String(key)];
    return this;
  }
  deleteAllProperties(): Properties {
    this._replace({});
    return this;
  }
}

// ---------------- CacheService ----------------

export class CacheServiceImpl extends GasObject {
  readonly _cls = 'CacheService';
  readonly _service = 'CacheService';
  getScriptCache(): Cache {
    return new Cache(this._ctx, 'script');
  }
  /** null without a containing document, like the document properties. */
  getDocumentCache(): Cache | null {
    if (this._ctx.authMode === 'NONE' || !this._ctx.hasContainer) return null;
    return new Cache(this._ctx, 'document');
  }
  getUserCache(): Cache {
    return new Cache(this._ctx, `user:${this._ctx.user}`);
  }
}

export class Cache extends GasObject {
  readonly _cls = 'Cache';
  readonly _service = 'CacheService';
  constructor(
    ctx: ExecContext,
    readonly _scope: string,
  ) {
    super(ctx);
  }
  _map(): Record<string, { v: string; exp: number }> {
    return (this._ctx.emu.state.cache[this._scope] ??= {});
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
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.get(k);
      if (v !== null) out[k] = v;
    }
    return out;
  }
  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.put(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    delete this._map()[String(key)];
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.remove(k);
  }
}

// ---------------- LockService ----------------

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

/** Lock holders, shared by every execution of one emulator. */
export class LockManager {
  private readonly holders = new Map<string, string>();
  private readonly listeners = new Set<(key: string) => void>();
  holder(key: string): string | undefined {
    return this.holders.get(key);
  }
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
  getUserLock(): Lock {
    return new Lock(this._ctx, `user:${this._ctx.user}`);
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
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }
  releaseLock(): void {
    this._ctx.emu.locks.release(this._key, this._ctx.id);
  }
  hasLock(): boolean {
    return this._ctx.emu.locks.holder(this._key) === this._ctx.id;
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
  getTemporaryActiveUserKey(): string {
    return crypto.createHash('sha256').update(`${this._ctx.emu.scriptId}:${this._ctx.user}`).digest('base64url').slice(0, 43);
  }
}

// ---------------- Utilities ----------------

export type Bytes = number[];
export function toSigned(buf: Uint8Array): Bytes {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}
export function toBuffer(data: unknown, charset?: string): Buffer {
  if (Array.isArray(data)) return Buffer.from(data.map((b) => Number(b) & 255));
  if (data instanceof Uint8Array) return Buffer.from(data);
  return Buffer.from(String(data), charset === 'US_ASCII' ? 'latin1' : 'utf8');
}

const DIGESTS: Record<string, string> = { MD2: 'md2', MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' };

export class Blob extends GasObject {
  readonly _cls = 'Blob';
  readonly _service = 'Utilities';
  constructor(
    ctx: ExecContext,
    public _data: Buffer,
    public _type: string | null,
    public _name: string | null,
  ) {
    super(ctx);
  }
  getBytes(): Bytes {
    return toSigned(this._data);
  }
  setBytes(data: Bytes): Blob {
    this._data = toBuffer(data);
    return this;
  }
  getDataAsString(charset?: string): string {
    return this._data.toString(charset === 'US_ASCII' ? 'latin1' : 'utf8');
  }
  setDataFromString(string: string, charset?: string): Blob {
    this._data = toBuffer(String(string), charset);
    return this;
  }
  getName(): string | null {
    return this._name;
  }
  setName(name: string): Blob {
    this._name = String(name);
    return this;
  }
  getContentType(): string | null {
    return this._type;
  }
  setContentType(contentType: string): Blob {
    this._type = String(contentType);
    return this;
  }
  copyBlob(): Blob {
    return new Blob(this._ctx, Buffer.from(this._data), this._type, this._name);
  }
  isGoogleType(): boolean {
    return false;
  }
}

function decodeB64(s: string, webSafe: boolean): Buffer {
  const t = String(s).replace(/\s+/g, '');
  const ok = webSafe ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!ok.test(t)) throw new Error('Could not decode string.');
  return Buffer.from(t, webSafe ? 'base64url' : 'base64');
}

export class UtilitiesImpl extends GasObject {
  readonly _cls = 'Utilities';
  readonly _service = 'Utilities';
  readonly DigestAlgorithm = { MD2: 'MD2', MD5: 'MD5', SHA_1: 'SHA_1', SHA_256: 'SHA_256', SHA_384: 'SHA_384', SHA_512: 'SHA_512' };
  readonly Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' };
  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date) || Number.isNaN(date.getTime())) throw new Error('Invalid argument: date');
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: String(timeZone) });
    } catch {
      throw new Error(`Invalid argument: timeZone`);
    }
    return javaFormatDate(date, String(timeZone), String(format));
  }
  getUuid(): string {
    return crypto.randomUUID();
  }
  computeHmacSha256Signature(value: string | Bytes, key: string | Bytes, charset?: string): Bytes {
    return toSigned(crypto.createHmac('sha256', toBuffer(key, charset)).update(toBuffer(value, charset)).digest());
  }
  computeDigest(algorithm: string, value: string | Bytes, charset?: string): Bytes {
    const alg = DIGESTS[String(algorithm)];
    if (!alg) throw new Error('Invalid argument: algorithm');
    return toSigned(crypto.createHash(alg).update(toBuffer(value, charset)).digest());
  }
  base64Encode(data: string | Bytes, charset?: string): string {
    return toBuffer(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: string | Bytes, charset?: string): string {
    return toBuffer(data, charset).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): Bytes {
    return toSigned(decodeB64(encoded, false));
  }
  base64DecodeWebSafe(encoded: string): Bytes {
    return toSigned(decodeB64(encoded, true));
  }
  newBlob(data: string | Bytes, contentType?: string, name?: string): Blob {
    return new Blob(this._ctx, toBuffer(data), contentType ?? null, name ?? null);
  }
  /** Emulated time passes (it counts toward the execution's time limit). */
  sleep(milliseconds: number): void {
    this._ctx.spend(milliseconds);
  }
}

// ---------------- ScriptApp ----------------

const SCRIPTAPP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';

export class ScriptAppImpl extends GasObject {
  readonly _cls = 'ScriptApp';
  readonly _service = 'ScriptApp';
  readonly AuthMode = { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' };
  readonly EventType = { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE' };
  readonly TriggerSource = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' };
  getService(): WebAppService {
    return new WebAppService(this._ctx);
  }
  getScriptId(): string {
    return this._ctx.emu.scriptId;
  }
  newTrigger(functionName: string): TriggerBuilder {
    return new TriggerBuilder(this._ctx, String(functionName));
  }
  getProjectTriggers(): Trigger[] {
    this._ctx.requireAuth('ScriptApp.getProjectTriggers', ['FULL'], SCRIPTAPP_SCOPE);
    return this._ctx.emu.state.triggers.filter((t) => t.owner === this._ctx.user).map((t) => new Trigger(this._ctx, t));
  }
  getUserTriggers(spreadsheet: Spreadsheet): Trigger[] {
    this._ctx.requireAuth('ScriptApp.getUserTriggers', ['FULL'], SCRIPTAPP_SCOPE);
    const id = spreadsheet.getId();
    return this._ctx.emu.state.triggers.filter((t) => t.owner === this._ctx.user && t.sourceId === id).map((t) => new Trigger(this._ctx, t));
  }
  deleteTrigger(trigger: Trigger): void {
    this._ctx.requireAuth('ScriptApp.deleteTrigger', ['FULL'], SCRIPTAPP_SCOPE);
    const st = this._ctx.emu.state;
    st.triggers = st.triggers.filter((t) => t.uid !== trigger._t.uid);
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
  /** "true if the script is published as a web app; false if not". */
  isEnabled(): boolean {
    return this._ctx.emu.webAppDeployment !== 'none';
  }
}

export class Trigger extends GasObject {
  readonly _cls = 'Trigger';
  readonly _service = 'ScriptApp';
  constructor(
    ctx: ExecContext,
    readonly _t: TriggerState,
  ) {
    super(ctx);
  }
  getUniqueId(): string {
    return this._t.uid;
  }
  getHandlerFunction(): string {
    return this._t.handler;
  }
  getEventType(): string {
    return this._t.eventType;
  }
  getTriggerSource(): string {
    return this._t.source;
  }
  getTriggerSourceId(): string | null {
    return this._t.sourceId;
  }
}

export class TriggerBuilder extends GasObject {
  readonly _cls = 'TriggerBuilder';
  readonly _service = 'ScriptApp';
  constructor(
    ctx: ExecContext,
    readonly _handler: string,
  ) {
    super(ctx);
  }
  forSpreadsheet(sheet: Spreadsheet | string): SpreadsheetTriggerBuilder {
    const id = typeof sheet === 'string' ? sheet : sheet.getId();
    return new SpreadsheetTriggerBuilder(this._ctx, this._handler, id);
  }
  timeBased(): ClockTriggerBuilder {
    return new ClockTriggerBuilder(this._ctx, this._handler);
  }
}

function createTrigger(ctx: ExecContext, t: Omit<TriggerState, 'uid' | 'owner'>): Trigger {
  ctx.requireAuth('TriggerBuilder.create', ['FULL'], SCRIPTAPP_SCOPE);
  const st: TriggerState = { ...t, uid: String(Math.floor(Math.random() * 1e15)), owner: ctx.user };
  ctx.emu.state.triggers.push(st);
  return new Trigger(ctx, st);
}

export class SpreadsheetTriggerBuilder extends GasObject {
  readonly _cls = 'SpreadsheetTriggerBuilder';
  readonly _service = 'ScriptApp';
  private type: TriggerState['eventType'] | null = null;
  constructor(
    ctx: ExecContext,
    readonly _handler: string,
    readonly _sourceId: string,
  ) {
    super(ctx);
  }
  onEdit(): SpreadsheetTriggerBuilder {
    this.type = 'ON_EDIT';
    return this;
  }
  onOpen(): SpreadsheetTriggerBuilder {
    this.type = 'ON_OPEN';
    return this;
  }
  onChange(): SpreadsheetTriggerBuilder {
    this.type = 'ON_CHANGE';
    return this;
  }
  onFormSubmit(): SpreadsheetTriggerBuilder {
    this.type = 'ON_FORM_SUBMIT';
    return this;
  }
  create(): Trigger {
    if (!this.type) throw new Error('Missing event type for trigger.');
    return createTrigger(this._ctx, { handler: this._handler, eventType: this.type, source: 'SPREADSHEETS', sourceId: this._sourceId });
  }
}

export class ClockTriggerBuilder extends GasObject {
  readonly _cls = 'ClockTriggerBuilder';
  readonly _service = 'ScriptApp';
  private hours?: number;
  private minutes?: number;
  constructor(
    ctx: ExecContext,
    readonly _handler: string,
  ) {
    super(ctx);
  }
  everyHours(n: number): ClockTriggerBuilder {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw new Error('The value you passed to everyHours must be 1, 2, 4, 6, 8 or 12.');
    this.hours = n;
    return this;
  }
  everyMinutes(n: number): ClockTriggerBuilder {
    if (![1, 5, 10, 15, 30].includes(n)) throw new Error('The value you passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    this.minutes = n;
    return this;
  }
  create(): Trigger {
    if (this.hours === undefined && this.minutes === undefined) throw new Error('Missing time interval for trigger.');
    const t: Omit<TriggerState, 'uid' | 'owner'> = { handler: this._handler, eventType: 'CLOCK', source: 'CLOCK', sourceId: null };
    if (this.hours !== undefined) t.everyHours = this.hours;
    if (this.minutes !== undefined) t.everyMinutes = this.minutes;
    return createTrigger(this._ctx, t);
  }
}

// ---------------- ContentService ----------------

const MIME = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'application/xml',
};

export class ContentServiceImpl extends GasObject {
  readonly _cls = 'ContentService';
  readonly _service = 'ContentService';
  readonly MimeType = Object.fromEntries(Object.keys(MIME).map((k) => [k, k])) as Record<keyof typeof MIME, string>;
  createTextOutput(content?: string): TextOutput {
    return new TextOutput(this._ctx, content === undefined ? '' : String(content));
  }
}

export class TextOutput extends GasObject {
  readonly _cls = 'TextOutput';
  readonly _service = 'ContentService';
  _mime = 'TEXT';
  _file: string | null = null;
  constructor(
    ctx: ExecContext,
    public _content: string,
  ) {
    super(ctx);
  }
  getContent(): string {
    return this._content;
  }
  setContent(content: string): TextOutput {
    this._content = String(content);
    return this;
  }
  append(addedContent: string): TextOutput {
    this._content += String(addedContent);
    return this;
  }
  clear(): TextOutput {
    this._content = '';
    return this;
  }
  setMimeType(mimeType: string): TextOutput {
    if (!(String(mimeType) in MIME)) throw new Error('Invalid argument: mimeType');
    this._mime = String(mimeType);
    return this;
  }
  getMimeType(): string {
    return this._mime;
  }
  /** The HTTP Content-Type the web app would answer with (emulator helper). */
  _contentType(): string {
    return MIME[this._mime as keyof typeof MIME];
  }
  downloadAsFile(filename: string): TextOutput {
    this._file = String(filename);
    return this;
  }
  getFileName(): string | null {
    return this._file;
  }
}

// ---------------- Logger ----------------

export class LoggerImpl extends GasObject {
  readonly _cls = 'Logger';
  readonly _service = 'Logger';
  log(data: unknown, ...values: unknown[]): LoggerImpl {
    let line: string;
    if (typeof data === 'string' && values.length) {
      let i = 0;
      line = data.replace(/%[sdf]/g, () => (i < values.length ? String(values[i++]) : ''));
    } else line = typeof data === 'string' ? data : format('%o', data);
    this._ctx.logs.push(line);
    return this;
  }
  getLog(): string {
    return this._ctx.logs.join('\n');
  }
  clear(): void {
    this._ctx.logs.length = 0;
  }
}
