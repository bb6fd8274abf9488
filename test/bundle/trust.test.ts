/**
 * Issue 7, the attacks of an insider with edit access, end to end on the
 * built Code.js: each is prevented (Google refuses it: real protection), or
 * detected by the next action that depends on it and contained (it blocks
 * what it could corrupt until a person with the right role confirms or undoes
 * it), with nothing lost (the before-value is shown and can be put back).
 * Person edits, pastes, row deletions, Sheets API writes and version
 * restores are the emulator's (src/sandbox/emulator/outside.ts): none of the
 * last three fires onEdit, so correctness can't depend on it.
 */
import { auditHash, GENESIS } from '../../src/core/audit';
import type { Emulator } from '../../src/sandbox/emulator';
import { CODE, EKO, NOBODY, PL, STY, api, lastLog, run, setUpWorkbook, snapshot, decisionFor } from '../support/bundle';
import { guests, sendAll, setSetting, workbookWithGuests } from '../support/invitations';

type R<T> = { ok: true; data: T } | { ok: false; message: string };
const must = <T>(r: R<T>): T => {
  if (!r.ok) throw new Error(r.message);
  return r.data;
};
const nb = (s: string) => s.replace(/\u00a0/g, ' ');
const refusal = (r: R<unknown>): string => (r.ok ? 'ok' : nb(r.message));

interface Item { id: string; table: string; row: number; key: string; kind: string; fields: { header: string; before: string; now: string }[]; mayDecide: boolean; canConfirm: boolean }
const review = (emu: Emulator, user = PL) => must(api<{ items: Item[]; log: { sv: string } | null }>(emu, 'getReview', [], user));
const decide = (emu: Emulator, user: string, id: string, action: 'confirm' | 'undo', note?: string) =>
  api<{ message: string }>(emu, 'decideChange', [{ id, action, ...(note ? { note } : {}) }], user);
const COST = { funder: 'STOKAB', category: 'workshops', description: 'Lokalhyra', amount: '10 000', date: '2009-11-01', status: 'Beställd' };
const cell = (emu: Emulator, sheet: string, row: number, header: string) => emu.sheetValues(sheet)[row - 1][emu.sheetValues(sheet)[0].indexOf(header)];
const a1 = (emu: Emulator, sheet: string, row: number, header: string) => `${sheet}!${String.fromCharCode(65 + emu.sheetValues(sheet)[0].indexOf(header))}${row}`;
const overviewStatus = (emu: Emulator) => [emu.sheetValues('Översikt')[1][0], emu.sheetValues('Översikt')[3][0]].map(String);

describe('roles: typing your own address into Inställningar', () => {
  test('an editor without a role: Google refuses the edit (only administrators may edit Inställningar), and they still cannot register costs', () => {
    const emu = setUpWorkbook();
    const row = emu.sheetValues('Inställningar').findIndex((r) => r[0] === 'Ekonomi') + 1;
    const r = emu.fireEdit(CODE, { sheet: 'Inställningar', row, col: 2, values: [[NOBODY]], user: NOBODY });
    expect(r.rejected).toMatch(/protected/);
    expect(emu.apiUpdate(a1(emu, 'Inställningar', row, 'Värde'), [[NOBODY]], { user: NOBODY }).rejected).toMatch(/protected/);
    expect(refusal(api(emu, 'recordCost', [COST], NOBODY))).toMatch(/^Du saknar behörighet: bara ekonomipersonalen/);
  });

  test('an administrator typing a role: put back at once (roles change in the sidebar), logged', () => {
    const emu = setUpWorkbook();
    const row = emu.sheetValues('Inställningar').findIndex((r) => r[0] === 'Ekonomi') + 1;
    const r = emu.fireEdit(CODE, { sheet: 'Inställningar', row, col: 2, values: [[`${EKO}, ${NOBODY}`]], user: PL });
    expect(cell(emu, 'Inställningar', row, 'Värde')).toBe(EKO);
    expect(nb(r.ui.toasts[0].msg)).toMatch(/Värde på rad \d+ är återställt.*Roller och inställningar ändras i Summit Planner → Inställningar/);
    expect(lastLog(emu)).toMatchObject({ action: 'inställning.ändring-återställd', object: 'Ekonomi' });
  });

  test('a role written through the API (no onEdit): no effect until an administrator confirms it; then the protections follow', () => {
    const emu = setUpWorkbook();
    const row = emu.sheetValues('Inställningar').findIndex((r) => r[0] === 'Ekonomi') + 1;
    expect(emu.apiUpdate(a1(emu, 'Inställningar', row, 'Värde'), [[`${EKO}, ${NOBODY}`]], { user: PL }).rejected).toBeUndefined();
    expect(refusal(api(emu, 'recordCost', [COST], NOBODY))).toMatch(/^Du saknar behörighet/);
    const item = review(emu).items.find((i) => i.table === 'settings')!;
    expect(item).toMatchObject({ key: 'Ekonomi', kind: 'changed', mayDecide: true, fields: [{ header: 'Värde', before: EKO, now: `${EKO}, ${NOBODY}` }] });
    expect(review(emu, STY).items.find((i) => i.table === 'settings')!.mayDecide).toBe(false);
    expect(refusal(decide(emu, STY, item.id, 'confirm'))).toMatch(/^Du saknar behörighet: bara kalkylarkets ägare och administratörerna/);
    must(decide(emu, PL, item.id, 'confirm'));
    expect(must(api(emu, 'recordCost', [COST], NOBODY))).toBeTruthy();
    // The protection of Kostnader followed the new role: the new finance officer may now type there.
    const ledger = emu.state.spreadsheet.sheets.find((s) => s.name === 'Kostnader')!;
    expect(ledger.protections.find((p) => p.type === 'SHEET')!.editors).toContain(NOBODY);
  });
});

