/**
 * The decision register as transfers and approvals read it (src/app/register.ts): which decision a reference
 * cites (its ID or its Dnr), the refusal at the caller's field when none can be, what the sidebars' pickers offer
 * (taken decisions on the citation's subject, newest first, each labelled "ID · date · Dnr · wording" with the
 * wording cut to fit) and what is never offered or cited: a row changed on the sheet, or one an older version sealed
 * that is no sound decision today. Found by StrykerJS mutants that survived (npm run test:mutation).
 */
import { checkTable, Journal, Tx } from '../../../src/app/journal';
import { citableDecisions, requireCitation } from '../../../src/app/register';
import { UserError } from '../../../src/core/msg';
import type { Cell } from '../../../src/app/ports';
import type { MemoryPorts } from '../../support/memory';
import { seed } from './budget-fixture';

const SIXTY = 'Flytta 5 000 kr från Kommunstyrelsen till Utbildningsnämnden';
const SIXTY_ONE = 'Flytta 50 000 kr från Kommunstyrelsen till Utbildningsnämnden';
/** A Beslut row in schema order: ID, Datum, Ämne, Beslut, Referens, Beslutat av, Status, Anteckning. */
const row = (id: string, day: number, subject: string, text: string, reference: string, status = 'Fattat'): Cell[] =>
  [id, new Date(2009, 10, day), subject, text, reference, 'Styrgruppen', status, ''];

function setup(): MemoryPorts {
  return seed({ decisions: [
    row('B-0001', 2, 'Budgetomfördelning', 'Flytta 1 000 kr till STOKAB', 'Dnr 1'),
    row('B-0002', 3, 'Budgetomfördelning', SIXTY, ''),
    row('B-0003', 4, 'Budgetomfördelning', SIXTY_ONE, 'Dnr 3'),
    row('B-0004', 2, 'Inbjudningslista', 'Gästlistan godkänd', 'SG lista'),
    row('B-0005', 5, 'Budgetomfördelning', 'Flytta 2 000 kr', 'Dnr 5', 'Förslag'),
  ] });
}
const refusal = (f: () => unknown): { field: string | undefined; sv: string } => {
  try { f(); } catch (e) { if (e instanceof UserError) return { field: e.field, sv: e.userMessage.sv }; throw e; }
  throw new Error('not refused');
};
const labels = (p: MemoryPorts, use: 'transfer' | 'approval') => citableDecisions(new Journal(p), use).map((d) => d.label);
/** Types `text` into B-000n's Beslut cell on the sheet (outside Summit Planner). */
const typeOnSheet = (p: MemoryPorts, n: number, text: string) => { p.workbook.get('decisions').grid[n][3] = text; };

describe('the picker', () => {
  test('taken decisions on the citation\'s subject, newest first: ID, date, Dnr (when there is one) and the wording cut after 59 characters', () => {
    const p = setup();
    expect(citableDecisions(new Journal(p), 'transfer')).toEqual([
      { id: 'B-0003', date: '2009-11-04', reference: 'Dnr 3', label: 'B-0003 · 2009-11-04 · Dnr 3 · Flytta 50 000 kr från Kommunstyrelsen till Utbildningsnämnd…' },
      { id: 'B-0002', date: '2009-11-03', reference: '', label: `B-0002 · 2009-11-03 · ${SIXTY}` },
      { id: 'B-0001', date: '2009-11-02', reference: 'Dnr 1', label: 'B-0001 · 2009-11-02 · Dnr 1 · Flytta 1 000 kr till STOKAB' },
    ]);
    expect(labels(p, 'approval')).toEqual(['B-0004 · 2009-11-02 · SG lista · Gästlistan godkänd']);
  });

  test('a decision changed on the sheet is not offered until the change is reviewed', () => {
    const p = setup();
    typeOnSheet(p, 1, 'Flytta 100 000 kr till STOKAB');
    expect(labels(p, 'transfer').map((l) => l.slice(0, 6))).toEqual(['B-0003', 'B-0002']);
  });
});

describe('citing a decision', () => {
  test('by its ID in any case, or by its Dnr: the decision as registered', () => {
    const p = setup();
    expect(requireCitation(new Journal(p), ' b-0001 ', 'transfer', 'decisionRef')).toEqual({
      id: 'B-0001', date: '2009-11-02', subject: 'Budgetomfördelning', text: 'Flytta 1 000 kr till STOKAB', reference: 'Dnr 1',
      decidedBy: 'Styrgruppen', status: 'Fattat', note: '',
    });
    expect(requireCitation(new Journal(p), 'dnr 3', 'transfer', 'decisionRef').id).toBe('B-0003');
    expect(requireCitation(new Journal(p), 'SG lista', 'approval', 'decision').id).toBe('B-0004');
  });

  test('none to cite: refused at the caller\'s field, saying why', () => {
    const p = setup();
    expect(refusal(() => requireCitation(new Journal(p), 'Dnr 9', 'transfer', 'decisionRef'))).toEqual({
      field: 'decisionRef',
      sv: 'Det finns inget beslut "Dnr 9" i beslutsregistret (bladet Beslut). En omfördelning måste hänvisa till ett fattat beslut om budgetomfördelning: välj det i listan, eller låt styrgruppen registrera det i Summit Planner → Beslut.',
    });
    expect(refusal(() => requireCitation(new Journal(p), 'B-0005', 'transfer', 'decisionRef'))).toEqual({
      field: 'decisionRef', sv: 'Beslut B-0005 är inte fattat (status Förslag), så det kan inte åberopas.',
    });
    expect(refusal(() => requireCitation(new Journal(p), 'B-0001', 'approval', 'decision'))).toEqual({
      field: 'decision', sv: 'Beslut B-0001 gäller budgetomfördelning, inte inbjudningslista. Ett godkännande av gäster hänvisar till ett beslut om inbjudningslista.',
    });
  });

  test('a decision changed on the sheet can\'t be cited until the change is reviewed', () => {
    const p = setup();
    typeOnSheet(p, 1, 'Flytta 100 000 kr till STOKAB');
    expect(refusal(() => requireCitation(new Journal(p), 'Dnr 1', 'transfer', 'decisionRef'))).toEqual({
      field: 'decisionRef',
      sv: 'Beslut B-0001 har ändrats utanför Summit Planner och väntar på granskning, så det kan inte åberopas. Styrgruppen godkänner eller ångrar ändringen i Summit Planner → Granska ändringar.',
    });
  });

  test('a row an older version sealed that is no sound decision today (wording over today\'s limit) is neither offered nor cited', () => {
    const p = setup();
    // As an older version with a longer limit would have sealed it (the journal's own write, src/app/journal.ts Tx).
    p.lock.withLock(1000, () => {
      const journal = new Journal(p);
      new Tx(journal).put(checkTable(journal.fresh(), 'decisions'), 2, { Beslut: 'x'.repeat(2001) }, { action: 'äldre.version', object: 'B-0003' }).commit();
    });
    expect(labels(p, 'transfer').map((l) => l.slice(0, 6))).toEqual(['B-0002', 'B-0001']);
    // Not "changed outside Summit Planner": nothing was, and Granska ändringar has nothing to show for it.
    expect(refusal(() => requireCitation(new Journal(p), 'B-0003', 'transfer', 'decisionRef'))).toEqual({
      field: 'decisionRef',
      sv: 'Beslut B-0003 kan inte åberopas: raden följer inte dagens regler för ett beslut (till exempel en för lång text). Styrgruppen rättar beslutet i Summit Planner → Beslut.',
    });
  });
});
