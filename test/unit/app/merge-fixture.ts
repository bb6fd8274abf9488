/**
 * The send tests' workbook (merge, merge-batch, merge-recovery, merge-preview): a project leader, a steering group,
 * `n` guests (G-0001… alternately sv and en, invited to both programme items) and both invitation
 * templates, all sealed by set-up; `before` edits the seeded sheets before set-up seals them (the rows are
 * then the add-on's own), so a test can start from a workbook a dead batch left ('Skickar' rows).
 */
import { sendBatch, type SendProgress } from '../../../src/app/merge';
import type { Ports } from '../../../src/app/ports';
import { memoryPorts, type MemoryPorts } from '../../support/memory';
import { journalled } from '../../support/journal';

export const SG = 'sg@stockholm.se';
export const PL = 'pl@stockholm.se';
export const link = () => (g: { id: string; version: number }) => `https://rsvp.example.se/?g=${g.id}&v=${g.version}`;

/** Gäster's columns in the seeded grid (row 0 is the header). */
export const COL = { id: 0, firstName: 1, email: 6, language: 7, events: 8, status: 10, sentAt: 11, note: 13 } as const;

export interface SetupOptions { cap?: number; status?: string; user?: string; quota?: number; before?: (p: MemoryPorts) => void }

export function setup(n: number, o: SetupOptions = {}): MemoryPorts {
  const p = memoryPorts(o.user ?? PL);
  p.workbook.add('settings', [['Styrgrupp', SG, ''], ['Projektledare', PL, ''], ['Max antal inbjudna', o.cap ?? 30, '']]);
  p.workbook.add('event', [['Svarsadress', 'summit@stockholm.se', '']]);
  p.workbook.add('guests', Array.from({ length: n }, (_, i) => [
    `G-${String(i + 1).padStart(4, '0')}`, `Förnamn${i}`, `Efternamn${i}`, '', 'Org', 'SE', `g${i}@example.se`,
    i % 2 ? 'en' : 'sv', 'konferensen; representationsmiddagen', '', o.status ?? 'Godkänd', '', '', '',
  ]));
  p.workbook.add('templates', [
    ['sv', 'Inbjudan till {{Evenemang}}', 'Hej {{Förnamn}} {{Efternamn}}!\n\nVälkommen den {{Startdatum}}. [Svara]({{Svarslänk}}) senast {{Sista svarsdag}}.'],
    ['en', 'Invitation to {{Event}}', 'Dear {{FirstName}} {{LastName}},\n\nWelcome on {{StartDate}}. [Reply]({{RsvpLink}}) by {{RsvpDeadline}}.'],
  ]);
  p.workbook.add('log');
  if (o.quota !== undefined) p.mailer.quota = o.quota;
  o.before?.(p);
  return journalled(p);
}

export const guests = (p: MemoryPorts) => p.workbook.get('guests').records();
export const statuses = (p: MemoryPorts) => guests(p).map((r) => String(r['Status']));
export const notes = (p: MemoryPorts) => guests(p).map((r) => String(r['Anteckning']));

/** Logg's entries after set-up's own (baseline, carried-over decisions): action, object, before and after as logged. */
export const logged = (p: MemoryPorts) => p.workbook.get('log').records()
  .filter((r) => !['arbetsbok.baslinje', 'beslut.överfört'].includes(String(r['Åtgärd'])))
  .map((r) => ({ action: String(r['Åtgärd']), object: String(r['Objekt']), before: String(r['Före']), after: String(r['Efter']) }));

export const runAll = (p: Ports, batchSize = 10): SendProgress[] => {
  const out: SendProgress[] = [];
  for (let i = 0; i < 200; i++) {
    const r = sendBatch(p, { batchSize }, link);
    out.push(r);
    if (r.done) break;
  }
  return out;
};
