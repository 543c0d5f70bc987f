/*
 * Benchmark prototype, not part of the library: what a native batch consume path would give.
 *
 * A node-addon-api consumer over the same librdkafka that node-rdkafka loads: subscribe, then
 * consume(max, timeoutMs, cb) takes up to `max` messages with rd_kafka_consume_batch_queue() on
 * the libuv pool and crosses into JS once per batch: all keys and values copied into one Buffer,
 * the numbers (error, partition, offset, timestamp, key and value lengths) into one
 * Float64Array. JS then builds each Message with Buffer views. No rebalance callback, commits or
 * headers: only the data path, to measure it against node-rdkafka's one object per message.
 *
 * Built by bench/consumer-run.ts with the system C++ compiler; see the benchmark note.
 */
#include <napi.h>
#include <librdkafka/rdkafka.h>
#include <vector>
#include <string>
#include <cstring>

class Proto : public Napi::ObjectWrap<Proto> {
 public:
  static Napi::Object Init(Napi::Env env, Napi::Object exports) {
    Napi::Function f = DefineClass(env, "Proto", {InstanceMethod("subscribe", &Proto::Subscribe), InstanceMethod("consume", &Proto::Consume), InstanceMethod("close", &Proto::Close)});
    exports.Set("Proto", f);
    return exports;
  }
  Proto(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Proto>(info) {
    Napi::Object o = info[0].As<Napi::Object>();
    rd_kafka_conf_t* conf = rd_kafka_conf_new();
    char err[512];
    Napi::Array keys = o.GetPropertyNames();
    for (uint32_t i = 0; i < keys.Length(); i++) {
      std::string k = keys.Get(i).As<Napi::String>();
      std::string v = o.Get(k).ToString();
      if (rd_kafka_conf_set(conf, k.c_str(), v.c_str(), err, sizeof err) != RD_KAFKA_CONF_OK) throw Napi::Error::New(info.Env(), err);
    }
    rk_ = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!rk_) throw Napi::Error::New(info.Env(), err);
    rd_kafka_poll_set_consumer(rk_);
    q_ = rd_kafka_queue_get_consumer(rk_);
  }
  rd_kafka_t* rk_;
  rd_kafka_queue_t* q_;

  Napi::Value Subscribe(const Napi::CallbackInfo& info) {
    Napi::Array a = info[0].As<Napi::Array>();
    rd_kafka_topic_partition_list_t* l = rd_kafka_topic_partition_list_new(a.Length());
    for (uint32_t i = 0; i < a.Length(); i++) rd_kafka_topic_partition_list_add(l, std::string(a.Get(i).As<Napi::String>()).c_str(), RD_KAFKA_PARTITION_UA);
    rd_kafka_subscribe(rk_, l);
    rd_kafka_topic_partition_list_destroy(l);
    return info.Env().Undefined();
  }
  Napi::Value Close(const Napi::CallbackInfo& info) {
    if (!rk_) return info.Env().Undefined();
    rd_kafka_queue_destroy(q_);
    rd_kafka_consumer_close(rk_);
    rd_kafka_destroy(rk_);
    rk_ = nullptr;
    return info.Env().Undefined();
  }

  class Worker : public Napi::AsyncWorker {
   public:
    Worker(Napi::Function cb, Proto* p, int max, int timeout) : Napi::AsyncWorker(cb), p_(p), max_(max), timeout_(timeout) {}
    void Execute() override {
      msgs_.resize(max_);
      ssize_t n = rd_kafka_consume_batch_queue(p_->q_, timeout_, msgs_.data(), max_);
      n_ = n < 0 ? 0 : n;
    }
    void OnOK() override {
      Napi::Env env = Env();
      size_t total = 0;
      for (size_t i = 0; i < n_; i++) total += msgs_[i]->len + msgs_[i]->key_len;
      Napi::Buffer<char> data = Napi::Buffer<char>::New(env, total);
      Napi::Float64Array meta = Napi::Float64Array::New(env, n_ * 6);
      double* m = meta.Data();
      char* d = data.Data();
      size_t pos = 0;
      std::string lastTopic; rd_kafka_topic_t* lastRkt = nullptr;
      Napi::Array topics = Napi::Array::New(env);  // one entry per run of the same topic
      uint32_t tcount = 0;
      for (size_t i = 0; i < n_; i++) {
        rd_kafka_message_t* r = msgs_[i];
        if (r->rkt != lastRkt) { lastRkt = r->rkt; topics.Set(tcount++, Napi::String::New(env, rd_kafka_topic_name(r->rkt))); }
        m[i*6+0] = r->err; m[i*6+1] = r->partition; m[i*6+2] = (double)r->offset;
        rd_kafka_timestamp_type_t tt; m[i*6+3] = (double)rd_kafka_message_timestamp(r, &tt);
        m[i*6+4] = r->key ? (double)r->key_len : -1; m[i*6+5] = r->payload ? (double)r->len : -1;
        if (r->key) { memcpy(d + pos, r->key, r->key_len); pos += r->key_len; }
        if (r->payload) { memcpy(d + pos, r->payload, r->len); pos += r->len; }
        rd_kafka_message_destroy(r);
      }
      Callback().Call({env.Null(), data, meta, topics});
    }
    Proto* p_; int max_; int timeout_; size_t n_ = 0; std::vector<rd_kafka_message_t*> msgs_;
  };
  Napi::Value Consume(const Napi::CallbackInfo& info) {
    (new Worker(info[2].As<Napi::Function>(), this, info[0].As<Napi::Number>().Int32Value(), info[1].As<Napi::Number>().Int32Value()))->Queue();
    return info.Env().Undefined();
  }
};
Napi::Object Init(Napi::Env env, Napi::Object exports) { return Proto::Init(env, exports); }
NODE_API_MODULE(consumer_native_prototype, Init)
