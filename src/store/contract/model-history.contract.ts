// Contract: a model version's note and author as saved (null when not given), every activation
// recorded in order, and the last what-if kept per version, replaced when run again, kept to
// its workspace.
import { describe, expect, it } from 'vitest';
import { T0, useContext, type MakeStore } from './harness.js';

const spec = { name: 'm', segments: [{ id: 'all', stage: 'tofu' }] };

export function modelHistoryContract(makeStore: MakeStore): void {
  describe('model history', () => {
    const ctx = useContext(makeStore);

    it('keeps the note and author given when saving, null when not given', async () => {
      const { store, ws } = ctx();
      const v1 = await store.addModel(ws, spec, T0);
      const v2 = await store.addModel(ws, spec, T0 + 1, { note: 'why', author: 'ann@example.com' });
      expect(await store.getModel(ws, v1)).toMatchObject({ note: null, author: null });
      expect(await store.getModel(ws, v2)).toMatchObject({
        note: 'why',
        author: 'ann@example.com',
      });
      expect((await store.listModels(ws)).map((m) => m.note)).toEqual([null, 'why']);
    });

    it('records every activation in order, once per instant', async () => {
      const { store, ws, other } = ctx();
      const v1 = await store.addModel(ws, spec, T0);
      const v2 = await store.addModel(ws, spec, T0);
      expect(await store.listModelActivations(ws)).toEqual([]);
      await store.activateModel(ws, v1, T0 + 10);
      await store.activateModel(ws, v2, T0 + 20);
      await store.activateModel(ws, v2, T0 + 20);
      await store.activateModel(ws, v1, T0 + 30);
      expect(await store.listModelActivations(ws)).toEqual([
        { version: v1, at: T0 + 10 },
        { version: v2, at: T0 + 20 },
        { version: v1, at: T0 + 30 },
      ]);
      expect(await store.listModelActivations(other)).toEqual([]);
    });

    it('keeps the last what-if per version, replaced when run again', async () => {
      const { store, ws, other } = ctx();
      const v1 = await store.addModel(ws, spec, T0);
      expect(await store.getModelWhatIf(ws, v1)).toBeUndefined();
      await store.putModelWhatIf(ws, { version: v1, at: T0 + 1, result: { moves: [1] } });
      await store.putModelWhatIf(ws, { version: v1, at: T0 + 2, result: { moves: [2], x: 'ü' } });
      expect(await store.getModelWhatIf(ws, v1)).toEqual({
        version: v1,
        at: T0 + 2,
        result: { moves: [2], x: 'ü' },
      });
      expect(await store.getModelWhatIf(other, v1)).toBeUndefined();
      // A version the workspace does not have keeps nothing.
      await store.putModelWhatIf(ws, { version: 99, at: T0, result: {} });
      expect(await store.getModelWhatIf(ws, 99)).toBeUndefined();
    });
  });
}
