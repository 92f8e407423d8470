import { InvalidArgumentError, Option, type Command } from 'commander';
import { MAX_DAYS } from '../limits.ts';
import { DEFAULT_RETENTION } from '../retention-days.ts';
import { OUTPUT_FORMATS } from './output.ts';

export const dbOption = () =>
  new Option('--db <url|dir>', 'postgres:// URL or PGlite data directory (default $ROLLCALL_DB, else ./.rollcall/db)');

// The CSV rule is said where every --format csv is offered: users open these files in spreadsheets.
export const formatOption = () =>
  new Option('--format <format>', "output format (csv: a cell starting with = + - @, tab or CR gets a leading ', so that spreadsheets show it, not run it)")
    .choices(OUTPUT_FORMATS)
    .default('table');

/** A whole number of days, from 1 to MAX_DAYS. */
function days(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS) throw new InvalidArgumentError(`${name} must be a whole number of days from 1 to ${MAX_DAYS} (100 years)`);
    return n;
  };
}

/** How long usage data is kept: the same flags (and variables) for `serve` and `db prune`. */
export const withRetentionOptions = (command: Command): Command =>
  command
    .addOption(
  new Option('--retention-raw-days <days>', 'keep raw usage reports this many days (rolled up before they go)')
    .argParser(days('--retention-raw-days'))
    .default(DEFAULT_RETENTION.raw)
    .env('ROLLCALL_RETENTION_RAW_DAYS'))
    .addOption(
  new Option('--retention-aggregate-days <days>', 'keep hourly and daily usage roll-ups this many days')
    .argParser(days('--retention-aggregate-days'))
    .default(DEFAULT_RETENTION.aggregates)
    .env('ROLLCALL_RETENTION_AGGREGATE_DAYS'))
    .addOption(
  new Option('--retention-observation-days <days>', 'keep sightings (observations) this many days after they were seen')
    .argParser(days('--retention-observation-days'))
    .default(DEFAULT_RETENTION.observations)
    .env('ROLLCALL_RETENTION_OBSERVATION_DAYS'))
    .addOption(
  new Option('--retention-inventory-days <days>', "keep inventories this many days after they came (each agent's latest is always kept)")
    .argParser(days('--retention-inventory-days'))
    .default(DEFAULT_RETENTION.inventories)
    .env('ROLLCALL_RETENTION_INVENTORY_DAYS'));

export interface RetentionFlags {
  retentionRawDays: number;
  retentionAggregateDays: number;
  retentionObservationDays: number;
  retentionInventoryDays: number;
}

export const retentionOf = (flags: RetentionFlags) => ({
  raw: flags.retentionRawDays,
  aggregates: flags.retentionAggregateDays,
  observations: flags.retentionObservationDays,
  inventories: flags.retentionInventoryDays,
});
