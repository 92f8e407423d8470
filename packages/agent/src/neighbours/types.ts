/** One entry of the machine's neighbour (ARP / NDP) table: a device seen on a directly attached LAN. */
export interface NeighbourEntry {
  ip: string;
  /** Canonical lower-case colon form; '' for incomplete entries (no MAC resolved yet). */
  mac: string;
  /** Interface name (Linux/macOS) or alias (Windows); '' when unknown. */
  interface: string;
  /** Normalised state: reachable | stale | delay | probe | failed | incomplete | permanent | noarp | unknown. */
  state: string;
}

/**
 * One way of reading the neighbour table: which platforms have it, what to run, how to read the
 * output. Like software probes, a missing command is skipped by the runner.
 */
export interface NeighbourProbe {
  name: string;
  platforms: NodeJS.Platform[];
  command: string;
  args: string[];
  /** Parses the command's stdout; skips lines it cannot read; never throws for odd lines. */
  parse(stdout: string): NeighbourEntry[];
}
