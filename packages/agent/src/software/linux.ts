import { apkProbe } from './apk.ts';
import { dpkgProbe } from './dpkg.ts';
import { flatpakProbe } from './flatpak.ts';
import { rpmProbe } from './rpm.ts';
import { snapProbe } from './snap.ts';
import type { SoftwareProbe } from './types.ts';

/** Every Linux package source; the runner skips those whose tool (or apk's db file) is absent. */
export const LINUX_PROBES: SoftwareProbe[] = [dpkgProbe, rpmProbe, apkProbe, snapProbe, flatpakProbe];
