/**
 * The journal's own rules (src/app/journal.ts), each on the smallest input where a changed rule would
 * answer differently (npm run test:mutation): the anchor as read back, the daily anchor mail, the
 * queue of refusals, settling what a dead execution left (Logg and a sheet), the journal's view of
 * rows, and the calendar day in Stockholm. The bundle tests drive the same code through whole
 * executions and crashes; these name the figure or the field each rule decides.
 */
import {
  anchorText, checkTable, Journal, JOURNAL_KEY, parseJournal, QUEUE_MAX, queueRefusal, readLog, SEAL_KEY, stockholmDay, Tx,
  verifiedRows, newSealKey, recheckTable, type JournalState, type TableCheck,
} from '../../../src/app/journal';
import { addCheckpoints, auditHash, GENESIS, type AuditRow } from '../../../src/core/audit';
import { UserError } from '../../../src/core/msg';
import { journalled } from '../../support/journal';
import { MemoryTable, memoryPorts, type MemoryPorts } from '../../support/memory';
import type { Cell } from '../../../src/app/ports';
import { SHEETS } from '../../../src/core/schema';
import { escapeHtml } from '../../../src/core/template';

const PL = 'pl@stockholm.se';
const REG = 'registrator@stockholm.se';

/** A journalled workbook; `templates`: Mallar's rows (Språk, Ämne, Brödtext), sealed by set-up. */
function ports(templates: string[][] = []): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Projektledare', PL, '']]);
  if (templates.length) p.workbook.add('templates', templates.map((r) => [...r, '']));
  return journalled(p);
}
const anchor = (p: MemoryPorts): JournalState => parseJournal(p.properties.get(JOURNAL_KEY))!;
const setAnchor = (p: MemoryPorts, s: JournalState) => p.properties.set(JOURNAL_KEY, JSON.stringify(s));
const T = (p: MemoryPorts) => p.workbook.get('templates');
const logRows = (p: MemoryPorts) => p.workbook.get('log').records();
/** Recomputes Logg's hashes from the first row, as an insider with edit access could. */
function rechain(p: MemoryPorts): void {
  let prev = GENESIS;
  for (const r of p.workbook.get('log').grid.slice(1)) {
    const row: AuditRow = { time: (r[0] as Date).toISOString(), user: String(r[1]), action: String(r[2]), object: String(r[3]), before: String(r[4]), after: String(r[5]), rad: String(r[7] ?? '') };
    prev = auditHash(prev, row);
    r[6] = prev;
  }
}
/** Appends a Logg row with the given Rad, chained, and moves the anchor to it (a log the journal accepts). */
function appendLogRow(p: MemoryPorts, rad: string): void {
  const a = anchor(p);
  const row: AuditRow = { time: '2009-11-02T08:00:00.000Z', user: 'x', action: 'x', object: 'x', before: '', after: '', rad };
  const hash = auditHash(a.head, row);
  p.workbook.get('log').grid.push([new Date(row.time), 'x', 'x', 'x', '', '', hash, rad]);
  setAnchor(p, { ...a, n: a.n + 1, head: hash, cp: addCheckpoints(a.cp, a.n, [hash]) });
}
/** One transaction with one entry, under the lock, as the product commits. */
function logOne(p: MemoryPorts, object = 'X', registrar = ''): void {
  p.lock.withLock(1000, () => {
    const j = new Journal(p).fresh();
    j.registrar = registrar;
    new Tx(j).log({ action: 'test', object }).commit();
  });
}

describe('parseJournal: only an anchor of this version, whole', () => {
  const good = { v: 1, n: 0, head: 'h', cp: [], t: {} };
  test.each<[string, unknown]>([
    ['version 2', { ...good, v: 2 }],
    ['a count that is text', { ...good, n: '0' }],
    ['a head that is a number', { ...good, head: 5 }],
    ['checkpoints that are no list', { ...good, cp: {} }],
    ['no manifests', { ...good, t: undefined }],
    ['manifests that are text', { ...good, t: 'x' }],
    ['null', null],
  ])('refused: %s', (_what, v) => {
    expect(parseJournal(JSON.stringify(v))).toBeNull();
  });
  test('nothing, or no JSON: null; a whole anchor: itself', () => {
    expect(parseJournal(null)).toBeNull();
    expect(parseJournal('')).toBeNull();
    expect(parseJournal('{')).toBeNull();
    expect(parseJournal(JSON.stringify(good))).toEqual(good);
  });
});

describe('stockholmDay: CET, and CEST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October', () => {
  test.each<[string, string]>([
    ['2009-11-02T22:59:59Z', '2009-11-02'], // CET: 23:59:59
    ['2009-11-02T23:00:00Z', '2009-11-03'],
    ['2009-03-28T22:59:59Z', '2009-03-28'], // Saturday before the switch (29 March): still CET
    ['2009-03-29T00:59:59Z', '2009-03-29'],
    ['2009-03-29T22:00:00Z', '2009-03-30'], // CEST: midnight
    ['2009-03-29T21:59:59Z', '2009-03-29'],
    ['2009-10-24T22:00:00Z', '2009-10-25'], // the last Sunday of October (25th), CEST until 01:00 UTC
    ['2009-10-25T22:59:59Z', '2009-10-25'], // CET again
    ['2009-10-25T23:00:00Z', '2009-10-26'],
    ['2009-06-30T21:59:59Z', '2009-06-30'],
    ['2009-06-30T22:00:00Z', '2009-07-01'],
    ['2010-03-27T23:30:00Z', '2010-03-28'], // 2010: the last Sunday of March is the 28th (00:30 CET)
  ])('%s is %s', (iso, day) => {
    expect(stockholmDay(new Date(iso))).toBe(day);
  });
  test('the switch instants themselves', () => {
    // 29 March 2009 01:00 UTC: 03:00 CEST; a minute before: 01:59 CET. Only the hour differs, so take the evening of the 29th.
    expect(stockholmDay(new Date('2009-03-29T22:59:00Z'))).toBe('2009-03-30'); // 00:59 CEST
    expect(stockholmDay(new Date('2009-10-25T00:59:59Z'))).toBe('2009-10-25');
  });
});

describe('anchorText: the figures a later check compares', () => {
  test('time, count and head, in both languages', () => {
    const text = anchorText({ n: 42, head: 'abc123' }, new Date('2009-11-02T08:00:00Z'));
    expect(text.split('\n')).toEqual([
      'Summit Planner – loggens ankare / the log\'s anchor',
      'Tid / time: 2009-11-02T08:00:00.000Z',
      'Antal rader i Logg / rows in Logg: 42',
      'Sista radens hash / hash of the last row: abc123',
      '',
      'Spara detta mejl. "Verifiera loggen" och summit verify-log jämför loggen med dessa siffror.',
      'Keep this mail. "Verify the log" and summit verify-log compare the log with these figures.',
    ]);
  });
});

