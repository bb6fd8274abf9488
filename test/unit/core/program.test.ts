import {
  changeProblem, checkItem, conferenceDayProblem, itemCounts, itemsFromParts, mapGuestParts, matchParts, nextItemId, parseTime,
  PROGRAM_TYPES, timeText, type ItemDraft, type ProgramItem,
} from '../../../src/core/program';

const DAYS = { startDate: '2009-12-08', endDate: '2009-12-09' };
const draft = (o: Partial<ItemDraft> = {}): ItemDraft => ({
  title: 'Studiebesök hos Stokab', type: 'studiebesök', date: '2009-12-09', start: '13:00', end: '17:00', place: 'Kista',
  organiser: 'staden', responsible: '', capacity: '', category: '', status: '', note: '', ...o,
});
const ok = (d: ItemDraft, pl = 'pl@stockholm.se'): ProgramItem => {
  const r = checkItem(d, 'P-001', DAYS, pl);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.item;
};
const fields = (d: ItemDraft) => {
  const r = checkItem(d, 'P-001', DAYS);
  return r.ok ? [] : r.problems.map((p) => p.field);
};
const reasons = (d: ItemDraft) => {
  const r = checkItem(d, 'P-001', DAYS);
  return r.ok ? '' : r.problems.map((p) => p.message.sv).join(' | ');
};

describe('an item', () => {
  test('every type of the decision is accepted, with its default budget category', () => {
    const cats = PROGRAM_TYPES.map((type) => ok(draft({ type, date: '2009-12-08' })).category);
    expect(cats).toEqual(['huvudtalare', 'plenarsessioner', 'specialistsessioner', 'workshops', 'studiebesök', 'representationsmiddag', 'kommunikation', 'övrigt']);
  });
  test('a type that is not in the union is refused, naming Typ and the allowed ones', () => {
    expect(fields(draft({ type: 'bankett' }))).toEqual(['type']);
    expect(reasons(draft({ type: 'bankett' }))).toContain('Typ: "bankett" är ingen typ; välj bland öppning, plenarsession');
    expect(ok(draft({ type: 'Study visit' })).type).toBe('studiebesök');
  });
  test('a city-only item gets the project leader as responsible; one with Cisco must name someone', () => {
    expect(ok(draft()).responsible).toBe('pl@stockholm.se');
    expect(ok(draft({ responsible: 'Anna Berg' })).responsible).toBe('Anna Berg');
    expect(fields(draft({ organiser: 'staden och Cisco' }))).toEqual(['responsible']);
    expect(fields(draft({ organiser: 'Cisco' }))).toEqual(['organiser']);
  });
  test('capacity is optional and, when given, a whole number from 1', () => {
    expect(ok(draft()).capacity).toBeNull();
    expect(ok(draft({ capacity: '1' })).capacity).toBe(1);
    expect(ok(draft({ capacity: ' 40 ' })).capacity).toBe(40);
    for (const c of ['0', '-3', '2.5', 'tio', '10001']) {
      expect(fields(draft({ capacity: c }))).toEqual(['capacity']);
      expect(reasons(draft({ capacity: c }))).toContain(`Kapacitet: "${c}": ange ett heltal 1–10000`);
    }
  });
  test('date, times, title, category and status each refused with their own field', () => {
    expect(fields(draft({ date: '2009-02-30' }))).toEqual(['date']);
    expect(fields(draft({ start: '25:00' }))).toEqual(['start']);
    expect(fields(draft({ end: 'kväll' }))).toEqual(['end']);
    expect(fields(draft({ end: '13:00' }))).toEqual(['end']);
    expect(fields(draft({ title: '  ' }))).toEqual(['title']);
    expect(fields(draft({ title: 'x'.repeat(121) }))).toEqual(['title']);
    expect(fields(draft({ category: 'fest' }))).toEqual(['category']);
    expect(fields(draft({ status: 'klar' }))).toEqual(['status']);
    expect(ok(draft({ start: '9:05', end: '0100', type: 'representationsmiddag', date: '2009-12-08' }))).toMatchObject({ start: '09:05', end: '01:00' });
  });
  test('times: typed forms, and a Date read by its wall-clock hours', () => {
    expect(['9:05', '09.05', '0905', '24:00', '12:60', 'x'].map(parseTime)).toEqual(['09:05', '09:05', '09:05', null, null, null]);
    expect(timeText(new Date(1899, 11, 30, 19, 30))).toBe('19:30');
    expect(timeText(' 19:30 ')).toBe('19:30');
  });
});

describe('study visits and workshops only during the conference', () => {
  test.each([
    ['studiebesök', '2009-12-07', false], ['studiebesök', '2009-12-08', true], ['studiebesök', '2009-12-09', true], ['studiebesök', '2009-12-10', false],
    ['workshop', '2009-12-07', false], ['workshop', '2009-12-08', true], ['workshop', '2009-12-09', true], ['workshop', '2009-12-10', false],
    ['representationsmiddag', '2009-12-07', true], ['kommunikation', '2009-11-20', true],
  ])('%s on %s: allowed %s', (type, date, allowed) => {
    const r = checkItem(draft({ type, date }), 'P-001', DAYS);
    expect(r.ok).toBe(allowed);
    if (!r.ok) {
      expect(r.problems.map((p) => p.field)).toEqual(['date']);
      expect(r.problems[0].message.sv).toContain(`Datum: ${date} ligger utanför konferensens dagar (2009-12-08–2009-12-09); beslutet tillåter`);
      expect(r.problems[0].message.en).toContain('only during the conference');
    }
  });
  test('a one-day conference', () => {
    expect(conferenceDayProblem('workshop', '2009-12-08', { startDate: '2009-12-08', endDate: '2009-12-08' })).toBeNull();
    expect(conferenceDayProblem('workshop', '2009-12-09', { startDate: '2009-12-08', endDate: '2009-12-08' })?.field).toBe('date');
  });
});

