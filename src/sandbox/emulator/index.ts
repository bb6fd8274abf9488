export * from './store';
export * from './exec';
export * from './runtime';
export { runConcurrently } from './concurrent';
export type { ConcurrentExec, ConcurrentOptions } from './concurrent';
export { LOCK_TIMEOUT_MESSAGE, LockManager, compileTemplate, escapeHtml } from './services';
export { displayValue, javaFormatDate, parseInput } from './values';
export { buildEml } from './mime';
export { PROTECTED_MESSAGE } from './protection';
