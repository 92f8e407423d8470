import { int, mac, text } from '../values.ts';
import { indexes, type WalkedTable } from './table.ts';

/** IF-MIB ifTable and ifXTable columns. */
export const INTERFACE_COLUMNS = {
  descr: '1.3.6.1.2.1.2.2.1.2',
  type: '1.3.6.1.2.1.2.2.1.3',
  physAddress: '1.3.6.1.2.1.2.2.1.6',
  operStatus: '1.3.6.1.2.1.2.2.1.8',
  name: '1.3.6.1.2.1.31.1.1.1.1',
  alias: '1.3.6.1.2.1.31.1.1.1.18',
} as const;

export interface NetworkInterface {
  index: number;
  /** ifName where the device has ifXTable ("Gi1/0/12"), else ifDescr. */
  name: string;
  descr: string | null;
  /** IANAifType number: 6 ethernetCsmacd, 24 softwareLoopback, 71 ieee80211, 53 propVirtual… */
  type: number | null;
  mac: string | null;
  up: boolean;
  alias: string | null;
}

export function parseInterfaces(table: WalkedTable<keyof typeof INTERFACE_COLUMNS>): NetworkInterface[] {
  return indexes(table)
    .map((index) => {
      const descr = text(table.descr.get(index));
      return {
        index: Number(index),
        name: text(table.name.get(index)) ?? descr ?? `if${index}`,
        descr,
        type: int(table.type.get(index)),
        mac: mac(table.physAddress.get(index)),
        up: int(table.operStatus.get(index)) === 1,
        alias: text(table.alias.get(index)),
      };
    })
    .filter((i) => Number.isInteger(i.index))
    .sort((a, b) => a.index - b.index);
}
