/** The decision register's rules (src/core/decisions.ts): a sound decision, what may change once taken, what may be cited. */
import {
  checkChange, checkDecision, checkNew, citable, citeDecision, nextDecisionId, type Decision, type RegisterEntry,
} from '../../../src/core/decisions';

const draft = { date: '2009-11-02', subject: 'Budgetomfördelning', text: 'Flytta 10 000 kr.', reference: 'Dnr 1', decidedBy: 'Styrgruppen', status: 'Fattat', note: '' };
const decision = (over: Partial<Decision> = {}): Decision => ({
  id: 'B-0001', date: '2009-11-02', subject: 'Budgetomfördelning', text: 'Flytta', reference: 'Dnr 1', decidedBy: 'Styrgruppen', status: 'Fattat', note: '', ...over,
});
const entry = (d: Decision, unverified = false): RegisterEntry => ({ id: d.id, reference: d.reference, unverified, decision: d });

describe('checkDecision', () => {
  test('a sound decision reads back trimmed, subject and status in the list\'s spelling', () => {
    const r = checkDecision('B-0001', { ...draft, subject: ' budgetomfördelning ', status: 'fattat', text: '  Flytta 10 000 kr. ' });
    expect(r).toEqual({ ok: true, value: { id: 'B-0001', ...draft, text: 'Flytta 10 000 kr.' } });
  });
  test.each([
    ['date', { date: '2009-02-30' }, 'Datum: "2009-02-30" är inget giltigt datum (ÅÅÅÅ-MM-DD).'],
    ['date', { date: '' }, 'Datum: "" är inget giltigt datum (ÅÅÅÅ-MM-DD).'],
    ['subject', { subject: 'Fest' }, 'Ämne: okänt ämne "Fest" (tillåtna: Tema, Inbjudningslista, Huvudtalare, Medverkan, Studiebesök, Representationsmiddag, Kommunikation, Budgetomfördelning, Övrigt).'],
    ['text', { text: '   ' }, 'Beslut: skriv vad som beslutades.'],
    ['decidedBy', { decidedBy: '' }, 'Beslutat av: fyll i vem som beslutade (t.ex. Styrgruppen).'],
    ['status', { status: 'Klart' }, 'Status: okänd status "Klart" (tillåtna: Förslag, Fattat, Upphävt).'],
    ['text', { text: 'x'.repeat(2001) }, 'Beslut: för lång text (högst 2000 tecken).'],
    ['reference', { reference: 'x'.repeat(101) }, 'Referens (Dnr): för lång text (högst 100 tecken).'],
    ['note', { note: 'x'.repeat(1001) }, 'Anteckning: för lång text (högst 1000 tecken).'],
  ])('%s refused with its name (case %#)', (field, over, sv) => {
    const r = checkDecision('B-0001', { ...draft, ...over });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.field).toBe(field);
      expect(r.problem.message.sv).toBe(sv);
    }
  });
  test('a date cell is a date', () => {
    expect(checkDecision('B-0001', { ...draft, date: new Date(2009, 10, 2) }).ok).toBe(true);
  });
  test('a new decision is never born revoked', () => {
    expect(checkNew(decision({ status: 'Upphävt' }))?.message.sv).toBe('Status: ett nytt beslut kan inte vara upphävt.');
    expect(checkNew(decision({ status: 'Förslag' }))).toBeNull();
  });
});

describe('checkChange: a taken decision is not rewritten', () => {
  test('a proposal may change in every way', () => {
    expect(checkChange(decision({ status: 'Förslag' }), decision({ text: 'Annat', date: '2009-11-03', status: 'Fattat' }))).toBeNull();
  });
  test('a taken decision may be revoked, with a note', () => {
    expect(checkChange(decision(), decision({ status: 'Upphävt', note: 'Ersatt av B-0002' }))).toBeNull();
  });
  test.each(['date', 'subject', 'text', 'reference', 'decidedBy'] as const)('a taken decision\'s %s is frozen', (f) => {
    const after = decision({ [f]: f === 'subject' ? 'Tema' : f === 'date' ? '2009-11-03' : 'ändrat' });
    const p = checkChange(decision(), after);
    expect(p?.field).toBe(f);
    expect(p?.message.sv).toMatch(/beslut B-0001 är fattat och ändras inte \(registrera ett nytt beslut i stället\)\.$/);
  });
  test('taken never goes back to a proposal; revoked never comes back', () => {
    expect(checkChange(decision(), decision({ status: 'Förslag' }))?.message.sv).toBe('Status: beslut B-0001 är fattat: det kan upphävas men inte bli ett förslag igen.');
    expect(checkChange(decision({ status: 'Upphävt' }), decision({ status: 'Fattat' }))?.message.sv).toBe('Status: beslut B-0001 är upphävt och kan inte återupplivas (registrera ett nytt beslut).');
  });
});

