/**
 * The programme's rules at their edges (src/core/program.ts): what is trimmed, where a limit falls,
 * what a refusal quotes of the input, who may change a decided item, and how the old free-text parts
 * carry over. Each test checks a behaviour a person relies on, found by a StrykerJS mutant that
 * survived the other tests (npm run test:mutation).
 */
import {
  byTime, changeProblem, checkItem, conferenceDays, draftOf, itemCounts, itemOccurrence, itemsFromParts, itemValues, mapGuestParts,
  nextItemId, parseTime, timeText, type ItemDraft, type ProgramItem,
} from '../../../src/core/program';

const DAYS = { startDate: '2009-12-08', endDate: '2009-12-09' };
const PL = 'pl@stockholm.se';
const draft = (o: Partial<ItemDraft> = {}): ItemDraft => ({
  title: 'Presskonferens', type: 'kommunikation', date: '2009-12-08', start: '10:00', end: '11:00', place: 'Stadshuset',
  organiser: 'staden', responsible: '', capacity: '', category: '', status: '', note: '', ...o,
});
const ok = (d: ItemDraft, pl = PL): ProgramItem => {
  const r = checkItem(d, 'P-001', DAYS, pl);
  if (!r.ok) throw new Error(JSON.stringify(r.problems.map((p) => p.message.sv)));
  return r.item;
};
/** Each problem as [field, Swedish message]. */
const problems = (d: ItemDraft, pl = ''): [string, string][] => {
  const r = checkItem(d, 'P-001', DAYS, pl);
  return r.ok ? [] : r.problems.map((p) => [p.field, p.message.sv]);
};

describe('what a person types is trimmed before it is judged and kept', () => {
  test('text fields, the date, capacity, category and status with spaces around them', () => {
    const it = ok(draft({
      title: '  Presskonferens ', date: ' 2009-12-08 ', place: ' Stadshuset ', organiser: ' Staden ', note: '  ring först  ',
      capacity: ' 12 ', category: ' Kommunikation ', status: ' Beslutad ', type: ' Communication activity ',
    }));
    expect(it).toMatchObject({
      title: 'Presskonferens', date: '2009-12-08', place: 'Stadshuset', organiser: 'staden', note: 'ring först',
      capacity: 12, category: 'kommunikation', status: 'beslutad', type: 'kommunikation',
    });
  });
  test('blank (only spaces) capacity, category, status and responsible count as empty: no limit, the defaults', () => {
    const it = ok(draft({ capacity: '   ', category: '  ', status: ' ', responsible: '   ' }));
    expect(it).toMatchObject({ capacity: null, category: 'kommunikation', status: 'förslag', responsible: PL });
  });
  test('a blank category beside a bad type is no category problem: only Typ is refused', () => {
    expect(problems(draft({ type: 'bankett', category: '  ' })).map(([f]) => f)).toEqual(['type']);
  });
  test('a time with spaces around it', () => {
    expect(parseTime(' 9:05 ')).toBe('09:05');
  });
});

describe('limits fall where the messages say', () => {
  test.each(['title', 'place', 'responsible'] as const)('%s: 120 characters (after trimming) pass, 121 are refused', (f) => {
    expect(problems(draft({ [f]: `${'x'.repeat(120)}   ` }))).toEqual([]);
    expect(problems(draft({ [f]: 'x'.repeat(121) }))).toEqual([[f, expect.stringContaining('för lång (högst 120 tecken).')]]);
  });
  test('note: 500 pass, 501 are refused naming Anteckning', () => {
    expect(problems(draft({ note: `${'x'.repeat(500)} ` }))).toEqual([]);
    expect(problems(draft({ note: 'x'.repeat(501) }))).toEqual([['note', 'Anteckning: för lång (högst 500 tecken).']]);
  });
  test('capacity 10000 is the largest accepted', () => {
    expect(ok(draft({ capacity: '10000' })).capacity).toBe(10_000);
    expect(problems(draft({ capacity: '10001' }))).toEqual([['capacity', 'Kapacitet: "10001": ange ett heltal 1–10000, eller lämna tomt för obegränsat.']]);
  });
});

