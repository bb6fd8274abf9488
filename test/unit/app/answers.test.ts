/**
 * The caterer's dietary list (src/app/answers.ts): names only for the project leader (anyone else refused at the
 * `names` field, with the reason), the list without names for anyone who may read the guest list; only guests who
 * said yes and consented, and only rows the journal vouches for (a consent typed into the sheet is not a
 * consent; those guests are counted as waiting for review); nothing once the retention period has passed. Reads
 * only. In memory, on a sealed Gäster.
 */
import { dietaryList } from '../../../src/app/answers';
import type { Cell } from '../../../src/app/ports';
import { UserError } from '../../../src/core/msg';
import { journalled } from '../../support/journal';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { dump } from './budget-fixture';

const PL = 'pl@stockholm.se';
const SG = 'sg@stockholm.se';
const EKO = 'eko@stockholm.se';
const ADMIN = 'admin@stockholm.se';
const NOBODY = 'nobody@example.org';
const CONSENT = new Date('2009-11-01T10:00:00+01:00');

/** A Gäster row in schema order (ID … Samtycke kost); `consent` the date of the consent or ''. */
const guest = (id: string, first: string, last: string, diet: string, status: string, consent: Cell, events = 'konferensen'): Cell[] =>
  [id, first, last, '', '', '', `${first.toLowerCase()}@example.se`, 'sv', events, diet, status, '', '', '', 1, consent];

/**
 * G-0001 and G-0002: yes, the same need written two ways, consented; G-0003 no (a no keeps no need); G-0004 yes with
 * a need but no consent; G-0005 yes, consented, no need; G-0006 invited, not answered; G-0007 yes, consented, to
 * the dinner too.
 */
const GUESTS: Cell[][] = [
  guest('G-0001', 'Astrid', 'Lindgren', 'Vegetarisk', 'Tackat ja', CONSENT),
  guest('G-0002', 'Bertil', 'Ek', ' vegetarisk\n', 'Tackat ja', CONSENT),
  guest('G-0003', 'Cecilia', 'Berg', 'Glutenfri', 'Tackat nej', CONSENT),
  guest('G-0004', 'David', 'Holm', 'Laktosfri', 'Tackat ja', ''),
  guest('G-0005', 'Eva', 'Ström', '', 'Tackat ja', CONSENT),
  guest('G-0006', 'Fredrik', 'Lund', 'Nötallergi', 'Inbjuden', CONSENT),
  guest('G-0007', 'Gun', 'Ås', 'Nötallergi', 'Tackat ja', CONSENT, 'konferensen; representationsmiddagen'),
];

function setup(): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, ''], ['Ekonomi', EKO, ''], ['Administratörer', ADMIN, '']]);
  p.workbook.add('event', [['Slutdatum', '2009-12-09', ''], ['Lagringstid (månader)', 3, '']]);
  p.workbook.add('guests', GUESTS);
  p.workbook.add('log');
  return journalled(p);
}
const as = (p: MemoryPorts, u: string) => { p.user.current = u; return p; };
const refusal = (f: () => unknown): { message: { sv: string; en: string }; field: string | undefined } => {
  try { f(); } catch (e) { if (e instanceof UserError) return { message: e.userMessage, field: e.field }; throw e; }
  throw new Error('not refused');
};
/** Types `value` into the guest's cell in Gäster, as a person editing the sheet would (the seal no longer vouches for it). */
const typeInto = (p: MemoryPorts, id: string, header: string, value: Cell) => {
  const t = p.workbook.get('guests');
  t.grid[t.grid.findIndex((r) => r[0] === id)][t.grid[0].indexOf(header)] = value;
};

const DINNER = ['konferensen', 'representationsmiddagen'];
const NAMELESS = [
  { diet: 'Nötallergi', parts: DINNER, count: 1 },
  { diet: 'Vegetarisk', parts: ['konferensen'], count: 2 },
];

