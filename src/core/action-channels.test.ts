// The channels a model's e-mail and Slack actions name: unknown ones and ones of another kind.
import { describe, expect, it } from 'vitest';
import { actionChannelProblems } from './action-channels.js';
import { parseModel } from './parse-model.js';

const model = parseModel(`
name: t
segments:
  - id: mql
    above: 20
    stage: mofu
    actions:
      - { type: email, channel: mail, to: owner }
      - { type: slack, channel: mail }
      - { type: slack, channel: sales }
  - { id: rest, stage: tofu, actions: [ { type: email, channel: nope, to: [a@b.io] } ] }
`);

describe('actionChannelProblems', () => {
  it('names the path of an unknown channel and of one of the wrong kind', () => {
    const channels = [
      { name: 'mail', kind: 'email' },
      { name: 'sales', kind: 'slack' },
    ];
    expect(actionChannelProblems(model, channels)).toEqual([
      {
        path: 'segments[0].actions[1].channel',
        message: 'channel "mail" is of kind email; a slack action needs a slack channel',
      },
      {
        path: 'segments[1].actions[0].channel',
        message: 'unknown channel "nope" (email channels: "mail")',
      },
    ]);
    expect(actionChannelProblems(model, [])).toHaveLength(4);
  });
});
