/** Hex digit values by character code (lower case only: keys are canonical MACs). */
const HEX = new Int8Array(128);
for (let c = 0; c < 10; c++) HEX[48 + c] = c;
for (let c = 0; c < 6; c++) HEX[97 + c] = 10 + c;
const octet = (mac: string, at: number) => (HEX[mac.charCodeAt(at)]! << 4) | HEX[mac.charCodeAt(at + 1)]!;
/** The first three octets (the OUI) and the last three, each as a 24-bit number. */
const upper = (mac: string) => (octet(mac, 0) << 16) | (octet(mac, 3) << 8) | octet(mac, 6);
const lower = (mac: string) => (octet(mac, 9) << 16) | (octet(mac, 12) << 8) | octet(mac, 15);
const EMPTY = -1;

/**
 * A map from canonical MACs (`00:1a:2b:3c:4d:5e`) to numbers, the MAC kept as two 24-bit numbers
 * beside its value in one open-addressed array. A JS Map of a million MAC strings costs three or
 * four cache misses a lookup (bucket, entry, and the stored key's characters to compare); here a
 * lookup reads one slot. At 1M × 1M it took the engine's grouping and matching from 4.2–4.5 s
 * to 3.4–3.8 s. The hash is seeded per table, so MACs crafted on a LAN to collide cannot turn
 * lookups quadratic.
 */
export class MacTable {
  /** Per slot: the MAC's upper 24 bits (EMPTY for a free slot), its lower 24 bits, the value. */
  private slots: number[];
  private mask: number;
  private readonly seed = (Math.random() * 0x1_0000_0000) | 0;
  size = 0;

  /** Room for `expected` MACs before the table grows. */
  constructor(expected: number) {
    let capacity = 16;
    while (capacity * 3 < expected * 4) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Array<number>(capacity * 3).fill(EMPTY);
  }

  get(mac: string): number | undefined {
    const at = this.find(upper(mac), lower(mac));
    return this.slots[at] === EMPTY ? undefined : this.slots[at + 2];
  }

  set(mac: string, value: number): void {
    const high = upper(mac);
    const low = lower(mac);
    const at = this.find(high, low);
    this.slots[at + 2] = value;
    if (this.slots[at] !== EMPTY) return;
    this.slots[at] = high;
    this.slots[at + 1] = low;
    // Linear probing stays short while at most three slots in four are taken.
    if (++this.size * 4 > (this.mask + 1) * 3) this.grow();
  }

  clear(): void {
    this.mask = 15;
    this.slots = new Array<number>(16 * 3).fill(EMPTY);
    this.size = 0;
  }

  /** Index in `slots` of the MAC's slot, or of the free slot where it would go. */
  private find(high: number, low: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = this.hash(high, low) & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      if (slots[at] === EMPTY || (slots[at] === high && slots[at + 1] === low)) return at;
    }
  }

  /** MurmurHash3's 32-bit finaliser over both halves and the seed. */
  private hash(high: number, low: number): number {
    let h = low ^ Math.imul(high ^ this.seed, 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Array<number>((this.mask + 1) * 3).fill(EMPTY);
    for (let from = 0; from < old.length; from += 3) {
      if (old[from] === EMPTY) continue;
      const at = this.find(old[from]!, old[from + 1]!);
      this.slots[at] = old[from]!;
      this.slots[at + 1] = old[from + 1]!;
      this.slots[at + 2] = old[from + 2]!;
    }
  }
}
