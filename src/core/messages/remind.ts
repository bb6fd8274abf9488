/**
 * Messages of reminders (src/app/remind.ts): Swedish and English side by side (see src/core/i18n.ts).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const remindMsg = {
  noReminderTemplate: (lang: string): Msg => fixed(
    `Det finns ingen påminnelsemall för språket ${lang} (bladet Mallar, Typ Påminnelse). Kör Summit Planner → Konfigurera arbetsboken för att lägga till standardmallen.`,
    `There is no reminder template for ${lang} (the Mallar sheet, Typ Påminnelse). Run Summit Planner → Set up workbook to add the default one.`),
  moreThanOneReminder: (lang: string): Msg => fixed(
    `Det finns flera påminnelsemallar för språket ${lang} på bladet Mallar; behåll en.`,
    `There is more than one reminder template for ${lang} on the Mallar sheet; keep one.`),
  reminderTemplateCannotBeUsed: (l: string): Msg => fixed(
    `Påminnelsemallen för ${l} kan inte användas:`,
    `The reminder template for ${l} cannot be used:`),
  noRemindersCanBeSent: (): Msg => fixed('Inga påminnelser kan skickas:', 'No reminders can be sent:'),
  guestGetsNoReminder: (): Msg => fixed('Gästen får ingen påminnelse nu:', 'The guest gets no reminder now:'),
  failedThisRound: (round: number, why: string): Msg => fixed(
    `Påminnelsen i omgång ${round} gick inte att skicka (${why}); rätta adressen – nästa omgång försöker igen.`,
    `The reminder of round ${round} could not be sent (${why}); correct the address – the next round tries again.`),
  uncertainThisRound: (round: number): Msg => fixed(
    `Okänt om påminnelsen i omgång ${round} gick iväg (kontrollera Skickat); den skickas inte igen i samma omgång.`,
    `Unknown whether the reminder of round ${round} went out (check Sent); it is not sent again in the same round.`),
  notLatestRound: (asked: number, latest: number): Msg => fixed(
    `Omgång ${asked} är inte den senaste (${latest}): någon annan har startat en ny påminnelseomgång. Öppna Inbjudningar igen; inget skickades.`,
    `Round ${asked} is not the latest (${latest}): someone else started a new reminder round. Open Invitations again; nothing was sent.`),
  nobodyToRemind: (blocked: number): Msg => both(
    (f) => `Ingen att påminna i den här omgången${blocked ? `; ${f.count(blocked, 'gäst är blockerad', 'gäster är blockerade')} (se skälen)` : ': alla som inte svarat har fått den'}.`,
    (f) => `Nobody to remind in this round${blocked ? `; ${f.count(blocked, 'guest is blocked', 'guests are blocked')} (see the reasons)` : ': everyone who has not answered has had it'}.`),
  quotaUsedUp: (waiting: number): Msg => both(
    (f) => `Dagens e-postkvot är slut${waiting ? `; ${f.count(waiting, 'påminnelse väntar', 'påminnelser väntar')}` : ''}. Kvoten fylls på inom ett dygn – fortsätt omgången i morgon. Ingen får samma påminnelse två gånger.`,
    (f) => `Today's e-mail quota is used up${waiting ? `; ${f.count(waiting, 'reminder is waiting', 'reminders are waiting')}` : ''}. It refills within 24 hours – continue the round tomorrow. Nobody gets the same reminder twice.`),
  /** A batch's outcome: "2 påminnelser skickade; 0 kvar." */
  batchSent: (n: { round: number; sent: number; failed: number; unsure: number; remaining: number; blocked: number }): Msg => both(
    (f) => `Omgång ${n.round}: ${f.count(n.sent, 'påminnelse skickad', 'påminnelser skickade')}${n.failed ? `, ${n.failed} misslyckades` : ''}${n.unsure ? `, ${f.count(n.unsure, 'osäker', 'osäkra')} (Gmail svarade med ett fel; kontrollera Skickat)` : ''}; ${n.remaining} kvar${n.blocked ? `; ${f.count(n.blocked, 'blockerad', 'blockerade')} (se skälen)` : ''}.`,
    (f) => `Round ${n.round}: ${f.count(n.sent, 'reminder sent', 'reminders sent')}${n.failed ? `, ${n.failed} failed` : ''}${n.unsure ? `, ${n.unsure} uncertain (Gmail answered with an error; check Sent)` : ''}; ${n.remaining} left${n.blocked ? `; ${n.blocked} blocked (see the reasons)` : ''}.`),
  reminderCannotBeSent: (reasons: readonly Msg[]): Msg => both(
    (f) => `Påminnelsen kan inte skickas: ${reasons.map(f.m).join(' ')}`,
    (f) => `The reminder cannot be sent: ${reasons.map(f.m).join(' ')}`),
};
