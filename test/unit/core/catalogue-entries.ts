/**
 * Every entry of the message catalogue (src/core/messages/*.ts) with sample arguments of its declared parameter
 * types, for catalogue.test.ts. The types are read with the TypeScript compiler, so a new module or entry is walked
 * without touching the test.
 *
 * Building that program takes about 4 CPU-seconds. Jest loads a test file afresh for every run, and the mutation run
 * (npm run test:mutation) runs this one once per mutant of the catalogue (thousands), so the walk's result is kept in
 * the system's temporary directory, keyed by the SHA-256 of everything it depends on: this file and every source
 * file of src/core (the messages and the types they import). Any change to those makes a new key and a new walk.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as TS from 'typescript';
import type { Msg } from '../../../src/core/msg';

const MESSAGES_DIR = path.join(__dirname, '../../../src/core/messages');
const CORE_DIR = path.join(__dirname, '../../../src/core');
export const catalogueFiles = (): string[] => fs.readdirSync(MESSAGES_DIR).filter((f) => f.endsWith('.ts')).sort();

export type Variant = 'one' | 'many';
export interface Entry {
  /** The module's file name in src/core/messages. */
  readonly file: string;
  /** The exported catalogue, e.g. budgetMsg. */
  readonly catalogue: string;
  /** The entry's key; an entry of a group one level down is "group.key". */
  readonly key: string;
  /** Each parameter's declared type as written ('' when none). */
  readonly declared: readonly string[];
  readonly args: Readonly<Record<Variant, readonly unknown[]>>;
}

const SAMPLE_MSG: Msg = { sv: 'inre text', en: 'inner text' };
/** How a sample that is a function (a parameter of function type) is kept in the JSON cache: its return value's sample. */
const FN = '\u0000returns';

/** A sample value of `type`, JSON-storable: a function is `{ [FN]: its return value }` (see `revive`). */
function sample(ts: typeof TS, checker: TS.TypeChecker, type: TS.Type, declared: string, v: Variant): unknown {
  if (/^Ore$/.test(declared.trim())) return v === 'one' ? 100 : 123_456_789;
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return v === 'many';
    const lit = members.find((t) => t.isStringLiteral());
    if (lit && lit.isStringLiteral()) return v === 'one' ? lit.value : (members[members.length - 1] as TS.StringLiteralType).value ?? lit.value;
    return sample(ts, checker, members[0], '', v);
  }
  if (type.isStringLiteral()) return type.value;
  if (type.flags & ts.TypeFlags.StringLike) return v === 'one' ? 'Text' : 'Längre text';
  if (type.flags & ts.TypeFlags.NumberLike) return v === 'one' ? 1 : 1_234_567;
  if (type.flags & ts.TypeFlags.BooleanLike) return v === 'many';
  const call = type.getCallSignatures()[0];
  if (call) return { [FN]: sample(ts, checker, call.getReturnType(), '', v) };
  if (checker.isArrayLikeType(type)) {
    const el = checker.getIndexTypeOfType(type, ts.IndexKind.Number)!;
    return v === 'one' ? [sample(ts, checker, el, '', v)] : [sample(ts, checker, el, '', v), sample(ts, checker, el, '', v)];
  }
  const props = type.getProperties();
  if (props.length === 2 && props.some((p) => p.name === 'sv') && props.some((p) => p.name === 'en')) return SAMPLE_MSG;
  return Object.fromEntries(props.map((p) => {
    const decl = p.valueDeclaration ?? p.declarations?.[0];
    const text = decl && (ts.isPropertySignature(decl) || ts.isPropertyDeclaration(decl)) && decl.type ? decl.type.getText() : '';
    return [p.name, sample(ts, checker, checker.getTypeOfSymbol(p), text, v)];
  }));
}

/**
 * The expression itself, without parentheses, `as` and `satisfies`, and without the mutation run's switches: Stryker
 * instruments a file as `stryMutAct_9fa48("12") ? mutant : (stryCov_9fa48("12"), original)` (nested when several
 * mutants share a place), so in its sandbox a catalogue's object, or an entry's function, is the innermost alternative.
 */
