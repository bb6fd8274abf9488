/**
 * Issue 9, points 1, 2 and 9, at the use cases: every refusal of the four budget saves names the field
 * it is about by the key the page sent ('amount', 'allocations.2', 'total', …) and says why with its
 * figures; every save answers with the budget as it is after it; saving says when a funder crosses its
 * warning threshold; English messages write money the English way.
 */
import { allocateBudget, budgetOverview, changeCost, registerCost, transferAllocation } from '../../../src/app/budget';
import { UserError } from '../../../src/core/msg';
import { costRow, dump, EKO, seed, STY } from './budget-fixture';

const NB = '\u00a0';
const nb = (s: string) => s.replace(/\u00a0/g, ' ');
const cost = (o: Record<string, unknown> = {}) => ({
  funder: 'STOKAB', category: 'kommunikation', description: 'Affischer', amount: '1 000', date: '2009-11-20', ...o,
});

/** Runs fn, expects a UserError; its field and its message (both languages, no-break spaces as spaces). */
function refusal(fn: () => unknown): { field: string | undefined; sv: string; en: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return { field: e.field, sv: nb(e.userMessage.sv), en: nb(e.userMessage.en) };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The refusal, checked to have written nothing. */
function refusedClean(ports: ReturnType<typeof seed>, fn: () => unknown): ReturnType<typeof refusal> {
  const before = dump(ports);
  const r = refusal(fn);
  expect(dump(ports)).toBe(before);
  return r;
}

/** A STOKAB row whose amount was typed over on the sheet after it was sealed: it waits for review and blocks STOKAB. */
function withReviewOnStokab(ports: ReturnType<typeof seed>): void {
  ports.workbook.get('ledger').grid[1][5] = 999;
}

describe('registerCost: each refusal at its field, saying why', () => {
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['no description', { description: '  ' }, 'description', /^Beskrivning: fyll i fältet/],
    ['a description too long', { description: 'x'.repeat(501) }, 'description', /^Beskrivning: för lång text \(högst 500 tecken\)/],
    ['an amount of the wrong type', { amount: { kr: 1 } }, 'amount', /^Belopp: saknas eller har fel typ/],
    ['an unknown category', { category: 'fika' }, 'category', /^Kategori: okänd kategori "fika"/],
    ['an ambiguous amount', { amount: '1,2.5' }, 'amount', /^Belopp: Beloppet är tvetydigt/],
    ['the English form in Swedish', { amount: '1,500.50' }, 'amount', /^Belopp: Beloppet är tvetydigt/],
    ['a zero amount', { amount: '0' }, 'amount', /^Belopp: beloppet måste vara större än 0/],
    ['a bad date', { date: '2009-02-30' }, 'date', /^Datum: "2009-02-30" är inget giltigt datum/],
    ['an unknown status', { status: 'Klar' }, 'status', /^Status: okänd status "Klar"/],
    ['a new cost that is cancelled', { status: 'Makulerad' }, 'status', /^Status: en ny kostnad kan inte vara makulerad/],
    ['an unknown funder', { funder: 'Cisco' }, 'funder', /^Okänd finansiär "Cisco"\. Finansiärer: Kommunstyrelsen/],
  ])('%s', (_what, o, field, why) => {
    const ports = seed();
    const r = refusedClean(ports, () => registerCost(ports, cost(o)));
    expect(r.field).toBe(field);
    expect(r.sv).toMatch(why);
  });

  test('a cost that does not fit is the amount\'s, and says what is missing, once', () => {
    const ports = seed({ allocations: [200000, 200000, 252500, 147500] });
    const r = refusedClean(ports, () => registerCost(ports, cost({ amount: '200 000' })));
    expect(r.field).toBe('amount');
    expect(r.sv).toBe('Kostnaden ryms inte: STOKAB har 147 500,00 kr kvar, kostnaden är 200 000,00 kr. Saknas 52 500,00 kr.');
    expect(r.en).toBe('The cost does not fit: STOKAB has 147,500.00 SEK left, the cost is 200,000.00 SEK. Short by 52,500.00 SEK.');
  });

  test('a funder out of balance is the funder\'s', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', status: 'Klar' })] });
    const r = refusedClean(ports, () => registerCost(ports, cost()));
    expect(r.field).toBe('funder');
    expect(r.sv).toMatch(/^Budgeten är inte i balans för STOKAB.*okänd status "Klar"/);
  });

  test('a funder a change outside Summit Planner blocks is the funder\'s', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001' }), costRow({ id: 'K-0002', amount: 200 })] });
    withReviewOnStokab(ports);
    const r = refusedClean(ports, () => registerCost(ports, cost()));
    expect(r.field).toBe('funder');
    expect(r.sv).toMatch(/^STOKAB är spärrad tills en ändring gjord utanför Summit Planner är granskad/);
  });

  test('without the finance role: no field (the message goes beside the button)', () => {
    const ports = seed({ user: STY });
    const r = refusedClean(ports, () => registerCost(ports, cost()));
    expect(r.field).toBeUndefined();
    expect(r.sv).toBe('Du saknar behörighet: bara ekonomipersonalen får göra detta. En administratör ger roller i Summit Planner → Inställningar.');
  });

  test('English amounts are read the English way when the user works in English', () => {
    const ports = seed();
    const r = registerCost(ports, cost({ amount: '1,500.50' }), 'en');
    expect(r.funder.planned).toBe(1500_50);
    const bad = refusedClean(ports, () => registerCost(ports, cost({ amount: '1,2.5' }), 'en'));
    expect(bad.field).toBe('amount');
    expect(bad.en).toMatch(/^Amount: The amount is ambiguous: in English the comma groups thousands/);
  });
});

