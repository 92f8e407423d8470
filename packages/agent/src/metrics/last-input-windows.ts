// Last keyboard/mouse input on Windows, from the sessions' idle times (`quser`). The agent runs as a
// service in session 0, where GetLastInputInfo sees no user's input, so it asks the session manager.

const MINUTE_MS = 60_000;

/**
 * A quser IDLE TIME: `.` (under a minute), `5` (minutes), `1:05` (h:mm), `2+03:04` (days+h:mm), in
 * ms; undefined for `none` (in any language: `ninguno`, …), i.e. no idle time is known.
 */
export function parseQuserIdleMs(text: string): number | undefined {
  if (text === '.') return 0;
  const match = /^(?:(?:(\d+)\+)?(\d+):)?(\d+)$/.exec(text);
  if (!match) return undefined;
  const [, days = '0', hours = '0', minutes = '0'] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * MINUTE_MS;
}

/**
 * A session row after the `>` marker column: the user name and session name (two columns, or one
 * for a disconnected session), then the numeric session ID, STATE, IDLE TIME and LOGON TIME.
 * Rows are anchored on the ID, not on positions from the header: headers are translated and some
 * translations run columns together with single spaces (es: `ID. ESTADO  TIEMPO IN.`).
 */
const SESSION_ROW = /^(.+?)\s+(\d+)\s+(\S+)\s+(\S+)\s+\S/;

/** "Active" as quser prints it in English and the languages we know of. */
const ACTIVE = /^(active|aktiv|actif|activo|attivo|ativo|actief|aktywn)/i;
/** The other English states: a state that is none of these is a translation. */
const OTHER_STATES = new Set(['disc', 'conn', 'connq', 'shadow', 'listen', 'reset', 'down', 'init', 'idle']);

/**
 * Last input (Unix epoch ms) from `quser` (`query user`): now minus the smallest idle time of the
 * Active sessions. A state in a language we do not know counts as active when the session has a
 * session name (console, rdp-tcp#N): a disconnected session has none. Sessions whose idle time is
 * `none` tell nothing; 0 when no Active session tells (no one logged on, or unreadable output).
 */
export function parseQuserLastInput(stdout: string, nowMs: number): number {
  let smallestIdleMs: number | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    const row = SESSION_ROW.exec(line.slice(1)); // column 0 is '>' on the session quser runs in
    if (!row) continue;
    const [, names = '', , state = '', idle = ''] = row;
    const hasSessionName = names.trim().split(/\s{2,}/).length > 1;
    const active = ACTIVE.test(state) || (!OTHER_STATES.has(state.toLowerCase()) && hasSessionName);
    const idleMs = active ? parseQuserIdleMs(idle) : undefined;
    if (idleMs !== undefined && (smallestIdleMs === undefined || idleMs < smallestIdleMs)) smallestIdleMs = idleMs;
  }
  return smallestIdleMs === undefined ? 0 : nowMs - smallestIdleMs;
}
