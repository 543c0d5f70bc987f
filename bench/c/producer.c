/*
 * The C baseline of simple-kafka's benchmark: librdkafka's own producer loop
 * (rd_kafka_produce + dr_msg_cb served by rd_kafka_poll), compiled against
 * the librdkafka node-rdkafka builds — the same library the Node clients use.
 *
 *   producer <bootstrap> <topic> <messages> <value bytes> <acks> <linger.ms>
 *
 * Prints one JSON line: {"messages":N,"seconds":S,"errors":E}.
 */
#include <librdkafka/rdkafka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static long delivered = 0;
static long failed = 0;

static void dr_msg_cb(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
        (void)rk;
        (void)opaque;
        if (m->err)
                failed++;
        else
                delivered++;
}

static double now(void) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU time of the whole process (every thread), in microseconds. */
static double cpu_us(void) {
        struct rusage ru;
        getrusage(RUSAGE_SELF, &ru);
        return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 + (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
}

static void set(rd_kafka_conf_t *conf, const char *k, const char *v) {
        char err[512];
        if (rd_kafka_conf_set(conf, k, v, err, sizeof err) != RD_KAFKA_CONF_OK) {
                fprintf(stderr, "%s: %s\n", k, err);
                exit(2);
        }
}

int main(int argc, char **argv) {
        if (argc < 7) {
                fprintf(stderr, "usage: %s bootstrap topic messages bytes acks linger.ms\n", argv[0]);
                return 2;
        }
        const char *bootstrap = argv[1];
        const char *topic     = argv[2];
        long count            = atol(argv[3]);
        size_t size           = (size_t)atol(argv[4]);
        char errstr[512];

        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        set(conf, "bootstrap.servers", bootstrap);
        set(conf, "acks", argv[5]);
        set(conf, "linger.ms", argv[6]);
        set(conf, "log_level", "3");
        rd_kafka_conf_set_dr_msg_cb(conf, dr_msg_cb);
        rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
        if (!rk) {
                fprintf(stderr, "rd_kafka_new: %s\n", errstr);
                return 1;
        }
        rd_kafka_topic_t *rkt = rd_kafka_topic_new(rk, topic, NULL);
        char *payload         = malloc(size);
        memset(payload, 'x', size);

        /* Connect and learn the topic first, as the Node peers do. */
        const struct rd_kafka_metadata *md;
        if (rd_kafka_metadata(rk, 0, rkt, &md, 10000) == RD_KAFKA_RESP_ERR_NO_ERROR)
                rd_kafka_metadata_destroy(md);

        double cpu0 = cpu_us();
        double t0   = now();
        for (long i = 0; i < count;) {
                if (rd_kafka_produce(rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY, payload, size, NULL, 0,
                                     NULL) == -1) {
                        if (rd_kafka_last_error() == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
                                rd_kafka_poll(rk, 1);
                                continue;
                        }
                        fprintf(stderr, "produce: %s\n", rd_kafka_err2str(rd_kafka_last_error()));
                        return 1;
                }
                i++;
                if ((i & 1023) == 0)
                        rd_kafka_poll(rk, 0);
        }
        while (delivered + failed < count)
                rd_kafka_poll(rk, 10);
        double seconds = now() - t0;
        double cpu     = cpu_us() - cpu0;
        printf("{\"messages\":%ld,\"seconds\":%.6f,\"errors\":%ld,\"cpuUs\":%.0f}\n", delivered, seconds, failed, cpu);

        free(payload);
        rd_kafka_topic_destroy(rkt);
        rd_kafka_destroy(rk);
        return 0;
}
