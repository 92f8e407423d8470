/**
 * What this host charges, right now, for the first touch of a page: fresh memory is a large part
 * of the engine's time on VMs whose host backs memory lazily, and the charge changes from day to
 * day (1.7 to 22 µs per 4 KiB page seen here), so figures from different days need it beside them.
 */
export function firstTouchMicroseconds(bytes = 256 * 2 ** 20): number {
  return touchFresh(bytes).microseconds;
}

/**
 * The first-touch charge over `steps` successive blocks of fresh memory, all held until the end.
 * On this project's CI VMs the first gigabyte or so costs about 2 µs a page (memory the guest
 * freed lately) and the rest 12 to 18 µs (memory the host had taken back): so a run that needs
 * twice the fresh memory can take well over twice the system time.
 */
export function firstTouchProfile(steps = 12, stepBytes = 256 * 2 ** 20): number[] {
  const held: Uint8Array[] = [];
  const charges: number[] = [];
  for (let step = 0; step < steps; step++) {
    const { microseconds, pages } = touchFresh(stepBytes);
    charges.push(microseconds);
    held.push(pages);
  }
  return charges;
}

/** Touches `bytes` of fresh memory a page at a time: µs per page fault, and the memory (to hold). */
function touchFresh(bytes: number): { microseconds: number; pages: Uint8Array } {
  const faultsBefore = process.resourceUsage().minorPageFault;
  const started = performance.now();
  const pages = new Uint8Array(bytes);
  for (let i = 0; i < pages.length; i += 4096) pages[i] = 1;
  const elapsed = performance.now() - started;
  const faults = process.resourceUsage().minorPageFault - faultsBefore;
  return { microseconds: (elapsed * 1000) / Math.max(faults, 1), pages };
}
