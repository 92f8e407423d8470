import { defineProject } from 'vitest/config';

// Tests here start databases, servers or SNMP agents in hooks: on a busy 2-core CI machine that
// can take longer than Vitest's default 10 s.
export default defineProject({
  test: {
    name: '@rollcall/agent',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
