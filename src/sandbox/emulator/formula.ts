/**
 * A deliberately small formula evaluator: exactly what the add-on writes into
 * Översikt, so tests and the sandbox show real numbers. Supported:
 *   numbers, "strings" ("" escapes a quote), TRUE/FALSE;
 *   references A1, $A$1, A1:B9, A:A, A2:A (open-ended), with Sheet! or 'Sheet name'!;
 *   operators + - * / & = <> < > <= >= and unary minus, parentheses;
 *   SUM, MAX, SUMIFS, COUNTIFS, IF, IFERROR, ROUND, LEN, INDEX.
 * Anything else gives #NAME? (an unknown function) or #ERROR! (a parse error),
 * as Sheets shows them. Values are computed when read, never stored.
 */
import type { CellState, SheetState, StoreState } from './store';
import { dateToSerial, lettersToCol } from './values';

type Scalar = number | string | boolean;
/** An error value such as #DIV/0!. */
class Err { constructor(readonly code: string) {} }
/** A reference to an empty cell: 0 in arithmetic, "" in text. */
const BLANK = Symbol('blank');
interface Ref { sheet: SheetState; r1: number; c1: number; r2: number; c2: number }
type Val = Scalar | Err | typeof BLANK | Ref;

type Node =
  | { k: 'num'; v: number } | { k: 'str'; v: string } | { k: 'bool'; v: boolean }
  | { k: 'ref'; sheet?: string; r1: number; c1: number; r2: number; c2: number; open: boolean }
  | { k: 'fn'; name: string; args: Node[] } | { k: 'neg'; a: Node }
  | { k: 'op'; op: string; a: Node; b: Node };

// ---------- parsing ----------

const TOKEN = /\s*(?:("(?:[^"]|"")*")|('(?:[^']|'')+'!|[A-Za-zÀ-ÿ_][\wÀ-ÿ.]*!)?(\$?[A-Za-z]{1,3}\$?\d*(?::\$?[A-Za-z]{1,3}\$?\d*)?)(?![\w(])|(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|([A-Za-z_][\w.]*)\s*(?=\()|(TRUE|FALSE)\b|(<=|>=|<>|[-+*/&=<>(),]))/y;

