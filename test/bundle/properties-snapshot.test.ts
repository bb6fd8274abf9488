/**
 * The built bundle's script properties (src/gas/adapters.ts, GasProperties): read in one
 * Properties.getProperties call and kept while nobody else can write — before the first hold of
 * the script lock, and within each hold — and read again when the lock is taken, so a value
 * another execution wrote while this one waited for the lock is the value used under it.
 * (getProperties: developers.google.com/apps-script/reference/properties/properties#getProperties,
 * "Gets a copy of all key-value pairs in the current Properties store".)
 */
import type { Emulator } from '../../src/sandbox/emulator';
import { sendOnce, workbookWithGuests } from '../support/invitations';

const ANCHOR = (e: Emulator) => `summit.journal@${e.state.spreadsheet.id}`;

/** A workbook whose first batch has run (the RSVP link key exists: no lock of its own any more). */
function afterFirstBatch(): Emulator {
  const emu = workbookWithGuests(6);
  expect(sendOnce(emu, {}, 2).ok).toBe(true);
  return emu;
}

test('a send batch reads its script properties in two calls: one before it takes the lock, one under it', () => {
  const emu = afterFirstBatch();
  const seen: string[] = [];
  const r = sendOnce(emu, { hooks: { afterCall: (c) => seen.push(`${c.cls}.${c.method}`) } }, 2);
  expect(r.ok).toBe(true);
  const reads = seen.filter((k) => /^(Properties\.get|Lock\.)/.test(k));
  expect(reads).toEqual(['Properties.getProperties', 'Lock.tryLock', 'Properties.getProperties', 'Lock.releaseLock']);
  expect(seen.filter((k) => k === 'MailApp.sendEmail')).toHaveLength(2);
});

test('what another execution wrote while the batch waited for the lock is what the batch sees under it: an anchor that moved on stops it', () => {
  const emu = afterFirstBatch();
  const outbox = emu.outbox().length;
  const anchor = JSON.parse(emu.state.scriptProperties[ANCHOR(emu)]) as { n: number };
  const r = sendOnce(emu, {
    hooks: {
      // As if another execution had committed one Logg entry more (by its anchor) just before this one got the lock.
      afterCall: (c) => { if (c.method === 'tryLock') emu.state.scriptProperties[ANCHOR(emu)] = JSON.stringify({ ...anchor, n: anchor.n + 1 }); },
    },
  }, 2);
  const res = r.result as { ok: boolean; message?: string };
  expect(res.ok).toBe(false);
  expect(res.message).toContain(`men ska ha ${anchor.n + 1} enligt ankaret`); // the Swedish user's reason: Logg has fewer rows than the anchor says
  expect(emu.outbox().length).toBe(outbox);
});
