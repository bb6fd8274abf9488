/**
 * The sandbox page: a tiny Sheets around the emulator. Talks to the server's
 * JSON endpoints; relays google.script.run calls from the sidebar frame (see
 * shim.ts) to POST /api/rpc.
 */

interface MenuItem { caption?: string; functionName?: string; separator?: true }
interface MenuRecord { title: string; items: MenuItem[] }
interface Ui {
  menus?: MenuRecord[];
  sidebar?: { title: string; frameUrl: string; width: number };
  dialog?: { title: string; frameUrl: string; width: number; height: number };
  alerts?: { title: string; prompt: string; buttons: string; response: string }[];
  toasts?: { msg: string; title: string; timeoutSeconds: number }[];
}
interface RunResponse { ok: boolean; error?: { message: string; name?: string }; ui?: Ui; result?: unknown }
interface GridCell { d: string; e: string; num?: boolean; bold?: boolean }
interface StateResponse {
  name: string;
  sheets: { name: string; id: number }[];
  sheet: string;
  grid: { rows: GridCell[][]; numRows: number; numCols: number; lastRow: number; lastCol: number; frozenRows: number; truncated: boolean };
  outboxCount: number;
}
interface OutboxItem { id: string; from: string; to: string[]; subject: string; date: string }
interface VersionItem { id: string; at: string; label: string; user: string }
type EditKind = 'type' | 'paste' | 'fill' | 'clear';
type View = 'sheets' | 'outbox' | 'versions';
interface MailDetail {
  id: string; from: string; to: string[]; cc: string[]; bcc: string[]; replyTo?: string; subject: string; date: string;
  text: string; hasHtml: boolean; htmlUrl: string; emlUrl: string; attachments: { filename: string; contentType: string; size: number }[];
}

const USERS = [
  { email: 'projektledare@example.org', label: 'Projektledare (exempel)' },
  { email: 'ekonomi@example.org', label: 'Ekonomihandläggare (exempel)' },
  { email: 'styrgrupp@example.org', label: 'Styrgruppsledamot (exempel)' },
  { email: 'okand@example.org', label: 'Okänd användare (exempel)' },
];

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const e: HTMLElementTagNameMap[K] = document.createElement(tag);
  Object.assign(e, props);
  for (const k of kids) e.append(k);
  return e;
};

const store = {
  get: (k: string) => { try { return localStorage.getItem(k); } catch { return null; } },
  set: (k: string, v: string) => { try { localStorage.setItem(k, v); } catch { /* private mode */ } },
};

let user = store.get('sp.user') ?? USERS[0].email;
let locale = store.get('sp.locale') ?? 'sv_SE';
let currentSheet = store.get('sp.sheet') ?? '';
let state: StateResponse | null = null;
let focus = { r: 0, c: 0 };
let editing: { r: number; c: number; input: HTMLInputElement } | null = null;
const frames = new Map<string, HTMLIFrameElement>();

async function api<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify({ ...(body as object), user, locale }),
  });
  const data = (await res.json().catch(() => ({ ok: false, error: { message: `HTTP ${res.status}` } }))) as T & { error?: { message: string } };
  if (!res.ok && !(data as { ok?: boolean }).ok && res.status >= 500 && !data.error) throw new Error(`HTTP ${res.status}`);
  return data;
}

// ---------- messages, toasts ----------

function showMessage(text: string, kind: 'info' | 'error' = 'info') {
  const box = el('div', { className: `msg${kind === 'error' ? ' error' : ''}` });
  const close = el('button', { type: 'button', textContent: 'Stäng' });
  close.setAttribute('aria-label', 'Stäng meddelandet');
  close.addEventListener('click', () => box.remove());
  box.append(el('span', { textContent: text }), close);
  (kind === 'error' ? $('errors') : $('messages')).append(box);
}

