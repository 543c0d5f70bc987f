#include "mock_cluster.h"

#include <vector>

namespace sk {

namespace {

// The hosting handle has no bootstrap servers on purpose; librdkafka warns
// about that (CONFWARN). The handle carries no client traffic, so its log is
// dropped.
void SilentLog(const rd_kafka_t*, int, const char*, const char*) {}

Napi::Error StateError(Napi::Env env, const char* message) {
  Napi::Error err = Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, "ERR_STATE"));
  return err;
}

Napi::Error KafkaErr(Napi::Env env, rd_kafka_resp_err_t code, const std::string& what) {
  Napi::Error err = Napi::Error::New(env, what + ": " + rd_kafka_err2str(code));
  err.Set("code", Napi::String::New(env, "ERR_KAFKA"));
  err.Set("errno", Napi::Number::New(env, code));
  err.Set("name_", Napi::String::New(env, rd_kafka_err2name(code)));
  return err;
}

int32_t BrokerIdArg(const Napi::CallbackInfo& info, size_t index) {
  if (info.Length() <= index || !info[index].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), "broker id must be a number");
  }
  return info[index].As<Napi::Number>().Int32Value();
}

/** Runs Create() or Destroy() off the JS thread and settles a promise. */
class LifecycleWorker final : public Napi::AsyncWorker {
 public:
  LifecycleWorker(Napi::Env env, MockCluster* cluster, Napi::Object self, int brokers,
                  bool* busy)
      : Napi::AsyncWorker(env, "simple-kafka:mock-cluster"),
        deferred_(Napi::Promise::Deferred::New(env)),
        cluster_(cluster),
        self_(Napi::Persistent(self)),
        brokers_(brokers),
        busy_(busy) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    if (brokers_ > 0) {
      error_ = cluster_->Create(brokers_);
    } else {
      cluster_->Destroy();
    }
  }

  void OnOK() override {
    *busy_ = false;
    if (error_.empty()) {
      if (brokers_ > 0) {
        cluster_->Hold();
      } else {
        cluster_->Release();
      }
      deferred_.Resolve(Env().Undefined());
    } else {
      Napi::Error err = Napi::Error::New(Env(), error_);
      err.Set("code", Napi::String::New(Env(), "ERR_MOCK_CLUSTER"));
      deferred_.Reject(err.Value());
    }
  }

 private:
  Napi::Promise::Deferred deferred_;
  MockCluster* cluster_;
  Napi::ObjectReference self_;  // keeps the wrapper alive while we work
  int brokers_;                 // > 0: start with this many brokers; 0: stop
  bool* busy_;
  std::string error_;
};

}  // namespace

Napi::Function MockCluster::Init(Napi::Env env) {
  return DefineClass(env, "MockCluster",
                     {
                         InstanceMethod<&MockCluster::Start>("start"),
                         InstanceMethod<&MockCluster::Stop>("stop"),
                         InstanceMethod<&MockCluster::Bootstraps>("bootstraps"),
                         InstanceMethod<&MockCluster::CreateTopic>("createTopic"),
                         InstanceMethod<&MockCluster::SetBrokerDown>("setBrokerDown"),
                         InstanceMethod<&MockCluster::SetBrokerUp>("setBrokerUp"),
                         InstanceMethod<&MockCluster::SetRtt>("setRtt"),
                         InstanceMethod<&MockCluster::PushRequestErrors>("pushRequestErrors"),
                         InstanceMethod<&MockCluster::ClearRequestErrors>("clearRequestErrors"),
                         InstanceMethod<&MockCluster::IsRunning>("isRunning"),
                     });
}

MockCluster::MockCluster(const Napi::CallbackInfo& info) : Napi::ObjectWrap<MockCluster>(info) {
  state_ = GetState(info.Env());
  state_->liveClusters.insert(this);
}

MockCluster::~MockCluster() {
  // During environment teardown the cleanup hook has already destroyed us and
  // cleared the set; otherwise this is GC of a cluster never started, or stopped.
  if (state_ != nullptr) state_->liveClusters.erase(this);
  Destroy();
}

std::string MockCluster::Create(int brokers) {
  std::lock_guard<std::mutex> lock(mu_);
  if (mcluster_ != nullptr) return "the mock cluster is already running";

  char errstr[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set_log_cb(conf, SilentLog);
  if (rd_kafka_conf_set(conf, "client.id", "simple-kafka-mock-cluster", errstr, sizeof errstr) !=
      RD_KAFKA_CONF_OK) {
    rd_kafka_conf_destroy(conf);
    return errstr;
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);  // not taken over on failure
    return std::string("cannot create the hosting handle: ") + errstr;
  }
  rd_kafka_mock_cluster_t* mc = rd_kafka_mock_cluster_new(rk, brokers);
  if (mc == nullptr) {
    rd_kafka_destroy(rk);
    return "librdkafka could not create the mock cluster (no free loopback ports?)";
  }
  rk_ = rk;
  mcluster_ = mc;
  return "";
}

void MockCluster::Hold() {
  if (held_) return;
  held_ = true;
  Ref();
}

void MockCluster::Release() {
  if (!held_) return;
  held_ = false;
  Unref();
}

