/**
 * The CLI's pure pieces: anchors read from the registrar's mails (as src/app/journal.ts writes them),
 * checked against a chain; import files decoded strictly; Sheets date serials in the spreadsheet's zone.
 */
import { GENESIS, checkMailAnchor, parseAnchorText } from '../../../src/core/audit';
import { anchorText } from '../../../src/app/journal';
import { decodeCsv, MAX_IMPORT_BYTES } from '../../../src/cli/csv-file';
import { CliError } from '../../../src/cli/http';
import { dateToSerial, serialToDate, zonedText } from '../../../src/cli/time';
import { isFormulaLike } from '../../../src/cli/usecases';

const H = (c: string) => c.repeat(64);

describe('anchor mails', () => {
  test('what the add-on mails is what verify-log reads, also from an .eml with soft line breaks, each anchor once', () => {
    const mail = anchorText({ n: 42, head: H('a') }, new Date('2009-11-02T10:00:00Z'));
    expect(parseAnchorText(mail)).toEqual([{ n: 42, head: H('a') }]);
    const eml = `Subject: x\r\n\r\n${mail.replace(H('a'), `${H('a').slice(0, 30)}=\r\n${H('a').slice(30)}`)}\r\n--b\r\n${mail}`;
    expect(parseAnchorText(eml)).toEqual([{ n: 42, head: H('a') }]);
    expect(parseAnchorText(`${mail}\n${anchorText({ n: 50, head: H('b') }, new Date())}`)).toEqual([{ n: 42, head: H('a') }, { n: 50, head: H('b') }]);
    expect(parseAnchorText('rows in Logg: 3, no hash')).toEqual([]);
  });

  test('an anchor holds while the log only grew; fewer rows is truncation; another hash at its row is a rewrite', () => {
    const chain = [H('1'), H('2'), H('3')];
    expect(checkMailAnchor(chain, { n: 2, head: H('2') })).toEqual({ ok: true });
    expect(checkMailAnchor(chain, { n: 0, head: GENESIS })).toEqual({ ok: true });
    expect(checkMailAnchor(chain, { n: 5, head: H('5') })).toEqual({ ok: false, kind: 'truncated', anchored: 5, found: 3 });
    expect(checkMailAnchor(chain, { n: 2, head: H('9') })).toEqual({ ok: false, kind: 'rewritten', upTo: 2 });
  });
});

describe('import files', () => {
  const reason = (f: () => unknown): string => {
    try { f(); } catch (e) { if (e instanceof CliError) return e.userMessage.en; throw e; }
    return '(no error)';
  };

  test('UTF-8 with or without BOM, and UTF-16 with BOM (Excel\'s "Unicode text"), are read', () => {
    expect(decodeCsv(Buffer.from('Förnamn\nÅsa'))).toBe('Förnamn\nÅsa');
    expect(decodeCsv(Buffer.from('\ufeffFörnamn'))).toBe('Förnamn'); // the BOM is not part of the text
    expect(decodeCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Åsa\tÖberg', 'utf16le')]))).toBe('Åsa\tÖberg');
  });

  test('Windows-1252 is refused with the line where it stops being UTF-8', () => {
    const buf = Buffer.concat([Buffer.from('First name\nAnna\n'), Buffer.from('Müller', 'latin1')]);
    expect(reason(() => decodeCsv(buf, 'g.csv'))).toBe('g.csv is not UTF-8 (the first bad character is on line 3). Save it as "CSV UTF-8" in Excel (or UTF-8 elsewhere) and try again. Nothing was imported.');
  });

  test('a 10 MB file is refused without being decoded (generated in memory)', () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 0x41);
    expect(big.length).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(reason(() => decodeCsv(big, 'big.csv'))).toBe('The file big.csv is too large (10.5 MB): an import reads at most 1,000,000 characters. Split it. Nothing was imported.');
  });

  test('text a spreadsheet would run as a formula is recognised (CWE-1236)', () => {
    expect(['=1+1', '+46', '-2', '@SUM(A1)', '\tx', '\rx'].every(isFormulaLike)).toBe(true);
    expect(['Anna', '46', ' =1', ''].some(isFormulaLike)).toBe(false);
  });
});

describe('date serials in the spreadsheet\'s zone', () => {
  test('known values, and round trips across both daylight-saving changes of 2009', () => {
    expect(dateToSerial(new Date('2009-12-08T00:00:00+01:00'), 'Europe/Stockholm')).toBe(40155);
    expect(serialToDate(40155.5, 'Europe/Stockholm').toISOString()).toBe('2009-12-08T11:00:00.000Z');
    for (const iso of ['2009-03-29T00:30:00Z', '2009-03-29T01:30:00Z', '2009-10-24T23:30:00Z', '2009-10-25T02:30:00Z', '2009-07-01T12:00:00Z']) {
      const d = new Date(iso);
      expect(serialToDate(dateToSerial(d, 'Europe/Stockholm'), 'Europe/Stockholm').toISOString()).toBe(d.toISOString());
    }
    // A serial is wall-clock time: 02:30 on 25 October happens twice in Stockholm, and both read the same.
    expect(dateToSerial(new Date('2009-10-25T00:30:00Z'), 'Europe/Stockholm')).toBe(dateToSerial(new Date('2009-10-25T01:30:00Z'), 'Europe/Stockholm'));
    expect(zonedText(new Date('2009-12-07T23:30:00Z'), 'Europe/Stockholm', true)).toBe('2009-12-08 00:30');
  });
});
