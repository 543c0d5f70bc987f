// Admin: librdkafka's Admin API (groups, configs, ACLs, topic creation and
// description, offsets, cluster description) over one rd_kafka_t per instance.
#pragma once

#include <napi.h>
#include <librdkafka/rdkafka.h>

#include "addon_state.h"

#include <atomic>
#include <memory>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace sk {

/**
 * A plain value tree built off the JS thread from a librdkafka result event
 * (so the event can be destroyed there) and turned into JS objects on the JS
 * thread.
 */
struct AdminValue {
  enum class Kind : uint8_t { Null, Bool, Num, Str, Arr, Obj };
  Kind kind = Kind::Null;
  bool b = false;
  double n = 0;
  std::string s;
  std::vector<AdminValue> arr;
  std::vector<std::pair<std::string, AdminValue>> obj;
};

/**
 * A librdkafka handle used only for Admin API requests.
 *
 * Requests are issued on the JS thread (librdkafka only enqueues them) with
 * the handle's background queue as reply queue. The result event is served
 * by librdkafka's background thread (rd_kafka_conf_set_background_event_cb),
 * which copies it into an AdminValue and hands it to the JS thread through a
 * thread-safe function; there the request's Promise settles. No libuv pool
 * thread waits for a broker, and the JS thread never blocks.
 *
 * Client-level errors of the main queue are forwarded to the background queue
 * and reach JS through `onEvent`, as do OAUTHBEARER token refresh requests
 * (served on the background thread: rd_kafka_sasl_background_callbacks_enable).
 *
 * Lifetime: `close()` refuses new requests at once, lets the requests in
 * flight get their answers (each bounded by its request timeout), then
 * destroys the handle on a pool thread. A request whose answer never came is
 * rejected with ERR_STATE once the handle is gone (the environment is torn
 * down, or the object is collected). The process is kept alive
 * only while requests are in flight. A per-instance environment cleanup hook
 * (registered after the thread-safe function, so it runs before that
 * function is torn down) destroys a handle that was never closed.
 */
class Admin final : public Napi::ObjectWrap<Admin> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit Admin(const Napi::CallbackInfo& info);
  ~Admin() override;

  /** Environment teardown: destroy the handle without calling into JS. */
  void Shutdown();

  /** State shared with the thread-safe function; outlives the Admin object. */
  struct Hub;

  /** After close(): destroys the handle on a pool thread once no request is in flight (JS thread). */
  void StartClose(Napi::Env env);
  /** No request in flight any more: the object may be collected again (JS thread). */
  void Idle();

 private:
  Napi::Value CreateTopics(const Napi::CallbackInfo& info);
  Napi::Value DeleteTopics(const Napi::CallbackInfo& info);
  Napi::Value CreatePartitions(const Napi::CallbackInfo& info);
  Napi::Value ListGroups(const Napi::CallbackInfo& info);
  Napi::Value DescribeGroups(const Napi::CallbackInfo& info);
  Napi::Value DeleteGroups(const Napi::CallbackInfo& info);
  Napi::Value DescribeConfigs(const Napi::CallbackInfo& info);
  Napi::Value IncrementalAlterConfigs(const Napi::CallbackInfo& info);
  Napi::Value CreateAcls(const Napi::CallbackInfo& info);
  Napi::Value DescribeAcls(const Napi::CallbackInfo& info);
  Napi::Value DeleteAcls(const Napi::CallbackInfo& info);
  Napi::Value DescribeCluster(const Napi::CallbackInfo& info);
  Napi::Value DescribeTopics(const Napi::CallbackInfo& info);
  Napi::Value ListOffsets(const Napi::CallbackInfo& info);
  Napi::Value ListGroupOffsets(const Napi::CallbackInfo& info);
  Napi::Value AlterGroupOffsets(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);
  Napi::Value SetOAuthToken(const Napi::CallbackInfo& info);
  Napi::Value SetOAuthTokenFailure(const Napi::CallbackInfo& info);
  Napi::Value InFlight(const Napi::CallbackInfo& info);

  /** Throws ERR_STATE unless the handle is open. */
  rd_kafka_t* Open(Napi::Env env);
  /** New options for `op` with the request timeout of argument `timeoutArg`; registers a request. */
  rd_kafka_AdminOptions_t* Options(const Napi::CallbackInfo& info, rd_kafka_admin_op_t op, size_t timeoutArg,
                                   Napi::Promise* promise);
  /** Synchronously destroys the handle (never while a close worker runs). */
  void DestroyNow();
  void Forget();

  static void OnBackground(rd_kafka_t* rk, rd_kafka_event_t* ev, void* opaque);
  static void OnTokenRefresh(rd_kafka_t* rk, const char* oauthbearerConfig, void* opaque);
  static void CleanupHook(void* arg);

  friend class AdminCloseWorker;

  Napi::Env env_;
  AddonState* state_ = nullptr;
  Hub* hub_ = nullptr;
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* bgq_ = nullptr;
  bool closing_ = false;
  std::unique_ptr<Napi::Promise::Deferred> closeDeferred_;  // set by close()
  Napi::ObjectReference closeSelf_;                          // keeps this object alive while closing
  bool hookAdded_ = false;
  bool held_ = false;  // a strong reference to the JS object while requests are in flight
  std::atomic<bool> destroying_{false};  // a close worker owns the handle
  std::atomic<bool> destroyed_{false};   // ... and has destroyed it
};

}  // namespace sk
