/**
 * What the budget sidebars send (src/core/budget-input.ts), refusal by refusal with the exact message and the
 * key of the field it is about, and what an accepted input becomes: each case is the smallest input on which
 * a changed rule would answer differently (npm run test:mutation).
 */
import { ITEM_ID, parseAllocate, parseCostChange, parseRegisterCost, parseTransfer } from '../../../src/core/budget-input';

const NB = '\u00a0';
const good = { funder: 'STOKAB', category: 'Workshops', description: 'Lokal', amount: '1 234,50', date: '2009-12-08' };
/** A refusal: the field's key and the message in both languages. */
const refused = (field: string | undefined, sv: string, en: string) => ({ ok: false, field, error: { sv, en } });

// First in the file: the schemas are built on first use, once per module, so this test is the one that runs the
// code building each of them (and the one a changed schema must fail).
test('each kind of input, accepted: exactly what it becomes', () => {
  expect(parseRegisterCost(good)).toEqual({ ok: true, value: {
    funder: 'STOKAB', category: 'workshops', description: 'Lokal', amount: 123450, date: '2009-12-08', supplier: '', reference: '', status: 'Planerad', item: '',
  } });
  expect(parseCostChange({ id: 'k-1', status: 'Betald', amount: '2' })).toEqual({ ok: true, value: { id: 'K-1', status: 'Betald', amount: 200 } });
  expect(parseTransfer({ from: 'a', to: 'b', amount: '3', decisionRef: 'SG 1', comment: 'c' }))
    .toEqual({ ok: true, value: { from: 'a', to: 'b', amount: 300, decisionRef: 'SG 1', comment: 'c' } });
  expect(parseAllocate({ total: '10', allocations: [{ funder: 'a', amount: '4' }, { funder: 'b', amount: 6 }] }))
    .toEqual({ ok: true, value: { total: 1000, allocations: [{ funder: 'a', amount: 400 }, { funder: 'b', amount: 600 }] } });
  expect(parseAllocate({ allocations: [{ amount: '4' }] })).toEqual(refused('allocations.0', 'Finansiär: saknas eller har fel typ.', 'Funder: missing or of the wrong type.'));
});

