// Producer: simple-kafka's hot producer path, one rd_kafka_t per instance.
#pragma once

#include <napi.h>
#include <uv.h>
#include <librdkafka/rdkafka.h>

#include "addon_state.h"

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace sk {

/** A key, value, or header name/value read from JS: in a Buffer, or in the arena (UTF-8 of a string). */
struct Slice {
  const char* ptr = nullptr;  // when it points into a Buffer
  size_t off = 0;             // when inArena
  size_t len = 0;
  bool inArena = false;
  bool null = true;
};

/**
 * A librdkafka producer handle driven from JS with as few crossings as
 * possible.
 *
 * Producing: `produceBatch()` enqueues a whole batch (values, keys,
 * partitions, timestamps, headers) in one call. Every message carries an
 * opaque `tag << 20 | index` chosen by JS, which comes back in its delivery
 * report.
 *
 * Delivery reports: librdkafka puts DR, error, log, stats and OAUTHBEARER
 * refresh events on the main queue (event API). When that queue goes from
 * empty to non-empty a librdkafka thread calls OnQueueEvent, which only does
 * uv_async_send; on the JS thread OnAsync drains the queue and hands all
 * delivery reports of the drain to JS in one call (a Float64Array, 7 numbers
 * per message). There is no poll timer.
 *
 * Threading: all members are touched on the JS thread only, except rk_ which
 * worker threads use for blocking calls (flush, transactions, metadata,
 * destroy). close() refuses while a worker is running, and workers refuse once
 * closing, so rd_kafka_destroy never races another call.
 *
 * Lifetime: while messages are in flight the wrapper holds a strong reference
 * to itself and the uv_async handle is referenced (keeps the process alive
 * until every delivery report arrived); when idle both are released, so an
 * idle producer neither blocks exit nor leaks if collected. The destructor and
 * the environment teardown destroy a handle that was never closed.
 */
class Producer final : public Napi::ObjectWrap<Producer> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit Producer(const Napi::CallbackInfo& info);
  ~Producer() override;

  /** Environment teardown: destroy the handle without calling into JS. */
  void Shutdown();

  rd_kafka_t* Handle() const { return rk_; }
  /** Called on the JS thread when a worker started by this producer completes. */
  void WorkerDone() { workers_--; }
  /** Serves the main queue on the JS thread: returns events served. */
  int Drain(Napi::Env env, int maxEvents, int firstTimeoutMs);
  /** Current rd_kafka_outq_len (0 once closed). */
  int OutqLen() const { return rk_ != nullptr ? rd_kafka_outq_len(rk_) : 0; }
  /** After close: destroy everything but the librdkafka handle (JS thread). */
  rd_kafka_t* Detach();
  /** Last step of close (JS thread). */
  void Closed();
  /** A refresh of a topic's partitions ended (JS thread): `available` is empty when unknown. */
  void StickyInfo(const std::string& topic, bool ok, std::vector<int32_t> available);

 private:
  struct TopicEntry;
  using TopicMap = std::unordered_map<std::string, TopicEntry>;
  Napi::Value ProduceBatch(const Napi::CallbackInfo& info);
  Napi::Value ProducePacked(const Napi::CallbackInfo& info);
  /** One message of a Python-style produce(): 0, or librdkafka's error code (nothing enqueued). */
  Napi::Value ProduceOne(const Napi::CallbackInfo& info);
  Napi::Value TopicId(const Napi::CallbackInfo& info);
  /**
   * Enqueues the `n` messages whose values and keys are in slices_ (value i
   * at 2i, key i at 2i + 1; strings in arena_ up to `used`): one native call
   * for the batch; message i is reported as index `base + i` of `tag`.
   * Returns n, or an Int32Array of per-message error codes. `known`: the
   * topic's entry when the caller has it (else looked up by name).
   */
  Napi::Value Enqueue(Napi::Env env, rd_kafka_t* rk, const std::string& topic, uint64_t tag, uint32_t base, uint32_t n,
                      const int32_t* partitions, int32_t fixedPartition, const double* timestamps,
                      napi_value headers, size_t used, TopicEntry* known = nullptr);
  Napi::Value Poll(const Napi::CallbackInfo& info);
  Napi::Value Flush(const Napi::CallbackInfo& info);
  Napi::Value Purge(const Napi::CallbackInfo& info);
  Napi::Value GetOutqLen(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value Metadata(const Napi::CallbackInfo& info);
  Napi::Value InitTransactions(const Napi::CallbackInfo& info);
  Napi::Value BeginTransaction(const Napi::CallbackInfo& info);
  Napi::Value SendOffsetsToTransaction(const Napi::CallbackInfo& info);
  Napi::Value CommitTransaction(const Napi::CallbackInfo& info);
  Napi::Value AbortTransaction(const Napi::CallbackInfo& info);
  Napi::Value SetOAuthToken(const Napi::CallbackInfo& info);
  Napi::Value SetOAuthTokenFailure(const Napi::CallbackInfo& info);
  Napi::Value FatalError(const Napi::CallbackInfo& info);
  Napi::Value TestFatalError(const Napi::CallbackInfo& info);
  Napi::Value Name(const Napi::CallbackInfo& info);
  Napi::Value InFlight(const Napi::CallbackInfo& info);
  static Napi::Value Partition(const Napi::CallbackInfo& info);

  /** Throws ERR_STATE unless the handle is open (and optionally no worker runs). */
  rd_kafka_t* Open(Napi::Env env);
  Napi::Value QueueTxn(const Napi::CallbackInfo& info, int op);
  /** The topic's name and entry (handle, sticky state), created on first use; throws if librdkafka refuses the name. */
  TopicMap::value_type& Topic(Napi::Env env, const std::string& name);
  /**
   * The sticky partition of each keyless message of a batch left to the
   * partitioner (RD_KAFKA_PARTITION_UA for keyed ones) in stickyParts_, or
   * nullptr while the topic's partitions are not known yet.
   */
  const int32_t* AssignSticky(Napi::Env env, const std::string& topic, TopicEntry& entry, uint32_t n);
  /** Closes an open handle (no worker running): serves the queue, detaches, destroys it on the pool. */
  void StartClose(Napi::Env env, Napi::Object self, Napi::Promise::Deferred deferred);

  static void OnQueueEvent(rd_kafka_t* rk, void* opaque);
  static void OnAsync(uv_async_t* handle);
  static void OnThrottle(rd_kafka_t* rk, const char* broker, int32_t brokerId, int throttleMs,
                         void* opaque);
  void FlushReports(Napi::Env env);
  /** Room for `count` more reports in the report buffer (grows it; never calls JS). */
  double* ReserveReports(Napi::Env env, size_t count);
  void Emit(Napi::Env env, const char* type, Napi::Value payload);
  void AddInFlight(int64_t delta);
  void DestroyHandle(bool drain);

  struct Wake {
    uv_async_t handle;
    Producer* self;
    AddonState* state;  // counts the pending close (see AddonState::pendingHandleCloses)
  };
  static void OnWakeClosed(uv_handle_t* handle);
  static void AsyncCleanup(napi_async_cleanup_hook_handle handle, void* arg);

  Napi::Env env_;
  AddonState* state_ = nullptr;
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* mainq_ = nullptr;
  Wake* wake_ = nullptr;
  napi_async_context asyncContext_ = nullptr;
  Napi::FunctionReference onDelivery_;
  Napi::FunctionReference onEvent_;

  int64_t inFlight_ = 0;  // messages enqueued whose delivery report has not been drained
  bool refed_ = false;
  int workers_ = 0;
  bool closing_ = false;
  // close() called while internal workers ran: completed by the last of them.
  std::unique_ptr<Napi::Promise::Deferred> pendingClose_;

  // Sticky partitioning of keyless messages, done here rather than by
  // librdkafka's partitioner so that a keyless batch is enqueued on one
  // partition in one rd_kafka_produce_batch call (librdkafka's own sticky
  // partitioner runs per message). Same contract as librdkafka's:
  // keyless messages (a null key; an empty one too with consistent_random)
  // stick to a random available partition for sticky.partitioning.linger.ms,
  // then move to another; off with a linger of 0 and with the partitioners
  // that hash a null key (consistent, murmur2, fnv1a).
  // Partitions and leaders come from a metadata request made at most once a
  // second per topic while it is produced to (internal workers).
  struct StickyTopic {
    std::vector<int32_t> available;  // partitions with a leader
    int32_t current = -1;
    uint64_t switchAtNs = 0;
    uint64_t infoAtNs = 0;  // last refresh started (0: never)
    bool refreshing = false;
  };
  struct TopicEntry {
    rd_kafka_topic_t* rkt;
    StickyTopic sticky;
    int32_t id;  // index in topicIds_, -1 until topicId() is asked for it
  };
  TopicMap topics_;
  /** By topic id: the name (a key of topics_) and the entry; both stable until Detach. */
  std::vector<std::pair<const std::string*, TopicEntry*>> topicIds_;
  bool stickyEnabled_ = false;
  bool stickyEmptyKey_ = false;  // consistent_random: an empty key counts as keyless
  uint64_t stickyLingerNs_ = 10000000;
  std::vector<int32_t> stickyParts_;
  std::minstd_rand rng_;
  int internalWorkers_ = 0;
  bool draining_ = false;

  // Delivery reports of the current drain, 7 numbers each, written straight
  // into an ArrayBuffer that JS reads through a view (reused across drains).
  Napi::Reference<Napi::ArrayBuffer> reportBuf_;
  double* reportData_ = nullptr;
  size_t reportCap_ = 0;  // reports
  size_t reportLen_ = 0;  // reports
  std::vector<const rd_kafka_message_t*> msgs_;  // scratch for rd_kafka_event_message_array
  std::vector<char> arena_;                      // UTF-8 of string values/keys of one batch
  std::vector<rd_kafka_message_t> batch_;        // scratch for rd_kafka_produce_batch
  std::vector<Slice> slices_;                 // key and value of each message of one batch
  struct Throttle {
    std::string broker;
    int32_t brokerId;
    int ms;
  };
  std::vector<Throttle> throttles_;
};

}  // namespace sk
