/**
 * The log's chain, checkpoints and anchors with exact results (npm run test:mutation). Hashes are checked
 * against Node's own SHA-256 over the documented input, not against the module's.
 */
import { createHash } from 'node:crypto';
import {
  addCheckpoints, auditHash, auditTime, auditValue, chain, checkAnchor, checkMailAnchor, GENESIS, parseAnchorText, verifyChain,
  type AuditRow, type Checkpoint,
} from '../../../src/core/audit';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const row: AuditRow = { time: '2009-11-02T08:00:00.000Z', user: 'pl@stockholm.se', action: 'gäst.ändrad', object: 'G-0001', before: 'a', after: 'b' };
const H = (i: number): string => sha(String(i));

test('a row hashes the JSON array of the previous hash and its six fields, with Rad appended only when there is one', () => {
  const base = [GENESIS, row.time, row.user, row.action, row.object, row.before, row.after];
  expect(auditHash(GENESIS, row)).toBe(sha(JSON.stringify(base)));
  expect(auditHash(GENESIS, { ...row, rad: '' })).toBe(sha(JSON.stringify(base)));
  expect(auditHash(GENESIS, { ...row, rad: '{"t":"guests"}' })).toBe(sha(JSON.stringify([...base, '{"t":"guests"}'])));
});

test('a chain starts from the hash it is given, and verifying from that hash accepts stored hashes in any case with spaces', () => {
  const prev = H(1);
  const hashes = chain(prev, [row, { ...row, object: 'G-0002' }]);
  expect(hashes).toEqual([auditHash(prev, row), auditHash(auditHash(prev, row), { ...row, object: 'G-0002' })]);
  const stored = [{ ...row, hash: ` ${hashes[0].toUpperCase()} ` }, { ...row, object: 'G-0002', hash: hashes[1] }];
  expect(verifyChain(stored, prev)).toEqual({ ok: true, count: 2, head: hashes[1] });
  expect(verifyChain(stored)).toEqual({ ok: false, index: 0, reason: 'hash', count: 2 });
  expect(verifyChain([stored[0], { ...stored[1], hash: '' }], prev)).toEqual({ ok: false, index: 1, reason: 'missing-hash', count: 2 });
});

test('auditValue: nothing is empty, text as it is, anything else JSON with object keys sorted by code unit at every depth, arrays in order', () => {
  expect([undefined, null, ''].map(auditValue)).toEqual(['', '', '']);
  expect([0, false, 'x'].map(auditValue)).toEqual(['0', 'false', 'x']);
  expect(auditValue({ b: 1, a: [{ z: 1, y: 2 }, 3, 2], B: null, ä: 'x' })).toBe('{"B":null,"a":[{"y":2,"z":1},3,2],"b":1,"ä":"x"}');
  expect(auditValue({ f: 1, e: 2, d: 3, c: 4, b: 5, a: 6 })).toBe('{"a":6,"b":5,"c":4,"d":3,"e":2,"f":1}');
});

test('auditTime drops the milliseconds', () => {
  expect(auditTime(new Date('2009-12-08T10:11:12.999Z'))).toBe('2009-12-08T10:11:12.000Z');
  expect(auditTime(new Date('2009-12-08T10:11:12.001Z'))).toBe('2009-12-08T10:11:12.000Z');
});

describe('checkpoints', () => {
  const hashes = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => H(from + i + 1));

  test('every 100th entry, counted from the entries already there', () => {
    expect(addCheckpoints([], 0, hashes(0, 250))).toEqual([[100, H(100)], [200, H(200)]]);
    expect(addCheckpoints([[100, 'x']], 150, hashes(150, 100))).toEqual([[100, 'x'], [200, H(200)]]);
    expect(addCheckpoints([], 0, hashes(0, 99))).toEqual([]);
  });

  test('more than 48: every other one is dropped, and later ones follow the wider spacing of the two first', () => {
    expect(addCheckpoints([], 0, hashes(0, 4800)).map(([n]) => n)).toEqual(Array.from({ length: 48 }, (_, i) => (i + 1) * 100));
    const thinned = addCheckpoints([], 0, hashes(0, 4900));
    expect(thinned.map(([n]) => n)).toEqual(Array.from({ length: 24 }, (_, i) => (i + 1) * 200));
    expect(thinned[0]).toEqual([200, H(200)]);
    const two: Checkpoint[] = [[200, 'a'], [400, 'b']];
    expect(addCheckpoints(two, 400, hashes(400, 200))).toEqual([...two, [600, H(600)]]);
    expect(addCheckpoints(addCheckpoints([], 0, hashes(0, 4800)), 4800, hashes(4800, 100)).length).toBe(24);
  });
});