describe('shape errors name the field by its label and its key', () => {
  test.each<[string, unknown, string, string, string]>([
    ['funder', { ...good, funder: ' ' }, 'funder', 'Finansiär: fyll i fältet.', 'Funder: fill in the field.'],
    ['category', { ...good, category: 7 }, 'category', 'Kategori: saknas eller har fel typ.', 'Category: missing or of the wrong type.'],
    ['date', { ...good, date: '2009-12-081' }, 'date', 'Datum: för lång text (högst 10 tecken).', 'Date: too long (at most 10 characters).'],
    ['supplier', { ...good, supplier: 's'.repeat(201) }, 'supplier', 'Leverantör: för lång text (högst 200 tecken).', 'Supplier: too long (at most 200 characters).'],
    ['reference', { ...good, reference: false }, 'reference', 'Referens: saknas eller har fel typ.', 'Reference: missing or of the wrong type.'],
    ['status', { ...good, status: 's'.repeat(21) }, 'status', 'Status: för lång text (högst 20 tecken).', 'Status: too long (at most 20 characters).'],
    ['item', { ...good, item: 1 }, 'item', 'Programpunkt: saknas eller har fel typ.', 'Programme item: missing or of the wrong type.'],
    ['amount (too long a text)', { ...good, amount: '1'.repeat(41) }, 'amount', 'Belopp: för lång text (högst 40 tecken).', 'Amount: too long (at most 40 characters).'],
  ])('a cost: %s', (_what, raw, field, sv, en) => {
    expect(parseRegisterCost(raw)).toEqual(refused(field, sv, en));
  });

  test('not an object at all: no field, the data is malformed', () => {
    const malformed = refused(undefined, 'Uppgifterna saknas eller har fel form.', 'The data is missing or malformed.');
    expect(parseRegisterCost(null)).toEqual(malformed);
    expect(parseAllocate('STOKAB 100')).toEqual(malformed);
  });

  test.each<[string, unknown, string, string, string]>([
    ['id', { id: '', amount: 5 }, 'id', 'ID: fyll i fältet.', 'ID: fill in the field.'],
    ['amount', { id: 'K-0001', amount: null }, 'amount', 'Belopp: saknas eller har fel typ.', 'Amount: missing or of the wrong type.'],
  ])('a change: %s', (_what, raw, field, sv, en) => {
    expect(parseCostChange(raw)).toEqual(refused(field, sv, en));
  });

  test.each<[string, unknown, string, string, string]>([
    ['from', { from: '', to: 'b', amount: 5, decisionRef: 'SG 1' }, 'from', 'Från: fyll i fältet.', 'From: fill in the field.'],
    ['to', { from: 'a', to: 1, amount: 5, decisionRef: 'SG 1' }, 'to', 'Till: saknas eller har fel typ.', 'To: missing or of the wrong type.'],
    ['decisionRef', { from: 'a', to: 'b', amount: 5, decisionRef: ' ' }, 'decisionRef', 'Beslutsreferens: fyll i fältet.', 'Decision reference: fill in the field.'],
    ['comment', { from: 'a', to: 'b', amount: 5, decisionRef: 'SG 1', comment: 'c'.repeat(1001) }, 'comment', 'Kommentar: för lång text (högst 1000 tecken).', 'Comment: too long (at most 1000 characters).'],
  ])('a transfer: %s', (_what, raw, field, sv, en) => {
    expect(parseTransfer(raw)).toEqual(refused(field, sv, en));
  });

  test('an allocation: a row\'s field is that row\'s key, with the innermost label', () => {
    const rows = [{ funder: 'a', amount: 1 }, { funder: 'b', amount: 2 }, { funder: ' ', amount: 3 }];
    expect(parseAllocate({ allocations: rows })).toEqual(refused('allocations.2', 'Finansiär: fyll i fältet.', 'Funder: fill in the field.'));
    expect(parseAllocate({ allocations: [{ funder: 'a', amount: true }] }))
      .toEqual(refused('allocations.0', 'Belopp: saknas eller har fel typ.', 'Amount: missing or of the wrong type.'));
    expect(parseAllocate({ allocations: 'a' })).toEqual(refused('allocations', 'Tilldelningar: saknas eller har fel typ.', 'Allocations: missing or of the wrong type.'));
    expect(parseAllocate({ allocations: [] })).toEqual(refused('allocations', 'Tilldelningar: fyll i fältet.', 'Allocations: fill in the field.'));
    expect(parseAllocate({ total: [], allocations: rows.slice(0, 1) }))
      .toEqual(refused('total', 'Totalbudget: saknas eller har fel typ.', 'Total budget: missing or of the wrong type.'));
  });
});

