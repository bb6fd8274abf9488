/** The reminder tests' crash: an execution of sendReminderBatch that dies half-way, at a chosen journal write. */
import type { Ports } from '../../../src/app/ports';
import { REMIND_JOURNAL_KEY } from '../../../src/app/remind';
import type { MemoryPorts } from '../../support/memory';

export class Crash extends Error {}
/** `p` whose execution dies at the journal write that marks guest `id` 'a' (the guests before it were mailed). */
export function dyingAt(p: MemoryPorts, id: string): Ports {
  let armed = true;
  return { ...p, properties: {
    get: (k) => p.properties.get(k),
    set: (k, v) => {
      if (armed && k === REMIND_JOURNAL_KEY && (JSON.parse(v) as { s: Record<string, string> }).s[id] === 'a') { armed = false; throw new Crash(); }
      p.properties.set(k, v);
    },
    setAll: (vs) => p.properties.setAll(vs),
    delete: (k) => p.properties.delete(k),
  } };
}