describe('anchors', () => {
  const hs = Array.from({ length: 300 }, (_, i) => H(i + 1));
  const anchor = { n: 300, head: H(300), cp: [[100, H(100)], [200, H(200)], [300, H(300)]] as Checkpoint[] };

  test('an unchanged log matches; an empty anchor matches an empty log', () => {
    expect(checkAnchor(hs, anchor)).toEqual({ ok: true });
    expect(checkAnchor([], { n: 0, head: GENESIS, cp: [] })).toEqual({ ok: true });
    expect(checkAnchor([], { n: 0, head: H(0), cp: [] })).toEqual({ ok: false, kind: 'rewritten', after: 0, before: 0 });
  });

  test('fewer rows than anchored: truncated; more: extra', () => {
    expect(checkAnchor(hs.slice(0, 299), anchor)).toEqual({ ok: false, kind: 'truncated', anchored: 300, found: 299 });
    expect(checkAnchor([...hs, H(301)], anchor)).toEqual({ ok: false, kind: 'extra', anchored: 300, found: 301 });
  });

  test('a rewrite is bounded by the last checkpoint that still matches and the first that does not', () => {
    const changed = hs.map((h, i) => (i >= 150 ? sha(`x${i}`) : h));
    expect(checkAnchor(changed, anchor)).toEqual({ ok: false, kind: 'rewritten', after: 100, before: 200 });
    const early = hs.map((h) => sha(`x${h}`));
    expect(checkAnchor(early, anchor)).toEqual({ ok: false, kind: 'rewritten', after: 0, before: 100 });
    const last = hs.map((h, i) => (i === 299 ? sha('x') : h));
    expect(checkAnchor(last, { ...anchor, cp: anchor.cp.slice(0, 2) })).toEqual({ ok: false, kind: 'rewritten', after: 200, before: 300 });
  });

  test('a checkpoint beyond the log is not read', () => {
    expect(checkAnchor(hs.slice(0, 150), { n: 150, head: H(150), cp: [[100, H(100)], [200, H(200)]] })).toEqual({ ok: true });
  });

  test('a mail anchor: grown is fine, fewer rows is truncation, another hash at its row a rewrite; 0 rows is the genesis hash', () => {
    expect(checkMailAnchor(hs, { n: 200, head: H(200) })).toEqual({ ok: true });
    expect(checkMailAnchor(hs, { n: 301, head: H(301) })).toEqual({ ok: false, kind: 'truncated', anchored: 301, found: 300 });
    expect(checkMailAnchor(hs, { n: 200, head: H(199) })).toEqual({ ok: false, kind: 'rewritten', upTo: 200 });
    expect(checkMailAnchor([], { n: 0, head: GENESIS })).toEqual({ ok: true });
    expect(checkMailAnchor([], { n: 0, head: H(0) })).toEqual({ ok: false, kind: 'rewritten', upTo: 0 });
  });

  test('anchors in mail text: soft line breaks (=CRLF or =LF) joined, hex lower-cased, each anchor once, in order', () => {
    const a = 'AB'.repeat(32);
    const text = `rows in Logg: 12\nhash of the last row: ${a.slice(0, 20)}=\n${a.slice(20)}\n`
      + `rows in Logg:  7 …\r\nhash of the last row:\t${H(7)}=\r\n\r\nrows in Logg: 12, hash of the last row: ${a.toLowerCase()}`;
    expect(parseAnchorText(text)).toEqual([{ n: 12, head: a.toLowerCase() }, { n: 7, head: H(7) }]);
    // Two anchors of the same count with different hashes (one of them from a rewritten log) are both kept.
    expect(parseAnchorText(`rows in Logg: 7 hash of the last row: ${H(7)} rows in Logg: 7 hash of the last row: ${H(8)}`))
      .toEqual([{ n: 7, head: H(7) }, { n: 7, head: H(8) }]);
    expect(parseAnchorText(`rows in Logg: 5 hash of the last row: ${'g'.repeat(64)}`)).toEqual([]);
  });
});
