/**
 * Set-up's use cases over the ports (src/gas/setup.ts creates and formats
 * the sheets and applies the protections): who may run it, starting the
 * journal, and the default rows. Running it again writes nothing.
 */
import { verifyChain, addCheckpoints } from '../core/audit';
import { UserError, type Msg } from '../core/msg';
import { SHEETS, TABLES } from '../core/schema';
import { SEALED_TABLES } from '../core/seal';
import { defaultBudgetRows, defaultReminderTemplates, defaultTemplates, missingSettingsRows } from '../core/setup';
import { TEMPLATE_TYPES, templateKind } from '../core/template';
import { parseAdminSettings, parseEventSettings, rolesOf, settingDef, settingDefsOf, SETTING_KEYS, type AdminSettings } from '../core/settings';
import { formatEventsCell, GUEST_COLUMNS, parseEventsCell } from '../core/guests';
import { itemsFromParts, mapGuestParts } from '../core/program';
import { contextOf, readSettings } from './context';
import { adoptDecisions } from './decisions';
import { checkTable, JOURNAL_KEY, Journal, newSealKey, readLog, SEAL_KEY, Tx, verifiedRows, type TableCheck } from './journal';
import { legacyParts } from './parts';
import { itemCells } from './program';
import type { Cell, Ports } from './ports';
import { putSetting } from './settings-rows';
import { openTable, type OpenTable } from './tables';
import { settingsMsg } from '../core/messages/settings';

export interface Authority {
  readonly email: string;
  /** No administrator and no role yet: whoever runs set-up becomes administrator and project leader. */
  readonly firstRun: boolean;
  readonly settings: AdminSettings;
}

// Evenemangsdelar too: an older version kept it on Inställningar, and set-up carries it over to Program.
const eventKeys = (): Set<string> => new Set([...settingDefsOf('event').map(([k]) => k), SETTING_KEYS.events].map((k) => k.toLocaleLowerCase('sv')));

/** Inställningar read as it stands, without the journal (a first run, or a workbook from before the journal). */
function rawSettings(ports: Ports): { t: OpenTable | null; settings: AdminSettings } {
  const t = ports.workbook.table(SHEETS.settings) ? openTable(ports.workbook, 'settings') : null;
  const rows = t ? t.snap.rows.map((r) => [r[t.col['Nyckel']], r[t.col['Värde']]]) : [];
  return { t, settings: parseAdminSettings(rows).settings };
}

export const setupRefusedMsg = (): Msg => settingsMsg.setupRefused();

/**
 * Who may run set-up. With the journal started: an administrator (the
 * owner, or one named on the verified Inställningar). Before it (a first run,
 * or the upgrade of a workbook from before seals, whose sheets anyone could
 * type in): anyone on a workbook with no administrator and no role;
 * otherwise the owner, or a named administrator when the file has no owner
 * (a shared drive).
 */
export function setupAuthority(ports: Ports): Authority {
  const email = ports.user.email();
  if (!email) throw new UserError(setupRefusedMsg());
  const journal = new Journal(ports);
  if (journal.anchor() && journal.key()) {
    const { check, settings } = readSettings(ports, journal);
    if (!contextOf(ports, journal, check, settings).admin) throw new UserError(setupRefusedMsg());
    return { email, firstRun: false, settings };
  }
  const { settings } = rawSettings(ports);
  const anyone = settings.admins.length === 0 && Object.values(settings.roles).every((r) => r.length === 0);
  const owner = ports.workbook.owner();
  const allowed = anyone || email === owner || (!owner && settings.admins.includes(email));
  if (!allowed) throw new UserError(setupRefusedMsg());
  return { email, firstRun: anyone, settings };
}

/**
 * Starts the journal on a workbook that has none: the seal key, the anchor
 * over the Logg that exists (its chain must verify: a broken log can't be a
 * baseline), and every existing row sealed as it stands, one Logg entry per
 * row ('arbetsbok.baslinje'). Event details an older version kept on
 * Inställningar are left unsealed there: writeDefaults moves them.
 * Call inside the lock. Returns how many rows were sealed.
 */
