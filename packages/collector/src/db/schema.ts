import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, date, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    /** IANA zone of the machine's clock, as its agent reports it; '' when unknown. */
    timeZone: text('time_zone').notNull().default(''),
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

/** The asset register: what the company believes it owns. */
export const assets = pgTable(
  'assets',
  {
    assetTag: text('asset_tag').primaryKey(),
    name: text('name'),
    serial: text('serial'),
    smbiosUuid: text('smbios_uuid'),
    macs: text('macs').array().notNull().default(sql`'{}'::text[]`),
    manufacturer: text('manufacturer'),
    model: text('model'),
    category: text('category'),
    status: text('status').notNull(),
    assignedUser: text('assigned_user'),
    department: text('department'),
    location: text('location'),
    /** IANA zone the asset's user works in: its working hours are counted there. */
    timeZone: text('time_zone'),
    purchaseDate: date('purchase_date', { mode: 'string' }),
    purchaseCost: numeric('purchase_cost', { precision: 14, scale: 2, mode: 'number' }),
    supplier: text('supplier'),
    orderNumber: text('order_number'),
    warrantyMonths: integer('warranty_months'),
    notes: text('notes'),
    customFields: jsonb('custom_fields').$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    index('assets_serial_idx').on(t.serial),
    check('assets_status_check', sql`${t.status} in ('planned','ordered','in_stock','deployed','in_repair','lost','retired','disposed')`),
  ],
);

/** Every change to the register: who, when, and each field's old → new value. */
export const assetHistory = pgTable(
  'asset_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    assetTag: text('asset_tag').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull(),
    changedBy: text('changed_by').notNull(),
    action: text('action').$type<'create' | 'update' | 'delete'>().notNull(),
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>().notNull(),
  },
  (t) => [index('asset_history_tag_idx').on(t.assetTag, t.changedAt)],
);

/** Everything discovered: one sighting of a machine by one source at one time. */
export const observations = pgTable(
  'observations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    source: text('source').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    hostname: text('hostname'),
    serial: text('serial'),
    uuid: text('uuid'),
    macs: text('macs').array().notNull().default(sql`'{}'::text[]`),
    ips: text('ips').array().notNull().default(sql`'{}'::text[]`),
    vendor: text('vendor'),
    model: text('model'),
    /** Where a switch saw it: "sw-3 Gi1/0/12 (VLAN 10)". */
    switchPort: text('switch_port'),
    extra: jsonb('extra').$type<Record<string, unknown>>(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('observations_seen_at_idx').on(t.seenAt), index('observations_source_idx').on(t.source, t.seenAt)],
);

/** One reconciliation run: its parameters, counts and the identity of each finding (for diffs). */
export const reconciliationRuns = pgTable(
  'reconciliation_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    ranAt: timestamp('ran_at', { withTimezone: true, mode: 'date' }).notNull(),
    asOf: timestamp('as_of', { withTimezone: true, mode: 'date' }).notNull(),
    ghostAfterDays: integer('ghost_after_days').notNull(),
    summary: jsonb('summary').$type<Record<string, number>>().notNull(),
    /** `kind|assetTag|deviceId` per finding, sorted: enough to say what appeared and what went away. */
    findingKeys: text('finding_keys').array().notNull(),
  },
  (t) => [index('reconciliation_runs_ran_at_idx').on(t.ranAt)],
);

/**
 * One agent report interval of usage, aggregated on the agent (min/avg/max of its samples).
 * The device is the agent's (`devices.agent_id`), not stored per row: the hottest insert of the
 * collector then pays for no foreign-key check and no device index.
 */
