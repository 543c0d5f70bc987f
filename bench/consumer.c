/*
 * The C baseline of the consumer benchmark: librdkafka's high-level consumer
 * (rd_kafka_consumer_poll), the same librdkafka that node-rdkafka builds.
 *
 * usage: consumer <bootstrap> <topic> <group> <messages> [key=value ...]
 * Prints one JSON line: {"messages":N,"seconds":S,"errors":E}. Time runs from
 * the first message to the last.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <librdkafka/rdkafka.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void set(rd_kafka_conf_t *conf, const char *k, const char *v) {
  char err[512];
  if (rd_kafka_conf_set(conf, k, v, err, sizeof err) != RD_KAFKA_CONF_OK) {
    fprintf(stderr, "%s: %s\n", k, err);
    exit(2);
  }
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: %s bootstrap topic group messages [key=value ...]\n", argv[0]);
    return 2;
  }
  long want = atol(argv[4]);
  char err[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  set(conf, "bootstrap.servers", argv[1]);
  set(conf, "group.id", argv[3]);
  set(conf, "enable.auto.commit", "false");
  set(conf, "auto.offset.reset", "earliest");
  for (int i = 5; i < argc; i++) {
    char *eq = strchr(argv[i], '=');
    if (!eq) continue;
    *eq = '\0';
    set(conf, argv[i], eq + 1);
  }
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
  if (!rk) {
    fprintf(stderr, "%s\n", err);
    return 1;
  }
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, argv[2], RD_KAFKA_PARTITION_UA);
  rd_kafka_subscribe(rk, topics);
  rd_kafka_topic_partition_list_destroy(topics);

  long n = 0, errors = 0;
  size_t bytes = 0;
  double t0 = 0, deadline = now() + 300;
  while (n < want && now() < deadline) {
    rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 100);
    if (!m) continue;
    if (m->err) {
      if (m->err != RD_KAFKA_RESP_ERR__PARTITION_EOF) errors++;
    } else {
      if (n == 0) t0 = now();
      n++;
      bytes += m->len;
    }
    rd_kafka_message_destroy(m);
  }
  double seconds = now() - t0;
  printf("{\"messages\":%ld,\"seconds\":%.4f,\"errors\":%ld,\"bytes\":%zu}\n", n, seconds, errors, bytes);
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return n == want ? 0 : 1;
}
