/**
 * Which approved guests a send batch takes (src/app/merge.ts, planInvitations through sendBatch): one mail per
 * address (an address already mailed, or an earlier approved guest's, blocks the later guest, named after
 * the one who has it), a blank address is no address anyone shares, a row waiting for review is blocked with
 * the change named, and a guest blocked when the batch renders them takes no place of the batch.
 */
import { sendBatch } from '../../../src/app/merge';
import type { MemoryPorts } from '../../support/memory';
import { COL, link, runAll, setup, statuses } from './merge-fixture';

const batch = (p: MemoryPorts, batchSize = 10) => sendBatch(p, { batchSize }, link);
const blockedOf = (r: { blocked: readonly { id: string; reasons: readonly { en: string }[] }[] }) =>
  r.blocked.map((b) => [b.id, b.reasons.map((m) => m.en).join(' ')]);

test('an address already mailed blocks an approved guest with it, whatever its case and spaces', () => {
  const p = setup(3, { before: (q) => {
    const g = q.workbook.get('guests').grid;
    g[1][COL.status] = 'Inbjuden';
    g[3][COL.email] = ' G0@Example.SE';
  } });
  const r = batch(p);
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g1@example.se']);
  expect(blockedOf(r)).toEqual([['G-0003', 'Same e-mail address as G-0001.']]);
  expect(statuses(p)).toEqual(['Inbjuden', 'Inbjuden', 'Godkänd']);
});

test('three approved guests with one address: the first gets it, both others are told it is the first\'s', () => {
  const p = setup(3, { before: (q) => { for (const row of q.workbook.get('guests').grid.slice(1)) row[COL.email] = 'team@example.se'; } });
  const r = runAll(p).at(-1)!;
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['team@example.se']);
  expect(blockedOf(r)).toEqual([['G-0002', 'Same e-mail address as G-0001.'], ['G-0003', 'Same e-mail address as G-0001.']]);
});

test('guests without an address are each blocked for it, not as sharing one', () => {
  const p = setup(3, { before: (q) => { for (const i of [1, 2]) q.workbook.get('guests').grid[i][COL.email] = ''; } });
  const r = runAll(p).at(-1)!;
  expect(blockedOf(r)).toEqual([['G-0001', 'Invalid e-mail address "".'], ['G-0002', 'Invalid e-mail address "".']]);
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g2@example.se']);
});

test('an approved guest whose row waits for review gets nothing, and is told why; the others are sent', () => {
  const p = setup(3);
  p.workbook.get('guests').grid[2][COL.firstName] = 'Eva';
  const r = runAll(p).at(-1)!;
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g0@example.se', 'g2@example.se']);
  expect(blockedOf(r)).toEqual([[
    'G-0002',
    'The guest gets no invitation now: Gäster row 3 (G-0002): changed outside Summit Planner (Förnamn Förnamn1 → Eva). '
      + 'A person with the right role confirms or undoes the change in Summit Planner → Review changes.',
  ]]);
  expect(statuses(p)).toEqual(['Inbjuden', 'Godkänd', 'Inbjuden']);
});

test('an approved guest whose row was deleted outside the add-on is blocked with the deletion, never mailed', () => {
  const p = setup(2);
  p.workbook.get('guests').grid.splice(1, 1);
  const r = runAll(p).at(-1)!;
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g1@example.se']);
  expect(blockedOf(r)).toEqual([['G-0001', expect.stringMatching(/^The guest gets no invitation now: Gäster: the row G-0001 was removed outside Summit Planner\./)]]);
});

test('a blocked guest is listed once, with all the reasons', () => {
  const p = setup(2, { before: (q) => { const g = q.workbook.get('guests').grid[1]; g[COL.email] = 'nope'; g[COL.language] = 'fi'; } });
  const r = runAll(p).at(-1)!;
  expect(blockedOf(r)).toEqual([['G-0001', 'Invalid e-mail address "nope". Unknown language "fi".']]);
});

test('a guest whose values break the template takes no place of the batch: the batch still sends its full size', () => {
  const p = setup(4, { before: (q) => { q.workbook.get('guests').grid[1][COL.firstName] = 'Eva {{Svarslänk}}'; } });
  const r = batch(p, 2);
  expect(p.mailer.sent.map((m) => m.to)).toEqual(['g1@example.se', 'g2@example.se']);
  expect(r).toMatchObject({ sent: 2, remaining: 1, done: false });
  expect(blockedOf(r).map(([id]) => id)).toEqual(['G-0001']);
});

test('a guest blocked by what is known without rendering (address, language) is reported by the first batch, not counted as waiting', () => {
  const p = setup(3, { before: (q) => { q.workbook.get('guests').grid[3][COL.language] = 'fi'; } });
  const r = batch(p, 1);
  expect(r).toMatchObject({ sent: 1, remaining: 1, done: false });
  expect(blockedOf(r)).toEqual([['G-0003', 'Unknown language "fi".']]);
});
