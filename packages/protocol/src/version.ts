/** The protocol version this build speaks. Bump only for changes old peers cannot ignore. */
export const PROTOCOL_VERSION = 1;

/** Every protocol version a collector of this build accepts in Hello. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

/** Largest frame either side accepts; a full inventory is ~10 KB, so this leaves ample room. */
export const MAX_FRAME_BYTES = 4 * 1024 * 1024;
