// The active model's segments and grades, for filters, thresholds and labels across pages.
import { useApi } from './use-api';
import type { ModelList, ModelVersion } from '../api/types';
import { modelOutline, type ModelOutline } from './model-outline';

export interface ActiveModel {
  version: number | null;
  outline: ModelOutline | undefined;
  loading: boolean;
}

export function useActiveModel(): ActiveModel {
  const list = useApi<ModelList>('/v1/models');
  const active = list.data?.active ?? null;
  const version = useApi<ModelVersion>(active === null ? null : `/v1/models/${active}`);
  return {
    version: active,
    outline: version.data ? modelOutline(version.data.spec) : undefined,
    loading: list.loading || version.loading,
  };
}
