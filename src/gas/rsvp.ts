/**
 * The RSVP web app (deployed "execute as me", "anyone, even anonymous"):
 * doGet renders the guest's page, submitRsvp records an answer. The token in
 * the link is checked against the key in script properties (read only: no
 * key means no valid link). The link's tag names the workbook: an add-on's
 * web app has no document of its own, so it opens the one the tag was
 * recorded for (src/gas/invitations.ts).
 */
import type { Ports } from '../app/ports';
import { answerRsvp, viewRsvp, type LinkKey, type RsvpPage, type Verify } from '../app/rsvp';
import { rsvpUrl, verifyRsvpToken, WORKBOOK_TAG } from '../core/rsvp';
import type { RsvpLinkFor } from '../app/merge';
import { gasPorts } from './adapters';
import { handle } from './api';
import { one, RSVP_SECRET_KEY, WORKBOOK_PREFIX } from './invitations';
import { gasMsg } from '../core/messages/gas';

/**
 * The ports and the token check for a link's tag: the workbook recorded for
 * it, or (links made before tags) the web app's own document. An unknown tag,
 * or an untagged link where the web app has no document, verifies nothing, so
 * the page gives its neutral answer without opening a file.
 */
function forLink(w: unknown): { ports: Ports; verify: Verify; links: RsvpLinkFor } {
  const props = PropertiesService.getScriptProperties();
  const tag = typeof w === 'string' && WORKBOOK_TAG.test(w) ? w : '';
  const id = tag ? props.getProperty(WORKBOOK_PREFIX + tag) : null;
  const secret = props.getProperty(RSVP_SECRET_KEY) ?? '';
  const located = (k: LinkKey): boolean => (k.w === '' ? SpreadsheetApp.getActiveSpreadsheet() !== null : k.w === tag && id !== null);
  return {
    ports: gasPorts(id ?? undefined),
    verify: (k) => verifyRsvpToken(secret, k.g, k.v, k.t, k.w) && located(k),
    // An offer of a freed seat carries the waiting guest's own link, made like the invitations' (same key, same tag).
    links: (g) => rsvpUrl(ScriptApp.getService().getUrl() || '', secret, g.id, g.version, tag),
  };
}

export function rsvpPage(e?: { parameter?: Record<string, string> }): GoogleAppsScript.HTML.HtmlOutput {
  let page: RsvpPage;
  try {
    const p = e?.parameter ?? {};
    const { ports, verify, links } = forLink(p.w);
    // With the links: opening the page passes on a seat the waiting list is owed (src/app/waitlist.ts).
    page = viewRsvp(ports, { w: p.w ?? '', g: p.g ?? '', v: p.v ?? '', t: p.t ?? '' }, verify, links);
  } catch (err) {
    console.error(err instanceof Error ? err.stack || err.message : String(err));
    page = { ok: false, message: gasMsg.rsvpUnavailable() };
  }
  const lang = page.ok ? page.view.lang : 'sv';
  const heading = gasMsg.rsvpHeading()[lang];
  const title = page.ok ? `${heading} – ${page.view.eventName}` : heading;
  const tpl = HtmlService.createTemplateFromFile('Rsvp');
  tpl.lang = lang;
  tpl.title = title;
  tpl.json = JSON.stringify(page); // <?= ?> escapes it for the data-view attribute
  return tpl.evaluate().setTitle(title).addMetaTag('viewport', 'width=device-width, initial-scale=1')
    .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.DEFAULT);
}

/** `[{ w, g, v, t, answer: 'ja' | 'nej', diet?, consent? }]` from the RSVP page; the token (over the workbook, the guest and the link version) is the authority. */
export const submitRsvp = (...args: unknown[]) => handle(one, args, ([input]) => {
  const { ports, verify, links } = forLink(input && typeof input === 'object' ? (input as { w?: unknown }).w : undefined);
  return answerRsvp(ports, input, verify, links);
}, { forGuests: true });
