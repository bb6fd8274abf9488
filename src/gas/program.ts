/**
 * The Program sidebar's API (the use cases and their role checks are in src/app/program.ts).
 */
import { decideProgramItem, deleteProgramItem, programView, saveProgramItem } from '../app/program';
import { loadFullContext } from '../app/context';
import { readProgram } from '../app/program-rows';
import { OVERVIEW_MIN_ITEMS } from '../core/overview-sheet';
import { deadlineEnd } from '../app/rsvp';
import { guestsPassedOn } from '../app/waitlist';
import { handle, noArgs } from './api';
import { one, rsvpLinks } from './invitations';
import { growOverview, growOverviewSoon } from './setup';

/** The items with their counts; opened by the project leader, it first passes on the seats the waiting lists are owed (src/app/waitlist.ts). */
export const getProgram = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => {
  const ctx = loadFullContext(ports);
  const program = readProgram(ctx.journal);
  // Program rows pasted or written through the Sheets API past Översikt's item rows: shown there now (a role holder's
  // execution may write it). Nothing to check while Program fits the smallest layout (the rows just read say so).
  if (ctx.roles.length && program.check.t.snap.rows.length > OVERVIEW_MIN_ITEMS) {
    try { growOverviewSoon(ports, ports.workbook.spreadsheet()); } catch { /* the sidebar opens all the same; the next opening grows it */ }
  }
  return programView(ports, ctx, guestsPassedOn(ports, ctx, rsvpLinks(), deadlineEnd(ctx.settings.rsvpDeadline), program.items), program);
});

export const saveItem = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = saveProgramItem(ports, input, rsvpLinks(), () => growOverview(ports.workbook.spreadsheet()));
  return { id: r.id, message: r.message[lang] };
}, { write: 'saveProgramItem' });

export const decideItem = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => ({ message: decideProgramItem(ports, input).message[lang] }), { write: 'decideProgramItem' });

export const deleteItem = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => ({ message: deleteProgramItem(ports, input).message[lang] }), { write: 'deleteProgramItem' });
