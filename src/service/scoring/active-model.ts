// The workspace's active scoring model, compiled once per version and reused across requests.
import { compileModel, type CompiledModel } from '../../core/compile-model.js';
import { validateModel } from '../../core/parse-model.js';
import type { StoreTx } from '../../store/port.js';

export interface ActiveScoring {
  version: number;
  compiled: CompiledModel;
}

export class ActiveModels {
  private readonly compiled = new Map<string, CompiledModel>();

  /** The active model of the workspace, or undefined when none was activated yet. */
  async get(tx: StoreTx, ws: string): Promise<ActiveScoring | undefined> {
    const active = await tx.activeModel(ws);
    if (!active) return undefined;
    return { version: active.version, compiled: this.compile(ws, active.version, active.spec) };
  }

  /** A stored version compiled (versions never change once stored, so the cache is safe). */
  compile(ws: string, version: number, spec: unknown): CompiledModel {
    const key = `${ws}\u0000${version}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileModel(validateModel(spec, `model version ${version}`));
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}