export function startJournal(ports: Ports, journal: Journal): number {
  const { rows } = readLog(ports);
  const chain = verifyChain(rows);
  if (!chain.ok) {
    throw new UserError(settingsMsg.existingLogBroken(chain.index + 2));
  }
  if (!journal.key()) ports.properties.set(SEAL_KEY, newSealKey(() => ports.random.uuid()));
  const hashes = rows.map((r) => r.hash.trim().toLowerCase());
  ports.properties.set(JOURNAL_KEY, JSON.stringify({ v: 1, n: rows.length, head: chain.head, cp: addCheckpoints([], 0, hashes), t: {} }));
  journal.fresh();
  const tx = new Tx(journal);
  const moving = eventKeys();
  let sealed = 0;
  for (const table of SEALED_TABLES) {
    // Beslut's rows are carried over by adoptDecisions (writeDefaults), which fills in what an older sheet lacked.
    if (table === 'decisions' || !ports.workbook.table(TABLES[table].sheet)) continue;
    const c = checkTable(journal, table);
    const seen = new Set<string>();
    for (const r of c.rows) {
      const k = r.key.toLocaleLowerCase('sv');
      if (table === 'settings' && moving.has(k)) continue;
      // A second row with the same key can't be told from a copy: it stays unsealed and waits for review.
      if (seen.has(k)) continue;
      seen.add(k);
      tx.put(c, r.index, rowValues(c, r.index), { action: 'arbetsbok.baslinje', object: `${TABLES[table].sheet}:${r.key || `rad ${r.sheetRow}`}` });
      sealed++;
    }
  }
  tx.commit();
  journal.fresh();
  return sealed;
}

const rowValues = (c: TableCheck, index: number): Record<string, Cell> =>
  Object.fromEntries(Object.entries(c.t.col).map(([h, i]) => [h, c.t.snap.rows[index][i]]));

/**
 * The default rows that are missing, sealed and logged in one transaction:
 * settings and event details by key (event details found on Inställningar
 * from an older version are moved to Evenemang, the old rows cleared and
 * logged), the default budget split on an empty Budget, the templates on an
 * empty Mallar. Returns what was written, for set-up's message.
 */
export function writeDefaults(ports: Ports, journal: Journal, who: Authority): Msg[] {
  const wrote: Msg[] = [];
  if (ports.workbook.table(TABLES.decisions.sheet)) {
    const adopted = adoptDecisions(journal);
    if (adopted) wrote.push(adopted);
  }
  const tx = new Tx(journal);
  const settings = checkTable(journal, 'settings');
  const moving = eventKeys();
  const carried = new Map<string, unknown>();
  for (const r of settings.rows) {
    const k = r.key.toLocaleLowerCase('sv');
    if (r.kind !== 'new' || !moving.has(k)) continue;
    carried.set(k, settings.t.snap.rows[r.index][settings.t.col['Värde']]);
    tx.clear(settings, r.index, { action: 'inställning.flyttad', object: r.key, after: { till: SHEETS.event } });
  }
  const keysOf = (c: TableCheck) => c.rows.filter((r) => r.kind !== 'new' || !moving.has(r.key.toLocaleLowerCase('sv'))).map((r) => r.key);
  const settingsRows = missingSettingsRows('settings', keysOf(settings), who.email, who.firstRun);
  for (const [key, value] of settingsRows) putSetting(tx, settings, key, value as Cell, { action: 'inställning.standard', object: key });
  if (settingsRows.length) wrote.push(settingsMsg.settingsWritten(SHEETS.settings, settingsRows.length));
  const event = checkTable(journal, 'event');
  const eventRows = missingSettingsRows('event', event.rows.map((r) => r.key), who.email, who.firstRun, carried);
  for (const [key, value] of eventRows) putSetting(tx, event, key, value as Cell, { action: 'inställning.standard', object: key });
  if (eventRows.length) wrote.push(settingsMsg.eventWritten(SHEETS.event, eventRows.length, carried.size, SHEETS.settings));
  const parts = carryOverParts(journal, tx, event, carried, who);
  if (parts) wrote.push(parts);
  const budget = checkTable(journal, 'budget');
  if (budget.rows.length === 0 && budget.missing.length === 0) {
    const total = Math.round(Number(settingDef(SETTING_KEYS.totalBudget)[1]) * 100);
    for (const [funder, allocation, warn, note] of defaultBudgetRows(total)) {
      tx.put(budget, null, { Finansiär: funder, Tilldelning: allocation, Varningsgräns: warn, Anteckning: note }, { action: 'budget.standardfördelning', object: String(funder), after: { Tilldelning: allocation } });
    }
    wrote.push(settingsMsg.defaultSplit(SHEETS.budget));
  }
  const templates = checkTable(journal, 'templates');
  if (templates.rows.length === 0 && templates.missing.length === 0) {
    for (const [lang, subject, body] of defaultTemplates()) {
      tx.put(templates, null, { Språk: lang, Ämne: subject, Brödtext: body, Typ: TEMPLATE_TYPES.invitation }, { action: 'mall.standard', object: lang });
    }
    wrote.push(settingsMsg.templatesWritten(SHEETS.templates));
  }
  const reminders = addReminderTemplates(tx, templates);
  if (reminders.length) wrote.push(settingsMsg.remindersWritten(SHEETS.templates, reminders));
  tx.commit();
  if (parts) markProgramInUse(journal);
  return wrote;
}

