/**
 * Texts of the "Inbjudningar" sidebar (src/ui/pages/Invitations.ts): Swedish and English side by side
 * (see src/core/i18n.ts).
 *
 * One set of terms for the figures (issue 9, point 4): "i den här körningen" / "in this run" is
 * what the run just sent, over all its batches; "Inbjudna" / "Invited" is every guest whose
 * invitation has (or may have) been mailed; the places in use are said in Gäster's own words
 * (both pages' entries are sidebarMsg.placesUsed). A count takes the singular at exactly 1, in both
 * languages (the plural helper, Fmt.count).
 */
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';
import type { Role } from '../settings';
import { sidebarMsg } from './sidebar';

const ROLES = {
  styrgrupp: fixed('styrgrupp', 'steering group'), projektledare: fixed('projektledare', 'project leader'), ekonomi: fixed('ekonomi', 'finance'),
} satisfies Record<Role, Msg>;

export const invitationsPageMsg = {
  loading: (): Msg => fixed('Hämtar gästerna …', 'Loading the guests …'),
  refresh: (): Msg => fixed('Uppdatera', 'Refresh'),
  viewer: (u: string, roles: readonly Role[]): Msg => both(
    (f) => `Inloggad som ${u || 'okänd användare'} (${roles.length ? roles.map((r) => f.m(ROLES[r])).join(', ') : 'läsbehörighet'})`,
    (f) => `Signed in as ${u || 'unknown user'} (${roles.length ? roles.map((r) => f.m(ROLES[r])).join(', ') : 'read only'})`),
  stateTitle: (): Msg => fixed('Läget just nu', 'Where things stand'),
  approvedWaiting: (): Msg => fixed('Godkända, inte inbjudna än', 'Approved, not yet invited'),
  invited: (): Msg => fixed('Inbjudna', 'Invited'),
  toCheck: (): Msg => fixed('Att kontrollera (Osäker, Misslyckad)', 'To check (Uncertain, Failed)'),
  /** The places in use, in Gäster's words (one entry for both sidebars). */
  places: (used: number, cap: number): Msg => sidebarMsg.placesUsed(used, cap),
  onlyLeader: (): Msg => fixed('Bara projektledaren kan skicka inbjudningar.', 'Only the project leader can send invitations.'),
  onlyPreview: (): Msg => fixed('Bara projektledaren och styrgruppen kan förhandsgranska inbjudningar och skicka test.', 'Only the project leader and the steering group can preview invitations and send a test.'),
  previewTitle: (): Msg => fixed('Förhandsgranska', 'Preview'),
  pick: (): Msg => fixed('Gäst att förhandsgranska', 'Guest to preview'),
  pickFirst: (): Msg => fixed('Välj först vilken gäst testet ska gälla.', 'First choose the guest the test is for.'),
  none: (): Msg => fixed('– välj en gäst –', '– choose a guest –'),
  to: (): Msg => fixed('Till', 'To'),
  subject: (): Msg => fixed('Ämne', 'Subject'),
  html: (): Msg => fixed('Så ser inbjudan ut (HTML)', 'What the invitation looks like (HTML)'),
  frameTitle: (): Msg => fixed('Förhandsvisning av inbjudan', 'Invitation preview'),
  text: (): Msg => fixed('Textversion', 'Plain-text version'),
  attachments: (): Msg => fixed('Bilagor', 'Attachments'),
  blocked: (): Msg => fixed('Inbjudan kan inte skickas:', 'The invitation cannot be sent:'),
  test: (): Msg => fixed('Skicka test till mig', 'Send a test to me'),
  testSent: (to: string): Msg => fixed(`Testet är skickat till ${to}.`, `The test was sent to ${to}.`),
  send: (): Msg => fixed('Skicka inbjudningar …', 'Send invitations …'),
  confirmTitle: (): Msg => fixed('Bekräfta utskicket', 'Confirm the send'),
  confirmWho: (n: number): Msg => both(
    (f) => `${f.count(n, 'godkänd gäst', 'godkända gäster')} får sin inbjudan nu:`,
    (f) => `${f.count(n, 'approved guest gets their', 'approved guests get their')} invitation now:`),
  confirmFrom: (acc: string, name: string, reply: string): Msg => fixed(`Skickas från ditt konto ${acc || '(okänt)'}${name ? ` med avsändarnamnet "${name}"` : ''}${reply ? `, svar till ${reply}` : ''}.`, `Sent from your account ${acc || '(unknown)'}${name ? ` with the sender name "${name}"` : ''}${reply ? `, replies to ${reply}` : ''}.`),
  quota: (q: number): Msg => both(
    (f) => `E-postkvot kvar i dag: ${f.num(q)} mejl.`,
    (f) => `E-mail quota left today: ${f.count(q, 'message', 'messages')}.`),
  stopsAtQuota: (fits: number, rest: number): Msg => both(
    (f) => `Dagens e-postkvot räcker till ${f.count(fits, 'gäst', 'gäster')}; ${rest} väntar kvar som Godkänd till i morgon.`,
    (f) => `Today's e-mail quota covers ${f.count(fits, 'guest', 'guests')}; ${rest} ${f.plural(rest, 'stays', 'stay')} Approved until tomorrow.`),
  stopsAtCap: (fits: number, rest: number, cap: number): Msg => both(
    (f) => `Taket (${f.count(cap, 'inbjuden', 'inbjudna')}) räcker till ${f.count(fits, 'gäst', 'gäster')} till; ${rest} väntar kvar som Godkänd.`,
    (f) => `The cap (${cap} invited) allows ${f.count(fits, 'more guest', 'more guests')}; ${rest} ${f.plural(rest, 'stays', 'stay')} Approved.`),
  blockedList: (n: number): Msg => both(
    (f) => `${f.count(n, 'godkänd gäst blockeras', 'godkända gäster blockeras')} (skickas inte):`,
    (f) => `${f.count(n, 'approved guest is', 'approved guests are')} blocked (not sent):`),
  attention: (n: number): Msg => both(
    (f) => `${f.count(n, 'gäst', 'gäster')} behöver kontrolleras (Osäker/Misslyckad) under Gäster.`,
    (f) => `${f.count(n, 'guest needs', 'guests need')} checking (Uncertain/Failed) under Guests.`),
  nothing: (): Msg => fixed('Ingen godkänd gäst väntar på inbjudan.', 'No approved guest is waiting for an invitation.'),
  confirm: (): Msg => fixed('Skicka nu', 'Send now'),
  cancel: (): Msg => fixed('Avbryt', 'Cancel'),
  sendingTitle: (): Msg => fixed('Skickar inbjudningar', 'Sending invitations'),
  progress: (): Msg => fixed('Utskick', 'Sending'),
  progressText: (sent: number, other: number, total: number): Msg => both(
    (f) => `${sent} av ${total} skickade${other ? `; ${f.count(other, 'misslyckad eller osäker', 'misslyckade eller osäkra')}` : ''}`,
    (f) => `${f.num(sent)} of ${f.num(total)} sent${other ? `; ${f.num(other)} failed or uncertain` : ''}`),
  sending: (): Msg => fixed('Skickar … stäng inte sidopanelen.', 'Sending … do not close the sidebar.'),
  summary: (): Msg => fixed('Sammanfattning', 'Summary'),
  runSent: (): Msg => fixed('Skickade i den här körningen', 'Sent in this run'),
  runFailed: (): Msg => fixed('Misslyckade i den här körningen', 'Failed in this run'),
  runUncertain: (): Msg => fixed('Osäkra i den här körningen', 'Uncertain in this run'),
  checkList: (): Msg => fixed('Att kontrollera under Gäster:', 'To check under Guests:'),
  uncertainHelp: (): Msg => fixed('Osäker betyder att körningen avbröts mitt i ett utskick: titta i Skickat i Gmail. Har mejlet gått iväg väljer du Bekräfta skickad under Gäster, annars Skicka igen. De skickas aldrig om automatiskt.', 'Uncertain means the run stopped in the middle of a send: look in Gmail\'s Sent folder. If it went, choose Confirm sent under Guests, otherwise Send again. They are never re-sent automatically.'),
  failedHelp: (): Msg => fixed('Misslyckad: rätta adressen under Gäster och välj Skicka igen.', 'Failed: fix the address under Guests and choose Send again.'),
  outcomeAll: (): Msg => fixed('Alla godkända gäster har fått sin inbjudan.', 'Every approved guest has been invited.'),
  outcomeCheck: (n: number): Msg => both(
    (f) => `Alla som kunde skickas till har fått sin inbjudan; ${f.count(n, 'gäst', 'gäster')} behöver kontrolleras under Gäster (se nedan).`,
    (f) => `Everyone who could be sent to has their invitation; ${f.count(n, 'guest needs', 'guests need')} checking under Guests (see below).`),
  outcomeBlocked: (n: number): Msg => both(
    (f) => `Alla som kan få en inbjudan har fått den; ${f.count(n, 'godkänd gäst blockeras', 'godkända gäster blockeras')} (se skälen).`,
    (f) => `Everyone who can get an invitation has it; ${f.count(n, 'approved guest is', 'approved guests are')} blocked (see the reasons).`),
  outcomeQuota: (w: number): Msg => both(
    (f) => `Dagens e-postkvot är slut: ${f.count(w, 'godkänd gäst', 'godkända gäster')} väntar. Kvoten fylls på inom ett dygn; tryck Skicka inbjudningar i morgon. Inget skickas dubbelt.`,
    (f) => `Today's e-mail quota is used up: ${f.count(w, 'approved guest is', 'approved guests are')} waiting. It refills within 24 hours; press Send invitations tomorrow. Nothing is sent twice.`),
  outcomeCap: (w: number, cap: number): Msg => both(
    (f) => `Taket (${f.count(cap, 'inbjuden', 'inbjudna')}) är nått: ${f.count(w, 'godkänd gäst', 'godkända gäster')} väntar. Styrgruppen kan höja taket på bladet Inställningar.`,
    (f) => `The cap (${cap} invited) is reached: ${f.count(w, 'approved guest is', 'approved guests are')} waiting. The steering group can raise the cap on the Inställningar sheet.`),
  outcomeWaiting: (w: number): Msg => both(
    (f) => `${f.count(w, 'godkänd gäst', 'godkända gäster')} väntar fortfarande: tryck Skicka inbjudningar igen.`,
    (f) => `${f.count(w, 'approved guest is', 'approved guests are')} still waiting: press Send invitations again.`),
  outcomeStalled: (): Msg => fixed('Ett annat utskick pågår och tog över; inget skickades dubbelt. Tryck Uppdatera om en stund.', 'Another send is running and took over; nothing was sent twice. Press Refresh in a moment.'),
  interrupted: (): Msg => fixed('Utskicket avbröts. Inget skickas dubbelt: tryck Skicka inbjudningar igen för att fortsätta.', 'The send was interrupted. Nothing is sent twice: press Send invitations again to continue.'),
  done: (n: number): Msg => both(
    (f) => `Utskicket är klart: ${f.count(n, 'inbjudan skickad', 'inbjudningar skickade')}.`,
    (f) => `The send is complete: ${f.count(n, 'invitation', 'invitations')} sent.`),
  stopped: (n: number): Msg => both(
    (f) => `Utskicket har stannat: ${f.count(n, 'inbjudan skickad', 'inbjudningar skickade')}; se sammanfattningen.`,
    (f) => `The send has stopped: ${f.count(n, 'invitation', 'invitations')} sent; see the summary.`),
  sentTitle: (): Msg => fixed('Utskicket har körts', 'The send has run'),
  kind: (): Msg => fixed('Vilket mejl', 'Which mail'),
  kindInvitation: (): Msg => fixed('Inbjudan', 'Invitation'),
  kindReminder: (): Msg => fixed('Påminnelse', 'Reminder'),
  remindTitle: (): Msg => fixed('Påminnelser', 'Reminders'),
  notAnswered: (): Msg => fixed('Inbjudna som inte svarat', 'Invited, not answered'),
  latestRound: (n: number, when: string): Msg => fixed(`Senaste omgången: ${n}, startad ${when}.`, `Latest round: ${n}, started ${when}.`),
  noRoundYet: (): Msg => fixed('Ingen påminnelse har skickats än.', 'No reminder has been sent yet.'),
  remind: (): Msg => fixed('Skicka påminnelse …', 'Send a reminder …'),
  onlyLeaderRemind: (): Msg => fixed('Bara projektledaren kan skicka påminnelser.', 'Only the project leader can send reminders.'),
  remindConfirmTitle: (): Msg => fixed('Bekräfta påminnelsen', 'Confirm the reminder'),
  remindWho: (n: number): Msg => both(
    (f) => `${f.count(n, 'inbjuden gäst som inte svarat', 'inbjudna gäster som inte svarat')} får en påminnelse:`,
    (f) => `${f.count(n, 'invited guest who has not answered gets', 'invited guests who have not answered get')} a reminder:`),
  remindNobody: (): Msg => fixed('Alla inbjudna har svarat: ingen att påminna.', 'Every invited guest has answered: nobody to remind.'),
  lastReminded: (when: string): Msg => fixed((when ? `senast påmind ${when}` : 'aldrig påmind'), (when ? `last reminded ${when}` : 'never reminded')),
  remindStopsAtQuota: (fits: number, rest: number): Msg => both(
    (f) => `Dagens e-postkvot räcker till ${f.count(fits, 'påminnelse', 'påminnelser')}; ${rest} väntar till i morgon (fortsätt då omgången).`,
    (f) => `Today's e-mail quota covers ${f.count(fits, 'reminder', 'reminders')}; ${rest} ${f.plural(rest, 'waits', 'wait')} until tomorrow (continue the round then).`),
  remindBlocked: (n: number): Msg => both(
    (f) => `${f.count(n, 'gäst får', 'gäster får')} ingen påminnelse nu:`,
    (f) => `${f.count(n, 'guest gets', 'guests get')} no reminder now:`),
  newRound: (): Msg => fixed('Starta en ny omgång', 'Start a new round'),
  continueRound: (n: number, left: number): Msg => fixed(`Fortsätt omgång ${n} (${left} kvar)`, `Continue round ${n} (${left} left)`),
  roundHelp: (): Msg => fixed('En gäst får högst en påminnelse per omgång, även om utskicket avbryts. En ny omgång påminner alla som fortfarande inte svarat.', 'A guest gets at most one reminder per round, even if the send is interrupted. A new round reminds everyone who still has not answered.'),
  remindingTitle: (): Msg => fixed('Skickar påminnelser', 'Sending reminders'),
  remindProgress: (): Msg => fixed('Påminnelser', 'Reminders'),
  remindProgressText: (sent: number, other: number, total: number): Msg => both(
    (f) => `${sent} av ${total} skickade${other ? `; ${f.count(other, 'misslyckad eller osäker', 'misslyckade eller osäkra')}` : ''}`,
    (f) => `${f.num(sent)} of ${f.num(total)} sent${other ? `; ${f.num(other)} failed or uncertain` : ''}`),
  remindSentTitle: (): Msg => fixed('Påminnelsen har körts', 'The reminder has run'),
  remindDone: (round: number, n: number): Msg => both(
    (f) => `Omgång ${round} är klar: ${f.count(n, 'påminnelse skickad', 'påminnelser skickade')}.`,
    (f) => `Round ${round} is complete: ${f.count(n, 'reminder', 'reminders')} sent.`),
  remindStopped: (round: number, n: number): Msg => both(
    (f) => `Omgång ${round} har stannat: ${f.count(n, 'påminnelse skickad', 'påminnelser skickade')}; se sammanfattningen.`,
    (f) => `Round ${round} has stopped: ${f.count(n, 'reminder', 'reminders')} sent; see the summary.`),
  remindInterrupted: (): Msg => fixed('Påminnelsen avbröts. Ingen får samma påminnelse två gånger: öppna Skicka påminnelse igen och fortsätt omgången.', 'The reminder was interrupted. Nobody gets the same reminder twice: open Send a reminder again and continue the round.'),
};
