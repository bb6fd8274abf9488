/** Who is calling and what they may do: settings and roles, read once per call. */
import { UserError } from '../core/msg';
import { parseSettings, roleRequiredMsg, rolesOf, type Role, type Settings } from '../core/settings';
import type { Ports } from './ports';
import { openTable, type OpenTable } from './tables';

export interface Context {
  readonly settings: Settings;
  readonly email: string;
  readonly roles: readonly Role[];
}

/** Inställningar (one range read), parsed. */
export function readSettings(ports: Ports): { table: OpenTable; settings: Settings } {
  const table = openTable(ports.workbook, 'settings');
  const key = table.col['Nyckel'];
  const value = table.col['Värde'];
  return { table, settings: parseSettings(table.snap.rows.map((r) => [r[key], r[value]])).settings };
}

/** Reads Inställningar (one range read, unless already read) and the active user. */
export function loadContext(ports: Ports, { settings } = readSettings(ports)): Context {
  const email = ports.user.email();
  return { settings, email, roles: rolesOf(settings, email) };
}

/** Throws a UserError unless the caller has one of `allowed`. */
export function requireRole(ctx: Context, allowed: readonly Role[]): void {
  if (!allowed.some((r) => ctx.roles.includes(r))) throw new UserError(roleRequiredMsg(allowed));
}
