/**
 * Beslut (src/app/decisions.ts): only the steering group records, every write sealed and logged without the
 * wording; transfers and approvals cite the register; a decision changed, added or removed on the sheet is
 * found at the next read and waits for review, like every other sheet's rows (src/app/journal.ts, review.ts).
 */
import { changeDecision, decisionsView, recordDecision } from '../../../src/app/decisions';
import { transferAllocation } from '../../../src/app/budget';
import { approveGuests } from '../../../src/app/guests';
import { listReview, resolveReview } from '../../../src/app/review';
import { summaryView } from '../../../src/app/summary';
import { UserError } from '../../../src/core/msg';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { dump, EKO, logRecords, PL, seed, STY } from './budget-fixture';

const VALID = { date: '2009-11-02', subject: 'Budgetomfördelning', text: 'Flytta 5 000 kr till Kommunstyrelsen.', reference: 'Dnr 9', decidedBy: 'Styrgruppen', status: 'Fattat', note: '' };
const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
const refusal = (f: () => unknown): UserError => {
  try { f(); } catch (e) { if (e instanceof UserError) return e; throw e; }
  throw new Error('not refused');
};
const decisionRecord = (p: MemoryPorts, id: string) => p.workbook.get('decisions').records().find((r) => r['ID'] === id)!;
const rowOf = (p: MemoryPorts, id: string) => p.workbook.get('decisions').grid.findIndex((r) => r[0] === id);

describe('recording a decision', () => {
  test('the steering group records: the next ID, the row sealed, Logg without the wording', () => {
    const p = seed({ user: STY });
    const r = recordDecision(p, { ...VALID, text: '=HYPERLINK("http://x")', decidedBy: 'Anna Andersson' });
    expect(r.id).toBe('B-0011');
    expect(r.message.sv).toBe('Beslut B-0011 (Budgetomfördelning, fattat) är registrerat.');
    const row = decisionRecord(p, 'B-0011');
    // Stored as the literal text typed (the adapter writes strings as text, src/gas/adapters.ts literal()).
    expect(row).toMatchObject({ Ämne: 'Budgetomfördelning', Beslut: '=HYPERLINK("http://x")', Referens: 'Dnr 9', 'Beslutat av': 'Anna Andersson', Status: 'Fattat' });
    expect(String(row['Sigill'])).toMatch(/^S1\|/);
    const log = logRecords(p);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ Användare: STY, Åtgärd: 'beslut.registrerat', Objekt: 'B-0011' });
    expect(String(log[0]['Efter'])).not.toMatch(/HYPERLINK|Anna/);
    expect(String(log[0]['Rad'])).not.toMatch(/HYPERLINK|Anna/);
    expect(decisionsView(p).decisions[0]).toMatchObject({ id: 'B-0011', review: null });
  });

  test.each([['finance', EKO], ['the project leader', PL], ['someone without a role', 'okand@stockholm.se'], ['an anonymous caller', '']])(
    '%s is refused, with who may, and nothing is written', (_who, user) => {
      const p = seed({ user });
      const before = dump(p);
      expect(refusal(() => recordDecision(p, VALID)).userMessage.sv).toBe('Du saknar behörighet: bara styrgruppen får göra detta. En administratör ger roller i Summit Planner → Inställningar.');
      expect(refusal(() => changeDecision(p, { ...VALID, id: 'B-0001', status: 'Upphävt' })).userMessage.en).toBe('You are not allowed to do this: only the steering group may. An administrator gives roles in Summit Planner → Settings.');
      expect(dump(p)).toBe(before);
      expect(decisionsView(p).mayRecord).toBe(false);
    });

  test.each([
    ['date', { date: '2009-13-01' }, /^Datum: "2009-13-01" är inget giltigt datum/],
    ['subject', { subject: 'Fika' }, /^Ämne: okänt ämne "Fika"/],
    ['text', { text: '' }, /^Beslut: skriv vad som beslutades\.$/],
    ['text', { text: 'x'.repeat(2001) }, /^Beslut: för lång text \(högst 2000 tecken\)\.$/],
    ['decidedBy', { decidedBy: 5 }, /^Beslutat av: saknas eller har fel typ\.$/],
    ['status', { status: 'Upphävt' }, /^Status: ett nytt beslut kan inte vara upphävt\.$/],
    ['extra', { extra: 1 }, /^Ogiltiga uppgifter: \(indata\)\.$/],
  ])('a bad %s is refused at its field (case %#)', (field, over, why) => {
    const p = seed({ user: STY });
    const before = dump(p);
    const e = refusal(() => recordDecision(p, { ...VALID, ...over }));
    expect(e.userMessage.sv).toMatch(why);
    if (field !== 'extra') expect(e.field).toBe(field);
    expect(dump(p)).toBe(before);
  });

  test('a proposal is taken, then revoked; a taken decision\'s wording is not rewritten', () => {
    const p = seed({ user: STY });
    const { id } = recordDecision(p, { ...VALID, status: 'Förslag' });
    expect(changeDecision(p, { ...VALID, id, text: 'Nytt', status: 'Fattat' }).message.sv).toBe(`Beslut ${id} är ändrat (fattat).`);
    const e = refusal(() => changeDecision(p, { ...VALID, id, text: 'Omskrivet', status: 'Fattat' }));
    expect(e.field).toBe('text');
    expect(e.userMessage.sv).toBe(`Beslut: beslut ${id} är fattat och ändras inte (registrera ett nytt beslut i stället).`);
    changeDecision(p, { ...VALID, id, text: 'Nytt', status: 'Upphävt', note: 'Ersatt' });
    expect(logRecords(p).map((r) => r['Åtgärd'])).toEqual(['beslut.registrerat', 'beslut.ändrat', 'beslut.upphävt']);
    expect(refusal(() => changeDecision(p, { ...VALID, id: 'B-0999' })).userMessage.sv).toBe('Det finns inget beslut B-0999 i registret.');
  });
});

