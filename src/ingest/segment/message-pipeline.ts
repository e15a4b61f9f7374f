// The per-message steps in order: storable text, validate, identify, time, normalise.
import { createIdentityStep } from './identity-step.js';
import type { SegmentMessage } from './message.js';
import { createNormaliseStep } from './normalise-step.js';
import type { SegmentCallType } from './schemas.js';
import { pipe, type Step } from './step.js';
import { createTimestampStep } from './timestamp-step.js';
import { createValidateTypeStep } from './validate-step.js';

export interface MessagePipelineOptions {
  receivedAt: number;
  routeType?: SegmentCallType;
  /** From the batch envelope: defaults for messages that carry none. */
  sentAt?: number | undefined;
  context?: Record<string, unknown> | null | undefined;
}

/** Expects a value already checked for size, depth and text (createStorableStep). */
export function createMessagePipeline(
  options: MessagePipelineOptions,
): Step<unknown, SegmentMessage> {
  const { receivedAt, routeType, sentAt, context } = options;
  return pipe(
    pipe(
      pipe(
        createValidateTypeStep(routeType === undefined ? {} : { routeType }),
        createIdentityStep(),
      ),
      createTimestampStep({ receivedAt, sentAt }),
    ),
    createNormaliseStep({ receivedAt, context }),
  );
}
