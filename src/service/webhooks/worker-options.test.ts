// The delivery worker's settings from the environment: the SSRF guard is on unless allowed off.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../config.js';
import { webhookSettingsFrom, webhookWorkerOptionsSchema } from './worker-options.js';

const guardOf = (env: Record<string, string>) =>
  webhookWorkerOptionsSchema.parse(webhookSettingsFrom(readConfig(env))).blockPrivateNetworks;

describe('webhook worker settings', () => {
  it('guard private networks unless LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1', () => {
    expect(guardOf({})).toBe(true);
    expect(guardOf({ LEADSCORE_WEBHOOK_BLOCK_PRIVATE: '1' })).toBe(true);
    expect(guardOf({ LEADSCORE_WEBHOOK_ALLOW_PRIVATE: '0' })).toBe(true);
    expect(guardOf({ LEADSCORE_WEBHOOK_ALLOW_PRIVATE: '1' })).toBe(false);
    expect(guardOf({ LEADSCORE_WEBHOOK_ALLOW_PRIVATE: 'true' })).toBe(false);
  });
});
