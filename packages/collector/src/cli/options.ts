import { Option } from 'commander';
import { OUTPUT_FORMATS } from './output.ts';

export const dbOption = () =>
  new Option('--db <url|dir>', 'postgres:// URL or PGlite data directory (default $ROLLCALL_DB, else ./.rollcall/db)');

export const formatOption = () => new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table');
