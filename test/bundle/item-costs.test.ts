/**
 * Costs tied to Program items (issue 10), run from the built Code.js in the emulator: the cost form's
 * optional item (refused with the reason when it names no item), the same rule for a Programpunkt typed
 * on Kostnader, Översikt's cost per item next to its category, the Program sidebar's cost per item,
 * and set-up bringing an older workbook's Kostnader and Översikt to this layout with nothing lost.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { CODE, EKO, PL, api, lastLog, logActions, run, setUpWorkbook, snapshot, workbookProperty } from '../support/bundle';
import { sheetState } from '../support/ledger';
import { SEAL_KEY } from '../../src/app/journal';
import { base64Url } from '../../src/core/rsvp';
import { parseSealKey } from '../../src/core/seal';
import { utf8 } from '../../src/core/hash';
import type { ProgramView } from '../../src/app/program';
import type { CostList } from '../../src/app/contract';
import type { Emulator } from '../../src/sandbox/emulator';

const COST = { funder: 'STOKAB', category: 'representationsmiddag', description: 'Middag Stadshuset', amount: '40 000', date: '2009-11-01', status: 'Beställd' };

const must = <T>(r: { ok: true; data: T } | { ok: false; message: string }): T => {
  if (!r.ok) throw new Error(r.message);
  return r.data;
};
const header = (emu: Emulator, sheet = 'Kostnader') => emu.sheetValues(sheet)[0].map(String);
const colOf = (emu: Emulator, h: string) => header(emu).indexOf(h) + 1;
/** Översikt's rows from the item section's header on: [ID, title, category, booked for the item, booked in the category]. */
const itemSection = (emu: Emulator) => {
  const rows = emu.sheetValues('Översikt');
  const at = rows.findIndex((r) => r[0] === 'Programpunkt');
  return at < 0 ? null : rows.slice(at);
};
const programView = (emu: Emulator) => must(api<ProgramView>(emu, 'getProgram', [], PL));
const nbsp = (s: string) => s.replace(/\u00a0/g, ' ');

