/**
 * Messages every sidebar shares (the skip links' navigation): Swedish and English side by side (see src/core/i18n.ts).
 */
import { fixed } from '../i18n';
import type { Msg } from '../msg';

export const sidebarMsg = {
  skipTo: (): Msg => fixed('Hoppa till', 'Skip to'),
};
