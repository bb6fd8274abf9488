/**
 * The settings sidebar: Inställningar (roles, cap, total, threshold, anchor
 * address, privacy notice: administrators) and Evenemang (event details: the
 * project leader). Roles change here and only here: a role typed on the sheet
 * has no effect until an administrator confirms it (Granska ändringar), and
 * every change is logged. The Apps Script adapter applies the protections
 * that follow from new roles (src/gas/settings.ts).
 */
import * as z from 'zod/mini';
import { cellText, computeBudget } from '../core/budget';
import { fromNumber, parseMoney, toKronor } from '../core/money';
import { UserError, type Msg } from '../core/msg';
import type { Holds, Same, SettingsForm } from './contract';
import { emailsOf, LIST_KEYS, settingDefsOf, settingProblem, SETTING_KEYS, type Role, type SettingsSheet } from '../core/settings';
import { loadFullContext, requireAdmin, requireRole, type FullContext } from './context';
import { problemsOf } from './integrity';
import { checkTable, Tx, verifiedRows, type TableCheck } from './journal';
import type { Ports } from './ports';
import { readBudget } from './budget';
import { putSetting } from './settings-rows';
import { settingsMsg } from '../core/messages/settings';

export const SETTINGS_LOCK_MS = 20_000;

export interface SettingValue {
  readonly key: string;
  readonly value: string;
  readonly description: string;
}

export interface SettingsView {
  readonly user: string;
  readonly roles: readonly Role[];
  readonly admin: boolean;
  readonly owner: string;
  /** Inställningar as in effect (the journal's values); editable by administrators. */
  readonly settings: readonly SettingValue[];
  /** Evenemang as in effect; editable by the project leader and administrators. */
  readonly event: readonly SettingValue[];
  /** Changes made on the sheets by hand that wait for review (they have no effect until then). */
  readonly review: readonly Msg[];
}

const shownValue = (v: unknown): string => cellText(v);

function valuesOf(check: TableCheck, sheet: SettingsSheet): SettingValue[] {
  const byKey = new Map(verifiedRows(check).map((r) => [String(r.values['Nyckel'] ?? '').toLocaleLowerCase('sv'), r.values['Värde']]));
  return settingDefsOf(sheet).map(([key, def, description]) => {
    const v = byKey.get(key.toLocaleLowerCase('sv'));
    return { key, value: shownValue(v === undefined || v === '' ? def : v), description };
  });
}

/** Everyone may read the settings (the sheets are shared with them anyway). Two range reads. */
export function settingsView(ports: Ports): SettingsView {
  const ctx = loadFullContext(ports);
  return {
    user: ctx.email, roles: ctx.roles, admin: ctx.admin, owner: ports.workbook.owner(),
    settings: valuesOf(ctx.check, 'settings'), event: valuesOf(ctx.eventCheck, 'event'),
    review: [...problemsOf(ctx.check), ...problemsOf(ctx.eventCheck)],
  };
}

const buildSave = () => z.strictObject({
  sheet: z.enum(['settings', 'event']),
  values: z.record(z.string().check(z.maxLength(60)), z.union([z.string().check(z.maxLength(1000)), z.number()])),
});
/** The page's argument (the contract) and this schema agree both ways: neither can drift. */
export type SaveAgrees = Holds<Same<z.output<ReturnType<typeof buildSave>>, SettingsForm>>;
let schema: ReturnType<typeof buildSave> | undefined;
const saveSchema = () => (schema ??= buildSave());

export interface SavedSettings {
  readonly changed: readonly string[];
  /** True when a role or the administrators changed: protections must follow. */
  readonly rolesChanged: boolean;
  readonly message: Msg;
}

/**
 * Normalises a value the way it is read: a list of addresses in lower case
 * with one comma between, the total as a number of kronor (so "800 000 kr"
 * is the same total as 800000), other text trimmed.
 */
