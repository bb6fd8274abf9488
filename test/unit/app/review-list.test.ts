/**
 * listReview (src/app/review.ts): what waits for review, item by item, for the page Granska ändringar. Only role
 * holders and administrators see it (it shows what changed); each item says who decides and whether the caller
 * may, whether it can be confirmed at all (an older copy, a forged seal or a duplicate can only be undone), the
 * fields with their before and now values, and how many other Budget rows go with it; the log's count is checked.
 */
import { listReview, resolveReview, type ReviewItem } from '../../../src/app/review';
import { checkTable, Journal } from '../../../src/app/journal';
import type { MemoryPorts } from '../../support/memory';
import { costRow, EKO, PL, STY } from './budget-fixture';
import { as, grid, OWNER, refusal, world } from './review-fixture';

/** Kronor as shown (Swedish, with no-break spaces) compared with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const items = (p: MemoryPorts, table: string): ReviewItem[] => listReview(p).items.filter((i) => i.table === table);
const fields = (i: ReviewItem) => i.fields.map((f) => [f.header, plain(f.before), plain(f.now)]);

describe('who sees the list', () => {
  test('someone with no role who is no administrator is refused, naming the three roles', () => {
    expect(refusal(() => listReview(as(world(), 'okand@stockholm.se'))).en)
      .toBe('You are not allowed to do this: only the steering group or the project leader or finance staff may. An administrator gives roles in Summit Planner → Settings.');
  });

  test('the owner without a role sees it; an administrator decides Inställningar and Evenemang, not Budget', () => {
    const p = as(world(), OWNER);
    grid(p, 'settings')[2][1] = 80;
    grid(p, 'event')[1][1] = '2009-12-10';
    grid(p, 'budget')[1][1] = 150000;
    const v = listReview(p);
    expect(v).toMatchObject({ user: OWNER, roles: [], admin: true, log: null });
    expect(v.items.map((i) => [i.table, i.mayDecide, i.who.en])).toEqual([
      ['settings', true, 'an administrator'], ['event', true, 'the project leader'], ['budget', false, 'the steering group'],
    ]);
  });

  test('the project leader decides Evenemang, not Inställningar; the steering group decides Budget', () => {
    const p = as(world(), PL);
    grid(p, 'settings')[2][1] = 80;
    grid(p, 'event')[1][1] = '2009-12-10';
    grid(p, 'budget')[1][1] = 150000;
    expect(listReview(p).items.map((i) => [i.table, i.mayDecide])).toEqual([['settings', false], ['event', true], ['budget', false]]);
    expect(listReview(as(p, STY)).items.map((i) => [i.table, i.mayDecide])).toEqual([['settings', false], ['event', false], ['budget', true]]);
    expect(listReview(as(p, STY)).admin).toBe(false);
  });
});

describe('the items', () => {
  test('nothing changed: no items (each sheet checked once), the log matches', () => {
    expect(listReview(world())).toMatchObject({ items: [], log: null, admin: false, roles: ['styrgrupp'] });
  });

  test('a changed setting is listed once, with only the field that changed', () => {
    const p = as(world(), OWNER);
    grid(p, 'settings')[2][1] = 80;
    const [i] = listReview(p).items;
    expect(listReview(p).items).toHaveLength(1);
    expect(i).toMatchObject({ id: 'settings:3:Varningsgräns (%)', sheet: 'Inställningar', row: 3, key: 'Varningsgräns (%)', kind: 'changed', canConfirm: true, needsNote: false, together: 0 });
    expect(fields(i)).toEqual([['Värde', '90', '80']]);
    expect(i.message.en).toBe('Inställningar row 3 (Varningsgräns (%)): changed outside Summit Planner (Värde 90 → 80).');
  });

  test('Budget rows go together: two changed and one deleted, each item counts the other two and needs a decision reference', () => {
    const p = world();
    grid(p, 'budget')[1][1] = 150000;
    grid(p, 'budget')[2][1] = 250000;
    grid(p, 'budget').splice(4, 1);
    const b = items(p, 'budget');
    expect(b.map((i) => [i.id, i.kind, i.canConfirm, i.needsNote, i.together])).toEqual([
      ['budget:2:Kommunstyrelsen', 'changed', true, true, 2],
      ['budget:3:Stockholm Business Region AB', 'changed', true, true, 2],
      // A funder is not removed by confirming its deleted row: it can only be restored.
      ['budget:0:STOKAB', 'missing', false, true, 2],
    ]);
    expect(fields(b[1])).toEqual([['Tilldelning', '200 000,00 kr', '250 000,00 kr']]);
    expect(fields(b[2])).toEqual([['Finansiär', 'STOKAB', ''], ['Tilldelning', '200 000,00 kr', ''], ['Varningsgräns', '(tomt)', ''], ['Anteckning', '(tomt)', '']]);
    expect(b[2].row).toBe(0);
    expect(b[2].message.en).toBe('Budget: the row STOKAB was removed outside Summit Planner.');
  });

  test('a row typed in on Kostnader: new, can be confirmed, every sealed field shown as it now reads', () => {
    const p = as(world(), EKO);
    grid(p, 'ledger').push(costRow({ id: 'K-0009', description: 'Hyra', amount: 5000 }).slice(0, 11));
    const [i] = items(p, 'ledger');
    expect(i).toMatchObject({ id: 'ledger:3:K-0009', kind: 'new', canConfirm: true, mayDecide: true, needsNote: false, together: 0 });
    expect(fields(i).map(([h, b, n]) => [h, b, n])).toEqual([
      ['ID', '', 'K-0009'], ['Datum', '', '2009-12-08'], ['Finansiär', '', 'STOKAB'], ['Kategori', '', 'övrigt'], ['Beskrivning', '', 'Hyra'],
      ['Belopp', '', '5 000,00 kr'], ['Leverantör', '', '(tomt)'], ['Referens', '', '(tomt)'], ['Status', '', 'Planerad'],
      ['Registrerad av', '', EKO], ['Registrerad', '', '2009-11-01 00:00'], ['Programpunkt', '', '(tomt)'],
    ]);
  });

  test('a copy of a decision row: a duplicate, undo only, no field differs from its seal', () => {
    const p = world();
    grid(p, 'decisions').push(grid(p, 'decisions')[2].slice());
    const [i] = items(p, 'decisions');
    expect(i).toMatchObject({ id: 'decisions:12:B-0002', kind: 'duplicate', canConfirm: false, fields: [] });
  });

  test('a template\'s seal altered: forged (undo only, every field new), and its journal row listed as removed (can be confirmed)', () => {
    const p = as(world(), PL);
    const t = grid(p, 'templates');
    t[2][4] = String(t[2][4]).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const [forged, missing] = items(p, 'templates');
    expect(forged).toMatchObject({ id: 'templates:3:en', kind: 'forged', canConfirm: false });
    expect(fields(forged)).toEqual([['Språk', '', 'en'], ['Ämne', '', 'Subject'], ['Brödtext', '', 'Hello'], ['Typ', '', '(tomt)']]);
    expect(missing).toMatchObject({ id: 'templates:0:en', row: 0, kind: 'missing', canConfirm: true, together: 0 });
    expect(fields(missing)).toEqual([['Språk', 'en', ''], ['Ämne', 'Subject', ''], ['Brödtext', 'Hello', ''], ['Typ', '(tomt)', '']]);
  });

  test('an older copy of a template pasted back: stale, undo only, the fields it differs in from the journal\'s latest', () => {
    const p = as(world(), PL);
    const t = grid(p, 'templates');
    const old = t[1].slice();
    t[1][1] = 'Nytt ämne';
    // The project leader's change, confirmed in Granska ändringar: the journal's latest is now "Nytt ämne".
    const id = items(p, 'templates')[0].id;
    resolveReview(p, { id, action: 'confirm' });
    t[1] = old;
    const [i] = items(p, 'templates');
    expect(checkTable(new Journal(p), 'templates').rows[0].kind).toBe('stale');
    expect(i).toMatchObject({ id: 'templates:2:sv', kind: 'stale', canConfirm: false });
    expect(fields(i)).toEqual([['Ämne', 'Nytt ämne', 'Ämne']]);
  });
});

describe('the log', () => {
  test('rows removed from Logg: the count and the anchor\'s named, so nothing is written until an administrator accepts it', () => {
    const p = world();
    const log = p.workbook.get('log').grid;
    const n = log.length - 1;
    log.length -= 2;
    expect(listReview(p).log?.en).toBe(`The log has ${n - 2} rows but should have ${n} according to its anchor: rows were removed outside Summit Planner, or an older version was restored. Nothing was saved. Run Summit Planner → Verify the log; an administrator looks into it and accepts the log under Review changes.`);
  });

  test('no Logg sheet at all: counted as none', () => {
    const p = world();
    const n = p.workbook.get('log').grid.length - 1;
    p.workbook.tables.delete('Logg');
    expect(listReview(p).log?.en).toMatch(new RegExp(`^The log has 0 rows but should have ${n} according to its anchor: rows were removed`));
  });
});
