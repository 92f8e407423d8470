export { makeAsset } from './asset.ts';
export { groupDevices, type Devices, type Grouping, type SharedIdentifier } from './devices.ts';
export { reconcile } from './reconcile.ts';
export * from './types.ts';
