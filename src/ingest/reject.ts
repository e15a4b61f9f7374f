// A rejected input record: which file and line, what it was, and why it was refused.
export interface Reject {
  file: string;
  line: number;
  kind: 'lead' | 'event';
  reason: string;
  leadId?: string | undefined;
}

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; reason: string; leadId?: string | undefined };
