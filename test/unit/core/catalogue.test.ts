/**
 * Every entry of the message catalogue (src/core/messages/*.ts), called with sample parameters of its declared
 * types, in both languages: no entry is empty, nothing is left unformatted ("undefined", "[object Object]",
 * "NaN"), and English never shows the Swedish forms of money, percentages or the minus sign ("12 345,67 kr",
 * "90 %", "−5"), nor Swedish the English ones. The samples come from each parameter's type (read with the
 * TypeScript compiler), so a new module or entry is walked without touching this test. Each entry is called
 * twice: with 1 and false (the singular), and with 1 234 567 and true (plural, grouped thousands).
 *
 * The text every entry gives is kept as a snapshot (__snapshots__/catalogue.test.ts.snap), one per module, Swedish and
 * English side by side: a change of wording shows in review as a diff of the sentences users read, and a change
 * nobody meant (a lost word, a wrong plural, a swapped figure) fails. After a deliberate change: `npx jest -u
 * test/unit/core/catalogue.test.ts`, and read the diff.
 */
import type { Msg } from '../../../src/core/msg';
import * as budget from '../../../src/core/messages/budget';
import * as cli from '../../../src/core/messages/cli';
import * as costsPage from '../../../src/core/messages/costs-page';
import * as decisions from '../../../src/core/messages/decisions';
import * as decisionsPage from '../../../src/core/messages/decisions-page';
import * as gas from '../../../src/core/messages/gas';
import * as guests from '../../../src/core/messages/guests';
import * as guestsPage from '../../../src/core/messages/guests-page';
import * as invitationsPage from '../../../src/core/messages/invitations-page';
import * as merge from '../../../src/core/messages/merge';
import * as overviewPage from '../../../src/core/messages/overview-page';
import * as program from '../../../src/core/messages/program';
import * as programPage from '../../../src/core/messages/program-page';
import * as remind from '../../../src/core/messages/remind';
import * as review from '../../../src/core/messages/review';
import * as reviewPage from '../../../src/core/messages/review-page';
import * as rsvp from '../../../src/core/messages/rsvp';
import * as rsvpPage from '../../../src/core/messages/rsvp-page';
import * as selftest from '../../../src/core/messages/selftest';
import * as selftestPage from '../../../src/core/messages/selftest-page';
import * as settings from '../../../src/core/messages/settings';
import * as settingsPage from '../../../src/core/messages/settings-page';
import * as sidebar from '../../../src/core/messages/sidebar';
import { catalogueEntries, catalogueFiles, revive, type Entry, type Variant } from './catalogue-entries';

type Fn = (...a: unknown[]) => Msg;
type Catalogue = Record<string, Fn | Record<string, Fn>>;
/**
 * Every module of src/core/messages, imported by name: the mutation run loads only the tests that import a mutated
 * file (Jest's related tests follow static imports), so a module required by a computed path would never be tested
 * there. A module added to the directory and not here fails the first test below.
 */
const MODULES = {
  'budget.ts': budget,
  'cli.ts': cli,
  'costs-page.ts': costsPage,
  'decisions.ts': decisions,
  'decisions-page.ts': decisionsPage,
  'gas.ts': gas,
  'guests.ts': guests,
  'guests-page.ts': guestsPage,
  'invitations-page.ts': invitationsPage,
  'merge.ts': merge,
  'overview-page.ts': overviewPage,
  'program.ts': program,
  'program-page.ts': programPage,
  'remind.ts': remind,
  'review.ts': review,
  'review-page.ts': reviewPage,
  'rsvp.ts': rsvp,
  'rsvp-page.ts': rsvpPage,
  'selftest.ts': selftest,
  'selftest-page.ts': selftestPage,
  'settings.ts': settings,
  'settings-page.ts': settingsPage,
  'sidebar.ts': sidebar,
} as unknown as Record<string, Record<string, Catalogue>>;