/**
 * A reminder template for each language that has none (any row naming that language and kind,
 * verified or not, counts: a reminder template waiting for review is not replaced behind the
 * reviewer's back). Appended rows only: the templates already there are not touched.
 */
function addReminderTemplates(tx: Tx, templates: TableCheck): string[] {
  const have = new Set([...templates.rows.map((r) => r.key), ...templates.missing.map((m) => m.key)].flatMap((k) => {
    const [lang, typ = ''] = k.split('/');
    return templateKind(typ) === 'reminder' ? [lang.trim().toLowerCase()] : [];
  }));
  const added: string[] = [];
  for (const [lang, subject, body] of defaultReminderTemplates()) {
    if (have.has(lang)) continue;
    tx.put(templates, null, { Språk: lang, Ämne: subject, Brödtext: body, Typ: TEMPLATE_TYPES.reminder }, { action: 'mall.standard', object: `${lang}/${TEMPLATE_TYPES.reminder}` });
    added.push(lang);
  }
  return added;
}

/**
 * The old free-text parts (Evenemang → Evenemangsdelar, or the default on a
 * new workbook) become Program items, proposals at the times the old calendar
 * files gave; each verified guest's part names become the items' IDs; the
 * old row goes. Only while the journal has never held a Program row, so it
 * runs once. Returns what it did, or null.
 */
function carryOverParts(journal: Journal, tx: Tx, event: TableCheck, carried: ReadonlyMap<string, unknown>, who: Authority): Msg | null {
  if (!legacyParts(journal)) return null;
  const key = SETTING_KEYS.events.toLocaleLowerCase('sv');
  const row = event.rows.find((r) => r.key.toLocaleLowerCase('sv') === key);
  const raw = row ? event.t.snap.rows[row.index][event.t.col['Värde']] : carried.has(key) ? carried.get(key) : settingDef(SETTING_KEYS.events)[1];
  const names = parseEventSettings([[SETTING_KEYS.events, raw ?? '']]).events;
  const s = parseEventSettings(verifiedRows(event).map((r) => [r.values['Nyckel'], r.values['Värde']]));
  const program = checkTable(journal, 'program');
  const { items, map } = itemsFromParts(names, s, program.rows.map((r) => r.key), who.settings.roles.projektledare[0] ?? (who.firstRun ? who.email : ''));
  for (const it of items) tx.put(program, null, itemCells(it), { action: 'programpunkt.överförd', object: it.id, after: { Rubrik: it.title, Datum: it.date, Start: it.start, Slut: it.end } });
  const guests = checkTable(journal, 'guests');
  let mapped = 0;
  for (const r of guests.rows) {
    if (r.kind !== 'ok') continue;
    const cell = String(guests.t.snap.rows[r.index][guests.t.col[GUEST_COLUMNS.events]] ?? '');
    const now = formatEventsCell(mapGuestParts(parseEventsCell(cell), map));
    if (now === cell.trim()) continue;
    tx.put(guests, r.index, { [GUEST_COLUMNS.events]: now }, { action: 'gäst.programpunkter', object: r.key, before: { Evenemang: cell }, after: { Evenemang: now } });
    mapped++;
  }
  if (row?.kind === 'ok') tx.remove(event, row.index, { action: 'inställning.ersatt', object: SETTING_KEYS.events, after: { ersatt_av: SHEETS.program, punkter: items.map((i) => i.id) } });
  return settingsMsg.partsCarried(SHEETS.program, items.length, mapped);
}

/** The journal now holds Program (even with no item): the old parts are never read again. Call inside the lock. */
function markProgramInUse(journal: Journal): void {
  const state = journal.fresh().require().state;
  if (!state.t.program) journal.replace({ ...state, t: { ...state.t, program: { n: 0, s: 0 } } });
}

/** The roles and administrators protections follow (the journal's view of Inställningar). */
export function protectionRoles(ports: Ports): AdminSettings {
  return readSettings(ports).settings;
}

/** True when the user holds any role or is an administrator: they may append to Logg (it is protected for them). */
export const mayWriteLog = (ports: Ports, s: AdminSettings): boolean => {
  const email = ports.user.email();
  return !!email && (rolesOf(s, email).length > 0 || s.admins.includes(email) || email === ports.workbook.owner());
};