describe('amounts: greater than zero where a cost or transfer needs it, the field named', () => {
  const zero = (label: string, en: string, field: string) => refused(field, `${label}: beloppet måste vara större än 0.`, `${en}: the amount must be greater than 0.`);
  test('zero is refused as a cost, a changed amount, a transfer and a total; one öre is not', () => {
    expect(parseRegisterCost({ ...good, amount: '0,00' })).toEqual(zero('Belopp', 'Amount', 'amount'));
    expect(parseCostChange({ id: 'K-0001', amount: 0 })).toEqual(zero('Belopp', 'Amount', 'amount'));
    expect(parseTransfer({ from: 'a', to: 'b', amount: '0', decisionRef: 'SG 1' })).toEqual(zero('Belopp', 'Amount', 'amount'));
    expect(parseAllocate({ total: '0', allocations: [{ funder: 'a', amount: 0 }] })).toEqual(zero('Totalbudget', 'Total budget', 'total'));
    expect(parseRegisterCost({ ...good, amount: '0,01' })).toMatchObject({ ok: true, value: { amount: 1 } });
  });

  test('an amount parseMoney refuses: its reason after the field\'s label, in the user\'s language', () => {
    const ambiguous = parseTransfer({ from: 'a', to: 'b', amount: '1.234,50', decisionRef: 'SG 1' });
    expect(ambiguous).toMatchObject({ ok: false, field: 'amount', error: { sv: expect.stringMatching(/^Belopp: Beloppet är tvetydigt: använd mellanslag/) } });
    // English reads "1,500.50" as 1 500,50 kr; Swedish refuses it.
    expect(parseTransfer({ from: 'a', to: 'b', amount: '1,500.50', decisionRef: 'SG 1' }, 'en')).toMatchObject({ ok: true, value: { amount: 150050 } });
    expect(parseCostChange({ id: 'K-0001', amount: '1,500.50' }, 'en')).toMatchObject({ ok: true, value: { amount: 150050 } });
    expect(parseRegisterCost({ ...good, amount: '1,500.50' }, 'en')).toMatchObject({ ok: true, value: { amount: 150050 } });
    expect(parseAllocate({ total: '2,000', allocations: [{ funder: 'a', amount: '1,500.50' }] }, 'en'))
      .toEqual({ ok: true, value: { total: 200000, allocations: [{ funder: 'a', amount: 150050 }] } });
    expect(parseCostChange({ id: 'K-0001', amount: '-5' })).toEqual(refused('amount', 'Belopp: Beloppet får inte vara negativt.', 'Amount: The amount must not be negative.'));
  });

  test('an allocation row\'s amount: the funder named, the row\'s key, zero allowed (a funder may get nothing)', () => {
    const r = parseAllocate({ allocations: [{ funder: 'STOKAB', amount: '5' }, { funder: 'Kommunstyrelsen', amount: '1 0' }] });
    expect(r).toEqual(refused('allocations.1',
      'Kommunstyrelsen: Tusentalen ska grupperas tre och tre, till exempel 1 234 567.',
      'Kommunstyrelsen: Thousands must be grouped in threes, for example 1 234 567.'));
    expect(parseAllocate({ allocations: [{ funder: 'a', amount: '0' }] })).toEqual({ ok: true, value: { total: undefined, allocations: [{ funder: 'a', amount: 0 }] } });
  });
});