describe('the daily anchor mail to the registrar', () => {
  test('after a commit: to the registrar, with the day in the subject, the count and head in the text, escaped in HTML', () => {
    const p = ports();
    logOne(p, 'a', REG);
    expect(p.mailer.sent).toHaveLength(1);
    const m = p.mailer.sent[0];
    const a = anchor(p);
    expect(m.to).toBe(REG);
    expect(m.subject).toBe('Summit Planner: loggens ankare 2009-11-02');
    expect(m.textBody).toBe(anchorText(a, p.clock.now()));
    expect(m.htmlBody).toBe(`<pre>${escapeHtml(m.textBody)}</pre>`);
    expect(a.mail).toEqual({ day: '2009-11-02', n: a.n });
  });

  test('HTML: the text in <pre>, escaped as every mail of the add-on (its quotes and apostrophe too)', () => {
    const p = ports();
    logOne(p, 'a', REG);
    const html = p.mailer.sent[0].htmlBody;
    expect(html.startsWith('<pre>Summit Planner – loggens ankare / the log&#39;s anchor\nTid / time: ')).toBe(true);
    expect(html).toContain('&quot;Verifiera loggen&quot; och summit verify-log');
    expect(html.endsWith('compare the log with these figures.</pre>')).toBe(true);
  });

  test('at most once a Stockholm day; the next day only when Logg grew', () => {
    const p = ports();
    logOne(p, 'a', REG);
    logOne(p, 'b', REG);
    expect(p.mailer.sent).toHaveLength(1);
    p.clock.advance(24 * 3600_000);
    logOne(p, 'c', REG);
    expect(p.mailer.sent).toHaveLength(2);
    expect(p.mailer.sent[1].subject).toBe('Summit Planner: loggens ankare 2009-11-03');
    expect(anchor(p).mail).toEqual({ day: '2009-11-03', n: anchor(p).n });
  });

  test('a new day with no more entries than the last mail carried: no mail', () => {
    const p = ports();
    logOne(p, 'a', REG);
    const a = anchor(p);
    // The mail says it carried as many entries as Logg will have after the next commit.
    setAnchor(p, { ...a, mail: { day: '2009-11-01', n: a.n + 1 } });
    logOne(p, 'b', REG);
    expect(p.mailer.sent).toHaveLength(1);
    setAnchor(p, { ...anchor(p), mail: { day: '2009-11-01', n: a.n } });
    logOne(p, 'c', REG);
    expect(p.mailer.sent).toHaveLength(2);
  });

  test('no registrar: no mail, and the anchor says none was sent', () => {
    const p = ports();
    logOne(p, 'a', '');
    expect(p.mailer.sent).toHaveLength(0);
    expect(anchor(p).mail).toBeUndefined();
  });

  test('a failing mail is left for the next write: the commit stands, the anchor notes no mail', () => {
    const p = ports();
    p.mailer.quota = 0;
    logOne(p, 'a', REG);
    expect(logRows(p).at(-1)).toMatchObject({ Objekt: 'a' });
    expect(anchor(p).mail).toBeUndefined();
    p.mailer.quota = 5;
    logOne(p, 'b', REG);
    expect(p.mailer.sent).toHaveLength(1);
  });
});

describe('refusals queued with the anchor', () => {
  const entry = (i: number) => ({ u: `u${i}@x.se`, t: `2009-11-02T08:00:0${i % 10}.000Z`, a: 'vägrad', o: `obj${i}`, w: `skäl ${i}` });

  test('queued in order, written first by the next transaction with their own user and time, then dropped from the anchor', () => {
    const p = ports();
    p.lock.withLock(1000, () => {
      queueRefusal(new Journal(p), entry(1));
      queueRefusal(new Journal(p), entry(2));
    });
    expect(anchor(p).q).toEqual([entry(1), entry(2)]);
    const before = logRows(p).length;
    logOne(p, 'mine');
    const rows = logRows(p).slice(before);
    expect(rows.map((r) => [r['Användare'], r['Åtgärd'], r['Objekt'], r['Efter']])).toEqual([
      ['u1@x.se', 'vägrad', 'obj1', '{"skäl":"skäl 1"}'],
      ['u2@x.se', 'vägrad', 'obj2', '{"skäl":"skäl 2"}'],
      [PL, 'test', 'mine', ''],
    ]);
    expect((rows[0]['Tid'] as Date).toISOString()).toBe('2009-11-02T08:00:01.000Z');
    expect(anchor(p).q).toBeUndefined();
    expect(anchor(p).qd).toBeUndefined();
  });

  test(`at most ${QUEUE_MAX} kept; the rest counted, and the count logged as one entry`, () => {
    const p = ports();
    p.lock.withLock(1000, () => {
      for (let i = 0; i < QUEUE_MAX + 3; i++) queueRefusal(new Journal(p), entry(i));
    });
    expect(anchor(p).q).toHaveLength(QUEUE_MAX);
    expect(anchor(p).qd).toBe(3);
    const before = logRows(p).length;
    logOne(p, 'mine');
    const rows = logRows(p).slice(before);
    expect(rows).toHaveLength(QUEUE_MAX + 2);
    expect(rows[QUEUE_MAX]).toMatchObject({ Åtgärd: 'vägrad.ej-loggade', Objekt: 'Logg', Efter: '{"antal":3}', Användare: PL });
  });

  test('without an anchor nothing is queued', () => {
    const p = memoryPorts(PL);
    queueRefusal(new Journal(p), entry(1));
    expect(p.properties.get(JOURNAL_KEY)).toBeNull();
  });
});

describe('settling what a dead execution left in Logg', () => {
  test('its entries landed: adopted (count and head), and the commit goes on after them', () => {
    const p = ports();
    const a = anchor(p);
    logOne(p, 'dead');
    const landed = anchor(p);
    // The dead execution got as far as Logg: the anchor is still the pending one.
    setAnchor(p, { ...a, alt: { n: landed.n, head: landed.head } });
    logOne(p, 'next');
    expect(anchor(p).n).toBe(landed.n + 1);
    expect(anchor(p).alt).toBeUndefined();
    expect(logRows(p).at(-1)).toMatchObject({ Objekt: 'next' });
  });

  test('its entries did not land: dropped, the count stays', () => {
    const p = ports();
    const a = anchor(p);
    setAnchor(p, { ...a, alt: { n: a.n + 2, head: 'x' } });
    logOne(p, 'next');
    expect(anchor(p)).toMatchObject({ n: a.n + 1 });
    expect(anchor(p).alt).toBeUndefined();
  });

  const refusal = (p: MemoryPorts): UserError => {
    let err: unknown;
    p.lock.withLock(1000, () => {
      try { new Tx(new Journal(p).fresh()).log({ action: 'test', object: 'x' }).commit(); } catch (e) { err = e; }
    });
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  };

  test('any other count: refused naming both counts (rows removed), nothing written', () => {
    const p = ports();
    const a = anchor(p);
    expect(logRows(p)).toHaveLength(1);
    setAnchor(p, { ...a, n: 3, alt: { n: 5, head: 'x' } });
    expect(refusal(p).userMessage.en).toContain('The log has 1 row but should have 3 according to its anchor: rows were removed');
    expect(logRows(p)).toHaveLength(1);
  });

  test('more rows than anchored, no dead execution: refused as rows added', () => {
    const p = ports();
    setAnchor(p, { ...anchor(p), n: 0 });
    expect(refusal(p).userMessage.en).toContain('The log has 1 row but should have 0 according to its anchor: rows were added');
    expect(logRows(p)).toHaveLength(1);
  });

  test('an empty Logg counts no entries, not −1', () => {
    const p = memoryPorts(PL);
    p.workbook.add('settings', [['Projektledare', PL, '']]);
    journalled(p);
    p.workbook.get('log').grid = [];
    const a = anchor(p);
    setAnchor(p, { ...a, n: 0, alt: undefined });
    logOne(p, 'first');
    expect(anchor(p).n).toBe(1);
  });
});