describe('who sees which list', () => {
  test.each([[SG], [EKO], [NOBODY], [ADMIN], [PL]])('%s: the consented needs of those who said yes, merged, without names', (user) => {
    const v = dietaryList(as(setup(), user), { names: false });
    expect(v).toEqual({ names: false, withheld: null, list: { entries: NAMELESS, guests: 3, unconsented: 1 }, waiting: 0 });
    expect(JSON.stringify(v)).not.toMatch(/Astrid|Lindgren|Bertil|Gun|@example|G-000/);
  });

  test('the project leader asks for names: one entry per guest, by name', () => {
    const v = dietaryList(setup(), { names: true });
    expect(v).toEqual({
      names: true, withheld: null, waiting: 0,
      list: {
        entries: [
          { name: 'Astrid Lindgren', diet: 'Vegetarisk', parts: ['konferensen'], count: 1 },
          { name: 'Bertil Ek', diet: 'vegetarisk', parts: ['konferensen'], count: 1 },
          { name: 'Gun Ås', diet: 'Nötallergi', parts: DINNER, count: 1 },
        ],
        guests: 3, unconsented: 1,
      },
    });
  });

  test.each([[SG], [EKO], [NOBODY], [ADMIN]])('%s asks for names: refused at the names field, with the reason', (user) => {
    expect(refusal(() => dietaryList(as(setup(), user), { names: true }))).toEqual({
      field: 'names',
      message: {
        sv: 'Bara projektledaren får se vem kostbehoven gäller. Listan utan namn visas för alla som kan läsa gästlistan.',
        en: 'Only the project leader may see whose dietary needs they are. The list without names is shown to everyone who can read the guest list.',
      },
    });
  });

  test.each([
    [{}, 'names'], [{ names: 'ja' }, 'names'], [{ names: true, all: true }, '(indata)'], [null, '(indata)'],
  ])('bad input %j: refused, naming %s', (input, where) => {
    expect(refusal(() => dietaryList(setup(), input)).message.sv).toBe(`Ogiltiga uppgifter: ${where}.`);
  });

  test('reading writes nothing, not even to Logg', () => {
    const p = setup();
    const before = dump(p);
    dietaryList(p, { names: true });
    dietaryList(as(p, NOBODY), { names: false });
    expect(dump(p)).toBe(before);
  });
});

describe('only what the journal vouches for', () => {
  test('a consent typed into the sheet is no consent: that guest waits for review, is left out and not counted', () => {
    const p = setup();
    typeInto(p, 'G-0004', 'Samtycke kost', CONSENT);
    const v = dietaryList(p, { names: true });
    expect(v.waiting).toBe(1);
    expect(JSON.stringify(v)).not.toMatch(/Laktosfri|David/);
    expect(v.list).toMatchObject({ guests: 3, unconsented: 0 });
  });

  test('a need typed into a consented row is not shown either', () => {
    const p = setup();
    typeInto(p, 'G-0005', 'Kost/allergier', 'Fiskallergi');
    const v = dietaryList(p, { names: false });
    expect([v.waiting, v.list.entries]).toEqual([1, NAMELESS]);
  });

  test('rows waiting for review are counted only when they said yes', () => {
    const p = setup();
    typeInto(p, 'G-0003', 'Anteckning', 'ringde'); // a no
    typeInto(p, 'G-0006', 'Anteckning', 'ringde'); // not answered
    expect(dietaryList(p, { names: false }).waiting).toBe(0);
    typeInto(p, 'G-0001', 'Anteckning', 'ringde');
    typeInto(p, 'G-0007', 'Anteckning', 'ringde');
    const v = dietaryList(p, { names: false });
    expect(v.waiting).toBe(2);
    expect(v.list).toEqual({ entries: [{ diet: 'vegetarisk', parts: ['konferensen'], count: 1 }], guests: 1, unconsented: 1 });
  });

  test('a row deleted from the sheet that said yes waits for review too', () => {
    const p = setup();
    const t = p.workbook.get('guests');
    t.grid.splice(t.grid.findIndex((r) => r[0] === 'G-0002'), 1);
    const v = dietaryList(p, { names: true });
    expect(v.waiting).toBe(1);
    expect(v.list.entries.map((e) => e.name)).toEqual(['Astrid Lindgren', 'Gun Ås']);
  });
});

describe('the retention period', () => {
  test('until the period has passed the list is shown; the day after, nothing, even to the project leader', () => {
    const p = setup();
    p.clock.t = new Date('2010-03-09T23:59:00+01:00');
    expect(dietaryList(p, { names: true }).list.guests).toBe(3);
    p.clock.t = new Date('2010-03-10T00:01:00+01:00');
    typeInto(p, 'G-0001', 'Anteckning', 'ringde'); // waiting rows are not counted either
    for (const [user, names] of [[PL, true], [PL, false], [SG, false]] as const) {
      expect(dietaryList(as(p, user), { names })).toEqual({
        names, waiting: 0, list: { entries: [], guests: 0, unconsented: 0 },
        withheld: {
          sv: 'Lagringstiden gick ut 2010-03-09: kostuppgifterna visas inte längre och ska gallras. Antalen i sammanfattningen finns kvar.',
          en: 'The retention period ended 2010-03-09: dietary needs are no longer shown and are to be purged. The counts in the summary remain.',
        },
      });
    }
  });

  test('names are still refused to others after the period (the refusal comes first)', () => {
    const p = setup();
    p.clock.t = new Date('2010-06-01T12:00:00+02:00');
    expect(refusal(() => dietaryList(as(p, SG), { names: true })).field).toBe('names');
  });
});
