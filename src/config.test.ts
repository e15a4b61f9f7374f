import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('readConfig', () => {
  it('reads the variables it knows, leaving unset ones out', () => {
    const config = readConfig({ PORT: '4100', LEADSCORE_SQLITE_SYNC: 'normal', HOME: '/root' });
    expect(config).toEqual({ PORT: 4100, LEADSCORE_SQLITE_SYNC: 'normal' });
    expect(readConfig({}).LEADSCORE_SQLITE_SYNC).toBeUndefined();
  });

  it('names every variable that is wrong, and why', () => {
    expect(() => readConfig({ LEADSCORE_SQLITE_SYNC: 'off', PORT: 'http' })).toThrow(
      /invalid environment: .*PORT: .*LEADSCORE_SQLITE_SYNC: .*"full"\|"normal"/,
    );
  });
});