function showToast(t: { msg: string; title: string; timeoutSeconds: number }) {
  const box = el('div', { className: 'toast' });
  if (t.title) box.append(el('strong', { textContent: t.title }));
  box.append(el('span', { textContent: t.msg }));
  $('toasts').append(box);
  const secs = t.timeoutSeconds > 0 ? Math.max(t.timeoutSeconds, 5) : 8;
  setTimeout(() => box.remove(), secs * 1000);
}

function applyUi(ui: Ui | undefined) {
  if (!ui) return;
  for (const t of ui.toasts ?? []) showToast(t);
  for (const a of ui.alerts ?? []) showMessage(`${a.title ? a.title + ': ' : ''}${a.prompt}${a.buttons && a.buttons !== 'OK' ? `\n(Sandlådan svarade automatiskt: ${a.response})` : ''}`);
  if (ui.sidebar) openSidebar(ui.sidebar);
  if (ui.dialog) openDialog(ui.dialog);
}

function reportRun(what: string, r: RunResponse) {
  applyUi(r.ui);
  if (!r.ok) showMessage(`${what}: ${r.error?.message ?? 'okänt fel'}`, 'error');
}

// ---------- the sidebar frame ----------

function registerFrame(frame: HTMLIFrameElement, url: string) {
  const id = new URL(url, location.href).pathname.split('/').pop() ?? '';
  for (const [k, f] of frames) if (f === frame) frames.delete(k);
  frames.set(id, frame);
  frame.src = url;
}

function openSidebar(s: { title: string; frameUrl: string }) {
  $('sidebar-title').textContent = s.title || 'Sidofält';
  const frame = $<HTMLIFrameElement>('sidebar-frame');
  frame.title = `Sidofält: ${s.title || 'tillägg'}`;
  registerFrame(frame, s.frameUrl);
  $('sidebar').hidden = false;
}
function closeSidebar() {
  $('sidebar').hidden = true;
  const frame = $<HTMLIFrameElement>('sidebar-frame');
  frame.src = 'about:blank';
}
// ---------- a modeless dialog (Ui.showModelessDialog) ----------

let dialogOpener: Element | null = null;
function openDialog(d: { title: string; frameUrl: string; width: number; height: number }) {
  dialogOpener = document.activeElement;
  $('dialog-title').textContent = d.title || 'Dialog';
  const frame = $<HTMLIFrameElement>('dialog-frame');
  frame.title = d.title || 'Dialog';
  frame.style.width = `${d.width}px`;
  frame.style.height = `${d.height}px`;
  registerFrame(frame, d.frameUrl);
  $('dialog').hidden = false;
  $('dialog-close').focus();
}
function closeDialog() {
  $('dialog').hidden = true;
  const frame = $<HTMLIFrameElement>('dialog-frame');
  frame.src = 'about:blank';
  if (dialogOpener instanceof HTMLElement) dialogOpener.focus();
}

/** Closes the sidebar; true if it was open. */
function closeOpenSidebar(): boolean {
  const open = !$('sidebar').hidden;
  closeSidebar();
  return open;
}

window.addEventListener('message', (ev: MessageEvent) => {
  const d = ev.data as { type?: string; frameId?: string; id?: number; fn?: string; args?: unknown[]; action?: string };
  if (!d || typeof d.frameId !== 'string') return;
  const frame = frames.get(d.frameId);
  if (!frame || ev.source !== frame.contentWindow) return; // only our frames may talk to us
  const target = ev.source as Window;
  if (d.type === 'sp-rpc' && typeof d.fn === 'string' && typeof d.id === 'number') {
    void api<RunResponse>('POST', '/api/rpc', { fn: d.fn, args: Array.isArray(d.args) ? d.args : [] })
      .catch((e: Error) => ({ ok: false, error: { message: e.message } }) as RunResponse)
      .then((r) => {
        target.postMessage({ type: 'sp-rpc-result', frameId: d.frameId, id: d.id, ok: r.ok, result: r.result, error: r.error }, '*');
        applyUi(r.ui);
        void refresh();
      });
  } else if (d.type === 'sp-host') {
    if (d.action === 'close') {
      if (frame.id === 'dialog-frame') closeDialog();
      else closeSidebar();
    }
    else if (d.action === 'focusEditor') focusCell(focus.r, focus.c);
  }
});