describe('Budget: an allocation typed in (150 000 kr from STOKAB to Kommunstyrelsen)', () => {
  const retype = (emu: Emulator, user: string) =>
    emu.fireEdit(CODE, { sheet: 'Budget', row: 2, col: 2, values: [[350000], [200000], [200000], [50000]], user, kind: 'paste' });

  test('the paste stands on the sheet but counts for nothing: both funders blocked, Översikt no longer says "i balans"', () => {
    const emu = setUpWorkbook();
    const r = retype(emu, STY);
    expect(nb(r.ui.toasts[0].msg)).toMatch(/Budget rad 2 \(Kommunstyrelsen\): ändrad utanför Summit Planner \(Tilldelning 200 000,00 kr → 350 000,00 kr\).*styrgruppen har godkänt den/);
    expect(overviewStatus(emu)[0]).toMatch(/^⛔ Budgeten är inte i balans/);
    expect(overviewStatus(emu)[1]).toMatch(/^⚠ 2 ändringar gjorda utanför Summit Planner väntar på granskning/);
    expect(refusal(api(emu, 'recordCost', [{ ...COST, funder: 'Kommunstyrelsen', amount: '250 000' }], EKO))).toMatch(/^Kommunstyrelsen är spärrad/);
    expect(refusal(api(emu, 'recordCost', [COST], EKO))).toMatch(/^STOKAB är spärrad/);
    // Another funder goes on; the figures are the journal's.
    must(api(emu, 'recordCost', [{ ...COST, funder: 'Utbildningsnämnden' }], EKO));
    const o = must(api<{ overview: { funders: { name: string; allocation: number }[]; balanced: boolean } }>(emu, 'getOverview', [], EKO)).overview;
    expect(o.funders.find((f) => f.name === 'Kommunstyrelsen')!.allocation).toBe(200000_00);
    expect(o.balanced).toBe(false);
  });

  test('confirmed by the steering group with a decision reference, the new split counts; undone, the old one is back', () => {
    const emu = setUpWorkbook();
    const decision = decisionFor(emu, 'Budgetomfördelning');
    retype(emu, STY);
    const item = review(emu, STY).items.find((i) => i.table === 'budget')!;
    expect(refusal(decide(emu, STY, item.id, 'confirm'))).toBe('Ange beslutsreferensen (Dnr) för omfördelningen.');
    expect(refusal(decide(emu, EKO, item.id, 'confirm', decision))).toMatch(/^Du saknar behörighet: bara styrgruppen/);
    // As a transfer: the reallocation cites a taken decision in the register, not free text.
    expect(refusal(decide(emu, STY, item.id, 'confirm', 'SG 2009-11-05 §2'))).toMatch(/^Det finns inget beslut "SG 2009-11-05 §2" i beslutsregistret/);
    expect(nb(must(decide(emu, STY, item.id, 'confirm', decision)).message)).toBe('2 ändrade tilldelningar är godkända (beslut B-0001, Dnr Budgetomfördelning).');
    expect(review(emu, STY).items).toEqual([]);
    expect(must(api(emu, 'recordCost', [{ ...COST, funder: 'Kommunstyrelsen', amount: '250 000' }], EKO))).toBeTruthy();
    expect(overviewStatus(emu)).toEqual(['Budgeten är i balans.', '']);

    const other = setUpWorkbook();
    retype(other, STY);
    for (const i of review(other, STY).items) must(decide(other, STY, i.id, 'undo'));
    expect(other.sheetValues('Budget').slice(1).map((r) => r[1])).toEqual([200000, 200000, 200000, 200000]);
    expect(review(other, STY).items).toEqual([]);
  });

  test('a split that does not add up to the total cannot be confirmed', () => {
    const emu = setUpWorkbook();
    const decision = decisionFor(emu, 'Budgetomfördelning');
    emu.apiUpdate('Budget!B2', [[350000]], { user: STY });
    const item = review(emu, STY).items.find((i) => i.table === 'budget')!;
    expect(nb(refusal(decide(emu, STY, item.id, 'confirm', decision)))).toBe('Tilldelningarna summerar till 950 000,00 kr men totalbudgeten är 800 000,00 kr (150 000,00 kr för mycket).');
  });

  test('an editor without the steering group role cannot type in Budget at all', () => {
    const emu = setUpWorkbook();
    expect(retype(emu, EKO).rejected).toMatch(/protected/);
  });
});