describe('who may change what', () => {
  const base = ok(draft());
  test('the project leader writes content; only the steering group decides', () => {
    expect(changeProblem(null, base, ['projektledare'])).toBeNull();
    expect(changeProblem(null, base, ['styrgrupp'])?.field).toBe('title');
    expect(changeProblem(null, { ...base, status: 'beslutad' }, ['projektledare'])?.message.sv).toContain('bara styrgruppen beslutar');
    expect(changeProblem(base, { ...base, status: 'beslutad' }, ['styrgrupp'])).toBeNull();
    expect(changeProblem(base, { ...base, place: 'Hötorget' }, ['styrgrupp'])?.field).toBe('place');
  });
  test('a decided item is not changed until the steering group sets it back', () => {
    const decided = { ...base, status: 'beslutad' as const };
    expect(changeProblem(decided, { ...decided, place: 'Hötorget' }, ['projektledare', 'styrgrupp'])?.message.sv).toContain('först tillbaka till förslag');
    expect(changeProblem(decided, { ...decided, status: 'förslag' }, ['styrgrupp'])).toBeNull();
  });
});

describe('IDs, references, counts', () => {
  test('next ID after the highest', () => {
    expect(nextItemId([])).toBe('P-001');
    expect(nextItemId(['P-002', 'x', 'P-010'])).toBe('P-011');
  });
  test('a part is matched by ID or title, once', () => {
    const items = [{ id: 'P-001', title: 'Middagen' }, { id: 'P-002', title: 'Konferensen' }, { id: 'P-003', title: 'konferensen' }];
    expect(matchParts(['p-002', 'middagen', 'P-002', 'bal'], items)).toEqual({ ok: ['P-002', 'P-001'], unknown: ['bal'] });
    // A title names every item that has it (each day of the conference).
    expect(matchParts(['KONFERENSEN'], items)).toEqual({ ok: ['P-002', 'P-003'], unknown: [] });
  });
  test('counts per item with seats left (a decline frees a seat; the unmailed are not counted)', () => {
    const items = [{ id: 'P-001', title: 'Middagen', capacity: 2 }, { id: 'P-002', title: 'Konferensen', capacity: null }];
    const guests = [
      { status: 'Tackat ja', events: ['P-001', 'P-002'] }, { status: 'Tackat nej', events: ['P-001'] }, { status: 'Återbud', events: ['P-001'] },
      { status: 'Inbjuden', events: ['P-001'] }, { status: 'Godkänd', events: ['P-001'] }, { status: 'Tackat ja', events: ['Konferensen'] },
    ];
    expect(itemCounts(items, guests)).toEqual([
      { id: 'P-001', invited: 4, yes: 1, no: 2, notAnswered: 1, waiting: 0, seatsLeft: 1 },
      { id: 'P-002', invited: 2, yes: 2, no: 0, notAnswered: 0, waiting: 0, seatsLeft: null },
    ]);
  });
});

describe('carrying over the old free-text parts', () => {
  test('one item per part (a conference one per day) at the times the old calendars gave; guests mapped', () => {
    const { items, map } = itemsFromParts(['konferensen', 'representationsmiddagen', 'studiebesök', 'presskonferens'], { ...DAYS, venue: 'Stockholm' }, [], 'pl@stockholm.se');
    expect(items.map((i) => [i.id, i.title, i.type, i.date, i.start, i.end, i.status])).toEqual([
      ['P-001', 'konferensen', 'plenarsession', '2009-12-08', '09:00', '17:00', 'förslag'],
      ['P-002', 'konferensen', 'plenarsession', '2009-12-09', '09:00', '17:00', 'förslag'],
      ['P-003', 'representationsmiddagen', 'representationsmiddag', '2009-12-08', '19:00', '23:00', 'förslag'],
      ['P-004', 'studiebesök', 'studiebesök', '2009-12-09', '13:00', '17:00', 'förslag'],
      // "presskonferens" matches konferens: both days, as the old calendar had it
      ['P-005', 'presskonferens', 'plenarsession', '2009-12-08', '09:00', '17:00', 'förslag'],
      ['P-006', 'presskonferens', 'plenarsession', '2009-12-09', '09:00', '17:00', 'förslag'],
    ]);
    expect(items.every((i) => checkItem({ ...i, capacity: '', note: i.note }, i.id, DAYS).ok)).toBe(true);
    expect(mapGuestParts(['Konferensen', 'studiebesök', 'bal'], map)).toEqual(['P-001', 'P-002', 'P-004', 'bal']);
  });
});
