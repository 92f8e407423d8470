// IANA Private Enterprise Numbers of vendors whose gear answers SNMP on office and data-centre
// networks (https://www.iana.org/assignments/enterprise-numbers). The full registry has ~60,000
// entries; these are the ones sysObjectID commonly names. Unknown numbers give null.
const ENTERPRISES = new Map<number, string>([
  [2, 'IBM'],
  [9, 'Cisco'],
  [11, 'HP'],
  [43, '3Com'],
  [171, 'D-Link'],
  [253, 'Xerox'],
  [318, 'APC'],
  [367, 'Ricoh'],
  [641, 'Lexmark'],
  [674, 'Dell'],
  [1248, 'Epson'],
  [1588, 'Brocade'],
  [1602, 'Canon'],
  [1916, 'Extreme Networks'],
  [1991, 'Brocade (Foundry)'],
  [2011, 'Huawei'],
  [2021, 'net-snmp (UC Davis)'],
  [2435, 'Brother'],
  [2636, 'Juniper Networks'],
  [3375, 'F5 Networks'],
  [4413, 'Broadcom'],
  [4526, 'Netgear'],
  [5596, 'Tandberg'],
  [6027, 'Force10 (Dell)'],
  [6486, 'Alcatel-Lucent Enterprise'],
  [6527, 'Nokia (Alcatel-Lucent)'],
  [6574, 'Synology'],
  [6876, 'VMware'],
  [8072, 'net-snmp'],
  [9148, 'Acme Packet'],
  [11863, 'TP-Link'],
  [12356, 'Fortinet'],
  [14179, 'Cisco (Airespace)'],
  [14823, 'Aruba Networks'],
  [14988, 'MikroTik'],
  [18334, 'Konica Minolta'],
  [24681, 'QNAP'],
  [25461, 'Palo Alto Networks'],
  [25506, 'H3C'],
  [26543, 'IBM (BNT)'],
  [30065, 'Arista Networks'],
  [41112, 'Ubiquiti Networks'],
  [47196, 'Ruckus Wireless'],
]);

const ENTERPRISE_PREFIX = '1.3.6.1.4.1.';

/** The vendor a sysObjectID (dotted, with or without a leading dot) belongs to, if known. */
export function vendorOfObjectId(objectId: string): string | null {
  const dotted = objectId.replace(/^\./, '');
  if (!dotted.startsWith(ENTERPRISE_PREFIX)) return null;
  return ENTERPRISES.get(Number(dotted.slice(ENTERPRISE_PREFIX.length).split('.')[0])) ?? null;
}
