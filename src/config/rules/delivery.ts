/**
 * Delivery-guarantee rules for producers: idempotence, transactions, and the
 * limits librdkafka enforces between them.
 *
 * @remarks
 * Terms used in the messages:
 * - at-most-once: a message is never written twice but may be lost (acks=0, or no retries);
 * - at-least-once: a message is retried until acknowledged, so it may be written twice;
 * - exactly-once: idempotence removes the duplicates of at-least-once (per partition, in order),
 *   and transactions extend that across partitions and to consumed offsets.
 *
 * @packageDocumentation
 */
import type { ConfigIssue } from '../../errors';
import type { ConfigView } from '../view';
import { defineRule, issueMaker, type RuleOptions } from './rule';

/** The most in-flight requests per connection the broker de-duplicates for an idempotent producer. */
export const IDEMPOTENCE_MAX_IN_FLIGHT = 5;

const idem = issueMaker('idempotence');
const txn = issueMaker('transactional-id');
const timeouts = issueMaker('producer-timeouts');

function appliesToProducer(options: RuleOptions): boolean {
  return options.role === undefined || options.role === 'producer';
}

/** Whether the producer will be idempotent, and why. */
function idempotence(view: ConfigView): { on: boolean; because: string } {
  const explicit = view.bool('enable.idempotence');
  if (explicit === true) return { on: true, because: 'enable.idempotence=true' };
  if (explicit === undefined && view.str('transactional.id') !== undefined) return { on: true, because: 'transactional.id (which turns on idempotence)' };
  return { on: false, because: '' };
}

/** `enable.idempotence` needs acks=all, retries ≥ 1, max.in.flight ≤ 5, FIFO queuing and backpressure threshold 1. */
export const idempotenceRule = defineRule('idempotence', 'enable.idempotence=true requires acks=all, retries > 0 and max.in.flight.requests.per.connection <= 5; acks=0 with idempotence is an error', (view, options) => {
  if (!appliesToProducer(options)) return [];
  const { on, because } = idempotence(view);
  const issues: ConfigIssue[] = [];
  if (!on) {
    if (view.bool('enable.gapless.guarantee') === true) {
      issues.push(idem('error', 'enable.gapless.guarantee, enable.idempotence', 'enable.gapless.guarantee requires enable.idempotence=true', 'set enable.idempotence=true'));
    }
    return issues;
  }
  const idemKey = view.key('enable.idempotence') ?? 'transactional.id';
  const acksKey = view.key('request.required.acks');
  const acks = view.int('request.required.acks');
  if (acksKey !== undefined && acks !== undefined && acks !== -1) {
    if (acks === 0) {
      issues.push(
        idem(
          'error',
          `${acksKey}, ${idemKey}`,
          `${acksKey}=0 is fire-and-forget (at-most-once: the broker sends no acknowledgement, so nothing can be retried or de-duplicated) and cannot be combined with ${because}, which gives exactly-once, in-order writes per partition and needs every write acknowledged by all in-sync replicas`,
          `set ${acksKey}=all (or remove it), or drop idempotence if at-most-once is what you want`,
        ),
      );
    } else {
      issues.push(
        idem(
          'error',
          `${acksKey}, ${idemKey}`,
          `${acksKey}=${acks} lets a write count as done before all in-sync replicas have it, but ${because} (exactly-once, in order, per partition) requires ${acksKey}=all`,
          `set ${acksKey}=all, or remove it (idempotence sets it)`,
        ),
      );
    }
  }
  const retriesKey = view.key('message.send.max.retries');
  const retries = view.int('message.send.max.retries');
  if (retriesKey !== undefined && retries !== undefined && retries < 1) {
    issues.push(
      idem(
        'error',
        `${retriesKey}, ${idemKey}`,
        `${retriesKey}=${retries} turns off retries, so a failed write is lost (at-most-once); ${because} exists to retry without duplicates (exactly-once)`,
        `remove ${retriesKey} or set it to at least 1`,
      ),
    );
  }
  const inflightKey = view.key('max.in.flight.requests.per.connection');
  const inflight = view.int('max.in.flight.requests.per.connection');
  if (inflightKey !== undefined && inflight !== undefined && inflight > IDEMPOTENCE_MAX_IN_FLIGHT) {
    issues.push(
      idem(
        'error',
        `${inflightKey}, ${idemKey}`,
        `${inflightKey}=${inflight} is more than the ${IDEMPOTENCE_MAX_IN_FLIGHT} in-flight requests per connection the broker de-duplicates, so ${because} could not keep writes exactly-once and in order`,
        `set ${inflightKey} to ${IDEMPOTENCE_MAX_IN_FLIGHT} or less, or remove it`,
      ),
    );
  }
  const thresholdKey = view.key('queue.buffering.backpressure.threshold');
  const threshold = view.int('queue.buffering.backpressure.threshold');
  if (thresholdKey !== undefined && threshold !== undefined && threshold > 1) {
    issues.push(idem('error', `${thresholdKey}, ${idemKey}`, `${thresholdKey} must be 1 with ${because}`, `remove ${thresholdKey}`));
  }
  const strategy = view.str('queuing.strategy')?.toLowerCase();
  if (strategy !== undefined && strategy !== 'fifo') {
    issues.push(idem('error', `queuing.strategy, ${idemKey}`, `queuing.strategy=${strategy} reorders messages, which ${because} forbids`, 'remove queuing.strategy'));
  }
  return issues;
});

