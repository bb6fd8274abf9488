/**
 * Confirming a row typed on a sheet (src/app/review.ts judge, judgeDecision): each sheet's rules, as the sidebar
 * would apply them — a setting once and only a known one, a template per language, a transfer only by its
 * comment, a decision with a free ID and sound fields — each refusal naming what is wrong. Also guardSheetEdit's
 * handling of a row that can only be undone, and acceptLog's checkpoints.
 */
import { acceptLog, guardSheetEdit, listReview, resolveReview, type ReviewItem } from '../../../src/app/review';
import { verifyAudit } from '../../../src/app/audit';
import { checkTable, Journal } from '../../../src/app/journal';
import { OVERVIEW_STATUS_ROW } from '../../../src/core/overview-sheet';
import { SHEETS } from '../../../src/core/schema';
import type { Cell } from '../../../src/app/ports';
import { MemoryTable, type MemoryPorts } from '../../support/memory';
import { EKO, logRecords, PL } from './budget-fixture';
import { as, grid, OWNER, refusal, world } from './review-fixture';

type T = 'settings' | 'event' | 'budget' | 'ledger' | 'templates' | 'decisions' | 'transfers';
const items = (p: MemoryPorts, table: T): ReviewItem[] => listReview(p).items.filter((i) => i.table === table);
const confirm = (p: MemoryPorts, id: string) => resolveReview(p, { id, action: 'confirm' });
const kinds = (p: MemoryPorts, t: T) => checkTable(new Journal(p), t).rows.map((r) => r.kind);

describe('Inställningar and Evenemang', () => {
  test('a key typed with spaces around it is the setting: confirmed', () => {
    const p = as(world(), PL);
    grid(p, 'event').push(['  Startdatum ', '2009-12-07', '', '']);
    expect(confirm(p, items(p, 'event')[0].id).message.en).toBe('The change on Evenemang row 4 is confirmed and sealed.');
    expect(kinds(p, 'event')).toEqual(['ok', 'ok', 'ok']);
  });

  test('a key that is no setting: named (its first 60 characters) with the sheet', () => {
    const p = as(world(), PL);
    const long = `Festdag ${'x'.repeat(70)}`;
    grid(p, 'event').push([long, 'fredag', '', '']);
    expect(refusal(() => confirm(p, items(p, 'event')[0].id)).en).toBe(`"${long.slice(0, 60)}" is not a setting of the Evenemang sheet.`);
  });

  test('a setting typed in twice: the first stands, the second is refused as already there', () => {
    const p = as(world(), PL);
    grid(p, 'event').push(['Startdatum', '2009-12-07', '', ''], ['Startdatum', '2009-12-08', '', '']);
    const [first, second] = items(p, 'event');
    confirm(p, first.id);
    expect(refusal(() => confirm(p, second.id)).en).toBe('Startdatum is already on another row.');
    expect(kinds(p, 'event')).toEqual(['ok', 'ok', 'ok', 'new']);
  });

  test('a setting typed again on a new row while its row stands: refused', () => {
    const p = as(world(), OWNER);
    grid(p, 'settings').push(['Totalbudget', 900000, '', '']);
    expect(refusal(() => confirm(p, items(p, 'settings')[0].id)).en).toBe('Totalbudget is already on another row.');
  });
});

