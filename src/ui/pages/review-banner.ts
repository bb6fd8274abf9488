/**
 * The review box other sidebars show: the changes made directly on the sheets that wait for review, and a
 * button that opens Granska ändringar. Texts from the catalogue (src/core/messages/review-page.ts).
 */
import { inLang } from '../../core/i18n';
import { reviewPageMsg } from '../../core/messages/review-page';
import type { Msg } from '../../core/msg';
import { announce, h } from '../dom';
import { call } from '../rpc';

/**
 * "Confirmed or undone in Granska ändringar" with a button that opens that
 * sidebar; a failure is announced in `status`.
 */
export function reviewPointer(lang: 'sv' | 'en', status: HTMLElement, id = 'open-review'): HTMLElement {
  const t = inLang(reviewPageMsg, lang);
  const button = h('button', { type: 'button', class: 'secondary', id }, t.open);
  button.addEventListener('click', () => {
    button.disabled = true;
    announce(status, t.opening);
    call('menuReview').catch((e: unknown) => announce(status, (e as Error).message, 'error')).finally(() => { button.disabled = false; });
  });
  return h('div', { class: 'review-pointer' }, h('p', {}, t.pointer), button);
}

/**
 * The changes that wait for review as a labelled section (heading, an
 * optional intro, at most `max` messages, the pointer); null when none.
 */
export function reviewBanner(lang: 'sv' | 'en', status: HTMLElement, list: readonly Msg[], o: { id: string; intro?: string; max?: number }): HTMLElement | null {
  if (!list.length) return null;
  const t = inLang(reviewPageMsg, lang);
  const max = o.max ?? 10;
  const more = list.length - max;
  const heading = h('h2', { id: `${o.id}-h` }, t.waitingTitle);
  // Inside the box whatever rule a page draws above its h2s (CSSOM: no inline style attribute).
  Object.assign(heading.style, { borderTop: '0', paddingTop: '0', marginTop: '0' });
  return h('section', { class: 'status status-error', id: o.id, 'aria-labelledby': `${o.id}-h` },
    heading,
    o.intro ? h('p', {}, o.intro) : null,
    h('ul', { id: `${o.id}-list` }, ...list.slice(0, max).map((x) => h('li', {}, x[lang])), more > 0 ? h('li', {}, t.more(more)) : null),
    reviewPointer(lang, status, `${o.id}-open`));
}