describe('changeCost: each refusal at its field', () => {
  const base = () => seed({
    allocations: [200000, 200000, 390000, 10000],
    ledger: [costRow({ id: 'K-0001', amount: 4000 }), costRow({ id: 'K-0002', amount: 7000, status: 'Makulerad' })],
  });

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['an unknown cost', { id: 'K-0099', amount: 1 }, 'id', /^Kostnaden K-0099 finns inte på bladet Kostnader/],
    ['nothing to change', { id: 'K-0001' }, 'status', /^Ange ny status eller nytt belopp/],
    ['a bad amount', { id: 'K-0001', amount: '12 34' }, 'amount', /^Belopp: Tusentalen ska grupperas tre och tre/],
    ['an unknown status', { id: 'K-0001', status: 'Klar' }, 'status', /^Status: okänd status "Klar"/],
    ['a higher amount that does not fit', { id: 'K-0001', amount: 10001 }, 'amount',
      /^Ändringen ryms inte: STOKAB har 6 000,00 kr kvar, ändringen bokar 6 001,00 kr till\. Saknas 1,00 kr\.$/],
    ['reviving a cancelled cost that does not fit', { id: 'K-0002', status: 'Planerad' }, 'status',
      /^Ändringen ryms inte: STOKAB har 6 000,00 kr kvar, ändringen bokar 7 000,00 kr till\. Saknas 1 000,00 kr\.$/],
  ])('%s', (_what, input, field, why) => {
    const ports = base();
    const r = refusedClean(ports, () => changeCost(ports, input));
    expect(r.field).toBe(field);
    expect(r.sv).toMatch(why);
  });

  test('a row that waits for review, or whose funder another such row blocks, is the cost picker\'s', () => {
    const ports = base();
    ports.workbook.get('ledger').grid[2][5] = 6999;
    const own = refusedClean(ports, () => changeCost(ports, { id: 'K-0002', status: 'Planerad' }));
    expect(own.field).toBe('id');
    expect(own.sv).toMatch(/^Kostnaden K-0002 kan inte ändras nu: Kostnader rad 3 \(K-0002\)/);
    const other = base();
    withReviewOnStokab(other);
    const blocked = refusedClean(other, () => changeCost(other, { id: 'K-0002', status: 'Planerad', amount: 10 }));
    expect(blocked.field).toBe('id');
    expect(blocked.sv).toMatch(/^STOKAB är spärrad tills en ändring gjord utanför Summit Planner är granskad/);
  });

  test('a higher amount on a funder out of balance is the cost picker\'s, not the amount\'s', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 100 }), costRow({ id: 'K-0002', status: 'Klar' })] });
    const r = refusedClean(ports, () => changeCost(ports, { id: 'K-0001', amount: 150 }));
    expect(r.field).toBe('id');
    expect(r.sv).toMatch(/^Budgeten är inte i balans för STOKAB.*okänd status "Klar"/);
  });

  test('two rows with one ID are the cost picker\'s', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001' }), costRow({ id: 'K-0001', amount: 5 })] });
    const r = refusedClean(ports, () => changeCost(ports, { id: 'K-0001', amount: 1 }));
    expect(r.field).toBe('id');
    expect(r.sv).toMatch(/^ID K-0001 finns på flera rader \(2, 3\)/);
  });
});

