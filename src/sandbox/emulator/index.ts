export * from './store';
export * from './exec';
export * from './runtime';
export { runConcurrently } from './concurrent';
