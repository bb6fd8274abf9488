/**
 * The RSVP page's range reads and writes (issue 10): opening the page and saving an answer per item,
 * at 30 and 1 500 guests and 10 and 200 Program items. Measured on the use cases (src/app/rsvp.ts)
 * over the memory ports, whose counters count as the sheet does: one port read() is one range read,
 * one write()/append() one range write. Goal: the same counts at every size (constant).
 */
import { answerRsvp, viewRsvp } from '../src/app/rsvp';
import { saveProgramItem } from '../src/app/program';
import { rsvpToken } from '../src/core/rsvp';
import { journalled } from '../test/support/journal';
import { memoryPorts, type MemoryPorts } from '../test/support/memory';
import { SECRET, verify } from '../test/support/rsvp-items';
import { figure, type Figure } from './lib';

const PL = 'pl@stockholm.se';
const SENT = new Date('2009-11-01T10:00:00Z');

/** n invited guests, each invited to the first three of m items (the dinner, item 2, has a capacity). */
function workbook(n: number, m: number): MemoryPorts {
  const p = memoryPorts(PL);
  p.workbook.add('settings', [['Projektledare', PL, ''], ['Max antal inbjudna', n, '']]);
  p.workbook.add('event', [['Evenemang', 'Summit', ''], ['Startdatum', '2009-12-08', ''], ['Slutdatum', '2009-12-09', ''], ['Sista svarsdag', '2009-11-20', '']]);
  const ids = ['P-001', 'P-002', 'P-003'].join('; ');
  p.workbook.add('guests', Array.from({ length: n }, (_, i) => {
    const id = `G-${String(i + 1).padStart(4, '0')}`;
    return [id, `F${i}`, `E${i}`, '', '', '', `g${i}@example.se`, i % 2 ? 'en' : 'sv', ids, '', 'Inbjuden', SENT, '', '', 1, '', '', ''];
  }));
  journalled(p);
  for (let k = 0; k < m; k++) {
    saveProgramItem(p, { title: `Punkt ${k + 1}`, type: 'plenarsession', date: '2009-12-08', start: '09:00', end: '10:00', organiser: 'staden', ...(k === 1 ? { capacity: String(n) } : {}) });
  }
  p.user.current = '';
  return p;
}

function measure(p: MemoryPorts, fn: () => unknown): { reads: number; writes: number } {
  const c = p.workbook.counters;
  const [r0, w0] = [c.reads, c.writes];
  fn();
  return { reads: c.reads - r0, writes: c.writes - w0 };
}

export function rsvpFigures(): Figure[] {
  const out: { label: string; open: { reads: number; writes: number }; save: { reads: number; writes: number } }[] = [];
  for (const n of [30, 1500]) {
    for (const m of [10, 200]) {
      const p = workbook(n, m);
      const key = { g: 'G-0002', v: 1, t: rsvpToken(SECRET, 'G-0002', 1) };
      const open = measure(p, () => { if (!viewRsvp(p, key, verify).ok) throw new Error('no page'); });
      const save = measure(p, () => {
        const r = answerRsvp(p, { ...key, answers: { 'P-001': 'ja', 'P-002': 'ja', 'P-003': 'nej' } }, verify);
        if (!r.saved) throw new Error(r.message.en);
      });
      out.push({ label: `${n.toLocaleString('sv-SE')} guests, ${m} items`, open, save });
    }
  }
  const same = (f: (x: (typeof out)[number]) => number) => out.every((x) => f(x) === f(out[0]));
  const row = (what: string, pick: (x: (typeof out)[number]) => { reads: number; writes: number }) => out.flatMap((x) => (['reads', 'writes'] as const).map((k) =>
    figure(`${what} (${x.label}): range ${k}`, pick(x)[k], k, { text: `constant (${pick(out[0])[k]})`, met: same((y) => pick(y)[k]) })));
  return [...row('RSVP page opened', (x) => x.open), ...row('RSVP answer per item saved', (x) => x.save)];
}