describe('Gäster: approvals pasted in, a 31st guest typed in', () => {
  test('"Godkänd" pasted into Status cells (no before-value) is judged against the seals: flagged, never mailed', () => {
    const emu = workbookWithGuests(4, { approve: false });
    const col = emu.sheetValues('Gäster')[0].indexOf('Status') + 1;
    const r = emu.fireEdit(CODE, { sheet: 'Gäster', row: 2, col, values: [['Godkänd'], ['Godkänd']], user: PL, kind: 'paste' });
    expect(r.ui.toasts[0].msg).toMatch(/Rad 2: Bara styrgruppen får ändra status från Föreslagen till Godkänd/);
    sendAll(emu);
    expect(emu.outbox()).toHaveLength(0);
    const list = must(api<{ list: { slotsUsed: number; guests: { id: string; review: { sv: string } | null }[] } }>(emu, 'getGuests', [], PL)).list;
    expect(list.guests[0].review?.sv).toMatch(/Status Föreslagen → Godkänd/);
    // The steering group may make that change, citing its decision on the invitation list: confirmed, it stands (and is sent).
    const decision = decisionFor(emu);
    for (const i of review(emu, STY).items) must(decide(emu, STY, i.id, 'confirm', decision));
    sendAll(emu);
    expect(emu.outbox().map((o) => o.to[0]).sort()).toEqual(['gast0@example.org', 'gast1@example.org']);
  });

  const APPROVAL_CITES = 'Status: ett godkännande ska hänvisa till ett fattat beslut av styrgruppen om inbjudningslistan (Beslut, ämne Inbjudningslista). '
    + 'Godkänn i sidopanelen Gäster och välj beslutet där, eller bekräfta ändringen i Granska ändringar med beslutets ID (t.ex. B-0002) som anteckning.';

  test('"Godkänd" typed by the steering group cites no decision: put back with the reason, never mailed', () => {
    const emu = workbookWithGuests(2, { approve: false });
    const col = emu.sheetValues('Gäster')[0].indexOf('Status') + 1;
    const r = emu.fireEdit(CODE, { sheet: 'Gäster', row: 2, col, values: [['Godkänd']], user: STY });
    expect(guests(emu)[0]['Status']).toBe('Föreslagen');
    expect(nb(r.ui.toasts[0].msg)).toBe(`Status på rad 2 är återställd: ${APPROVAL_CITES}`);
    sendAll(emu);
    expect(emu.outbox()).toHaveLength(0);
  });

  test('an approval pasted in is confirmed in Granska ändringar only citing a taken decision on the invitation list', () => {
    const emu = workbookWithGuests(2, { approve: false });
    const col = emu.sheetValues('Gäster')[0].indexOf('Status') + 1;
    emu.fireEdit(CODE, { sheet: 'Gäster', row: 2, col, values: [['Godkänd'], ['Godkänd']], user: STY, kind: 'paste' });
    const items = review(emu, STY).items.filter((i) => i.table === 'guests');
    expect(items).toHaveLength(2);
    expect(nb(refusal(decide(emu, STY, items[0].id, 'confirm')))).toBe(APPROVAL_CITES);
    // A decision on another subject is no approval's ground.
    const transfer = decisionFor(emu, 'Budgetomfördelning');
    expect(nb(refusal(decide(emu, STY, items[0].id, 'confirm', transfer)))).toBe(`Beslut ${transfer} gäller budgetomfördelning, inte inbjudningslista. Ett godkännande av gäster hänvisar till ett beslut om inbjudningslista.`);
    expect(nb(refusal(decide(emu, STY, items[0].id, 'confirm', 'B-0999')))).toMatch(/B-0999/);
    sendAll(emu);
    expect(emu.outbox()).toHaveLength(0);
    const decision = decisionFor(emu);
    const said = must(decide(emu, STY, items[0].id, 'confirm', decision)) as { message: string };
    expect(said.message).toMatch(new RegExp(`^Godkännandet på Gäster rad 2 är bekräftat och förseglat \\(beslut ${decision}(, [^)]+)?\\)\\.$`));
    sendAll(emu);
    expect(emu.outbox().map((o) => o.to[0])).toEqual(['gast0@example.org']);
  });

  test('a 31st approval typed by the steering group is put back with the cap', () => {
    const emu = workbookWithGuests(3, { cap: 2, approve: false });
    must(api(emu, 'approve', [{ ids: ['G-0001', 'G-0002'], decision: decisionFor(emu) }], STY));
    const col = emu.sheetValues('Gäster')[0].indexOf('Status') + 1;
    const r = emu.fireEdit(CODE, { sheet: 'Gäster', row: 4, col, values: [['Godkänd']], user: STY });
    expect(guests(emu)[2]['Status']).toBe('Föreslagen');
    expect(r.ui.toasts[0].msg).toMatch(/Taket är 2 inbjudna gäster och 2 platser är redan tagna/);
  });
});

