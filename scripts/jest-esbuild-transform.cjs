// Jest transform: TypeScript -> CommonJS with esbuild (fast, no type-check;
// `npm run typecheck` does that). Cache key covers source, esbuild version,
// this file and instrumentation.
const crypto = require('node:crypto');
const fs = require('node:fs');
const esbuild = require('esbuild');

const self = fs.readFileSync(__filename, 'utf8');

// An ESM package (@noble/hashes) imported from TypeScript: transformed file by file, every call
// between its modules went through an export getter, which made SHA-256 in the unit tests about
// four times slower than in the bundle. Each imported entry is bundled into one CommonJS file
// instead, as esbuild does for Code.js.
const NOBLE = /[\\/]node_modules[\\/]@noble[\\/]/;
const path = require('node:path');
const nobleVersion = (filename) => {
  const pkg = path.join(filename.slice(0, filename.search(NOBLE)), 'node_modules', '@noble', 'hashes', 'package.json');
  try {
    return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  } catch {
    return 'unknown';
  }
};

module.exports = {
  process(src, filename) {
    if (NOBLE.test(filename)) {
      const built = esbuild.buildSync({
        entryPoints: [filename], bundle: true, format: 'cjs', platform: 'node', target: 'node20',
        sourcemap: 'external', write: false, outfile: 'out.js',
      });
      const file = (ext) => built.outputFiles.find((f) => f.path.endsWith(ext)).text;
      return { code: file('.js'), map: JSON.parse(file('.map')) };
    }
    const out = esbuild.transformSync(src, {
      loader: /\.tsx$/.test(filename) ? 'tsx' : /\.[cm]?js$/.test(filename) ? 'js' : 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'external',
      sourcefile: filename,
    });
    return { code: out.code, map: JSON.parse(out.map) };
  },
  getCacheKey(src, filename, options) {
    return crypto
      .createHash('sha256')
      .update(src)
      .update(filename)
      .update(esbuild.version)
      .update(self)
      .update(String(options && options.instrument))
      .update(NOBLE.test(filename) ? nobleVersion(filename) : '')
      .digest('hex');
  },
};