// ---------- menus ----------

let openMenu: { btn: HTMLButtonElement; list: HTMLUListElement } | null = null;

function closeMenus(focusButton = false) {
  if (!openMenu) return;
  openMenu.list.hidden = true;
  openMenu.btn.setAttribute('aria-expanded', 'false');
  if (focusButton) openMenu.btn.focus();
  openMenu = null;
}

function menuItems(list: HTMLUListElement, items: MenuItem[]) {
  for (const it of items) {
    if (it.separator) {
      list.append(el('li', { className: 'sep', role: 'separator' } as Partial<HTMLLIElement>));
    } else if (it.functionName) {
      const fn = it.functionName;
      const b = el('button', { type: 'button', textContent: it.caption ?? fn });
      b.setAttribute('role', 'menuitem');
      b.tabIndex = -1;
      b.dataset.fn = fn;
      b.addEventListener('click', () => {
        closeMenus(true);
        void runMenu(fn, it.caption ?? fn);
      });
      list.append(el('li', { role: 'none' } as Partial<HTMLLIElement>, b));
    }
  }
}

function renderMenus(menus: MenuRecord[]) {
  const bar = $('menus');
  bar.textContent = '';
  menus.forEach((m, i) => {
    const btn = el('button', { type: 'button', className: 'menubtn', textContent: m.title, id: `menu-btn-${i}` });
    btn.setAttribute('aria-haspopup', 'menu');
    btn.setAttribute('aria-expanded', 'false');
    const list = el('ul', { className: 'menu', id: `menu-${i}`, hidden: true });
    list.setAttribute('role', 'menu');
    list.setAttribute('aria-labelledby', btn.id);
    btn.setAttribute('aria-controls', list.id);
    menuItems(list, m.items);
    const items = () => Array.from(list.querySelectorAll<HTMLButtonElement>('[role="menuitem"]'));
    const open = (which: 'first' | 'last') => {
      closeMenus();
      list.hidden = false;
      btn.setAttribute('aria-expanded', 'true');
      openMenu = { btn, list };
      const its = items();
      its[which === 'first' ? 0 : its.length - 1]?.focus();
    };
    btn.addEventListener('click', () => (openMenu?.btn === btn ? closeMenus() : open('first')));
    btn.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowDown') { e.preventDefault(); open('first'); }
      if (e.key === 'ArrowUp') { e.preventDefault(); open('last'); }
    });
    list.addEventListener('keydown', (e) => {
      const its = items();
      const i = its.indexOf(document.activeElement as HTMLButtonElement);
      if (e.key === 'ArrowDown') { e.preventDefault(); its[(i + 1) % its.length]?.focus(); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); its[(i - 1 + its.length) % its.length]?.focus(); }
      else if (e.key === 'Home') { e.preventDefault(); its[0]?.focus(); }
      else if (e.key === 'End') { e.preventDefault(); its[its.length - 1]?.focus(); }
      else if (e.key === 'Escape') { e.preventDefault(); closeMenus(true); }
      else if (e.key === 'Tab') closeMenus();
    });
    bar.append(el('li', {}, btn, list));
  });
  if (!menus.length) bar.append(el('li', { className: 'badge', textContent: 'Inga menyer (onOpen skapade ingen meny)' }));
}
document.addEventListener('click', (e) => {
  if (openMenu && !openMenu.btn.parentElement?.contains(e.target as Node)) closeMenus();
});