describe('a cost tied to a Program item', () => {
  test('is stored in Programpunkt, sealed and logged; Översikt and the Program sidebar show it next to its category', () => {
    const emu = setUpWorkbook();
    must(api(emu, 'recordCost', [{ ...COST, item: 'P-003' }], EKO));
    must(api(emu, 'recordCost', [{ ...COST, amount: '5 000', item: 'p-003' }], EKO)); // an ID is matched as the sheet writes it
    must(api(emu, 'recordCost', [{ ...COST, amount: '1 000', status: 'Planerad' }], EKO)); // same category, no item
    const rows = emu.sheetValues('Kostnader');
    expect(rows.slice(1).map((r) => r[colOf(emu, 'Programpunkt') - 1])).toEqual(['P-003', 'P-003', '']);
    expect(lastLog(emu).action).toBe('kostnad.registrerad');
    expect(emu.sheetValues('Logg').filter((r) => r[2] === 'kostnad.registrerad')[0][5]).toContain('"item":"P-003"');
    // Översikt: the dinner has booked 45 000 kr; its category (representationsmiddag) 46 000 kr in all.
    const section = itemSection(emu)!;
    expect(section[0].slice(0, 5)).toEqual(['Programpunkt', 'Rubrik', 'Kategori', 'Bokat för punkten', 'Bokat i kategorin']);
    expect(section.find((r) => r[0] === 'P-003')!.slice(0, 5)).toEqual(['P-003', 'representationsmiddagen', 'representationsmiddag', 45000, 46000]);
    expect(section.find((r) => r[0] === 'P-001')!.slice(3, 5)).toEqual([0, 0]);
    // The Program sidebar: the same figures, in öre.
    const dinner = programView(emu).items.find((i) => i.id === 'P-003')!;
    expect(dinner.cost).toEqual({ booked: 4_500_000, costs: 2, categoryBooked: 4_600_000 });
    // A cancelled cost no longer counts, in either place.
    must(api(emu, 'updateCost', [{ id: 'K-0002', status: 'Makulerad' }], EKO));
    expect(itemSection(emu)!.find((r) => r[0] === 'P-003')![3]).toBe(40000);
    expect(programView(emu).items.find((i) => i.id === 'P-003')!.cost.booked).toBe(4_000_000);
    // The cost list names the item; the cost form offers the items in programme order.
    const list = must(api<CostList>(emu, 'listCosts', [], EKO));
    expect(list.costs.map((c) => c.item)).toEqual(['', 'P-003', 'P-003']);
    const form = must(api<{ items: { id: string; label: string; category: string }[] }>(emu, 'getBudgetForm', [], EKO));
    expect(form.items.map((i) => i.label)).toEqual(['konferensen (P-001)', 'representationsmiddagen (P-003)', 'konferensen (P-002)', 'studiebesök (P-004)']);
    expect(form.items[1].category).toBe('representationsmiddag');
  });

  test('a reference to an item that does not exist is refused with the reason; nothing is written', () => {
    const emu = setUpWorkbook();
    const before = snapshot(emu);
    const missing = api(emu, 'recordCost', [{ ...COST, item: 'P-099' }], EKO);
    expect(missing).toMatchObject({
      ok: false, field: 'item',
      message: 'Programpunkt: P-099 finns inte i Program (borttagen, eller aldrig sparad av Summit Planner). Välj en befintlig punkt eller lämna fältet tomt.',
    });
    const notAnId = api(emu, 'recordCost', [{ ...COST, item: 'middagen' }], EKO);
    expect(notAnId).toMatchObject({ ok: false, field: 'item', message: expect.stringMatching(/^Programpunkt: "middagen" är inget ID för en programpunkt/) });
    expect(run(emu, 'recordCost', [{ ...COST, item: 'P-099' }], { user: EKO, locale: 'en_GB' }).result).toMatchObject({
      ok: false, message: 'Programme item: P-099 is not in Program (deleted, or never saved by Summit Planner). Choose an existing item or leave the field empty.',
    });
    expect(snapshot(emu)).toBe(before);
    expect(logActions(emu).filter((a) => a === 'kostnad.registrerad')).toHaveLength(0);
  });

  test('an item typed by hand on Program (not yet confirmed) cannot be cited', () => {
    const emu = setUpWorkbook();
    const h = header(emu, 'Program');
    const typed: Record<string, string> = { ID: 'P-050', Rubrik: 'Handskriven', Typ: 'övrigt', Datum: '2009-12-08', Start: '10:00', Slut: '11:00', Arrangör: 'staden' };
    const next = emu.sheetValues('Program').length + 1;
    emu.fireEdit(CODE, { sheet: 'Program', row: next, col: 1, numRows: 1, numCols: h.length, values: [h.map((x) => typed[x] ?? '')], user: PL });
    expect(emu.sheetValues('Program')[next - 1][0]).toBe('P-050');
    expect(api(emu, 'recordCost', [{ ...COST, item: 'P-050' }], EKO)).toMatchObject({ ok: false, field: 'item', message: expect.stringMatching(/^Programpunkt: P-050 finns inte i Program/) });
  });

  test('typed on Kostnader: a missing item is put back with the reason; an existing one is sealed', () => {
    const emu = setUpWorkbook();
    must(api(emu, 'recordCost', [COST], EKO));
    const col = colOf(emu, 'Programpunkt');
    const bad = emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col, values: [['P-077']], user: EKO });
    expect(nbsp(bad.ui.toasts[0].msg)).toMatch(/Programpunkt: P-077 finns inte i Program/);
    expect(emu.sheetValues('Kostnader')[1][col - 1]).toBe('');
    emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col, values: [['P-003']], user: EKO });
    expect(emu.sheetValues('Kostnader')[1][col - 1]).toBe('P-003');
    expect(lastLog(emu)).toMatchObject({ action: 'kostnad.direktändring', object: 'K-0001' });
    expect(programView(emu).items.find((i) => i.id === 'P-003')!.cost.booked).toBe(4_000_000);
    expect(must(api<CostList>(emu, 'listCosts', [], EKO)).costs[0].review).toBe('');
  });

  test('an item costs are tied to cannot be deleted; the refusal names the costs', () => {
    const emu = setUpWorkbook();
    const added = must(api<{ id: string }>(emu, 'saveProgramItem', [{ title: 'Pressträff', type: 'kommunikation', date: '2009-12-08', start: '12:00', end: '12:30', organiser: 'staden' }], PL));
    must(api(emu, 'recordCost', [{ ...COST, category: 'kommunikation', amount: '2 000', item: added.id }], EKO));
    expect(api(emu, 'deleteProgramItem', [{ id: added.id }], PL)).toMatchObject({
      ok: false, message: `${added.id} kan inte tas bort: kostnaden K-0001 hör till den. Ändra först dess programpunkt i Kostnader.`,
    });
    expect(programView(emu).items.some((i) => i.id === added.id)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// An older workbook: Kostnader without Programpunkt (rows sealed before it existed), Översikt without items

/** Re-seals every Kostnader row as the version before Programpunkt did: a snapshot of its 11 values, MAC'd with the workbook's key. */
function asOlderVersion(emu: Emulator): void {
  const key = parseSealKey(workbookProperty(emu, SEAL_KEY) ?? null)!;
  const ledger = sheetState(emu, 'Kostnader');
  const h = ledger.rows[0]!.map((c) => String(c?.v ?? ''));
  const drop = h.indexOf('Programpunkt');
  const seal = h.indexOf('Sigill');
  ledger.rows = ledger.rows.map((r, i) => {
    const row = [...(r ?? [])];
    if (i > 0 && row[seal]?.v) {
      const [, seq, , snapshot] = /^S1\|(\d+)\|([^|]+)\|(.*)$/.exec(String(row[seal]!.v))!;
      const older = JSON.stringify((JSON.parse(snapshot) as unknown[]).slice(0, -1));
      const mac = base64Url(hmac(sha256, key, utf8(`ledger\u0000${seq}\u0000${older}`)).subarray(0, 16));
      row[seal] = { v: `S1|${seq}|${mac}|${older}` };
    }
    row.splice(drop, 1);
    return row;
  });
  const ov = sheetState(emu, 'Översikt');
  const at = ov.rows.findIndex((r) => r?.[0]?.v === 'Programpunkt');
  ov.rows = ov.rows.slice(0, at - 1);
}

describe('set-up brings an older workbook to this layout', () => {
  test('Kostnader gets Programpunkt, its rows stay verified; Översikt gets the item section, keeps its review cell and chart; again changes nothing', () => {
    const emu = setUpWorkbook();
    must(api(emu, 'recordCost', [COST], EKO));
    must(api(emu, 'recordCost', [{ ...COST, funder: 'Kommunstyrelsen', amount: '700' }], EKO));
    asOlderVersion(emu);
    // What the add-on last wrote in Översikt's review cell (A4) must survive the new layout.
    sheetState(emu, 'Översikt').rows[3] = [{ v: '⚠ 1 ändring gjord utanför Summit Planner väntar på granskning.' }];
    expect(header(emu)).not.toContain('Programpunkt');
    expect(itemSection(emu)).toBeNull();
    const data = emu.sheetValues('Kostnader').map((r) => r.slice(0, 12));

    const r = run(emu, 'menuSetup', [], { user: PL });
    expect(r.ui.toasts[0].msg).toMatch(/Nya kolumner: Kostnader\..*Översikt visar nu även kostnad per programpunkt/);
    expect(header(emu).at(-1)).toBe('Programpunkt');
    expect(emu.sheetValues('Kostnader').map((r) => r.slice(0, 12))).toEqual(data);
    // The older seals still verify: nothing waits for review, the figures are the same.
    const list = must(api<CostList>(emu, 'listCosts', [], EKO));
    expect(list.costs.map((c) => [c.id, c.review, c.item])).toEqual([['K-0002', '', ''], ['K-0001', '', '']]);
    expect(itemSection(emu)![0][0]).toBe('Programpunkt');
    expect(emu.sheetValues('Översikt')[3][0]).toBe('⚠ 1 ändring gjord utanför Summit Planner väntar på granskning.');
    expect(sheetState(emu, 'Översikt').charts).toHaveLength(1);
    expect(lastLog(emu).after).toContain('"översikt":"ny layout"');

    // A cost tied to an item now lands in the appended column and in Översikt.
    must(api(emu, 'recordCost', [{ ...COST, amount: '3 000', item: 'P-003' }], EKO));
    expect(emu.sheetValues('Kostnader')[3].at(-1)).toBe('P-003');
    expect(itemSection(emu)!.find((x) => x[0] === 'P-003')![3]).toBe(3000);
    // An old row given an item by hand is judged like any edit (and sealed with the new column).
    emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col: colOf(emu, 'Programpunkt'), values: [['P-003']], user: EKO });
    expect(itemSection(emu)!.find((x) => x[0] === 'P-003')![3]).toBe(43000);

    const before = snapshot(emu);
    const again = run(emu, 'menuSetup', [], { user: PL });
    expect(again.ui.toasts[0].msg).toBe('Arbetsboken är redan konfigurerad. Inget ändrades.');
    expect(again.calls.rangeWrites).toBe(0);
    expect(snapshot(emu)).toBe(before);
  });
});
