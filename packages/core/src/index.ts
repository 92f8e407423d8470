export * from './identity/index.ts';
export * from './reconcile/index.ts';