describe('settling a sheet write a dead execution left', () => {
  function deadWrite(landed: boolean) {
    const p = ports([['sv', 'Ämne', 'Text']]);
    const sealed = anchor(p);
    // A dead execution's pending anchor: the sheet's counts before and after its entries n+1..n+1.
    const m = sealed.t.templates!;
    const grid = p.workbook.get('templates').grid.map((r) => r.slice());
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      new Tx(j).put(c, c.rows[0].index, { Ämne: 'Nytt ämne' }, { action: 'mall.ändrad', object: c.rows[0].key }).commit();
    });
    const after = anchor(p);
    if (!landed) p.workbook.get('templates').grid = grid;
    setAnchor(p, { ...after, t: { ...after.t, templates: { n: m.n, s: m.s, alt: { ...after.t.templates!, from: sealed.n + 1, to: after.n } } } });
    return { p, m, after };
  }

  test('it landed: the sheet\'s counts are adopted, nothing logged about it', () => {
    const { p, after } = deadWrite(true);
    const rows = logRows(p).length;
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      expect(c.rows.every((r) => r.kind === 'ok')).toBe(true);
      new Tx(j).clear(c, 99, { action: 'x', object: 'y' });
    });
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      new Tx(j).put(c, c.rows[0].index, {}, { action: 'mall.ändrad', object: 'z' }).commit();
    });
    const added = logRows(p).slice(rows);
    expect(added.map((r) => r['Åtgärd'])).toEqual(['mall.ändrad']);
    expect(anchor(p).t.templates!.alt).toBeUndefined();
    expect(anchor(p).t.templates!.n).toBe(after.t.templates!.n);
  });

  test('it did not land: the counts before stay, and its entries are logged as not carried out (from–to)', () => {
    const { p, m, after } = deadWrite(false);
    const rows = logRows(p).length;
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      expect(c.rows.every((r) => r.kind === 'ok')).toBe(true);
      new Tx(j).put(c, c.rows[0].index, {}, { action: 'mall.ändrad', object: 'z' }).commit();
    });
    const added = logRows(p).slice(rows);
    expect(added.map((r) => [r['Åtgärd'], r['Objekt'], r['Efter']])).toEqual([
      ['journal.ej-genomförd', 'Mallar', JSON.stringify({ poster: `${after.n}–${after.n}` })],
      ['mall.ändrad', 'z', ''],
    ]);
    expect(anchor(p).t.templates!.n).toBe(m.n);
    expect(anchor(p).t.templates!.alt).toBeUndefined();
  });
});

describe('the seal key and the anchor are read once, and fresh() re-reads the anchor only', () => {
  test('a key already read is kept; a missing key is looked for again', () => {
    const p = ports();
    const j = new Journal(p);
    const key = j.key();
    expect(key).not.toBeNull();
    p.properties.set(SEAL_KEY, newSealKey(() => 'other'));
    expect(j.fresh().key()).toBe(key);
    const q = memoryPorts(PL);
    const k = new Journal(q);
    expect(k.key()).toBeNull();
    q.properties.set(SEAL_KEY, newSealKey(() => 'x'));
    expect(k.key()).toBeNull();
    expect(k.fresh().key()).not.toBeNull();
  });

  test('newSealKey: SHA-256 over three UUIDs joined by |', () => {
    let i = 0;
    const key = newSealKey(() => `u${++i}`);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    let j = 0;
    expect(newSealKey(() => `u${++j}`)).toBe(key);
    expect(newSealKey(() => 'u1')).not.toBe(key);
  });

  test('without anchor or key: refused as not set up', () => {
    const p = memoryPorts(PL);
    expect(() => new Journal(p).require()).toThrow(expect.objectContaining({ userMessage: expect.objectContaining({ en: expect.stringContaining('not set up for this version') }) }));
  });
});

describe('verifiedRows: the journal\'s view of a sheet', () => {
  test('verified rows as on the sheet; a changed row as sealed; rows without a seal left out; a deleted row from the journal', () => {
    const p = ports([['sv', 'Ämne A', 'Text A'], ['en', 'Subject B', 'Text B']]);
    const t = p.workbook.get('templates');
    t.grid[1][2] = 'Ändrat för hand';
    t.grid.push(['de', 'Betreff', 'Text', '']);
    const j = new Journal(p);
    const view = verifiedRows(checkTable(j, 'templates'));
    expect(view.map((v) => [v.key, v.index, v.values['Ämne'], v.unverified, v.partial])).toEqual([
      ['sv', 0, 'Ämne A', true, false],
      ['en', 1, 'Subject B', false, false],
    ]);
    t.grid.splice(2, 1);
    const gone = verifiedRows(checkTable(new Journal(p), 'templates'));
    expect(gone.map((v) => [v.key, v.index, v.values['Ämne'], v.unverified, v.partial])).toEqual([
      ['sv', 0, 'Ämne A', true, false],
      ['en', null, 'Subject B', true, false],
    ]);
    // An older copy of sv (Mallar holds no personal data: not partial).
    p.lock.withLock(1000, () => {
      const j2 = new Journal(p).fresh();
      const c = checkTable(j2, 'templates');
      new Tx(j2).put(c, 0, { Ämne: 'Ämne A2' }, { action: 'a', object: 'sv' }).commit();
    });
    const sealedOld = t.grid[1].slice();
    p.lock.withLock(1000, () => {
      const j3 = new Journal(p).fresh();
      new Tx(j3).put(checkTable(j3, 'templates'), 0, { Ämne: 'Ämne A3' }, { action: 'a', object: 'sv' }).commit();
    });
    t.grid[1] = sealedOld;
    const stale = verifiedRows(checkTable(new Journal(p), 'templates'));
    expect(stale.map((v) => [v.key, v.index, v.values['Ämne'], v.unverified, v.partial])).toEqual([
      ['sv', 0, 'Ämne A3', true, false],
      ['en', null, 'Subject B', true, false],
    ]);
  });
});