function normalised(key: string, v: string | number): string | number {
  if (LIST_KEYS.includes(key) && typeof v === 'string') return emailsOf(v).join(', ');
  if (key === SETTING_KEYS.totalBudget) {
    const r = typeof v === 'number' ? fromNumber(v) : parseMoney(v);
    if (r.ok) return toKronor(r.value);
  }
  return typeof v === 'string' ? v.trim() : v;
}

/**
 * Saves changed values of one sheet: Inställningar by an administrator,
 * Evenemang by the project leader (or an administrator). Every value is
 * validated first (a message that names the key); all or nothing, one
 * transaction, one Logg entry per changed key with before and after.
 */
export function saveSettings(ports: Ports, input: unknown): SavedSettings {
  const parsed = saveSchema().safeParse(input);
  if (!parsed.success) throw new UserError(settingsMsg.invalidInput());
  const { sheet, values } = parsed.data;
  const ctx = loadFullContext(ports);
  if (sheet === 'settings') requireAdmin(ctx);
  else if (!ctx.admin) requireRole(ctx, ['projektledare']);
  const own = new Set(settingDefsOf(sheet).map(([k]) => k));
  const problems: Msg[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (!own.has(key)) problems.push(settingsMsg.notOnSheet(key.slice(0, 60), sheet === 'settings' ? 'Inställningar' : 'Evenemang'));
    else {
      const p = settingProblem(key, value);
      if (p) problems.push(p);
    }
  }
  if (problems.length) throw new UserError(settingsMsg.nothingSaved(problems));
  if (sheet === 'settings') refuseLockout(ctx, values);
  return ports.lock.withLock(SETTINGS_LOCK_MS, () => save(ctx, sheet, values));
}

function save(ctx: FullContext, sheet: SettingsSheet, values: Record<string, string | number>): SavedSettings {
  const check = checkTable(ctx.journal.fresh(), sheet);
  if (sheet === 'settings') refuseLoneTotal(ctx, values);
  const current = new Map(valuesOf(check, sheet).map((v) => [v.key, v.value]));
  const tx = new Tx(ctx.journal);
  const changed: string[] = [];
  for (const [key, raw] of Object.entries(values)) {
    const value = normalised(key, raw);
    if (shownValue(value) === current.get(key)) continue;
    putSetting(tx, check, key, value, { action: 'inställning.ändrad', object: key, before: current.get(key) ?? '', after: shownValue(value) });
    changed.push(key);
  }
  tx.commit();
  const rolesChanged = sheet === 'settings' && changed.some((k) => LIST_KEYS.includes(k));
  return {
    changed, rolesChanged,
    message: changed.length
      ? settingsMsg.saved(changed, rolesChanged)
      : settingsMsg.nothingChanged(),
  };
}

/** An administrator who is not the owner may not remove themselves from the administrators (they would lose the right mid-change). */
function refuseLockout(ctx: FullContext, values: Record<string, string | number>): void {
  const admins = values[SETTING_KEYS.admins];
  if (admins === undefined || ctx.email === ctx.journal.ports.workbook.owner()) return;
  if (!emailsOf(admins).includes(ctx.email)) {
    throw new UserError(settingsMsg.cannotRemoveSelf(SETTING_KEYS.admins));
  }
}

/**
 * The total and the allocations change together, in Fördela budget: a new
 * total alone would put the budget out of balance and stop every registration.
 * Here it is accepted only when it equals what the funders are allocated.
 */
function refuseLoneTotal(ctx: FullContext, values: Record<string, string | number>): void {
  const raw = values[SETTING_KEYS.totalBudget];
  if (raw === undefined) return;
  const parsed = typeof raw === 'number' ? fromNumber(raw) : parseMoney(raw);
  if (!parsed.ok || parsed.value === ctx.settings.totalBudget) return;
  const { allocated } = computeBudget(readBudget(ctx.journal.ports, ctx.settings, ctx.journal).input);
  if (parsed.value === allocated) return;
  throw new UserError(settingsMsg.totalInAllocate(SETTING_KEYS.totalBudget, allocated));
}