describe('the city\'s own account mailing on an attacker\'s behalf', () => {
  test('an approved guest\'s address changed through the API: not mailed; the address that was sealed is shown; undone, the guest is mailed as before', () => {
    const emu = workbookWithGuests(3);
    expect(emu.apiUpdate(a1(emu, 'Gäster', 3, 'E-post'), [['attacker@evil.example']], { user: PL }).rejected).toBeUndefined();
    const progress = sendAll(emu);
    expect(emu.outbox().map((o) => o.to[0]).sort()).toEqual(['gast0@example.org', 'gast2@example.org']);
    // One blocked guest is "1 blockerad", singular (the plural helper, src/core/i18n.ts).
    expect(progress[0].message).toEqual({ sv: '2 inbjudningar skickade; 0 kvar; 1 blockerad (se skälen).', en: '2 invitations sent; 0 left; 1 blocked (see the reasons).' });
    const item = review(emu).items.find((i) => i.table === 'guests')!;
    expect(item.fields).toEqual([{ header: 'E-post', before: 'gast1@example.org', now: 'attacker@evil.example' }]);
    must(decide(emu, PL, item.id, 'undo'));
    expect(guests(emu)[1]['E-post']).toBe('gast1@example.org');
    sendAll(emu);
    expect(emu.outbox().map((o) => o.to[0])).toContain('gast1@example.org');
    expect(emu.outbox().map((o) => o.to[0])).not.toContain('attacker@evil.example');
  });

  test('an address changed by a steering-group member (who may edit Gäster) is put back: details are the project leader\'s', () => {
    const emu = workbookWithGuests(2);
    const col = emu.sheetValues('Gäster')[0].indexOf('E-post') + 1;
    const r = emu.fireEdit(CODE, { sheet: 'Gäster', row: 2, col, values: [['attacker@evil.example']], user: STY });
    expect(guests(emu)[0]['E-post']).toBe('gast0@example.org');
    expect(r.ui.toasts[0].msg).toMatch(/Bara projektledaren får ändra gästens uppgifter \(E-post\)/);
  });

  test('Mallar\'s body changed through the API (a phishing link): nobody in that language is mailed until the project leader confirms', () => {
    const emu = workbookWithGuests(2); // G-0001 sv, G-0002 en
    const body = String(cell(emu, 'Mallar', 2, 'Brödtext')).replace('{{Svarslänk}}', '[här](https://evil.example/login)');
    emu.apiUpdate(a1(emu, 'Mallar', 2, 'Brödtext'), [[body]], { user: PL });
    const { plan } = must(api<{ plan: { recipients: { id: string }[]; blocked: { id: string; reasons: { sv: string }[] }[] } }>(emu, 'getSendPlan', [], PL));
    expect(plan.recipients.map((r) => r.id)).toEqual(['G-0002']);
    expect(plan.blocked[0].reasons[0].sv).toMatch(/^Mallen för sv kan inte användas: Mallar rad 2 \(sv\/Inbjudan\): ändrad utanför Summit Planner \(Brödtext/);
    sendAll(emu);
    expect(emu.outbox().map((o) => o.to[0])).toEqual(['gast1@example.org']);
  });

  test('the project leader typing a template change: it stands (their own role), sealed and logged with before and after', () => {
    const emu = workbookWithGuests(1);
    const col = emu.sheetValues('Mallar')[0].indexOf('Ämne') + 1;
    const r = emu.fireEdit(CODE, { sheet: 'Mallar', row: 2, col, values: [['Välkommen till {{Evenemang}}']], user: PL });
    expect(r.ui.toasts).toHaveLength(0);
    expect(lastLog(emu)).toMatchObject({ action: 'mall.ändring-godkänd', object: 'sv' });
    expect(JSON.parse(lastLog(emu).after)).toEqual({ Ämne: 'Välkommen till {{Evenemang}}' });
    sendAll(emu);
    expect(emu.outbox()[0].subject).toBe('Välkommen till Public Services Summit 2009');
  });

  test('Svarsadress changed through the API: no invitation goes out at all until it is reviewed', () => {
    const emu = workbookWithGuests(2);
    const row = emu.sheetValues('Evenemang').findIndex((r) => r[0] === 'Svarsadress') + 1;
    emu.apiUpdate(a1(emu, 'Evenemang', row, 'Värde'), [['attacker@evil.example']], { user: PL });
    sendAll(emu);
    expect(emu.outbox()).toHaveLength(0);
    const item = review(emu).items.find((i) => i.table === 'event')!;
    expect(item.fields).toEqual([{ header: 'Värde', before: '(tomt)', now: 'attacker@evil.example' }]);
    must(decide(emu, PL, item.id, 'undo'));
    sendAll(emu);
    expect(emu.outbox()).toHaveLength(2);
    expect(emu.outbox().every((o) => !JSON.stringify(o).includes('evil'))).toBe(true);
  });
});

describe('Kostnader: rows deleted or blanked to free budget', () => {
  const withCosts = () => {
    const emu = setUpWorkbook();
    for (const amount of ['150 000', '40 000']) must(api(emu, 'recordCost', [{ ...COST, amount }], EKO));
    return emu;
  };

  test('a row deleted by hand (no onEdit fires) still counts; the funder is blocked; the row is restored from the journal', () => {
    const emu = withCosts();
    expect(emu.deleteRows('Kostnader', 2, 1, EKO).rejected).toBeUndefined();
    expect(emu.sheetValues('Kostnader').slice(1).map((r) => r[0])).toEqual(['K-0002']);
    expect(nb(refusal(api(emu, 'recordCost', [COST], EKO)))).toMatch(/^STOKAB är spärrad .*Kostnader: raden K-0001 har tagits bort utanför Summit Planner/);
    const o = must(api<{ overview: { funders: { name: string; consumed: number }[] } }>(emu, 'getOverview', [], EKO)).overview;
    expect(o.funders.find((f) => f.name === 'STOKAB')!.consumed).toBe(190000_00);
    const item = review(emu, EKO).items.find((i) => i.kind === 'missing')!;
    expect(item.fields).toEqual(expect.arrayContaining([{ header: 'Belopp', before: '150 000,00 kr', now: '' }].map((f) => ({ ...f, before: expect.stringMatching(/^150.000,00.kr$/) }))));
    must(decide(emu, EKO, item.id, 'undo'));
    expect(emu.sheetValues('Kostnader').slice(1).map((r) => [r[0], r[5]])).toEqual([['K-0002', 40000], ['K-0001', 150000]]);
    must(api(emu, 'recordCost', [COST], EKO));
  });

  test('a row blanked through the API and the Kontroll flag cleared: still blocked, still counted', () => {
    const emu = withCosts();
    const width = emu.sheetValues('Kostnader')[0].length;
    emu.apiUpdate('Kostnader!A2:K2', [Array(11).fill('')], { user: EKO });
    emu.apiUpdate(a1(emu, 'Kostnader', 2, 'Kontroll'), [['']], { user: EKO });
    expect(width).toBeGreaterThan(11);
    expect(refusal(api(emu, 'recordCost', [COST], EKO))).toMatch(/^STOKAB är spärrad/);
    expect(refusal(api(emu, 'transferFunds', [{ from: 'STOKAB', to: 'Kommunstyrelsen', amount: 1, decisionRef: decisionFor(emu, 'Budgetomfördelning') }], STY))).toMatch(/^STOKAB är spärrad/);
  });

  test('a 1×1 paste (no value, no oldValue) is judged against the seal: bad is put back, never cleared; good stands', () => {
    const emu = withCosts();
    const col = emu.sheetValues('Kostnader')[0].indexOf('Belopp') + 1;
    const bad = emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col, values: [['mycket']], user: EKO, kind: 'paste' });
    expect(cell(emu, 'Kostnader', 2, 'Belopp')).toBe(150000);
    expect(nb(bad.ui.toasts[0].msg)).toMatch(/^Ändringen i Belopp på rad 2 gjordes ogjord \(150 000,00 kr är tillbaka\)/);
    const dateCol = emu.sheetValues('Kostnader')[0].indexOf('Datum') + 1;
    emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col: dateCol, values: [['igår']], user: EKO, kind: 'fill' });
    expect(cell(emu, 'Kostnader', 2, 'Datum')).toBeInstanceOf(Date);
    const good = emu.fireEdit(CODE, { sheet: 'Kostnader', row: 2, col, values: [[120000]], user: EKO, kind: 'paste' });
    expect(good.ui.toasts).toHaveLength(0);
    expect(cell(emu, 'Kostnader', 2, 'Belopp')).toBe(120000);
    expect(lastLog(emu)).toMatchObject({ action: 'kostnad.direktändring', object: 'K-0001' });
  });
});

