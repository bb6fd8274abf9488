/**
 * npm run bench [-- --json]: the figures that prove the add-on's costs, all
 * measured on the built bundle. Timing goals live here, never in unit tests.
 */
import { budgetFigures } from './budget';
import { cliFigures } from './cli';
import { foundationFigures, overviewRoundTrips } from './foundation';
import { latencyFigures } from './latency';
import { mergeFigures } from './merge';
import { rsvpFigures } from './rsvp';
import { mutationFigures, mutationSurvivors } from './mutation';
import { suiteFigures } from './suite';
import type { Figure } from './lib';

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const sections: [string, () => Figure[] | Promise<Figure[]>][] = [
    ['foundation', foundationFigures],
    ['foundation (browser)', overviewRoundTrips],
    ['budget', budgetFigures],
    ['mail merge', mergeFigures],
    ['RSVP page (answers per item)', rsvpFigures],
    ['command line (summit, Sheets API)', cliFigures],
    ['latency (emulated time)', latencyFigures],
    ['mutation testing (assembled from the scoped runs in reports/)', mutationFigures],
    ['test suite (last recorded runs)', suiteFigures],
  ];
  const all: (Figure & { section: string })[] = [];
  for (const [section, fn] of sections) {
    for (const f of await fn()) all.push({ section, ...f });
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(all.map(({ section, name, value, unit, goal, ok }) => ({ section, name, value, unit, goal: goal ?? null, ok: ok ?? null })), null, 2)}\n`);
  } else {
    const w = Math.min(80, Math.max(...all.map((f) => f.name.length)));
    for (const f of all) {
      const mark = f.ok === undefined ? ' ' : f.ok ? '✓' : '✗';
      console.log(`${mark} ${f.name.padEnd(w)}  ${String(f.value).padStart(9)} ${f.unit}${f.goal ? `   (goal ${f.goal})` : ''}`);
    }
    const missed = all.filter((f) => f.ok === false);
    console.log(`\n${await mutationSurvivors()}`);
    console.log(`\n${all.filter((f) => f.ok).length} goals met, ${missed.length} missed${missed.length ? `: ${missed.map((f) => f.name).join('; ')}` : ''}`);
  }
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
