/** Shared by the benchmark sections: one figure per measured quantity. */
export interface Figure {
  /** e.g. "register a cost: range reads (10 000 rows)" */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** Human-readable goal, e.g. "≤ 2"; absent when the figure is informative only. */
  readonly goal?: string;
  /** Whether the goal is met (absent when there is no goal). */
  readonly ok?: boolean;
}

export const figure = (name: string, value: number, unit: string, goal?: { text: string; met: boolean }): Figure =>
  goal ? { name, value, unit, goal: goal.text, ok: goal.met } : { name, value, unit };

/** Median of `runs` timings of fn, in milliseconds. */
export function medianMs(runs: number, fn: () => void): number {
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - s) / 1e6);
  }
  t.sort((a, b) => a - b);
  return t[Math.floor(t.length / 2)];
}
