export { freeUdpPort, snmpdAvailable, snmpsimAvailable, startSnmpd, startSnmpsim, warnIfMissing, type RunningAgent } from './agents.ts';
export { ROUTER, routerSnmprec, SWITCH, switchSnmprec } from './lab.ts';
export { macIndex, Snmprec, type SnmprecValue } from './snmprec.ts';
