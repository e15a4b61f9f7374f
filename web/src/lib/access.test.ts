// What each role sees and may open, from the permissions the server sends for the workspace.
import { describe, expect, it } from 'vitest';
import type { Permission, Role, Workspace } from '../api/auth-types';
import { actRefusalOf, landingOf, navigationOf, pickWorkspace, refusalOf } from './access';

// As src/service/auth/permissions.ts grants them (the server sends them with each workspace).
const READ: Permission[] = [
  'leads.read',
  'data.export',
  'models.read',
  'analytics.read',
  'predictive.read',
  'automation.read',
  'jobs.read',
];
const MARKETER: Permission[] = [
  ...READ,
  'leads.act',
  'leads.write',
  'data.import',
  'models.write',
  'predictive.write',
  'automation.write',
];
const PERMISSIONS: Record<Role, Permission[]> = {
  owner: [...MARKETER, 'leads.erase', 'keys.manage', 'users.manage', 'audit.read'],
  marketer: MARKETER,
  viewer: READ,
  sales: ['leads.read', 'leads.act'],
};
const ws = (role: Role, id = 'w1'): Workspace => ({
  id,
  name: 'Acme',
  role,
  permissions: PERMISSIONS[role],
});
const labels = (role: Role) => navigationOf(ws(role)).map((i) => i.label);

describe('navigation', () => {
  it('lists only what each role may use', () => {
    expect(labels('owner')).toEqual([
      'Leads',
      'Model',
      'Analytics',
      'Automation',
      'Import',
      'Settings',
    ]);
    expect(labels('marketer')).toEqual(['Leads', 'Model', 'Analytics', 'Automation', 'Import']);
    expect(labels('viewer')).toEqual(['Leads', 'Model', 'Analytics', 'Automation']);
    expect(labels('sales')).toEqual(['My leads', 'Leads']);
  });

  it('lands sales reps on their own leads, others on the lead list', () => {
    expect(landingOf(ws('sales'))).toBe('/my-leads');
    expect(landingOf(ws('marketer'))).toBe('/leads');
  });
});

describe('pages opened by address', () => {
  it('says what the role cannot do', () => {
    expect(refusalOf('/settings/people', ws('marketer'))).toBe(
      'Your role (marketer) cannot manage people in Acme.',
    );
    expect(refusalOf('/model', ws('sales'))).toBe(
      'Your role (sales) cannot see the scoring model in Acme.',
    );
    expect(refusalOf('/settings/audit', ws('owner'))).toBeNull();
    expect(refusalOf('/leads/abc', ws('sales'))).toBeNull();
    expect(refusalOf('/import', ws('viewer'))).toMatch(/cannot import data/);
  });

  it('tells a user without a workspace to ask for an invitation', () => {
    expect(refusalOf('/leads', null)).toMatch(/not a member of any workspace/);
  });
});

describe('acting on a lead', () => {
  it('lets sales act on its own leads only', () => {
    expect(actRefusalOf(ws('sales'), 'rep@x.com', 'Rep@x.com')).toBeNull();
    expect(actRefusalOf(ws('sales'), 'rep@x.com', 'other@x.com')).toMatch(/owner/);
    expect(actRefusalOf(ws('marketer'), 'm@x.com', 'other@x.com')).toBeNull();
    expect(actRefusalOf(ws('viewer'), 'v@x.com', 'v@x.com')).toMatch(/viewer/);
  });
});

describe('pickWorkspace', () => {
  it('keeps the stored choice while the user still belongs to it', () => {
    const list = [ws('owner', 'a'), ws('sales', 'b')];
    expect(pickWorkspace(list, 'b')?.id).toBe('b');
    expect(pickWorkspace(list, 'gone')?.id).toBe('a');
    expect(pickWorkspace([], 'a')).toBeNull();
  });
});