/** `transactional.id` requires idempotence, and its timeouts must fit the transaction timeout. */
export const transactionalIdRule = defineRule('transactional-id', 'transactional.id requires idempotence; message.timeout.ms and socket.timeout.ms fit transaction.timeout.ms', (view, options) => {
  if (!appliesToProducer(options)) return [];
  const key = view.key('transactional.id');
  if (key === undefined) return [];
  const issues: ConfigIssue[] = [];
  const id = view.str('transactional.id');
  if (id === undefined) {
    issues.push(txn('error', key, 'transactional.id is empty', 'set a stable, unique id per producer instance (e.g. "orders-writer-0"), or remove it'));
    return issues;
  }
  if (view.bool('enable.idempotence') === false) {
    issues.push(
      txn(
        'error',
        `${key}, enable.idempotence`,
        'transactional.id requires enable.idempotence=true: transactions (exactly-once across partitions) are built on the idempotent producer, and enable.idempotence=false turns it off',
        'remove enable.idempotence=false (transactional.id turns idempotence on)',
      ),
    );
  }
  const txTimeout = view.int('transaction.timeout.ms') ?? 60000;
  const mtKey = view.key('message.timeout.ms');
  const mt = view.int('message.timeout.ms');
  if (mtKey !== undefined && mt !== undefined && mt > txTimeout) {
    issues.push(txn('error', `${mtKey}, transaction.timeout.ms`, `${mtKey} (${mt}) must be at most transaction.timeout.ms (${txTimeout}): a message must not outlive its transaction`, `lower ${mtKey} or raise transaction.timeout.ms`));
  }
  const st = view.int('socket.timeout.ms');
  if (view.has('socket.timeout.ms') && st !== undefined && st > txTimeout + 100) {
    issues.push(txn('error', 'socket.timeout.ms, transaction.timeout.ms', `socket.timeout.ms (${st}) must be at most transaction.timeout.ms + 100 (${txTimeout + 100})`, 'lower socket.timeout.ms or raise transaction.timeout.ms'));
  }
  return issues;
});

/** `message.timeout.ms` must exceed `linger.ms` when both are set. */
export const producerTimeoutsRule = defineRule('producer-timeouts', 'message.timeout.ms must be greater than linger.ms', (view, options) => {
  if (!appliesToProducer(options)) return [];
  const lingerKey = view.key('queue.buffering.max.ms');
  const mtKey = view.key('message.timeout.ms');
  if (lingerKey === undefined || mtKey === undefined) return [];
  const linger = Number(view.str('queue.buffering.max.ms'));
  const mt = view.int('message.timeout.ms');
  if (mt === undefined || mt === 0 || !Number.isFinite(linger) || mt > linger) return [];
  return [timeouts('error', `${mtKey}, ${lingerKey}`, `${mtKey} (${mt}) must be greater than ${lingerKey} (${linger}): messages would time out while still waiting to be batched`, `raise ${mtKey} or lower ${lingerKey}`)];
});

/** Every delivery-guarantee rule. */
export const DELIVERY_RULES = [idempotenceRule, transactionalIdRule, producerTimeoutsRule] as const;