const ALL = catalogueEntries();
/** The entries of a catalogue by key, a group's as "group.key". */
const load = (file: string, name: string): Record<string, Fn> => {
  const c = MODULES[file][name];
  return Object.fromEntries(Object.entries(c).flatMap(([k, v]) => (typeof v === 'function' ? [[k, v]] : Object.entries(v).map(([g, f]) => [`${k}.${g}`, f]))));
};
/** The entry called with the samples of a variant. */
const call = (e: Entry, v: Variant): Msg => load(e.file, e.catalogue)[e.key](...e.args[v].map(revive));

const SWEDISH_IN_ENGLISH: readonly [RegExp, string][] = [
  [/\d[\d\u00a0 ]*(?:,\d{2})?\u00a0?kr\b/, 'Swedish money ("… kr")'],
  [/\d\u00a0%/, 'a Swedish percentage ("90 %")'],
  [/\d,\d\u00a0?%/, 'a Swedish decimal comma in a percentage'],
  [/\u2212/, 'the Swedish minus sign'],
  [/\d\u00a0\d{3}/, 'Swedish grouped thousands ("1 234")'],
];
const ENGLISH_IN_SWEDISH: readonly [RegExp, string][] = [
  [/\d\.\d{2} SEK/, 'English money ("… SEK")'],
  [/\d,\d{3}(?!\d)/, 'English grouped thousands ("1,234")'],
];

/** Entries that are about the other language's way of writing a number (they quote it on purpose). */
const QUOTES_OTHER_FORM = new Set(['budgetMsg.amountAmbiguousEnglishComma']);

describe('the message catalogue, every entry in both languages', () => {
  test('the walk finds every module and its entries', () => {
    expect(Object.keys(MODULES).sort()).toEqual(catalogueFiles());
    expect(new Set(ALL.map((e) => e.catalogue)).size).toBe(catalogueFiles().length);
    expect(ALL.length).toBeGreaterThan(400);
    // The money samples are used: some entry takes öre.
    expect(ALL.some((e) => e.declared.includes('Ore'))).toBe(true);
  });

  test.each(['one', 'many'] as const)('with the %s samples: nothing empty or unformatted, each language in its own forms', (v) => {
    const problems: string[] = [];
    for (const e of ALL) {
      const m = call(e, v);
      const at = `${e.catalogue}.${e.key}`;
      for (const lang of ['sv', 'en'] as const) {
        const s = m[lang];
        if (typeof s !== 'string' || s.trim() === '') problems.push(`${at} (${lang}) is empty`);
        else if (/undefined|\[object Object\]|NaN/.test(s)) problems.push(`${at} (${lang}) has an unformatted value: ${s}`);
      }
      if (QUOTES_OTHER_FORM.has(at)) continue;
      for (const [re, what] of SWEDISH_IN_ENGLISH) if (re.test(m.en)) problems.push(`${at} (en) shows ${what}: ${m.en}`);
      for (const [re, what] of ENGLISH_IN_SWEDISH) if (re.test(m.sv)) problems.push(`${at} (sv) shows ${what}: ${m.sv}`);
    }
    expect(problems).toEqual([]);
  });

  test('the money samples come out in each language\'s form', () => {
    const withMoney = ALL.filter((e) => e.declared.includes('Ore'));
    for (const e of withMoney) {
      const m = call(e, 'many');
      expect(m.en).toContain('1,234,567.89 SEK');
      expect(m.sv).toContain('1\u00a0234\u00a0567,89\u00a0kr');
    }
  });

  /** What one module's entries say: each entry's key, then its text per language and sample (the plural only where it differs). */
  const texts = (file: string): string => ALL.filter((e) => e.file === file).map((e) => {
    const one = call(e, 'one');
    const many = call(e, 'many');
    const lines = [`${e.catalogue}.${e.key}`, `  sv: ${one.sv}`, `  en: ${one.en}`];
    if (many.sv !== one.sv) lines.push(`  sv (many): ${many.sv}`);
    if (many.en !== one.en) lines.push(`  en (many): ${many.en}`);
    return lines.join('\n');
  }).join('\n');

  test.each(catalogueFiles())('what %s says, in both languages', (file) => {
    expect(texts(file)).toMatchSnapshot();
  });
});
