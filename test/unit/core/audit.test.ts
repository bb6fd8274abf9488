import { addCheckpoints, auditHash, auditTime, auditValue, chain, checkAnchor, CHECKPOINT_EVERY, GENESIS, verifyChain, type AuditRow } from '../../../src/core/audit';

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

// Only the 10 000-row scale tests reached the thinning before (they moved to npm run test:deep).
test('checkpoints: every 100 entries, at most 48; past that every other one is dropped, in one call or in many', () => {
  const hashes = Array.from({ length: 10_000 }, (_, i) => `h${i + 1}`);
  expect(addCheckpoints([], 0, hashes.slice(0, 4_800)).map(([n]) => n)).toEqual(Array.from({ length: 48 }, (_, i) => (i + 1) * CHECKPOINT_EVERY));
  // The 49th (4 900) is one too many: every 200 from then on, 24 left, and so on.
  const at4900 = addCheckpoints([], 0, hashes.slice(0, 4_900));
  expect(at4900.map(([n]) => n)).toEqual(Array.from({ length: 24 }, (_, i) => (i + 1) * 200));
  const all = addCheckpoints([], 0, hashes);
  expect(all.map(([n]) => n)).toEqual(Array.from({ length: 25 }, (_, i) => (i + 1) * 400));
  expect(all.every(([n, h]) => h === hashes[n - 1])).toBe(true);
  // Added transaction by transaction (from the entries already counted), the spacing carries on.
  let cps = addCheckpoints([], 0, hashes.slice(0, 4_900));
  for (let from = 4_900; from < 10_000; from += 300) cps = addCheckpoints(cps, from, hashes.slice(from, from + 300));
  expect(cps).toEqual(all);
  // And the anchor still bounds a rewrite between two of the thinned checkpoints.
  const rewritten = hashes.map((h, i) => (i >= 5_000 ? `x${i}` : h));
  expect(checkAnchor(rewritten, { n: 10_000, head: hashes[9_999], cp: all })).toEqual({ ok: false, kind: 'rewritten', after: 4_800, before: 5_200 });
});
