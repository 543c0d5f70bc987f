// Consumer: simple-kafka's consume path, one rd_kafka_t consumer per instance.
#pragma once

#include <napi.h>
#include <librdkafka/rdkafka.h>

#include "addon_state.h"

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sk {

/** A partition as it crosses between threads: plain values, no librdkafka list. */
struct PartitionEntry {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = RD_KAFKA_OFFSET_INVALID;
  int32_t err = 0;
};

/** A group rebalance met by a consume call, handed to JS with the batch. */
struct RebalanceEntry {
  int32_t code = 0;
  bool cooperative = false;
  bool lost = false;
  std::vector<PartitionEntry> partitions;
};

/** The state shared by a Consumer, its workers and librdkafka's callbacks (opaque). */
struct ConsumerCore {
  std::mutex mu;
  std::condition_variable cv;
  rd_kafka_t* rk = nullptr;           // nullptr once closing / closed / shut down
  rd_kafka_queue_t* q = nullptr;      // the consumer queue
  rd_kafka_queue_t* mainq = nullptr;  // error / log / stats / commit events
  int running = 0;                    // workers inside Enter()/Leave()
  bool consuming = false;             // a consume worker is inside Enter()/Leave()
  bool shutdown = false;              // no worker may enter any more
  bool closing = false;               // rd_kafka_consumer_close runs: rebalances are applied natively
  bool wake = false;                  // end the current consume batch
  bool rebalancePending = false;
  bool destroyOnLastLeave = false;    // shut down with broker calls running: the last one destroys
  std::atomic<bool> jsAlive{true};    // false once the JS object / environment is gone
  std::vector<RebalanceEntry> rebalances;
  // librdkafka 2.12's batch consume moves a partition's position (and, with
  // enable.auto.offset.store, its stored offset) one past the end when it returns a partition-EOF
  // marker (librdkafka #4844, fixed upstream by #5213): a restarted group would skip the next
  // message. With enable.partition.eof on and the user's automatic offset store, the consumer
  // turns librdkafka's automatic store off and stores offset + 1 of each real message of a batch
  // itself (storeOnDelivery), and position() reports the end, not one past it (eofAt, under mu).
  bool storeOnDelivery = false;
  std::map<std::pair<std::string, int32_t>, int64_t> eofAt;
  struct Throttle {
    std::string broker;
    int32_t brokerId;
    int ms;
  };
  std::vector<Throttle> throttles;  // JS thread (filled inside rd_kafka_queue_poll)

  /** Worker side: the handle for one blocking call, or nullptr once closed / shut down. Pair with Leave(). */
  rd_kafka_t* Enter(bool consume);
  void Leave(bool consume);
  /** Consume worker side: should the batch end early (wake, close, rebalance)? */
  bool ShouldStop();
  /** Consume worker side: takes the rebalances recorded since the last call. */
  std::vector<RebalanceEntry> TakeRebalances();
};

/**
 * A librdkafka consumer handle driven from JS.
 *
 * Reading: `consume(count, timeoutMs, fill, cb)` runs rd_kafka_consume_batch_queue on the libuv
 * pool (in slices of at most 200 ms, so `wake()` / close never wait long) and crosses into JS
 * once per batch: keys, values and header values copied into one Buffer, the numbers of every
 * message in one Float64Array, topic names and header names in two string arrays.
 *
 * Rebalances: librdkafka calls the rebalance callback inside the consume call (worker thread).
 * It does not touch the assignment: it records the event, yields, and the batch returns it to
 * JS, which runs the user's hooks and then calls assign / incrementalAssign / unassign. Nothing
 * on a librdkafka or worker thread ever waits for JS, so nothing can deadlock on close. During
 * close (rd_kafka_consumer_close on a worker) the callback applies the change itself: the facade
 * ran the hooks before closing.
 *
 * Events: error, log, stats, throttle, OAUTHBEARER refresh and offset-commit results stay on
 * librdkafka's main queue (not forwarded to the consumer queue); `events()` serves them on the
 * JS thread without blocking.
 *
 * Threading and lifetime: workers share a ConsumerCore (shared_ptr) with the wrapper, so a
 * worker that outlives the wrapper (environment teardown) touches only the core. Shutdown()
 * (teardown, GC) stops the consume worker (at most one slice) and destroys the handle, or, when
 * a broker call is still running, leaves that to the last worker to leave; completions that
 * arrive after it never touch JS.
 */
class Consumer final : public Napi::ObjectWrap<Consumer> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit Consumer(const Napi::CallbackInfo& info);
  ~Consumer() override;

  /** Environment teardown / GC: stop workers, destroy the handle without calling into JS. */
  void Shutdown();

  /** JS side: a worker created by this consumer completed. */
  void OpDone() { ops_--; }
  /** JS side: the consume worker completed. */
  void ConsumeDone() {
    ops_--;
    consumeQueued_ = false;
  }
  const std::shared_ptr<ConsumerCore>& Core() const { return core_; }

  static void OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                          void* opaque);
  static void OnThrottle(rd_kafka_t* rk, const char* broker, int32_t brokerId, int throttleMs, void* opaque);

 private:
  /** Assignment or position changed: the recorded partition ends no longer describe the position. */
  void ForgetEofs() {
    if (!core_ || !core_->storeOnDelivery) return;
    std::lock_guard<std::mutex> lock(core_->mu);
    core_->eofAt.clear();
  }
  Napi::Value Connect(const Napi::CallbackInfo& info);
  Napi::Value Subscribe(const Napi::CallbackInfo& info);
  Napi::Value Unsubscribe(const Napi::CallbackInfo& info);
  Napi::Value Subscription(const Napi::CallbackInfo& info);
  Napi::Value Assign(const Napi::CallbackInfo& info);
  Napi::Value IncrementalAssign(const Napi::CallbackInfo& info);
  Napi::Value IncrementalUnassign(const Napi::CallbackInfo& info);
  Napi::Value Assignment(const Napi::CallbackInfo& info);
  Napi::Value AssignmentLost(const Napi::CallbackInfo& info);
  Napi::Value RebalanceProtocol(const Napi::CallbackInfo& info);
  Napi::Value Consume(const Napi::CallbackInfo& info);
  Napi::Value Wake(const Napi::CallbackInfo& info);
  Napi::Value Commit(const Napi::CallbackInfo& info);
  Napi::Value CommitSync(const Napi::CallbackInfo& info);
  Napi::Value StoreOffsets(const Napi::CallbackInfo& info);
  Napi::Value Committed(const Napi::CallbackInfo& info);
  Napi::Value Position(const Napi::CallbackInfo& info);
  Napi::Value Seek(const Napi::CallbackInfo& info);
  Napi::Value Pause(const Napi::CallbackInfo& info);
  Napi::Value Resume(const Napi::CallbackInfo& info);
  Napi::Value GetWatermarkOffsets(const Napi::CallbackInfo& info);
  Napi::Value QueryWatermarkOffsets(const Napi::CallbackInfo& info);
  Napi::Value OffsetsForTimes(const Napi::CallbackInfo& info);
  Napi::Value GroupMetadata(const Napi::CallbackInfo& info);
  Napi::Value SetOAuthToken(const Napi::CallbackInfo& info);
  Napi::Value SetOAuthTokenFailure(const Napi::CallbackInfo& info);
  Napi::Value Events(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value IsClosed(const Napi::CallbackInfo& info);

  /** Throws ERR_STATE unless the handle is open. */
  rd_kafka_t* Open(Napi::Env env);

  static void CleanupHook(void* arg);

  napi_env env_ = nullptr;
  bool hookAdded_ = false;  // env cleanup hook: stops the consume worker before the loop drains
  AddonState* state_ = nullptr;
  std::shared_ptr<ConsumerCore> core_;
  rd_kafka_t* rk_ = nullptr;  // JS thread's view: nullptr once close() started
  int ops_ = 0;                // JS thread: workers not yet completed
  bool consumeQueued_ = false; // JS thread: a consume worker not yet completed
};

}  // namespace sk
