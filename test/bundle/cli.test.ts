/**
 * `summit` (src/cli/main.ts) in-process against the sandbox's Sheets API endpoint, with the built add-on
 * (appsscript/Code.js) on the same emulated workbook: the CLI and the sidebars see each other's changes,
 * API writes are outside edits the add-on's review finds (no onEdit fires for API requests:
 * developers.google.com/apps-script/guides/triggers/installable#restrictions), and every failure says
 * what happened and leaves the workbook as it was.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { anchorText } from '../../src/app/journal';
import { main } from '../../src/cli/main';
import type { Emulator } from '../../src/sandbox/emulator';
import { api, EKO, newEmulator, PL, seedLedger, setUpWorkbook, snapshot, workbookProperty } from '../support/bundle';
import { memoryIo, serveSheetsApi, type Endpoint } from '../support/sheets-endpoint';

let base: Emulator;
let emu: Emulator;
let ep: Endpoint;
let dir: string;
beforeAll(() => { base = setUpWorkbook(newEmulator()); });
beforeEach(async () => {
  emu = newEmulator({ initialState: base.state });
  ep = await serveSheetsApi(emu);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'summit-cli-'));
});
afterEach(async () => {
  await ep.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const summit = async (args: string[], env: Record<string, string> = {}) => {
  const io = memoryIo(env);
  const code = await main([...args, '--spreadsheet', emu.state.spreadsheet.id, '--endpoint', ep.url], io);
  return { code, ...io };
};
const file = (name: string, content: string | Buffer) => {
  const f = path.join(dir, name);
  fs.writeFileSync(f, content);
  return f;
};
/** Money is formatted with no-break spaces (src/core/money.ts). */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const HEADER = 'Förnamn;Efternamn;E-post;Språk;Organisation';
const guestsCsv = (n: number, extra = '') => [HEADER, ...Array.from({ length: n }, (_, i) => `Anna${i};Berg;anna${i}@example.org;sv;Org ${i}${extra}`)].join('\n');
const COST = { funder: 'STOKAB', category: 'workshops', description: '=HYPERLINK("http://evil.example")', amount: '1 234,50', date: '2009-11-01', status: 'Beställd' };

