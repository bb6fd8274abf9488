/**
 * The RSVP page's range reads and writes (issue 10): opening the page and saving an answer per item,
 * at 30 and 1 500 guests and 10 and 200 Program items. Measured twice: on the use cases (src/app/rsvp.ts)
 * over the memory ports, whose counters count as the sheet does (one port read() is one range read,
 * one write()/append() one range write), and on the built Code.js in the emulator (bench/rsvp-bundle.ts:
 * doGet and submitRsvp as the anonymous visitor, getValues/setValues counted). Goal: the same counts at
 * every size (constant), and the bundle's the same as the ports'.
 */
import { answerRsvp, viewRsvp } from '../src/app/rsvp';
import { saveProgramItem } from '../src/app/program';
import { rsvpToken } from '../src/core/rsvp';
import { journalled } from '../test/support/journal';
import { memoryPorts, type MemoryPorts } from '../test/support/memory';
import { SECRET, verify } from '../test/support/rsvp-items';
import { figure, type Figure } from './lib';
import { bundleWorkbooks, measureBundle } from './rsvp-bundle';

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

type Case = { label: string; open: { reads: number; writes: number; calls?: number }; save: { reads: number; writes: number; calls?: number } };
const SIZES = { guests: [30, 1500], items: [10, 200] } as const;
const labelOf = (n: number, m: number) => `${n.toLocaleString('sv-SE')} guests, ${m} items`;

function portCases(): Case[] {
  const out: Case[] = [];
  for (const n of SIZES.guests) {
    for (const m of SIZES.items) {
      const p = workbook(n, m);
      const key = { g: 'G-0002', v: 1, t: rsvpToken(SECRET, 'G-0002', 1) };
      const open = measure(p, () => { if (!viewRsvp(p, key, verify).ok) throw new Error('no page'); });
      // With the confirmation (src/app/confirm.ts): mailed, with no range read or write of its own.
      const mails = p.mailer.sent.length;
      const save = measure(p, () => {
        const r = answerRsvp(p, { ...key, answers: { 'P-001': 'ja', 'P-002': 'ja', 'P-003': 'nej' } }, verify, (g) => `https://example.org/exec?g=${g.id}&v=${g.version}`);
        if (!r.saved) throw new Error(r.message.en);
      });
      if (p.mailer.sent.length !== mails + 1) throw new Error('no confirmation mailed');
      out.push({ label: labelOf(n, m), open, save });
    }
  }
  return out;
}

function bundleCases(): Case[] {
  const workbooks = bundleWorkbooks(SIZES.guests);
  return SIZES.guests.flatMap((n) => SIZES.items.map((m) => ({ label: labelOf(n, m), ...measureBundle(workbooks.get(n)!, m) })));
}

function constantRows(where: string, out: Case[]): Figure[] {
  const same = (f: (x: Case) => number) => out.every((x) => f(x) === f(out[0]));
  const row = (what: string, pick: (x: Case) => Case['open']) => out.flatMap((x) => (['reads', 'writes'] as const).map((k) =>
    figure(`${what} (${where}, ${x.label}): range ${k}`, pick(x)[k], k, { text: `constant (${pick(out[0])[k]})`, met: same((y) => pick(y)[k]) })));
  const calls = (what: string, pick: (x: Case) => Case['open']) => out.flatMap((x) => (pick(x).calls === undefined ? [] : [figure(`${what} (${where}, ${x.label}): service calls`, pick(x).calls!, 'calls')]));
  return [...row('RSVP page opened', (x) => x.open), ...row('RSVP answer per item saved', (x) => x.save), ...calls('RSVP page opened', (x) => x.open), ...calls('RSVP answer per item saved', (x) => x.save)];
}

export function rsvpFigures(): Figure[] {
  const ports = portCases();
  const bundle = bundleCases();
  const differ = bundle.filter((b, i) => (['open', 'save'] as const).some((k) => b[k].reads !== ports[i][k].reads || b[k].writes !== ports[i][k].writes)).length;
  return [
    ...constantRows('ports', ports), ...constantRows('bundle', bundle),
    figure('RSVP: cases where the bundle reads or writes other than the ports', differ, 'cases', { text: '0', met: differ === 0 }),
  ];
}
