/**
 * `summit` (issue 11): HTTP requests per command against the sandbox's Sheets API endpoint, at a small and
 * a large workbook. The goal is a constant number per command whatever the row count: every sheet a
 * command needs comes in one values.batchGet, an import goes in one values.append.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../src/cli/main';
import type { Emulator } from '../src/sandbox/emulator';
import { newEmulator, seedLedger, setUpWorkbook } from '../test/support/bundle';
import { memoryIo, serveSheetsApi } from '../test/support/sheets-endpoint';
import { figure, type Figure } from './lib';

const guestsCsv = (n: number) => ['Förnamn;Efternamn;E-post;Språk', ...Array.from({ length: n }, (_, i) => `Gäst${i};Efternamn${i};gast${i}@example.org;sv`)].join('\n');

/** Requests and wall time of one command (the endpoint counts what it answers). */
async function measure(emu: Emulator, args: string[]): Promise<{ requests: number; ms: number }> {
  const ep = await serveSheetsApi(emu);
  try {
    const io = memoryIo();
    const t = process.hrtime.bigint();
    const code = await main([...args, '--spreadsheet', emu.state.spreadsheet.id, '--endpoint', ep.url], io);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (code !== 0) throw new Error(`summit ${args.join(' ')}: exit ${code}\n${io.stderr}`);
    return { requests: ep.api.requests, ms };
  } finally {
    await ep.close();
  }
}

export async function cliFigures(): Promise<Figure[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summit-bench-'));
  const out: Figure[] = [];
  const add = (label: string, r: { requests: number; ms: number }, goal: number) => {
    out.push(figure(`${label}: HTTP requests`, r.requests, 'requests', { text: `= ${goal}`, met: r.requests === goal }));
    out.push(figure(`${label}: time (sandbox endpoint)`, Math.round(r.ms), 'ms'));
  };
  try {
    const small = setUpWorkbook(newEmulator());
    seedLedger(small, 10);
    const large = newEmulator({ initialState: small.state });
    seedLedger(large, 9_990);
    add('summit status (10 ledger rows)', await measure(small, ['status', '--json']), 2);
    add('summit status (10 000 ledger rows)', await measure(large, ['status', '--json']), 2);
    add('summit export ledger --format csv (10 ledger rows)', await measure(small, ['export', 'ledger']), 2);
    add('summit export ledger --format csv (10 000 ledger rows)', await measure(large, ['export', 'ledger']), 2);
    add('summit verify-log (10 000+ log rows)', await measure(large, ['verify-log']), 2);
    for (const n of [10, 1_000]) {
      const f = path.join(dir, `g${n}.csv`);
      fs.writeFileSync(f, guestsCsv(n));
      add(`summit guests import (${n.toLocaleString('sv-SE')} rows)`, await measure(newEmulator({ initialState: small.state }), ['guests', 'import', f]), 3);
    }
    add('summit setup (already set up)', await measure(small, ['setup']), 2);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
