/**
 * The installation self-test's use cases over the ports (src/app/selftest.ts; src/gas/selftest.ts probes the
 * platform, test/bundle/selftest.test.ts drives the whole): administrators only (the owner or someone named in
 * Administratörer, as the journal has Inställningar), only the owner on a workbook without a journal for its file
 * ID; the approved guests the mail quota must cover, as the journal has Gäster; the log as Verifiera loggen sees
 * it and whether the anchor exists. In memory.
 */
import { JOURNAL_KEY, SEAL_KEY } from '../../../src/app/journal';
import type { Cell } from '../../../src/app/ports';
import { approvedWaiting, logStatus, notSetUpMsg, selfTestAuthority } from '../../../src/app/selftest';
import { UserError } from '../../../src/core/msg';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { dump } from './budget-fixture';

const OWNER = 'agare@stockholm.se';
const ADMIN = 'admin@stockholm.se';
const PL = 'pl@stockholm.se';
const SG = 'sg@stockholm.se';
const NOBODY = 'nobody@example.org';
const ADMIN_ONLY = {
  sv: 'Du saknar behörighet: bara kalkylarkets ägare och administratörerna på bladet Inställningar får göra detta.',
  en: 'You are not allowed to do this: only the spreadsheet\'s owner and the administrators on the Inställningar sheet may.',
};

/** A Gäster row in schema order (ID … Status). */
const guest = (n: number, status: string): Cell[] =>
  [`G-${String(n).padStart(4, '0')}`, `F${n}`, `E${n}`, '', '', '', `g${n}@example.se`, 'sv', 'konferensen', '', status];

/** Inställningar, Gäster (three approved among others) and Logg; set up (journalled) unless `setUp` is false. */
function workbook(setUp = true): MemoryPorts {
  const p = memoryPorts(OWNER);
  p.workbook.ownerEmail = OWNER;
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, ''], ['Administratörer', ADMIN, '']]);
  p.workbook.add('guests', [
    guest(1, 'Godkänd'), guest(2, 'Föreslagen'), guest(3, 'Godkänd'), guest(4, 'Inbjuden'), guest(5, 'Godkänd'), guest(6, 'Misslyckad'), guest(7, 'Tackat ja'),
  ]);
  p.workbook.add('log');
  return setUp ? journalled(p) : p;
}
const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
const refusal = (f: () => unknown): { sv: string; en: string } => {
  try { f(); } catch (e) { if (e instanceof UserError) return e.userMessage; throw e; }
  throw new Error('not refused');
};

describe('selfTestAuthority: administrators only', () => {
  test.each([['the owner', OWNER], ['an administrator named in Administratörer', ADMIN]])('%s may run it, with the roles in effect', (_who, user) => {
    const p = as(workbook(), user);
    const who = selfTestAuthority(p);
    expect(who.email).toBe(user);
    expect(who.settings?.admins).toEqual([ADMIN]);
    expect(who.settings?.roles.projektledare).toEqual([PL]);
    expect(who.journal.anchor()).not.toBeNull();
  });

  test.each([['the project leader', PL], ['the steering group', SG], ['an editor without a role', NOBODY], ['a caller Google does not name', '']])(
    '%s may not: refused with the reason', (_who, user) => {
      expect(refusal(() => selfTestAuthority(as(workbook(), user)))).toEqual(ADMIN_ONLY);
    });

  test('an administrator typed into Inställningar by hand is not one (the journal\'s view of the roles counts)', () => {
    const p = workbook();
    const t = p.workbook.get('settings');
    t.grid[t.grid.findIndex((r) => r[0] === 'Administratörer')][1] = `${ADMIN}, ${NOBODY}`;
    expect(refusal(() => selfTestAuthority(as(p, NOBODY)))).toEqual(ADMIN_ONLY);
    expect(selfTestAuthority(as(p, ADMIN)).settings?.admins).toEqual([ADMIN]);
  });

  test('reading the roles writes nothing', () => {
    const p = as(workbook(), ADMIN);
    const before = dump(p);
    selfTestAuthority(p);
    expect(dump(p)).toBe(before);
  });
});

