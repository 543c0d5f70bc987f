#include "producer.h"
#include "oauth.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

namespace sk {

namespace {

// Delivery reports handed to JS: 7 doubles per message.
//   [tag, index, errorCode, partition, offset, timestamp, persistedStatus]
constexpr size_t kReportStride = 7;
// Messages per JS call at most, and events served per wake-up before the
// loop is given back to other I/O (the rest is served on the next turn).
constexpr size_t kMaxReportsPerCall = 16384;
constexpr int kEventsPerWake = 4096;
// opaque = tag << kIndexBits | index
constexpr int kIndexBits = 20;
constexpr uint32_t kMaxBatch = 1u << kIndexBits;

Napi::Error CodedError(Napi::Env env, const std::string& message, const char* code) {
  Napi::Error err = Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, code));
  return err;
}

Napi::Error StateErr(Napi::Env env, const std::string& message) { return CodedError(env, message, "ERR_STATE"); }

Napi::Error ArgErr(Napi::Env env, const std::string& message) {
  Napi::Error err = Napi::TypeError::New(env, message);
  err.Set("code", Napi::String::New(env, "ERR_INVALID_ARGUMENT"));
  return err;
}

/** A librdkafka error code as a JS error: code ERR_KAFKA, errno, kafkaName and flags. */
Napi::Error KafkaErrorObject(Napi::Env env, rd_kafka_resp_err_t code, const std::string& message, bool retriable,
                             bool fatal, bool txnRequiresAbort) {
  Napi::Error err = Napi::Error::New(env, message);
  Napi::Object o = err.Value();
  o.Set("code", "ERR_KAFKA");
  o.Set("errno", Napi::Number::New(env, code));
  o.Set("kafkaName", rd_kafka_err2name(code));
  o.Set("retriable", retriable);
  o.Set("fatal", fatal);
  o.Set("txnRequiresAbort", txnRequiresAbort);
  return err;
}

/** Consumes an rd_kafka_error_t. */
Napi::Error FromRdError(Napi::Env env, rd_kafka_error_t* error) {
  Napi::Error o = KafkaErrorObject(env, rd_kafka_error_code(error), rd_kafka_error_string(error),
                                    rd_kafka_error_is_retriable(error), rd_kafka_error_is_fatal(error),
                                    rd_kafka_error_txn_requires_abort(error));
  rd_kafka_error_destroy(error);
  return o;
}

int TimeoutArg(const Napi::CallbackInfo& info, size_t i, int fallback) {
  if (info.Length() <= i || info[i].IsUndefined() || info[i].IsNull()) return fallback;
  if (!info[i].IsNumber()) throw ArgErr(info.Env(), "timeout must be a number of milliseconds");
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || d < 0) return -1;  // infinite
  return d > INT_MAX ? INT_MAX : static_cast<int>(d);
}

/** Base of the producer's workers: keeps the wrapper alive and counts itself. */
class ProducerWorker : public Napi::AsyncWorker {
 public:
  ProducerWorker(Napi::Env env, Producer* producer, Napi::Object self, const char* name)
      : Napi::AsyncWorker(env, name),
        deferred_(Napi::Promise::Deferred::New(env)),
        producer_(producer),
        self_(Napi::Persistent(self)),
        rk_(producer->Handle()) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }

  void OnOK() override {
    producer_->WorkerDone();
    Settle();
  }

 protected:
  virtual void Settle() = 0;

  Napi::Promise::Deferred deferred_;
  Producer* producer_;
  Napi::ObjectReference self_;
  rd_kafka_t* rk_;
};

class FlushWorker final : public ProducerWorker {
 public:
  FlushWorker(Napi::Env env, Producer* p, Napi::Object self, int timeoutMs)
      : ProducerWorker(env, p, self, "simple-kafka:producer-flush"), timeoutMs_(timeoutMs) {}
  void Execute() override { rd_kafka_flush(rk_, timeoutMs_); }
  void Settle() override {
    // The last delivery reports are on the queue: hand them to JS before the
    // flush promise settles, so every send() of the flush has settled first.
    producer_->Drain(Env(), INT_MAX, 0);
    deferred_.Resolve(Napi::Number::New(Env(), producer_->OutqLen()));
  }

 private:
  int timeoutMs_;
};

class MetadataWorker final : public ProducerWorker {
 public:
  MetadataWorker(Napi::Env env, Producer* p, Napi::Object self, int timeoutMs, std::string topic)
      : ProducerWorker(env, p, self, "simple-kafka:producer-metadata"), timeoutMs_(timeoutMs), topic_(std::move(topic)) {}
  ~MetadataWorker() override {
    if (md_ != nullptr) rd_kafka_metadata_destroy(md_);
  }
  void Execute() override {
    rd_kafka_topic_t* rkt = topic_.empty() ? nullptr : rd_kafka_topic_new(rk_, topic_.c_str(), nullptr);
    err_ = rd_kafka_metadata(rk_, 0, rkt, &md_, timeoutMs_);
    if (rkt != nullptr) rd_kafka_topic_destroy(rkt);
  }
  void Settle() override {
    Napi::Env env = Env();
    if (err_ != RD_KAFKA_RESP_ERR_NO_ERROR) {
      deferred_.Reject(KafkaErrorObject(env, err_, std::string("metadata request failed: ") + rd_kafka_err2str(err_),
                                        true, false, false).Value());
      return;
    }
    Napi::Object out = Napi::Object::New(env);
    Napi::Array brokers = Napi::Array::New(env, md_->broker_cnt);
    for (int i = 0; i < md_->broker_cnt; i++) {
      Napi::Object b = Napi::Object::New(env);
      b.Set("id", md_->brokers[i].id);
      b.Set("host", md_->brokers[i].host);
      b.Set("port", md_->brokers[i].port);
      brokers.Set(i, b);
    }
    out.Set("brokers", brokers);
    Napi::Array topics = Napi::Array::New(env, md_->topic_cnt);
    for (int i = 0; i < md_->topic_cnt; i++) {
      Napi::Object t = Napi::Object::New(env);
      t.Set("name", md_->topics[i].topic);
      t.Set("partitions", md_->topics[i].partition_cnt);
      t.Set("errno", static_cast<int>(md_->topics[i].err));
      topics.Set(i, t);
    }
    out.Set("topics", topics);
    deferred_.Resolve(out);
  }

 private:
  int timeoutMs_;
  std::string topic_;
  rd_kafka_resp_err_t err_ = RD_KAFKA_RESP_ERR_NO_ERROR;
  const rd_kafka_metadata_t* md_ = nullptr;
};

/**
 * An internal metadata request for one topic's partitions and their leaders
 * (sticky partitioning). No promise: the answer goes to Producer::StickyInfo.
 */
class StickyInfoWorker final : public Napi::AsyncWorker {
 public:
  StickyInfoWorker(Napi::Env env, Producer* p, Napi::Object self, rd_kafka_topic_t* rkt, std::string topic)
      : Napi::AsyncWorker(env, "simple-kafka:producer-partitions"),
        producer_(p),
        self_(Napi::Persistent(self)),
        rk_(p->Handle()),
        rkt_(rkt),
        topic_(std::move(topic)) {}
  ~StickyInfoWorker() override {
    if (md_ != nullptr) rd_kafka_metadata_destroy(md_);
  }
  void Execute() override {
    // Short: close() waits for this request.
    err_ = rd_kafka_metadata(rk_, 0, rkt_, &md_, 1000);
  }
  void OnOK() override {
    std::vector<int32_t> available;
    bool ok = err_ == RD_KAFKA_RESP_ERR_NO_ERROR && md_ != nullptr;
    if (ok) {
      for (int i = 0; i < md_->topic_cnt; i++) {
        const rd_kafka_metadata_topic_t& t = md_->topics[i];
        if (topic_ != t.topic || t.err != RD_KAFKA_RESP_ERR_NO_ERROR) continue;
        for (int j = 0; j < t.partition_cnt; j++) {
          if (t.partitions[j].leader >= 0 && t.partitions[j].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
            available.push_back(t.partitions[j].id);
          }
        }
      }
    }
    producer_->StickyInfo(topic_, ok, std::move(available));
  }

