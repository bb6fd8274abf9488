/**
 * resolveReview (src/app/review.ts): undoing and confirming one item of Granska ändringar. The item's id must
 * still name what was shown (else "gone", nothing saved); only who decides the sheet may; an undo puts the
 * journal's values back (or clears a row the journal never had, or appends a deleted row), a confirm judges the
 * row by its sheet's rules; each is logged, and Översikt's verification cell follows Budget and Kostnader.
 */
import { listReview, resolveReview, type ReviewItem } from '../../../src/app/review';
import { checkTable, Journal } from '../../../src/app/journal';
import { OVERVIEW_STATUS_ROW } from '../../../src/core/overview-sheet';
import { SHEETS } from '../../../src/core/schema';
import { MemoryTable, type MemoryPorts } from '../../support/memory';
import { costRow, EKO, logRecords, PL } from './budget-fixture';
import { as, grid, OWNER, refusal, world } from './review-fixture';

type T = 'settings' | 'event' | 'budget' | 'ledger' | 'templates' | 'decisions' | 'transfers' | 'guests';
const item = (p: MemoryPorts, table: T, n = 0): ReviewItem => listReview(p).items.filter((i) => i.table === table)[n];
const undo = (p: MemoryPorts, id: string) => resolveReview(p, { id, action: 'undo' });
const confirm = (p: MemoryPorts, id: string, note?: string) => resolveReview(p, { id, action: 'confirm', ...(note === undefined ? {} : { note }) });
const kinds = (p: MemoryPorts, t: T) => checkTable(new Journal(p), t).rows.map((r) => r.kind);
const last = (p: MemoryPorts) => logRecords(p).at(-1)!;
/** Logg's Före or Efter as an object (Logg writes the keys sorted). */
const obj = (v: unknown) => JSON.parse(String(v)) as Record<string, unknown>;
const GONE = 'The change is no longer as shown (it was already handled or changed again). Reload the list; nothing was saved.';

/** Kronor as the log writes them (Swedish, with no-break spaces), with plain spaces. */
const plain = (v: unknown) => String(v).replace(/[\u00a0\u202f]/g, ' ');
/** Mallar's sv row changed on the sheet and confirmed, then the row as it was pasted back: an older authentic copy. */
function olderTemplateCopy() {
  const p = as(world(), PL);
  const t = grid(p, 'templates');
  const old = t[1].slice();
  t[1][1] = 'Nytt ämne';
  confirm(p, item(p, 'templates').id);
  t[1] = old;
  return { p, t };
}

describe('the item must still be as shown', () => {
  test('an argument that is no decision: refused as invalid, nothing saved', () => {
    const p = as(world(), OWNER);
    grid(p, 'settings')[2][1] = 80;
    const id = item(p, 'settings').id;
    for (const bad of [{ id, action: 'maybe' }, { id, action: 'undo', extra: 1 }, { id: 5, action: 'undo' }, null]) {
      expect(refusal(() => resolveReview(p, bad)).en).toBe('Invalid input. Nothing was saved.');
    }
    expect(grid(p, 'settings')[2][1]).toBe(80);
  });

  test.each([
    ['a sheet Granska ändringar does not know', 'nosuch:3:Varningsgräns (%)'],
    ['text before the table', 'Xsettings:3:Varningsgräns (%)'],
    ['no row number', 'settings:x:Varningsgräns (%)'],
    ['the right row under another key', 'settings:3:Totalbudget'],
    ['the right key on another row', 'settings:4:Varningsgräns (%)'],
    ['a changed row named as if deleted', 'settings:0:Varningsgräns (%)'],
    ['a row that is fine', 'settings:2:Totalbudget'],
  ])('%s: gone, nothing saved', (_what, id) => {
    const p = as(world(), OWNER);
    grid(p, 'settings')[2][1] = 80;
    expect(refusal(() => undo(p, id)).en).toBe(GONE);
    expect(grid(p, 'settings')[2][1]).toBe(80);
    expect(kinds(p, 'settings')[1]).toBe('changed');
  });

  test('a deleted row named with a row number: gone (a deleted row is named with row 0)', () => {
    const p = world();
    grid(p, 'decisions').splice(3, 1);
    expect(item(p, 'decisions').id).toBe('decisions:0:B-0003');
    expect(refusal(() => undo(p, 'decisions:4:B-0003')).en).toBe(GONE);
    expect(undo(p, 'decisions:0:B-0003').message.en).toMatch(/^The row B-0003 is back at the end of the Beslut sheet\./);
  });

  test('handled twice: the second time it is gone', () => {
    const p = as(world(), OWNER);
    grid(p, 'settings')[2][1] = 80;
    const id = item(p, 'settings').id;
    undo(p, id);
    expect(refusal(() => undo(p, id)).en).toBe(GONE);
  });

  test('Inställningar is an administrator\'s: the steering group is refused as no administrator', () => {
    const p = world();
    grid(p, 'settings')[2][1] = 80;
    expect(refusal(() => undo(p, item(p, 'settings').id)).en)
      .toBe('You are not allowed to do this: only the spreadsheet\'s owner and the administrators on the Inställningar sheet may.');
    expect(refusal(() => undo(as(p, EKO), 'budget:2:Kommunstyrelsen')).en).toBe(
      'You are not allowed to do this: only the steering group may. An administrator gives roles in Summit Planner → Settings.');
  });
});

