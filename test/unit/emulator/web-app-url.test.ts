/** ScriptApp.getService(): the web app's URL per EmulatorOptions.webAppDeployment. */
import { newEmu, run } from './helpers';

const URL_AND_STATE = `var s = ScriptApp.getService(); return [s.getUrl(), s.isEnabled()];`;

// Reference: developers.google.com/apps-script/reference/script/service (apps-script-platform.md
// "Execution contexts"): getUrl() "Returns the URL of the web app, if it has been deployed; otherwise
// returns null. If you are running the development mode web app, this returns the development mode
// url"; isEnabled() "true if the script is published as a web app; false if not".
describe('ScriptApp.getService()', () => {
  test("'exec' (default): the deployment's URL, serviceUrl as given", () => {
    expect(run(newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec' }), URL_AND_STATE)).toEqual(['https://script.google.com/macros/s/AKfy/exec', true]);
    expect(run(newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec', webAppDeployment: 'exec' }), URL_AND_STATE)).toEqual(['https://script.google.com/macros/s/AKfy/exec', true]);
  });

  test("'dev': the test deployment's URL ends in /dev instead of /exec", () => {
    expect(run(newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec', webAppDeployment: 'dev' }), URL_AND_STATE)).toEqual(['https://script.google.com/macros/s/AKfy/dev', true]);
    // serviceUrl stays the base, also when the sandbox sets it after starting (src/sandbox/server.ts).
    const emu = newEmu({ webAppDeployment: 'dev' });
    emu.serviceUrl = 'http://127.0.0.1:4567/exec';
    expect(run(emu, URL_AND_STATE)).toEqual(['http://127.0.0.1:4567/dev', true]);
    emu.serviceUrl = 'http://127.0.0.1:4567/';
    expect(run(emu, URL_AND_STATE)).toEqual(['http://127.0.0.1:4567/dev', true]);
  });

  test("'none': not deployed yet, so null and not enabled, in every kind of execution", () => {
    const emu = newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec', webAppDeployment: 'none' });
    expect(run(emu, URL_AND_STATE)).toEqual([null, false]);
    expect(run(emu, URL_AND_STATE, { authMode: 'LIMITED' })).toEqual([null, false]);
    // A script that builds a link from it gets "null" glued in: what a product must refuse to send.
    expect(run(emu, `return ScriptApp.getService().getUrl() + '?g=1';`)).toBe('null?g=1');
  });

  test('the deployment can change while the emulator lives (deploying later)', () => {
    const emu = newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec', webAppDeployment: 'none' });
    expect(run(emu, URL_AND_STATE)).toEqual([null, false]);
    emu.webAppDeployment = 'exec';
    expect(run(emu, URL_AND_STATE)).toEqual(['https://script.google.com/macros/s/AKfy/exec', true]);
  });

  test('an unknown variant is refused', () => {
    expect(() => newEmu({ webAppDeployment: 'prod' as 'exec' })).toThrow('Unknown webAppDeployment: prod');
  });
});