 private:
  Producer* producer_;
  Napi::ObjectReference self_;
  rd_kafka_t* rk_;
  rd_kafka_topic_t* rkt_;
  std::string topic_;
  rd_kafka_resp_err_t err_ = RD_KAFKA_RESP_ERR_NO_ERROR;
  const rd_kafka_metadata_t* md_ = nullptr;
};

enum TxnOp { kInit, kCommit, kAbort, kSendOffsets };

class TxnWorker final : public ProducerWorker {
 public:
  TxnWorker(Napi::Env env, Producer* p, Napi::Object self, TxnOp op, int timeoutMs,
            rd_kafka_topic_partition_list_t* offsets = nullptr, rd_kafka_consumer_group_metadata_t* cgmd = nullptr)
      : ProducerWorker(env, p, self, "simple-kafka:producer-transaction"),
        op_(op),
        timeoutMs_(timeoutMs),
        offsets_(offsets),
        cgmd_(cgmd) {}
  ~TxnWorker() override {
    if (offsets_ != nullptr) rd_kafka_topic_partition_list_destroy(offsets_);
    if (cgmd_ != nullptr) rd_kafka_consumer_group_metadata_destroy(cgmd_);
    if (error_ != nullptr) rd_kafka_error_destroy(error_);
  }
  void Execute() override {
    switch (op_) {
      case kInit:
        error_ = rd_kafka_init_transactions(rk_, timeoutMs_);
        break;
      case kCommit:
        error_ = rd_kafka_commit_transaction(rk_, timeoutMs_);
        break;
      case kAbort:
        error_ = rd_kafka_abort_transaction(rk_, timeoutMs_);
        break;
      case kSendOffsets:
        error_ = rd_kafka_send_offsets_to_transaction(rk_, offsets_, cgmd_, timeoutMs_);
        break;
    }
  }
  void Settle() override {
    // Commit and abort flush: deliver the reports they waited for first.
    producer_->Drain(Env(), INT_MAX, 0);
    if (error_ != nullptr) {
      rd_kafka_error_t* e = error_;
      error_ = nullptr;
      deferred_.Reject(FromRdError(Env(), e).Value());
    } else {
      deferred_.Resolve(Env().Undefined());
    }
  }

 private:
  TxnOp op_;
  int timeoutMs_;
  rd_kafka_topic_partition_list_t* offsets_;
  rd_kafka_consumer_group_metadata_t* cgmd_;
  rd_kafka_error_t* error_ = nullptr;
};

class CloseWorker final : public Napi::AsyncWorker {
 public:
  CloseWorker(Napi::Env env, Producer* p, Napi::Object self, rd_kafka_t* rk, Napi::Promise::Deferred deferred)
      : Napi::AsyncWorker(env, "simple-kafka:producer-close"),
        deferred_(deferred),
        producer_(p),
        self_(Napi::Persistent(self)),
        rk_(rk) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override { rd_kafka_destroy(rk_); }
  void OnOK() override {
    producer_->Closed();
    deferred_.Resolve(Env().Undefined());
  }

 private:
  Napi::Promise::Deferred deferred_;
  Producer* producer_;
  Napi::ObjectReference self_;
  rd_kafka_t* rk_;
};

/** Reads a Buffer / Uint8Array / string / null / undefined into a Slice (strings go to the arena). */
bool ReadBytes(napi_env env, napi_value v, std::vector<char>& arena, size_t& used, Slice& out) {
  out = Slice();
  {
    // Fast path: a Buffer / Uint8Array (one N-API call; fails cheaply for anything else).
    napi_typedarray_type type;
    size_t length;
    void* data;
    if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) == napi_ok) {
      if (type != napi_uint8_array && type != napi_int8_array && type != napi_uint8_clamped_array) return false;
      out.ptr = data != nullptr ? static_cast<const char*>(data) : "";
      out.len = length;
      out.null = false;
      return true;
    }
  }
  napi_valuetype t;
  napi_typeof(env, v, &t);
  if (t == napi_null || t == napi_undefined) return true;
  if (t == napi_string) {
    size_t len16 = 0;
    napi_get_value_string_utf16(env, v, nullptr, 0, &len16);
    size_t cap = len16 * 3 + 1;
    if (arena.size() < used + cap) arena.resize((used + cap) * 2);
    size_t written = 0;
    napi_get_value_string_utf8(env, v, arena.data() + used, cap, &written);
    out.inArena = true;
    out.off = used;
    out.len = written;
    out.null = false;
    used += written + 1;  // keep the NUL: header names need it
    return true;
  }
  if (t == napi_object) {
    bool isTyped = false;
    napi_is_typedarray(env, v, &isTyped);
    if (isTyped) {
      napi_typedarray_type type;
      size_t length;
      void* data;
      napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr);
      if (type != napi_uint8_array && type != napi_int8_array && type != napi_uint8_clamped_array) return false;
      out.ptr = static_cast<const char*>(data);
      out.len = length;
      out.null = false;
      // An empty Buffer may have a null data pointer: librdkafka treats NULL as
      // a null value, so point empty payloads at a static byte.
      if (out.ptr == nullptr) out.ptr = "";
      return true;
    }
  }
  return false;
}

inline const char* SlicePtr(const Slice& s, const std::vector<char>& arena) {
  if (s.null) return nullptr;
  return s.inArena ? arena.data() + s.off : s.ptr;
}

}  // namespace

Napi::Function Producer::Init(Napi::Env env) {
  return DefineClass(env, "Producer",
                     {
                         InstanceMethod<&Producer::ProduceBatch>("produceBatch"),
                         InstanceMethod<&Producer::ProducePacked>("producePacked"),
                         InstanceMethod<&Producer::ProduceOne>("produceOne"),
                         InstanceMethod<&Producer::TopicId>("topicId"),
                         InstanceMethod<&Producer::Poll>("poll"),
                         InstanceMethod<&Producer::Flush>("flush"),
                         InstanceMethod<&Producer::Purge>("purge"),
                         InstanceMethod<&Producer::GetOutqLen>("outqLen"),
                         InstanceMethod<&Producer::Close>("close"),
                         InstanceMethod<&Producer::Metadata>("metadata"),
                         InstanceMethod<&Producer::InitTransactions>("initTransactions"),
                         InstanceMethod<&Producer::BeginTransaction>("beginTransaction"),
                         InstanceMethod<&Producer::SendOffsetsToTransaction>("sendOffsetsToTransaction"),
                         InstanceMethod<&Producer::CommitTransaction>("commitTransaction"),
                         InstanceMethod<&Producer::AbortTransaction>("abortTransaction"),
                         InstanceMethod<&Producer::SetOAuthToken>("setOAuthToken"),
                         InstanceMethod<&Producer::SetOAuthTokenFailure>("setOAuthTokenFailure"),
                         InstanceMethod<&Producer::FatalError>("fatalError"),
                         InstanceMethod<&Producer::Name>("name"),
                         InstanceMethod<&Producer::InFlight>("inFlight"),
                         InstanceMethod<&Producer::TestFatalError>("testFatalError"),
                         StaticMethod<&Producer::Partition>("partition"),
                     });
}

