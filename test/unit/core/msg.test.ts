/**
 * The message type and its helpers (src/core/msg.ts): which UI language a locale gets, and the failures that may
 * name the field they are about. The sidebars (src/ui/dom.ts), the server (src/gas/api.ts: the user's locale), the
 * self-test page and the CLI all pick their language with langFromLocale.
 */
import { fail, langFromLocale, msg, ok, text, UserError } from '../../../src/core/msg';

describe('langFromLocale: English for English locales, Swedish for everything else', () => {
  test.each(['en', 'EN', 'en_US', 'en-GB', 'en_gb', '  en  ', ' en-US\n'])('%j is English', (locale) => {
    expect(langFromLocale(locale)).toBe('en');
  });

  // "eng" and "enx" start like English but are not an English locale tag; "sv_EN" is Swedish with a region.
  test.each(['sv', 'sv_SE', 'sv-FI', 'de_DE', 'fr', 'eng', 'enx', 'es', 'sv_EN', 'ten', 'x en', '', '   '])('%j is Swedish', (locale) => {
    expect(langFromLocale(locale)).toBe('sv');
  });

  test('no locale at all (null, undefined, a non-string from a page) is Swedish', () => {
    expect(langFromLocale(null)).toBe('sv');
    expect(langFromLocale(undefined)).toBe('sv');
    expect(langFromLocale(42 as unknown as string)).toBe('sv');
  });
});

describe('messages and results', () => {
  // Made in each test, not once for the describe: a value made while tests are collected counts for no test in the
  // mutation run's per-test coverage, so a broken msg() would survive there.
  let m: ReturnType<typeof msg>;
  beforeEach(() => { m = msg('Ange ett belopp.', 'Enter an amount.'); });

  test('msg holds both languages, Swedish first', () => {
    expect(m).toEqual({ sv: 'Ange ett belopp.', en: 'Enter an amount.' });
  });

  test('text picks the language', () => {
    expect(text(m, 'sv')).toBe('Ange ett belopp.');
    expect(text(m, 'en')).toBe('Enter an amount.');
  });

  test('ok carries the value', () => {
    expect(ok(5)).toEqual({ ok: true, value: 5 });
  });

  test('a failure without a field has no field key at all (the page shows it at the top)', () => {
    const r = fail(m);
    expect(r).toEqual({ ok: false, error: m });
    expect(Object.keys(r).sort()).toEqual(['error', 'ok']);
  });

  test('a failure naming a field carries it (the page shows it at that input)', () => {
    expect(fail(m, 'amount')).toEqual({ ok: false, error: m, field: 'amount' });
    expect(fail(m, '')).toEqual({ ok: false, error: m, field: '' });
  });

  test('a UserError keeps both languages, its field, its name, and the Swedish text as its message', () => {
    const e = new UserError(m, 'amount');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('UserError');
    expect(e.message).toBe('Ange ett belopp.');
    expect(e.userMessage).toBe(m);
    expect(e.field).toBe('amount');
    expect(new UserError(m).field).toBeUndefined();
  });
});