describe('transferAllocation: each refusal at its field', () => {
  const base = (ledger = [costRow({ id: 'K-0001', amount: 150000 })]) => seed({ user: STY, ledger });
  const tr = (o: Record<string, unknown> = {}) => ({ from: 'STOKAB', to: 'Kommunstyrelsen', amount: '10 000', decisionRef: 'Dnr 1', ...o });

  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ['an unknown source', { from: 'Cisco' }, 'from', /^Okänd finansiär "Cisco"/],
    ['an unknown destination', { to: 'Cisco' }, 'to', /^Okänd finansiär "Cisco"/],
    ['the same funder twice', { to: 'stokab' }, 'to', /^Omfördelningen måste gå mellan två olika finansiärer/],
    ['more than can move', { amount: '50 000,01' }, 'amount',
      /^Omfördelningen går inte: STOKAB har tilldelning 200 000,00 kr och har bokat 150 000,00 kr; högst 50 000,00 kr kan flyttas, du försökte flytta 50 000,01 kr\.$/],
    ['no decision reference', { decisionRef: ' ' }, 'decisionRef', /^Beslutsreferens: fyll i fältet/],
    ['a negative amount', { amount: '-5' }, 'amount', /^Belopp: Beloppet får inte vara negativt/],
    ['a comment too long', { comment: 'x'.repeat(1001) }, 'comment', /^Kommentar: för lång text \(högst 1000 tecken\)/],
  ])('%s', (_what, o, field, why) => {
    const ports = base();
    const r = refusedClean(ports, () => transferAllocation(ports, tr(o)));
    expect(r.field).toBe(field);
    expect(r.sv).toMatch(why);
  });

  test('a source whose bookings are uncertain is the source\'s', () => {
    const ports = base([costRow({ id: 'K-0001', amount: 150000 }), costRow({ id: 'K-0002', status: 'Klar' })]);
    const r = refusedClean(ports, () => transferAllocation(ports, tr()));
    expect(r.field).toBe('from');
    expect(r.sv).toMatch(/^Omfördelningen går inte: det bokade för STOKAB är osäkert/);
  });

  test('a source or destination blocked by a change outside Summit Planner is that field\'s', () => {
    const ports = base([costRow({ id: 'K-0001', amount: 1000 }), costRow({ id: 'K-0002', amount: 200 })]);
    withReviewOnStokab(ports);
    expect(refusedClean(ports, () => transferAllocation(ports, tr())).field).toBe('from');
    const r = refusedClean(ports, () => transferAllocation(ports, tr({ from: 'Kommunstyrelsen', to: 'STOKAB' })));
    expect(r.field).toBe('to');
    expect(r.sv).toMatch(/^STOKAB är spärrad/);
  });
});