describe('Logg: rewritten or cut short', () => {
  test('a row edited and the whole chain recomputed is caught by the anchor', () => {
    const emu = setUpWorkbook();
    must(api(emu, 'recordCost', [COST], EKO));
    // An insider with edit access to Logg changes a row and recomputes every hash after it (SHA-256 is public).
    const st = emu.state.spreadsheet.sheets.find((s) => s.name === 'Logg')!;
    const values = emu.sheetValues('Logg');
    let prev = GENESIS;
    for (let i = 1; i < values.length; i++) {
      const r = values[i];
      if (r[2] === 'kostnad.registrerad') { r[5] = '{"amount":"1,00 kr"}'; st.rows[i]![5] = { v: r[5] }; }
      const row = { time: (r[0] as Date).toISOString(), user: String(r[1]), action: String(r[2]), object: String(r[3]), before: String(r[4]), after: String(r[5]), rad: String(r[7] ?? '') };
      prev = auditHash(prev, row);
      st.rows[i]![6] = { v: prev };
    }
    const alert = run(emu, 'menuVerifyLog', [], { user: EKO }).ui.alerts[0].prompt;
    expect(alert).toMatch(/^Loggen har skrivits om: kedjan hänger ihop men stämmer inte med ankaret/);
  });

  test('the last rows deleted: found, every write refused until an administrator accepts the log; nothing half-written', () => {
    const emu = setUpWorkbook();
    must(api(emu, 'recordCost', [COST], EKO));
    const n = emu.sheetValues('Logg').length;
    expect(emu.deleteRows('Logg', n - 1, 2, EKO).rejected).toBeUndefined();
    expect(run(emu, 'menuVerifyLog', [], { user: EKO }).ui.alerts[0].prompt).toMatch(/de sista 2 raderna har tagits bort/);
    const before = snapshot(emu, true);
    expect(refusal(api(emu, 'recordCost', [COST], EKO))).toMatch(/^Loggen har \d+ rader men ska ha \d+ enligt ankaret/);
    expect(snapshot(emu, true)).toBe(before);
    expect(review(emu).log?.sv).toMatch(/^Loggen har/);
    expect(refusal(api(emu, 'acceptLog', [], STY))).toMatch(/^Du saknar behörighet: bara kalkylarkets ägare/);
    expect(must(api<{ message: string }>(emu, 'acceptLog', [], PL)).message).toMatch(/^Loggen är godkänd som den står/);
    must(api(emu, 'recordCost', [COST], EKO));
    expect(run(emu, 'menuVerifyLog', [], { user: EKO }).ui.alerts[0].prompt).toMatch(/^Loggen är hel/);
  });
});