describe('registerCost input', () => {
  test('what a full input becomes: trimmed texts, the category and status as the sheet spells them', () => {
    expect(parseRegisterCost({
      ...good, category: ' HUVUDTALARE ', supplier: ' Aula AB ', reference: ' F-17 ', status: 'beställd', item: 'p-12',
    })).toEqual({
      ok: true,
      value: {
        funder: 'STOKAB', category: 'huvudtalare', description: 'Lokal', amount: 123450, date: '2009-12-08',
        supplier: 'Aula AB', reference: 'F-17', status: 'Beställd', item: 'P-12',
      },
    });
  });

  test('an empty status is the default, Planerad', () => {
    expect(parseRegisterCost({ ...good, status: '' })).toMatchObject({ ok: true, value: { status: 'Planerad' } });
    expect(parseRegisterCost({ ...good, status: '  ' })).toMatchObject({ ok: true, value: { status: 'Planerad' } });
  });

  test('each refusal of a value names it and what is allowed', () => {
    expect(parseRegisterCost({ ...good, category: 'fika' })).toEqual(refused('category',
      'Kategori: okänd kategori "fika" (tillåtna: huvudtalare, plenarsessioner, specialistsessioner, workshops, studiebesök, representationsmiddag, kommunikation, projektledning, övrigt).',
      'Category: unknown category "fika" (allowed: huvudtalare, plenarsessioner, specialistsessioner, workshops, studiebesök, representationsmiddag, kommunikation, projektledning, övrigt).'));
    expect(parseRegisterCost({ ...good, status: 'Klar' })).toEqual(refused('status',
      'Status: okänd status "Klar" (tillåtna: Planerad, Beställd, Fakturerad, Betald, Makulerad).',
      'Status: unknown status "Klar" (allowed: Planerad, Beställd, Fakturerad, Betald, Makulerad).'));
    expect(parseRegisterCost({ ...good, status: 'makulerad' })).toEqual(refused('status',
      'Status: en ny kostnad kan inte vara makulerad.', 'Status: a new cost cannot be cancelled.'));
    expect(parseRegisterCost({ ...good, date: '2009-13-01' })).toEqual(refused('date',
      'Datum: "2009-13-01" är inget giltigt datum (ÅÅÅÅ-MM-DD).', 'Date: "2009-13-01" is not a valid date (YYYY-MM-DD).'));
  });

  test('a programme item: an ID like P-003 or nothing; the refusal quotes what was typed', () => {
    for (const ok of ['P-1', 'p-123456']) expect(parseRegisterCost({ ...good, item: ok })).toMatchObject({ ok: true, value: { item: ok.toUpperCase() } });
    for (const bad of ['P-', 'P-1234567', 'xP-1', 'P-1x', 'P-1 2', 'PP-1', 'P-a']) {
      expect(parseRegisterCost({ ...good, item: bad })).toEqual(refused('item',
        `Programpunkt: "${bad}" är inget ID för en programpunkt (som P-003); välj en punkt ur listan eller lämna fältet tomt.`,
        `Programme item: "${bad}" is not a programme item ID (like P-003); choose an item from the list or leave the field empty.`));
    }
    expect(parseRegisterCost({ ...good, item: '' })).toMatchObject({ ok: true, value: { item: '' } });
    expect(ITEM_ID.test('P-003')).toBe(true);
  });
});

describe('changeCost input', () => {
  test('a status or an amount, or both; the ID in capitals', () => {
    expect(parseCostChange({ id: ' k-0007 ', amount: '12,50' })).toEqual({ ok: true, value: { id: 'K-0007', status: undefined, amount: 1250 } });
    expect(parseCostChange({ id: 'K-0007', status: 'betald', amount: 3 })).toEqual({ ok: true, value: { id: 'K-0007', status: 'Betald', amount: 300 } });
  });

  test('neither (an empty status is none): the status field says what to give', () => {
    const nothing = refused('status', 'Ange ny status eller nytt belopp.', 'Give a new status or a new amount.');
    expect(parseCostChange({ id: 'K-0001' })).toEqual(nothing);
    expect(parseCostChange({ id: 'K-0001', status: ' ' })).toEqual(nothing);
    expect(parseCostChange({ id: 'K-0001', status: '', amount: 5 })).toEqual({ ok: true, value: { id: 'K-0001', status: undefined, amount: 500 } });
  });

  test('an unknown status is refused, whatever the amount', () => {
    expect(parseCostChange({ id: 'K-0001', status: 'Klar', amount: 5 })).toEqual(refused('status',
      'Status: okänd status "Klar" (tillåtna: Planerad, Beställd, Fakturerad, Betald, Makulerad).',
      'Status: unknown status "Klar" (allowed: Planerad, Beställd, Fakturerad, Betald, Makulerad).'));
  });
});

describe('transfer input', () => {
  test('what it becomes; the comment is optional', () => {
    expect(parseTransfer({ from: 'a', to: 'b', amount: 5, decisionRef: 'SG 1' }))
      .toEqual({ ok: true, value: { from: 'a', to: 'b', amount: 500, decisionRef: 'SG 1', comment: '' } });
    expect(parseTransfer({ from: 'a', to: 'b', amount: 5, decisionRef: 'SG 1', comment: ' varför ' }))
      .toMatchObject({ ok: true, value: { comment: 'varför' } });
  });
});

test('no-break spaces in a typed amount are spaces', () => {
  expect(parseRegisterCost({ ...good, amount: `1${NB}234,50` })).toMatchObject({ ok: true, value: { amount: 123450 } });
});
