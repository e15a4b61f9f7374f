// Which lease owners are known dead: a process of this machine that is gone, or an earlier
// process that had this pid.
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { isDeadLocalOwner, LEASE_OWNER } from './job-lease.js';

describe('isDeadLocalOwner', () => {
  it('knows this process and other live ones are alive', () => {
    expect(isDeadLocalOwner(LEASE_OWNER)).toBe(false);
    expect(isDeadLocalOwner(`${hostname()}:${process.ppid}:0123abcd`)).toBe(false);
  });

  it('knows a process of this machine that ended, or an earlier one with our pid, is dead', () => {
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    expect(isDeadLocalOwner(`${hostname()}:${ended.stdout.toString()}:0123abcd`)).toBe(true);
    const earlier = LEASE_OWNER.replace(/[0-9a-f]{8}$/, (own) =>
      own === 'ffffffff' ? 'eeeeeeee' : 'ffffffff',
    );
    expect(isDeadLocalOwner(earlier)).toBe(true);
  });

  it('cannot tell for another machine, or a name not made here', () => {
    expect(isDeadLocalOwner(`not-${hostname()}:1:0123abcd`)).toBe(false);
    expect(isDeadLocalOwner('someone')).toBe(false);
  });
});
