export * from './identity/index.ts';
export * from './reconcile/index.ts';
export * from './utilization/index.ts';