describe('a refusal quotes a bounded part of what was typed (a pasted page is not echoed back)', () => {
  const long = (n: number) => 'å'.repeat(n + 50);
  test.each([
    ['type', 40, 'Typ', 'är ingen typ'], ['category', 40, 'Kategori', 'är ingen budgetkategori'], ['date', 30, 'Datum', 'är inget datum'],
    ['start', 20, 'Start', 'är ingen tid'], ['end', 20, 'Slut', 'är ingen tid'], ['capacity', 20, 'Kapacitet', 'ange ett heltal'],
  ] as const)('%s: the first %d characters', (field, n, label, why) => {
    const [[f, sv]] = problems(draft({ [field]: long(n) }));
    expect(f).toBe(field);
    expect(sv).toContain(`${label}: "${'å'.repeat(n)}"`);
    expect(sv).not.toContain('å'.repeat(n + 1));
    expect(sv).toContain(why);
  });
  test('an unknown type is answered with the types in English too', () => {
    const r = checkItem(draft({ type: 'bankett' }), 'P-001', DAYS);
    expect(!r.ok && r.problems[0].message.en).toBe(
      'Type: "bankett" is not a type; choose from opening with the main speaker, plenary session, specialist session, workshop, '
      + 'study visit, representation dinner, communication activity, other.');
  });
});

describe('dates and times that are not what they look like', () => {
  test('a date that is not a date is refused as such, not as outside the conference (and is not an error)', () => {
    for (const date of ['igår', '2009-02-30', '2009-12-8', '']) {
      expect(problems(draft({ date, type: 'workshop' }))).toEqual([['date', `Datum: "${date}" är inget datum (ÅÅÅÅ-MM-DD).`]]);
    }
  });
  test('a workshop and a study visit outside the conference each named in the refusal', () => {
    expect(problems(draft({ type: 'workshop', date: '2009-12-10' }))[0][1]).toContain('beslutet tillåter workshops bara under konferensen.');
    expect(problems(draft({ type: 'studiebesök', date: '2009-12-10' }))[0][1]).toContain('beslutet tillåter studiebesök bara under konferensen.');
  });
  test('digits before a time make it no time (a typo is not read as another time)', () => {
    expect(parseTime('119:30')).toBeNull();
    expect(problems(draft({ start: 'kl 10:00' }))).toEqual([['start', 'Start: "kl 10:00" är ingen tid (TT:MM).']]);
  });
  test('a time cell typed on the sheet: single-digit hours and minutes get their zero', () => {
    expect(timeText(new Date(1899, 11, 30, 9, 5))).toBe('09:05');
  });
});

describe('the responsible person', () => {
  test('without a project leader to fall back on, a city-only item has none', () => {
    const r = checkItem(draft(), 'P-001', DAYS);
    expect(r.ok && r.item.responsible).toBe('');
  });
  test('an item with Cisco never gets the project leader by default: someone must be named', () => {
    expect(problems(draft({ organiser: 'staden och Cisco' }), PL)).toEqual([
      ['responsible', 'Ansvarig: ange vem som ansvarar för en punkt som staden arrangerar med Cisco.'],
    ]);
  });
});

describe('a row reads back as the item written to it', () => {
  test('every field, including place, category and note', () => {
    const it = ok(draft({ place: 'Blå hallen', category: 'övrigt', note: 'ring först', capacity: '40', responsible: 'Anna Berg' }));
    const back = checkItem(draftOf(itemValues(it)), it.id, DAYS);
    expect(back).toEqual({ ok: true, item: it });
  });
});

describe('who may change a decided item', () => {
  const base = ok(draft());
  const decided: ProgramItem = { ...base, status: 'beslutad' };
  const both = ['projektledare', 'styrgrupp'] as const;
  test('saving a decided item unchanged is no change (nothing to refuse)', () => {
    expect(changeProblem(decided, { ...decided }, ['projektledare'])).toBeNull();
  });
  test('someone with both roles may change a proposal and decide it at once', () => {
    expect(changeProblem(base, { ...base, place: 'Blå hallen', status: 'beslutad' }, both)).toBeNull();
  });
  test('…and set a decided item back to förslag while changing it', () => {
    expect(changeProblem(decided, { ...decided, place: 'Blå hallen', status: 'förslag' }, both)).toBeNull();
  });
  test('the steering group deciding an item whose content also changed is refused for the content, naming that field', () => {
    const why = changeProblem(base, { ...base, place: 'Blå hallen', status: 'beslutad' }, ['styrgrupp']);
    expect([why?.field, why?.message.sv]).toEqual(['place', 'Plats: bara projektledaren lägger till och ändrar programpunkter.']);
  });
});

describe('IDs and order', () => {
  test('only whole "P-<digits>" IDs count towards the next one (case and spaces aside)', () => {
    expect(nextItemId(['XP-050', 'P-060b', ' p-007 ', 'P-003'])).toBe('P-008');
  });
  test('programme order: date, then start, then ID', () => {
    const at = (id: string, date: string, start: string): ProgramItem => ({ ...ok(draft()), id, date, start });
    const items = [at('P-004', '2009-12-09', '09:00'), at('P-003', '2009-12-08', '13:00'), at('P-002', '2009-12-08', '09:00'), at('P-001', '2009-12-08', '13:00')];
    expect([...items].sort(byTime).map((i) => i.id)).toEqual(['P-002', 'P-001', 'P-003', 'P-004']);
  });
});

