/**
 * Who the caller is and what they may do (src/app/context.ts): roles and administrators as the journal
 * has Inställningar, the spreadsheet's owner an administrator without being named, and the refusals.
 */
import { loadContext, requireAdmin, requireRole } from '../../../src/app/context';
import { UserError } from '../../../src/core/msg';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

const SG = 'sg@stockholm.se';
const PL = 'pl@stockholm.se';
const EKO = 'eko@stockholm.se';
const ADM = 'adm@stockholm.se';
const OWNER = 'owner@stockholm.se';

function workbook(user: string, owner = OWNER): MemoryPorts {
  const p = memoryPorts(user);
  p.workbook.ownerEmail = owner;
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, ''], ['Ekonomi', EKO, ''], ['Administratörer', ADM, '']]);
  p.workbook.add('log');
  return journalled(p);
}
const ctxOf = (user: string, owner = OWNER) => loadContext(workbook(user, owner));
const refusal = (fn: () => void): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e.userMessage.sv;
    throw e;
  }
  return 'not refused';
};

test('the owner and a named administrator are administrators; a role holder and a stranger are not', () => {
  expect([OWNER, ADM, PL, 'x@example.se'].map((u) => ctxOf(u).admin)).toEqual([true, true, false, false]);
});

test('on a shared drive (no owner) a caller without an address is no administrator', () => {
  expect(ctxOf('', '').admin).toBe(false);
});

test('requireRole lets through a caller with any one of the roles, and refuses anyone else naming them', () => {
  expect(() => requireRole(ctxOf(PL), ['ekonomi', 'projektledare'])).not.toThrow();
  expect(() => requireRole(ctxOf(EKO), ['ekonomi', 'projektledare'])).not.toThrow();
  expect(refusal(() => requireRole(ctxOf(SG), ['ekonomi', 'projektledare'])))
    .toBe('Du saknar behörighet: bara ekonomipersonalen eller projektledaren får göra detta. En administratör ger roller i Summit Planner → Inställningar.');
});

test('requireAdmin refuses anyone but the owner and the administrators, saying who may', () => {
  expect(() => requireAdmin(ctxOf(OWNER))).not.toThrow();
  expect(() => requireAdmin(ctxOf(ADM))).not.toThrow();
  expect(refusal(() => requireAdmin(ctxOf(PL))))
    .toBe('Du saknar behörighet: bara kalkylarkets ägare och administratörerna på bladet Inställningar får göra detta.');
});