describe('checkTable: what each row is', () => {
  const check = (p: MemoryPorts) => checkTable(new Journal(p), 'templates');
  /** Changes row `index` through the add-on (a sealed write): the journal's latest version. */
  function write(p: MemoryPorts, index: number, values: Record<string, string>): void {
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      new Tx(j).put(c, index, values, { action: 'mall.ändrad', object: 'x' }).commit();
    });
  }

  test('a row typed by hand is new (seq 0, every header but the seal); a made-up seal is forged', () => {
    const p = ports([['sv', 'Ämne', 'Text']]);
    T(p).grid.push(['en', 'S', 'B', '', '']);
    T(p).grid.push(['de', 'S', 'B', '', 'v1.made-up']);
    const c = check(p);
    expect(c.rows.map((r) => [r.sheetRow, r.key, r.kind, r.seq, r.sealed])).toEqual([
      [2, 'sv', 'ok', c.rows[0].seq, c.rows[0].sealed], [3, 'en', 'new', 0, null], [4, 'de', 'forged', 0, null],
    ]);
    expect(c.rows[0].seq).toBeGreaterThan(0);
    expect(c.rows[1].fields).toEqual(['Språk', 'Ämne', 'Brödtext', 'Typ']);
    expect(c.problem).toBeNull();
    expect(c.counts).toEqual({ n: 1, s: c.rows[0].seq });
  });

  test('a cell changed by hand: changed, naming the field; the key is the sealed one', () => {
    const p = ports([['sv', 'Ämne', 'Text']]);
    T(p).grid[1][0] = 'en';
    T(p).grid[1][2] = 'Annan';
    const r = check(p).rows[0];
    expect([r.kind, r.key, r.fields]).toEqual(['changed', 'sv', ['Språk', 'Brödtext']]);
  });

  test('a copy of a verified row (its key in other case too) is a duplicate; the first stays ok', () => {
    const p = ports([['sv', 'Ämne', 'Text']]);
    T(p).grid.push(T(p).grid[1].slice());
    const c = check(p);
    expect(c.rows.map((r) => r.kind)).toEqual(['ok', 'duplicate']);
    expect(c.problem).toBeNull();
    expect(c.missing).toEqual([]);
  });

  test('an older copy put back is stale, with the journal\'s latest seq and values; the manifest alone told', () => {
    const p = ports([['sv', 'Ämne', 'Text']]);
    const old = T(p).grid[1].slice();
    write(p, 0, { Ämne: 'Nytt' });
    const latest = check(p).rows[0];
    T(p).grid[1] = old;
    const c = check(p);
    expect(c.rows[0]).toMatchObject({ kind: 'stale', key: 'sv', latest: latest.seq, latestValues: expect.objectContaining({ Ämne: 'Nytt' }) });
    expect(c.rows[0].seq).toBeLessThan(latest.seq);
    expect(c.missing).toEqual([]);
    expect(c.problem).toBeNull();
  });

  test('a deleted row is missing, with its key, seq and last values; a duplicate is not made stale', () => {
    const p = ports([['sv', 'Ämne', 'Text'], ['en', 'Subject', 'Body']]);
    const seq = check(p).rows[1].seq;
    T(p).grid.splice(2, 1);
    T(p).grid.push(T(p).grid[1].slice());
    const c = check(p);
    expect(c.missing).toEqual([{ key: 'en', seq, values: expect.objectContaining({ Ämne: 'Subject', Brödtext: 'Body' }) }]);
    expect(c.rows.map((r) => r.kind)).toEqual(['ok', 'duplicate']);
    expect(c.problem).toBeNull();
  });

  test('a row removed through the add-on leaves a tombstone: not missing afterwards, and the manifest agrees', () => {
    const p = ports([['sv', 'Ämne', 'Text'], ['en', 'Subject', 'Body']]);
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      new Tx(j).remove(c, 1, { action: 'mall.borttagen', object: 'en' }).commit();
    });
    expect(T(p).grid[2].every((v) => v === '')).toBe(true);
    const c = check(p);
    expect(c.missing).toEqual([]);
    expect(c.rows.map((r) => r.kind)).toEqual(['ok']);
    expect(anchor(p).t.templates).toEqual({ n: 1, s: c.rows[0].seq });
    const rad = JSON.parse(String(logRows(p).at(-1)!['Rad']));
    expect(rad).toEqual({ b: 'templates', k: 'en', q: anchor(p).n, v: {}, x: 1 });
  });

  test('remove refuses a row that is not verified, naming it', () => {
    const p = ports([['sv', 'Ämne', 'Text']]);
    T(p).grid[1][1] = 'x';
    const j = new Journal(p);
    const c = checkTable(j, 'templates');
    expect(() => new Tx(j).remove(c, 0, { action: 'a', object: 'b' })).toThrow('row 0 of templates is not verified');
    expect(() => new Tx(j).remove(c, 5, { action: 'a', object: 'b' })).toThrow('row 5 of templates is not verified');
  });

  test('a put over a duplicate copy is refused, naming its sheet row', () => {
    const p = ports([['sv', 'Ämne', 'Text']]);
    T(p).grid.push(T(p).grid[1].slice());
    const j = new Journal(p);
    const c = checkTable(j, 'templates');
    expect(() => new Tx(j).put(c, 1, {}, { action: 'a', object: 'b' })).toThrow('row 3 of templates is a duplicate copy');
  });

  test('the manifest off with every row where the journal has it: the sheet can\'t be matched, named', () => {
    const p = ports([['sv', 'Ämne', 'Text']]);
    const a = anchor(p);
    setAnchor(p, { ...a, t: { ...a.t, templates: { n: 1, s: a.t.templates!.s + 1 } } });
    const c = check(p);
    expect(c.problem?.en).toBe('The Mallar sheet does not match the log (number or order of rows), and the rows concerned cannot be named. Verify the log.');
    expect(c.rows.map((r) => r.kind)).toEqual(['ok']);
  });

  test('the counts a dead execution may have left (alt) are accepted too', () => {
    const p = ports([['sv', 'Ämne', 'Text']]);
    const a = anchor(p);
    const m = a.t.templates!;
    setAnchor(p, { ...a, t: { ...a.t, templates: { n: 5, s: 9, alt: { n: m.n, s: m.s, from: 1, to: 2 } } } });
    const c = check(p);
    expect(c.problem).toBeNull();
    expect(c.rows.map((r) => r.kind)).toEqual(['ok']);
  });

  test('with Logg altered the missing rows can\'t be named: the problem says so', () => {
    const p = ports([['sv', 'Ämne', 'Text'], ['en', 'Subject', 'Body']]);
    T(p).grid.splice(2, 1);
    p.workbook.get('log').grid[1][3] = 'ändrat';
    const c = check(p);
    expect(c.problem?.en).toContain('The log has been altered outside Summit Planner');
    expect(c.missing).toEqual([]);
  });

  test('with a row added to Logg by hand: the problem names both counts', () => {
    const p = ports([['sv', 'Ämne', 'Text'], ['en', 'Subject', 'Body']]);
    T(p).grid.splice(2, 1);
    const log = p.workbook.get('log').grid;
    log.push(log[log.length - 1].slice());
    const c = check(p);
    expect(c.problem?.en).toContain(`The log has ${log.length - 1} rows but should have ${log.length - 2}`);
  });
});

describe('Tx: what a commit writes', () => {
  /** Översikt (set-up builds it; a bare sheet here: the commit writes only its status cell, A4). */
  const overview = (p: MemoryPorts): MemoryTable => {
    const t = new MemoryTable(SHEETS.overview, ['Översikt'], [], p.workbook.counters);
    p.workbook.tables.set(SHEETS.overview, t);
    return t;
  };
  test('a commit without entries writes the properties alone (the later value of a key wins)', () => {
    const p = ports();
    const a = p.properties.get(JOURNAL_KEY);
    p.lock.withLock(1000, () => {
      expect(new Tx(new Journal(p).fresh()).property('k', '1').afterward('k', '2').property('m', '3').commit()).toBeNull();
    });
    expect([p.properties.get('k'), p.properties.get('m'), p.properties.get(JOURNAL_KEY)]).toEqual(['2', '3', a]);
  });

  test('with entries: the caller\'s properties go with the pending and committed anchor', () => {
    const p = ports();
    const seen: [string, string | null][] = [];
    const setAll = p.properties.setAll.bind(p.properties);
    p.properties.setAll = (v) => { seen.push(...Object.keys(v).map((k): [string, string | null] => [k, v[k] === undefined ? null : parseJournal(v[k]) ? 'anchor' : v[k]])); setAll(v); };
    p.lock.withLock(1000, () => {
      new Tx(new Journal(p).fresh()).property('before', 'b').afterward('after', 'a').log({ action: 'x', object: 'y' }).commit();
    });
    expect(seen).toEqual([['before', 'b'], [JOURNAL_KEY, 'anchor'], ['after', 'a'], [JOURNAL_KEY, 'anchor']]);
    expect(anchor(p).alt).toBeUndefined();
  });

  test('Översikt\'s verification cell: written with the commit when it changes, and remembered', () => {
    const p = ports();
    const ov = overview(p);
    const writes = () => p.workbook.counters.writes;
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).overview('Granska').commit(); });
    expect(ov.grid[3][0]).toBe('Granska');
    expect(anchor(p).ov).toBe('Granska');
    const w = writes();
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).overview('Granska').commit(); });
    expect(writes()).toBe(w);
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).overview('').log({ action: 'a', object: 'b' }).commit(); });
    expect(ov.grid[3][0]).toBe('');
    expect(anchor(p).ov).toBe('');
  });

  test('Översikt protected (the write throws): the commit stands and the anchor does not claim the text', () => {
    const p = ports();
    const ov = overview(p);
    ov.write = () => { throw new Error('protected'); };
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).overview('Granska').log({ action: 'a', object: 'b' }).commit(); });
    expect(anchor(p).ov).toBeUndefined();
    expect(logRows(p).at(-1)).toMatchObject({ Objekt: 'b' });
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).overview('Granska').commit(); });
    expect(anchor(p).ov).toBeUndefined();
  });

  test('guest IDs continue after the highest ever issued, kept with the anchor', () => {
    const p = ports();
    p.lock.withLock(1000, () => {
      const tx = new Tx(new Journal(p).fresh());
      expect(tx.guestIds(['G-0007'], 2)).toEqual(['G-0008', 'G-0009']);
      expect(tx.guestIds([], 1)).toEqual(['G-0010']);
      tx.log({ action: 'a', object: 'b' }).commit();
    });
    expect(anchor(p).gid).toBe(10);
    p.lock.withLock(1000, () => {
      expect(new Tx(new Journal(p).fresh()).guestIds([], 1)).toEqual(['G-0011']);
    });
  });

  test('rows written as one block from the first to the last changed row; appends in one more write', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b'], ['de', 'C', 'c']]);
    const w0 = p.workbook.counters.writes;
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      new Tx(j).put(c, 2, { Ämne: 'C2' }, { action: 'a', object: 'de' }).put(c, 0, { Ämne: 'A2' }, { action: 'a', object: 'sv' })
        .put(c, null, { Språk: 'fr', Ämne: 'F' }, { action: 'a', object: 'fr' }).commit();
    });
    // Logg, the block, the append (and no Översikt write).
    expect(p.workbook.counters.writes - w0).toBe(3);
    expect(T(p).records().map((r) => [r['Språk'], r['Ämne']])).toEqual([['sv', 'A2'], ['en', 'B'], ['de', 'C2'], ['fr', 'F']]);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.rows.map((r) => r.kind)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(anchor(p).t.templates!.n).toBe(4);
    expect(anchor(p).t.templates!.s).toBe(c.rows.reduce((s, r) => s + r.seq, 0));
  });

  test('a deleted row written back (appended under its key) replaces its seq in the manifest', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    T(p).grid.splice(2, 1);
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      expect(c.missing.map((m) => m.key)).toEqual(['en']);
      new Tx(j).put(c, null, { Språk: 'EN', Ämne: 'B' }, { action: 'a', object: 'en' }).commit();
    });
    const c = checkTable(new Journal(p), 'templates');
    expect(c.problem).toBeNull();
    expect(c.missing).toEqual([]);
    expect(anchor(p).t.templates).toEqual({ n: 2, s: c.rows[0].seq + c.rows[1].seq });
  });

  test('forget: a missing row confirmed gone leaves the manifest without it', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    T(p).grid.splice(2, 1);
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      new Tx(j).forget(c, c.missing[0], { action: 'mall.borttagning-godkänd', object: 'en' }).commit();
    });
    const c = checkTable(new Journal(p), 'templates');
    expect(c.missing).toEqual([]);
    expect(c.problem).toBeNull();
    expect(anchor(p).t.templates).toEqual({ n: 1, s: c.rows[0].seq });
  });

  test('clear: a row the journal never had is emptied and logged', () => {
    const p = ports([['sv', 'A', 'a']]);
    T(p).grid.push(['en', 'B', 'b', '', '']);
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      const tx = new Tx(j).clear(c, 1, { action: 'mall.ångrad', object: 'Mallar rad 3' });
      expect(tx.size).toBe(1);
      tx.commit();
    });
    expect(T(p).grid[2].every((v) => v === '')).toBe(true);
    expect(logRows(p).at(-1)).toMatchObject({ Åtgärd: 'mall.ångrad', Rad: '' });
  });

  test('Logg missing: refused as not set up', () => {
    const p = ports();
    p.workbook.tables.delete('Logg');
    expect(() => new Tx(new Journal(p)).log({ action: 'a', object: 'b' }).commit()).toThrow(expect.objectContaining({ userMessage: expect.objectContaining({ en: expect.stringContaining('not set up') }) }));
  });

  test('who acted: the transaction\'s user, or (okänd) without one', () => {
    const p = ports();
    p.user.current = '';
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).log({ action: 'a', object: 'b' }).commit(); });
    expect(logRows(p).at(-1)!['Användare']).toBe('(okänd)');
  });
});

