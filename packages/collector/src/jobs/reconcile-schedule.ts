/**
 * Hourly, on the hour: the baseline `--new` compares with is at most an hour old. Apart from the
 * scheduling code (node-cron), so that the CLI can show it as a default without loading that.
 */
export const DEFAULT_RECONCILE_SCHEDULE = '0 * * * *';
