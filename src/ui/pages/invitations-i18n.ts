/**
 * Texts of the "Inbjudningar" sidebar. Swedish first; English for English locales.
 *
 * One set of terms for the figures (issue 9, point 4): "i den här körningen" / "in this run" is
 * what the run just sent, over all its batches; "Inbjudna" / "Invited" is every guest whose
 * invitation has (or may have) been mailed; the places in use are said in Gäster's own words
 * (`places` is guestTexts().cap, word for word: a unit test holds them together, so this page
 * doesn't carry Gäster's whole dictionary). A count takes the singular at exactly 1, in both languages.
 */
import type { Role } from '../../core/settings';

/** `n` and the noun phrase that agrees with it: singular at exactly 1 (Swedish and English alike). */
export const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

const ROLE_SV: Record<Role, string> = { styrgrupp: 'styrgrupp', projektledare: 'projektledare', ekonomi: 'ekonomi' };
const ROLE_EN: Record<Role, string> = { styrgrupp: 'steering group', projektledare: 'project leader', ekonomi: 'finance' };

const sv = {
  loading: 'Hämtar gästerna …',
  refresh: 'Uppdatera',
  viewer: (u: string, roles: readonly Role[]) =>
    `Inloggad som ${u || 'okänd användare'} (${roles.length ? roles.map((r) => ROLE_SV[r]).join(', ') : 'läsbehörighet'})`,
  stateTitle: 'Läget just nu',
  approvedWaiting: 'Godkända, inte inbjudna än',
  invited: 'Inbjudna',
  toCheck: 'Att kontrollera (Osäker, Misslyckad)',
  places: (used: number, cap: number) => `${used} av ${cap} inbjudningsplatser använda`,
  onlyLeader: 'Bara projektledaren kan skicka inbjudningar.',
  onlyPreview: 'Bara projektledaren och styrgruppen kan förhandsgranska inbjudningar och skicka test.',
  previewTitle: 'Förhandsgranska',
  pick: 'Gäst att förhandsgranska',
  pickFirst: 'Välj först vilken gäst testet ska gälla.',
  none: '– välj en gäst –',
  to: 'Till',
  subject: 'Ämne',
  html: 'Så ser inbjudan ut (HTML)',
  frameTitle: 'Förhandsvisning av inbjudan',
  text: 'Textversion',
  attachments: 'Bilagor',
  blocked: 'Inbjudan kan inte skickas:',
  test: 'Skicka test till mig',
  testSent: (to: string) => `Testet är skickat till ${to}.`,
  send: 'Skicka inbjudningar …',
  confirmTitle: 'Bekräfta utskicket',
  confirmWho: (n: number) => `${plural(n, 'godkänd gäst', 'godkända gäster')} får sin inbjudan nu:`,
  confirmFrom: (acc: string, name: string, reply: string) =>
    `Skickas från ditt konto ${acc || '(okänt)'}${name ? ` med avsändarnamnet "${name}"` : ''}${reply ? `, svar till ${reply}` : ''}.`,
  quota: (q: number) => `E-postkvot kvar i dag: ${q} mejl.`,
  stopsAtQuota: (fits: number, rest: number) =>
    `Dagens e-postkvot räcker till ${plural(fits, 'gäst', 'gäster')}; ${rest} väntar kvar som Godkänd till i morgon.`,
  stopsAtCap: (fits: number, rest: number, cap: number) =>
    `Taket (${plural(cap, 'inbjuden', 'inbjudna')}) räcker till ${plural(fits, 'gäst', 'gäster')} till; ${rest} väntar kvar som Godkänd.`,
  blockedList: (n: number) => `${plural(n, 'godkänd gäst blockeras', 'godkända gäster blockeras')} (skickas inte):`,
  attention: (n: number) => `${plural(n, 'gäst', 'gäster')} behöver kontrolleras (Osäker/Misslyckad) under Gäster.`,
  nothing: 'Ingen godkänd gäst väntar på inbjudan.',
  confirm: 'Skicka nu',
  cancel: 'Avbryt',
  sendingTitle: 'Skickar inbjudningar',
  progress: 'Utskick',
  progressText: (sent: number, other: number, total: number) =>
    `${sent} av ${total} skickade${other ? `; ${plural(other, 'misslyckad eller osäker', 'misslyckade eller osäkra')}` : ''}`,
  sending: 'Skickar … stäng inte sidopanelen.',
  summary: 'Sammanfattning',
  runSent: 'Skickade i den här körningen',
  runFailed: 'Misslyckade i den här körningen',
  runUncertain: 'Osäkra i den här körningen',
  checkList: 'Att kontrollera under Gäster:',
  uncertainHelp: 'Osäker betyder att körningen avbröts mitt i ett utskick: titta i Skickat i Gmail. Har mejlet gått iväg väljer du Bekräfta skickad under Gäster, annars Skicka igen. De skickas aldrig om automatiskt.',
  failedHelp: 'Misslyckad: rätta adressen under Gäster och välj Skicka igen.',
  outcomeAll: 'Alla godkända gäster har fått sin inbjudan.',
  outcomeCheck: (n: number) =>
    `Alla som kunde skickas till har fått sin inbjudan; ${plural(n, 'gäst', 'gäster')} behöver kontrolleras under Gäster (se nedan).`,
  outcomeBlocked: (n: number) =>
    `Alla som kan få en inbjudan har fått den; ${plural(n, 'godkänd gäst blockeras', 'godkända gäster blockeras')} (se skälen).`,
  outcomeQuota: (w: number) =>
    `Dagens e-postkvot är slut: ${plural(w, 'godkänd gäst', 'godkända gäster')} väntar. Kvoten fylls på inom ett dygn; tryck Skicka inbjudningar i morgon. Inget skickas dubbelt.`,
  outcomeCap: (w: number, cap: number) =>
    `Taket (${plural(cap, 'inbjuden', 'inbjudna')}) är nått: ${plural(w, 'godkänd gäst', 'godkända gäster')} väntar. Styrgruppen kan höja taket på bladet Inställningar.`,
  outcomeWaiting: (w: number) => `${plural(w, 'godkänd gäst', 'godkända gäster')} väntar fortfarande: tryck Skicka inbjudningar igen.`,
  outcomeStalled: 'Ett annat utskick pågår och tog över; inget skickades dubbelt. Tryck Uppdatera om en stund.',
  interrupted: 'Utskicket avbröts. Inget skickas dubbelt: tryck Skicka inbjudningar igen för att fortsätta.',
  done: (n: number) => `Utskicket är klart: ${plural(n, 'inbjudan skickad', 'inbjudningar skickade')}.`,
  stopped: (n: number) => `Utskicket har stannat: ${plural(n, 'inbjudan skickad', 'inbjudningar skickade')}; se sammanfattningen.`,
  sentTitle: 'Utskicket har körts',
};
type Texts = typeof sv;
const en: Texts = {
  loading: 'Loading the guests …',
  refresh: 'Refresh',
  viewer: (u, roles) => `Signed in as ${u || 'unknown user'} (${roles.length ? roles.map((r) => ROLE_EN[r]).join(', ') : 'read only'})`,
  stateTitle: 'Where things stand',
  approvedWaiting: 'Approved, not yet invited',
  invited: 'Invited',
  toCheck: 'To check (Uncertain, Failed)',
  places: (used, cap) => `${used} of ${cap} invitation places used`,
  onlyLeader: 'Only the project leader can send invitations.',
  onlyPreview: 'Only the project leader and the steering group can preview invitations and send a test.',
  previewTitle: 'Preview',
  pick: 'Guest to preview',
  pickFirst: 'First choose the guest the test is for.',
  none: '– choose a guest –',
  to: 'To',
  subject: 'Subject',
  html: 'What the invitation looks like (HTML)',
  frameTitle: 'Invitation preview',
  text: 'Plain-text version',
  attachments: 'Attachments',
  blocked: 'The invitation cannot be sent:',
  test: 'Send a test to me',
  testSent: (to) => `The test was sent to ${to}.`,
  send: 'Send invitations …',
  confirmTitle: 'Confirm the send',
  confirmWho: (n) => `${plural(n, 'approved guest gets their', 'approved guests get their')} invitation now:`,
  confirmFrom: (acc, name, reply) => `Sent from your account ${acc || '(unknown)'}${name ? ` with the sender name "${name}"` : ''}${reply ? `, replies to ${reply}` : ''}.`,
  quota: (q) => `E-mail quota left today: ${plural(q, 'message', 'messages')}.`,
  stopsAtQuota: (fits, rest) => `Today's e-mail quota covers ${plural(fits, 'guest', 'guests')}; ${rest} ${rest === 1 ? 'stays' : 'stay'} Approved until tomorrow.`,
  stopsAtCap: (fits, rest, cap) => `The cap (${cap} invited) allows ${plural(fits, 'more guest', 'more guests')}; ${rest} ${rest === 1 ? 'stays' : 'stay'} Approved.`,
  blockedList: (n) => `${plural(n, 'approved guest is', 'approved guests are')} blocked (not sent):`,
  attention: (n) => `${plural(n, 'guest needs', 'guests need')} checking (Uncertain/Failed) under Guests.`,
  nothing: 'No approved guest is waiting for an invitation.',
  confirm: 'Send now',
  cancel: 'Cancel',
  sendingTitle: 'Sending invitations',
  progress: 'Sending',
  progressText: (sent, other, total) => `${sent} of ${total} sent${other ? `; ${other} failed or uncertain` : ''}`,
  sending: 'Sending … do not close the sidebar.',
  summary: 'Summary',
  runSent: 'Sent in this run',
  runFailed: 'Failed in this run',
  runUncertain: 'Uncertain in this run',
  checkList: 'To check under Guests:',
  uncertainHelp: 'Uncertain means the run stopped in the middle of a send: look in Gmail\'s Sent folder. If it went, choose Confirm sent under Guests, otherwise Send again. They are never re-sent automatically.',
  failedHelp: 'Failed: fix the address under Guests and choose Send again.',
  outcomeAll: 'Every approved guest has been invited.',
  outcomeCheck: (n) => `Everyone who could be sent to has their invitation; ${plural(n, 'guest needs', 'guests need')} checking under Guests (see below).`,
  outcomeBlocked: (n) => `Everyone who can get an invitation has it; ${plural(n, 'approved guest is', 'approved guests are')} blocked (see the reasons).`,
  outcomeQuota: (w) =>
    `Today's e-mail quota is used up: ${plural(w, 'approved guest is', 'approved guests are')} waiting. It refills within 24 hours; press Send invitations tomorrow. Nothing is sent twice.`,
  outcomeCap: (w, cap) =>
    `The cap (${cap} invited) is reached: ${plural(w, 'approved guest is', 'approved guests are')} waiting. The steering group can raise the cap on the Inställningar sheet.`,
  outcomeWaiting: (w) => `${plural(w, 'approved guest is', 'approved guests are')} still waiting: press Send invitations again.`,
  outcomeStalled: 'Another send is running and took over; nothing was sent twice. Press Refresh in a moment.',
  interrupted: 'The send was interrupted. Nothing is sent twice: press Send invitations again to continue.',
  done: (n) => `The send is complete: ${plural(n, 'invitation', 'invitations')} sent.`,
  stopped: (n) => `The send has stopped: ${plural(n, 'invitation', 'invitations')} sent; see the summary.`,
  sentTitle: 'The send has run',
};

export const invitationTexts = (lang: 'sv' | 'en'): Texts => (lang === 'en' ? en : sv);
