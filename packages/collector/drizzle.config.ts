import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @rollcall/collector db:generate` writes a new migration after a schema change.
// The same SQL folder is applied at start on PGlite and on PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