describe('citeDecision', () => {
  const register = [
    entry(decision()), entry(decision({ id: 'B-0002', reference: 'Dnr 2', subject: 'Inbjudningslista' })),
    entry(decision({ id: 'B-0003', reference: 'Dnr 3', status: 'Förslag' })), entry(decision({ id: 'B-0004', reference: 'Dnr 3', status: 'Upphävt' })),
    entry(decision({ id: 'B-0005', reference: 'Dnr 5' }), true),
  ];
  test('by ID or by a Dnr only one decision has, case and spaces aside', () => {
    expect(citeDecision(register, ' b-0001 ', 'transfer')).toEqual({ ok: true, decision: register[0].decision });
    expect(citeDecision(register, 'dnr 1', 'transfer')).toEqual({ ok: true, decision: register[0].decision });
    expect(citeDecision(register, 'B-0002', 'approval')).toEqual({ ok: true, decision: register[1].decision });
  });
  test('a decision that is not in the register is refused with that reason', () => {
    const r = citeDecision(register, 'Styrgruppen 2009-10-20 § 3', 'transfer');
    expect(r.ok || r.why.sv).toBe('Det finns inget beslut "Styrgruppen 2009-10-20 § 3" i beslutsregistret (bladet Beslut). En omfördelning måste hänvisa till ett fattat beslut om budgetomfördelning: välj det i listan, eller låt styrgruppen registrera det i Summit Planner → Beslut.');
    const a = citeDecision(register, 'B-0099', 'approval');
    expect(a.ok || a.why.en).toBe('There is no decision "B-0099" in the decision register (the Beslut sheet). An approval of guests must cite a taken decision about invitation list: choose it from the list, or have the steering group record it in Summit Planner → Decisions.');
    expect(citeDecision(register, '', 'transfer').ok).toBe(false);
  });
  test('a Dnr two decisions share must be chosen by ID', () => {
    const r = citeDecision(register, 'Dnr 3', 'transfer');
    expect(r.ok || r.why.sv).toBe('2 beslut har referensen "Dnr 3" (B-0003, B-0004): välj beslutet med dess ID.');
  });
  test('only a verified, taken decision of the right subject can be cited', () => {
    const why = (ref: string, use: 'transfer' | 'approval') => { const r = citeDecision(register, ref, use); return r.ok ? '' : r.why.sv; };
    expect(why('B-0003', 'transfer')).toBe('Beslut B-0003 är inte fattat (status Förslag), så det kan inte åberopas.');
    expect(why('B-0004', 'transfer')).toBe('Beslut B-0004 är inte fattat (status Upphävt), så det kan inte åberopas.');
    expect(why('B-0005', 'transfer')).toMatch(/^Beslut B-0005 har ändrats utanför Summit Planner och väntar på granskning, så det kan inte åberopas\./);
    expect(why('B-0002', 'transfer')).toBe('Beslut B-0002 gäller inbjudningslista, inte budgetomfördelning. En omfördelning hänvisar till ett beslut om budgetomfördelning.');
    expect(why('B-0001', 'approval')).toBe('Beslut B-0001 gäller budgetomfördelning, inte inbjudningslista. Ett godkännande av gäster hänvisar till ett beslut om inbjudningslista.');
  });
  test('the picker offers only what can be cited, newest first', () => {
    const newer = entry(decision({ id: 'B-0006', date: '2009-11-20', reference: '' }));
    expect(citable([...register, newer], 'transfer').map((d) => d.id)).toEqual(['B-0006', 'B-0001']);
    expect(citable(register, 'approval').map((d) => d.id)).toEqual(['B-0002']);
  });
});

test('IDs follow the highest ever issued, whatever the case or gaps', () => {
  expect(nextDecisionId([])).toBe('B-0001');
  expect(nextDecisionId(['B-0002', 'b-0010', 'x', 'B-0003'])).toBe('B-0011');
});
