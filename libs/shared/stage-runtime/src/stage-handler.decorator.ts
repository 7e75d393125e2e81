import { applyDecorators, Catch, UseFilters, type RpcExceptionFilter } from '@nestjs/common';
import { BaseRpcContext, EventPattern } from '@nestjs/microservices';
import { throwError, type Observable } from 'rxjs';

/** The transport id of KafkaExactlyOnceServer: stage handlers register with it and no other server. */
export const KAFKA_EXACTLY_ONCE_TRANSPORT = Symbol('furnish-kafka-exactly-once');

/** Marks, in the pattern's extras, a handler declared with @StageHandler (the server refuses any other). */
export const STAGE_HANDLER_EXTRA = 'furnishStageHandler';

/**
 * Hands whatever a stage handler throws back to the runtime unchanged. Nest's default RPC filter
 * would log it and replace it with `{ status: 'error', message: 'Internal server error' }`, losing
 * the FurnishError's disposition, so a record at fault could not be dead-lettered nor a
 * deployment fault halt its partition.
 */
@Catch()
export class StageErrorPassthroughFilter implements RpcExceptionFilter<unknown> {
  catch(error: unknown): Observable<never> {
    return throwError(() => error);
  }
}

/**
 * Declares a stage's chunk handler: Nest's `@EventPattern(topics)` for the exactly-once Kafka
 * transport, with stage errors passed through to the runtime. The method receives one chunk of one
 * input partition (`InputRecord[]`, offset order) and a StageChunkContext, and returns one
 * RecordOutcome per record; the runtime commits them with the input offsets in one transaction.
 */
export function StageHandler(topics: string | readonly string[]): MethodDecorator {
  return applyDecorators(
    EventPattern(typeof topics === 'string' ? [topics] : [...topics], KAFKA_EXACTLY_ONCE_TRANSPORT, { [STAGE_HANDLER_EXTRA]: true }),
    UseFilters(StageErrorPassthroughFilter),
  );
}

/** A stage handler's second argument (`@Ctx()`): where its chunk comes from. */
export class StageChunkContext extends BaseRpcContext<[topic: string, partition: number]> {
  getTopic(): string {
    return this.args[0];
  }

  getPartition(): number {
    return this.args[1];
  }
}
