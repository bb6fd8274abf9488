import { appendAudit, verifyAudit } from '../../../src/app/audit';
import { memoryPorts } from '../../support/memory';

function setup() {
  const ports = memoryPorts('eko@stockholm.se');
  ports.workbook.add('log');
  for (let i = 1; i <= 5; i++) {
    appendAudit(ports, [{ action: 'kostnad.registrerad', object: `K-000${i}`, after: { amount: i, text: '=1+1' } }]);
    ports.clock.advance(1500);
  }
  return ports;
}

test('appends chained rows in one write each; verify passes', () => {
  const ports = setup();
  const log = ports.workbook.get('log');
  expect(log.records()).toHaveLength(5);
  expect(log.records()[0]).toMatchObject({ Användare: 'eko@stockholm.se', Objekt: 'K-0001', Efter: '{"amount":1,"text":"=1+1"}' });
  const r0 = ports.workbook.counters.reads, w0 = ports.workbook.counters.writes;
  appendAudit(ports, [{ action: 'a', object: 'b' }, { action: 'c', object: 'd' }]);
  expect(ports.workbook.counters.reads - r0).toBe(0);
  expect(ports.workbook.counters.writes - w0).toBe(1);
  expect(verifyAudit(ports)).toMatchObject({ ok: true, count: 7 });
  appendAudit(ports, []);
  expect(log.records()).toHaveLength(7);
});

test('a tampered row is reported with its sheet row', () => {
  const ports = setup();
  ports.workbook.get('log').grid[3][5] = '{"amount":999}';
  expect(verifyAudit(ports)).toMatchObject({ ok: false, badRow: 4 });
  expect(verifyAudit(ports).message.sv).toContain('rad 4');
});

test('a deleted row is reported at the row that follows it', () => {
  const ports = setup();
  ports.workbook.get('log').grid.splice(2, 1);
  expect(verifyAudit(ports)).toMatchObject({ ok: false, badRow: 3 });
});

test('an inserted row is reported', () => {
  const ports = setup();
  const g = ports.workbook.get('log').grid;
  g.splice(4, 0, [...g[3]]);
  expect(verifyAudit(ports)).toMatchObject({ ok: false, badRow: 5 });
});

test('after rows were removed by hand the next append chains from the last row on the sheet', () => {
  const ports = setup();
  ports.workbook.get('log').grid.length = 4; // the last two rows deleted
  const r0 = ports.workbook.counters.reads;
  appendAudit(ports, [{ action: 'x', object: 'y' }]);
  expect(ports.workbook.counters.reads - r0).toBe(1);
  expect(verifyAudit(ports)).toMatchObject({ ok: true, count: 4 });
});

test('a date-time read back a millisecond early still verifies (sheets keep day fractions)', () => {
  const ports = setup();
  const g = ports.workbook.get('log').grid;
  for (let i = 1; i < g.length; i++) g[i][0] = new Date((g[i][0] as Date).getTime() - 1);
  expect(verifyAudit(ports).ok).toBe(true);
});

test('missing Logg sheet is a clear error', () => {
  const ports = memoryPorts('a@b.se');
  expect(() => appendAudit(ports, [{ action: 'a', object: 'b' }])).toThrow(/Logg/);
});
