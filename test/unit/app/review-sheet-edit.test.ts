/**
 * guardSheetEdit (src/app/review.ts), the onEdit of Mallar and Omfördelningar: the project leader's valid template
 * change stands (sealed, logged as a confirm); a change by someone who may not decide waits for review and is
 * named; only the rows the edit touched are judged.
 */
import { guardSheetEdit } from '../../../src/app/review';
import { checkTable, Journal } from '../../../src/app/journal';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';

const PL = 'pl@stockholm.se';

function ports(user = PL): MemoryPorts {
  const p = memoryPorts(user);
  p.workbook.add('settings', [['Projektledare', PL, '']]);
  p.workbook.add('templates', [['sv', 'Ämne', 'Hej {{Förnamn}}', ''], ['en', 'Subject', 'Hello {{Förnamn}}', '']]);
  return journalled(p);
}
const T = (p: MemoryPorts) => p.workbook.get('templates');
const cell = { row: 2, column: 2, numRows: 1, numColumns: 1 };

test('the project leader\'s template change stands: sealed and logged as confirmed', () => {
  const p = ports();
  T(p).grid[1][1] = 'Nytt ämne';
  expect(guardSheetEdit(p, 'templates', cell)).toBeNull();
  const c = checkTable(new Journal(p), 'templates');
  expect(c.rows.map((r) => r.kind)).toEqual(['ok', 'ok']);
  expect(p.workbook.get('log').records().at(-1)).toMatchObject({ Åtgärd: 'mall.ändring-godkänd', Objekt: 'sv' });
});

test('someone without the role: the change waits for review, named with who decides; a cell put back only for the deciders', () => {
  const p = ports('ekonomi@stockholm.se');
  T(p).grid[1][1] = 'Nytt ämne';
  const msg = guardSheetEdit(p, 'templates', cell);
  expect(msg?.en).toContain('Mallar row 2 (sv)');
  expect(msg?.en).toContain('confirms it under Review changes');
  expect(T(p).grid[1][1]).toBe('Nytt ämne');
  expect(checkTable(new Journal(p), 'templates').rows[0].kind).toBe('changed');
});

test('only the rows the edit touched are judged', () => {
  const p = ports('ekonomi@stockholm.se');
  T(p).grid[2][1] = 'Annat';
  expect(guardSheetEdit(p, 'templates', cell)).toBeNull();
  expect(guardSheetEdit(p, 'templates', { ...cell, row: 3 })?.en).toContain('Mallar row 3 (en)');
  expect(guardSheetEdit(p, 'templates', { ...cell, row: 2, numRows: 2 })?.en).toContain('Mallar row 3 (en)');
});

test('a changed row above the edit is not the edit\'s', () => {
  const p = ports('ekonomi@stockholm.se');
  T(p).grid[1][1] = 'Annat';
  T(p).grid[2][1] = 'Annat';
  const msg = guardSheetEdit(p, 'templates', { ...cell, row: 3 });
  expect(msg?.en).toContain('Mallar row 3 (en)');
  expect(msg?.en).not.toContain('row 2');
});
