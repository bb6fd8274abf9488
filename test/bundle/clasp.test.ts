/** What `clasp push` would send is exactly what the build wrote (clasp status works offline). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

test('clasp status --json lists exactly the manifest, Code.js and the pages', () => {
  const out = execFileSync(path.join(root, 'node_modules/.bin/clasp'), ['status', '--json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const status = JSON.parse(out.slice(out.indexOf('{'))) as { filesToPush: string[]; untrackedFiles: string[] };
  const built = fs.readdirSync(path.join(root, 'appsscript')).map((f) => `appsscript/${f}`);
  expect([...status.filesToPush].sort()).toEqual(built.sort());
  expect(status.filesToPush).toEqual(expect.arrayContaining(['appsscript/appsscript.json', 'appsscript/Code.js', 'appsscript/Overview.html']));
  expect(status.untrackedFiles).toEqual([]);
}, 60_000);