describe('a transfer cites a decision in the register', () => {
  test('a reference that is not in the register is refused with that reason, at its field, and nothing is written', () => {
    const p = seed({ user: STY });
    const before = dump(p);
    const e = refusal(() => transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: '1 000', decisionRef: 'Styrgruppen 2009-10-20 § 3' }));
    expect(e.field).toBe('decisionRef');
    expect(e.userMessage.sv).toBe('Det finns inget beslut "Styrgruppen 2009-10-20 § 3" i beslutsregistret (bladet Beslut). En omfördelning måste hänvisa till ett fattat beslut om budgetomfördelning: välj det i listan, eller låt styrgruppen registrera det i Summit Planner → Beslut.');
    expect(dump(p)).toBe(before);
  });
  test.each([
    ['a proposal', 'B-0009', 'Beslut B-0009 är inte fattat (status Förslag), så det kan inte åberopas.'],
    ['a revoked decision', 'SG upphävt', 'Beslut B-0010 är inte fattat (status Upphävt), så det kan inte åberopas.'],
    ['a decision on another subject', 'B-0007', 'Beslut B-0007 gäller inbjudningslista, inte budgetomfördelning. En omfördelning hänvisar till ett beslut om budgetomfördelning.'],
  ])('%s is refused', (_what, ref, why) => {
    const p = seed({ user: STY });
    expect(refusal(() => transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: 1, decisionRef: ref })).userMessage.sv).toBe(why);
  });
  test('a cited decision is written as its ID and Dnr, in Omfördelningar and Logg', () => {
    const p = seed({ user: STY });
    transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: 1, decisionRef: 'B-0003' });
    expect(p.workbook.get('transfers').records()[0]['Beslutsreferens']).toBe('B-0003 (SG 1)');
    expect(String(logRecords(p).find((r) => r['Åtgärd'] === 'omfördelning.registrerad')!['Efter'])).toContain('"beslut":"B-0003 (SG 1)"');
  });
  test('an older transfer whose free-text reference matches nothing stays as it was', () => {
    const p = memoryPorts(STY);
    p.workbook.add('settings', [['Totalbudget', 800000, ''], ['Styrgrupp', STY, '']]);
    p.workbook.add('budget', [['STOKAB', 400000, '', ''], ['Kommunstyrelsen', 400000, '', '']]);
    p.workbook.add('transfers', [['O-0001', new Date(2009, 9, 1), 'STOKAB', 'Kommunstyrelsen', 1000, 'Styrgruppen 2009-10-01 § 2', STY, '']]);
    journalled(p);
    const old = p.workbook.get('transfers').records()[0];
    expect(listReview(as(p, STY)).items).toEqual([]);
    // New transfers must cite the register: the same free text is refused now …
    expect(refusal(() => transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: 1, decisionRef: 'Styrgruppen 2009-10-01 § 2' })).field).toBe('decisionRef');
    // … while the old row is left as it was, verified, and counts in the budget as before.
    expect(p.workbook.get('transfers').records()[0]).toEqual(old);
    expect(listReview(p).items).toEqual([]);
  });
});