describe('selfTestAuthority: a workbook without a journal for its file ID (never set up, or a copy)', () => {
  test('only the owner, without settings (Inställningar can\'t be trusted there); the journal as found', () => {
    const p = workbook(false);
    const who = selfTestAuthority(p);
    expect([who.email, who.settings, who.journal.anchor()]).toEqual([OWNER, null, null]);
    expect(refusal(() => selfTestAuthority(as(p, ADMIN)))).toEqual(ADMIN_ONLY);
    expect(refusal(() => selfTestAuthority(as(p, NOBODY)))).toEqual(ADMIN_ONLY);
  });

  test('a shared drive (no owner) and a caller Google does not name: refused, not taken for the owner', () => {
    const p = as(workbook(false), '');
    p.workbook.ownerEmail = '';
    expect(refusal(() => selfTestAuthority(p))).toEqual(ADMIN_ONLY);
  });

  test('an anchor without its seal key is no journal either: only the owner, without settings', () => {
    const p = workbook();
    p.properties.delete(SEAL_KEY);
    expect(refusal(() => selfTestAuthority(as(p, ADMIN)))).toEqual(ADMIN_ONLY);
    expect(selfTestAuthority(as(p, OWNER)).settings).toBeNull();
  });

  test('the seal key without an anchor: the same', () => {
    const p = workbook();
    p.properties.delete(JOURNAL_KEY);
    expect(refusal(() => selfTestAuthority(as(p, ADMIN)))).toEqual(ADMIN_ONLY);
    expect(selfTestAuthority(as(p, OWNER)).settings).toBeNull();
  });

  test('what the protections check says there', () => {
    expect(notSetUpMsg()).toEqual({
      sv: 'Arbetsboken har ingen logg för sitt fil-ID, så rollerna kan inte läsas: den är inte konfigurerad (eller är en kopia).',
      en: 'The workbook has no log for its file ID, so the roles cannot be read: it is not set up (or it is a copy).',
    });
  });
});

describe('approvedWaiting: the approved guests the mail quota must cover', () => {
  test('status Godkänd only, in one range read', () => {
    const p = workbook();
    const journal = selfTestAuthority(p).journal;
    const reads = p.workbook.counters.reads;
    expect(approvedWaiting(journal)).toBe(3);
    expect(p.workbook.counters.reads - reads).toBe(1);
  });

  test('as the journal has Gäster: a status typed by hand does not count, one changed by hand still does', () => {
    const p = workbook();
    const t = p.workbook.get('guests');
    const status = t.grid[0].indexOf('Status');
    t.grid[2][status] = 'Godkänd'; // G-0002, proposed
    t.grid[3][status] = 'Föreslagen'; // G-0003, approved
    expect(approvedWaiting(selfTestAuthority(p).journal)).toBe(3);
  });
});

describe('logStatus: the log as Verifiera loggen sees it, and whether the anchor exists', () => {
  test('a set-up workbook: intact, anchored', () => {
    const p = workbook();
    const s = logStatus(p, selfTestAuthority(p).journal);
    expect(s.anchored).toBe(true);
    expect(s.report).toMatchObject({ ok: true, count: p.workbook.get('log').grid.length - 1 });
  });

  test('rows deleted at the end of Logg: not intact, still anchored', () => {
    const p = workbook();
    p.workbook.get('log').grid.pop();
    const s = logStatus(p, selfTestAuthority(p).journal);
    expect([s.report.ok, s.anchored]).toEqual([false, true]);
    expect(s.report.message.sv).toMatch(/de sista 1 raderna har tagits bort|den sista raden har tagits bort/);
  });

  test('no anchor (a copy with a new file ID): not anchored, the report says the anchor is missing', () => {
    const p = workbook();
    p.properties.delete(JOURNAL_KEY);
    const s = logStatus(p, selfTestAuthority(p).journal);
    expect(s.anchored).toBe(false);
    expect(s.report.ok).toBe(false);
    expect(s.report.message.sv).toMatch(/ankaret saknas/);
  });
});