// new Producer(config: Record<string,string>, onDelivery(reports: Float64Array),
//              onEvent(type: string, payload), events: {log, stats, oauth, throttle})
Producer::Producer(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Producer>(info), env_(info.Env()) {
  Napi::Env env = info.Env();
  if (info.Length() < 4 || !info[0].IsObject() || !info[1].IsFunction() || !info[2].IsFunction() ||
      !info[3].IsObject()) {
    throw ArgErr(env, "new Producer(config: object, onDelivery: function, onEvent: function, events: object)");
  }
  Napi::Object config = info[0].As<Napi::Object>();
  Napi::Object events = info[3].As<Napi::Object>();
  bool wantLog = events.Get("log").ToBoolean();
  bool wantStats = events.Get("stats").ToBoolean();
  bool wantOAuth = events.Get("oauth").ToBoolean();
  bool wantThrottle = events.Get("throttle").ToBoolean();

  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512];
  Napi::Array issues = Napi::Array::New(env);
  Napi::Array keys = config.GetPropertyNames();
  for (uint32_t i = 0; i < keys.Length(); i++) {
    std::string key = keys.Get(i).ToString();
    Napi::Value v = config.Get(key);
    if (!v.IsString()) {
      Napi::Object issue = Napi::Object::New(env);
      issue.Set("path", key);
      issue.Set("message", "must be a string");
      issues.Set(issues.Length(), issue);
      continue;
    }
    std::string value = v.As<Napi::String>();
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      Napi::Object issue = Napi::Object::New(env);
      issue.Set("path", key);
      issue.Set("message", std::string(errstr));
      issues.Set(issues.Length(), issue);
    }
  }
  if (wantLog) rd_kafka_conf_set(conf, "log.queue", "true", errstr, sizeof errstr);
  if (issues.Length() > 0) {
    rd_kafka_conf_destroy(conf);
    Napi::Error err = CodedError(env, "invalid producer configuration", "ERR_CONFIG");
    err.Set("issues", issues);
    throw err;
  }
  {
    // Sticky partitioning of keyless messages (see StickyTopic), with
    // librdkafka's settings and defaults.
    char buf[64];
    size_t size = sizeof buf;
    std::string partitioner = "consistent_random";
    // A topic property: set on the global configuration it lands in the default topic configuration.
    rd_kafka_topic_conf_t* topicConf = rd_kafka_conf_get_default_topic_conf(conf);
    if (topicConf != nullptr && rd_kafka_topic_conf_get(topicConf, "partitioner", buf, &size) == RD_KAFKA_CONF_OK) {
      partitioner = buf;
    }
    size = sizeof buf;
    long lingerMs = 10;
    if (rd_kafka_conf_get(conf, "sticky.partitioning.linger.ms", buf, &size) == RD_KAFKA_CONF_OK) {
      lingerMs = std::strtol(buf, nullptr, 10);
    }
    // As librdkafka: every partitioner that places null keys at random
    // (random and the *_random ones) makes them sticky; consistent, murmur2
    // and fnv1a hash them like any key.
    stickyEnabled_ = lingerMs > 0 && partitioner != "consistent" && partitioner != "murmur2" && partitioner != "fnv1a";
    stickyEmptyKey_ = partitioner == "consistent_random";
    stickyLingerNs_ = static_cast<uint64_t>(lingerMs) * 1000000u;
    rng_.seed(static_cast<std::minstd_rand::result_type>(uv_hrtime() ^ reinterpret_cast<uintptr_t>(this)));
  }
  int mask = RD_KAFKA_EVENT_DR | RD_KAFKA_EVENT_ERROR;
  if (wantLog) mask |= RD_KAFKA_EVENT_LOG;
  if (wantStats) mask |= RD_KAFKA_EVENT_STATS;
  if (wantOAuth) mask |= RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH;
  rd_kafka_conf_set_events(conf, mask);
  if (wantThrottle) rd_kafka_conf_set_throttle_cb(conf, OnThrottle);
  rd_kafka_conf_set_opaque(conf, this);

  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    Napi::Error err = CodedError(env, std::string("cannot create the producer: ") + errstr, "ERR_CONFIG");
    Napi::Object issue = Napi::Object::New(env);
    issue.Set("path", "");
    issue.Set("message", std::string(errstr));
    Napi::Array arr = Napi::Array::New(env, 1);
    arr.Set(0u, issue);
    err.Set("issues", arr);
    throw err;
  }
  rk_ = rk;
  if (wantLog) rd_kafka_set_log_queue(rk_, nullptr);
  mainq_ = rd_kafka_queue_get_main(rk_);

  uv_loop_t* loop = nullptr;
  napi_get_uv_event_loop(env, &loop);
  state_ = GetState(env);
  wake_ = new Wake();
  wake_->self = this;
  wake_->state = state_;
  uv_async_init(loop, &wake_->handle, OnAsync);
  wake_->handle.data = wake_;
  uv_unref(reinterpret_cast<uv_handle_t*>(&wake_->handle));

  onDelivery_ = Napi::Persistent(info[1].As<Napi::Function>());
  onEvent_ = Napi::Persistent(info[2].As<Napi::Function>());

  napi_async_init(env, info.This(), Napi::String::New(env, "simple-kafka:producer-events"), &asyncContext_);

  state_->liveProducers.insert(this);
  if (!state_->producerCleanupHookAdded) {
    state_->producerCleanupHookAdded = true;
    napi_add_async_cleanup_hook(env, AsyncCleanup, state_, nullptr);
  }

  rd_kafka_queue_cb_event_enable(mainq_, OnQueueEvent, wake_);
  // Events queued before the callback was set (logs, an OAUTHBEARER refresh)
  // did not trigger it: serve them on the first loop turn.
  uv_async_send(&wake_->handle);
}

Producer::~Producer() {
  if (state_ != nullptr) state_->liveProducers.erase(this);
  DestroyHandle(false);
  if (asyncContext_ != nullptr) napi_async_destroy(env_, asyncContext_);
}

void Producer::Shutdown() {
  DestroyHandle(false);
  state_ = nullptr;
}

// Environment teardown, first step (async cleanup hooks run before the
// environment's instance data is finalized and before a worker unloads the
// addon): destroy every producer still open, then wait until the uv_close
// callbacks of their wake-up handles have run.
void Producer::AsyncCleanup(napi_async_cleanup_hook_handle handle, void* arg) {
  auto* state = static_cast<AddonState*>(arg);
  state->producerCleanupHook = handle;
  std::vector<Producer*> live(state->liveProducers.begin(), state->liveProducers.end());
  state->liveProducers.clear();
  for (Producer* p : live) p->Shutdown();
  if (state->pendingHandleCloses == 0) {
    state->producerCleanupHook = nullptr;
    napi_remove_async_cleanup_hook(handle);
  }
}

void Producer::OnWakeClosed(uv_handle_t* h) {
  auto* wake = static_cast<Wake*>(h->data);
  AddonState* state = wake->state;
  delete wake;
  if (state == nullptr) return;
  if (--state->pendingHandleCloses == 0 && state->producerCleanupHook != nullptr) {
    napi_async_cleanup_hook_handle hook = state->producerCleanupHook;
    state->producerCleanupHook = nullptr;
    napi_remove_async_cleanup_hook(hook);
  }
}

void Producer::DestroyHandle(bool) {
  rd_kafka_t* rk = Detach();
  if (rk != nullptr) rd_kafka_destroy(rk);
  Closed();
}

rd_kafka_t* Producer::Detach() {
  closing_ = true;
  if (rk_ == nullptr) return nullptr;
  // After this returns no librdkafka thread is inside OnQueueEvent (it runs
  // under the queue lock) and none will call it again.
  rd_kafka_queue_cb_event_enable(mainq_, nullptr, nullptr);
  for (auto& entry : topics_) rd_kafka_topic_destroy(entry.second.rkt);
  topics_.clear();
  topicIds_.clear();
  rd_kafka_queue_destroy(mainq_);
  mainq_ = nullptr;
  rd_kafka_t* rk = rk_;
  rk_ = nullptr;
  return rk;
}

void Producer::Closed() {
  if (state_ != nullptr) state_->liveProducers.erase(this);
  if (refed_) {
    refed_ = false;
    Unref();
  }
  inFlight_ = 0;
  if (wake_ != nullptr) {
    wake_->self = nullptr;
    if (wake_->state != nullptr) wake_->state->pendingHandleCloses++;
    uv_close(reinterpret_cast<uv_handle_t*>(&wake_->handle), OnWakeClosed);
    wake_ = nullptr;
  }
}

rd_kafka_t* Producer::Open(Napi::Env env) {
  if (rk_ == nullptr || closing_) throw StateErr(env, "the producer is closed");
  return rk_;
}

// topicId(name: string) → number: an id produceOne() takes instead of the
// name, valid for the producer's life.
Napi::Value Producer::TopicId(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  if (info.Length() < 1 || !info[0].IsString()) throw ArgErr(env, "topicId(topic: string)");
  std::string name = info[0].As<Napi::String>();
  auto& node = Topic(env, name);
  TopicEntry& entry = node.second;
  if (entry.id < 0) {
    entry.id = static_cast<int32_t>(topicIds_.size());
    topicIds_.emplace_back(&node.first, &entry);
  }
  return Napi::Number::New(env, entry.id);
}

