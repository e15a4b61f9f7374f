// Pipeline step: pick the schema by the call's `type` and validate the message against it.
import type { z } from 'zod';
import { isRecord } from '../../core/fields.js';
import {
  callSchemas,
  SEGMENT_CALL_TYPES,
  type SegmentCall,
  type SegmentCallType,
} from './schemas.js';
import { ok, rejected, type Step } from './step.js';

/** The message as received (kept for storage and replay) beside its validated form. */
export interface ValidatedCall {
  raw: Record<string, unknown>;
  call: SegmentCall;
}

export interface ValidateOptions {
  /** The endpoint's type (`/v1/track`); absent inside a batch, where each message names its own. */
  routeType?: SegmentCallType;
}

const EXPECTED = SEGMENT_CALL_TYPES.join(', ');

export function createValidateTypeStep(
  options: ValidateOptions = {},
): Step<unknown, ValidatedCall> {
  const { routeType } = options;
  return (raw) => {
    if (!isRecord(raw)) return rejected('expected a JSON object (a Segment call)');
    const type = raw.type ?? routeType;
    if (type === undefined || type === null) {
      return rejected(`a call needs a type: one of ${EXPECTED}`, 'type');
    }
    if (routeType !== undefined && type !== routeType) {
      return rejected(`type ${JSON.stringify(type)} sent to the /v1/${routeType} endpoint`, 'type');
    }
    if (typeof type !== 'string' || !isCallType(type)) {
      return rejected(
        `type ${JSON.stringify(type)} is not supported: expected one of ${EXPECTED}`,
        'type',
      );
    }
    // Segment's single-call endpoints imply the type; the copy leaves `raw` as it was sent.
    const parsed = callSchemas[type].safeParse(raw.type === undefined ? { ...raw, type } : raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return issue === undefined
        ? rejected('invalid call')
        : rejected(issue.message, fieldPath(issue));
    }
    return ok({ raw, call: parsed.data });
  };
}

function isCallType(type: string): type is SegmentCallType {
  return Object.hasOwn(callSchemas, type);
}

/** `properties.items[2].price`, the way the rest of leadscore writes field paths. */
export function fieldPath(issue: z.core.$ZodIssue): string | undefined {
  let path = '';
  for (const key of issue.path) {
    path += typeof key === 'number' ? `[${key}]` : `${path === '' ? '' : '.'}${String(key)}`;
  }
  return path === '' ? undefined : path;
}
