export { normalizeHostname } from './hostname.ts';
export { isIdentifyingMac, macKind, normalizeMac, type MacKind } from './mac.ts';
export { macVendor } from './vendor.ts';
export { isJunkSerial, normalizeSerial, validSerial } from './serial.ts';
export { byteSwapUuid, isJunkUuid, normalizeUuid, uuidKey, validUuid } from './uuid.ts';