Producer::TopicMap::value_type& Producer::Topic(Napi::Env env, const std::string& name) {
  auto it = topics_.find(name);
  if (it != topics_.end()) return *it;
  rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk_, name.c_str(), nullptr);
  if (rkt == nullptr) {
    throw KafkaErrorObject(env, rd_kafka_last_error(), "cannot create topic handle for '" + name + "'", false, false, false);
  }
  return *topics_.emplace(name, TopicEntry{rkt, StickyTopic(), -1}).first;
}

namespace {

// The sticky partition's switch time (sticky.partitioning.linger.ms, 10 ms by
// default) and the 1 s partition refresh need no finer clock than the
// kernel's tick; the coarse clock is read without a hardware timer access,
// which matters once per produce() call.
uint64_t CoarseNowNs() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1000000000u + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace

const int32_t* Producer::AssignSticky(Napi::Env env, const std::string& topic, TopicEntry& entry, uint32_t n) {
  StickyTopic& st = entry.sticky;
  uint64_t now = CoarseNowNs();
  if (!st.refreshing && (st.infoAtNs == 0 || now - st.infoAtNs >= 1000000000u)) {
    st.refreshing = true;
    st.infoAtNs = now;
    internalWorkers_++;
    auto* w = new StickyInfoWorker(env, this, Value(), entry.rkt, topic);
    w->Queue();
  }
  if (st.available.empty()) return nullptr;
  if (stickyParts_.size() < n) stickyParts_.resize(n);
  int32_t* parts = stickyParts_.data();
  const std::vector<Slice>& slices = slices_;
  for (uint32_t i = 0; i < n; i++) {
    const Slice& key = slices[2 * i + 1];
    if (!(key.null || (stickyEmptyKey_ && key.len == 0))) {
      parts[i] = RD_KAFKA_PARTITION_UA;
      continue;
    }
    // The clock is read once per 1024 messages: a batch is enqueued in far
    // less than the linger.
    if ((i & 1023) == 0 && i > 0) now = CoarseNowNs();
    if (st.current < 0 || now >= st.switchAtNs) {
      st.current = st.available[rng_() % st.available.size()];
      st.switchAtNs = now + stickyLingerNs_;
    }
    parts[i] = st.current;
  }
  return parts;
}

void Producer::StickyInfo(const std::string& topic, bool ok, std::vector<int32_t> available) {
  internalWorkers_--;
  if (rk_ != nullptr && !closing_) {
    auto it = topics_.find(topic);
    if (it != topics_.end()) {
      StickyTopic& st = it->second.sticky;
      st.refreshing = false;
      // A failed request keeps what was known (retried a second later).
      if (ok) {
        st.available = std::move(available);
        if (std::find(st.available.begin(), st.available.end(), st.current) == st.available.end()) st.current = -1;
      }
    }
  }
  if (internalWorkers_ == 0 && pendingClose_ != nullptr && rk_ != nullptr) {
    std::unique_ptr<Napi::Promise::Deferred> d = std::move(pendingClose_);
    StartClose(Env(), Value(), *d);
  }
}

void Producer::StartClose(Napi::Env env, Napi::Object self, Napi::Promise::Deferred deferred) {
  // Hand over whatever is already on the queue, then stop serving it.
  Drain(env, INT_MAX, 0);
  rd_kafka_t* rk = Detach();
  auto* w = new CloseWorker(env, this, self, rk, deferred);
  w->Queue();
}

void Producer::AddInFlight(int64_t delta) {
  inFlight_ += delta;
  if (inFlight_ < 0) inFlight_ = 0;
  if (wake_ == nullptr) return;
  if (inFlight_ > 0 && !refed_) {
    refed_ = true;
    Ref();
    uv_ref(reinterpret_cast<uv_handle_t*>(&wake_->handle));
  } else if (inFlight_ == 0 && refed_) {
    refed_ = false;
    Unref();
    uv_unref(reinterpret_cast<uv_handle_t*>(&wake_->handle));
  }
}

// ---------------------------------------------------------------------------
// Producing

// produceBatch(topic, tag, values[], keys[] | null, partitions: Int32Array | number,
//              timestamps: Float64Array | null, headers: (flat [name, value, ...] | null)[] | null)
//   → number of messages (all enqueued) | Int32Array of per-message error codes (0 = enqueued)
namespace {

/** Reads the optional partitions, timestamps and headers arguments (at `at`, `at + 1`, `at + 2`). */
struct BatchExtras {
  int32_t fixedPartition = RD_KAFKA_PARTITION_UA;
  const int32_t* partitions = nullptr;
  const double* timestamps = nullptr;
  napi_value headers = nullptr;
};

BatchExtras ReadExtras(const Napi::CallbackInfo& info, size_t at, uint32_t n, bool allowHeaders) {
  Napi::Env env = info.Env();
  BatchExtras x;
  if (info.Length() > at && !info[at].IsNull() && !info[at].IsUndefined()) {
    if (info[at].IsNumber()) {
      x.fixedPartition = info[at].As<Napi::Number>().Int32Value();
    } else if (info[at].IsTypedArray() && info[at].As<Napi::TypedArray>().TypedArrayType() == napi_int32_array) {
      Napi::Int32Array arr = info[at].As<Napi::Int32Array>();
      if (arr.ElementLength() < n) throw ArgErr(env, "partitions is shorter than values");
      x.partitions = arr.Data();
    } else {
      throw ArgErr(env, "partitions must be a number or an Int32Array");
    }
  }
  if (info.Length() > at + 1 && !info[at + 1].IsNull() && !info[at + 1].IsUndefined()) {
    if (!info[at + 1].IsTypedArray() || info[at + 1].As<Napi::TypedArray>().TypedArrayType() != napi_float64_array) {
      throw ArgErr(env, "timestamps must be a Float64Array or null");
    }
    Napi::Float64Array arr = info[at + 1].As<Napi::Float64Array>();
    if (arr.ElementLength() < n) throw ArgErr(env, "timestamps is shorter than values");
    x.timestamps = arr.Data();
  }
  if (allowHeaders && info.Length() > at + 2 && !info[at + 2].IsNull() && !info[at + 2].IsUndefined()) {
    if (!info[at + 2].IsArray()) throw ArgErr(env, "headers must be an array or null");
    x.headers = info[at + 2];
  }
  return x;
}

/** Reads the topic and tag arguments (0 and 1). */
uint64_t ReadTag(const Napi::CallbackInfo& info) {
  double tagD = info[1].As<Napi::Number>().DoubleValue();
  if (!(tagD >= 0 && tagD <= 4294967295.0) || tagD != std::floor(tagD)) throw ArgErr(info.Env(), "tag must be a uint32");
  return static_cast<uint64_t>(tagD);
}

}  // namespace

Napi::Value Producer::ProduceBatch(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  napi_env e = env;
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 3 || !info[0].IsString() || !info[1].IsNumber() || !info[2].IsArray()) {
    throw ArgErr(env, "produceBatch(topic: string, tag: number, values: array, ...)");
  }
  std::string topic = info[0].As<Napi::String>();
  uint64_t tag = ReadTag(info);
  napi_value values = info[2];
  uint32_t n = 0;
  napi_get_array_length(e, values, &n);
  if (n >= kMaxBatch) throw ArgErr(env, "a batch holds at most 1048575 messages");
  if (n == 0) return Napi::Number::New(env, 0);

  napi_value keys = nullptr;
  if (info.Length() > 3 && !info[3].IsNull() && !info[3].IsUndefined()) {
    if (!info[3].IsArray()) throw ArgErr(env, "keys must be an array or null");
    keys = info[3];
  }
  BatchExtras extras = ReadExtras(info, 4, n, true);
  // Optional: the index of message 0 in the reports (messages of one tag given over several calls).
  uint32_t base = 0;
  if (info.Length() > 7 && !info[7].IsUndefined()) {
    double b = info[7].IsNumber() ? info[7].As<Napi::Number>().DoubleValue() : -1;
    if (!(b >= 0 && b + n < kMaxBatch) || b != std::floor(b)) {
      throw ArgErr(env, "base must be an integer >= 0 with base + values.length below 1048576");
    }
    base = static_cast<uint32_t>(b);
  }

