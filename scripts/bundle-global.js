// Injected into Code.js: libraries that stash state on `globalThis` (zod keeps
// __zod_globalConfig/__zod_globalRegistry there) get this private object
// instead, so nothing but the entry points appears in Apps Script's global scope.
export const __bundleGlobal = {};
