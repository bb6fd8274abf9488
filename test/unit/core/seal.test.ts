/**
 * Seals of rows written before a sealed column existed (SEAL_SPECS[t].later): they still open,
 * with '' for the new column, so adding Påmind to Gäster or Typ to Mallar does not make every
 * existing row unverifiable; a value typed into the new column still differs from the seal.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from '../../../src/core/hash';
import { base64Url } from '../../../src/core/rsvp';
import { changedFields, openSeal, sealCell, sealedHeaders, sealKeyOf, type SealedTable } from '../../../src/core/seal';

const key = new Uint8Array(32).fill(7);
/** A seal as an earlier version wrote it: the snapshot without the `later` headers. */
function oldSeal(table: SealedTable, seq: number, values: Record<string, unknown>, drop: number): string {
  const snapshot = JSON.stringify(sealedHeaders(table).slice(0, -drop).map((h) => values[h] ?? ''));
  const mac = base64Url(hmac(sha256, key, utf8(`${table}\u0000${seq}\u0000${snapshot}`)).subarray(0, 16));
  return `S1|${seq}|${mac}|${snapshot}`;
}

test('Gäster rows sealed before Påmind open with Påmind empty; a typed Påmind is a change', () => {
  expect(sealedHeaders('guests').at(-1)).toBe('Påmind');
  const values = { ID: 'G-0001', Förnamn: 'Ada', Status: 'Inbjuden' };
  const opened = openSeal(key, 'guests', oldSeal('guests', 5, values, 1));
  expect(opened).toMatchObject({ ok: true, seq: 5 });
  if (!opened.ok) return;
  expect(opened.values['Påmind']).toBe('');
  const cells: Record<string, unknown> = { ...values };
  expect(changedFields('guests', opened.values, (h) => cells[h] ?? '')).toEqual([]);
  cells['Påmind'] = new Date('2009-11-01T10:00:00Z');
  expect(changedFields('guests', opened.values, (h) => cells[h] ?? '')).toEqual(['Påmind']);
});

test('a snapshot of any other length, or a tampered one, is not authentic', () => {
  const values = { ID: 'G-0001' };
  // Before Påmind and before Svar per punkt too (both came later): still authentic; one header fewer still is not.
  expect(openSeal(key, 'guests', oldSeal('guests', 5, values, 2))).toMatchObject({ ok: true, seq: 5 });
  expect(openSeal(key, 'guests', oldSeal('guests', 5, values, 3))).toEqual({ ok: false, reason: 'forged' });
  const seal = oldSeal('guests', 5, values, 1).replace('G-0001', 'G-0002');
  expect(openSeal(key, 'guests', seal)).toEqual({ ok: false, reason: 'forged' });
  expect(openSeal(key, 'guests', sealCell(key, 'guests', 6, values))).toMatchObject({ ok: true, seq: 6 });
});

test('a template is named by language and kind; an old one (no Typ) keeps its name', () => {
  const old = openSeal(key, 'templates', oldSeal('templates', 3, { Språk: 'sv', Ämne: 'x', Brödtext: 'y' }, 1));
  expect(old.ok && sealKeyOf('templates', (h) => old.values[h], (v) => String(v ?? '').trim())).toBe('sv');
  expect(sealKeyOf('templates', (h) => ({ Språk: 'en', Typ: 'Påminnelse' })[h], (v) => String(v ?? '').trim())).toBe('en/Påminnelse');
  expect(sealKeyOf('guests', (h) => ({ ID: 'G-0001', Typ: 'x' })[h], (v) => String(v ?? '').trim())).toBe('G-0001');
});

test('seals made one after another, under two keys in turn, are each the HMAC a fresh instance computes (the keyed state is reused, never carried over)', () => {
  const other = new Uint8Array(32).fill(9);
  const fresh = (k: Uint8Array, seq: number, snapshot: string) => base64Url(hmac(sha256, k, utf8(`guests\u0000${seq}\u0000${snapshot}`)).subarray(0, 16));
  for (let i = 1; i <= 40; i++) {
    // Lengths around SHA-256's 64-byte blocks, so a partial block left in the working copy would show.
    const values = { ID: `G-${i}`, Förnamn: 'å'.repeat(i * 3), Status: i % 2 ? 'Inbjuden' : 'Godkänd' };
    for (const k of [key, other]) {
      const seal = sealCell(k, 'guests', i, values);
      const [, seq, mac, snapshot] = /^S1\|(\d+)\|([^|]+)\|(.*)$/s.exec(seal)!;
      expect(mac).toBe(fresh(k, Number(seq), snapshot));
      expect(openSeal(k, 'guests', seal)).toMatchObject({ ok: true, seq: i });
      expect(openSeal(k === key ? other : key, 'guests', seal)).toEqual({ ok: false, reason: 'forged' });
    }
  }
});
