/**
 * The decision register's rules (src/core/decisions.ts) at their edges: the first and last value of each list, each
 * length limit exactly and one over, what a refusal quotes of the typed text, what a revoked decision may still
 * change, which register rows can be cited and in what order the picker offers them, so a changed comparison,
 * limit or message turns a test red (npm run test:mutation).
 */
import {
  checkChange, checkDecision, citable, citationText, citeDecision, nextDecisionId, parseStatus, parseSubject, type Decision, type RegisterEntry,
} from '../../../src/core/decisions';

const draft = { date: '2009-11-02', subject: 'Tema', text: 'Öppenhet', reference: 'Dnr 1', decidedBy: 'Styrgruppen', status: 'Förslag', note: '' };
const decision = (over: Partial<Decision> = {}): Decision => ({
  id: 'B-0001', date: '2009-11-02', subject: 'Budgetomfördelning', text: 'Flytta', reference: 'Dnr 1', decidedBy: 'Styrgruppen', status: 'Fattat', note: '', ...over,
});
const entry = (d: Decision, unverified = false): RegisterEntry => ({ id: d.id, reference: d.reference, unverified, decision: d });
const problemOf = (over: Record<string, unknown>) => {
  const r = checkDecision('B-0001', { ...draft, ...over });
  return r.ok ? null : { field: r.problem.field, sv: r.problem.message.sv };
};

describe('subjects and statuses: every list value, the first and last included', () => {
  test.each(['Tema', 'Inbjudningslista', 'Övrigt'])('subject %s', (s) => {
    expect(parseSubject(s)).toBe(s);
    expect(parseSubject(s.toLocaleUpperCase('sv'))).toBe(s);
  });
  test.each(['Förslag', 'Fattat', 'Upphävt'])('status %s', (s) => {
    expect(parseStatus(` ${s.toLocaleLowerCase('sv')} `)).toBe(s);
  });
  test('anything else is no subject or status', () => {
    expect([parseSubject('Temat'), parseSubject(''), parseSubject(null), parseStatus('Fattad'), parseStatus(3)]).toEqual([null, null, null, null, null]);
  });
  test('a proposal about the theme is a sound decision', () => {
    expect(checkDecision('B-0002', draft)).toEqual({ ok: true, value: { id: 'B-0002', ...draft } });
  });
});

describe('IDs', () => {
  test('only B- and 1 to 9 digits, the whole ID, spaces around aside, count', () => {
    expect(nextDecisionId([' B-0005 '])).toBe('B-0006');
    expect(nextDecisionId(['B-7'])).toBe('B-0008');
    expect(nextDecisionId(['B-123456789'])).toBe('B-123456790');
    expect(nextDecisionId(['B-1234567890', 'xB-0099', 'B-0099x', 'B-', 'B-00a1', 'A-0050'])).toBe('B-0001');
  });
});

describe('checkDecision: limits and what a refusal quotes', () => {
  test('each text field at its limit is accepted; one more is refused at that field', () => {
    expect(problemOf({ text: 'x'.repeat(2000), reference: 'r'.repeat(100), decidedBy: 'd'.repeat(200), note: 'n'.repeat(1000) })).toBeNull();
    expect(problemOf({ decidedBy: 'd'.repeat(201) })).toEqual({ field: 'decidedBy', sv: 'Beslutat av: för lång text (högst 200 tecken).' });
    expect(problemOf({ reference: 'r'.repeat(101) })).toEqual({ field: 'reference', sv: 'Referens (Dnr): för lång text (högst 100 tecken).' });
  });
  test('a bad date, subject or status is quoted trimmed, cut at 20, 40 and 20 characters', () => {
    expect(problemOf({ date: ` 2009-11-02 kl 10 på morgonen ` })).toEqual({ field: 'date', sv: 'Datum: "2009-11-02 kl 10 på " är inget giltigt datum (ÅÅÅÅ-MM-DD).' });
    expect(problemOf({ subject: 's'.repeat(39) + 'tu' })?.sv).toMatch(new RegExp(`^Ämne: okänt ämne "${'s'.repeat(39)}t" \\(tillåtna: Tema, `));
    expect(problemOf({ status: 'Fattat enligt protokollet' })).toEqual({ field: 'status', sv: 'Status: okänd status "Fattat enligt protok" (tillåtna: Förslag, Fattat, Upphävt).' });
  });
  test('the fields are judged in order: the date first, then subject, text, who decided, status', () => {
    const all = { date: 'x', subject: 'x', text: '', decidedBy: '', status: 'x' };
    expect(problemOf(all)?.field).toBe('date');
    expect(problemOf({ ...all, date: '2009-11-02' })?.field).toBe('subject');
    expect(problemOf({ ...all, date: '2009-11-02', subject: 'Tema' })?.field).toBe('text');
    expect(problemOf({ ...all, date: '2009-11-02', subject: 'Tema', text: 'T' })?.field).toBe('decidedBy');
    expect(problemOf({ ...all, date: '2009-11-02', subject: 'Tema', text: 'T', decidedBy: 'S' })?.field).toBe('status');
  });
});