describe('what a decision says it changed', () => {
  test('a role confirmed on Inställningar: rolesChanged (the page reloads the caller\'s roles); another setting: not', () => {
    const p = as(world(), OWNER);
    grid(p, 'settings')[3][1] = 'ny@stockholm.se';
    grid(p, 'settings')[2][1] = 80;
    expect(confirm(p, item(p, 'settings', 1).id)).toMatchObject({ rolesChanged: true, table: 'settings', message: { en: 'The change on Inställningar row 4 is confirmed and sealed.' } });
    expect(confirm(p, item(p, 'settings').id)).toMatchObject({ rolesChanged: false, table: 'settings', message: { en: 'The change on Inställningar row 3 is confirmed and sealed.' } });
    expect(grid(p, 'settings')[2][1]).toBe(80);
    expect(kinds(p, 'settings').every((k) => k === 'ok')).toBe(true);
  });

  test('a row keyed like a role typed on Evenemang and undone: no roles changed', () => {
    const p = as(world(), PL);
    grid(p, 'event').push(['Ekonomi', 'x@stockholm.se', '', '']);
    const r = undo(p, item(p, 'event').id);
    expect(r).toMatchObject({ rolesChanged: false, table: 'event', message: { en: 'Row 4 on the Evenemang sheet was emptied: Summit Planner did not write it.' } });
  });

  test('Översikt\'s verification cell follows an undo on Budget and Kostnader, and is not written for other sheets', () => {
    const p = world();
    const ov = new MemoryTable(SHEETS.overview, ['Översikt'], [], p.workbook.counters);
    p.workbook.tables.set(SHEETS.overview, ov);
    const cell = () => String(ov.grid[OVERVIEW_STATUS_ROW - 1]?.[0] ?? '');
    grid(p, 'budget')[1][1] = 150000;
    grid(p, 'ledger')[1][5] = 999;
    undo(p, item(p, 'budget').id);
    expect(cell()).toMatch(/^⚠ 1\s+ändring gjord utanför Summit Planner väntar på granskning/);
    undo(as(p, EKO), item(p, 'ledger').id);
    expect(cell()).toBe('');
    // A cost typed again (no onEdit ran): the cell says nothing waits until Budget or Kostnader is decided on …
    grid(p, 'ledger')[1][5] = 777;
    grid(p, 'templates')[1][1] = 'Annat';
    ov.grid[OVERVIEW_STATUS_ROW - 1] = ['markör'];
    undo(as(p, PL), item(p, 'templates').id);
    expect(cell()).toBe('markör');
  });
});