describe('readLog: Logg as the chain reads it', () => {
  test('a date-time kept as a day fraction is rounded to the second; text stays text', () => {
    const p = ports();
    const log = p.workbook.get('log');
    log.grid.push([new Date('2009-11-02T08:00:00.600Z'), 'u', 'a', 'o', 'f', 'e', 'h', 'r']);
    log.grid.push([new Date('2009-11-02T08:00:00.400Z'), 'u', 'a', 'o', 'f', 'e', 'h', 'r']);
    log.grid.push(['igår', 'u', 'a', 'o', 'f', 'e', 'h', 'r']);
    const rows = readLog(p).rows.slice(-3);
    expect(rows.map((r) => r.time)).toEqual(['2009-11-02T08:00:01.000Z', '2009-11-02T08:00:00.000Z', 'igår']);
    expect(rows[0]).toEqual({ time: '2009-11-02T08:00:01.000Z', user: 'u', action: 'a', object: 'o', before: 'f', after: 'e', rad: 'r', hash: 'h' });
  });
});

describe('verifiedRows on Gäster: the journal holds no personal data', () => {
  const guest = (i: number): Cell[] => [`G-000${i}`, `F${i}`, `E${i}`, '', '', '', `g${i}@example.se`, 'sv', 'konferensen', '', 'Godkänd', '', '', '', 1, ''];
  function seeded(): MemoryPorts {
    const p = memoryPorts(PL);
    p.workbook.add('settings', [['Projektledare', PL, '']]);
    p.workbook.add('guests', [guest(1), guest(2)]);
    return journalled(p);
  }

  test('an older copy: the journal\'s latest values, partial; a deleted row: partial, at no index', () => {
    const p = seeded();
    const g = p.workbook.get('guests');
    const old = g.grid[1].slice();
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'guests');
      new Tx(j).put(c, 0, { Status: 'Inbjuden' }, { action: 'gäst.ändrad', object: 'G-0001' }).commit();
    });
    g.grid[1] = old;
    g.grid.splice(2, 1);
    const view = verifiedRows(checkTable(new Journal(p), 'guests'));
    expect(view.map((v) => [v.key, v.index, v.values['Status'], v.unverified, v.partial])).toEqual([
      ['G-0001', 0, 'Inbjuden', true, true],
      ['G-0002', null, 'Godkänd', true, true],
    ]);
    expect(view[1].values['E-post']).toBeUndefined();
  });
});