export const metricsBatches = pgTable(
  'metrics_batches',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agentId: text('agent_id').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    startAt: timestamp('start_at', { withTimezone: true, mode: 'date' }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true, mode: 'date' }).notNull(),
    samples: integer('samples').notNull(),
    cpuMin: real('cpu_min'),
    cpuAvg: real('cpu_avg'),
    cpuMax: real('cpu_max'),
    memoryMin: real('memory_min'),
    memoryAvg: real('memory_avg'),
    memoryMax: real('memory_max'),
    mounts: jsonb('mounts').$type<{ mount: string; sizeBytes: number; usedPercent: { min: number; avg: number; max: number } }[]>().notNull(),
    netRxBytes: bigint('net_rx_bytes', { mode: 'number' }).notNull(),
    netTxBytes: bigint('net_tx_bytes', { mode: 'number' }).notNull(),
    uptimeSeconds: bigint('uptime_seconds', { mode: 'number' }).notNull(),
    users: text('users').array().notNull(),
    processes: text('processes').array().notNull(),
    /** Last keyboard or mouse input the OS knew of at report time; null when it gives no such signal. */
    lastInputAt: timestamp('last_input_at', { withTimezone: true, mode: 'date' }),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  // end_at grows with insertion order, so a BRIN index (a few pages, next to free to maintain)
  // serves pruning and "reported since" as well as a B-tree that every insert had to update.
  (t) => [
    uniqueIndex('metrics_batches_agent_seq_key').on(t.agentId, t.seq),
    index('metrics_batches_end_at_brin').using('brin', t.endAt),
  ],
);

/** Seconds covered by reports, CPU and memory % × those seconds, and the peaks: sums merge by addition. */
const usageSums = {
  seconds: doublePrecision('seconds').notNull(),
  cpuSeconds: doublePrecision('cpu_seconds').notNull(),
  memorySeconds: doublePrecision('memory_seconds').notNull(),
  cpuMax: real('cpu_max'),
  memoryMax: real('memory_max'),
};

/**
 * Usage per device and clock hour (UTC), folded from the raw metrics batches by the roll-up job.
 * Sums, not averages, so later reports for the same hour merge exactly: average CPU of the hour =
 * cpu_seconds / seconds. Kept much longer than the raw batches (default 2 years).
 */
export const metricsHourly = pgTable(
  'metrics_hourly',
  {
    agentId: text('agent_id').notNull(),
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    ...usageSums,
    /** Users logged in at some point of the hour. */
    users: text('users').array().notNull(),
    /**
     * Whether someone typed or moved the mouse in the hour: null when no report of the hour
     * carried an input signal (then CPU decides whether the hour was in use).
     */
    input: boolean('input'),
    reports: integer('reports').notNull(),
  },
  // Hour first: a roll-up appends the latest hours of every device at the right edge of one
  // index (agent first scattered each insert over the whole index, 3× the cost), and period
  // reports and pruning scan hour ranges.
  (t) => [primaryKey({ columns: [t.hour, t.agentId] })],
);

/** Usage per device and UTC day, recomputed from its hours; with the processes that ran that day. */
export const metricsDaily = pgTable(
  'metrics_daily',
  {
    agentId: text('agent_id').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    onlineHours: integer('online_hours').notNull(),
    /** Hours in which a user was logged in. */
    userHours: integer('user_hours').notNull(),
    ...usageSums,
    users: text('users').array().notNull(),
    processes: text('processes').array().notNull(),
  },
  // Day first, as the hours: one index serves the roll-up's appends and reports over a period.
  (t) => [primaryKey({ columns: [t.day, t.agentId] })],
);

/** Network devices answering SNMP: the last walk of each (keyed by the address that answered). */
export const networkDevices = pgTable('network_devices', {
  address: text('address').primaryKey(),
  sysName: text('sys_name'),
  vendor: text('vendor'),
  model: text('model'),
  serial: text('serial'),
  firstWalkedAt: timestamp('first_walked_at', { withTimezone: true, mode: 'date' }).notNull(),
  lastWalkedAt: timestamp('last_walked_at', { withTimezone: true, mode: 'date' }).notNull(),
  /** The whole DeviceWalk: identity, interfaces, ARP, forwarding table, LLDP. */
  walk: jsonb('walk').$type<Record<string, unknown>>().notNull(),
});

/** What changed between two walks of a network device: neighbour MACs appearing or going, MACs moving port. */
export const networkDeviceChanges = pgTable(
  'network_device_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    address: text('address').notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true, mode: 'date' }).notNull(),
    kind: text('kind').notNull(),
    mac: text('mac'),
    detail: text('detail').notNull(),
  },
  (t) => [index('network_device_changes_address_idx').on(t.address, t.changedAt)],
);
