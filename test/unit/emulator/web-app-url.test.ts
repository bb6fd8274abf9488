/** ScriptApp.getService(): the web app's GET_URL per EmulatorOptions.webAppDeployment. */
import { newEmu, run } from './helpers';

const GET_URL = `return ScriptApp.getService().getUrl();`;

// Reference: developers.google.com/apps-script/reference/script/service (apps-script-platform.md
// "Execution contexts"): getUrl() "Returns the GET_URL of the web app, if it has been deployed; otherwise
// returns null. If you are running the development mode web app, this returns the development mode
// url".
describe('ScriptApp.getService()', () => {
  test("'exec' (default): the deployment's GET_URL, serviceUrl as given", () => {
    expect(run(newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec' }), GET_URL)).toBe('https://script.google.com/macros/s/AKfy/exec');
    expect(run(newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec', webAppDeployment: 'exec' }), GET_URL)).toBe('https://script.google.com/macros/s/AKfy/exec');
  });

  test("'dev': the test deployment's GET_URL ends in /dev instead of /exec", () => {
    expect(run(newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec', webAppDeployment: 'dev' }), GET_URL)).toBe('https://script.google.com/macros/s/AKfy/dev');
    // serviceUrl stays the base, also when the sandbox sets it after starting (src/sandbox/server.ts).
    const emu = newEmu({ webAppDeployment: 'dev' });
    emu.serviceUrl = 'http://127.0.0.1:4567/exec';
    expect(run(emu, GET_URL)).toBe('http://127.0.0.1:4567/dev');
    emu.serviceUrl = 'http://127.0.0.1:4567/';
    expect(run(emu, GET_URL)).toBe('http://127.0.0.1:4567/dev');
  });

  test("'none': not deployed yet, so null, in every kind of execution", () => {
    const emu = newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec', webAppDeployment: 'none' });
    expect(run(emu, GET_URL)).toBe(null);
    expect(run(emu, GET_URL, { authMode: 'LIMITED' })).toBe(null);
    // A script that builds a link from it gets "null" glued in: what a product must refuse to send.
    expect(run(emu, `return ScriptApp.getService().getUrl() + '?g=1';`)).toBe('null?g=1');
  });

  test('the deployment can change while the emulator lives (deploying later)', () => {
    const emu = newEmu({ serviceUrl: 'https://script.google.com/macros/s/AKfy/exec', webAppDeployment: 'none' });
    expect(run(emu, GET_URL)).toBe(null);
    emu.webAppDeployment = 'exec';
    expect(run(emu, GET_URL)).toBe('https://script.google.com/macros/s/AKfy/exec');
  });

  test('an unknown variant is refused', () => {
    expect(() => newEmu({ webAppDeployment: 'prod' as 'exec' })).toThrow('Unknown webAppDeployment: prod');
  });
});