describe('recheckTable checks only the rows a transaction wrote', () => {
  /**
   * How many rows the recheck checked again: a row it did not check is the very RowCheck the first
   * check made (a full check makes every one anew).
   */
  const opened = (c: TableCheck, value: TableCheck): { value: TableCheck; seals: number } =>
    ({ value, seals: value.rows.filter((r) => !c.rows.includes(r)).length });
  const five = () => ports([['sv', 'A', 'a'], ['en', 'B', 'b'], ['de', 'C', 'c'], ['fr', 'D', 'd'], ['fi', 'E', 'e']]);
  function writeThenRecheck(p: MemoryPorts, edit: (j: Journal, c: TableCheck) => void) {
    return p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      edit(j, c);
      return opened(c, recheckTable(j, c));
    });
  }

  test('one row written on a clean sheet: one seal opened, and the counts follow the new seq', () => {
    const p = five();
    const r = writeThenRecheck(p, (j, c) => { new Tx(j).put(c, 1, { Ämne: 'B2' }, { action: 'a', object: 'en' }).commit(); });
    expect(r.seals).toBe(1);
    expect(r.value.counts).toEqual(anchor(p).t.templates);
    expect(r.value.rows.map((x) => x.kind)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    expect(r.value.rows[1].seq).toBe(anchor(p).n);
    // And again after a second transaction on the recheck's result.
    const again = p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      new Tx(j).put(r.value, 2, { Ämne: 'C2' }, { action: 'a', object: 'de' }).commit();
      return opened(r.value, recheckTable(j, r.value));
    });
    expect(again.seals).toBe(1);
    expect(again.value.counts).toEqual(anchor(p).t.templates);
  });

  test('a check that needed Logg (a deleted row) is checked in full', () => {
    const p = five();
    T(p).grid.splice(5, 1);
    const r = writeThenRecheck(p, (j, c) => { new Tx(j).put(c, 0, { Ämne: 'A2' }, { action: 'a', object: 'sv' }).commit(); });
    expect(r.seals).toBe(4);
    expect(r.value.missing.map((m) => m.key)).toEqual(['fi']);
  });

  test('a row written blank, or under another key, or one that was not verified: checked in full', () => {
    const blank = writeThenRecheck(five(), (j, c) => { new Tx(j).remove(c, 1, { action: 'a', object: 'en' }).commit(); });
    expect(blank.seals).toBe(4);
    const other = writeThenRecheck(five(), (j, c) => { new Tx(j).put(c, 1, { Språk: 'da' }, { action: 'a', object: 'da' }).commit(); });
    expect(other.seals).toBe(5);
    expect(other.value.rows[1]).toMatchObject({ key: 'da', kind: 'ok' });
    const p = five();
    T(p).grid[2][1] = 'för hand';
    const changed = writeThenRecheck(p, (j, c) => { new Tx(j).put(c, 1, {}, { action: 'a', object: 'en' }).commit(); });
    expect(changed.seals).toBe(5);
    expect(changed.value.rows[1].kind).toBe('ok');
  });

  test('a row written with a seal that does not open (its key cell cleared): checked in full', () => {
    const p = five();
    const r = writeThenRecheck(p, (j, c) => {
      new Tx(j).put(c, 1, { Ämne: 'B2' }, { action: 'a', object: 'en' }).commit();
      c.t.snap.rows[1][1] = 'ändrat i minnet';
    });
    expect(r.seals).toBe(5);
    expect(r.value.rows[1].kind).toBe('changed');
  });

  test('counts the manifest does not have: checked in full', () => {
    const p = five();
    const r = writeThenRecheck(p, (j, c) => {
      new Tx(j).put(c, 1, { Ämne: 'B2' }, { action: 'a', object: 'en' }).commit();
      const a = anchor(p);
      const m = a.t.templates!;
      // Neither the counts nor the dead execution's (alt: the same row count, another sum).
      setAnchor(p, { ...a, t: { ...a.t, templates: { n: m.n, s: m.s + 1, alt: { n: m.n, s: m.s + 2, from: 1, to: 2 } } } });
      j.fresh();
    });
    expect(r.seals).toBe(5);
    expect(r.value.problem?.en).toContain('The Mallar sheet does not match the log');
  });

  test('the counts a dead execution may leave (alt) are accepted as checkTable accepts them', () => {
    const p = five();
    const r = writeThenRecheck(p, (j, c) => {
      new Tx(j).put(c, 1, { Ämne: 'B2' }, { action: 'a', object: 'en' }).commit();
      const a = anchor(p);
      const m = a.t.templates!;
      setAnchor(p, { ...a, t: { ...a.t, templates: { n: 9, s: 9, alt: { n: m.n, s: m.s, from: 1, to: 2 } } } });
      j.fresh();
    });
    expect(r.seals).toBe(1);
    expect(r.value.problem).toBeNull();
  });
});

describe('checkTable: folding Logg to name rows', () => {
  test('a deleted row alone is missing, with no problem', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    T(p).grid.splice(2, 1);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.missing.map((m) => m.key)).toEqual(['en']);
    expect(c.problem).toBeNull();
  });

  test('a row typed by hand under a deleted row\'s key stays new, and the deleted row is still missing', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    T(p).grid.splice(2, 1);
    T(p).grid.push(['en', 'X', 'x', '', '']);
    T(p).grid.push(['da', 'Y', 'y', '', '']);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.rows.map((r) => [r.key, r.kind])).toEqual([['sv', 'ok'], ['en', 'new'], ['da', 'new']]);
    expect(c.missing.map((m) => m.key)).toEqual(['en']);
  });

  test('an older copy pasted twice: the first is stale, the second a duplicate', () => {
    const p = ports([['sv', 'A', 'a']]);
    const old = T(p).grid[1].slice();
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      new Tx(j).put(c, 0, { Ämne: 'A2' }, { action: 'a', object: 'sv' }).commit();
    });
    T(p).grid[1] = old.slice();
    T(p).grid.push(old.slice());
    const c = checkTable(new Journal(p), 'templates');
    expect(c.rows.map((r) => r.kind)).toEqual(['stale', 'duplicate']);
  });

  test('a removed row\'s old copy pasted back: stale, with no later version in the journal', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    const old = T(p).grid[2].slice();
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      new Tx(j).remove(checkTable(j, 'templates'), 1, { action: 'a', object: 'en' }).commit();
    });
    T(p).grid[2] = old;
    const c = checkTable(new Journal(p), 'templates');
    expect(c.rows[1]).toMatchObject({ key: 'en', kind: 'stale', latest: 0 });
    expect(c.rows[1].latestValues).toBeUndefined();
    expect(c.missing).toEqual([]);
  });

  test('a tombstone: a removed row is not missing when the fold runs for another', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b'], ['de', 'C', 'c']]);
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      new Tx(j).remove(checkTable(j, 'templates'), 1, { action: 'a', object: 'en' }).commit();
    });
    T(p).grid.splice(3, 1);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.missing.map((m) => m.key)).toEqual(['de']);
  });

  test('counts off by a row with the same sum: the fold runs (and names nothing)', () => {
    const p = ports([['sv', 'A', 'a']]);
    const a = anchor(p);
    setAnchor(p, { ...a, t: { ...a.t, templates: { n: a.t.templates!.n + 1, s: a.t.templates!.s } } });
    expect(checkTable(new Journal(p), 'templates').problem?.en).toContain('does not match the log');
  });

  test('Logg with a dead execution\'s entries that landed (its alt count) still names rows', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    const a = anchor(p);
    logOne(p, 'dead');
    const landed = anchor(p);
    setAnchor(p, { ...a, alt: { n: landed.n, head: landed.head } });
    T(p).grid.splice(2, 1);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.problem).toBeNull();
    expect(c.missing.map((m) => m.key)).toEqual(['en']);
  });

  test('hashes typed in capitals still anchor (as the chain reads them)', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    for (const r of p.workbook.get('log').grid.slice(1)) r[6] = ` ${String(r[6]).toUpperCase()} `;
    T(p).grid.splice(2, 1);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.problem).toBeNull();
    expect(c.missing.map((m) => m.key)).toEqual(['en']);
  });

  test('a chain recomputed after an edit no longer matches the anchor: the rows can\'t be named', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    const g = p.workbook.get('log').grid;
    g[1][3] = 'ändrat';
    rechain(p);
    T(p).grid.splice(2, 1);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.problem?.en).toContain('The log has been altered outside Summit Planner');
  });

  test.each<[string, string]>([
    ['not JSON', '{'],
    ['null', 'null'],
    ['a table that is no text', JSON.stringify({ b: 5, k: 'xx', q: 1, v: {} })],
    ['a key that is no text', JSON.stringify({ b: 'templates', k: 5, q: 1, v: {} })],
    ['a seq that is no number', JSON.stringify({ b: 'templates', k: 'xx', q: '1', v: {} })],
    ['no values', JSON.stringify({ b: 'templates', k: 'xx', q: 1, v: null })],
    ['values that are text', JSON.stringify({ b: 'templates', k: 'xx', q: 1, v: 'x' })],
  ])('a Rad that is no record (%s) names no row', (_what, rad) => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    appendLogRow(p, rad);
    T(p).grid.splice(2, 1);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.problem).toBeNull();
    expect(c.missing.map((m) => m.key)).toEqual(['en']);
  });

  test('a Rad that is a record (the control case) names its row', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    appendLogRow(p, JSON.stringify({ b: 'templates', k: 'xx', q: 1, v: {} }));
    T(p).grid.splice(2, 1);
    expect(checkTable(new Journal(p), 'templates').missing.map((m) => m.key)).toEqual(['en', 'xx']);
  });

  test('keys are told apart in lower case (ß is not ss)', () => {
    const p = ports([['ß', 'A', 'a'], ['ss', 'B', 'b']]);
    expect(checkTable(new Journal(p), 'templates').rows.map((r) => r.kind)).toEqual(['ok', 'ok']);
  });

  test('a blank row between rows is no row', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    T(p).grid.splice(2, 0, ['', '', '', '', '']);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.rows.map((r) => [r.sheetRow, r.key])).toEqual([[2, 'sv'], [4, 'en']]);
    expect(c.problem).toBeNull();
  });
});