async function loadMenus() {
  // The menu bar is rebuilt when the user or language changes: a menu opened meanwhile would vanish under
  // the click, so the bar says when it is being rebuilt (the browser tests wait for "ready").
  document.body.dataset.menus = 'loading';
  const r = await api<RunResponse>('POST', '/api/open', {});
  renderMenus(r.ui?.menus ?? []);
  document.body.dataset.menus = 'ready';
  if (!r.ok) showMessage(`onOpen: ${r.error?.message ?? 'fel'}`, 'error');
}

async function runMenu(fn: string, caption: string) {
  const r = await api<RunResponse>('POST', '/api/run', { fn });
  reportRun(caption, r);
  await refresh();
}

// ---------- sheet grid ----------

function colLetters(n: number): string {
  let s = '';
  while (n > 0) { const m = (n - 1) % 26; s = String.fromCharCode(65 + m) + s; n = Math.floor((n - 1) / 26); }
  return s;
}

/**
 * The grid as the workbook is now. Every sidebar call ends with one, and a sidebar makes several in a
 * row: a refresh asked for while one is on its way waits for it and then runs once for all who asked
 * (each still sees the state after its own call), and an unchanged grid is not drawn again.
 */
let refreshing: Promise<void> | null = null;
let refreshAgain: Promise<void> | null = null;
function refresh(): Promise<void> {
  if (!refreshing) {
    refreshing = loadState().finally(() => { refreshing = null; });
    return refreshing;
  }
  refreshAgain ??= refreshing.catch(() => undefined).then(() => { refreshAgain = null; return refresh(); });
  return refreshAgain;
}

let drawnGrid = '';
let drawnTabs = '';
function setText(id: string, text: string) {
  const e = $(id);
  if (e.textContent !== text) e.textContent = text;
}
async function loadState() {
  const q = new URLSearchParams({ sheet: currentSheet, user, locale });
  const s = await api<StateResponse>('GET', `/api/state?${q}`);
  state = s;
  currentSheet = s.sheet;
  // Most looks find the page as it is: text set again, even the same, and tabs built again make Chromium
  // lay out and paint the page once more, so only what changed is touched.
  setText('ss-name', s.name);
  setText('outbox-count', `(${s.outboxCount})`);
  if (document.title !== `${s.name} – Summit Planner sandlåda`) document.title = `${s.name} – Summit Planner sandlåda`;
  const tabs = JSON.stringify([s.sheet, s.sheets]);
  if (tabs !== drawnTabs) { drawnTabs = tabs; renderTabs(); }
  const grid = JSON.stringify([s.sheet, s.grid]);
  // Drawn again when it changed, or when a cell is still left in edit mode (an edit the add-on undid).
  if (!editing && (grid !== drawnGrid || document.querySelector('#grid td.editing'))) renderGrid();
  if (!$('outbox-view').hidden) void loadOutbox();
}

function renderTabs() {
  if (!state) return;
  const tabs = $('tabs');
  const hadFocus = tabs.contains(document.activeElement);
  tabs.textContent = '';
  state.sheets.forEach((sh, i) => {
    const t = el('button', { type: 'button', id: `tab-${i}`, textContent: sh.name });
    const selected = sh.name === state!.sheet;
    t.setAttribute('role', 'tab');
    t.setAttribute('aria-selected', String(selected));
    t.setAttribute('aria-controls', 'grid-panel');
    t.tabIndex = selected ? 0 : -1;
    t.dataset.sheet = sh.name;
    if (selected) $('grid-panel').setAttribute('aria-labelledby', t.id);
    t.addEventListener('click', () => selectSheet(sh.name));
    tabs.append(t);
  });
  if (hadFocus) tabs.querySelector<HTMLButtonElement>('[aria-selected="true"]')?.focus();
}

tabsKeyboard();
function tabsKeyboard() {
  $('tabs').addEventListener('keydown', (e) => {
    const ts = Array.from($('tabs').querySelectorAll<HTMLButtonElement>('[role="tab"]'));
    const i = ts.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0) return;
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % ts.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + ts.length) % ts.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = ts.length - 1;
    if (j >= 0) { e.preventDefault(); ts[j].focus(); void selectSheet(ts[j].dataset.sheet ?? ''); }
  });
}

