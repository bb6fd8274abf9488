/**
 * loadTemplates (src/app/merge.ts): which templates a mailing may use, per language and kind. A template
 * changed, deleted or typed outside Summit Planner blocks its language (for every kind it names, as sealed and
 * as the sheet shows it); any change on Evenemang blocks both languages; two templates of one language and kind
 * block it; a row of another kind or no known language is not this mailing's.
 */
import { loadTemplates } from '../../../src/app/merge';
import { checkTable, Journal, Tx } from '../../../src/app/journal';
import type { MemoryPorts } from '../../support/memory';
import { PL } from './budget-fixture';
import { as, grid, world } from './review-fixture';

const load = (p: MemoryPorts, kind: 'invitation' | 'reminder' = 'invitation', withEvent = false) => {
  const j = new Journal(p);
  return loadTemplates(j, withEvent ? checkTable(j, 'event') : undefined, kind);
};
const problems = (p: MemoryPorts, kind: 'invitation' | 'reminder' = 'invitation', withEvent = false) => {
  const s = load(p, kind, withEvent);
  return Object.fromEntries([...s.problems].map(([l, ms]) => [l, ms.map((m) => m.en)]));
};
const langs = (p: MemoryPorts, kind: 'invitation' | 'reminder' = 'invitation') => [...load(p, kind).templates.keys()];

test('both invitations sealed: both usable, as written, no problems', () => {
  const p = as(world(), PL);
  expect(load(p).templates.get('en')).toEqual({ language: 'en', subject: 'Subject', body: 'Hello' });
  expect(problems(p, 'invitation', true)).toEqual({});
  expect(langs(p, 'reminder')).toEqual([]);
});

test('a change on Evenemang blocks both languages', () => {
  const p = as(world(), PL);
  grid(p, 'event')[1][1] = '2009-12-10';
  const why = 'No invitations can be sent: Evenemang row 2 (Slutdatum): changed outside Summit Planner (Värde 2009-12-09 → 2009-12-10). A person with the right role confirms or undoes the change in Summit Planner → Review changes.';
  expect(problems(p, 'invitation', true)).toEqual({ sv: [why], en: [why] });
  expect(langs(p)).toEqual(['sv', 'en']);
});

test('a deleted invitation blocks its language for invitations, not for reminders', () => {
  const p = as(world(), PL);
  grid(p, 'templates').splice(2, 1);
  expect(problems(p)).toEqual({ en: ['The template for en cannot be used: Mallar: the row en was removed outside Summit Planner. A person with the right role confirms or undoes the change in Summit Planner → Review changes.'] });
  expect(problems(p, 'reminder')).toEqual({});
});

test('a changed invitation blocks its language (and is not used); a reminder is not blocked by it', () => {
  const p = as(world(), PL);
  grid(p, 'templates')[1][2] = 'Hej {{Länk}} annan';
  expect(problems(p)).toEqual({ sv: ['The template for sv cannot be used: Mallar row 2 (sv): changed outside Summit Planner (Brödtext Hej → Hej {{Länk}} annan). A person with the right role confirms or undoes the change in Summit Planner → Review changes.'] });
  expect(langs(p)).toEqual(['en']);
  expect(problems(p, 'reminder')).toEqual({});
});

test('an invitation whose Typ and language were typed over blocks both kinds and both languages', () => {
  const p = as(world(), PL);
  grid(p, 'templates')[1][0] = 'en';
  grid(p, 'templates')[1][3] = 'Påminnelse';
  const where = 'Mallar row 2 (sv): changed outside Summit Planner (Språk sv → en; Typ (empty) → Påminnelse). A person with the right role confirms or undoes the change in Summit Planner → Review changes.';
  expect(problems(p)).toEqual({ sv: [`The template for sv cannot be used: ${where}`], en: [`The template for en cannot be used: ${where}`] });
  expect(Object.keys(problems(p, 'reminder')).sort()).toEqual(['en', 'sv']);
  expect(problems(p, 'reminder').sv[0]).toContain(where);
});

test('a row typed in blocks the language it names; a sealed row whose language was typed over as unknown blocks only its sealed one', () => {
  const p = as(world(), PL);
  grid(p, 'templates').push(['en', 'Typed', 'By hand', '']);
  expect(problems(p)).toEqual({ en: ['The template for en cannot be used: Mallar row 4 (en): the row was not written by Summit Planner (added or pasted by hand). A person with the right role confirms or undoes the change in Summit Planner → Review changes.'] });
  grid(p, 'templates')[1][0] = 'de';
  expect(Object.keys(problems(p)).sort()).toEqual(['en', 'sv']);
});

test('two invitations of one language (one with Typ Inbjudan), both sealed: the language is blocked as twice', () => {
  const p = as(world(), PL);
  p.lock.withLock(1000, () => {
    const journal = new Journal(p).fresh();
    const c = checkTable(journal, 'templates');
    new Tx(journal).put(c, null, { Språk: 'sv', Ämne: 'Ämne 2', Brödtext: 'Hej 2', Typ: 'Inbjudan' }, { action: 'mall.sparad', object: 'sv/Inbjudan' }).commit();
  });
  expect(problems(p)).toEqual({ sv: ['There is more than one template for sv on the Mallar sheet; keep one.'] });
  expect(load(p).templates.get('sv')?.subject).toBe('Ämne');
});

test('a sealed row in no known language, or of the other kind, is not this mailing\'s', () => {
  const p = as(world(), PL);
  p.lock.withLock(1000, () => {
    const journal = new Journal(p).fresh();
    const c = checkTable(journal, 'templates');
    new Tx(journal).put(c, null, { Språk: 'de', Ämne: 'Betreff', Brödtext: 'Hallo', Typ: '' }, { action: 'mall.sparad', object: 'de' })
      .put(c, null, { Språk: 'sv', Ämne: 'Påminn', Brödtext: 'Svara', Typ: 'Påminnelse' }, { action: 'mall.sparad', object: 'sv/Påminnelse' }).commit();
  });
  expect(problems(p)).toEqual({});
  expect(langs(p)).toEqual(['sv', 'en']);
  expect(load(p).templates.get('sv')?.subject).toBe('Ämne');
  expect(langs(p, 'reminder')).toEqual(['sv']);
});


test('Mallar changed while Logg lost rows: the change can\'t be read from Logg, so Logg\'s problem blocks both languages', () => {
  const p = as(world(), PL);
  grid(p, 'templates').splice(2, 1);
  p.workbook.get('log').grid.splice(-1, 1);
  const why = expect.stringMatching(/^The log has \d+ rows but should have \d+ according to its anchor: rows were removed outside Summit Planner/);
  expect(problems(p)).toEqual({ sv: [why], en: [why] });
});

test('a deleted reminder blocks its language for reminders, not for invitations', () => {
  const p = as(world(), PL);
  p.lock.withLock(1000, () => {
    const journal = new Journal(p).fresh();
    new Tx(journal).put(checkTable(journal, 'templates'), null, { Språk: 'en', Ämne: 'Reminder', Brödtext: 'Reply', Typ: 'Påminnelse' }, { action: 'mall.sparad', object: 'en/Påminnelse' }).commit();
  });
  expect(langs(p, 'reminder')).toEqual(['en']);
  grid(p, 'templates').splice(-1, 1);
  expect(problems(p)).toEqual({});
  expect(problems(p, 'reminder')).toEqual({ en: [expect.stringMatching(/^The reminder template for en cannot be used: Mallar: the row en\/Påminnelse was removed outside Summit Planner\./)] });
});
