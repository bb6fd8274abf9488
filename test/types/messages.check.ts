/**
 * Compile-time check (tsc, `npm run typecheck`; nothing runs): the message catalogue is typed, so a
 * message without its English text, an unknown key, a missing parameter or a parameter of the wrong
 * type (a kronor string where öre are due) does not compile. Each @ts-expect-error fails the
 * type-check if the line below it ever compiles.
 */
import { both } from '../../src/core/i18n';
import { budgetMsg } from '../../src/core/messages/budget';
import type { Msg } from '../../src/core/msg';

// @ts-expect-error a message with only its Swedish text
export const untranslated: Msg = both((f) => f.money(100));

// @ts-expect-error a key the catalogue does not have
export const unknownKey: Msg = budgetMsg.noSuchMessage();

// @ts-expect-error a missing parameter (the shortfall)
export const missingParam: Msg = budgetMsg.costDoesNotFit('STOKAB', 100, 200);

// @ts-expect-error money is öre (a number), not a formatted string
export const wrongParam: Msg = budgetMsg.costDoesNotFit('STOKAB', '1 000 kr', 200, 100);

// What compiles: every parameter, each of its type.
export const complete: Msg = budgetMsg.costDoesNotFit('STOKAB', 100, 200, 100);
