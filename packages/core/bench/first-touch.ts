/**
 * What this host charges, right now, for the first touch of a page: fresh memory is a large part
 * of the engine's time on VMs whose host backs memory lazily, and the charge changes from day to
 * day (1.7 to 22 µs per 4 KiB page seen here, more in a process that already holds gigabytes),
 * so figures from different days need it beside them.
 */
export function firstTouchMicroseconds(bytes = 256 * 2 ** 20): number {
  const faultsBefore = process.resourceUsage().minorPageFault;
  const started = performance.now();
  const pages = new Uint8Array(bytes);
  for (let i = 0; i < pages.length; i += 4096) pages[i] = 1;
  const elapsed = performance.now() - started;
  const faults = process.resourceUsage().minorPageFault - faultsBefore;
  return (elapsed * 1000) / Math.max(faults, 1);
}