async function selectSheet(name: string) {
  currentSheet = name;
  store.set('sp.sheet', name);
  focus = { r: 0, c: 0 };
  drawnGrid = ''; // drawn with the focus on its first cell, even if it is the sheet shown
  await refresh();
}

function renderGrid() {
  if (!state) return;
  const g = state.grid;
  drawnGrid = JSON.stringify([state.sheet, g]);
  const table = $<HTMLTableElement>('grid');
  table.setAttribute('aria-label', `Blad ${state.sheet}`);
  table.setAttribute('aria-rowcount', String(g.numRows + 1));
  table.setAttribute('aria-colcount', String(g.numCols + 1));
  table.textContent = '';
  const thead = el('thead');
  const hr = el('tr');
  hr.setAttribute('aria-rowindex', '1');
  const corner = el('th', { className: 'corner rownum' });
  corner.append(el('span', { className: 'skip', textContent: 'Rad' }));
  hr.append(corner);
  for (let c = 1; c <= g.numCols; c++) {
    const th = el('th', { textContent: colLetters(c) });
    th.setAttribute('scope', 'col');
    hr.append(th);
  }
  thead.append(hr);
  const tbody = el('tbody');
  g.rows.forEach((row, r) => {
    const tr = el('tr');
    tr.setAttribute('aria-rowindex', String(r + 2));
    if (r < g.frozenRows) tr.className = r === 0 ? 'frozen header' : 'frozen';
    const th = el('th', { className: 'rownum', textContent: String(r + 1) });
    th.setAttribute('scope', 'row');
    tr.append(th);
    row.forEach((cell, c) => {
      const td = el('td', { textContent: cell.d });
      td.tabIndex = r === focus.r && c === focus.c ? 0 : -1;
      td.dataset.r = String(r);
      td.dataset.c = String(c);
      if (cell.num) td.classList.add('num');
      if (cell.bold) td.classList.add('bold');
      if (cell.d) td.title = cell.d;
      tr.append(td);
    });
    tbody.append(tr);
  });
  table.append(thead, tbody);
  $('grid-info').textContent = g.truncated
    ? `Visar ${g.numRows} av ${g.lastRow} rader och ${g.numCols} av ${g.lastCol} kolumner.`
    : `${g.lastRow} rader med innehåll. Dubbelklicka eller tryck Enter på en cell för att redigera; klistra in tabbseparerade värden för att ändra flera celler.`;
  updateRowTools();
}

function cellEl(r: number, c: number): HTMLTableCellElement | null {
  return document.querySelector<HTMLTableCellElement>(`#grid td[data-r="${r}"][data-c="${c}"]`);
}

function focusCell(r: number, c: number) {
  if (!state) return;
  r = Math.max(0, Math.min(state.grid.numRows - 1, r));
  c = Math.max(0, Math.min(state.grid.numCols - 1, c));
  cellEl(focus.r, focus.c)?.setAttribute('tabindex', '-1');
  focus = { r, c };
  const td = cellEl(r, c);
  if (td) { td.tabIndex = 0; td.focus(); }
  updateRowTools();
}

function startEdit(r: number, c: number, initial?: string) {
  if (!state || editing) return;
  const td = cellEl(r, c);
  if (!td) return;
  const cell = state.grid.rows[r][c];
  const input = el('input', { type: 'text', value: initial ?? cell.e });
  input.setAttribute('aria-label', `Redigera cell ${colLetters(c + 1)}${r + 1}`);
  td.textContent = '';
  td.classList.add('editing');
  td.append(input);
  editing = { r, c, input };
  input.focus();
  if (initial === undefined) input.select();
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') { e.preventDefault(); void commitEdit(1, 0); }
    else if (e.key === 'Tab') { e.preventDefault(); void commitEdit(0, e.shiftKey ? -1 : 1); }
    else if (e.key === 'Escape') { e.preventDefault(); cancelEdit(); }
    e.stopPropagation();
  });
  input.addEventListener('blur', () => { if (editing?.input === input) void commitEdit(0, 0, false); });
}