  // Read every key and value first: a bad element throws before anything is enqueued.
  size_t used = 0;
  std::vector<Slice>& slices = slices_;
  slices.resize(static_cast<size_t>(n) * 2);
  for (uint32_t i = 0; i < n; i++) {
    napi_value v;
    napi_get_element(e, values, i, &v);
    if (!ReadBytes(e, v, arena_, used, slices[2 * i])) {
      throw ArgErr(env, "values[" + std::to_string(i) + "] must be a Buffer, Uint8Array, string or null");
    }
    if (keys != nullptr) {
      napi_value k;
      napi_get_element(e, keys, i, &k);
      if (!ReadBytes(e, k, arena_, used, slices[2 * i + 1])) {
        throw ArgErr(env, "keys[" + std::to_string(i) + "] must be a Buffer, Uint8Array, string or null");
      }
    } else {
      slices[2 * i + 1] = Slice();  // not an earlier batch's key
    }
  }
  return Enqueue(env, rk, topic, tag, base, n, extras.partitions, extras.fixedPartition, extras.timestamps, extras.headers, used);
}

Napi::Value Producer::ProduceOne(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  napi_env e = env;
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 6 || !(info[0].IsString() || info[0].IsNumber()) || !info[1].IsNumber() || !info[2].IsNumber() ||
      !info[5].IsNumber()) {
    throw ArgErr(env, "produceOne(topic: string | topic id, tag: number, index: number, value, key, partition: number)");
  }
  // A topic id from topicId(): no string conversion or map lookup per message.
  const std::string* topicName = nullptr;
  TopicEntry* entry = nullptr;
  std::string named;
  if (info[0].IsNumber()) {
    double id = info[0].As<Napi::Number>().DoubleValue();
    if (!(id >= 0 && id < static_cast<double>(topicIds_.size())) || id != std::floor(id)) {
      char shown[32];
      std::snprintf(shown, sizeof shown, "%.17g", id);
      throw ArgErr(env, std::string("topic id ") + shown + " was not given by topicId()");
    }
    topicName = topicIds_[static_cast<size_t>(id)].first;
    entry = topicIds_[static_cast<size_t>(id)].second;
  } else {
    named = info[0].As<Napi::String>();
    topicName = &named;
  }
  uint64_t tag = ReadTag(info);
  double index = info[2].As<Napi::Number>().DoubleValue();
  if (!(index >= 0 && index < kMaxBatch) || index != std::floor(index)) throw ArgErr(env, "index must be an integer from 0 to 1048575");
  if (slices_.size() < 2) slices_.resize(2);
  size_t used = 0;
  if (!ReadBytes(e, info[3], arena_, used, slices_[0])) throw ArgErr(env, "value must be a Buffer, Uint8Array, string or null");
  if (!ReadBytes(e, info[4], arena_, used, slices_[1])) throw ArgErr(env, "key must be a Buffer, Uint8Array, string or null");
  int32_t partition = info[5].As<Napi::Number>().Int32Value();
  Napi::Value r = Enqueue(env, rk, *topicName, tag, static_cast<uint32_t>(index), 1, nullptr, partition, nullptr, nullptr, used, entry);
  if (r.IsNumber()) return Napi::Number::New(env, 0);
  return Napi::Number::New(env, r.As<Napi::Int32Array>()[0]);
}

Napi::Value Producer::ProducePacked(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 5 || !info[0].IsString() || !info[1].IsNumber() || !info[2].IsTypedArray() ||
      !info[3].IsTypedArray() || !info[4].IsNumber()) {
    throw ArgErr(env, "producePacked(topic: string, tag: number, data: Uint8Array, lengths: Int32Array, count: number, ...)");
  }
  std::string topic = info[0].As<Napi::String>();
  uint64_t tag = ReadTag(info);
  Napi::TypedArray dataArr = info[2].As<Napi::TypedArray>();
  Napi::TypedArray lensArr = info[3].As<Napi::TypedArray>();
  if (dataArr.TypedArrayType() != napi_uint8_array) throw ArgErr(env, "data must be a Uint8Array");
  if (lensArr.TypedArrayType() != napi_int32_array) throw ArgErr(env, "lengths must be an Int32Array");
  double countD = info[4].As<Napi::Number>().DoubleValue();
  if (!(countD >= 0 && countD < kMaxBatch) || countD != std::floor(countD)) {
    throw ArgErr(env, "count must be an integer from 0 to 1048575");
  }
  uint32_t n = static_cast<uint32_t>(countD);
  if (n == 0) return Napi::Number::New(env, 0);
  if (lensArr.ElementLength() < static_cast<size_t>(n) * 2) throw ArgErr(env, "lengths holds fewer than 2 * count entries");
  BatchExtras extras = ReadExtras(info, 5, n, false);

  const char* data = reinterpret_cast<const char*>(dataArr.As<Napi::Uint8Array>().Data());
  size_t size = dataArr.ByteLength();
  const int32_t* lens = lensArr.As<Napi::Int32Array>().Data();
  // Value i then key i, back to back; a length of -1 is null. Checked whole
  // before anything is enqueued.
  std::vector<Slice>& slices = slices_;
  slices.resize(static_cast<size_t>(n) * 2);
  size_t off = 0;
  for (size_t j = 0; j < static_cast<size_t>(n) * 2; j++) {
    Slice& s = slices[j];
    s = Slice();
    int32_t len = lens[j];
    if (len < 0) {
      if (len != -1) throw ArgErr(env, "lengths[" + std::to_string(j) + "] must be -1 (null) or a length >= 0");
      continue;
    }
    if (static_cast<size_t>(len) > size - off) {
      throw ArgErr(env, "lengths[" + std::to_string(j) + "] runs past the end of data");
    }
    s.ptr = data != nullptr ? data + off : "";
    s.len = static_cast<size_t>(len);
    s.null = false;
    off += static_cast<size_t>(len);
  }
  return Enqueue(env, rk, topic, tag, 0, n, extras.partitions, extras.fixedPartition, extras.timestamps, nullptr, 0);
}