describe('Mallar', () => {
  test('a language that is neither sv nor en: refused', () => {
    const p = as(world(), PL);
    grid(p, 'templates').push(['de', 'Betreff', 'Hallo', '']);
    expect(refusal(() => confirm(p, items(p, 'templates')[0].id)).en).toBe('The template must have the language sv or en.');
  });

  test('a body changed after its 60th character: listed with that field, though both values show alike', () => {
    const p = as(world(), EKO);
    const long = `Hej ${'x'.repeat(70)}`;
    grid(p, 'templates')[1][2] = long;
    expect(listReview(p).items[0].fields.map((f) => f.header)).toEqual(['Brödtext']);
    confirm(as(p, PL), listReview(p).items[0].id);
    grid(p, 'templates')[1][2] = `${long}y`;
    expect(listReview(as(p, EKO)).items[0].fields.map((f) => [f.header, f.before === f.now])).toEqual([['Brödtext', true]]);
  });

  test('a second template for a language (typed in capitals): refused, naming the language', () => {
    const p = as(world(), PL);
    grid(p, 'templates').push(['SV', 'Ämne 2', 'Hej igen', '']);
    expect(refusal(() => confirm(p, items(p, 'templates')[0].id)).en).toBe('There is already a template for sv.');
  });

  test('a language whose template waits for review: a new one typed for it is refused (confirming it would seal a duplicate)', () => {
    const p = as(world(), PL);
    grid(p, 'templates')[2][1] = 'Ändrat';
    grid(p, 'templates').push(['en', 'Subject 2', 'Hello again', '']);
    const typed = items(p, 'templates').find((i) => i.kind === 'new')!;
    expect(refusal(() => confirm(p, typed.id)).en).toBe('There is already a template for en.');
    expect(listReview(p).items.map((i) => i.kind)).toEqual(['changed', 'new']);
  });

  test('a reminder typed beside the language\'s invitation: confirmed; a second reminder for it: refused, naming the kind', () => {
    const p = as(world(), PL);
    // Two typed at once: the other typed-in row holds no place, so the first is confirmed …
    grid(p, 'templates').push(['sv', 'Påminnelse', 'Svara gärna', 'Påminnelse'], ['sv', 'Påminnelse 2', 'Svara nu', 'påminnelse']);
    expect(confirm(p, items(p, 'templates')[0].id).message.en).toBe('The change on Mallar row 4 is confirmed and sealed.');
    // … and then the second is refused.
    expect(refusal(() => confirm(p, items(p, 'templates')[0].id)).en).toBe('There is already a template for sv/Påminnelse.');
    expect(kinds(p, 'templates')).toEqual(['ok', 'ok', 'ok', 'new']);
  });
});

describe('Budget', () => {
  test('a funder typed in beside a changed allocation: only changed allocations are confirmed here', () => {
    const p = world();
    grid(p, 'budget')[1][1] = 150000;
    grid(p, 'budget').push(['Ny finansiär', 50000, '', '']);
    expect(refusal(() => resolveReview(p, { id: items(p, 'budget')[0].id, action: 'confirm', note: 'B-0001' })).en)
      .toBe('Only changed allocations can be confirmed here; first undo rows that were added, removed or renamed.');
  });

  test('a decision reference that is no decision: refused at the note field', () => {
    const p = world();
    grid(p, 'budget')[1][1] = 150000;
    let field: string | undefined;
    try { resolveReview(p, { id: items(p, 'budget')[0].id, action: 'confirm', note: 'B-0099' }); } catch (e) { field = (e as { field?: string }).field; }
    expect(field).toBe('note');
  });
});

describe('Omfördelningar', () => {
  test('only the comment of a transfer can be confirmed here', () => {
    const p = world();
    const t = grid(p, 'transfers');
    t[1][7] = 'Enligt protokoll';
    expect(confirm(p, items(p, 'transfers')[0].id).message.en).toBe('The change on Omfördelningar row 2 is confirmed and sealed.');
    t[1][4] = 2000;
    const why = 'A transfer is recorded only in the Allocate the budget sidebar (it moves money); only the comment can be confirmed here. Undo the change.';
    expect(refusal(() => confirm(p, items(p, 'transfers')[0].id)).en).toBe(why);
    t.push(['O-0002', new Date(2009, 9, 22), 'STOKAB', 'Kommunstyrelsen', 5, 'B-0001 (Dnr 1)', 'sty@stockholm.se', '']);
    expect(refusal(() => confirm(p, items(p, 'transfers')[1].id)).en).toBe(why);
  });
});

