import { describe, expect, it } from 'vitest';
import { cpuPercentBetween, parseMeminfoUsedPercent, parseMounts, parseNetDev, parseProcessStat, parseProcStat, procfsProcessNames } from './procfs.ts';

// Fixtures follow proc(5) exactly: field order, spacing and the header lines the kernel prints.

describe('/proc/stat', () => {
  const stat = (user: number, idle: number, iowait: number) =>
    `cpu  ${user} 0 100 ${idle} ${iowait} 10 5 0 0 0\ncpu0 1 0 1 1 0 0 0 0 0 0\nintr 12345\nctxt 999\n`;

  it('counts idle and iowait as not busy, and the rest as busy', () => {
    expect(parseProcStat(stat(1000, 5000, 200))).toEqual({ busy: 1115, total: 6315 });
  });

  it('gives the busy share of the time between two readings', () => {
    const before = parseProcStat(stat(1000, 5000, 200));
    const after = parseProcStat(stat(1300, 5600, 300)); // +300 busy, +700 idle/iowait
    expect(cpuPercentBetween(before, after)).toBe(30);
    expect(cpuPercentBetween(after, after)).toBe(0); // no time passed: not NaN
  });

  it('rejects text that is not /proc/stat', () => {
    expect(() => parseProcStat('intr 1\n')).toThrow(/cpu line/);
  });
});

describe('/proc/meminfo', () => {
  it('uses MemTotal − MemAvailable', () => {
    const text = 'MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    4000000 kB\nBuffers:          200000 kB\nCached:          3000000 kB\n';
    expect(parseMeminfoUsedPercent(text)).toBe(75);
  });

  it('falls back to free + buffers + cache on kernels without MemAvailable', () => {
    const text = 'MemTotal:       1000 kB\nMemFree:         100 kB\nBuffers:          50 kB\nCached:          250 kB\n';
    expect(parseMeminfoUsedPercent(text)).toBe(60);
  });

  it('names what is missing', () => {
    expect(() => parseMeminfoUsedPercent('Buffers: 1 kB\n')).toThrow(/MemTotal/);
  });
});

describe('/proc/net/dev', () => {
  it('sums received and sent bytes over every interface but loopback', () => {
    const text = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo: 9999999   10000    0    0    0     0          0         0  9999999   10000    0    0    0     0       0          0',
      '  eth0: 1500000    2000    0    0    0     0          0         3   700000    1500    0    0    0     0       0          0',
      'wlp2s0:      10       1    0    0    0     0          0         0       20       1    0    0    0     0       0          0',
      '',
    ].join('\n');
    expect(parseNetDev(text)).toEqual({ rx: 1_500_010, tx: 700_020 });
  });
});

describe('/proc/self/mounts', () => {
  it('keeps real filesystems once per device, with escaped spaces undone', () => {
    const text = [
      'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
      '/dev/nvme0n1p2 / ext4 rw,relatime 0 0',
      'tmpfs /run tmpfs rw,nosuid,nodev,size=3275676k,mode=755 0 0',
      '/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077 0 0',
      '/dev/sdb1 /media/alice/My\\040Disk exfat rw,nosuid,nodev 0 0',
      '/dev/nvme0n1p2 /var/lib/docker ext4 rw,relatime 0 0',
      '/dev/loop3 /snap/core22/1380 squashfs ro,nodev,relatime 0 0',
      'server:/export/home /home nfs4 rw,relatime,vers=4.2 0 0',
      '',
    ].join('\n');
    expect(parseMounts(text)).toEqual(['/', '/boot/efi', '/media/alice/My Disk', '/home']);
  });
});

describe('/proc/<pid>/stat', () => {
  it('reads the executable name, even one with spaces and parentheses', () => {
    expect(parseProcessStat('1234 (node) S 1 1234 1234 0 -1 4194560 123 0 0 0')).toBe('node');
    expect(parseProcessStat('77 (Web Content (x)) S 70 70 70 0 -1 0')).toBe('Web Content (x)');
  });

  it('leaves kernel threads out', () => {
    expect(parseProcessStat('2 (kthreadd) S 0 0 0 0 -1 2129984')).toBeNull();
    expect(parseProcessStat('15 (ksoftirqd/0) S 2 0 0 0 -1 69238848')).toBeNull();
  });

  it('finds this test process on a live Linux /proc', () => {
    if (process.platform !== 'linux') return;
    expect(procfsProcessNames()).toContain('node');
  });
});