describe('carrying over the old free-text parts', () => {
  const event = { startDate: '2009-12-07', endDate: '2009-12-09', venue: 'Stockholm' };
  test('a part that is no conference, dinner or visit: one item on the first day, 09:00–17:00, type övrigt', () => {
    const { items } = itemsFromParts(['Mingel'], event, [], PL);
    expect(items.map((i) => [i.title, i.type, i.date, i.start, i.end, i.category])).toEqual([['Mingel', 'övrigt', '2009-12-07', '09:00', '17:00', 'övrigt']]);
  });
  test('a study visit on the last of three days', () => {
    expect(itemsFromParts(['Study visit'], event, [], PL).items.map((i) => i.date)).toEqual(['2009-12-09']);
  });
  test('new IDs follow those already in use', () => {
    const { items, map } = itemsFromParts(['Middag'], event, ['P-004'], PL);
    expect(items.map((i) => i.id)).toEqual(['P-005']);
    expect(map.get('middag')).toEqual(['P-005']);
  });
  test('an event without valid dates gives no items; its parts map to nothing', () => {
    for (const bad of [{ ...event, startDate: '2009-02-30' }, { ...event, startDate: '2009-12-7' }]) {
      const { items, map } = itemsFromParts(['Konferensen', 'Middag'], bad, [], PL);
      expect(items).toEqual([]);
      expect([...map.values()]).toEqual([[], []]);
    }
  });
  test('conference days: at most 31, from the start', () => {
    const days = conferenceDays({ startDate: '2009-12-01', endDate: '2010-01-31' });
    expect([days.length, days[0], days[30]]).toEqual([31, '2009-12-01', '2009-12-31']);
  });
  test('long names are cut to the item limits, so every carried-over item passes the checks; the note names the part', () => {
    const part = `Studiebesök ${'x'.repeat(200)}`;
    const { items } = itemsFromParts([part], { ...event, venue: 'v'.repeat(200) }, [], 'r'.repeat(200));
    const [it] = items;
    expect([it.title.length, it.place.length, it.responsible.length]).toEqual([120, 120, 120]);
    expect(it.note).toBe(`Överförd från inställningen Evenemangsdelar ("${part.slice(0, 80)}").`);
    expect(checkItem({ ...it, capacity: '' }, it.id, event).ok).toBe(true);
  });
  test('a guest\'s typed parts: trimmed, case-insensitive, each ID once', () => {
    const { map } = itemsFromParts(['Konferensen', 'Middag'], event, [], PL);
    expect(mapGuestParts([' konferensen ', 'KONFERENSEN', ' Middag', ' bal '], map)).toEqual(['P-001', 'P-002', 'P-003', 'P-004', 'bal']);
  });
});

describe('counts and calendar entries', () => {
  test('without a moment, an open offer holds its seat whatever its deadline (the cautious count)', () => {
    const items = [{ id: 'P-001', title: 'Middag', capacity: 2 }];
    const guests = [{ status: 'Tackat nej', events: ['P-001'], itemAnswers: 'P-001: erbjuden 2000-01-01T00:00:00.000Z' }];
    expect(itemCounts(items, guests)[0].seatsLeft).toBe(1);
    expect(itemCounts(items, guests, new Date('2009-12-01T00:00:00Z'))[0].seatsLeft).toBe(2);
  });
  test('an answers cell a hand edit broke counts as no per-item answer: the overall status answers every item', () => {
    const items = [{ id: 'P-001', title: 'Middag', capacity: null }];
    expect(itemCounts(items, [{ status: 'Tackat ja', events: ['P-001'], itemAnswers: 'P-001: kanske' }])[0]).toMatchObject({ invited: 1, yes: 1 });
  });
  test('the calendar entry is at the item\'s place, or at the venue when it has none', () => {
    const it = ok(draft({ place: 'Blå hallen' }));
    const s = { eventName: 'Public Services Summit', venue: 'Stockholm' };
    expect(itemOccurrence(it, s)).toEqual({ key: 'P-001', summary: 'Public Services Summit – Presskonferens', location: 'Blå hallen', date: '2009-12-08', start: '10:00', end: '11:00' });
    expect(itemOccurrence({ ...it, place: '' }, s).location).toBe('Stockholm');
  });
});
