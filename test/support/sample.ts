/**
 * Which points of a sweep `npm test` takes (issue 8, item 7); `npm run test:deep` (SUMMIT_DEEP=1)
 * takes every one. The sweeps kill an execution at a service call, or at its time limit during
 * one, and check that the re-run keeps the promise; each point costs a whole execution and its
 * re-run, so `npm test` takes one point of every *class* instead of every point:
 *
 * - A call with an effect (a mail, a properties write, a sheet write; each sweep says which) is
 *   classed by its key and the calls since the effect before it: its place in the protocol. A
 *   batch's loop over its guests repeats the same classes (journal 'a', the mail, the journal's
 *   outcome); every other effect is a class of its own. Of every class one point is taken, and of
 *   every kind of effect (its key: the mails, the journal writes…) its first and its last point in
 *   the sweep, wherever they fall.
 * - A call without an effect is classed by the gap between two effects it falls in (the keys of
 *   both effects and of the calls between): a death anywhere in a gap leaves what a death after
 *   its first effect leaves, so one point per class is taken. Where every point is a death
 *   (`deaths`: the emulator's crash and the unit tests' trap kill the execution, whether the call
 *   is stopped before it takes effect or after; every later call fails), a gap's point leaves
 *   exactly what the death after the effect that opens the gap leaves, a class taken anyway: of
 *   the gaps only the one before the first effect (opened by none) is taken then.
 *
 * The point of a class is drawn by a pseudo-random generator seeded with SEED (SUMMIT_SEED, or a
 * fixed default): the same points every run, so a failure reproduces; the test output says
 * which seed and how many points, and another seed samples others.
 */
export const DEEP = process.env.SUMMIT_DEEP === '1';
export const SEED = process.env.SUMMIT_SEED ?? 'summit';

export interface Point {
  /** The call's index in its execution (1-based, as faults.failAtCall counts). */
  n: number;
  /** 'Class.method'. */
  key: string;
}

/** mulberry32, seeded by an FNV-1a hash of the seed and the sweep's name. */
export function random(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return mulberry32(h);
}

/** A small deterministic generator (mulberry32): the same numbers for the same seed on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each point's class (see the file's comment), in call order. */
export function classify<P extends Point>(calls: readonly P[], effect: RegExp): { point: P; cls: string; effect: boolean }[] {
  const out: { point: P; cls: string; effect: boolean }[] = [];
  let gap: string[] = [];
  let prev = '^';
  let open: { point: P; cls: string; effect: boolean }[] = [];
  const close = (next: string) => {
    const sig = `gap ${prev} | ${gap.join(' ')} | ${next}`;
    for (const o of open) o.cls = sig;
    open = [];
  };
  for (const c of calls) {
    if (effect.test(c.key)) {
      close(c.key);
      out.push({ point: c, cls: `${prev} | ${gap.join(' ')} | ${c.key}`, effect: true });
      prev = c.key;
      gap = [];
    } else {
      const o = { point: c, cls: '', effect: false };
      open.push(o);
      out.push(o);
      gap.push(c.key);
    }
  }
  close('$');
  return out;
}

/**
 * Of items grouped by `classOf`: all of them in test:deep; in npm test, per class its first and last
 * and one seeded item between (for start moments: the grid's moments in each stretch of the other
 * execution's timeline, e.g. before, during and after it holds the lock).
 */
export function sampleByClass<T>(items: readonly T[], classOf: (t: T) => string, name: string, opts: { deep?: boolean } = {}): T[] {
  if (opts.deep ?? DEEP) return [...items];
  const rnd = random(`${SEED}/${name}`);
  const byClass = new Map<string, T[]>();
  for (const t of items) {
    const k = classOf(t);
    byClass.set(k, [...(byClass.get(k) ?? []), t]);
  }
  const taken = new Set<T>();
  for (const ts of byClass.values()) {
    taken.add(ts[0]);
    taken.add(ts[ts.length - 1]);
    if (ts.length > 2) taken.add(ts[1 + Math.floor(rnd() * (ts.length - 2))]);
  }
  return items.filter((t) => taken.has(t));
}

/**
 * The points a sweep takes: all of them in test:deep; in npm test, one seeded point of every class
 * (an effect at its place in the protocol, a gap between effects) and each kind of effect's first
 * and last point. `withoutEffect: false` takes effects only; `deaths` (every point kills the
 * execution) leaves out the gaps but the one before the first effect (see above).
 * `name` names the sweep in the seed, so two sweeps over the same calls draw differently.
 */
export function samplePoints<P extends Point>(calls: readonly P[], effect: RegExp, name: string, opts: { deep?: boolean; withoutEffect?: boolean; deaths?: boolean } = {}): P[] {
  const points = calls.filter((c) => opts.withoutEffect !== false || effect.test(c.key));
  if (opts.deep ?? DEEP) return [...points];
  const rnd = random(`${SEED}/${name}`);
  const byClass = new Map<string, P[]>();
  for (const { point, cls, effect: e } of classify(calls, effect)) {
    if (!e && (opts.withoutEffect === false || (opts.deaths && !cls.startsWith('gap ^ ')))) continue;
    byClass.set(cls, [...(byClass.get(cls) ?? []), point]);
  }
  const taken = new Set<P>();
  for (const ps of byClass.values()) taken.add(ps[Math.floor(rnd() * ps.length)]);
  const byKey = new Map<string, P[]>();
  for (const c of calls) if (effect.test(c.key)) byKey.set(c.key, [...(byKey.get(c.key) ?? []), c]);
  for (const ps of byKey.values()) {
    taken.add(ps[0]);
    taken.add(ps[ps.length - 1]);
  }
  return points.filter((p) => taken.has(p));
}