describe('Beslut', () => {
  const typed = (p: MemoryPorts, id: string, over: { date?: Cell; status?: string } = {}) => {
    grid(p, 'decisions').push([id, over.date ?? '2009-11-05', 'Budgetomfördelning', 'Inklistrat', 'Dnr X', 'Styrgruppen', over.status ?? 'Fattat', '', '']);
    return items(p, 'decisions').find((i) => i.kind === 'new')!.id;
  };
  const ids = (p: MemoryPorts) => grid(p, 'decisions').slice(1).map((r) => r[0]);

  test('a free ID typed in lower case: kept, in capitals; the typed date sealed as a date', () => {
    const p = world();
    confirm(p, typed(p, 'b-0050'));
    const row = grid(p, 'decisions').find((r) => r[0] === 'B-0050')!;
    expect(row[1]).toEqual(new Date(2009, 10, 5));
    expect(kinds(p, 'decisions').every((k) => k === 'ok')).toBe(true);
  });

  test('a free ID typed with spaces around it, while another decision is deleted: kept', () => {
    const p = world();
    grid(p, 'decisions').splice(3, 1);
    confirm(p, typed(p, ' B-0050 '));
    expect(ids(p).at(-1)).toBe('B-0050');
  });

  test('a taken decision\'s ID typed over as it is revoked: the revocation confirmed under its own ID', () => {
    const p = world();
    const r = grid(p, 'decisions').findIndex((x) => x[0] === 'B-0004');
    grid(p, 'decisions')[r][0] = 'B-0099';
    grid(p, 'decisions')[r][6] = 'Upphävt';
    confirm(p, items(p, 'decisions')[0].id);
    expect([grid(p, 'decisions')[r][0], grid(p, 'decisions')[r][6]]).toEqual(['B-0004', 'Upphävt']);
  });

  test.each([['taken', 'B-0002'], ['taken, in lower case', 'b-0002'], ['no decision ID', 'X-12']])('an ID %s: the next free one instead', (_what, id) => {
    const p = world();
    confirm(p, typed(p, id));
    expect(ids(p).at(-1)).toBe('B-0011');
  });

  test('the ID of a deleted decision is not given again, even the last one', () => {
    const p = world();
    grid(p, 'decisions').splice(10, 1);
    confirm(p, typed(p, 'B-0010'));
    expect(ids(p).at(-1)).toBe('B-0011');
    expect(ids(p)).not.toContain('B-0010');
  });

  test('a date that is no date: refused naming Datum and the text', () => {
    const p = world();
    expect(refusal(() => confirm(p, typed(p, 'B-0050', { date: 'i morgon' }))).sv).toMatch(/^Datum: "i morgon" är inget giltigt datum/);
  });

  test('a new decision typed as revoked: refused naming Status', () => {
    const p = world();
    expect(refusal(() => confirm(p, typed(p, 'B-0050', { status: 'Upphävt' }))).en).toBe('Status: a new decision cannot be revoked.');
  });

  test('a taken decision revoked on the sheet: confirmed (a taken decision may change only to revoked)', () => {
    const p = world();
    const r = grid(p, 'decisions').findIndex((x) => x[0] === 'B-0004');
    grid(p, 'decisions')[r][6] = 'Upphävt';
    expect(confirm(p, items(p, 'decisions')[0].id).message.en).toBe(`The change on Beslut row ${r + 1} is confirmed and sealed.`);
    expect(grid(p, 'decisions')[r][6]).toBe('Upphävt');
  });

  test('a taken decision given another subject on the sheet: refused, the decision named', () => {
    const p = world();
    const r = grid(p, 'decisions').findIndex((x) => x[0] === 'B-0004');
    grid(p, 'decisions')[r][2] = 'Tema';
    expect(refusal(() => confirm(p, items(p, 'decisions')[0].id)).en).toBe('Subject: decision B-0004 is taken and is not changed (record a new decision instead).');
  });
});

describe('guardSheetEdit', () => {
  test('a template with an altered seal typed on by the project leader: waits for review (not "only undo")', () => {
    const p = as(world(), PL);
    const t = grid(p, 'templates');
    t[2][4] = String(t[2][4]).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const msg = guardSheetEdit(p, 'templates', { row: 3, column: 2, numRows: 1, numColumns: 1 });
    expect(msg?.en).toBe('Mallar row 3 (en): the row\'s seal was altered, so the row cannot be checked. It has no effect until the project leader confirms it under Review changes.');
  });

  test('an edit on another sheet than Budget leaves Översikt\'s verification cell alone', () => {
    const p = as(world(), EKO);
    const ov = new MemoryTable(SHEETS.overview, ['Översikt'], [], p.workbook.counters);
    p.workbook.tables.set(SHEETS.overview, ov);
    ov.grid[OVERVIEW_STATUS_ROW - 1] = ['markör'];
    grid(p, 'ledger')[1][5] = 999;
    grid(p, 'templates')[1][1] = 'Annat';
    guardSheetEdit(p, 'templates', { row: 2, column: 2, numRows: 1, numColumns: 1 });
    expect(ov.grid[OVERVIEW_STATUS_ROW - 1][0]).toBe('markör');
  });
});

test('acceptLog: the accepted log verifies as intact against the anchor\'s new checkpoints', () => {
  const p = as(world(), OWNER);
  const log = p.workbook.get('log').grid;
  log.length -= 1;
  expect(verifyAudit(p).ok).toBe(false);
  acceptLog(p);
  const v = verifyAudit(p);
  expect(v.message.en).toBe(`The log is intact: ${log.length - 1} rows verified against its anchor.`);
  expect(logRecords(p).at(-1)).toMatchObject({ Åtgärd: 'logg.godkänd' });
});
