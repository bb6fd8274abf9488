// Jest transform: TypeScript -> CommonJS with esbuild (fast, no type-check;
// `npm run typecheck` does that). Cache key covers source, esbuild version,
// this file and instrumentation.
const crypto = require('node:crypto');
const fs = require('node:fs');
const esbuild = require('esbuild');

const self = fs.readFileSync(__filename, 'utf8');

module.exports = {
  process(src, filename) {
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
      .digest('hex');
  },
};
