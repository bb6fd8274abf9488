/**
 * Every entry of the message catalogue (src/core/messages/*.ts), called with sample parameters of its declared
 * types, in both languages: no entry is empty, nothing is left unformatted ("undefined", "[object Object]",
 * "NaN"), and English never shows the Swedish forms of money, percentages or the minus sign ("12 345,67 kr",
 * "90 %", "−5"), nor Swedish the English ones. The samples come from each parameter's type (read with the
 * TypeScript compiler), so a new module or entry is walked without touching this test. Each entry is called
 * twice: with 1 and false (the singular), and with 1 234 567 and true (plural, grouped thousands).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import type { Msg } from '../../../src/core/msg';

const DIR = path.join(__dirname, '../../../src/core/messages');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.ts')).map((f) => path.join(DIR, f));
// The library src/core compiles with (src/core/tsconfig.json: es2020, no DOM). Without `lib` the compiler
// parsed and bound ES2022's full library, DOM included: this file took 4.6 CPU-s instead of 3.9.
const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2020.d.ts'], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true, skipLibCheck: true, types: [] });
const checker = program.getTypeChecker();

type Variant = 'one' | 'many';
const SAMPLE_MSG: Msg = { sv: 'inre text', en: 'inner text' };

/** A value of `type` (money when the declared type is Ore). */
function sample(type: ts.Type, declared: string, v: Variant): unknown {
  if (/^Ore$/.test(declared.trim())) return v === 'one' ? 100 : 123_456_789;
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return v === 'many';
    const lit = members.find((t) => t.isStringLiteral());
    if (lit && lit.isStringLiteral()) return v === 'one' ? lit.value : (members[members.length - 1] as ts.StringLiteralType).value ?? lit.value;
    return sample(members[0], '', v);
  }
  if (type.isStringLiteral()) return type.value;
  if (type.flags & ts.TypeFlags.StringLike) return v === 'one' ? 'Text' : 'Längre text';
  if (type.flags & ts.TypeFlags.NumberLike) return v === 'one' ? 1 : 1_234_567;
  if (type.flags & ts.TypeFlags.BooleanLike) return v === 'many';
  const call = type.getCallSignatures()[0];
  if (call) return () => sample(call.getReturnType(), '', v);
  if (checker.isArrayLikeType(type)) {
    const el = checker.getIndexTypeOfType(type, ts.IndexKind.Number)!;
    return v === 'one' ? [sample(el, '', v)] : [sample(el, '', v), sample(el, '', v)];
  }
  const props = type.getProperties();
  if (props.length === 2 && props.some((p) => p.name === 'sv') && props.some((p) => p.name === 'en')) return SAMPLE_MSG;
  return Object.fromEntries(props.map((p) => {
    const decl = p.valueDeclaration ?? p.declarations?.[0];
    const text = decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) && decl.type ? decl.type.getText() : '';
    return [p.name, sample(checker.getTypeOfSymbol(p), text, v)];
  }));
}

interface Entry { module: string; catalogue: string; key: string; params: { type: ts.Type; declared: string }[] }

/** The entries of every `export const xMsg = { key: (params): Msg => … }` of the directory. */
function entries(): Entry[] {
  const out: Entry[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file)!;
    for (const st of sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        let init = d.initializer;
        while (init && (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
        if (!ts.isIdentifier(d.name) || !/Msg$/.test(d.name.text) || !init || !ts.isObjectLiteralExpression(init)) continue;
        const catalogue = d.name.text;
        // Entries, and groups of entries one level down (a page's field labels: key "f.title").
        const walk = (o: ts.ObjectLiteralExpression, prefix: string): void => {
          for (const p of o.properties) {
            if (!ts.isPropertyAssignment(p)) continue;
            const key = prefix + p.name.getText(sf);
            if (ts.isObjectLiteralExpression(p.initializer) && prefix === '') walk(p.initializer, `${key}.`);
            if (!ts.isArrowFunction(p.initializer)) continue;
            out.push({
              module: file, catalogue, key,
              params: p.initializer.parameters.map((q) => ({ type: checker.getTypeAtLocation(q), declared: q.type ? q.type.getText(sf) : '' })),
            });
          }
        };
        walk(init, '');
      }
    }
  }
  return out;
}

const ALL = entries();
type Fn = (...a: unknown[]) => Msg;
/** The entries of a catalogue by key, a group's as "group.key". */
const load = (file: string, name: string): Record<string, Fn> => {
  const c = (require(file) as Record<string, Record<string, Fn | Record<string, Fn>>>)[name];
  return Object.fromEntries(Object.entries(c).flatMap(([k, v]) => (typeof v === 'function' ? [[k, v]] : Object.entries(v).map(([g, f]) => [`${k}.${g}`, f]))));
};

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
    expect(new Set(ALL.map((e) => e.catalogue)).size).toBe(files.length);
    expect(ALL.length).toBeGreaterThan(400);
    // The money samples are used: some entry takes öre.
    expect(ALL.some((e) => e.params.some((p) => p.declared === 'Ore'))).toBe(true);
  });

  test.each(['one', 'many'] as const)('with the %s samples: nothing empty or unformatted, each language in its own forms', (v) => {
    const problems: string[] = [];
    for (const e of ALL) {
      const fn = load(e.module, e.catalogue)[e.key];
      const m = fn(...e.params.map((p) => sample(p.type, p.declared, v)));
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
    const withMoney = ALL.filter((e) => e.params.some((p) => p.declared === 'Ore'));
    for (const e of withMoney) {
      const m = load(e.module, e.catalogue)[e.key](...e.params.map((p) => sample(p.type, p.declared, 'many')));
      expect(m.en).toContain('1,234,567.89 SEK');
      expect(m.sv).toContain('1\u00a0234\u00a0567,89\u00a0kr');
    }
  });
});
