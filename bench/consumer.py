"""confluent-kafka-python peer of the consumer benchmark.

usage: python3 consumer.py <bootstrap> <topic> <group> <messages>
Prints one JSON line like the other peers. Uses consume(num_messages=1000) batches.
"""
import json
import sys
import time

from confluent_kafka import Consumer


def main() -> None:
    bootstrap, topic, group, want = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    c = Consumer({'bootstrap.servers': bootstrap, 'group.id': group, 'enable.auto.commit': False, 'auto.offset.reset': 'earliest'})
    c.subscribe([topic])
    n = errors = nbytes = 0
    t0 = t1 = 0.0
    deadline = time.monotonic() + 300
    while n < want and time.monotonic() < deadline:
        for m in c.consume(num_messages=1000, timeout=1.0):
            if m.error():
                errors += 1
                continue
            if n == 0:
                t0 = time.monotonic()
            n += 1
            nbytes += len(m.value() or b'')
            if n == want:
                t1 = time.monotonic()
                break
    print(json.dumps({'messages': n, 'seconds': t1 - t0, 'errors': errors, 'bytes': nbytes}))
    c.close()


if __name__ == '__main__':
    main()
