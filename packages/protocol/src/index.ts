export {
  CommandKind,
  COMPRESS_ABOVE_BYTES,
  decodeFrame,
  encodeFrame,
  errorCodeName,
  ErrorCode,
  FrameDecodeError,
  frameToObject,
  inventoryToObject,
  isFrameDecodeError,
} from './frame.ts';
export type {
  Ack,
  Command,
  DiscoveryJob,
  DiscoveryReport,
  SnmpDevice,
  Frame,
  FrameDecodeErrorReason,
  FrameKind,
  Hello,
  Inventory,
  MetricsBatch,
  Neighbour,
  ProtocolError,
  SoftwarePackage,
  Schedule,
  Welcome,
} from './frame.ts';
export { inventoryMacs } from './identity.ts';
export { canonicalMac } from './mac.ts';
export { applyInventoryDelta, INVENTORY_SECTIONS, SECTION_NAMES, sectionOf, type InventorySection } from './sections.ts';
export { MAX_FRAME_BYTES, PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './version.ts';