describe('checkChange: what a revoked decision and a taken one may still change', () => {
  test('a revoked decision\'s note may change; it stays revoked', () => {
    expect(checkChange(decision({ status: 'Upphävt' }), decision({ status: 'Upphävt', note: 'Ersatt av B-0009' }))).toBeNull();
  });
  test('a revoked decision can\'t become a proposal either; its wording is frozen like a taken one\'s', () => {
    const back = checkChange(decision({ status: 'Upphävt' }), decision({ status: 'Förslag' }));
    expect([back?.field, back?.message.sv]).toEqual(['status', 'Status: beslut B-0001 är upphävt och kan inte återupplivas (registrera ett nytt beslut).']);
    const text = checkChange(decision({ status: 'Upphävt' }), decision({ status: 'Upphävt', text: 'Annat' }));
    expect([text?.field, text?.message.en]).toEqual(['text', 'Decision: decision B-0001 is revoked and is not changed (record a new decision instead).']);
  });
  test('a taken decision\'s note may change without revoking it', () => {
    expect(checkChange(decision(), decision({ note: 'Protokollet justerat' }))).toBeNull();
  });
});

describe('citing', () => {
  test('an empty reference cites nothing, not even a decision without a Dnr', () => {
    const r = citeDecision([entry(decision({ reference: '' }))], '  ', 'transfer');
    expect(r.ok || r.why.sv).toMatch(/^Det finns inget beslut "" i beslutsregistret/);
  });
  test('a Dnr is matched trimmed and case aside on both sides; the refusal quotes 60 characters of the reference', () => {
    const d = decision({ reference: ' Dnr 7 ' });
    expect(citeDecision([entry(d)], 'DNR 7', 'transfer')).toEqual({ ok: true, decision: d });
    const long = `  ${'x'.repeat(59)}yz `;
    const r = citeDecision([entry(d)], long, 'approval');
    expect(r.ok || r.why.en).toMatch(new RegExp(`^There is no decision "${'x'.repeat(59)}y" in the decision register`));
  });
  test('a row that is no sound decision can\'t be cited, even when nothing flags it', () => {
    const r = citeDecision([{ id: 'B-0004', reference: 'Dnr 4', unverified: false, decision: null }], 'Dnr 4', 'transfer');
    expect(r.ok || r.why.sv).toMatch(/^Beslut B-0004 kan inte åberopas: raden följer inte dagens regler för ett beslut/);
  });
  test('two decisions with one Dnr: counted in English too', () => {
    const r = citeDecision([entry(decision()), entry(decision({ id: 'B-0002' }))], 'dnr 1', 'transfer');
    expect(r.ok || r.why.en).toBe('2 decisions have the reference "dnr 1" (B-0001, B-0002): choose the decision by its ID.');
  });
  test('a citation is written as the ID, with the Dnr when there is one', () => {
    expect([citationText(decision()), citationText(decision({ reference: '' }))]).toEqual(['B-0001 (Dnr 1)', 'B-0001']);
  });
  test('the picker: taken, verified, sound and of the subject only; newest date first, then the higher ID', () => {
    const register: RegisterEntry[] = [
      entry(decision({ id: 'B-0001', date: '2009-10-01' })), entry(decision({ id: 'B-0003', date: '2009-10-01' })), entry(decision({ id: 'B-0002', date: '2009-10-05' })),
      entry(decision({ id: 'B-0004', date: '2009-12-01' }), true), { id: 'B-0005', reference: '', unverified: false, decision: null },
      entry(decision({ id: 'B-0006', date: '2009-12-01', status: 'Förslag' })), entry(decision({ id: 'B-0007', date: '2009-12-01', subject: 'Tema' })),
    ];
    expect(citable(register, 'transfer').map((d) => d.id)).toEqual(['B-0002', 'B-0003', 'B-0001']);
    expect(citable(register.slice(0, 2).reverse(), 'transfer').map((d) => d.id)).toEqual(['B-0003', 'B-0001']);
  });
});