describe('allocateBudget: each refusal at its field (the row of the allocation the page sent)', () => {
  const all = (amounts: (string | number)[], order = ['Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden', 'STOKAB']) =>
    order.map((funder, i) => ({ funder, amount: amounts[i] }));

  test('the total by someone who is not an administrator', () => {
    const ports = seed({ user: STY });
    const r = refusedClean(ports, () => allocateBudget(ports, { total: '1 000 000', allocations: all([400000, 200000, 200000, 200000]) }));
    expect(r).toMatchObject({ field: 'total', sv: expect.stringMatching(/^Totalbudgeten ändras av en administratör/) });
  });

  test('a bad total', () => {
    const ports = seed({ user: STY, admins: STY });
    const r = refusedClean(ports, () => allocateBudget(ports, { total: '0', allocations: all([0, 0, 0, 0]) }));
    expect(r).toMatchObject({ field: 'total', sv: expect.stringMatching(/^Totalbudget: beloppet måste vara större än 0/) });
  });

  test('an allocation that is not an amount, at its row', () => {
    const ports = seed({ user: STY });
    const r = refusedClean(ports, () => allocateBudget(ports, { allocations: all([200000, 200000, '1,2.5', 200000]) }));
    expect(r).toMatchObject({ field: 'allocations.2', sv: expect.stringMatching(/^Utbildningsnämnden: Beloppet är tvetydigt/) });
  });

  test('an allocation of the wrong type, at its row', () => {
    const ports = seed({ user: STY });
    const r = refusedClean(ports, () => allocateBudget(ports, { allocations: all([200000, true as unknown as number, 200000, 200000]) }));
    expect(r).toMatchObject({ field: 'allocations.1', sv: expect.stringMatching(/^Belopp: saknas eller har fel typ/) });
  });

  test('an unknown funder and a funder twice, at their rows', () => {
    const ports = seed({ user: STY });
    expect(refusedClean(ports, () => allocateBudget(ports, { allocations: [{ funder: 'STOKAB', amount: 1 }, { funder: 'Cisco', amount: 1 }] })))
      .toMatchObject({ field: 'allocations.1', sv: expect.stringMatching(/^Okänd finansiär "Cisco"/) });
    expect(refusedClean(ports, () => allocateBudget(ports, { allocations: [{ funder: 'STOKAB', amount: 1 }, { funder: 'stokab', amount: 1 }] })))
      .toMatchObject({ field: 'allocations.1', sv: 'STOKAB finns två gånger i fördelningen.' });
  });

  test('allocations that do not add up are the total\'s, with both figures', () => {
    const ports = seed({ user: STY });
    const r = refusedClean(ports, () => allocateBudget(ports, { allocations: all([250000, 200000, 200000, 200000]) }));
    expect(r.field).toBe('total');
    expect(r.sv).toBe('Tilldelningarna summerar till 850 000,00 kr men totalbudgeten är 800 000,00 kr (50 000,00 kr för mycket).');
    expect(r.en).toBe('The allocations add up to 850,000.00 SEK but the total budget is 800,000.00 SEK (50,000.00 SEK too much).');
  });

  test('an allocation below what is booked is that funder\'s row as the page sent it, not the sheet\'s order', () => {
    const ports = seed({ user: STY, ledger: [costRow({ amount: 150000 })] });
    // Sent in another order: STOKAB (the fourth funder on the sheet) is the page's row 0.
    const order = ['STOKAB', 'Kommunstyrelsen', 'Stockholm Business Region AB', 'Utbildningsnämnden'];
    const r = refusedClean(ports, () => allocateBudget(ports, { allocations: all([100000, 300000, 200000, 200000], order) }));
    expect(r.field).toBe('allocations.0');
    expect(r.sv).toBe('STOKAB kan inte få 100 000,00 kr: finansiären har redan bokat 150 000,00 kr.');
  });

  test('a funder the page left out has no field: the message goes beside the button', () => {
    // STOKAB is overspent (a direct edit): it keeps 100 000 kr, below the 150 000 kr booked to it.
    const ports = seed({ user: STY, allocations: [250000, 200000, 250000, 100000], ledger: [costRow({ amount: 150000 })] });
    const r = refusedClean(ports, () => allocateBudget(ports, { allocations: [{ funder: 'Kommunstyrelsen', amount: 250000 }] }));
    expect(r.field).toBeUndefined();
    expect(r.sv).toBe('STOKAB kan inte få 100 000,00 kr: finansiären har redan bokat 150 000,00 kr.');
  });
});

