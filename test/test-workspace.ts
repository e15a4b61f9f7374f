// A workspace for API tests: its keys, the headers that send them, and a model made active.
import type { Model } from '../src/core/model-schema.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import type { Store } from '../src/store/port.js';

export interface TestWorkspace {
  ws: string;
  adminKeyId: string;
  writeKeyId: string;
  writeKey: string;
  /** The write key as Segment SDKs send it (HTTP Basic user name). */
  write: Record<string, string>;
  admin: Record<string, string>;
  /** The write key sent as a bearer token, which the management API must refuse. */
  writeAsBearer: Record<string, string>;
}

export async function workspaceWithModel(
  store: Store,
  name: string,
  model: Model,
  at: number,
): Promise<TestWorkspace> {
  const made = await createWorkspaceWithKeys(store, name, at);
  const ws = made.workspace.id;
  const version = await store.addModel(ws, model as unknown as Record<string, unknown>, at);
  await store.activateModel(ws, version, at);
  return {
    ws,
    adminKeyId: made.admin.key.id,
    writeKeyId: made.write.key.id,
    writeKey: made.write.secret,
    write: { authorization: `Basic ${Buffer.from(`${made.write.secret}:`).toString('base64')}` },
    admin: { authorization: `Bearer ${made.admin.secret}` },
    writeAsBearer: { authorization: `Bearer ${made.write.secret}` },
  };
}
