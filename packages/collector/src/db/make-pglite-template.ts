// Makes the PGlite template that new data directories are copied from (pglite-template.ts says
// why), unless it exists: a directory opened, so initialised and migrated, by this collector's own
// openDatabase. The build runs it from the bundle (scripts/build-bundles.mjs):
//   node packages/collector/dist/make-pglite-template.mjs
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pgliteTemplateDir } from './pglite-template.ts';

const template = pgliteTemplateDir();
if (!existsSync(join(template, 'PG_VERSION'))) {
  const parent = dirname(template);
  const next = `${template}.next-${process.pid}`;
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  try {
    const { openDatabase } = await import('./open.ts'); // only when there is something to make
    const database = await openDatabase({ kind: 'pglite', dir: next }, 'build');
    await database.close();
    // Templates of other PGlite versions or migrations are of no use any more.
    for (const old of readdirSync(parent)) if (!old.includes('.next-')) rmSync(join(parent, old), { recursive: true, force: true });
    renameSync(next, template);
    console.log(`made the PGlite template ${basename(template)}`);
  } finally {
    rmSync(next, { recursive: true, force: true });
  }
}
