/**
 * A guest invited to no Program item (Gäster → Evenemang empty) is blocked at send time with a reason that
 * says so, in both languages, naming the column, not a bare "Värde saknas för {{Inbjuden till}}"
 * (issue 10). Run from the built Code.js in the emulator.
 */
import { PL, api } from '../support/bundle';
import { sendAll, workbookWithGuests } from '../support/invitations';

const SV = 'Ingen programpunkt är vald för gästen (kolumnen Evenemang på bladet Gäster), så {{Inbjuden till}} skulle bli tom. Välj gästens programpunkter i sidopanelen Gäster.';
// The placeholder is named as the guest's template (Swedish, for G-0001) writes it.
const EN = "No programme item is chosen for the guest (the column Evenemang on the Gäster sheet), so {{Inbjuden till}} would be empty. Choose the guest's programme items in the Guests sidebar.";

test('a guest with no programme item is blocked at send time, told why in Swedish and in English; the others are sent', () => {
  const emu = workbookWithGuests(2); // G-0001 sv, G-0002 en; both approved
  const saved = api(emu, 'saveGuest', [{ id: 'G-0001', events: [] }], PL);
  expect(saved.ok).toBe(true);
  const plan = api<{ plan: { blocked: { id: string; reasons: { sv: string; en: string }[] }[] } }>(emu, 'getSendPlan', [], PL);
  if (!plan.ok) throw new Error(plan.message);
  const blocked = plan.data.plan.blocked.find((b) => b.id === 'G-0001')!;
  expect(blocked.reasons).toEqual([{ sv: SV, en: EN }]);
  const progress = sendAll(emu);
  expect(emu.outbox().map((o) => o.to[0])).toEqual(['gast1@example.org']);
  expect(JSON.stringify(progress)).not.toContain('Värde saknas');
});
