/** Who is calling and what they may do: settings and roles, read once per call. */
import { UserError } from '../core/msg';
import { parseSettings, roleRequiredMsg, rolesOf, type Role, type Settings } from '../core/settings';
import type { Ports } from './ports';
import { openTable } from './tables';

export interface Context {
  readonly settings: Settings;
  readonly email: string;
  readonly roles: readonly Role[];
}

/** Reads Inställningar (one range read) and the active user. */
export function loadContext(ports: Ports): Context {
  const t = openTable(ports.workbook, 'settings');
  const key = t.col['Nyckel'];
  const value = t.col['Värde'];
  const { settings } = parseSettings(t.snap.rows.map((r) => [r[key], r[value]]));
  const email = ports.user.email();
  return { settings, email, roles: rolesOf(settings, email) };
}

/** Throws a UserError unless the caller has one of `allowed`. */
export function requireRole(ctx: Context, allowed: readonly Role[]): void {
  if (!allowed.some((r) => ctx.roles.includes(r))) throw new UserError(roleRequiredMsg(allowed));
}
