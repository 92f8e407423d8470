// Last keyboard/mouse input on macOS, from the HID system's idle timer (`ioreg`).

/**
 * Last input (Unix epoch ms) from `ioreg -c IOHIDSystem -d 4 -r -k HIDIdleTime`, whose
 * `"HIDIdleTime" = <n>` is the time since the last input event in nanoseconds. The timer covers
 * every console user (it is the machine's, not a session's), which is why a daemon can read it.
 * Should several IOHIDSystem objects answer, the most recent input wins; 0 when none does.
 */
export function parseHidIdleLastInput(stdout: string, nowMs: number): number {
  let idleNs: number | undefined;
  for (const match of stdout.matchAll(/"HIDIdleTime"\s*=\s*(\d+)/g)) {
    const ns = Number(match[1]);
    if (idleNs === undefined || ns < idleNs) idleNs = ns;
  }
  return idleNs === undefined ? 0 : nowMs - Math.floor(idleNs / 1e6);
}