interface Tok { t: 'str' | 'ref' | 'num' | 'fn' | 'bool' | 'op'; v: string; sheet?: string }

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < src.length) {
    if (/^\s*$/.test(src.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(src);
    if (!m) throw new Error(`cannot parse at ${pos}`);
    pos = TOKEN.lastIndex;
    if (m[1] !== undefined) out.push({ t: 'str', v: m[1].slice(1, -1).replace(/""/g, '"') });
    else if (m[3] !== undefined) {
      const sheet = m[2] === undefined ? undefined : m[2].startsWith("'") ? m[2].slice(1, -2).replace(/''/g, "'") : m[2].slice(0, -1);
      if (/^(TRUE|FALSE)$/i.test(m[3]) && sheet === undefined) out.push({ t: 'bool', v: m[3].toUpperCase() });
      else out.push({ t: 'ref', v: m[3], sheet });
    } else if (m[4] !== undefined) out.push({ t: 'num', v: m[4] });
    else if (m[5] !== undefined) out.push({ t: 'fn', v: m[5].toUpperCase() });
    else if (m[6] !== undefined) out.push({ t: 'bool', v: m[6] });
    else out.push({ t: 'op', v: m[7] });
  }
  return out;
}

function refNode(tok: Tok): Node {
  const parts = tok.v.replace(/\$/g, '').toUpperCase().split(':');
  const one = (p: string) => {
    const m = /^([A-Z]+)(\d*)$/.exec(p);
    if (!m) throw new Error(`bad reference ${tok.v}`);
    return { c: lettersToCol(m[1]), r: m[2] ? Number(m[2]) : 0 };
  };
  const a = one(parts[0]);
  const b = parts[1] !== undefined ? one(parts[1]) : a;
  if (parts[1] === undefined && a.r === 0) throw new Error(`bad reference ${tok.v}`);
  const open = b.r === 0;
  return { k: 'ref', sheet: tok.sheet, c1: Math.min(a.c, b.c), c2: Math.max(a.c, b.c), r1: a.r || 1, r2: open ? Infinity : Math.max(a.r, b.r), open };
}

export function parseFormula(formula: string): Node {
  const toks = tokenize(formula.replace(/^=/, ''));
  let i = 0;
  const peek = () => toks[i];
  const isOp = (v: string) => peek()?.t === 'op' && peek()!.v === v;
  const expect = (v: string) => {
    if (!isOp(v)) throw new Error(`expected ${v}`);
    i++;
  };
  const level = (ops: string[], next: () => Node) => (): Node => {
    let a = next();
    while (peek()?.t === 'op' && ops.includes(peek()!.v)) {
      const op = toks[i++].v;
      a = { k: 'op', op, a, b: next() };
    }
    return a;
  };
  const primary = (): Node => {
    const t = toks[i++];
    if (!t) throw new Error('unexpected end');
    if (t.t === 'num') return { k: 'num', v: Number(t.v) };
    if (t.t === 'str') return { k: 'str', v: t.v };
    if (t.t === 'bool') return { k: 'bool', v: t.v === 'TRUE' };
    if (t.t === 'ref') return refNode(t);
    if (t.t === 'fn') {
      expect('(');
      const args: Node[] = [];
      if (!isOp(')')) {
        args.push(comparison());
        while (isOp(',')) {
          i++;
          args.push(comparison());
        }
      }
      expect(')');
      return { k: 'fn', name: t.v, args };
    }
    if (t.v === '(') {
      const e = comparison();
      expect(')');
      return e;
    }
    if (t.v === '-') return { k: 'neg', a: primary() };
    if (t.v === '+') return primary();
    throw new Error(`unexpected ${t.v}`);
  };
  const mul = level(['*', '/'], primary);
  const add = level(['+', '-'], mul);
  const concat = level(['&'], add);
  const comparison = level(['=', '<>', '<', '>', '<=', '>='], concat);
  const root = comparison();
  if (i !== toks.length) throw new Error('trailing input');
  return root;
}

// ---------- evaluation ----------

const parsed = new Map<string, Node | Error>();
function cachedParse(f: string): Node | Error {
  let n = parsed.get(f);
  if (!n) {
    try {
      n = parseFormula(f);
    } catch (e) {
      n = e as Error;
    }
    if (parsed.size > 5000) parsed.clear();
    parsed.set(f, n);
  }
  return n;
}

/** One read: memoises formula cells (a read sees one consistent workbook). */
export class FormulaContext {
  private readonly memo = new Map<string, Scalar>();
  private readonly active = new Set<string>();
  constructor(private readonly state: Pick<StoreState, 'spreadsheet'>) {}

  /** The value of a cell as getValues() returns it: formulas evaluated. */
  cellValue(sheet: SheetState, r: number, c: number): CellState['v'] {
    const cell = sheet.rows[r - 1]?.[c - 1];
    if (!cell) return '';
    if (cell.f === undefined) return cell.v;
    const key = `${sheet.sheetId}:${r}:${c}`;
    const hit = this.memo.get(key);
    if (hit !== undefined) return hit;
    if (this.active.has(key)) return '#REF!';
    this.active.add(key);
    let out: Scalar;
    try {
      const node = cachedParse(cell.f);
      if (node instanceof Error) out = '#ERROR!';
      else {
        const v = this.scalar(this.eval(node, sheet));
        out = v instanceof Err ? v.code : v === BLANK ? '' : typeof v === 'number' && !Number.isFinite(v) ? '#NUM!' : v;
      }
    } finally {
      this.active.delete(key);
    }
    this.memo.set(key, out);
    return out;
  }

  private sheet(name: string | undefined, home: SheetState): SheetState | null {
    if (name === undefined) return home;
    return this.state.spreadsheet.sheets.find((s) => s.name === name) ?? null;
  }

  private eval(n: Node, home: SheetState): Val {
    switch (n.k) {
      case 'num': case 'str': case 'bool': return n.v;
      case 'ref': {
        const sheet = this.sheet(n.sheet, home);
        if (!sheet) return new Err('#REF!');
        return { sheet, r1: n.r1, c1: n.c1, r2: n.open ? sheet.maxRows : n.r2, c2: n.c2 };
      }
      case 'neg': {
        const a = num(this.scalar(this.eval(n.a, home)));
        return a instanceof Err ? a : -a;
      }
      case 'op': return this.op(n.op, this.scalar(this.eval(n.a, home)), this.scalar(this.eval(n.b, home)));
      case 'fn': return this.fn(n.name, n.args, home);
    }
  }

  /** A range in a scalar position: its top-left cell (single cells only, as we use them). */
  private scalar(v: Val): Scalar | Err | typeof BLANK {
    if (typeof v !== 'object' || v instanceof Err) return v;
    if (v.r1 !== v.r2 || v.c1 !== v.c2) return new Err('#VALUE!');
    return this.at(v.sheet, v.r1, v.c1);
  }

  private at(sheet: SheetState, r: number, c: number): Scalar | Err | typeof BLANK {
    const cell = sheet.rows[r - 1]?.[c - 1];
    if (!cell || (cell.f === undefined && cell.v === '')) return BLANK;
    const v = this.cellValue(sheet, r, c);
    if (typeof v === 'string' && /^#[A-Z/0!?]+[!?A]?$/.test(v) && cell.f !== undefined) return new Err(v);
    return v instanceof Date ? dateToSerial(v, this.state.spreadsheet.timeZone) : v;
  }

  private op(op: string, a: Scalar | Err | typeof BLANK, b: Scalar | Err | typeof BLANK): Val {
    if (a instanceof Err) return a;
    if (b instanceof Err) return b;
    if (op === '&') return text(a) + text(b);
    if (['+', '-', '*', '/'].includes(op)) {
      const x = num(a), y = num(b);
      if (x instanceof Err) return x;
      if (y instanceof Err) return y;
      if (op === '+') return x + y;
      if (op === '-') return x - y;
      if (op === '*') return x * y;
      return y === 0 ? new Err('#DIV/0!') : x / y;
    }
    const cmp = compare(a, b);
    switch (op) {
      case '=': return cmp === 0;
      case '<>': return cmp !== 0;
      case '<': return cmp < 0;
      case '>': return cmp > 0;
      case '<=': return cmp <= 0;
      default: return cmp >= 0;
    }
  }

  private fn(name: string, args: Node[], home: SheetState): Val {
    const ev = (i: number) => this.eval(args[i], home);
    switch (name) {
      case 'IF': {
        if (args.length < 2 || args.length > 3) return new Err('#N/A');
        const c = this.scalar(ev(0));
        if (c instanceof Err) return c;
        const yes = c === BLANK ? false : typeof c === 'string' ? (c === '' ? false : c.toUpperCase() === 'TRUE' ? true : null) : c !== 0 && c !== false;
        if (yes === null) return new Err('#VALUE!');
        return yes ? this.scalar(ev(1)) : args.length === 3 ? this.scalar(ev(2)) : false;
      }
      case 'IFERROR': {
        const v = this.scalar(ev(0));
        return v instanceof Err ? (args[1] ? this.scalar(ev(1)) : BLANK) : v;
      }
      case 'LEN': {
        // LEN(text): the length of a value's text (Översikt's verification cell). https://support.google.com/docs/answer/3094081
        if (args.length !== 1) return new Err('#N/A');
        const v = this.scalar(ev(0));
        if (v instanceof Err) return v;
        return v === BLANK ? 0 : typeof v === 'boolean' ? (v ? 4 : 5) : String(v).length;
      }
      case 'INDEX': {
        // INDEX(reference, [row], [column]): the cell `row` rows and `column` columns into `reference`
        // (1-based; 0 or left out: the whole column or row); beyond the reference, #REF!.
        // https://support.google.com/docs/answer/3098242 (Översikt's item rows: INDEX(Program!$A:$A, k)).
        if (args.length < 1 || args.length > 3) return new Err('#N/A');
        const ref = ev(0);
        if (ref instanceof Err) return ref;
        if (!isRef(ref)) return new Err('#VALUE!');
        const offset = (i: number): number | Err => {
          if (args[i] === undefined) return 0;
          const v = num(this.scalar(ev(i)));
          return v instanceof Err ? v : v < 0 ? new Err('#VALUE!') : Math.trunc(v);
        };
        const row = offset(1), col = offset(2);
        if (row instanceof Err) return row;
        if (col instanceof Err) return col;
        if (row > ref.r2 - ref.r1 + 1 || col > ref.c2 - ref.c1 + 1) return new Err('#REF!');
        return {
          sheet: ref.sheet,
          r1: row ? ref.r1 + row - 1 : ref.r1, r2: row ? ref.r1 + row - 1 : ref.r2,
          c1: col ? ref.c1 + col - 1 : ref.c1, c2: col ? ref.c1 + col - 1 : ref.c2,
        };
      }
      case 'ROUND': {
        const x = num(this.scalar(ev(0)));
        const d = args[1] ? num(this.scalar(ev(1))) : 0;
        if (x instanceof Err) return x;
        if (d instanceof Err) return d;
        const f = 10 ** Math.trunc(d);
        return Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9) / f;
      }
      case 'MAX': {
        // MAX(value1, [value2, …]): the largest number; in a range only numbers count (text and blanks are
        // left out), 0 when there is none. https://support.google.com/docs/answer/3094013
        let m = -Infinity;
        const err = this.numbers(args.length, ev, (x) => { m = Math.max(m, x); });
        return err ?? (m === -Infinity ? 0 : m);
      }
      case 'SUM': {
        let s = 0;
        const err = this.numbers(args.length, ev, (x) => { s += x; });
        return err ?? s;
      }
      case 'SUMIFS':
      case 'COUNTIFS': {
        const sum = name === 'SUMIFS';
        const start = sum ? 1 : 0;
        if (args.length < start + 2 || (args.length - start) % 2 !== 0) return new Err('#N/A');
        const target = sum ? ev(0) : null;
        if (sum && !isRef(target)) return new Err('#VALUE!');
        const pairs: { ref: Ref; test: (v: Scalar | Err | typeof BLANK) => boolean }[] = [];
        for (let i = start; i < args.length; i += 2) {
          const ref = ev(i);
          if (!isRef(ref)) return new Err('#VALUE!');
          const crit = this.scalar(ev(i + 1));
          if (crit instanceof Err) return crit;
          pairs.push({ ref, test: criterion(crit === BLANK ? '' : crit) });
        }
        const base = (sum ? target : pairs[0].ref) as Ref;
        const nr = base.r2 - base.r1 + 1, nc = base.c2 - base.c1 + 1;
        for (const p of pairs) if (p.ref.r2 - p.ref.r1 + 1 !== nr || p.ref.c2 - p.ref.c1 + 1 !== nc) return new Err('#VALUE!');
        // Rows beyond every sheet's stored rows are blank in every range: they add 0 to a sum, and to a
        // count all at once if every criterion takes a blank ("" or "<>x"), however few rows are stored.
        const rowsWithData = Math.max(base.sheet.rows.length, ...pairs.map((p) => p.ref.sheet.rows.length));
        const last = Math.max(0, Math.min(nr, rowsWithData - base.r1 + 1, ...pairs.map((p) => rowsWithData - p.ref.r1 + 1)));
        let acc = !sum && pairs.every((p) => p.test(BLANK)) ? (nr - last) * nc : 0;
        for (let i = 0; i < last; i++) {
          for (let j = 0; j < nc; j++) {
            let okRow = true;
            for (const p of pairs) {
              if (!p.test(this.at(p.ref.sheet, p.ref.r1 + i, p.ref.c1 + j))) { okRow = false; break; }
            }
            if (!okRow) continue;
            if (!sum) acc++;
            else {
              const v = this.at(base.sheet, base.r1 + i, base.c1 + j);
              if (typeof v === 'number') acc += v;
            }
          }
        }
        return acc;
      }
      default:
        return new Err('#NAME?');
    }
  }

  /**
   * The numbers of SUM's and MAX's arguments, in order: in a range only the numbers (text and blanks are
   * left out), a value given directly as a number (a blank is 0, TRUE 1). The first error met is returned.
   */
  private numbers(count: number, ev: (i: number) => Val, f: (x: number) => void): Err | null {
    for (let i = 0; i < count; i++) {
      const v = ev(i);
      if (isRef(v)) {
        let err: Err | null = null;
        this.each(v, (x) => {
          if (x instanceof Err) err ??= x;
          else if (typeof x === 'number') f(x);
        });
        if (err) return err;
      } else {
        const x = num(v);
        if (x instanceof Err) return x;
        f(x);
      }
    }
    return null;
  }

  private each(ref: Ref, f: (v: Scalar | Err | typeof BLANK) => void): void {
    const last = Math.min(ref.r2, ref.sheet.rows.length);
    for (let r = ref.r1; r <= last; r++) for (let c = ref.c1; c <= ref.c2; c++) f(this.at(ref.sheet, r, c));
  }
}

const isRef = (v: Val | null): v is Ref => typeof v === 'object' && v !== null && !(v instanceof Err);


function num(v: Scalar | Err | typeof BLANK): number | Err {
  if (v instanceof Err) return v;
  if (v === BLANK) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : new Err('#VALUE!');
}

function text(v: Scalar | typeof BLANK): string {
  if (v === BLANK) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Sheets' ordering: numbers < text < booleans; text case-insensitive; blank equals 0, "" and FALSE. */
function compare(a: Scalar | typeof BLANK, b: Scalar | typeof BLANK): number {
  const rank = (v: Scalar) => (typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  if (a === BLANK) a = typeof b === 'number' ? 0 : typeof b === 'boolean' ? false : '';
  if (b === BLANK) b = typeof a === 'number' ? 0 : typeof a === 'boolean' ? false : '';
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') {
    const x = a.toLowerCase(), y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

type Test = (v: Scalar | Err | typeof BLANK) => boolean;
/** Compiled text criteria: Översikt's item rows repeat the same few dozen in every COUNTIFS (building a RegExp each time was most of a read). */
const criteria = new Map<string, Test>();

/** A SUMIFS/COUNTIFS criterion: "x", "<>x", ">5", "<=0", "⚠*" (wildcards * ? with ~ escape), a number. */
export function criterion(c: Scalar): Test {
  if (typeof c === 'number' || typeof c === 'boolean') return (v) => v === c;
  let test = criteria.get(c);
  if (!test) {
    if (criteria.size > 20_000) criteria.clear();
    test = textCriterion(c);
    criteria.set(c, test);
  }
  return test;
}

function textCriterion(c: string): Test {
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(c)!;
  const op = m[1] ?? '=';
  const operand = m[2];
  const n = operand.trim() !== '' && Number.isFinite(Number(operand)) ? Number(operand) : null;
  if (op === '=' || op === '<>') {
    let test: (v: Scalar | Err | typeof BLANK) => boolean;
    if (operand === '') test = (v) => v === BLANK || v === '';
    else if (n !== null) test = (v) => v === n || (typeof v === 'string' && v.trim() !== '' && Number(v) === n);
    else {
      const re = new RegExp(`^${operand.replace(/~([*?~])|([*?])|([.+^${}()|[\]\\/])/g, (_s, esc: string, wild: string, meta: string) =>
        esc ? `\\${esc}` : wild ? (wild === '*' ? '[\\s\\S]*' : '[\\s\\S]') : `\\${meta}`)}$`, 'i');
      test = (v) => typeof v === 'string' && re.test(v);
    }
    return op === '=' ? test : (v) => !(v instanceof Err) && !test(v);
  }
  return (v) => {
    if (v === BLANK || v instanceof Err) return false;
    if (n !== null) {
      if (typeof v !== 'number') return false;
      return op === '<' ? v < n : op === '>' ? v > n : op === '<=' ? v <= n : v >= n;
    }
    if (typeof v !== 'string') return false;
    const cmp = compare(v, operand);
    return op === '<' ? cmp < 0 : op === '>' ? cmp > 0 : op === '<=' ? cmp <= 0 : cmp >= 0;
  };
}
