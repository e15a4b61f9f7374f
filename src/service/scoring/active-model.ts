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
    // The version alone each time; its spec only the first time (versions never change).
    const version = await tx.activeModelVersion(ws);
    if (version === undefined) return undefined;
    const compiled = this.compiled.get(cacheKey(ws, version));
    if (compiled) return { version, compiled };
    const stored = await tx.getModel(ws, version);
    if (!stored) throw new Error(`the active model version ${version} is not stored`);
    return { version, compiled: this.compile(ws, version, stored.spec) };
  }

  /** A stored version compiled (versions never change once stored, so the cache is safe). */
  compile(ws: string, version: number, spec: unknown): CompiledModel {
    const key = cacheKey(ws, version);
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = compileModel(validateModel(spec, `model version ${version}`));
      this.compiled.set(key, compiled);
    }
    return compiled;
  }
}

const cacheKey = (ws: string, version: number) => `${ws}\u0000${version}`;
