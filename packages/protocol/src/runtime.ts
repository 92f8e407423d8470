import $protobuf from 'protobufjs/minimal.js';

// 64-bit fields (sequence numbers, byte counts, timestamps) decode as plain numbers, matching the
// generated types (--force-number). Values stay exact below 2^53, far beyond any we send.
$protobuf.util.Long = null as unknown as typeof $protobuf.util.Long;
$protobuf.configure();
