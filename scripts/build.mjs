// Builds exactly what `clasp push` sends into appsscript/ (clasp's rootDir):
//   Code.js      one classic script: an IIFE (global `SummitPlanner`) plus one
//                top-level `function` per export of src/gas/main.ts, so Apps
//                Script sees real entry points and nothing else leaks.
//   <Page>.html  every src/ui/pages/<Page>.html with its <Page>.ts bundled and
//                inlined (and <Page>.css if present).
// appsscript.json is committed in appsscript/ and left alone.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'appsscript');
const entry = path.join(root, 'src/gas/main.ts');
const pagesDir = path.join(root, 'src/ui/pages');
const GLOBAL = 'SummitPlanner';
const IDENT = /^[A-Za-z$][\w$]*$/;

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  // Clean everything but the manifest, so a removed page or file is not pushed.
  for (const f of fs.readdirSync(outDir)) {
    if (f !== 'appsscript.json') fs.rmSync(path.join(outDir, f), { recursive: true, force: true });
  }

  // Pass 1: read the entry's export names.
  const probe = await esbuild.build({
    entryPoints: [entry], bundle: true, format: 'esm', write: false, metafile: true,
    platform: 'neutral', target: 'es2020', logLevel: 'silent',
  });
  const out = Object.values(probe.metafile.outputs).find((o) => o.entryPoint);
  const exportsList = [...out.exports].sort();
  for (const name of exportsList) {
    if (!IDENT.test(name)) throw new Error(`entry export "${name}" is not a valid function name`);
  }

  // Pass 2: the real bundle, entry points as top-level function declarations.
  // UPPER_CASE exports are custom functions: Sheets offers them in autocomplete
  // only when the top-level declaration carries a @customfunction JSDoc tag.
  const footer = exportsList
    .map((n) => `${/^[A-Z][A-Z0-9_]*$/.test(n) ? '/** @customfunction */\n' : ''}function ${n}(){return ${GLOBAL}.${n}.apply(this,arguments)}`)
    .join('\n');
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, format: 'iife', globalName: GLOBAL,
    platform: 'neutral', target: 'es2020', minify: true, legalComments: 'none',
    // Swedish text stays UTF-8 (Apps Script reads UTF-8 sources) instead of \xE5-style escapes.
    charset: 'utf8',
    mainFields: ['module', 'main'], write: false, metafile: true,
    footer: { js: footer }, logLevel: 'silent',
    inject: [path.join(root, 'scripts/bundle-global.js')], define: { globalThis: '__bundleGlobal' },
  });
  const code = result.outputFiles[0].text;
  fs.writeFileSync(path.join(outDir, 'Code.js'), code);

  // Pages.
  const pages = fs.existsSync(pagesDir)
    ? fs.readdirSync(pagesDir).filter((f) => f.endsWith('.html')).sort()
    : [];
  for (const page of pages) {
    const base = page.slice(0, -5);
    // Every page is its <main> element inside the one shared shell (src/ui/shell.html:
    // doctype, language, title and meta tags as Apps Script templates).
    const shell = fs.readFileSync(path.join(root, 'src/ui/shell.html'), 'utf8');
    let html = shell.replace('<!-- @page -->', () => fs.readFileSync(path.join(pagesDir, page), 'utf8').trimEnd());
    const ts = path.join(pagesDir, `${base}.ts`);
    const css = path.join(pagesDir, `${base}.css`);
    const shared = path.join(root, 'src/ui/shared.css');
    let style = fs.existsSync(shared) ? fs.readFileSync(shared, 'utf8') : '';
    if (fs.existsSync(css)) style += '\n' + fs.readFileSync(css, 'utf8');
    let script = '';
    if (fs.existsSync(ts)) {
      const r = await esbuild.build({
        entryPoints: [ts], bundle: true, format: 'iife', platform: 'browser',
        target: 'es2020', minify: true, write: false, legalComments: 'none', logLevel: 'silent', charset: 'utf8',
      });
      script = r.outputFiles[0].text;
    }
    // Inlined code must not end the <script> element or open an Apps Script scriptlet.
    script = script.replace(/<\/(script)/gi, '<\\/$1').replace(/<\?/g, '<\\?');
    style = style.replace(/<\/(style)/gi, '<\\/$1');
    if (/<\?/.test(style)) throw new Error(`${page}: CSS may not contain "<?"`);
    html = html
      .replace('<!-- @inline-style -->', () => `<style>${style}</style>`)
      .replace('<!-- @inline-script -->', () => `<script>${script}</script>`);
    fs.writeFileSync(path.join(outDir, page), html);
  }
  if (!quiet) {
    const kb = (Buffer.byteLength(code) / 1024).toFixed(1);
    console.log(`built appsscript/Code.js (${kb} KB, ${exportsList.length} entry points) and ${pages.length} page(s) in ${Date.now() - started} ms`);
  }
  return { exports: exportsList, pages: pages.map((p) => p.slice(0, -5)) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  build({ quiet: process.argv.includes('--quiet') }).catch((e) => { console.error(e.message || e); process.exit(1); });
}
