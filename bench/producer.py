"""confluent-kafka-python peer of the producer benchmark (bench/run.ts).

usage: python3 producer.py '<json Case>'   (the Case of bench/peer.ts)

Same protocol as the Node peers: `messages` values of `size` bytes, no key,
to `topic`; throughput time runs from the first produce() to the last
delivery report; latency runs at a fixed rate after WARM_UP acknowledged
messages and measures each message from its produce() call to its delivery
callback. Prints one JSON line like the other peers.
"""
import json
import resource
import sys
import time

from confluent_kafka import Producer

WARM_UP = 50


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


def throughput(c):
    state = {'delivered': 0, 'errors': 0}

    def on_delivery(err, _msg):
        if err is not None:
            state['errors'] += 1
        state['delivered'] += 1

    p = Producer({'bootstrap.servers': c['bootstrap'], 'acks': str(c['acks']), 'linger.ms': c['lingerMs'],
                  'log_level': 3, 'on_delivery': on_delivery})
    p.list_topics(c['topic'], timeout=10)
    value = b'x' * c['size']
    topic = c['topic']
    n = c['messages']
    produce = p.produce
    cpu0 = cpu_us()
    t0 = time.perf_counter()
    i = 0
    while i < n:
        try:
            produce(topic, value)
        except BufferError:
            # Local queue full: serve delivery reports, then retry.
            p.poll(0.001)
            continue
        i += 1
        if i & 1023 == 0:
            p.poll(0)
    while state['delivered'] < n:
        p.poll(0.01)
    seconds = time.perf_counter() - t0
    cpu = cpu_us() - cpu0
    p.flush(10)
    return {'messages': state['delivered'], 'seconds': seconds, 'errors': state['errors'], 'cpuUs': cpu}


def latency(c):
    latencies = []
    state = {'errors': 0, 'acked': 0}
    p = Producer({'bootstrap.servers': c['bootstrap'], 'acks': str(c['acks']), 'linger.ms': c['lingerMs'],
                  'log_level': 3})
    p.list_topics(c['topic'], timeout=10)
    value = b'x' * c['size']
    topic = c['topic']

    def report(start, record):
        def on_delivery(err, _msg):
            state['acked'] += 1
            if err is not None:
                state['errors'] += 1
            elif record:
                latencies.append((time.perf_counter() - start) * 1000)
        return on_delivery

    for _ in range(WARM_UP):
        p.produce(topic, value, on_delivery=report(time.perf_counter(), False))
        p.flush(10)
    state['acked'] = 0
    state['errors'] = 0
    rate = c.get('rate') or 1000
    n = c['messages']
    t0 = time.perf_counter()
    for i in range(n):
        due = t0 + i / rate
        # Serve delivery callbacks while waiting for the next slot (poll wakes on a report).
        while True:
            wait = due - time.perf_counter()
            if wait <= 0:
                break
            p.poll(wait)
        p.produce(topic, value, on_delivery=report(time.perf_counter(), True))
        p.poll(0)
    while state['acked'] < n:
        p.poll(0.01)
    seconds = time.perf_counter() - t0
    p.flush(10)
    latencies.sort()
    return {'messages': n, 'seconds': seconds, 'errors': state['errors'],
            'latencyMs': {'p50': percentile(latencies, 50), 'p99': percentile(latencies, 99), 'max': latencies[-1]}}


def cpu_us():
    """CPU time of the whole process (every thread), in microseconds."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    return (r.ru_utime + r.ru_stime) * 1e6


def main():
    c = json.loads(sys.argv[1])
    result = latency(c) if c['kind'] == 'latency' else throughput(c)
    print(json.dumps(result))


if __name__ == '__main__':
    main()