Napi::Value Producer::Enqueue(Napi::Env env, rd_kafka_t* rk, const std::string& topic, uint64_t tag, uint32_t base, uint32_t n,
                              const int32_t* partitions, int32_t fixedPartition, const double* timestamps,
                              napi_value headers, size_t used, TopicEntry* known) {
  napi_env e = env;
  std::vector<Slice>& slices = slices_;
  TopicEntry* entry = known != nullptr ? known : &Topic(env, topic).second;
  rd_kafka_topic_t* rkt = entry->rkt;

  // Keyless messages left to the partitioner: the topic's sticky partition.
  if (partitions == nullptr && fixedPartition == RD_KAFKA_PARTITION_UA && stickyEnabled_) {
    partitions = AssignSticky(env, topic, *entry, n);
  }

  int32_t* errs = nullptr;
  Napi::Int32Array errArray;
  auto fail = [&](uint32_t i, rd_kafka_resp_err_t err) {
    if (errs == nullptr) {
      errArray = Napi::Int32Array::New(env, n);
      errs = errArray.Data();
      std::memset(errs, 0, sizeof(int32_t) * n);
    }
    errs[i] = err;
  };
  int good = 0;

  if (timestamps == nullptr && headers == nullptr) {
    batch_.resize(n);
    for (uint32_t i = 0; i < n; i++) {
      rd_kafka_message_t& m = batch_[i];
      std::memset(&m, 0, sizeof m);
      const Slice& val = slices[2 * i];
      const Slice& key = slices[2 * i + 1];
      m.payload = const_cast<char*>(SlicePtr(val, arena_));
      m.len = val.len;
      m.key = const_cast<char*>(SlicePtr(key, arena_));
      m.key_len = key.len;
      m.partition = partitions != nullptr ? partitions[i] : fixedPartition;
      m._private = reinterpret_cast<void*>(static_cast<uintptr_t>((tag << kIndexBits) | (base + i)));
    }
    // One rd_kafka_produce_batch call per run of messages for the same
    // partition (the whole batch when the partition is fixed or left to the
    // partitioner). RD_KAFKA_MSG_F_PARTITION is not used: librdkafka 2.12
    // leaks the message when its partition does not exist on that path.
    bool queueFull = false;
    uint32_t s = 0;
    while (s < n) {
      int32_t part = partitions != nullptr ? partitions[s] : fixedPartition;
      uint32_t e = s + 1;
      if (partitions != nullptr) {
        while (e < n && partitions[e] == part) e++;
      } else {
        e = n;
      }
      if (queueFull) {
        // Keep order: nothing after a full queue is enqueued.
        for (uint32_t i = s; i < e; i++) batch_[i].err = RD_KAFKA_RESP_ERR__QUEUE_FULL;
      } else {
        int g = rd_kafka_produce_batch(rkt, part, RD_KAFKA_MSG_F_COPY, batch_.data() + s, static_cast<int>(e - s));
        good += g;
        if (static_cast<uint32_t>(g) != e - s) {
          for (uint32_t i = s; i < e; i++) {
            if (batch_[i].err == RD_KAFKA_RESP_ERR__QUEUE_FULL) queueFull = true;
          }
        }
      }
      s = e;
    }
    if (static_cast<uint32_t>(good) != n) {
      for (uint32_t i = 0; i < n; i++) {
        if (batch_[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) fail(i, batch_[i].err);
      }
    }
  } else {
    // Per-message timestamps or headers: rd_kafka_produceva, still one JS crossing.
    std::vector<rd_kafka_vu_t> vus;
    std::vector<Slice> hdr;
    // Header names and values are read up front too (validation before enqueueing).
    std::vector<std::pair<size_t, size_t>> hdrRange(n, {0, 0});
    for (uint32_t i = 0; headers != nullptr && i < n; i++) {
      napi_value h;
      napi_get_element(e, headers, i, &h);
      napi_valuetype t;
      napi_typeof(e, h, &t);
      if (t == napi_null || t == napi_undefined) continue;
      bool isArray = false;
      napi_is_array(e, h, &isArray);
      if (!isArray) throw ArgErr(env, "headers[" + std::to_string(i) + "] must be a flat [name, value, ...] array");
      uint32_t hn = 0;
      napi_get_array_length(e, h, &hn);
      if (hn % 2 != 0) throw ArgErr(env, "headers[" + std::to_string(i) + "] must have an even length");
      hdrRange[i].first = hdr.size();
      for (uint32_t j = 0; j < hn; j++) {
        napi_value hv;
        napi_get_element(e, h, j, &hv);
        Slice s;
        napi_valuetype ht;
        napi_typeof(e, hv, &ht);
        if (j % 2 == 0 && ht != napi_string) {
          throw ArgErr(env, "headers[" + std::to_string(i) + "][" + std::to_string(j) + "] (a name) must be a string");
        }
        if (!ReadBytes(e, hv, arena_, used, s)) {
          throw ArgErr(env, "headers[" + std::to_string(i) + "][" + std::to_string(j) +
                                "] must be a Buffer, Uint8Array, string or null");
        }
        hdr.push_back(s);
      }
      hdrRange[i].second = hdr.size();
    }
    bool queueFull = false;
    for (uint32_t i = 0; i < n; i++) {
      if (queueFull) {
        fail(i, RD_KAFKA_RESP_ERR__QUEUE_FULL);
        continue;
      }
      vus.clear();
      const Slice& val = slices[2 * i];
      const Slice& key = slices[2 * i + 1];
      rd_kafka_vu_t vu;
      vu.vtype = RD_KAFKA_VTYPE_RKT;
      vu.u.rkt = rkt;
      vus.push_back(vu);
      vu.vtype = RD_KAFKA_VTYPE_PARTITION;
      vu.u.i32 = partitions != nullptr ? partitions[i] : fixedPartition;
      vus.push_back(vu);
      vu.vtype = RD_KAFKA_VTYPE_VALUE;
      vu.u.mem.ptr = const_cast<char*>(SlicePtr(val, arena_));
      vu.u.mem.size = val.len;
      vus.push_back(vu);
      vu.vtype = RD_KAFKA_VTYPE_KEY;
      vu.u.mem.ptr = const_cast<char*>(SlicePtr(key, arena_));
      vu.u.mem.size = key.len;
      vus.push_back(vu);
      vu.vtype = RD_KAFKA_VTYPE_MSGFLAGS;
      vu.u.i = RD_KAFKA_MSG_F_COPY;
      vus.push_back(vu);
      vu.vtype = RD_KAFKA_VTYPE_OPAQUE;
      vu.u.ptr = reinterpret_cast<void*>(static_cast<uintptr_t>((tag << kIndexBits) | (base + i)));
      vus.push_back(vu);
      if (timestamps != nullptr && timestamps[i] > 0) {
        vu.vtype = RD_KAFKA_VTYPE_TIMESTAMP;
        vu.u.i64 = static_cast<int64_t>(timestamps[i]);
        vus.push_back(vu);
      }
      for (size_t j = hdrRange[i].first; j < hdrRange[i].second; j += 2) {
        vu.vtype = RD_KAFKA_VTYPE_HEADER;
        vu.u.header.name = SlicePtr(hdr[j], arena_);
        vu.u.header.val = SlicePtr(hdr[j + 1], arena_);
        vu.u.header.size = hdr[j + 1].null ? 0 : static_cast<ssize_t>(hdr[j + 1].len);
        vus.push_back(vu);
      }
      rd_kafka_error_t* error = rd_kafka_produceva(rk, vus.data(), vus.size());
      if (error != nullptr) {
        rd_kafka_resp_err_t code = rd_kafka_error_code(error);
        rd_kafka_error_destroy(error);
        fail(i, code);
        // Keep order: nothing after a full queue is enqueued.
        if (code == RD_KAFKA_RESP_ERR__QUEUE_FULL) queueFull = true;
      } else {
        good++;
      }
    }
  }

  // Do not keep a huge arena around after one huge batch.
  if (arena_.size() > (16u << 20)) {
    arena_.clear();
    arena_.shrink_to_fit();
  }
  if (batch_.size() > 65536) {
    batch_.clear();
    batch_.shrink_to_fit();
  }
  if (slices_.size() > 131072) {
    slices_.clear();
    slices_.shrink_to_fit();
  }
  if (good > 0) AddInFlight(good);
  if (errs != nullptr) return errArray;
  return Napi::Number::New(env, n);
}

// ---------------------------------------------------------------------------
// Serving the main queue

void Producer::OnQueueEvent(rd_kafka_t*, void* opaque) {
  // librdkafka thread, under the queue lock: only wake the loop.
  uv_async_send(&static_cast<Wake*>(opaque)->handle);
}

void Producer::OnAsync(uv_async_t* handle) {
  Wake* wake = static_cast<Wake*>(handle->data);
  Producer* self = wake->self;
  if (self == nullptr || self->rk_ == nullptr || self->draining_) return;
  Napi::Env env = self->env_;
  Napi::HandleScope scope(env);
  // Promise reactions (send() resolutions) run when this scope closes.
  {
    napi_callback_scope cbScope = nullptr;
    napi_open_callback_scope(env, self->Value(), self->asyncContext_, &cbScope);
    try {
      self->Drain(env, kEventsPerWake, 0);
    } catch (const Napi::Error& err) {
      napi_fatal_exception(env, err.Value());
    }
    // Not everything was served this turn: come back on the next one.
    if (self->mainq_ != nullptr && self->wake_ != nullptr && rd_kafka_queue_length(self->mainq_) > 0) {
      uv_async_send(&self->wake_->handle);
    }
    napi_close_callback_scope(env, cbScope);
  }
}

void Producer::OnThrottle(rd_kafka_t*, const char* broker, int32_t brokerId, int throttleMs, void* opaque) {
  // Called inside rd_kafka_queue_poll, i.e. on the JS thread during Drain.
  static_cast<Producer*>(opaque)->throttles_.push_back(Throttle{broker != nullptr ? broker : "", brokerId, throttleMs});
}

void Producer::FlushReports(Napi::Env env) {
  if (reportLen_ == 0) return;
  size_t count = reportLen_;
  reportLen_ = 0;
  AddInFlight(-static_cast<int64_t>(count));
  // A view of the reports just written into the producer's own buffer: no
  // allocation or copy of the reports themselves. The JS callback reads it
  // before returning and keeps no reference (the next drain overwrites it).
  Napi::ArrayBuffer ab = reportBuf_.Value();
  Napi::Float64Array arr = Napi::Float64Array::New(env, count * kReportStride, ab, 0);
  onDelivery_.Call({arr});
}

double* Producer::ReserveReports(Napi::Env env, size_t count) {
  size_t need = reportLen_ + count;
  if (need > reportCap_) {
    // Grow (first use: a small buffer, so a lightly used producer keeps it small).
    // No JS runs here: the drain hands the reports over between events.
    size_t cap = reportCap_ == 0 ? 1024 : reportCap_;
    while (cap < need) cap *= 2;
    Napi::ArrayBuffer ab = Napi::ArrayBuffer::New(env, cap * kReportStride * sizeof(double));
    if (reportLen_ > 0) std::memcpy(ab.Data(), reportData_, reportLen_ * kReportStride * sizeof(double));
    reportBuf_ = Napi::Persistent(ab);
    reportData_ = static_cast<double*>(ab.Data());
    reportCap_ = cap;
  }
  double* out = reportData_ + reportLen_ * kReportStride;
  reportLen_ = need;
  return out;
}

void Producer::Emit(Napi::Env env, const char* type, Napi::Value payload) {
  onEvent_.Call({Napi::String::New(env, type), payload});
}

int Producer::Drain(Napi::Env env, int maxEvents, int firstTimeoutMs) {
  if (mainq_ == nullptr || draining_) return 0;
  draining_ = true;
  int served = 0;
  try {
    while (served < maxEvents && mainq_ != nullptr) {
      rd_kafka_event_t* ev = rd_kafka_queue_poll(mainq_, served == 0 ? firstTimeoutMs : 0);
      if (!throttles_.empty()) {
        FlushReports(env);
        std::vector<Throttle> list;
        list.swap(throttles_);
        for (const Throttle& t : list) {
          Napi::Object o = Napi::Object::New(env);
          o.Set("broker", t.broker);
          o.Set("brokerId", t.brokerId);
          o.Set("throttleMs", t.ms);
          Emit(env, "throttle", o);
        }
      }
      if (ev == nullptr) break;
      served++;
      switch (rd_kafka_event_type(ev)) {
        case RD_KAFKA_EVENT_DR: {
          size_t cnt = rd_kafka_event_message_count(ev);
          if (msgs_.size() < cnt) msgs_.resize(cnt);
          cnt = rd_kafka_event_message_array(ev, msgs_.data(), cnt);
          double* out = ReserveReports(env, cnt);
          for (size_t i = 0; i < cnt; i++, out += kReportStride) {
            const rd_kafka_message_t* m = msgs_[i];
            uint64_t opaque = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(m->_private));
            rd_kafka_timestamp_type_t tstype;
            out[0] = static_cast<double>(opaque >> kIndexBits);
            out[1] = static_cast<double>(opaque & (kMaxBatch - 1));
            out[2] = static_cast<double>(m->err);
            out[3] = static_cast<double>(m->partition);
            out[4] = static_cast<double>(m->offset);
            out[5] = static_cast<double>(rd_kafka_message_timestamp(m, &tstype));
            out[6] = static_cast<double>(rd_kafka_message_status(m));
          }
          rd_kafka_event_destroy(ev);
          if (reportLen_ >= kMaxReportsPerCall) FlushReports(env);
          break;
        }
        case RD_KAFKA_EVENT_ERROR: {
          rd_kafka_resp_err_t code = rd_kafka_event_error(ev);
          bool fatal = rd_kafka_event_error_is_fatal(ev);
          std::string message = rd_kafka_event_error_string(ev);
          rd_kafka_event_destroy(ev);
          if (fatal && rk_ != nullptr) {
            char buf[512];
            code = rd_kafka_fatal_error(rk_, buf, sizeof buf);
            message = buf;
          }
          FlushReports(env);
          Napi::Object o = Napi::Object::New(env);
          o.Set("errno", static_cast<int>(code));
          o.Set("kafkaName", rd_kafka_err2name(code));
          o.Set("message", message);
          o.Set("fatal", fatal);
          Emit(env, "error", o);
          break;
        }
        case RD_KAFKA_EVENT_LOG: {
          const char* fac = nullptr;
          const char* str = nullptr;
          int level = 0;
          rd_kafka_event_log(ev, &fac, &str, &level);
          Napi::Object o = Napi::Object::New(env);
          o.Set("level", level);
          o.Set("facility", fac != nullptr ? fac : "");
          o.Set("message", str != nullptr ? str : "");
          rd_kafka_event_destroy(ev);
          FlushReports(env);
          Emit(env, "log", o);
          break;
        }
        case RD_KAFKA_EVENT_STATS: {
          Napi::String json = Napi::String::New(env, rd_kafka_event_stats(ev));
          rd_kafka_event_destroy(ev);
          FlushReports(env);
          Emit(env, "stats", json);
          break;
        }
        case RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH: {
          const char* cfg = rd_kafka_event_config_string(ev);
          Napi::String s = Napi::String::New(env, cfg != nullptr ? cfg : "");
          rd_kafka_event_destroy(ev);
          FlushReports(env);
          Emit(env, "oauthbearer-token-refresh", s);
          break;
        }
        default:
          rd_kafka_event_destroy(ev);
          break;
      }
    }
    FlushReports(env);
  } catch (...) {
    draining_ = false;
    throw;
  }
  draining_ = false;
  return served;
}