function cancelEdit() {
  if (!editing) return;
  const { r, c } = editing;
  editing = null;
  renderGrid();
  focusCell(r, c);
}

async function commitEdit(dr: number, dc: number, refocus = true) {
  if (!editing || !state) return;
  const { r, c, input } = editing;
  const value = input.value;
  const before = state.grid.rows[r][c].e;
  editing = null;
  if (value !== before) await sendEdit(r, c, [[value]], 'type');
  else renderGrid();
  if (refocus) focusCell(r + dr, c + dc);
}

/** An edit as a person makes it; the kind decides what onEdit's event carries (a paste: no value/oldValue). */
async function sendEdit(r: number, c: number, values: string[][], kind: EditKind) {
  const res = await api<RunResponse>('POST', '/api/edit', { sheet: currentSheet, row: r + 1, col: c + 1, values, kind });
  reportRun('Redigering', res);
  await refresh();
}

// ---------- rows (delete / insert, as a person does in Sheets: no onEdit) ----------

function rowCount(): number {
  const n = Math.floor(Number($<HTMLInputElement>('row-count').value));
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 100) : 1;
}

function updateRowTools() {
  const row = focus.r + 1;
  const n = rowCount();
  $('cell-ref').textContent = `${colLetters(focus.c + 1)}${row}`;
  $('insert-rows').textContent = n === 1 ? `Infoga en rad ovanför rad ${row}` : `Infoga ${n} rader ovanför rad ${row}`;
  $('delete-rows').textContent = n === 1 ? `Ta bort rad ${row}` : `Ta bort rad ${row}–${row + n - 1}`;
}

async function changeRows(action: 'delete' | 'insert') {
  const row = focus.r + 1;
  const count = rowCount();
  const res = await api<RunResponse>('POST', '/api/rows', { sheet: currentSheet, action, row, count });
  reportRun(action === 'delete' ? 'Ta bort rader' : 'Infoga rader', res);
  if (res.ok) showMessage(action === 'delete' ? `Tog bort ${count === 1 ? `rad ${row}` : `rad ${row}–${row + count - 1}`} (inget onEdit körs).` : `Infogade ${count} rad(er) ovanför rad ${row} (inget onEdit körs).`);
  await refresh();
}