describe('every save answers with the budget as it is after it', () => {
  test.each<[string, (p: ReturnType<typeof seed>) => { overview: unknown }, string]>([
    ['registerCost', (p) => registerCost(p, cost({ amount: '12 000,50' })), EKO],
    ['changeCost', (p) => changeCost(p, { id: 'K-0001', amount: '5 000' }), EKO],
    ['transferAllocation', (p) => transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: '25 000', decisionRef: 'Dnr 1' }), STY],
    ['allocateBudget', (p) => allocateBudget(p, { allocations: [{ funder: 'STOKAB', amount: 150000 }, { funder: 'Kommunstyrelsen', amount: 250000 }] }), STY],
  ])('%s', (_name, save, user) => {
    const ports = seed({ user, ledger: [costRow({ id: 'K-0001', amount: 100000 })] });
    const r = save(ports);
    expect(r.overview).toEqual(budgetOverview(ports));
  });
});

describe('saving says when a funder crosses its warning threshold, and money in English is English', () => {
  test('a cost that takes STOKAB past 90 %', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 100000 })] });
    const r = registerCost(ports, cost({ amount: '82 000' }));
    expect(nb(r.message.sv)).toBe('Kostnaden K-0002 (82 000,00 kr) är registrerad på STOKAB. Kvar: 18 000,00 kr. STOKAB har passerat 90 % (varningsgränsen): 91 % av tilldelningen är bokat.');
    expect(r.message.en).toBe('The cost K-0002 (82,000.00 SEK) is registered to STOKAB. Left: 18,000.00 SEK. STOKAB has passed 90% (the warning threshold): 91% of its allocation is booked.');
    expect(r.message.sv).toContain(`90${NB}%`);
    // Already past it: no word again.
    expect(registerCost(ports, cost({ amount: '1 000' })).message.sv).not.toContain('passerat');
  });

  test('a change of amount, and a transfer that lowers the source, say it too; a funder\'s own threshold counts', () => {
    const ports = seed({ ledger: [costRow({ id: 'K-0001', amount: 100000 })], warn: ['', '', '', 75] });
    expect(nb(changeCost(ports, { id: 'K-0001', amount: '150 000,50' }).message.sv)).toMatch(/STOKAB har passerat 75 % \(varningsgränsen\): 75 % av tilldelningen är bokat\.$/);
    const sty = seed({ user: STY, ledger: [costRow({ id: 'K-0001', amount: 150000 })] });
    expect(transferAllocation(sty, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: '30 000', decisionRef: 'Dnr 1' }).message.sv).not.toContain('passerat');
    expect(nb(transferAllocation(sty, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: '10 000', decisionRef: 'Dnr 2' }).message.en))
      .toBe('10,000.00 SEK was moved from STOKAB to Kommunstyrelsen (B-0002, Dnr 2). STOKAB has passed 90% (the warning threshold): 93.8% of its allocation is booked.');
  });

  test('English messages write money the English way, Swedish the Swedish way', () => {
    const ports = seed();
    const r = registerCost(ports, cost({ amount: '12 000,50' }));
    expect(r.message.en).toBe('The cost K-0001 (12,000.50 SEK) is registered to STOKAB. Left: 187,999.50 SEK.');
    expect(nb(r.message.sv)).toBe('Kostnaden K-0001 (12 000,50 kr) är registrerad på STOKAB. Kvar: 187 999,50 kr.');
    expect(changeCost(ports, { id: 'K-0001', amount: '12,000.50' }, 'en').message.en).toBe('The cost K-0001 is already like that; nothing changed. STOKAB has 187,999.50 SEK left.');
    const sty = seed({ user: STY });
    expect(allocateBudget(sty, { allocations: [{ funder: 'STOKAB', amount: '200,000.00' }] }, 'en').message.en).toBe('The budget is allocated: 800,000.00 SEK across 4 funders.');
  });
});