void MockCluster::Destroy() {
  std::lock_guard<std::mutex> lock(mu_);
  if (mcluster_ != nullptr) rd_kafka_mock_cluster_destroy(mcluster_);
  if (rk_ != nullptr) rd_kafka_destroy(rk_);
  mcluster_ = nullptr;
  rk_ = nullptr;
}

rd_kafka_mock_cluster_t* MockCluster::Running(Napi::Env env) {
  if (busy_ || mcluster_ == nullptr) throw StateError(env, "the mock cluster is not running");
  return mcluster_;
}

Napi::Value MockCluster::Start(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) {
    throw Napi::TypeError::New(env, "brokers must be a number");
  }
  int brokers = info[0].As<Napi::Number>().Int32Value();
  if (brokers < 1 || brokers > 64) throw Napi::RangeError::New(env, "brokers must be 1..64");
  if (busy_ || mcluster_ != nullptr) throw StateError(env, "the mock cluster is already started");
  busy_ = true;
  auto* worker = new LifecycleWorker(env, this, info.This().As<Napi::Object>(), brokers, &busy_);
  worker->Queue();
  return worker->Promise();
}

Napi::Value MockCluster::Stop(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (busy_) throw StateError(env, "a start or stop of this mock cluster is in progress");
  busy_ = true;
  auto* worker = new LifecycleWorker(env, this, info.This().As<Napi::Object>(), 0, &busy_);
  worker->Queue();
  return worker->Promise();
}

Napi::Value MockCluster::IsRunning(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), !busy_ && mcluster_ != nullptr);
}

Napi::Value MockCluster::Bootstraps(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), rd_kafka_mock_cluster_bootstraps(Running(info.Env())));
}

Napi::Value MockCluster::CreateTopic(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_mock_cluster_t* mc = Running(env);
  if (info.Length() < 3 || !info[0].IsString() || !info[1].IsNumber() || !info[2].IsNumber()) {
    throw Napi::TypeError::New(env, "createTopic(name: string, partitions: number, replicationFactor: number)");
  }
  std::string name = info[0].As<Napi::String>();
  rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(
      mc, name.c_str(), info[1].As<Napi::Number>().Int32Value(), info[2].As<Napi::Number>().Int32Value());
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) throw KafkaErr(env, err, "createTopic '" + name + "'");
  return env.Undefined();
}

Napi::Value MockCluster::SetBrokerDown(const Napi::CallbackInfo& info) {
  rd_kafka_mock_cluster_t* mc = Running(info.Env());
  int32_t id = BrokerIdArg(info, 0);
  rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_down(mc, id);
  if (err) throw KafkaErr(info.Env(), err, "setBrokerDown(" + std::to_string(id) + ")");
  return info.Env().Undefined();
}

Napi::Value MockCluster::SetBrokerUp(const Napi::CallbackInfo& info) {
  rd_kafka_mock_cluster_t* mc = Running(info.Env());
  int32_t id = BrokerIdArg(info, 0);
  rd_kafka_resp_err_t err = rd_kafka_mock_broker_set_up(mc, id);
  if (err) throw KafkaErr(info.Env(), err, "setBrokerUp(" + std::to_string(id) + ")");
  return info.Env().Undefined();
}

Napi::Value MockCluster::SetRtt(const Napi::CallbackInfo& info) {
  rd_kafka_mock_cluster_t* mc = Running(info.Env());
  int32_t id = BrokerIdArg(info, 0);
  if (info.Length() < 2 || !info[1].IsNumber()) {
    throw Napi::TypeError::New(info.Env(), "setRtt(brokerId: number, ms: number)");
  }
  rd_kafka_resp_err_t err =
      rd_kafka_mock_broker_set_rtt(mc, id, info[1].As<Napi::Number>().Int32Value());
  if (err) throw KafkaErr(info.Env(), err, "setRtt(" + std::to_string(id) + ")");
  return info.Env().Undefined();
}

Napi::Value MockCluster::PushRequestErrors(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_mock_cluster_t* mc = Running(env);
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsArray()) {
    throw Napi::TypeError::New(env, "pushRequestErrors(apiKey: number, errors: number[])");
  }
  Napi::Array arr = info[1].As<Napi::Array>();
  std::vector<rd_kafka_resp_err_t> errors;
  errors.reserve(arr.Length());
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value v = arr.Get(i);
    if (!v.IsNumber()) throw Napi::TypeError::New(env, "errors[" + std::to_string(i) + "] must be a number");
    errors.push_back(static_cast<rd_kafka_resp_err_t>(v.As<Napi::Number>().Int32Value()));
  }
  rd_kafka_mock_push_request_errors_array(mc, static_cast<int16_t>(info[0].As<Napi::Number>().Int32Value()),
                                          errors.size(), errors.data());
  return env.Undefined();
}

Napi::Value MockCluster::ClearRequestErrors(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_mock_cluster_t* mc = Running(env);
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "apiKey must be a number");
  rd_kafka_mock_clear_request_errors(mc, static_cast<int16_t>(info[0].As<Napi::Number>().Int32Value()));
  return env.Undefined();
}

}  // namespace sk
