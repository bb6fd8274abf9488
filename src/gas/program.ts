/**
 * The Program sidebar's API (the use cases and their role checks are in src/app/program.ts).
 */
import { decideProgramItem, deleteProgramItem, programView, saveProgramItem } from '../app/program';
import { handle, noArgs } from './api';
import { one, rsvpLinks } from './invitations';
import { growOverview } from './setup';

export const getProgram = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => programView(ports));

export const saveItem = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = saveProgramItem(ports, input, rsvpLinks(), () => growOverview(ports.workbook.spreadsheet()));
  return { id: r.id, message: r.message[lang] };
}, { write: 'saveProgramItem' });

export const decideItem = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => ({ message: decideProgramItem(ports, input).message[lang] }), { write: 'decideProgramItem' });

export const deleteItem = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => ({ message: deleteProgramItem(ports, input).message[lang] }), { write: 'deleteProgramItem' });