describe('an approval of guests cites a decision in the register', () => {
  test('a decision that is not in the register is refused with that reason, at its field', () => {
    const p = withGuestList();
    const before = dump(p);
    const e = refusal(() => approveGuests(p, { ids: ['G-0001'], decision: 'B-0099' }));
    expect(e.field).toBe('decision');
    expect(e.userMessage.sv).toBe('Det finns inget beslut "B-0099" i beslutsregistret (bladet Beslut). Ett godkännande av gäster måste hänvisa till ett fattat beslut om inbjudningslista: välj det i listan, eller låt styrgruppen registrera det i Summit Planner → Beslut.');
    expect(dump(p)).toBe(before);
  });
  test('a decision about something else is refused; the invitation-list decision approves, logged with it', () => {
    const p = withGuestList();
    expect(refusal(() => approveGuests(p, { ids: ['G-0001'], decision: 'B-0001' })).userMessage.sv).toBe('Beslut B-0001 gäller budgetomfördelning, inte inbjudningslista. Ett godkännande av gäster hänvisar till ett beslut om inbjudningslista.');
    expect(refusal(() => approveGuests(p, { ids: ['G-0001'] })).userMessage.sv).toBe('Ogiltiga uppgifter: decision.');
    expect(approveGuests(p, { ids: ['G-0001'], decision: 'B-0007' }).changed).toEqual(['G-0001']);
    expect(String(logRecords(p).find((r) => r['Åtgärd'] === 'gäst.godkänd')!['Efter'])).toContain('"beslut":"B-0007"');
  });
});

function withGuestList(): MemoryPorts {
  const p = memoryPorts(STY);
  p.workbook.add('settings', [['Styrgrupp', STY, ''], ['Projektledare', PL, ''], ['Max antal inbjudna', 30, '']]);
  p.workbook.add('guests', [['G-0001', 'A', 'B', '', '', '', 'a@example.se', 'sv', 'konferensen', '', 'Föreslagen', '', '', '']]);
  p.workbook.add('decisions', [
    ['B-0001', new Date(2009, 9, 1), 'Budgetomfördelning', 'Flytta', 'Dnr 1', 'Styrgruppen', 'Fattat', ''],
    ['B-0007', new Date(2009, 9, 1), 'Inbjudningslista', 'Listan', 'Dnr 7', 'Styrgruppen', 'Fattat', ''],
  ]);
  p.workbook.add('log');
  return journalled(p);
}

describe('a decision changed outside Summit Planner is found and waits for review', () => {
  test('a cell typed over: flagged, not citable, listed for the steering group, undone back to the sealed wording', () => {
    const p = seed({ user: STY });
    const r = rowOf(p, 'B-0003');
    p.workbook.get('decisions').grid[r][3] = 'Flytta 500 000 kr';
    const view = decisionsView(p);
    expect(view.pending.map((m) => m.sv)).toEqual(['Beslut rad 4 (B-0003): ändrad utanför Summit Planner (Beslut ändrad).']);
    expect(view.decisions.find((d) => d.id === 'B-0003')).toMatchObject({ text: 'Beslut B-0003', review: { sv: 'Rad 4 väntar på granskning.' } });
    expect(refusal(() => transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: 1, decisionRef: 'B-0003' })).userMessage.sv)
      .toMatch(/^Beslut B-0003 har ändrats utanför Summit Planner och väntar på granskning/);
    const item = listReview(p).items.find((i) => i.table === 'decisions')!;
    expect(item).toMatchObject({ sheet: 'Beslut', key: 'B-0003', kind: 'changed', mayDecide: true, who: { sv: 'styrgruppen' } });
    expect(listReview(as(p, EKO)).items.find((i) => i.table === 'decisions')!.mayDecide).toBe(false);
    expect(refusal(() => resolveReview(as(p, EKO), { id: item.id, action: 'undo' })).userMessage.sv).toMatch(/^Du saknar behörighet: bara styrgruppen/);
    resolveReview(as(p, STY), { id: item.id, action: 'undo' });
    expect(decisionRecord(p, 'B-0003')['Beslut']).toBe('Beslut B-0003');
    expect(decisionsView(p).pending).toEqual([]);
  });

  test('a taken decision\'s wording typed over can\'t be confirmed; a note can', () => {
    const p = seed({ user: STY });
    const r = rowOf(p, 'B-0003');
    p.workbook.get('decisions').grid[r][3] = 'Omskrivet';
    const id = listReview(p).items.find((i) => i.table === 'decisions')!.id;
    expect(refusal(() => resolveReview(p, { id, action: 'confirm' })).userMessage.sv).toBe('Beslut: beslut B-0003 är fattat och ändras inte (registrera ett nytt beslut i stället).');
    p.workbook.get('decisions').grid[r][3] = 'Beslut B-0003';
    p.workbook.get('decisions').grid[r][7] = 'Protokollet justerat';
    resolveReview(p, { id: listReview(p).items.find((i) => i.table === 'decisions')!.id, action: 'confirm' });
    expect(decisionsView(p).pending).toEqual([]);
    expect(logRecords(p).map((x) => x['Åtgärd'])).toEqual(['beslut.ändring-godkänd']);
    expect(String(logRecords(p)[0]['Efter'])).not.toContain('Protokollet');
  });

  test('a row typed or pasted in is no decision until the steering group confirms it (it gets the next ID)', () => {
    const p = seed({ user: STY });
    p.workbook.get('decisions').grid.push(['', '2009-11-05', 'Budgetomfördelning', 'Inklistrat', 'Dnr X', 'Styrgruppen', 'Fattat', '', '']);
    expect(refusal(() => transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: 1, decisionRef: 'Dnr X' })).userMessage.sv).toMatch(/^Det finns inget beslut "Dnr X"/);
    const item = listReview(p).items.find((i) => i.table === 'decisions')!;
    expect(item.kind).toBe('new');
    resolveReview(p, { id: item.id, action: 'confirm' });
    expect(decisionRecord(p, 'B-0011')).toMatchObject({ Beslut: 'Inklistrat', Referens: 'Dnr X' });
    expect(transferAllocation(p, { from: 'STOKAB', to: 'Kommunstyrelsen', amount: 1, decisionRef: 'Dnr X' }).id).toBe('O-0001');
  });

  test('a deleted row is found, and restored from the journal without its wording', () => {
    const p = seed({ user: STY });
    p.workbook.get('decisions').grid.splice(rowOf(p, 'B-0002'), 1);
    const item = listReview(p).items.find((i) => i.table === 'decisions')!;
    expect(item).toMatchObject({ kind: 'missing', key: 'B-0002' });
    expect(decisionsView(p).pending[0].sv).toBe('Beslut: raden B-0002 har tagits bort utanför Summit Planner.');
    expect(resolveReview(p, { id: item.id, action: 'undo' }).message.sv).toMatch(/^Raden B-0002 är tillbaka sist på bladet Beslut\. Beslutets text/);
    expect(decisionRecord(p, 'B-0002')).toMatchObject({ Referens: 'Dnr 2', Status: 'Fattat', Beslut: '' });
  });
});

