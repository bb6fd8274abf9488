/**
 * Who is calling and what they may do: settings and roles, read once per call
 * from the journal's view of Inställningar. A value typed on the sheet by hand
 * has no effect until an administrator confirms it (Granska ändringar): a
 * role typed in is not a role.
 */
import { UserError } from '../core/msg';
import {
  adminRequiredMsg, parseAdminSettings, parseEventSettings, roleRequiredMsg, rolesOf,
  type AdminSettings, type EventSettings, type Role, type Settings,
} from '../core/settings';
import { checkTable, Journal, verifiedRows, type TableCheck } from './journal';
import { partsOf, type Parts } from './parts';
import type { Ports } from './ports';

export interface Context {
  readonly settings: AdminSettings;
  readonly email: string;
  readonly roles: readonly Role[];
  /** The spreadsheet's owner or a named administrator. */
  readonly admin: boolean;
  readonly journal: Journal;
  /** Inställningar as checked against its seals. */
  readonly check: TableCheck;
}

export interface FullContext extends Context {
  readonly settings: Settings;
  readonly eventCheck: TableCheck;
  /** What guests are invited to (read on first use: one range read of Program). */
  readonly parts: () => Parts;
}

/** Key/value pairs of a settings sheet as the journal has them. */
function keyValues(check: TableCheck): unknown[][] {
  return verifiedRows(check).map((r) => [r.values['Nyckel'], r.values['Värde']]);
}

/** Inställningar (one range read), checked and parsed. */
export function readSettings(ports: Ports, journal = new Journal(ports)): { check: TableCheck; settings: AdminSettings } {
  const check = checkTable(journal, 'settings');
  return { check, settings: parseAdminSettings(keyValues(check)).settings };
}

/** Reads Inställningar and the active user. */
export function loadContext(ports: Ports, journal = new Journal(ports)): Context {
  const { check, settings } = readSettings(ports, journal);
  return contextOf(ports, journal, check, settings);
}

export function contextOf(ports: Ports, journal: Journal, check: TableCheck, settings: AdminSettings): Context {
  const email = ports.user.email();
  journal.registrar = settings.registrar;
  const admin = !!email && (settings.admins.includes(email) || email === ports.workbook.owner());
  return { settings, email, roles: rolesOf(settings, email), admin, journal, check };
}

/** Evenemang (one range read), checked and parsed. */
export function readEvent(journal: Journal): { check: TableCheck; event: EventSettings } {
  const check = checkTable(journal, 'event');
  return { check, event: parseEventSettings(keyValues(check)) };
}

/** Both settings sheets (two range reads). */
export function loadFullContext(ports: Ports, journal = new Journal(ports)): FullContext {
  const ctx = loadContext(ports, journal);
  const { check, event } = readEvent(journal);
  let parts: Parts | undefined;
  return { ...ctx, settings: { ...ctx.settings, ...event }, eventCheck: check, parts: () => (parts ??= partsOf(journal, event)) };
}

/** Throws a UserError unless the caller has one of `allowed`. */
export function requireRole(ctx: Context, allowed: readonly Role[]): void {
  if (!allowed.some((r) => ctx.roles.includes(r))) throw new UserError(roleRequiredMsg(allowed));
}

export function requireAdmin(ctx: Context): void {
  if (!ctx.admin) throw new UserError(adminRequiredMsg());
}
