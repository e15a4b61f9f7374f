// Reads a model file from disk (YAML or JSON by extension) and validates it.
import { readFile } from 'node:fs/promises';
import { compileModel, type CompiledModel } from '../core/compile-model.js';
import { ModelError } from '../core/model-errors.js';
import type { Model } from '../core/model-schema.js';
import { modelFormatOf, parseModel } from '../core/parse-model.js';

/** Loads and validates a model file; throws ModelError naming the file, path and line. */
export async function loadModel(path: string): Promise<Model> {
  if (modelFormatOf(path) === undefined) {
    throw new ModelError(path, [
      { path: '', message: 'a model file must end in .yaml, .yml or .json' },
    ]);
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ModelError(path, [
      { path: '', message: `cannot read the file: ${(error as Error).message}` },
    ]);
  }
  return parseModel(text, path);
}

export async function loadCompiledModel(path: string): Promise<CompiledModel> {
  return compileModel(await loadModel(path));
}
