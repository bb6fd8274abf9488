/**
 * The crash sweep of a 30-guest send in the 'after' mode: the call takes
 * effect, then the execution dies (a mail that left, a journal or sheet write
 * that landed). The scenario and the 'before' mode: invitations-crash.test.ts.
 */
import { defineSweeps } from '../support/crash-sweep';

jest.setTimeout(240_000);

defineSweeps('after');
