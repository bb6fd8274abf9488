import { auditHash, auditTime, auditValue, chain, GENESIS, verifyChain, type AuditRow } from '../../../src/core/audit';

const rows: AuditRow[] = Array.from({ length: 5 }, (_, i) => ({
  time: `2009-11-0${i + 1}T08:00:00.000Z`, user: 'eko@stockholm.se', action: 'kostnad.registrerad', object: `K-000${i + 1}`,
  before: '', after: JSON.stringify({ amount: i }),
}));
const stored = () => {
  const h = chain(GENESIS, rows);
  return rows.map((r, i) => ({ ...r, hash: h[i] }));
};

test('an intact chain verifies and reports its head', () => {
  const s = stored();
  expect(verifyChain(s)).toEqual({ ok: true, count: 5, head: s[4].hash });
  expect(verifyChain([])).toEqual({ ok: true, count: 0, head: GENESIS });
});

test('a tampered row is the first bad row', () => {
  const s = stored();
  s[2] = { ...s[2], after: '{"amount":999}' };
  expect(verifyChain(s)).toMatchObject({ ok: false, index: 2, reason: 'hash' });
});

test('a deleted row breaks the chain at the row after it', () => {
  const s = stored();
  s.splice(1, 1);
  expect(verifyChain(s)).toMatchObject({ ok: false, index: 1 });
});

test('an inserted row (even with a self-consistent hash) is reported', () => {
  const s = stored();
  const fake = { ...rows[0], object: 'K-9999' };
  s.splice(3, 0, { ...fake, hash: auditHash(s[2].hash, fake) });
  expect(verifyChain(s)).toMatchObject({ ok: false, index: 4 });
  const naive = stored();
  naive.splice(3, 0, { ...fake, hash: 'f'.repeat(64) });
  expect(verifyChain(naive)).toMatchObject({ ok: false, index: 3 });
});

test('a missing hash and reordered rows are reported', () => {
  const s = stored();
  s[0] = { ...s[0], hash: ' ' };
  expect(verifyChain(s)).toMatchObject({ ok: false, index: 0, reason: 'missing-hash' });
  const t = stored();
  [t[1], t[2]] = [t[2], t[1]];
  expect(verifyChain(t)).toMatchObject({ ok: false, index: 1 });
});

test('every field is covered by the hash; the stored hash is case-insensitive', () => {
  for (const k of ['time', 'user', 'action', 'object', 'before', 'after'] as const) {
    const s = stored();
    s[0] = { ...s[0], [k]: `${s[0][k]}x` };
    expect(verifyChain(s).ok).toBe(false);
  }
  const s = stored();
  s[0] = { ...s[0], hash: s[0].hash.toUpperCase() };
  expect(verifyChain(s).ok).toBe(true);
});

test('auditValue is stable; auditTime is whole seconds', () => {
  expect(auditValue({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  expect(auditValue(undefined)).toBe('');
  expect(auditValue('=1+1')).toBe('=1+1');
  expect(auditTime(new Date('2009-12-08T10:11:12.999Z'))).toBe('2009-12-08T10:11:12.000Z');
});
