/**
 * Texts of the sidebar "Självtest av installationen" (src/ui/pages/SelfTest.ts): Swedish and English side by
 * side (see src/core/i18n.ts). What each check found and what to do come from the server (selftest.ts).
 */
import type { SelfTestCheckId, SelfTestStatus } from '../api';
import { both, fixed } from '../i18n';
import type { Msg } from '../msg';

export const selftestPageMsg = {
  loading: (): Msg => fixed('Kör självtestet …', 'Running the self-test …'),
  loaded: (): Msg => fixed('Självtestet är klart.', 'The self-test is done.'),
  refresh: (): Msg => fixed('Kör igen', 'Run again'),
  user: (u: string): Msg => fixed(`Inloggad som ${u || 'okänd användare'} (administratör)`, `Signed in as ${u || 'unknown user'} (administrator)`),
  intro: (): Msg => fixed(
    'Kontrollerar det Summit Planner förutsätter av Google på just den här installationen. Kör det en gång efter driftsättningen och efter ändringar av delning, roller eller driftsättning.',
    'Checks what Summit Planner assumes of Google on this very installation. Run it once after deploying, and after changes to sharing, roles or the deployment.'),
  summary: (ok: number, fail: number, info: number): Msg => both(
    (f) => `${fail === 0 ? `Alla ${ok} kontroller är OK` : `${f.count(fail, 'kontroll', 'kontroller')} är inte OK, ${ok} är OK`}${info ? `; ${f.count(info, 'punkt', 'punkter')} är information` : ''}.`,
    (f) => `${fail === 0 ? `All ${ok} checks are OK` : `${f.count(fail, 'check', 'checks')} ${f.plural(fail, 'is', 'are')} not OK, ${ok} are OK`}${info ? `; ${f.count(info, 'item', 'items')} ${f.plural(info, 'is', 'are')} information` : ''}.`),
  status: (s: SelfTestStatus): Msg => ({
    ok: fixed('OK', 'OK'), fail: fixed('Inte OK', 'Not OK'), info: fixed('Info', 'Info'),
  } satisfies Record<SelfTestStatus, Msg>)[s],
  title: (id: SelfTestCheckId): Msg => ({
    timeZone: fixed('Tidszon', 'Time zone'),
    locale: fixed('Språkkod', 'Locale'),
    user: fixed('Vem som arbetar', 'Who is working'),
    locks: fixed('Skriptlås och dokumentlås', 'Script lock and document lock'),
    protections: fixed('Skydd på bladen', 'Sheet protection'),
    webApp: fixed('Webbappen är driftsatt', 'The web app is deployed'),
    webAppLink: fixed('Webbappen når arbetsboken', 'The web app reaches the workbook'),
    mailQuota: fixed('Mejlkvot', 'Mail quota'),
    log: fixed('Loggen och dess ankare', 'The log and its anchor'),
    owner: fixed('Ägare', 'Owner'),
  } satisfies Record<SelfTestCheckId, Msg>)[id],
  found: (): Msg => fixed('Hittat', 'Found'),
  fix: (): Msg => fixed('Gör så här', 'What to do'),
  link: (): Msg => fixed('Öppna webbappens självtest', 'Open the web app\'s self-test'),
  newTab: (): Msg => fixed('(öppnas i en ny flik)', '(opens in a new tab)'),
};
