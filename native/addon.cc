// simple-kafka's native addon: entry point (InitAll) and module-level functions.
#include <napi.h>
#include <librdkafka/rdkafka.h>

#include "addon_state.h"
#include "consumer.h"
#include "admin.h"
#include "mock_cluster.h"
#include "producer.h"

namespace sk {

AddonState* GetState(Napi::Env env) { return env.GetInstanceData<AddonState>(); }

namespace {

/** librdkafka's version as a string ("2.12.0") and as its integer. */
Napi::Value LibrdkafkaVersion(const Napi::CallbackInfo& info) {
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("version", rd_kafka_version_str());
  out.Set("versionInt", rd_kafka_version());
  return out;
}

/** The `builtin.features` of the librdkafka this addon is linked to. */
Napi::Value Features(const Napi::CallbackInfo& info) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char buf[1024];
  size_t size = sizeof buf;
  std::string features;
  if (rd_kafka_conf_get(conf, "builtin.features", buf, &size) == RD_KAFKA_CONF_OK) features = buf;
  rd_kafka_conf_destroy(conf);
  return Napi::String::New(info.Env(), features);
}

/** Name ("_TIMED_OUT", "TOPIC_AUTHORIZATION_FAILED") and text of an error code. */
Napi::Value ErrorInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsNumber()) throw Napi::TypeError::New(env, "code must be a number");
  auto code = static_cast<rd_kafka_resp_err_t>(info[0].As<Napi::Number>().Int32Value());
  Napi::Object out = Napi::Object::New(env);
  out.Set("name", rd_kafka_err2name(code));
  out.Set("description", rd_kafka_err2str(code));
  return out;
}

/** Stops every cluster still running when the environment goes away. */
void Teardown(Napi::Env, AddonState* state) {
  for (Producer* producer : state->liveProducers) producer->Shutdown();
  state->liveProducers.clear();
  for (Admin* admin : std::unordered_set<Admin*>(state->liveAdmins)) admin->Shutdown();
  state->liveAdmins.clear();
  for (Consumer* consumer : std::unordered_set<Consumer*>(state->liveConsumers)) consumer->Shutdown();
  state->liveConsumers.clear();
  for (MockCluster* cluster : state->liveClusters) cluster->Shutdown();
  state->liveClusters.clear();
  delete state;
}

}  // namespace

Napi::Object InitAll(Napi::Env env, Napi::Object exports) {
  auto* state = new AddonState();
  env.SetInstanceData<AddonState, Teardown>(state);

  Napi::Function mockCluster = MockCluster::Init(env);
  state->mockClusterCtor = Napi::Persistent(mockCluster);
  exports.Set("MockCluster", mockCluster);
  exports.Set("Producer", Producer::Init(env));
  exports.Set("Consumer", Consumer::Init(env));
  exports.Set("Admin", Admin::Init(env));
  exports.Set("librdkafkaVersion", Napi::Function::New(env, LibrdkafkaVersion, "librdkafkaVersion"));
  exports.Set("features", Napi::Function::New(env, Features, "features"));
  exports.Set("errorInfo", Napi::Function::New(env, ErrorInfo, "errorInfo"));
  return exports;
}

}  // namespace sk

static Napi::Object Init(Napi::Env env, Napi::Object exports) { return sk::InitAll(env, exports); }

NODE_API_MODULE(simple_kafka, Init)
