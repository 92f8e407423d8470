/** Disk sizes in vendors' decimal units, as disks are sold: "512 GB", "2.0 TB". */
export function decimalSize(bytes: number): string {
  if (bytes >= 1e12) return `${(bytes / 1e12).toFixed(bytes >= 1e13 ? 0 : 1)} TB`;
  return `${Math.round(bytes / 1e9)} GB`;
}

/** Memory sizes in binary units, as memory is sold: "16 GiB", "1.5 GiB", "512 MiB". */
export function binarySize(bytes: number): string {
  const gib = bytes / 2 ** 30;
  return gib >= 1 ? `${Number(gib.toFixed(gib >= 10 ? 0 : 1))} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}
