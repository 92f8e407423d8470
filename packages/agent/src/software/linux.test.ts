import { describe, expect, it } from 'vitest';
import { LINUX_PROBES } from './linux.ts';

describe('LINUX_PROBES', () => {
  it('has one Linux-only probe per package source', () => {
    expect(LINUX_PROBES.map((probe) => probe.source)).toEqual(['dpkg', 'rpm', 'apk', 'snap', 'flatpak']);
    for (const probe of LINUX_PROBES) expect(probe.platforms).toEqual(['linux']);
  });
});
