// Rows of the workspaces and api_keys tables, the same in both adapters, and their records.
import type { ApiKey, Workspace } from './records.js';
import type { Role } from './team-records.js';

export interface WorkspaceRow {
  id: string;
  name: string;
  created_at: number;
}

export interface ApiKeyRow {
  id: string;
  workspace_id: string;
  kind: ApiKey['kind'];
  hash: string;
  prefix: string;
  label: string | null;
  rate_limit_per_minute: number | null;
  role: Role | null;
  created_at: number;
  revoked_at: number | null;
}

export const toWorkspace = (r: WorkspaceRow): Workspace => ({
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
});

export const toApiKey = (r: ApiKeyRow): ApiKey => ({
  id: r.id,
  workspaceId: r.workspace_id,
  kind: r.kind,
  hash: r.hash,
  prefix: r.prefix,
  label: r.label,
  rateLimitPerMinute: r.rate_limit_per_minute,
  role: r.role,
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});
