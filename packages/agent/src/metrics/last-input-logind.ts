// Last keyboard/mouse input on Linux, from systemd-logind's idle hints (`loginctl`).

/** The session properties `parseLogindLastInput` reads (`loginctl show-session -p …`). */
export const LOGIND_SESSION_PROPERTIES = ['Id', 'Remote', 'Type', 'Class', 'Active', 'State', 'IdleHint', 'IdleSinceHint'];

/**
 * Session ids from `loginctl list-sessions --no-legend`: the first column of each row. A row has a
 * numeric UID second, which leaves out a header or "N sessions listed." should one be printed.
 */
export function parseLoginctlSessionIds(stdout: string): string[] {
  const ids: string[] = [];
  for (const line of stdout.split('\n')) {
    const [id, uid] = line.trim().split(/\s+/);
    // logind names sessions by their audit session id, or "c<N>" where there is none.
    if (id && uid && /^c?\d+$/.test(id) && /^\d+$/.test(uid)) ids.push(id);
  }
  return ids;
}

/** Ordinary logins (systemd 256 adds -early and -light variants); not greeters, lock screens or background sessions. */
const USER_CLASS = /^user(-early)?(-light)?$/;
const GRAPHICAL_TYPE = new Set(['x11', 'wayland', 'mir']);

/**
 * Last input (Unix epoch ms) from `loginctl show-session <id…> -p …`, one block of `Key=value`
 * lines per session, blocks separated by blank lines. Only local, active, graphical or tty login
 * sessions count (Class user, Remote no, Active yes): an admin's ssh session is not someone using
 * the machine. The latest input over those sessions wins; 0 when none of them tells (no such
 * session, or output that is not logind's).
 *
 * - Graphical sessions: the desktop sets IdleHint after its own idle delay (GNOME: 5 minutes), and
 *   IdleSinceHint is when it did; so IdleHint=no means "in use now", and otherwise the last input
 *   was roughly at IdleSinceHint (in fact up to that delay earlier): an approximation. A desktop
 *   that never sets the hint looks in use for as long as it is the active session.
 * - tty sessions: logind reports the terminal's access time (last read of input) as
 *   IdleSinceHint, and sets IdleHint only after IdleActionSec (30 min): IdleSinceHint is the real
 *   last input, so it is taken whatever IdleHint says.
 */
export function parseLogindLastInput(stdout: string, nowMs: number): number {
  let last = 0;
  for (const session of sessionBlocks(stdout)) {
    const type = session.get('Type') ?? '';
    const local = session.get('Remote') === 'no' && session.get('Active') === 'yes' && session.get('State') !== 'closing';
    if (!local || !USER_CLASS.test(session.get('Class') ?? '')) continue;
    const sinceMs = Math.floor(Number(session.get('IdleSinceHint')) / 1000) || 0; // microseconds since the epoch
    if (GRAPHICAL_TYPE.has(type)) {
      if (session.get('IdleHint') === 'no') return nowMs;
      if (session.get('IdleHint') === 'yes') last = Math.max(last, sinceMs);
    } else if (type === 'tty') last = Math.max(last, sinceMs);
  }
  return Math.min(last, nowMs);
}

/** `Key=value` blocks; a blank line or a repeated key starts the next session. */
function sessionBlocks(stdout: string): Map<string, string>[] {
  const blocks: Map<string, string>[] = [];
  let current = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const eq = line.indexOf('=');
    const key = eq > 0 ? line.slice(0, eq).trim() : '';
    if (key === '' || current.has(key)) {
      if (current.size > 0) blocks.push(current);
      current = new Map();
    }
    if (key !== '') current.set(key, line.slice(eq + 1).trim());
  }
  if (current.size > 0) blocks.push(current);
  return blocks;
}
