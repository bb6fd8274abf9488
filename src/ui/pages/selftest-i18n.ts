/**
 * Texts of "Självtest av installationen" (Swedish first; English when the
 * page lang is en). What each check found and what to do come from the
 * server (src/core/selftest.ts) in both languages.
 */
import type { SelfTestCheckId, SelfTestStatus } from '../../core/api';

const sv = {
  loading: 'Kör självtestet …',
  loaded: 'Självtestet är klart.',
  refresh: 'Kör igen',
  user: (u: string) => `Inloggad som ${u || 'okänd användare'} (administratör)`,
  intro: 'Kontrollerar det Summit Planner förutsätter av Google på just den här installationen. Kör det en gång efter driftsättningen och efter ändringar av delning, roller eller driftsättning.',
  summary: (ok: number, fail: number, info: number) => `${fail === 0
    ? `Alla ${ok} kontroller är OK`
    : `${fail === 1 ? '1 kontroll är' : `${fail} kontroller är`} inte OK, ${ok} är OK`}${info ? `; ${info === 1 ? '1 punkt är' : `${info} punkter är`} information` : ''}.`,
  status: { ok: 'OK', fail: 'Inte OK', info: 'Info' } as Record<SelfTestStatus, string>,
  titles: {
    timeZone: 'Tidszon',
    locale: 'Språkkod',
    user: 'Vem som arbetar',
    locks: 'Skriptlås och dokumentlås',
    protections: 'Skydd på bladen',
    webApp: 'Webbappen är driftsatt',
    webAppLink: 'Webbappen når arbetsboken',
    mailQuota: 'Mejlkvot',
    log: 'Loggen och dess ankare',
    owner: 'Ägare',
  } as Record<SelfTestCheckId, string>,
  found: 'Hittat',
  fix: 'Gör så här',
  link: 'Öppna webbappens självtest',
  newTab: '(öppnas i en ny flik)',
};
export type SelfTestTexts = typeof sv;

const en: SelfTestTexts = {
  loading: 'Running the self-test …',
  loaded: 'The self-test is done.',
  refresh: 'Run again',
  user: (u) => `Signed in as ${u || 'unknown user'} (administrator)`,
  intro: 'Checks what Summit Planner assumes of Google on this very installation. Run it once after deploying, and after changes to sharing, roles or the deployment.',
  summary: (ok, fail, info) => `${fail === 0
    ? `All ${ok} checks are OK`
    : `${fail === 1 ? '1 check is' : `${fail} checks are`} not OK, ${ok} are OK`}${info ? `; ${info === 1 ? '1 item is' : `${info} items are`} information` : ''}.`,
  status: { ok: 'OK', fail: 'Not OK', info: 'Info' },
  titles: {
    timeZone: 'Time zone',
    locale: 'Locale',
    user: 'Who is working',
    locks: 'Script lock and document lock',
    protections: 'Sheet protection',
    webApp: 'The web app is deployed',
    webAppLink: 'The web app reaches the workbook',
    mailQuota: 'Mail quota',
    log: 'The log and its anchor',
    owner: 'Owner',
  },
  found: 'Found',
  fix: 'What to do',
  link: 'Open the web app\'s self-test',
  newTab: '(opens in a new tab)',
};

export const selfTestTexts = (lang: 'sv' | 'en'): SelfTestTexts => (lang === 'en' ? en : sv);
