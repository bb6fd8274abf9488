/**
 * The RSVP web app (deployed "execute as me", "anyone, even anonymous"):
 * doGet renders the guest's page, submitRsvp records an answer. The token in
 * the link is checked against the key in script properties (read only: no
 * key means no valid link).
 */
import { answerRsvp, viewRsvp, type RsvpPage, type Verify } from '../app/rsvp';
import { msg } from '../core/msg';
import { verifyRsvpToken } from '../core/rsvp';
import { gasPorts } from './adapters';
import { handle } from './api';
import { one, RSVP_SECRET_KEY } from './invitations';

const verifier = (): Verify => {
  let secret: string | undefined;
  return (g, v, t) => verifyRsvpToken((secret ??= PropertiesService.getScriptProperties().getProperty(RSVP_SECRET_KEY) ?? ''), g, v, t);
};

export function rsvpPage(e?: { parameter?: Record<string, string> }): GoogleAppsScript.HTML.HtmlOutput {
  let page: RsvpPage;
  try {
    page = viewRsvp(gasPorts(), { g: e?.parameter?.g ?? '', v: e?.parameter?.v ?? '', t: e?.parameter?.t ?? '' }, verifier());
  } catch (err) {
    console.error(err instanceof Error ? err.stack || err.message : String(err));
    page = { ok: false, message: msg('Sidan kan inte visas just nu. Försök igen senare.', 'The page cannot be shown right now. Please try again later.') };
  }
  const lang = page.ok ? page.view.lang : 'sv';
  const heading = lang === 'sv' ? 'Svar på inbjudan' : 'Reply to the invitation';
  const title = page.ok ? `${heading} – ${page.view.eventName}` : heading;
  const tpl = HtmlService.createTemplateFromFile('Rsvp');
  tpl.lang = lang;
  tpl.title = title;
  tpl.json = JSON.stringify(page); // <?= ?> escapes it for the data-view attribute
  return tpl.evaluate().setTitle(title).addMetaTag('viewport', 'width=device-width, initial-scale=1')
    .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.DEFAULT);
}

/** `[{ g, v, t, answer: 'ja' | 'nej', diet?, consent? }]` from the RSVP page; the token (over the guest and the link version) is the authority. */
export const submitRsvp = (...args: unknown[]) =>
  handle(one, args, ([input], { ports }) => answerRsvp(ports, input, verifier()), { forGuests: true });
