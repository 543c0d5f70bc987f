/** The send gate: cap, FIFO order, readiness, failure. */
import { SendGate, type GateItem } from '../../../src/producer/gate';

function item(units: number, log: string[], name: string, ready = true): GateItem {
  return { units, ready, dead: false, go: () => log.push(name), fail: (e) => log.push(`${name}:${e.message}`) };
}

test('takes units up to the cap, then queues; release admits in FIFO order', () => {
  const gate = new SendGate(3);
  const log: string[] = [];
  expect(gate.tryTake(2)).toBe(true);
  expect(gate.tryTake(1)).toBe(true);
  expect(gate.tryTake(1)).toBe(false);
  gate.enqueue(item(1, log, 'a'));
  gate.enqueue(item(2, log, 'b'));
  expect(gate.waiting).toBe(2);
  expect(gate.tryTake(1)).toBe(false); // never overtakes queued work
  gate.release(1);
  expect(log).toEqual(['a']);
  gate.release(1);
  expect(log).toEqual(['a']); // b needs 2
  gate.release(1);
  expect(log).toEqual(['a', 'b']);
  expect(gate.inFlight).toBe(3);
});

test('an item larger than the cap goes alone when nothing is in flight', () => {
  const gate = new SendGate(2);
  const log: string[] = [];
  gate.enqueue(item(5, log, 'big'));
  expect(log).toEqual(['big']);
  expect(gate.inFlight).toBe(5);
  expect(gate.tryTake(1)).toBe(false);
  gate.release(5);
  expect(gate.tryTake(1)).toBe(true);
});

test('a ready item waits behind one that is not ready yet; dead items are skipped', () => {
  const gate = new SendGate(10);
  const log: string[] = [];
  const slow = item(1, log, 'slow', false);
  gate.enqueue(slow);
  gate.enqueue(item(1, log, 'fast'));
  expect(log).toEqual([]);
  slow.ready = true;
  gate.pump();
  expect(log).toEqual(['slow', 'fast']);
  const dead = item(1, log, 'dead', false);
  gate.enqueue(dead);
  gate.enqueue(item(1, log, 'after'));
  dead.dead = true;
  gate.pump();
  expect(log).toEqual(['slow', 'fast', 'after']);
});

test('failAll fails what waits and empties the queue', () => {
  const gate = new SendGate(1);
  const log: string[] = [];
  expect(gate.tryTake(1)).toBe(true);
  gate.enqueue(item(1, log, 'x'));
  gate.enqueue(item(1, log, 'y'));
  gate.failAll(new Error('closed'));
  expect(log).toEqual(['x:closed', 'y:closed']);
  expect(gate.waiting).toBe(0);
});

test('many waiters: order is kept over 10 000 items with a gate of 1', () => {
  const gate = new SendGate(1);
  const log: string[] = [];
  for (let i = 0; i < 10_000; i++) gate.enqueue(item(1, log, String(i)));
  for (let i = 0; i < 10_000; i++) gate.release(1);
  expect(log).toEqual(Array.from({ length: 10_000 }, (_, i) => String(i)));
});
