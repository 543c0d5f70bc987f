// MockCluster: librdkafka's embedded mock cluster (rdkafka_mock.h) as a JS class.
#pragma once

#include <napi.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "addon_state.h"

#include <mutex>
#include <string>

namespace sk {

/**
 * Owns one rd_kafka_t (a producer handle with no bootstrap servers, used only
 * to host the cluster) and one rd_kafka_mock_cluster_t.
 *
 * Lifetime: start() and stop() run on the libuv thread pool (creating and
 * joining librdkafka threads must not block the JS thread). stop() is
 * idempotent. A started cluster holds a strong reference to its own wrapper
 * until stop() completes: clients connected to it keep working after the last
 * JS reference to the cluster is dropped (GC does not pull the brokers away
 * from under them). The environment cleanup hook stops a cluster still
 * running, so process exit and worker termination leave no threads behind.
 */
class MockCluster final : public Napi::ObjectWrap<MockCluster> {
 public:
  static Napi::Function Init(Napi::Env env);
  explicit MockCluster(const Napi::CallbackInfo& info);
  ~MockCluster() override;

  /** Creates the handle and the cluster. Thread-safe; returns "" or an error. */
  std::string Create(int brokers);
  /** Destroys the cluster and its handle if they exist. Thread-safe, idempotent. */
  void Destroy();
  /** JS thread, after a successful start: GC must not stop a running cluster. */
  void Hold();
  /** JS thread, after stop: the wrapper is collectable again. */
  void Release();
  /** Environment teardown: stop, and forget the state that is going away. */
  void Shutdown() {
    state_ = nullptr;
    Destroy();
  }

 private:
  Napi::Value Start(const Napi::CallbackInfo& info);
  Napi::Value Stop(const Napi::CallbackInfo& info);
  Napi::Value Bootstraps(const Napi::CallbackInfo& info);
  Napi::Value CreateTopic(const Napi::CallbackInfo& info);
  Napi::Value SetBrokerDown(const Napi::CallbackInfo& info);
  Napi::Value SetBrokerUp(const Napi::CallbackInfo& info);
  Napi::Value SetRtt(const Napi::CallbackInfo& info);
  Napi::Value PushRequestErrors(const Napi::CallbackInfo& info);
  Napi::Value ClearRequestErrors(const Napi::CallbackInfo& info);
  Napi::Value IsRunning(const Napi::CallbackInfo& info);

  /** Throws a JS error unless the cluster is running; returns the cluster. */
  rd_kafka_mock_cluster_t* Running(Napi::Env env);

  std::mutex mu_;
  rd_kafka_t* rk_ = nullptr;
  rd_kafka_mock_cluster_t* mcluster_ = nullptr;
  bool held_ = false;  // Ref()'d while running (JS thread only)
  bool busy_ = false;  // a start or stop is on the thread pool (JS thread only)
  AddonState* state_ = nullptr;
};

}  // namespace sk