/** Tab-separated text as Sheets pastes it (quoted fields may hold tabs/newlines). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStart = true;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
      if (ch === '"') { quoted = false; i++; continue; }
      field += ch; i++; continue;
    }
    if (ch === '"' && fieldStart) { quoted = true; fieldStart = false; i++; continue; }
    if (ch === '\t') { row.push(field); field = ''; fieldStart = true; i++; continue; }
    if (ch === '\r' || ch === '\n') {
      row.push(field); rows.push(row); row = []; field = ''; fieldStart = true;
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch; fieldStart = false; i++;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const width = Math.max(0, ...rows.map((x) => x.length));
  return rows.map((x) => [...x, ...Array(width - x.length).fill('')]);
}

$('grid').addEventListener('keydown', (e) => {
  const td = (e.target as HTMLElement).closest('td');
  if (!td || editing) return;
  const r = Number(td.dataset.r), c = Number(td.dataset.c);
  const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
  if (moves[e.key]) { e.preventDefault(); focusCell(r + moves[e.key][0], c + moves[e.key][1]); }
  else if (e.key === 'Home') { e.preventDefault(); focusCell(r, 0); }
  else if (e.key === 'End') { e.preventDefault(); focusCell(r, state ? state.grid.numCols - 1 : c); }
  else if (e.key === 'Enter' || e.key === 'F2') { e.preventDefault(); startEdit(r, c); }
  else if ((e.key === 'Delete' || e.key === 'Backspace') && state?.grid.rows[r][c].e !== '') { e.preventDefault(); void sendEdit(r, c, [['']], 'clear'); }
  else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); startEdit(r, c, e.key); }
});
$('grid').addEventListener('dblclick', (e) => {
  const td = (e.target as HTMLElement).closest('td');
  if (td && !editing) startEdit(Number(td.dataset.r), Number(td.dataset.c));
});
$('grid').addEventListener('click', (e) => {
  const td = (e.target as HTMLElement).closest('td');
  if (td && !editing) focusCell(Number(td.dataset.r), Number(td.dataset.c));
});
document.addEventListener('paste', (e) => {
  const td = (document.activeElement as HTMLElement | null)?.closest?.('#grid td') as HTMLElement | null;
  if (!td || editing) return;
  const text = e.clipboardData?.getData('text/plain') ?? '';
  if (!text) return;
  e.preventDefault();
  const values = parseTsv(text.replace(/(\r?\n)$/, ''));
  if (values.length) void sendEdit(Number(td.dataset.r), Number(td.dataset.c), values, 'paste'); // 1×1 too: Sheets sends no value/oldValue for a paste
});

// ---------- outbox ----------

function setView(view: View) {
  $('sheet-view').hidden = view !== 'sheets';
  $('outbox-view').hidden = view !== 'outbox';
  $('versions-view').hidden = view !== 'versions';
  $('view-sheets').setAttribute('aria-pressed', String(view === 'sheets'));
  $('view-outbox').setAttribute('aria-pressed', String(view === 'outbox'));
  $('view-versions').setAttribute('aria-pressed', String(view === 'versions'));
  if (view === 'outbox') void loadOutbox();
  if (view === 'versions') void loadVersions();
}

// ---------- version history ----------

const when = (iso: string) => new Date(iso).toLocaleString('sv-SE');

async function loadVersions() {
  const items = await api<VersionItem[]>('GET', '/api/versions');
  const list = $('versions-list');
  list.textContent = '';
  if (!items.length) list.append(el('li', { textContent: 'Inga sparade versioner ännu: en version sparas före varje ändring.' }));
  for (const v of items) {
    const b = el('button', { type: 'button', textContent: `Återställ versionen från ${when(v.at)}` });
    b.addEventListener('click', () => void restoreVersion(v));
    list.append(el('li', {},
      el('strong', { textContent: when(v.at) }),
      el('span', { className: 'sub', textContent: `Före: ${v.label}${v.user ? ` (${v.user})` : ''}` }), b));
  }
}

async function restoreVersion(v: VersionItem) {
  const res = await api<RunResponse>('POST', '/api/restore', { id: v.id });
  reportRun('Återställning', res);
  if (res.ok) showMessage(`Versionen från ${when(v.at)} är återställd. Inga skript kördes.`);
  await refresh();
  await loadVersions();
}

async function loadOutbox() {
  const items = await api<OutboxItem[]>('GET', '/api/outbox');
  const list = $('outbox-list');
  list.textContent = '';
  if (!items.length) list.append(el('li', { textContent: 'Inga skickade meddelanden.' }));
  for (const m of items) {
    const b = el('button', { type: 'button' },
      el('span', { textContent: m.subject || '(inget ämne)' }),
      el('span', { className: 'sub', textContent: `Till: ${m.to.join(', ')} · ${new Date(m.date).toLocaleString('sv-SE')}` }));
    b.dataset.id = m.id;
    b.addEventListener('click', () => void showMail(m.id));
    list.append(el('li', {}, b));
  }
}

async function showMail(id: string) {
  for (const b of Array.from($('outbox-list').querySelectorAll('button'))) b.setAttribute('aria-current', String(b.dataset.id === id));
  const m = await api<MailDetail & { ok?: boolean; error?: { message: string } }>('GET', `/api/outbox/${encodeURIComponent(id)}`);
  const view = $('mail-view');
  view.textContent = '';
  if (m.error) { view.append(el('p', { textContent: m.error.message })); return; }
  const dl = el('dl');
  const row = (k: string, v: string) => { if (v) dl.append(el('dt', { textContent: k }), el('dd', { textContent: v })); };
  row('Från', m.from); row('Till', m.to.join(', ')); row('Kopia', m.cc.join(', ')); row('Dold kopia', m.bcc.join(', '));
  row('Svara till', m.replyTo ?? ''); row('Ämne', m.subject); row('Datum', new Date(m.date).toLocaleString('sv-SE'));
  view.append(el('h3', { textContent: m.subject || '(inget ämne)' }), dl,
    el('a', { href: m.emlUrl, textContent: 'Ladda ned .eml-filen', download: `${m.id}.eml` }));
  if (m.attachments.length) {
    view.append(el('h3', { textContent: 'Bilagor' }),
      el('ul', {}, ...m.attachments.map((a) => el('li', { textContent: `${a.filename} (${a.contentType}, ${a.size} byte)` }))));
  }
  if (m.hasHtml) {
    const f = el('iframe', { title: `HTML-innehåll: ${m.subject}`, src: m.htmlUrl });
    f.setAttribute('sandbox', 'allow-popups allow-popups-to-escape-sandbox'); // links (the RSVP link) open in a new tab
    view.append(el('h3', { textContent: 'HTML-version' }), f);
  }
  view.append(el('h3', { textContent: 'Textversion' }), el('pre', { textContent: m.text || '(ingen textversion)' }));
}

// ---------- start ----------

function initControls() {
  const us = $<HTMLSelectElement>('user-select');
  for (const u of USERS) us.append(el('option', { value: u.email, textContent: `${u.label} – ${u.email}` }));
  if (!USERS.some((u) => u.email === user)) user = USERS[0].email;
  us.value = user;
  us.addEventListener('change', () => {
    user = us.value;
    store.set('sp.user', user);
    // In Google Sheets another account is another browser session: no sidebar of the old user stays open
    // (it would show the old user's view and its calls would run as the new one).
    const hadFrame = closeOpenSidebar();
    showMessage(`Du är nu ${user}. Menyn laddas om (onOpen)${hadFrame ? '; det öppna sidofältet stängdes, öppna det igen från menyn' : ''}.`);
    void loadMenus();
  });
  const ls = $<HTMLSelectElement>('locale-select');
  ls.value = locale === 'en' ? 'en' : 'sv_SE';
  ls.addEventListener('change', () => {
    locale = ls.value;
    store.set('sp.locale', locale);
    document.documentElement.lang = 'sv';
    // A page's language is chosen when it is rendered: reopen it from the menu in the new language.
    if (closeOpenSidebar()) showMessage('Språket är bytt; det öppna sidofältet stängdes, öppna det igen från menyn.');
    void loadMenus();
  });
  $('sidebar-close').addEventListener('click', closeSidebar);
  $('dialog-close').addEventListener('click', closeDialog);
  $('view-sheets').addEventListener('click', () => setView('sheets'));
  $('view-outbox').addEventListener('click', () => setView('outbox'));
  $('view-versions').addEventListener('click', () => setView('versions'));
  $('insert-rows').addEventListener('click', () => void changeRows('insert'));
  $('delete-rows').addEventListener('click', () => void changeRows('delete'));
  $('row-count').addEventListener('input', updateRowTools);
}

initControls();
void (async () => {
  try {
    await refresh();
    await loadMenus();
    document.body.dataset.ready = 'true';
  } catch (e) {
    showMessage(`Sandlådan kunde inte laddas: ${(e as Error).message}`, 'error');
  }
})();
