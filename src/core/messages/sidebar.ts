/**
 * Messages every sidebar shares (the skip links' navigation): Swedish and English side by side (see src/core/i18n.ts).
 */
import type { GuestStatus } from '../guests';
import { both, fixed, nameOf } from '../i18n';
import type { Msg } from '../msg';

const STATUSES = {
  Föreslagen: fixed('Föreslagen', 'Proposed'), Godkänd: fixed('Godkänd', 'Approved'), Skickar: fixed('Skickar', 'Sending'),
  Inbjuden: fixed('Inbjuden', 'Invited'), 'Tackat ja': fixed('Tackat ja', 'Accepted'), 'Tackat nej': fixed('Tackat nej', 'Declined'),
  Återbud: fixed('Återbud', 'Cancelled'), Osäker: fixed('Osäker', 'Uncertain'), Misslyckad: fixed('Misslyckad', 'Failed'),
} satisfies Record<GuestStatus, Msg>;

export const sidebarMsg = {
  /** A guest status as Gäster and Inbjudningar show it (the sheet keeps the Swedish value; one not in the union is shown as it is). */
  guestStatus: (s: string): Msg => nameOf(STATUSES, s),
  skipTo: (): Msg => fixed('Hoppa till', 'Skip to'),
  /** The invitation places in use, said the same way in Gäster and Inbjudningar (issue 9, point 4). */
  placesUsed: (used: number, cap: number): Msg => both(
    (f) => `${f.num(used)} av ${f.num(cap)} inbjudningsplatser använda`,
    (f) => `${f.num(used)} of ${f.num(cap)} invitation places used`),
};
