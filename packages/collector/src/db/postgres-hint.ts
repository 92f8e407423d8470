/**
 * What to do about a failure to open PostgreSQL, from the error's SQLSTATE or system code: the
 * driver's message says what happened, not how to fix it.
 */
export function postgresHint(url: string, cause: unknown): string | undefined {
  const code = (cause as { code?: unknown } | null)?.code;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return undefined;
  }
  const host = target.hostname || 'localhost';
  const port = target.port || '5432';
  const database = decodeURIComponent(target.pathname.slice(1)) || decodeURIComponent(target.username) || 'postgres';
  switch (code) {
    case '3D000': // invalid_catalog_name
      return `create it first: createdb -h ${host} -p ${port} ${database}`;
    case '28000': // invalid_authorization_specification
    case '28P01': // invalid_password
      return 'check the user name and password in the URL (postgres://USER:PASSWORD@HOST:PORT/DATABASE) and pg_hba.conf';
    case 'ECONNREFUSED':
      return `is PostgreSQL running and listening on ${host}:${port}? For a database with no setup at all, pass a directory instead: --db ./.rollcall/db (embedded PGlite)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `check the host name "${host}" in the URL`;
    default:
      return undefined;
  }
}
