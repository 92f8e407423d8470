import { sql } from 'drizzle-orm';
import type { Db } from '../db/open.ts';
import { query } from './query.ts';
import { rowsOf } from './rows.ts';

export interface TableStats {
  table: string;
  rows: number;
  bytes: number;
}

/** The database itself: what each table holds. */
export class StatsStore {
  constructor(private readonly db: Db) {}

  /** Each of rollcall's tables with its exact row count and its size on disk (indexes and TOAST included). */
  tables(): Promise<TableStats[]> {
    return query(async () => {
      const tables = await this.db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`);
      const stats: TableStats[] = [];
      for (const { name } of rowsOf<{ name: string }>(tables)) {
        const [row] = rowsOf<{ rows: number; bytes: number }>(
          await this.db.execute(sql`select (select count(*) from ${sql.identifier(name)})::int as rows, pg_total_relation_size(${`public.${name}`}::regclass)::bigint as bytes`),
        );
        stats.push({ table: name, rows: Number(row?.rows ?? 0), bytes: Number(row?.bytes ?? 0) });
      }
      return stats;
    });
  }
}
