// Mounts that say nothing about the machine's storage.
const PSEUDO_FS = /^(tmpfs|devtmpfs|overlay|squashfs|proc|sysfs|cgroup2?|nsfs|autofs|efivarfs|ramfs|devpts|mqueue|debugfs|tracefs|securityfs|pstore|bpf|configfs|fusectl|hugetlbfs|binfmt_misc|rpc_pipefs|fuse\.gvfsd-fuse|fuse\.portal|selinuxfs|devfs|map)$/;

export const isPseudoFs = (type: string) => PSEUDO_FS.test(type);

/** Two decimals, and 0 for anything that is not a finite number. */
export const round = (n: number) => Math.round((Number.isFinite(n) ? n : 0) * 100) / 100;