describe('set-up carries an older Beslut sheet over', () => {
  test('rows already there become decisions (Övrigt, Fattat, an ID); an incomplete one waits for review; nothing is lost', () => {
    const p = memoryPorts(STY);
    p.workbook.add('settings', [['Styrgrupp', STY, '']]);
    // The older sheet's six columns, then what set-up appended (src/core/setup.ts planSetup: `since` columns).
    p.workbook.add('decisions', [
      ['', new Date(2009, 8, 1), 'Stadens tema är öppenhet', 'Dnr 1', 'Styrgruppen', 'Första mötet'],
      ['B-0007', new Date(2009, 8, 2), 'Inbjudningslistan', 'Dnr 2', '', ''],
      ['', 'i höstas', '', 'Dnr 3', '', 'ofullständig'],
    ], ['ID', 'Datum', 'Beslut', 'Referens', 'Beslutat av', 'Anteckning', 'Ämne', 'Status', 'Sigill']);
    p.workbook.add('log');
    journalled(p);
    const view = decisionsView(p);
    expect(view.decisions.map((d) => [d.id, d.subject, d.status, d.text, d.reference, d.decidedBy, d.note])).toEqual([
      ['B-0007', 'Övrigt', 'Fattat', 'Inbjudningslistan', 'Dnr 2', 'Styrgruppen', ''],
      ['B-0008', 'Övrigt', 'Fattat', 'Stadens tema är öppenhet', 'Dnr 1', 'Styrgruppen', 'Första mötet'],
    ]);
    expect(view.pending.map((m) => m.sv)).toEqual(['Beslut rad 4: raden är inte skriven av Summit Planner (tillagd eller inklistrad för hand).']);
    expect(p.workbook.get('decisions').records()[2]).toMatchObject({ Datum: 'i höstas', Referens: 'Dnr 3', Anteckning: 'ofullständig' });
  });

  test('once carried over, a later set-up adopts nothing typed by hand', () => {
    const p = seed({ user: STY });
    p.workbook.get('decisions').grid.push(['B-0050', '2009-11-05', 'Tema', 'Handskrivet', '', 'Styrgruppen', 'Fattat', '', '']);
    expect(summaryView(p).review).toHaveLength(0); // not a decision at all: not on the summary as one
    expect(listReview(p).items.filter((i) => i.table === 'decisions').map((i) => i.kind)).toEqual(['new']);
  });
});