describe('the anchor and the key, read once', () => {
  test('anchor(): one property read until fresh()', () => {
    const p = ports();
    let reads = 0;
    const get = p.properties.get.bind(p.properties);
    p.properties.get = (k) => { if (k === JOURNAL_KEY) reads++; return get(k); };
    const j = new Journal(p);
    j.anchor();
    j.anchor();
    expect(reads).toBe(1);
    j.fresh().anchor();
    expect(reads).toBe(2);
  });

  test('an anchor without a key: refused as not set up', () => {
    const p = ports();
    p.properties.delete(SEAL_KEY);
    expect(() => new Journal(p).require()).toThrow(expect.objectContaining({ userMessage: expect.objectContaining({ en: expect.stringContaining('not set up') }) }));
  });
});

describe('settling a sheet write a dead execution left: the cases between', () => {
  /** A pending manifest for Mallar as a dead execution leaves it: its counts before, and after entries from..to. */
  function pending(p: MemoryPorts, alt: { n: number; s: number; from: number; to: number }) {
    const a = anchor(p);
    setAnchor(p, { ...a, t: { ...a.t, templates: { ...a.t.templates!, alt } } });
  }
  const commitOne = (p: MemoryPorts) => p.lock.withLock(1000, () => {
    const j = new Journal(p).fresh();
    const c = checkTable(j, 'templates');
    new Tx(j).log({ action: 'mall.x', object: 'y' }).put(c, 0, {}, { action: 'mall.z', object: 'sv' }).commit();
  });

  test('the sheet changed by hand since (neither count): nothing settled, nothing logged about it; the check still reports it', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    const m = anchor(p).t.templates!;
    pending(p, { n: m.n + 1, s: m.s + 50, from: 1, to: 1 });
    T(p).grid.splice(2, 1);
    const rows = logRows(p).length;
    commitOne(p);
    expect(logRows(p).slice(rows).map((r) => r['Åtgärd'])).toEqual(['mall.x', 'mall.z']);
    expect(checkTable(new Journal(p), 'templates').missing.map((x) => x.key)).toEqual(['en']);
  });

  test.each<[string, (m: { n: number; s: number }) => { m: { n: number; s: number }; alt: { n: number; s: number } }]>([
    ['a row count off by one, the same sum', (m) => ({ m: { n: m.n + 1, s: m.s }, alt: { n: m.n + 5, s: m.s + 9 } })],
    ['the same row count, another sum', (m) => ({ m: { n: m.n, s: m.s - 1 }, alt: { n: m.n + 3, s: m.s + 9 } })],
  ])('the sheet matches neither count (%s): nothing settled or logged', (_what, make) => {
    const p = ports([['sv', 'A', 'a']]);
    const a = anchor(p);
    const { m, alt } = make(a.t.templates!);
    setAnchor(p, { ...a, t: { ...a.t, templates: { ...m, alt: { ...alt, from: 1, to: 1 } } } });
    const rows = logRows(p).length;
    commitOne(p);
    expect(logRows(p).slice(rows).map((r) => r['Åtgärd'])).toEqual(['mall.x', 'mall.z']);
  });

  test('a write that left the same sum with one row more did not land: the row count tells', () => {
    const p = ports([['sv', 'A', 'a']]);
    const a = anchor(p);
    const m = a.t.templates!;
    setAnchor(p, { ...a, t: { ...a.t, templates: { n: m.n, s: m.s, alt: { n: m.n + 1, s: m.s, from: 1, to: 1 } } } });
    commitOne(p);
    expect(logRows(p).at(-3)).toMatchObject({ Åtgärd: 'journal.ej-genomförd' });
    expect(checkTable(new Journal(p), 'templates').problem).toBeNull();
  });

  test('its Logg entries never landed either: its counts are dropped without a "not carried out" entry', () => {
    const p = ports([['sv', 'A', 'a']]);
    const a = anchor(p);
    const m = a.t.templates!;
    pending(p, { n: m.n, s: m.s + 7, from: a.n + 1, to: a.n + 1 });
    const rows = logRows(p).length;
    commitOne(p);
    expect(logRows(p).slice(rows).map((r) => r['Åtgärd'])).toEqual(['mall.x', 'mall.z']);
    expect(checkTable(new Journal(p), 'templates').problem).toBeNull();
  });

  test('its sheet write landed: the counts it left are taken, and the sheet checks clean', () => {
    const p = ports([['sv', 'A', 'a']]);
    const a = anchor(p);
    const m = a.t.templates!;
    // As if the dead execution had written the row the sheet now has (seq m.s) over one with seq m.s - 1.
    setAnchor(p, { ...a, t: { ...a.t, templates: { n: m.n, s: m.s - 1, alt: { n: m.n, s: m.s, from: 1, to: 1 } } } });
    const rows = logRows(p).length;
    commitOne(p);
    expect(logRows(p).slice(rows).map((r) => r['Åtgärd'])).toEqual(['mall.x', 'mall.z']);
    const c = checkTable(new Journal(p), 'templates');
    expect(c.problem).toBeNull();
    expect(anchor(p).t.templates).toEqual(c.counts);
  });

  test('its sheet write did not land: the counts before stay, and the sheet checks clean', () => {
    const p = ports([['sv', 'A', 'a']]);
    const a = anchor(p);
    const m = a.t.templates!;
    setAnchor(p, { ...a, t: { ...a.t, templates: { n: m.n, s: m.s, alt: { n: m.n, s: m.s + 3, from: 1, to: 1 } } } });
    commitOne(p);
    expect(logRows(p).at(-3)).toMatchObject({ Åtgärd: 'journal.ej-genomförd', Efter: '{"poster":"1–1"}' });
    const c = checkTable(new Journal(p), 'templates');
    expect(c.problem).toBeNull();
    expect(anchor(p).t.templates).toEqual(c.counts);
  });
});

describe('which seq a write replaces in the manifest', () => {
  const put = (p: MemoryPorts, index: number | null, values: Record<string, string>) => p.lock.withLock(1000, () => {
    const j = new Journal(p).fresh();
    new Tx(j).put(checkTable(j, 'templates'), index, values, { action: 'a', object: 'b' }).commit();
  });
  const clean = (p: MemoryPorts) => {
    const c = checkTable(new Journal(p), 'templates');
    expect(c.problem).toBeNull();
    expect(c.missing).toEqual([]);
    expect(c.rows.every((r) => r.kind === 'ok')).toBe(true);
    expect(anchor(p).t.templates).toEqual(c.counts);
    return c;
  };

  test('a row changed by hand, written again: its sealed seq', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    T(p).grid[1][1] = 'för hand';
    put(p, 0, {});
    expect(clean(p).counts.n).toBe(2);
  });

  test('an older copy, written again: the journal\'s latest seq', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    const old = T(p).grid[1].slice();
    put(p, 0, { Ämne: 'A2' });
    T(p).grid[1] = old;
    put(p, 0, { Ämne: 'A3' });
    expect(clean(p).counts.n).toBe(2);
  });

  test('a row typed by hand under a deleted row\'s key, sealed: it replaces the deleted one', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    T(p).grid.splice(2, 1);
    T(p).grid.push(['EN', 'B2', 'b2', '', '']);
    put(p, 1, {});
    expect(clean(p).counts.n).toBe(2);
  });

  test('of two deleted rows, the one appended back by key', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b'], ['de', 'C', 'c']]);
    const enSeq = checkTable(new Journal(p), 'templates').rows[1].seq;
    T(p).grid.splice(2, 2);
    put(p, null, { Språk: 'de', Ämne: 'C' });
    const c = checkTable(new Journal(p), 'templates');
    expect(c.missing.map((m) => m.key)).toEqual(['en']);
    expect(c.problem).toBeNull();
    // The manifest still counts the deleted en (it waits for review) and no longer the old de.
    expect(anchor(p).t.templates).toEqual({ n: 3, s: c.counts.s + enSeq });
  });
});