describe('a restored older version of the spreadsheet', () => {
  test('is found (the log is shorter than its anchor); the administrator takes it as it stands, and work goes on', () => {
    const emu = setUpWorkbook();
    const v = emu.snapshotVersion();
    must(api(emu, 'recordCost', [COST], EKO));
    expect(emu.restoreVersion(v).rejected).toBeUndefined();
    expect(refusal(api(emu, 'recordCost', [COST], EKO))).toMatch(/äldre version har återställts/);
    must(api(emu, 'acceptLog', [], PL));
    const r = must(api<{ result: { id: string } }>(emu, 'recordCost', [COST], EKO));
    expect(r.result.id).toBe('K-0001');
  });
});

describe('personal data and secrets', () => {
  test('adding and importing guests logs IDs and field names, never names, addresses or dietary needs', () => {
    const emu = setUpWorkbook();
    must(api(emu, 'saveGuest', [{ firstName: 'Åsa', lastName: 'Hemligsson', email: 'asa.hemlig@example.org', language: 'sv', note: 'Celiaki' }], PL)); // a new guest's diet is refused (no consent yet)
    const log = JSON.stringify(emu.sheetValues('Logg'));
    for (const secret of ['Hemligsson', 'asa.hemlig', 'Celiaki', 'Åsa']) expect(log).not.toContain(secret);
    expect(JSON.parse(lastLog(emu).after).fält).toEqual(expect.arrayContaining(['Förnamn', 'E-post', 'Anteckning']));
  });

  test('the RSVP key is created only after the role check', () => {
    const emu = workbookWithGuests(1);
    for (const u of [EKO, NOBODY]) expect(refusal(api(emu, 'previewMail', [{ guestId: 'G-0001' }], u))).toMatch(/behörighet/);
    expect(emu.state.scriptProperties['summit.rsvp.secret']).toBeUndefined();
    must(api(emu, 'previewMail', [{ guestId: 'G-0001' }], PL));
    expect(emu.state.scriptProperties['summit.rsvp.secret']).toBeDefined();
  });

  test('after the event the purge removes contact details and dietary needs, keeps the counts, revokes every link, and is logged', () => {
    const emu = workbookWithGuests(2);
    sendAll(emu);
    setSetting(emu, 'Slutdatum', '2009-12-09');
    const before = guests(emu).map((g) => g['Status']);
    // Lagringstid is 3 months by default: the list is working data until then.
    expect(refusal(api(emu, 'purgePersonalData', [{ confirm: true }], PL))).toMatch(/till och med 2010-03-09 \(Slutdatum \+ Lagringstid\)/);
    expect(guests(emu).every((g) => g['E-post'] !== '')).toBe(true);
    emu.advance(130 * 86_400_000); // past 2010-03-09 from November 2009
    expect(refusal(api(emu, 'purgePersonalData', [{ confirm: true }], STY))).toMatch(/behörighet/);
    expect(refusal(api(emu, 'purgePersonalData', [{}], PL))).toMatch(/Bekräfta gallringen/);
    must(api(emu, 'purgePersonalData', [{ confirm: true }], PL));
    expect(guests(emu).map((g) => [g['Status'], g['E-post'], g['Kost/allergier'], g['Länkversion']])).toEqual(before.map((s) => [s, '', '', 2]));
    expect(lastLog(emu)).toMatchObject({ action: 'personuppgifter.gallrade' });
  });
});