function unwrap(ts: typeof TS, e: TS.Expression): TS.Expression {
  for (;;) {
    if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)) e = e.expression;
    else if (ts.isConditionalExpression(e) && isCallTo(ts, e.condition, /^stryMutAct_/)) e = e.whenFalse;
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken && isCallTo(ts, e.left, /^stryCov_/)) e = e.right;
    else return e;
  }
}

const isCallTo = (ts: typeof TS, e: TS.Expression, name: RegExp): boolean =>
  ts.isCallExpression(e) && ts.isIdentifier(e.expression) && name.test(e.expression.text);

/** The entries of every `export const xMsg = { key: (params): Msg => … }` of the directory, read with the compiler. */
function walk(): Entry[] {
  // Loaded only when the cache misses: requiring the compiler alone takes a second.
  const ts = require('typescript') as typeof TS;
  const files = catalogueFiles().map((f) => path.join(MESSAGES_DIR, f));
  // The library src/core compiles with (src/core/tsconfig.json: es2020, no DOM). Without `lib` the compiler
  // parsed and bound ES2022's full library, DOM included: 4.6 CPU-s instead of 3.9.
  const program = ts.createProgram(files, { strict: true, target: ts.ScriptTarget.ES2022, lib: ['lib.es2020.d.ts'], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true, skipLibCheck: true, types: [] });
  const checker = program.getTypeChecker();
  const out: Entry[] = [];
  for (const file of files) {
    const sf = program.getSourceFile(file)!;
    for (const st of sf.statements) {
      if (!ts.isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        const init = d.initializer && unwrap(ts, d.initializer);
        if (!ts.isIdentifier(d.name) || !/Msg$/.test(d.name.text) || !init || !ts.isObjectLiteralExpression(init)) continue;
        const catalogue = d.name.text;
        // Entries, and groups of entries one level down (a page's field labels: key "f.title").
        const visit = (o: TS.ObjectLiteralExpression, prefix: string): void => {
          for (const p of o.properties) {
            if (!ts.isPropertyAssignment(p)) continue;
            const key = prefix + p.name.getText(sf);
            const value = unwrap(ts, p.initializer);
            if (ts.isObjectLiteralExpression(value) && prefix === '') visit(value, `${key}.`);
            if (!ts.isArrowFunction(value)) continue;
            const params = value.parameters.map((q) => ({ type: checker.getTypeAtLocation(q), declared: q.type ? q.type.getText(sf) : '' }));
            const args = (v: Variant): unknown[] => params.map((q) => sample(ts, checker, q.type, q.declared, v));
            out.push({ file: path.basename(file), catalogue, key, declared: params.map((q) => q.declared), args: { one: args('one'), many: args('many') } });
          }
        };
        visit(init, '');
      }
    }
  }
  return out;
}

/** The SHA-256 of this file and every .ts file under src/core, in a fixed order. */
function sourceKey(): string {
  const h = createHash('sha256').update(fs.readFileSync(__filename));
  const add = (dir: string): void => {
    for (const d of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) add(p);
      else if (d.name.endsWith('.ts')) h.update(d.name).update('\0').update(fs.readFileSync(p)).update('\0');
    }
  };
  add(CORE_DIR);
  return h.digest('hex');
}

/** The entries, from the cache when the sources are unchanged; otherwise walked and cached (atomically: workers race). */
export function catalogueEntries(): Entry[] {
  const cache = path.join(os.tmpdir(), `summit-catalogue-${sourceKey()}.json`);
  try {
    return JSON.parse(fs.readFileSync(cache, 'utf8')) as Entry[];
  } catch {
    const entries = walk();
    const tmp = `${cache}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(entries));
    fs.renameSync(tmp, cache);
    return entries;
  }
}

/** A cached argument as the entry receives it: a function sample becomes a function again. */
export function revive(a: unknown): unknown {
  if (Array.isArray(a)) return a.map(revive);
  if (a === null || typeof a !== 'object') return a;
  if (FN in a) {
    const r = revive((a as Record<string, unknown>)[FN]);
    return () => r;
  }
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, revive(v)]));
}