describe('commit: seqs, the pending anchor, what it returns', () => {
  const queued = (p: MemoryPorts) => p.lock.withLock(1000, () => queueRefusal(new Journal(p), { u: 'x@y.se', t: '2009-11-02T08:00:00.000Z', a: 'vägrad', o: 'o', w: 'w' }));

  test('after queued refusals: a row\'s seal and Rad carry its own entry\'s number; a tombstone is on its own entry', () => {
    const p = ports([['sv', 'A', 'a'], ['en', 'B', 'b']]);
    queued(p);
    const first = anchor(p).n + 1;
    const done = p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const c = checkTable(j, 'templates');
      return new Tx(j).log({ action: 'först', object: 'x' }).put(c, 0, { Ämne: 'A2' }, { action: 'mall.ändrad', object: 'sv' })
        .remove(c, 1, { action: 'mall.borttagen', object: 'en' }).commit();
    });
    expect(done).toEqual({ first, count: 4 });
    const rows = logRows(p);
    const rad = (i: number) => JSON.parse(String(rows[i - 1]['Rad']));
    expect(rows[first - 1]['Åtgärd']).toBe('vägrad');
    expect(rows[first + 1]['Åtgärd']).toBe('mall.ändrad');
    expect(rad(first + 2)).toMatchObject({ b: 'templates', k: 'sv', q: first + 2 });
    expect(rows[first + 2]['Åtgärd']).toBe('mall.borttagen');
    expect(rad(first + 3)).toEqual({ b: 'templates', k: 'en', q: first + 3, v: {}, x: 1 });
    const c = checkTable(new Journal(p), 'templates');
    expect(c.rows[0].seq).toBe(first + 2);
  });

  test('a death while Logg is written leaves the pending anchor: the log\'s and each sheet\'s counts after, as acceptable', () => {
    const p = ports([['sv', 'A', 'a']]);
    const a = anchor(p);
    const m = a.t.templates!;
    p.workbook.get('log').append = () => { throw new Error('died'); };
    expect(() => p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      new Tx(j).put(checkTable(j, 'templates'), null, { Språk: 'en', Ämne: 'B' }, { action: 'a', object: 'en' }).commit();
    })).toThrow('died');
    const left = anchor(p);
    expect(left).toMatchObject({ n: a.n, head: a.head, alt: { n: a.n + 1, head: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(left.t.templates).toEqual({ n: m.n, s: m.s, alt: { n: m.n + 1, s: m.s + a.n + 1, from: a.n + 1, to: a.n + 1 } });
    // The other sheets' manifests are in the pending anchor as they were.
    expect(left.t.settings).toEqual(a.t.settings);
    expect(left.t.settings).toBeDefined();
  });

  test('guest IDs: a commit that issued none keeps the highest; none asked, none given', () => {
    const p = ports();
    setAnchor(p, { ...anchor(p), gid: 7 });
    logOne(p, 'no IDs');
    expect(anchor(p).gid).toBe(7);
    p.lock.withLock(1000, () => {
      const tx = new Tx(new Journal(p).fresh());
      expect(tx.guestIds([], 0)).toEqual([]);
      tx.log({ action: 'a', object: 'b' }).commit();
    });
    expect(anchor(p).gid).toBe(7);
  });

  test('without entries or properties no property is written', () => {
    const p = ports();
    const calls = { set: 0, setAll: 0 };
    const setAll = p.properties.setAll.bind(p.properties);
    p.properties.setAll = (v) => { calls.setAll++; setAll(v); };
    const set = p.properties.set.bind(p.properties);
    p.properties.set = (k, v) => { calls.set++; set(k, v); };
    p.lock.withLock(1000, () => { expect(new Tx(new Journal(p).fresh()).commit()).toBeNull(); });
    expect(calls).toEqual({ set: 0, setAll: 0 });
    // With entries and no caller properties: plain writes of the anchor (pending, committed).
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).log({ action: 'a', object: 'b' }).commit(); });
    expect(calls).toEqual({ set: 2, setAll: 0 });
  });
});

describe('commit: Översikt\'s cell and the rows it writes', () => {
  const withOverview = (p: MemoryPorts, a4 = ''): MemoryTable => {
    const t = new MemoryTable(SHEETS.overview, ['Översikt'], [[''], [''], [a4]], p.workbook.counters);
    p.workbook.tables.set(SHEETS.overview, t);
    return t;
  };

  test('the cell\'s text is remembered across commits that say nothing about it', () => {
    const p = ports();
    const ov = withOverview(p);
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).overview('Granska').log({ action: 'a', object: 'b' }).commit(); });
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).log({ action: 'c', object: 'd' }).commit(); });
    expect(anchor(p).ov).toBe('Granska');
    expect(ov.grid[3][0]).toBe('Granska');
  });

  test('no text given: the cell is left as it is; \'\' where the anchor knows none: not written', () => {
    const p = ports();
    const ov = withOverview(p, 'x');
    const w = p.workbook.counters.writes;
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).log({ action: 'a', object: 'b' }).commit(); });
    expect(ov.grid[3][0]).toBe('x');
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).overview('').log({ action: 'a', object: 'b' }).commit(); });
    expect(ov.grid[3][0]).toBe('x');
    expect(p.workbook.counters.writes - w).toBe(2);
  });

  test('no Översikt sheet: the commit stands and the anchor claims no text', () => {
    const p = ports();
    p.lock.withLock(1000, () => { new Tx(new Journal(p).fresh()).overview('Granska').log({ action: 'a', object: 'b' }).commit(); });
    expect(anchor(p).ov).toBeUndefined();
  });

  test('a column without a header is written empty', () => {
    const p = ports([['sv', 'A', 'a']]);
    T(p).grid[0].push('');
    T(p).grid[1].push('');
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      new Tx(j).put(checkTable(j, 'templates'), 0, { Ämne: 'A2' }, { action: 'a', object: 'sv' }).commit();
    });
    expect(T(p).grid[1][5]).toBe('');
  });

  test('appends only: Logg and one append, no block write', () => {
    const p = ports([['sv', 'A', 'a']]);
    const w = p.workbook.counters.writes;
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      new Tx(j).put(checkTable(j, 'templates'), null, { Språk: 'en', Ämne: 'B' }, { action: 'a', object: 'en' }).commit();
    });
    expect(p.workbook.counters.writes - w).toBe(2);
    expect(T(p).records().map((r) => r['Språk'])).toEqual(['sv', 'en']);
  });

  test('a clear on one sheet leaves another sheet\'s row at the same index alone', () => {
    const p = memoryPorts(PL);
    p.workbook.add('settings', [['Projektledare', PL, ''], ['Registrator', REG, '']]);
    p.workbook.add('templates', [['sv', 'A', 'a', '']]);
    journalled(p);
    T(p).grid.push(['en', 'B', 'b', '', '']);
    const settings = p.workbook.get('settings');
    const before = settings.grid.map((r) => r.slice());
    p.lock.withLock(1000, () => {
      const j = new Journal(p).fresh();
      const t = checkTable(j, 'templates');
      const s = checkTable(j, 'settings');
      new Tx(j).clear(t, 1, { action: 'a', object: 'Mallar rad 3' }).put(s, 0, {}, { action: 'b', object: 'c' }).commit();
    });
    expect(T(p).grid[2].every((v) => v === '')).toBe(true);
    expect(settings.grid[1].slice(0, 2)).toEqual(before[1].slice(0, 2));
    expect(settings.grid[2].slice(0, 2)).toEqual(['Registrator', REG]);
  });
});
