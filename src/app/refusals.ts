/**
 * Refused writes are logged: who, what, why, one Logg row per refusal, and
 * no more than one a minute per person and action (a script hammering a
 * refused function can't flood the log; the next row counts the ones left
 * out). A person who may write Logg (any role, an administrator) writes the
 * row at once; anyone else's refusal waits with the anchor for the next
 * transaction of someone who may (Logg is protected for role holders).
 * Personal data stays out: e-mail addresses in the reason are masked.
 */
import type { Msg } from '../core/msg';
import { rolesOf } from '../core/settings';
import { readSettings } from './context';
import { Journal, queueRefusal, Tx } from './journal';
import type { Ports } from './ports';

const WINDOW_S = 60;

/** The reason as Logg may keep it: no e-mail addresses, at most 300 characters. */
export const loggableReason = (m: Msg): string =>
  m.sv.replace(/[^\s@"<>(),;:]+@[^\s@"<>(),;:]+/g, '<e-post>').replace(/\s+/g, ' ').slice(0, 300);

/**
 * Logs that `action` was refused for the caller. Best effort: a busy lock or
 * a workbook without a journal leaves it out (the refusal itself stands).
 */
export function logRefusal(ports: Ports, action: string, why: Msg): void {
  const email = ports.user.email() || '(okänd)';
  const key = `refusal:${email}:${action}`;
  const countKey = `refusal-n:${email}:${action}`;
  const skipped = Number(ports.cache.get(countKey) ?? '0') || 0;
  if (ports.cache.get(key) !== null) {
    ports.cache.put(countKey, String(skipped + 1), 3600);
    return;
  }
  ports.cache.put(key, '1', WINDOW_S);
  ports.cache.put(countKey, '0', 3600);
  try {
    ports.lock.withLock(5_000, () => {
      const journal = new Journal(ports);
      if (!journal.anchor() || !journal.key()) return;
      const reason = `${loggableReason(why)}${skipped ? ` (+${skipped} liknande vägrade tidigare utan loggrad)` : ''}`;
      const { settings } = readSettings(ports, journal);
      const mayWrite = !!ports.user.email() && (rolesOf(settings, email).length > 0 || settings.admins.includes(email) || email === ports.workbook.owner());
      if (mayWrite) new Tx(journal).log({ action: 'vägrad', object: action, after: { skäl: reason } }).commit();
      else queueRefusal(journal, { u: email, t: new Date(Math.floor(ports.clock.now().getTime() / 1000) * 1000).toISOString(), a: 'vägrad', o: action, w: reason });
    });
  } catch {
    // The refusal is shown to the user either way; the log row is best effort.
  }
}