describe('summit status', () => {
  test('shows the figures the sidebar shows, after a cost registered in the sidebar; two requests', async () => {
    expect(api(emu, 'recordCost', [COST], EKO).ok).toBe(true);
    const r = await summit(['status', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { budget: { funders: { name: string; consumed: number; available: number }[] } };
    const stokab = j.budget.funders.find((f) => f.name === 'STOKAB')!;
    expect(stokab).toMatchObject({ consumed: 123450, available: 20000000 - 123450 });
    const ov = api<{ overview: { funders: { name: string; consumed: number; available: number }[] } }>(emu, 'getOverview', [], EKO);
    if (!ov.ok) throw new Error(ov.message);
    expect(ov.data.overview.funders.map((f) => [f.name, f.consumed, f.available])).toEqual(j.budget.funders.map((f) => [f.name, f.consumed, f.available]));
    expect(ep.api.requests).toBe(2);
    const text = await summit(['status']);
    expect(plain(text.stdout)).toMatch(/STOKAB\s+200 000,00 kr\s+1 234,50 kr\s+198 765,50 kr/);
    expect(plain((await summit(['status', '--lang', 'en'])).stdout)).toMatch(/STOKAB\s+200,000\.00 SEK\s+1,234\.50 SEK\s+198,765\.50 SEK\s+0\.6%/);
  });

  test('a renamed sheet is named, with the sheets that are there; nothing written', async () => {
    emu.state.spreadsheet.sheets.find((s) => s.name === 'Kostnader')!.name = 'Kostnader 2009';
    const r = await summit(['status']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Bladet "Kostnader" finns inte.*"Kostnader 2009".*Har det bytt namn\?/);
  });
});

describe('summit guests import', () => {
  test('valid rows go in one append as proposals without ID or seal; the add-on finds them for review and the project leader confirms', async () => {
    const f = file('g.csv', `${guestsCsv(3)}\nEva;Ek;"=HYPERLINK(""http://evil.example"")@x.se";sv;x`.replace(/\nEva.*$/, '\nEva;=1+1;eva@example.org;en;+46 8 508'));
    const before = ep.api.requests;
    const r = await summit(['guests', 'import', f]);
    expect(r.code).toBe(0);
    expect(ep.api.requests - before).toBe(3); // get, batchGet, one append
    expect(r.stderr).toMatch(/Skickar 4 rader till Gäster i ett anrop/);
    const rows = emu.sheetValues('Gäster');
    const h = rows[0];
    expect(rows.slice(1).map((x) => [x[h.indexOf('ID')], x[h.indexOf('Efternamn')], x[h.indexOf('Status')], x[h.indexOf('Sigill')]]))
      .toEqual([['', 'Berg', 'Föreslagen', ''], ['', 'Berg', 'Föreslagen', ''], ['', 'Berg', 'Föreslagen', ''], ['', '=1+1', 'Föreslagen', '']]);
    const st = emu.state.spreadsheet.sheets.find((s) => s.name === 'Gäster')!;
    expect(st.rows[4]?.[h.indexOf('Efternamn')]?.f).toBeUndefined(); // literal text, not a formula
    const review = api<{ items: { id: string; table: string; kind: string }[] }>(emu, 'getReview', [], PL);
    if (!review.ok) throw new Error(review.message);
    const items = review.data.items.filter((i) => i.table === 'guests');
    expect(items.map((i) => i.kind)).toEqual(['new', 'new', 'new', 'new']);
    expect(api(emu, 'decideChange', [{ id: items[0].id, action: 'confirm' }], PL).ok).toBe(true);
    expect(String(emu.sheetValues('Gäster')[1][h.indexOf('ID')])).toMatch(/^G-\d+/);
  });

  test('one bad row: nothing is written, every error named by line; --skip-invalid imports the rest; --dry-run writes nothing', async () => {
    const before = snapshot(emu, true);
    const f = file('bad.csv', `${guestsCsv(2)}\nUtan;Adress;inte-en-adress;sv;x`);
    const r = await summit(['guests', 'import', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Rad 4: .*inte-en-adress/);
    expect(r.stderr).toMatch(/Inget har importerats: 1 rader har fel/);
    expect(snapshot(emu, true)).toBe(before);
    const dry = await summit(['guests', 'import', f, '--skip-invalid', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/Provkörning: 2 gäster/);
    expect(snapshot(emu, true)).toBe(before);
    expect((await summit(['guests', 'import', f, '--skip-invalid'])).code).toBe(0);
    expect(emu.sheetValues('Gäster')).toHaveLength(3);
  });

  test('a guest already on the sheet (by address) is a duplicate: refused', async () => {
    expect((await summit(['guests', 'import', file('a.csv', guestsCsv(1))])).code).toBe(0);
    const r = await summit(['guests', 'import', file('b.csv', guestsCsv(1))]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/anna0@example\.org/);
  });

  test('bad files: missing columns named (after the one read), not UTF-8 and 10 MB refused before any request; nothing written', async () => {
    const before = snapshot(emu, true);
    const missing = await summit(['guests', 'import', file('m.csv', 'Förnamn;Organisation\nAnna;X')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Kolumner saknas: Efternamn\/Last name, E-post\/E-mail/);
    const latin1 = Buffer.concat([Buffer.from('First name;Last name;E-mail\n'), Buffer.from('José;Müller;jm@example.org', 'latin1')]);
    const enc = await summit(['guests', 'import', file('l.csv', latin1)]);
    expect(enc.code).toBe(1);
    expect(enc.stderr).toMatch(/inte UTF-8 \(första felaktiga tecknet på rad 2\).*CSV UTF-8/);
    const big = path.join(dir, 'big.csv');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 10 * 1024 * 1024); // sparse: nothing is written to disk
    const large = await summit(['guests', 'import', big, '--lang', 'en']);
    expect(large.code).toBe(1);
    expect(large.stderr).toMatch(/too large \(10\.5 MB\).*Nothing was imported/);
    expect(ep.api.requests).toBe(2); // only the missing-columns run read the sheet (the file's columns are checked against the settings' events)
    expect(snapshot(emu, true)).toBe(before);
  });

  test('UTF-16 with BOM (Excel\'s "Unicode text") is read', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(guestsCsv(1).replace(/;/g, '\t').replace('Anna0', 'Åsa'), 'utf16le')]);
    const r = await summit(['guests', 'import', file('u.txt', utf16)]);
    expect(r.code).toBe(0);
    expect(emu.sheetValues('Gäster')[1]).toContain('Åsa');
  });
});

describe('failures: quota, network, credentials, access', () => {
  test('429 is retried with exponential backoff; after five tries it says so and writes nothing', async () => {
    ep.api.failNext(2);
    const ok = await summit(['status']);
    expect(ok.code).toBe(0);
    expect(ok.waits).toEqual([1000, 2000]);
    expect(ok.stderr).toMatch(/429.*försöker igen om 1 s \(försök 2 av 5\)/);
    const before = snapshot(emu, true);
    ep.api.failNext(99);
    const no = await summit(['guests', 'import', file('g.csv', guestsCsv(2))]);
    expect(no.code).toBe(4);
    expect(no.waits).toEqual([1000, 2000, 4000, 8000]);
    expect(no.stderr).toMatch(/429\) även efter 5 försök.*Inget har ändrats/);
    expect(snapshot(emu, true)).toBe(before);
  });

  test('a 503 during the append is an unknown outcome: not retried, said so', async () => {
    const f = file('g.csv', guestsCsv(2));
    // get and batchGet answer; the append is the third request.
    const orig = ep.api.failNext.bind(ep.api);
    let n = 0;
    const handle = ep.api.handle.bind(ep.api);
    ep.api.handle = async (req, res, url) => { if (++n === 3) orig(1, 503); return handle(req, res, url); };
    const r = await summit(['guests', 'import', f]);
    expect(r.code).toBe(5);
    expect(r.waits).toEqual([]);
    expect(r.stderr).toMatch(/går inte att veta om Google hann spara den\. Kör inte om kommandot blint/);
  });

  test('unreachable endpoint, expired token, no access, unknown spreadsheet', async () => {
    const io = memoryIo();
    expect(await main(['status', '--spreadsheet', 'x', '--endpoint', 'http://127.0.0.1:59999'], io)).toBe(5);
    expect(io.stderr).toMatch(/Kunde inte nå http:\/\/127\.0\.0\.1:59999 \(ECONNREFUSED\)\. .*npm start/);
    const expired = await summit(['status'], { SUMMIT_ACCESS_TOKEN: 'ya29.expired' });
    expect(expired.code).toBe(3);
    expect(expired.stderr).toMatch(/Inloggningen godtogs inte \(har den gått ut/);
    const stranger = await summit(['status', '--as', 'stranger@evil.example']);
    expect(stranger.code).toBe(3);
    expect(stranger.stderr).toMatch(/har inte åtkomst till kalkylarket .*\(403/);
    const io2 = memoryIo();
    expect(await main(['status', '--spreadsheet', 'nosuchsheet', '--endpoint', ep.url, '--lang', 'en'], io2)).toBe(3);
    expect(io2.stderr).toMatch(/spreadsheet nosuchsheet was not found \(404\)/);
  });

  test('usage errors: no spreadsheet, unknown command or option', async () => {
    const io = memoryIo();
    expect(await main(['status'], io)).toBe(2);
    expect(io.stderr).toMatch(/--spreadsheet ID/);
    expect(await main(['frobnicate', '--spreadsheet', 'x'], io)).toBe(2);
    expect(await main(['status', '--nope'], io)).toBe(2);
    expect(io.stderr).toMatch(/Okänt alternativ: --nope/);
  });
});

describe('summit export', () => {
  test('ledger CSV: BOM, no formula injection, decimal point or comma; JSON in öre; one sheet read', async () => {
    expect(api(emu, 'recordCost', [COST], EKO).ok).toBe(true);
    const csv = await summit(['export', 'ledger']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.startsWith('\ufeffID,Datum,Finansiär')).toBe(true);
    expect(csv.stdout).toContain('"\'=HYPERLINK(""http://evil.example"")"');
    expect(csv.stdout).toMatch(/,1234\.50,/);
    expect(csv.stdout).not.toMatch(/Sigill/);
    const sv = await summit(['export', 'ledger', '--decimal-comma']);
    expect(sv.stdout).toMatch(/;1234,50;/);
    expect(sv.stdout).toMatch(/;2009-11-01;/);
    const json = JSON.parse((await summit(['export', 'ledger', '--format', 'json'])).stdout) as { units: Record<string, string>; rows: Record<string, unknown>[] };
    expect(json.units).toEqual({ Belopp: 'öre' });
    expect(json.rows[0]).toMatchObject({ Belopp: 123450, Beskrivning: COST.description, Datum: '2009-11-01' });
  });

  test('guests: dietary needs only with --include-health; --out writes the file whole', async () => {
    await summit(['guests', 'import', file('g.csv', guestsCsv(1))]);
    const out = path.join(dir, 'guests.csv');
    const r = await summit(['export', 'guests', '--out', out]);
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, 'utf8');
    expect(text).toMatch(/anna0@example\.org/);
    expect(text).not.toMatch(/Kost\/allergier/);
    expect((await summit(['export', 'guests'])).stdout).not.toMatch(/Kost/);
    expect((await summit(['export', 'guests', '--include-health'])).stdout).toMatch(/Kost\/allergier/);
  });

  test('1 000 ledger rows export in the same two requests (10 000: npm run bench)', async () => {
    seedLedger(emu, 1_000);
    const before = ep.api.requests;
    const r = await summit(['export', 'ledger', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\r\n')).toHaveLength(1_001);
    expect(ep.api.requests - before).toBe(2);
  });
});

describe('summit verify-log', () => {
  const anchorFile = () => {
    const j = JSON.parse(workbookProperty(emu, 'summit.journal')!) as { n: number; head: string };
    return file('anchor.eml', anchorText(j, new Date()));
  };

  test('an intact log verifies against the registrar\'s anchor mail', async () => {
    const r = await summit(['verify-log', '--anchor', anchorFile()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Kedjan hänger ihop: \d+ rader\.\nAnkaret med \d+ rader stämmer\./);
  });

  test('an edited row is named; rows removed at the end are caught by the anchor', async () => {
    const anchor = anchorFile();
    const rows = emu.sheetValues('Logg');
    emu.apiUpdate('Logg!D3', [['ändrad']], { user: PL });
    const edited = await summit(['verify-log']);
    expect(edited.code).toBe(6);
    expect(edited.stderr).toMatch(/rad 3 stämmer inte med kedjan/);
    emu.apiUpdate('Logg!D3', [[rows[2][3]]], { user: PL, valueInputOption: 'RAW' });
    emu.deleteRows('Logg', rows.length - 1, 2, PL);
    expect((await summit(['verify-log'])).code).toBe(0); // without an anchor a truncation can't be seen
    const cut = await summit(['verify-log', '--anchor', anchor]);
    expect(cut.code).toBe(6);
    expect(cut.stderr).toMatch(/de sista 2 raderna har tagits bort/);
  });

  test('an anchor file without an anchor is refused', async () => {
    const r = await summit(['verify-log', '--anchor', file('x.txt', 'hej')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Inget ankare hittades/);
  });
});

describe('summit setup', () => {
  test('creates the tables from the layout in one batchUpdate; again changes nothing; the add-on\'s set-up completes it', async () => {
    const fresh = newEmulator();
    const ep2 = await serveSheetsApi(fresh);
    try {
      const io = memoryIo();
      expect(await main(['setup', '--spreadsheet', fresh.state.spreadsheet.id, '--endpoint', ep2.url], io)).toBe(0);
      expect(ep2.api.requests).toBe(2); // get, batchUpdate (no sheet of the layout to read yet)
      expect(io.stderr).toMatch(/Skapade blad: Budget, Kostnader, Omfördelningar, Gäster, Mallar, Program, Beslut, Evenemang, Inställningar, Logg/);
      expect(fresh.sheetValues('Kostnader')[0]).toEqual(['ID', 'Datum', 'Finansiär', 'Kategori', 'Beskrivning', 'Belopp', 'Leverantör', 'Referens', 'Status', 'Registrerad av', 'Registrerad', 'Kontroll', 'Programpunkt', 'Sigill']);
      const again = memoryIo();
      expect(await main(['setup', '--spreadsheet', fresh.state.spreadsheet.id, '--endpoint', ep2.url], again)).toBe(0);
      expect(again.stderr).toMatch(/finns redan\. Inget ändrades/);
      setUpWorkbook(fresh);
      expect(fresh.sheetNames()).toContain('Översikt');
    } finally {
      await ep2.close();
    }
  });

  test('a renamed header stops it; nothing changed', async () => {
    emu.apiUpdate('Gäster!B1', [['Namn']], { user: PL });
    const before = snapshot(emu, true);
    const r = await summit(['setup']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Gäster.*ändrade rubriker.*"Förnamn"/);
    expect(snapshot(emu, true)).toBe(before);
  });
});
