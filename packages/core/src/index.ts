export * from './identity/index.ts';
export * from './reconcile/types.ts';
