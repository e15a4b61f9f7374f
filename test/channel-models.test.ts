// Uploading a model whose actions name channels: an unknown channel, one of the wrong kind, or a
// template that does not compile is a 422 naming the path and the line, like any model error.
import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/api/app.js';
import { createWorkspaceWithKeys } from '../src/service/keys.js';
import { ActiveModels } from '../src/service/scoring/active-model.js';
import { freshStores } from './fresh-stores.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');

const yaml = (actions: string[]) =>
  [
    'name: alerts',
    'segments:',
    '  - id: hot',
    '    above: 20',
    '    stage: bofu',
    '    actions:',
    ...actions.map((a) => `      - ${a}`),
    '  - { id: cold, stage: tofu }',
    '',
  ].join('\n');

describe.each(freshStores())('models with channel actions on $name', ({ open }) => {
  it('names the path and line of an unknown channel, a wrong kind and a broken template', async () => {
    const store = await open();
    const app = await buildApp({ store, models: new ActiveModels(), clock: () => NOW });
    const keys = await createWorkspaceWithKeys(store, 'w', NOW);
    const channel = { config: {}, secrets: '', sync: null, createdBy: null };
    await store.createChannel(keys.workspace.id, { ...channel, kind: 'email', name: 'mail' }, NOW);
    await store.createChannel(keys.workspace.id, { ...channel, kind: 'slack', name: 'sales' }, NOW);
    const upload = (payload: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/models',
        headers: {
          authorization: `Bearer ${keys.admin.secret}`,
          'content-type': 'application/yaml',
        },
        payload,
      });

    const bad = await upload(
      yaml([
        '{ type: email, channel: mial, to: owner }',
        '{ type: slack, channel: mail }',
        '{ type: slack, channel: sales, text: "{{#each lead.recent}}" }',
      ]),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      error: {
        code: 'invalid_model',
        details: [
          {
            path: 'segments[0].actions[0].channel',
            message: 'unknown channel "mial" (email channels: "mail")',
            line: 7,
          },
          {
            path: 'segments[0].actions[1].channel',
            message: 'channel "mail" is of kind email; a slack action needs a slack channel',
            line: 8,
          },
          {
            path: 'segments[0].actions[2].text',
            message: "not a valid template: Parse error on line 1: unexpected 'EOF'",
            line: 9,
          },
        ],
      },
    });

    const good = await upload(
      yaml([
        '{ type: email, channel: mail, to: [ann@acme.io], subject: "Hot: {{lead.displayName}}" }',
        '{ type: slack, channel: sales }',
      ]),
    );
    expect(good.statusCode).toBe(201);

    // A JSON body has no lines: the path alone.
    const json = await app.inject({
      method: 'POST',
      url: '/v1/models',
      headers: { authorization: `Bearer ${keys.admin.secret}` },
      payload: {
        name: 'j',
        segments: [{ id: 'all', stage: 'tofu', actions: [{ type: 'slack', channel: 'nope' }] }],
      },
    });
    expect(json.statusCode).toBe(422);
    expect(json.json().error.details).toEqual([
      {
        path: 'segments[0].actions[0].channel',
        message: 'unknown channel "nope" (slack channels: "sales")',
      },
    ]);
  });
});