describe('undo', () => {
  test('a changed setting: the sealed value back, logged with both values, named by sheet, row and key', () => {
    const p = as(world(), OWNER);
    grid(p, 'settings')[2][1] = 80;
    expect(undo(p, item(p, 'settings').id).message.en).toBe('Inställningar row 3 (Varningsgräns (%)) is back to Summit Planner\'s values.');
    expect(grid(p, 'settings')[2][1]).toBe(90);
    expect(last(p)).toMatchObject({ Åtgärd: 'inställning.ändring-ångrad', Objekt: 'Varningsgräns (%)', Före: JSON.stringify({ Värde: '80' }), Efter: JSON.stringify({ Värde: '90' }) });
  });

  test('a cost typed in: the row emptied, logged by sheet and row with what it held', () => {
    const p = as(world(), EKO);
    grid(p, 'ledger').push(costRow({ id: 'K-0009', description: 'Hyra', amount: 5000 }).slice(0, 11));
    expect(undo(p, item(p, 'ledger').id).message.en).toBe('Row 3 on the Kostnader sheet was emptied: Summit Planner did not write it.');
    expect(grid(p, 'ledger')[2].every((v) => v === '')).toBe(true);
    const l = last(p);
    expect(l).toMatchObject({ Åtgärd: 'kostnad.ångrad', Objekt: 'Kostnader rad 3' });
    expect(JSON.parse(plain(l.Före))).toMatchObject({ ID: 'K-0009', Beskrivning: 'Hyra', Belopp: '5 000,00 kr', Finansiär: 'STOKAB' });
  });

  test('a copied decision: emptied; the wording, who decided and the note logged by name only', () => {
    const p = world();
    grid(p, 'decisions').push(grid(p, 'decisions')[2].slice());
    undo(p, item(p, 'decisions').id);
    expect(grid(p, 'decisions')[11].every((v) => v === '')).toBe(true);
    const before = JSON.parse(String(last(p).Före)) as Record<string, unknown>;
    expect(before).toMatchObject({ ID: 'B-0002', Referens: 'Dnr 2', Beslut: '(ändrad)', 'Beslutat av': '(ändrad)', Anteckning: '(ändrad)', Status: 'Fattat' });
  });

  test('a guest typed in: emptied; the personal fields logged by name only', () => {
    const p = world();
    grid(p, 'guests').push(['', 'Eva', 'Ek', '', '', '', 'eva@example.se', 'sv', 'konferensen', '', 'Föreslagen', '', '', '']);
    undo(p, item(p, 'guests').id);
    const before = JSON.parse(String(last(p).Före)) as Record<string, unknown>;
    expect(before).toMatchObject({ Språk: 'sv', Status: 'Föreslagen', fält: ['Förnamn', 'Efternamn', 'Titel', 'Organisation', 'Land', 'E-post', 'Kost/allergier', 'Anteckning'] });
    expect(JSON.stringify(before)).not.toMatch(/Eva|eva@/);
  });

  test('an older copy of a template: the journal\'s latest values back, logged with what it read and what it now reads', () => {
    const { p, t } = olderTemplateCopy();
    expect(undo(p, item(p, 'templates').id).message.en).toBe('Mallar row 2 (sv) is back to Summit Planner\'s values.');
    expect(t[1].slice(0, 4)).toEqual(['sv', 'Nytt ämne', 'Hej', '']);
    expect(kinds(p, 'templates')).toEqual(['ok', 'ok']);
    expect(last(p)).toMatchObject({ Åtgärd: 'mall.ändring-ångrad', Objekt: 'sv' });
    expect(obj(last(p).Före)).toEqual({ Språk: 'sv', Ämne: 'Ämne', Brödtext: 'Hej', Typ: '(tomt)' });
    expect(obj(last(p).Efter)).toEqual({ Språk: 'sv', Ämne: 'Nytt ämne', Brödtext: 'Hej', Typ: '(tomt)' });
  });

  test('a template whose seal was altered: the journal\'s values of its key back in that row', () => {
    const p = as(world(), PL);
    const t = grid(p, 'templates');
    t[2][2] = 'Hej då';
    t[2][4] = String(t[2][4]).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(undo(p, item(p, 'templates').id).message.en).toBe('Mallar row 3 (en) is back to Summit Planner\'s values.');
    expect(t[2].slice(0, 4)).toEqual(['en', 'Subject', 'Hello', '']);
    expect(kinds(p, 'templates')).toEqual(['ok', 'ok']);
    expect(listReview(p).items).toEqual([]);
  });

  test('a template typed in under the language of a deleted one: emptied, not filled with the deleted one\'s values', () => {
    const p = as(world(), PL);
    const t = grid(p, 'templates');
    t.splice(2, 1);
    t.push(['en', 'Typed', 'By hand', '']);
    const typed = item(p, 'templates');
    expect(typed.kind).toBe('new');
    expect(undo(p, typed.id).message.en).toBe('Row 3 on the Mallar sheet was emptied: Summit Planner did not write it.');
    expect(t[2].every((v) => v === '')).toBe(true);
  });

  test('a forged row under a key the journal never had: emptied', () => {
    const p = as(world(), PL);
    const t = grid(p, 'templates');
    t[2][0] = 'xx';
    t[2][4] = String(t[2][4]).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const forged = listReview(p).items.find((i) => i.kind === 'forged')!;
    expect(forged.key).toBe('xx');
    expect(undo(p, forged.id).message.en).toBe('Row 3 on the Mallar sheet was emptied: Summit Planner did not write it.');
  });

  test('a forged row while another template is deleted: its own key\'s values back, not the other\'s', () => {
    const p = as(world(), PL);
    const t = grid(p, 'templates');
    t[2][4] = String(t[2][4]).replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    t.splice(1, 1);
    const forged = listReview(p).items.find((i) => i.kind === 'forged')!;
    expect(listReview(p).items.filter((i) => i.kind === 'missing').map((i) => i.key).sort()).toEqual(['en', 'sv']);
    undo(p, forged.id);
    expect(t[1].slice(0, 4)).toEqual(['en', 'Subject', 'Hello', '']);
  });

  test('a deleted template: appended with the journal\'s values, logged, nothing said of personal data', () => {
    const p = as(world(), PL);
    grid(p, 'templates').splice(1, 1);
    expect(undo(p, item(p, 'templates').id).message.en).toBe('The row sv is back at the end of the Mallar sheet.');
    expect(grid(p, 'templates')[2].slice(0, 4)).toEqual(['sv', 'Ämne', 'Hej', '']);
    expect(last(p)).toMatchObject({ Åtgärd: 'mall.återställd', Objekt: 'sv' });
    expect(obj(last(p).Efter)).toEqual({ Språk: 'sv', Ämne: 'Ämne', Brödtext: 'Hej', Typ: '(tomt)' });
  });

  test('a deleted guest: appended without the contact details, which the message says to take from the version history', () => {
    const p = world();
    grid(p, 'guests').splice(1, 1);
    expect(undo(p, item(p, 'guests').id).message.en).toBe('The row G-0001 is back at the end of the Gäster sheet. The contact details are not in the log: take them from the spreadsheet\'s version history (File → Version history).');
  });
});

