// What a panel shows of one API resource: its error (with a retry), loading, then the data.
import type { ReactNode } from 'react';
import type { Resource } from '../lib/use-api';
import { ErrorNote, Loading } from './status';

interface Props<T> {
  resource: Resource<T>;
  children: (data: T) => ReactNode;
  label?: string;
}

export function Loaded<T>({ resource, children, label }: Props<T>) {
  if (resource.error) return <ErrorNote error={resource.error} onRetry={resource.reload} />;
  if (resource.data === undefined) return <Loading label={label} />;
  return <>{children(resource.data)}</>;
}
