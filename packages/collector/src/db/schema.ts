import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const timestamps = {
  firstSeen: timestamp('first_seen', { withTimezone: true, mode: 'date' }).notNull(),
  lastSeen: timestamp('last_seen', { withTimezone: true, mode: 'date' }).notNull(),
};

/** A machine reporting through an agent. Identity fields are as the agent last reported them. */
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().default(sql`gen_random_uuid()`),
    agentId: text('agent_id'),
    hostname: text('hostname').notNull().default(''),
    serial: text('serial').notNull().default(''),
    smbiosUuid: text('smbios_uuid').notNull().default(''),
    machineId: text('machine_id').notNull().default(''),
    macs: text('macs').array().notNull().default(sql`'{}'::text[]`),
    manufacturer: text('manufacturer').notNull().default(''),
    model: text('model').notNull().default(''),
    os: text('os').notNull().default(''),
    ...timestamps,
  },
  (t) => [uniqueIndex('devices_agent_id_key').on(t.agentId), index('devices_serial_idx').on(t.serial)],
);

/** An enrolled agent: its key (hashed) and the highest sequence number committed from it. */
export const agents = pgTable('agents', {
  id: text('id').primaryKey(),
  keyHash: text('key_hash').notNull(),
  agentVersion: text('agent_version').notNull().default(''),
  platform: text('platform').notNull().default(''),
  hostname: text('hostname').notNull().default(''),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
  ...timestamps,
});

/** Every inventory received, as a snapshot of the decoded frame. */
export const inventories = pgTable(
  'inventories',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: uuid('device_id')
      .notNull()
      .references(() => devices.id, { onDelete: 'cascade' }),
    agentId: text('agent_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    full: boolean('full').notNull(),
    collectedAt: timestamp('collected_at', { withTimezone: true, mode: 'date' }),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
    frameBytes: bigint('frame_bytes', { mode: 'number' }).notNull(),
    snapshot: jsonb('snapshot').notNull(),
  },
  (t) => [uniqueIndex('inventories_agent_seq_key').on(t.agentId, t.seq), index('inventories_device_idx').on(t.deviceId, t.receivedAt)],
);

/** Collector-wide settings that must survive restarts (e.g. a generated enrollment token). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