describe('confirming a deletion', () => {
  test('a funder\'s row: refused (restore and reallocate instead)', () => {
    const p = world();
    grid(p, 'budget').splice(4, 1);
    expect(refusal(() => confirm(p, item(p, 'budget').id, 'B-0001')).en).toBe('A funder is not removed by confirming a deleted row: restore the row and reallocate the budget first.');
  });

  test('a template: the removal confirmed, logged with the values it had; the sheet then has nothing waiting', () => {
    const p = as(world(), PL);
    grid(p, 'templates').splice(2, 1);
    expect(confirm(p, item(p, 'templates').id).message.en).toBe('The removal of en from the Mallar sheet is confirmed.');
    expect(last(p)).toMatchObject({ Åtgärd: 'mall.borttagning-godkänd', Objekt: 'en' });
    expect(obj(last(p).Före)).toEqual({ Språk: 'en', Ämne: 'Subject', Brödtext: 'Hello', Typ: '(tomt)' });
    expect(listReview(p).items).toEqual([]);
  });
});

describe('confirming a row', () => {
  test('an older copy can only be undone: the refusal names the row', () => {
    const { p } = olderTemplateCopy();
    expect(refusal(() => confirm(p, item(p, 'templates').id)).en).toBe('Mallar row 2 (sv): an older version of the row (pasted, or from a restored version). Such a row can only be undone; then make the change in the sidebar.');
  });

  test('a changed template: logged with only the changed field before and after', () => {
    const p = as(world(), PL);
    grid(p, 'templates')[2][2] = 'Hello again';
    expect(confirm(p, item(p, 'templates').id).message.en).toBe('The change on Mallar row 3 is confirmed and sealed.');
    expect(last(p)).toMatchObject({ Åtgärd: 'mall.ändring-godkänd', Objekt: 'en', Före: JSON.stringify({ Brödtext: 'Hello' }), Efter: JSON.stringify({ Brödtext: 'Hello again' }) });
  });

  test('a cost typed in without an ID: given the next one, sealed and logged with every field under it', () => {
    const p = as(world(), EKO);
    grid(p, 'ledger').push(costRow({ id: '', description: 'Hyra', amount: 5000 }).slice(0, 11));
    expect(confirm(p, item(p, 'ledger').id).message.en).toBe('The change on Kostnader row 3 is confirmed and sealed.');
    expect(grid(p, 'ledger')[2][0]).toBe('K-0002');
    const l = last(p);
    expect(l).toMatchObject({ Åtgärd: 'kostnad.ändring-godkänd', Objekt: 'K-0002', Före: '' });
    expect(Object.keys(obj(l.Efter)).sort()).toEqual(['ID', 'Datum', 'Finansiär', 'Kategori', 'Beskrivning', 'Belopp', 'Leverantör', 'Referens', 'Status', 'Registrerad av', 'Registrerad', 'Programpunkt'].sort());
    expect(kinds(p, 'ledger')).toEqual(['ok', 'ok']);
  });

  test('a cost typed in over the funder\'s allocation: refused with the ledger\'s reason', () => {
    const p = as(world(), EKO);
    grid(p, 'ledger').push(costRow({ id: '', description: 'Hyra', amount: 300000 }).slice(0, 11));
    expect(refusal(() => confirm(p, item(p, 'ledger').id)).en).toBe('The change does not fit: STOKAB has 199,900.00 SEK left, the change books 300,000.00 SEK more. Short by 100,100.00 SEK.');
    expect(kinds(p, 'ledger')).toEqual(['ok', 'new']);
  });
});
