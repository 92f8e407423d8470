// Discovery benchmark (issue #5), against real snmpsim agents on loopback:
//   1. sweep of a /24 where all but a few addresses time out:
//      wall time ≤ timeout × tries × ceil(256 / concurrency) + 10 % (tries = retries + 1);
//   2. walk of a switch whose forwarding table has 10,000 rows ≤ 5 s.
// Run: pnpm --filter @rollcall/discovery bench
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sweep } from '../src/sweep.ts';
import { freeUdpPort, routerSnmprec, startSnmpsim, switchSnmprec, warnIfMissing } from '../src/testing/index.ts';
import { walkDevice } from '../src/walk.ts';

if (!warnIfMissing('snmpsim')) process.exit(1);
const verdict = (ok: boolean) => (ok ? 'OK' : 'OVER');
console.log('discovery benchmark');

// 1. A /24 with six answering devices (127.0.1.0/24 is loopback too on Linux).
const TIMEOUT_MS = 1000;
const RETRIES = 1;
const CONCURRENCY = 32;
const port = await freeUdpPort();
const answering = ['127.0.1.10', '127.0.1.20', '127.0.1.30', '127.0.1.40', '127.0.1.50', '127.0.1.60'];
const lab = await startSnmpsim({ lab: switchSnmprec() }, { hosts: answering.slice(0, 3), port });
const lab2 = await startSnmpsim({ lab: routerSnmprec() }, { hosts: answering.slice(3), port });
try {
  const summary = await sweep([{ range: '127.0.1.0/24', communities: ['lab'], port }], { timeoutMs: TIMEOUT_MS, retries: RETRIES, concurrency: CONCURRENCY });
  const target = ((TIMEOUT_MS * (RETRIES + 1) * Math.ceil(256 / CONCURRENCY)) / 1000) * 1.1;
  const seconds = summary.durationMs / 1000;
  console.log(`  /24 sweep: ${summary.addresses} addresses, ${summary.responded} responded, ${summary.timedOut} timed out, in ${seconds.toFixed(2)} s`);
  console.log(`    (target ≤ ${target.toFixed(1)} s = ${TIMEOUT_MS} ms × ${RETRIES + 1} tries × ceil(256 / ${CONCURRENCY}) + 10 %) ${verdict(seconds <= target && summary.responded === answering.length)}`);
} finally {
  await lab.stop();
  await lab2.stop();
}

// 2. One switch with a 10,000-row forwarding table.
const ROWS = 10_000;
const big = await startSnmpsim({ big: switchSnmprec({ extraFdbRows: ROWS }) });
try {
  await walkDevice({ host: '127.0.0.1', port: big.port, community: 'big' }); // warm snmpsim's index
  const started = performance.now();
  const cpu = process.cpuUsage();
  const walk = await walkDevice({ host: '127.0.0.1', port: big.port, community: 'big' });
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  console.log(`  walk of a switch with a ${ROWS.toLocaleString('en')}-row forwarding table: ${walk.fdb.length.toLocaleString('en')} MACs in ${seconds.toFixed(2)} s (target ≤ 5 s) ${verdict(seconds <= 5 && walk.fdb.length >= ROWS)}`);
  console.log(`    rollcall's own CPU time in that walk: ${((user + system) / 1e6).toFixed(2)} s; the rest is the agent answering`);
  // The forwarding table walked by net-snmp's C client, to tell the agent's speed from ours.
  const reference = performance.now();
  await promisify(execFile)('snmpbulkwalk', ['-v2c', '-c', 'big', '-Cr32', `127.0.0.1:${big.port}`, '1.3.6.1.2.1.17.7.1.2.2.1.2'], { maxBuffer: 64 << 20 });
  console.log(`    net-snmp's snmpbulkwalk of the same table against the same agent: ${((performance.now() - reference) / 1000).toFixed(2)} s`);
} finally {
  await big.stop();
}