Napi::Value Producer::Poll(const Napi::CallbackInfo& info) {
  Open(info.Env());
  int timeout = TimeoutArg(info, 0, 0);
  return Napi::Number::New(info.Env(), Drain(info.Env(), INT_MAX, timeout));
}

Napi::Value Producer::Flush(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  workers_++;
  auto* w = new FlushWorker(env, this, info.This().As<Napi::Object>(), TimeoutArg(info, 0, -1));
  w->Queue();
  return w->Promise();
}

// purge(flags): RD_KAFKA_PURGE_F_QUEUE 1, _INFLIGHT 2, _NON_BLOCKING 4
Napi::Value Producer::Purge(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  int flags = RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT;
  if (info.Length() > 0 && info[0].IsNumber()) flags = info[0].As<Napi::Number>().Int32Value();
  rd_kafka_resp_err_t err = rd_kafka_purge(rk, flags);
  if (err) throw (KafkaErrorObject(env, err, std::string("purge: ") + rd_kafka_err2str(err), false, false, false));
  return env.Undefined();
}

Napi::Value Producer::GetOutqLen(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), OutqLen()); }

Napi::Value Producer::InFlight(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<double>(inFlight_));
}

Napi::Value Producer::Name(const Napi::CallbackInfo& info) {
  return Napi::String::New(info.Env(), rk_ != nullptr ? rd_kafka_name(rk_) : "");
}

// testFatalError(code, reason): raises a fatal error as a broker would (tests only).
Napi::Value Producer::TestFatalError(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 2 || !info[0].IsNumber() || !info[1].IsString()) throw ArgErr(env, "testFatalError(code, reason)");
  rd_kafka_resp_err_t err = rd_kafka_test_fatal_error(
      rk, static_cast<rd_kafka_resp_err_t>(info[0].As<Napi::Number>().Int32Value()),
      info[1].As<Napi::String>().Utf8Value().c_str());
  return Napi::Number::New(env, err);
}

Napi::Value Producer::FatalError(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (rk_ == nullptr) return env.Null();
  char buf[512];
  rd_kafka_resp_err_t code = rd_kafka_fatal_error(rk_, buf, sizeof buf);
  if (code == RD_KAFKA_RESP_ERR_NO_ERROR) return env.Null();
  return KafkaErrorObject(env, code, buf, false, true, false).Value();
}

