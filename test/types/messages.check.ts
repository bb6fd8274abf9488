/**
 * Compile-time check (tsc, `npm run typecheck`; nothing runs): the message catalogue is typed, so a
 * message without its English text, an unknown key, a missing parameter or a parameter of the wrong
 * type (a kronor string where öre are due) does not compile. Each @ts-expect-error fails the
 * type-check if the line below it ever compiles.
 */
import { both, fixed, inLang } from '../../src/core/i18n';
import { selftestPageMsg } from '../../src/core/messages/selftest-page';
import { budgetMsg } from '../../src/core/messages/budget';
import { decisionsMsg } from '../../src/core/messages/decisions';
import { gasMsg } from '../../src/core/messages/gas';
import { programMsg } from '../../src/core/messages/program';
import { reviewMsg } from '../../src/core/messages/review';
import { selftestMsg } from '../../src/core/messages/selftest';
import { settingsMsg } from '../../src/core/messages/settings';
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

// The same holds for every area's module: an unknown key, a missing parameter or one of the wrong type does not compile.
// @ts-expect-error a fixed text needs its English too
export const untranslatedFixed: Msg = fixed('Beslut');

// @ts-expect-error a self-test entry that does not exist
export const selftestUnknown: Msg = selftestMsg.noSuchCheck();
// @ts-expect-error the quota needs the guests waiting as well
export const selftestMissing: Msg = selftestMsg.mailQuota(100);

// @ts-expect-error review: the row's number is a number, not text
export const reviewWrongType: Msg = reviewMsg.rowAt('Kostnader', '5', 'K-0001');
// @ts-expect-error review: a field's change needs the values before and now, as messages
export const reviewMissing: Msg = reviewMsg.fieldChange('Belopp', fixed('1', '1'));

// @ts-expect-error settings: the total is öre, not a formatted amount
export const settingsWrongType: Msg = settingsMsg.totalInAllocate('Totalbudget', '1 000 kr');
// @ts-expect-error settings: a key the catalogue does not have
export const settingsUnknown: Msg = settingsMsg.rolesChanged();

// @ts-expect-error decisions: a status outside the register's statuses
export const decisionsWrongStatus: Msg = decisionsMsg.changed('B-0001', 'Avslaget');
// @ts-expect-error decisions: the citation's wording is a message
export const decisionsWrongParam: Msg = decisionsMsg.citeUnknown('B-9', 'En omfördelning', 'Budgetomfördelning');

// @ts-expect-error program: the count of invited guests is missing
export const programMissing: Msg = programMsg.invitedNotDeleted('P-001');
// @ts-expect-error gas: a menu item the catalogue does not have
export const gasUnknown: Msg = gasMsg.menuNoSuchItem();

// What compiles: each with every parameter of its type.
export const areaComplete: readonly Msg[] = [
  selftestMsg.mailQuota(100, 30), reviewMsg.rowAt('Kostnader', 5, 'K-0001'), settingsMsg.totalInAllocate('Totalbudget', 100_000),
  decisionsMsg.changed('B-0001', 'Upphävt'), programMsg.invitedNotDeleted('P-001', 2), gasMsg.menuSetup(),
];

// Pages draw their texts from the same catalogue (src/core/messages/*-page.ts), through inLang.
// @ts-expect-error self-test page: a check the page does not know has no title
export const pageUnknownCheck: Msg = selftestPageMsg.title('noSuchCheck');
const selftestPage = inLang(selftestPageMsg, 'en');
// An entry without parameters is its text; one with parameters a function to it.
export const pageText: string = selftestPage.loading;
// @ts-expect-error self-test page: the summary needs the counts of ok, failed and informational checks
export const pageMissing: string = selftestPage.summary(1, 2);
// @ts-expect-error a page text needs both languages, and every status its own
export const pageStatuses: Record<'ok' | 'fail' | 'info', Msg> = { ok: fixed('OK'), fail: fixed('Inte OK', 'Not OK') };
