/**
 * The Beslut sidebar's API and Beslutsunderlag (issue 10): every function
 * validates its argument list (handle) and delegates to src/app, where the
 * role is checked (only the steering group records or changes a decision).
 * Re-exported as entry points by main.ts.
 */
import { changeDecision, decisionsView, recordDecision } from '../app/decisions';
import { summaryView } from '../app/summary';
import { handle, noArgs } from './api';
import { one } from './invitations';

export const getDecisions = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => decisionsView(ports));

export const putDecision = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = recordDecision(ports, input);
  return { id: r.id, message: r.message[lang] };
}, { write: 'recordDecision' });

export const editDecision = (...args: unknown[]) => handle(one, args, ([input], { ports, lang }) => {
  const r = changeDecision(ports, input);
  return { id: r.id, message: r.message[lang] };
}, { write: 'changeDecision' });

export const getSummary = (...args: unknown[]) => handle(noArgs, args, (_i, { ports }) => summaryView(ports));