Napi::Value Producer::Close(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (rk_ == nullptr) {
    // Already closed: resolve at once (idempotent).
    Napi::Promise::Deferred d = Napi::Promise::Deferred::New(env);
    d.Resolve(env.Undefined());
    return d.Promise();
  }
  if (workers_ > 0) throw StateErr(env, "cannot close while a flush, metadata or transaction call is running");
  if (pendingClose_ != nullptr) return pendingClose_->Promise();
  if (internalWorkers_ > 0) {
    // A partition refresh is running (at most a second): the handle closes
    // when it ends; nothing is produced meanwhile.
    closing_ = true;
    pendingClose_ = std::make_unique<Napi::Promise::Deferred>(Napi::Promise::Deferred::New(env));
    return pendingClose_->Promise();
  }
  Napi::Promise::Deferred deferred = Napi::Promise::Deferred::New(env);
  StartClose(env, info.This().As<Napi::Object>(), deferred);
  return deferred.Promise();
}

Napi::Value Producer::Metadata(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  std::string topic;
  if (info.Length() > 1 && info[1].IsString()) topic = info[1].As<Napi::String>();
  workers_++;
  auto* w = new MetadataWorker(env, this, info.This().As<Napi::Object>(), TimeoutArg(info, 0, 10000), topic);
  w->Queue();
  return w->Promise();
}

// ---------------------------------------------------------------------------
// Transactions

Napi::Value Producer::QueueTxn(const Napi::CallbackInfo& info, int op) {
  Napi::Env env = info.Env();
  Open(env);
  workers_++;
  auto* w = new TxnWorker(env, this, info.This().As<Napi::Object>(), static_cast<TxnOp>(op), TimeoutArg(info, 0, -1));
  w->Queue();
  return w->Promise();
}

Napi::Value Producer::InitTransactions(const Napi::CallbackInfo& info) { return QueueTxn(info, kInit); }
Napi::Value Producer::CommitTransaction(const Napi::CallbackInfo& info) { return QueueTxn(info, kCommit); }
Napi::Value Producer::AbortTransaction(const Napi::CallbackInfo& info) { return QueueTxn(info, kAbort); }

Napi::Value Producer::BeginTransaction(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_error_t* error = rd_kafka_begin_transaction(rk);
  if (error != nullptr) throw (FromRdError(env, error));
  return env.Undefined();
}

// sendOffsetsToTransaction(offsets: {topic, partition, offset}[],
//                          group: {groupId, generationId?, memberId?, groupInstanceId?} | Buffer, timeoutMs)
Napi::Value Producer::SendOffsetsToTransaction(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  if (info.Length() < 2 || !info[0].IsArray() || !info[1].IsObject()) {
    throw ArgErr(env, "sendOffsetsToTransaction(offsets: array, groupMetadata: object | Buffer, timeoutMs?)");
  }
  Napi::Array arr = info[0].As<Napi::Array>();
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(arr.Length()));
  std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t*)> guard(
      list, rd_kafka_topic_partition_list_destroy);
  for (uint32_t i = 0; i < arr.Length(); i++) {
    Napi::Value item = arr.Get(i);
    if (!item.IsObject()) throw ArgErr(env, "offsets[" + std::to_string(i) + "] must be an object");
    Napi::Object o = item.As<Napi::Object>();
    Napi::Value t = o.Get("topic"), p = o.Get("partition"), off = o.Get("offset");
    if (!t.IsString()) throw ArgErr(env, "offsets[" + std::to_string(i) + "].topic must be a string");
    if (!p.IsNumber()) throw ArgErr(env, "offsets[" + std::to_string(i) + "].partition must be a number");
    if (!off.IsNumber()) throw ArgErr(env, "offsets[" + std::to_string(i) + "].offset must be a number");
    std::string topic = t.As<Napi::String>();
    rd_kafka_topic_partition_t* tp =
        rd_kafka_topic_partition_list_add(list, topic.c_str(), p.As<Napi::Number>().Int32Value());
    tp->offset = off.As<Napi::Number>().Int64Value();
  }
  rd_kafka_consumer_group_metadata_t* cgmd = nullptr;
  if (info[1].IsBuffer()) {
    Napi::Buffer<char> buf = info[1].As<Napi::Buffer<char>>();
    rd_kafka_error_t* error = rd_kafka_consumer_group_metadata_read(&cgmd, buf.Data(), buf.Length());
    if (error != nullptr) throw (FromRdError(env, error));
  } else {
    Napi::Object g = info[1].As<Napi::Object>();
    Napi::Value gid = g.Get("groupId");
    if (!gid.IsString()) throw ArgErr(env, "groupMetadata.groupId must be a string");
    std::string groupId = gid.As<Napi::String>();
    int32_t generation = g.Get("generationId").IsNumber() ? g.Get("generationId").As<Napi::Number>().Int32Value() : -1;
    std::string memberId = g.Get("memberId").IsString() ? g.Get("memberId").As<Napi::String>().Utf8Value() : "";
    std::string instanceId;
    bool hasInstance = g.Get("groupInstanceId").IsString();
    if (hasInstance) instanceId = g.Get("groupInstanceId").As<Napi::String>().Utf8Value();
    cgmd = rd_kafka_consumer_group_metadata_new_with_genid(groupId.c_str(), generation, memberId.c_str(),
                                                           hasInstance ? instanceId.c_str() : nullptr);
  }
  workers_++;
  auto* w = new TxnWorker(env, this, info.This().As<Napi::Object>(), kSendOffsets, TimeoutArg(info, 2, -1),
                          guard.release(), cgmd);
  w->Queue();
  return w->Promise();
}

// ---------------------------------------------------------------------------
// OAUTHBEARER

// setOAuthToken(token, lifetimeMs (absolute epoch ms), principal, extensions: string[] (k, v, ...))
Napi::Value Producer::SetOAuthToken(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_resp_err_t err;
  std::string errstr;
  if (!SetOAuthTokenFromArgs(info, rk, &err, &errstr)) throw ArgErr(env, kSetOAuthTokenUsage);
  if (err) throw (KafkaErrorObject(env, err, "setOAuthToken: " + errstr, false, false, false));
  return env.Undefined();
}

Napi::Value Producer::SetOAuthTokenFailure(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  std::string reason = info.Length() > 0 ? info[0].ToString().Utf8Value() : "token refresh failed";
  rd_kafka_oauthbearer_set_token_failure(rk, reason.c_str());
  return env.Undefined();
}

// ---------------------------------------------------------------------------
// Partitioners (pure functions; used to check placement against other clients)

// Producer.partition(name, key: Buffer | string | null, partitionCount) → partition, or -1 for "random"
Napi::Value Producer::Partition(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[0].IsString() || !info[2].IsNumber()) {
    throw ArgErr(env, "partition(partitioner: string, key: Buffer | string | null, partitionCount: number)");
  }
  std::string name = info[0].As<Napi::String>();
  int32_t count = info[2].As<Napi::Number>().Int32Value();
  if (count < 1) throw ArgErr(env, "partitionCount must be >= 1");
  std::vector<char> arena;
  size_t used = 0;
  Slice key;
  if (!ReadBytes(env, info[1], arena, used, key)) throw ArgErr(env, "key must be a Buffer, string or null");
  const char* ptr = SlicePtr(key, arena);
  using Fn = int32_t (*)(const rd_kafka_topic_t*, const void*, size_t, int32_t, void*, void*);
  Fn fn = nullptr;
  bool randomOnNull = true;
  if (name == "murmur2_random") fn = rd_kafka_msg_partitioner_murmur2_random;
  else if (name == "murmur2") fn = rd_kafka_msg_partitioner_murmur2, randomOnNull = false;
  else if (name == "consistent_random") fn = rd_kafka_msg_partitioner_consistent_random;
  else if (name == "consistent") fn = rd_kafka_msg_partitioner_consistent, randomOnNull = false;
  else if (name == "fnv1a_random") fn = rd_kafka_msg_partitioner_fnv1a_random;
  else if (name == "fnv1a") fn = rd_kafka_msg_partitioner_fnv1a, randomOnNull = false;
  else if (name == "random") return Napi::Number::New(env, -1);
  else throw ArgErr(env, "unknown partitioner '" + name + "'");
  if (ptr == nullptr && randomOnNull) return Napi::Number::New(env, -1);
  return Napi::Number::New(env, fn(nullptr, ptr, key.len, count, nullptr, nullptr));
}

}  // namespace sk
