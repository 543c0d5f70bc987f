#include "consumer.h"
#include "oauth.h"

#include <chrono>
#include <climits>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>

namespace sk {

namespace {

// Longest single blocking librdkafka call of a consume worker: bounds how long wake() / close wait.
constexpr int kSliceMs = 200;
// Numbers per message in a batch: [topicIndex, partition, offset, timestamp, timestampType,
//  keyLength (-1: null), valueLength (-1: null), leaderEpoch, headerCount]
constexpr size_t kStride = 9;
constexpr uint32_t kMaxBatch = 1u << 20;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

Napi::Error CodedError(Napi::Env env, const std::string& message, const char* code) {
  Napi::Error err = Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, code));
  return err;
}

Napi::Error ArgErr(Napi::Env env, const std::string& message) {
  Napi::Error err = Napi::TypeError::New(env, message);
  err.Set("code", Napi::String::New(env, "ERR_INVALID_ARG"));
  return err;
}

/** A librdkafka error as node-rdkafka shapes it: `code` is the numeric librdkafka code. */
Napi::Error KafkaErr(Napi::Env env, int32_t code, const std::string& message, bool fatal = false) {
  Napi::Error err = Napi::Error::New(env, message.empty() ? rd_kafka_err2str(static_cast<rd_kafka_resp_err_t>(code)) : message);
  err.Set("code", Napi::Number::New(env, code));
  err.Set("errno", Napi::Number::New(env, code));
  err.Set("isFatal", Napi::Boolean::New(env, fatal));
  return err;
}

Napi::Error FromRdError(Napi::Env env, rd_kafka_error_t* error) {
  Napi::Error e = KafkaErr(env, rd_kafka_error_code(error), rd_kafka_error_string(error), rd_kafka_error_is_fatal(error));
  rd_kafka_error_destroy(error);
  return e;
}

int TimeoutArg(const Napi::CallbackInfo& info, size_t i, int fallback) {
  if (info.Length() <= i || info[i].IsUndefined() || info[i].IsNull()) return fallback;
  if (!info[i].IsNumber()) throw ArgErr(info.Env(), "timeout must be a number of milliseconds");
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || d < 0) return -1;
  return d > INT_MAX ? INT_MAX : static_cast<int>(d);
}

/** A JS array of {topic, partition, offset?} as a librdkafka list (caller destroys). */
rd_kafka_topic_partition_list_t* ListFromJs(Napi::Env env, Napi::Value v, const char* what) {
  if (!v.IsArray()) throw ArgErr(env, std::string(what) + ": partitions must be an array of {topic, partition}");
  Napi::Array a = v.As<Napi::Array>();
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(a.Length()));
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value e = a.Get(i);
    if (!e.IsObject()) {
      rd_kafka_topic_partition_list_destroy(list);
      throw ArgErr(env, std::string(what) + ": partitions[" + std::to_string(i) + "] must be {topic, partition}");
    }
    Napi::Object o = e.As<Napi::Object>();
    Napi::Value topic = o.Get("topic");
    Napi::Value partition = o.Get("partition");
    if (!topic.IsString() || !partition.IsNumber()) {
      rd_kafka_topic_partition_list_destroy(list);
      throw ArgErr(env, std::string(what) + ": partitions[" + std::to_string(i) + "] needs a string topic and a number partition");
    }
    rd_kafka_topic_partition_t* tp = rd_kafka_topic_partition_list_add(
        list, topic.As<Napi::String>().Utf8Value().c_str(), partition.As<Napi::Number>().Int32Value());
    Napi::Value offset = o.Get("offset");
    if (offset.IsNumber()) tp->offset = offset.As<Napi::Number>().Int64Value();
  }
  return list;
}

/** A librdkafka list as JS: {topic, partition, offset}, or an Error (with `code`) for a failed entry. */
Napi::Array ListToJs(Napi::Env env, const rd_kafka_topic_partition_list_t* list) {
  Napi::Array out = Napi::Array::New(env, list != nullptr ? list->cnt : 0);
  if (list == nullptr) return out;
  for (int i = 0; i < list->cnt; i++) {
    const rd_kafka_topic_partition_t& tp = list->elems[i];
    if (tp.err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      Napi::Error e = KafkaErr(env, tp.err, "");
      e.Set("topic", tp.topic);
      e.Set("partition", Napi::Number::New(env, tp.partition));
      out.Set(static_cast<uint32_t>(i), e.Value());
      continue;
    }
    Napi::Object o = Napi::Object::New(env);
    o.Set("topic", tp.topic);
    o.Set("partition", tp.partition);
    o.Set("offset", static_cast<double>(tp.offset));
    out.Set(static_cast<uint32_t>(i), o);
  }
  return out;
}

std::vector<PartitionEntry> CopyList(const rd_kafka_topic_partition_list_t* list) {
  std::vector<PartitionEntry> out;
  if (list == nullptr) return out;
  out.reserve(list->cnt);
  for (int i = 0; i < list->cnt; i++) {
    const rd_kafka_topic_partition_t& tp = list->elems[i];
    out.push_back(PartitionEntry{tp.topic, tp.partition, tp.offset, tp.err});
  }
  return out;
}

Napi::Array EntriesToJs(Napi::Env env, const std::vector<PartitionEntry>& list) {
  Napi::Array out = Napi::Array::New(env, list.size());
  for (size_t i = 0; i < list.size(); i++) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("topic", list[i].topic);
    o.Set("partition", list[i].partition);
    o.Set("offset", static_cast<double>(list[i].offset));
    out.Set(static_cast<uint32_t>(i), o);
  }
  return out;
}

/** A blocking librdkafka call on the libuv pool, settling a Promise. */
class OpWorker final : public Napi::AsyncWorker {
 public:
  using Run = std::function<void(rd_kafka_t* rk, OpWorker& w)>;
  using Result = std::function<Napi::Value(Napi::Env env, OpWorker& w)>;

  OpWorker(Napi::Env env, Consumer* c, Napi::Object self, const char* name, Run run, Result result)
      : Napi::AsyncWorker(env, name),
        deferred_(Napi::Promise::Deferred::New(env)),
        consumer_(c),
        core_(c->Core()),
        self_(Napi::Persistent(self)),
        run_(std::move(run)),
        result_(std::move(result)) {}
  ~OpWorker() override {
    if (list != nullptr) rd_kafka_topic_partition_list_destroy(list);
    if (error != nullptr) rd_kafka_error_destroy(error);
  }
  Napi::Promise Promise() const { return deferred_.Promise(); }

  void Execute() override {
    rd_kafka_t* rk = core_->Enter(false);
    if (rk == nullptr) {
      closed = true;
      return;
    }
    run_(rk, *this);
    core_->Leave(false);
  }
  void OnOK() override {
    if (!core_->jsAlive) return;  // the environment is going away
    try {
      Settle();
    } catch (const Napi::Error&) {
      // JS cannot run any more (environment terminating): nothing to settle.
    }
  }
  void Settle() {
    Napi::Env env = Env();
    consumer_->OpDone();
    if (closed) {
      deferred_.Reject(CodedError(env, "the consumer is closed (not connected)", "ERR_STATE").Value());
    } else if (error != nullptr) {
      rd_kafka_error_t* e = error;
      error = nullptr;
      deferred_.Reject(FromRdError(env, e).Value());
    } else if (code != RD_KAFKA_RESP_ERR_NO_ERROR) {
      deferred_.Reject(KafkaErr(env, code, message).Value());
    } else {
      deferred_.Resolve(result_ ? result_(env, *this) : env.Undefined());
    }
  }

  // Filled by run_.
  rd_kafka_resp_err_t code = RD_KAFKA_RESP_ERR_NO_ERROR;
  std::string message;
  rd_kafka_error_t* error = nullptr;
  rd_kafka_topic_partition_list_t* list = nullptr;
  int64_t low = 0;
  int64_t high = 0;
  bool closed = false;

 private:
  Napi::Promise::Deferred deferred_;
  Consumer* consumer_;
  std::shared_ptr<ConsumerCore> core_;
  Napi::ObjectReference self_;
  Run run_;
  Result result_;
};

/** One consume call: a batch of messages, EOFs, errors and rebalances, handed to JS in one crossing. */
class ConsumeWorker final : public Napi::AsyncWorker {
 public:
  ConsumeWorker(Napi::Function cb, Consumer* c, Napi::Object self, size_t count, int timeoutMs, bool fill)
      : Napi::AsyncWorker(cb, "simple-kafka:consume"),
        consumer_(c),
        core_(c->Core()),
        self_(Napi::Persistent(self)),
        count_(count),
        timeout_(timeoutMs),
        fill_(fill) {}
  ~ConsumeWorker() override { std::free(data_); }

  void Execute() override {
    rd_kafka_t* rk = core_->Enter(true);
    if (rk == nullptr) return;
    rd_kafka_queue_t* q = core_->q;
    std::vector<rd_kafka_message_t*> msgs(count_);
    size_t n = 0;
    const int64_t start = NowMs();
    for (;;) {
      if (core_->ShouldStop()) break;
      int64_t remaining = timeout_ < 0 ? INT_MAX : timeout_ - (NowMs() - start);
      int slice = remaining > 0 ? static_cast<int>(remaining < kSliceMs ? remaining : kSliceMs) : 0;
      ssize_t r;
      if (fill_) {
        r = rd_kafka_consume_batch_queue(q, slice, msgs.data() + n, count_ - n);
        if (r > 0) n += static_cast<size_t>(r);
      } else {
        // Hand over what is ready at once; when nothing is, wait for one message, then drain.
        r = rd_kafka_consume_batch_queue(q, 0, msgs.data() + n, count_ - n);
        if (r == 0 && slice > 0) {
          r = rd_kafka_consume_batch_queue(q, slice, msgs.data() + n, 1);
          if (r > 0) {
            n += static_cast<size_t>(r);
            r = n < count_ ? rd_kafka_consume_batch_queue(q, 0, msgs.data() + n, count_ - n) : 0;
          }
        }
        if (r > 0) n += static_cast<size_t>(r);
      }
      if (r < 0) {
        rd_kafka_resp_err_t code = rd_kafka_last_error();
        errors_.push_back(Err{code, rd_kafka_err2str(code), false, -1, -1});
        break;
      }
      if (n >= count_) break;
      if (!fill_ && n > 0) break;
      if (timeout_ >= 0 && NowMs() - start >= timeout_) break;
    }
    Convert(rk, msgs.data(), n);
    rebalances_ = core_->TakeRebalances();
    core_->Leave(true);
  }

  void OnOK() override {
    if (!core_->jsAlive) return;  // the environment is going away
    try {
      Deliver();
    } catch (const Napi::Error&) {
      // JS cannot run any more (environment terminating): drop the batch.
    }
  }

  void Deliver() {
    Napi::Env env = Env();
    consumer_->ConsumeDone();
    Napi::Object out = Napi::Object::New(env);
    Napi::Buffer<char> data = data_ != nullptr
                                  ? Napi::Buffer<char>::New(env, data_, dataLen_, [](Napi::Env, char* p) { std::free(p); })
                                  : Napi::Buffer<char>::New(env, 0);
    data_ = nullptr;
    out.Set("data", data);
    size_t messages = meta_.size() / kStride;
    Napi::Float64Array meta = Napi::Float64Array::New(env, meta_.size());
    if (!meta_.empty()) std::memcpy(meta.Data(), meta_.data(), meta_.size() * sizeof(double));
    out.Set("meta", meta);
    out.Set("count", Napi::Number::New(env, static_cast<double>(messages)));
    Napi::Array topics = Napi::Array::New(env, topics_.size());
    for (size_t i = 0; i < topics_.size(); i++) topics.Set(static_cast<uint32_t>(i), topics_[i]);
    out.Set("topics", topics);
    if (!hdrNames_.empty()) {
      Napi::Array names = Napi::Array::New(env, hdrNames_.size());
      for (size_t i = 0; i < hdrNames_.size(); i++) names.Set(static_cast<uint32_t>(i), hdrNames_[i]);
      Napi::Float64Array lens = Napi::Float64Array::New(env, hdrLens_.size());
      std::memcpy(lens.Data(), hdrLens_.data(), hdrLens_.size() * sizeof(double));
      out.Set("headerNames", names);
      out.Set("headerLengths", lens);
    }
    if (!eofs_.empty()) {
      Napi::Float64Array eofs = Napi::Float64Array::New(env, eofs_.size());
      std::memcpy(eofs.Data(), eofs_.data(), eofs_.size() * sizeof(double));
      out.Set("eofs", eofs);
    }
    if (!errors_.empty()) {
      Napi::Array errs = Napi::Array::New(env, errors_.size());
      for (size_t i = 0; i < errors_.size(); i++) {
        Napi::Error e = KafkaErr(env, errors_[i].code, errors_[i].message, errors_[i].fatal);
        if (errors_[i].topic >= 0) e.Set("topic", topics_[errors_[i].topic]);
        if (errors_[i].partition >= 0) e.Set("partition", Napi::Number::New(env, errors_[i].partition));
        errs.Set(static_cast<uint32_t>(i), e.Value());
      }
      out.Set("errors", errs);
    }
    if (!rebalances_.empty()) {
      Napi::Array rbs = Napi::Array::New(env, rebalances_.size());
      for (size_t i = 0; i < rebalances_.size(); i++) {
        Napi::Object o = Napi::Object::New(env);
        o.Set("code", rebalances_[i].code);
        o.Set("cooperative", rebalances_[i].cooperative);
        o.Set("lost", rebalances_[i].lost);
        o.Set("partitions", EntriesToJs(env, rebalances_[i].partitions));
        rbs.Set(static_cast<uint32_t>(i), o);
      }
      out.Set("rebalances", rbs);
    }
    Callback().Call({env.Null(), out});
  }

 private:
  struct Err {
    rd_kafka_resp_err_t code;
    std::string message;
    bool fatal;
    int topic;
    int32_t partition;
  };

  /**
   * Worker thread, storeOnDelivery: stores offset + 1 of the last real message of each partition
   * in the batch (what librdkafka's automatic store does, minus the EOF markers) and records
   * where each partition last reported its end, for position().
   */
  void StoreDelivered(rd_kafka_t* rk) {
    struct Last {
      int topic;
      int32_t partition;
      int64_t next;
      int32_t epoch;
      double index;  // the partition's last message in the batch
    };
    std::vector<Last> last;
    auto find = [&last](int topic, int32_t partition) -> Last* {
      for (Last& l : last)
        if (l.topic == topic && l.partition == partition) return &l;
      return nullptr;
    };
    for (size_t i = 0; i + kStride <= meta_.size(); i += kStride) {
      int topic = static_cast<int>(meta_[i]);
      auto partition = static_cast<int32_t>(meta_[i + 1]);
      auto next = static_cast<int64_t>(meta_[i + 2]) + 1;
      auto epoch = static_cast<int32_t>(meta_[i + 7]);
      auto index = static_cast<double>(i / kStride);
      if (topic < 0) continue;
      Last* l = find(topic, partition);
      if (l == nullptr) {
        last.push_back(Last{topic, partition, next, epoch, index});
        continue;
      }
      l->index = index;
      if (next > l->next) {
        l->next = next;
        l->epoch = epoch;
      }
    }
    if (!last.empty()) {
      rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(last.size()));
      for (const Last& l : last) {
        rd_kafka_topic_partition_t* tp = rd_kafka_topic_partition_list_add(list, topics_[l.topic].c_str(), l.partition);
        tp->offset = l.next;
        rd_kafka_topic_partition_set_leader_epoch(tp, l.epoch);
      }
      // Partitions revoked meanwhile fail one by one and are not stored, as with the automatic store.
      rd_kafka_offsets_store(rk, list);
      rd_kafka_topic_partition_list_destroy(list);
    }
    std::lock_guard<std::mutex> lock(core_->mu);
    for (const Last& l : last) core_->eofAt.erase({topics_[l.topic], l.partition});
    for (size_t i = 0; i + 4 <= eofs_.size(); i += 4) {
      int topic = static_cast<int>(eofs_[i]);
      if (topic < 0) continue;
      auto partition = static_cast<int32_t>(eofs_[i + 1]);
      auto offset = static_cast<int64_t>(eofs_[i + 2]);
      // An EOF marker that came before a later message of its partition in this batch is stale
      // (eofs_[i + 3]: the index of the last message before the marker).
      const Last* l = find(topic, partition);
      if (l == nullptr || l->index <= eofs_[i + 3]) core_->eofAt[{topics_[topic], partition}] = offset;
    }
  }

  int TopicIndex(const rd_kafka_topic_t* rkt) {
    if (rkt == lastRkt_) return lastTopic_;
    for (size_t i = 0; i < rkts_.size(); i++) {
      if (rkts_[i] == rkt) {
        lastRkt_ = rkt;
        lastTopic_ = static_cast<int>(i);
        return lastTopic_;
      }
    }
    rkts_.push_back(rkt);
    topics_.push_back(rd_kafka_topic_name(rkt));
    lastRkt_ = rkt;
    lastTopic_ = static_cast<int>(topics_.size() - 1);
    return lastTopic_;
  }

  /** Copies the batch into data_/meta_ (worker thread) and releases the messages. */
  void Convert(rd_kafka_t* rk, rd_kafka_message_t** msgs, size_t n) {
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
      rd_kafka_message_t* m = msgs[i];
      if (m->err) continue;
      total += m->len + m->key_len;
      rd_kafka_headers_t* hdrs = nullptr;
      if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs != nullptr) {
        const char* name;
        const void* val;
        size_t size;
        for (size_t h = 0; rd_kafka_header_get_all(hdrs, h, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; h++) total += size;
      }
    }
    if (total > 0) {
      data_ = static_cast<char*>(std::malloc(total));
      dataLen_ = total;
    }
    meta_.reserve(n * kStride);
    size_t pos = 0;
    double good = 0;
    for (size_t i = 0; i < n; i++) {
      rd_kafka_message_t* m = msgs[i];
      int topic = m->rkt != nullptr ? TopicIndex(m->rkt) : -1;
      if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
        eofs_.insert(eofs_.end(), {static_cast<double>(topic), static_cast<double>(m->partition),
                                   static_cast<double>(m->offset), good - 1});
      } else if (m->err) {
        rd_kafka_resp_err_t code = m->err;
        std::string text = rd_kafka_message_errstr(m);
        bool fatal = code == RD_KAFKA_RESP_ERR__FATAL;
        if (fatal) {
          char buf[512];
          code = rd_kafka_fatal_error(rk, buf, sizeof buf);
          text = buf;
        }
        errors_.push_back(Err{code, text, fatal, topic, m->partition});
      } else {
        rd_kafka_timestamp_type_t tstype;
        int64_t ts = rd_kafka_message_timestamp(m, &tstype);
        double hcount = 0;
        rd_kafka_headers_t* hdrs = nullptr;
        if (m->key != nullptr) {
          std::memcpy(data_ + pos, m->key, m->key_len);
          pos += m->key_len;
        }
        if (m->payload != nullptr) {
          std::memcpy(data_ + pos, m->payload, m->len);
          pos += m->len;
        }
        if (rd_kafka_message_headers(m, &hdrs) == RD_KAFKA_RESP_ERR_NO_ERROR && hdrs != nullptr) {
          const char* name;
          const void* val;
          size_t size;
          for (size_t h = 0; rd_kafka_header_get_all(hdrs, h, &name, &val, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; h++) {
            hdrNames_.emplace_back(name);
            hdrLens_.push_back(val != nullptr ? static_cast<double>(size) : -1);
            if (val != nullptr && size > 0) {
              std::memcpy(data_ + pos, val, size);
              pos += size;
            }
            hcount++;
          }
        }
        meta_.insert(meta_.end(), {static_cast<double>(topic), static_cast<double>(m->partition),
                                   static_cast<double>(m->offset), static_cast<double>(ts), static_cast<double>(tstype),
                                   m->key != nullptr ? static_cast<double>(m->key_len) : -1,
                                   m->payload != nullptr ? static_cast<double>(m->len) : -1,
                                   static_cast<double>(rd_kafka_message_leader_epoch(m)), hcount});
        good++;
      }
      rd_kafka_message_destroy(m);
    }
    if (core_->storeOnDelivery) StoreDelivered(rk);
  }

  Consumer* consumer_;
  std::shared_ptr<ConsumerCore> core_;
  Napi::ObjectReference self_;
  size_t count_;
  int timeout_;
  bool fill_;
  char* data_ = nullptr;
  size_t dataLen_ = 0;
  std::vector<double> meta_;
  std::vector<double> eofs_;
  std::vector<std::string> topics_;
  std::vector<const rd_kafka_topic_t*> rkts_;
  const rd_kafka_topic_t* lastRkt_ = nullptr;
  int lastTopic_ = -1;
  std::vector<std::string> hdrNames_;
  std::vector<double> hdrLens_;
  std::vector<Err> errors_;
  std::vector<RebalanceEntry> rebalances_;
};

/** Leaves the group and destroys the handle (worker thread). */
class CloseWorker final : public Napi::AsyncWorker {
 public:
  CloseWorker(Napi::Env env, Consumer* c, Napi::Object self, rd_kafka_t* rk, rd_kafka_queue_t* q, rd_kafka_queue_t* mainq)
      : Napi::AsyncWorker(env, "simple-kafka:consumer-close"),
        deferred_(Napi::Promise::Deferred::New(env)),
        consumer_(c),
        core_(c->Core()),
        self_(Napi::Persistent(self)),
        rk_(rk),
        q_(q),
        mainq_(mainq) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override {
    err_ = rd_kafka_consumer_close(rk_);
    rd_kafka_queue_destroy(q_);
    rd_kafka_queue_destroy(mainq_);
    rd_kafka_destroy(rk_);
    core_->Leave(false);
  }
  void OnOK() override {
    if (!core_->jsAlive) return;
    try {
      consumer_->OpDone();
      if (err_ != RD_KAFKA_RESP_ERR_NO_ERROR && err_ != RD_KAFKA_RESP_ERR__DESTROY) {
        deferred_.Reject(KafkaErr(Env(), err_, "").Value());
      } else {
        deferred_.Resolve(Env().Undefined());
      }
    } catch (const Napi::Error&) {
      // environment terminating
    }
  }

 private:
  Napi::Promise::Deferred deferred_;
  Consumer* consumer_;
  std::shared_ptr<ConsumerCore> core_;
  Napi::ObjectReference self_;
  rd_kafka_t* rk_;
  rd_kafka_queue_t* q_;
  rd_kafka_queue_t* mainq_;
  rd_kafka_resp_err_t err_ = RD_KAFKA_RESP_ERR_NO_ERROR;
};

}  // namespace

Napi::Function Consumer::Init(Napi::Env env) {
  return DefineClass(env, "Consumer",
                     {
                         InstanceMethod<&Consumer::Connect>("connect"),
                         InstanceMethod<&Consumer::Subscribe>("subscribe"),
                         InstanceMethod<&Consumer::Unsubscribe>("unsubscribe"),
                         InstanceMethod<&Consumer::Subscription>("subscription"),
                         InstanceMethod<&Consumer::Assign>("assign"),
                         InstanceMethod<&Consumer::IncrementalAssign>("incrementalAssign"),
                         InstanceMethod<&Consumer::IncrementalUnassign>("incrementalUnassign"),
                         InstanceMethod<&Consumer::Assignment>("assignment"),
                         InstanceMethod<&Consumer::AssignmentLost>("assignmentLost"),
                         InstanceMethod<&Consumer::RebalanceProtocol>("rebalanceProtocol"),
                         InstanceMethod<&Consumer::Consume>("consume"),
                         InstanceMethod<&Consumer::Wake>("wake"),
                         InstanceMethod<&Consumer::Commit>("commit"),
                         InstanceMethod<&Consumer::CommitSync>("commitSync"),
                         InstanceMethod<&Consumer::StoreOffsets>("storeOffsets"),
                         InstanceMethod<&Consumer::Committed>("committed"),
                         InstanceMethod<&Consumer::Position>("position"),
                         InstanceMethod<&Consumer::Seek>("seek"),
                         InstanceMethod<&Consumer::Pause>("pause"),
                         InstanceMethod<&Consumer::Resume>("resume"),
                         InstanceMethod<&Consumer::GetWatermarkOffsets>("getWatermarkOffsets"),
                         InstanceMethod<&Consumer::QueryWatermarkOffsets>("queryWatermarkOffsets"),
                         InstanceMethod<&Consumer::OffsetsForTimes>("offsetsForTimes"),
                         InstanceMethod<&Consumer::GroupMetadata>("groupMetadata"),
                         InstanceMethod<&Consumer::SetOAuthToken>("setOAuthToken"),
                         InstanceMethod<&Consumer::SetOAuthTokenFailure>("setOAuthTokenFailure"),
                         InstanceMethod<&Consumer::Events>("events"),
                         InstanceMethod<&Consumer::Close>("close"),
                         InstanceMethod<&Consumer::IsClosed>("isClosed"),
                     });
}

/** A boolean property of `conf` as librdkafka reads it (its default when unset). */
static bool ConfFlag(rd_kafka_conf_t* conf, const char* name) {
  char buf[16];
  size_t size = sizeof buf;
  if (rd_kafka_conf_get(conf, name, buf, &size) != RD_KAFKA_CONF_OK) return false;
  return std::strcmp(buf, "true") == 0;
}

// new Consumer(config: Record<string, string>, options: {oauth: boolean})
Consumer::Consumer(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Consumer>(info) {
  Napi::Env env = info.Env();
  if (info.Length() < 1 || !info[0].IsObject()) throw ArgErr(env, "new Consumer(config: object, options?: object)");
  Napi::Object config = info[0].As<Napi::Object>();
  bool wantOAuth = info.Length() > 1 && info[1].IsObject() && info[1].As<Napi::Object>().Get("oauth").ToBoolean();

  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512];
  Napi::Array keys = config.GetPropertyNames();
  for (uint32_t i = 0; i < keys.Length(); i++) {
    std::string key = keys.Get(i).ToString();
    Napi::Value v = config.Get(key);
    if (!v.IsString()) {
      rd_kafka_conf_destroy(conf);
      throw CodedError(env, "consumer config `" + key + "` must be a string", "ERR_CONFIG");
    }
    std::string value = v.As<Napi::String>();
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      throw CodedError(env, errstr, "ERR_CONFIG");
    }
  }
  rd_kafka_conf_set(conf, "log.queue", "true", errstr, sizeof errstr);
  bool storeOnDelivery = ConfFlag(conf, "enable.partition.eof") && ConfFlag(conf, "enable.auto.offset.store");
  if (storeOnDelivery) rd_kafka_conf_set(conf, "enable.auto.offset.store", "false", errstr, sizeof errstr);
  int mask = RD_KAFKA_EVENT_ERROR | RD_KAFKA_EVENT_LOG | RD_KAFKA_EVENT_STATS | RD_KAFKA_EVENT_OFFSET_COMMIT;
  if (wantOAuth) mask |= RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH;
  rd_kafka_conf_set_events(conf, mask);
  rd_kafka_conf_set_rebalance_cb(conf, OnRebalance);
  rd_kafka_conf_set_throttle_cb(conf, OnThrottle);
  core_ = std::make_shared<ConsumerCore>();
  core_->storeOnDelivery = storeOnDelivery;
  rd_kafka_conf_set_opaque(conf, core_.get());

  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, errstr, sizeof errstr);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    throw CodedError(env, errstr, "ERR_CONFIG");
  }
  rd_kafka_set_log_queue(rk, nullptr);
  rd_kafka_queue_t* q = rd_kafka_queue_get_consumer(rk);
  rd_kafka_queue_t* mainq = rd_kafka_queue_get_main(rk);
  if (q == nullptr) {
    rd_kafka_queue_destroy(mainq);
    rd_kafka_destroy(rk);
    throw CodedError(env, "the consumer needs group.id (librdkafka has no consumer queue without it)", "ERR_CONFIG");
  }
  rk_ = rk;
  core_->rk = rk;
  core_->q = q;
  core_->mainq = mainq;
  state_ = GetState(env);
  state_->liveConsumers.insert(this);
  env_ = env;
  // Environment teardown drains the loop (pending consume calls included) before the addon's
  // instance data goes: this hook ends the consume worker first.
  if (napi_add_env_cleanup_hook(env, CleanupHook, this) == napi_ok) hookAdded_ = true;
}

void Consumer::CleanupHook(void* arg) {
  auto* self = static_cast<Consumer*>(arg);
  self->hookAdded_ = false;
  self->Shutdown();
}

Consumer::~Consumer() { Shutdown(); }

void Consumer::Shutdown() {
  if (hookAdded_) {
    hookAdded_ = false;
    napi_remove_env_cleanup_hook(env_, CleanupHook, this);
  }
  if (state_ != nullptr) state_->liveConsumers.erase(this);
  state_ = nullptr;
  rk_ = nullptr;
  if (!core_) return;
  ConsumerCore& c = *core_;
  c.jsAlive = false;
  rd_kafka_t* rk = nullptr;
  rd_kafka_queue_t* q = nullptr;
  rd_kafka_queue_t* mainq = nullptr;
  {
    std::unique_lock<std::mutex> lock(c.mu);
    if (c.shutdown) return;
    c.shutdown = true;
    c.wake = true;
    if (c.rk != nullptr && c.q != nullptr) rd_kafka_queue_yield(c.q);
    // A consume call ends within one slice (kSliceMs).
    c.cv.wait(lock, [&c] { return !c.consuming; });
    if (c.rk == nullptr) return;  // closed, or the close worker destroys it
    if (c.running > 0) {
      // A broker call (committed, seek, ...) may block up to its timeout: do not wait for it.
      c.destroyOnLastLeave = true;
      return;
    }
    rk = c.rk;
    q = c.q;
    mainq = c.mainq;
    c.rk = nullptr;
    c.q = nullptr;
    c.mainq = nullptr;
  }
  rd_kafka_queue_destroy(q);
  rd_kafka_queue_destroy(mainq);
  rd_kafka_destroy_flags(rk, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
}

rd_kafka_t* ConsumerCore::Enter(bool consume) {
  std::lock_guard<std::mutex> lock(mu);
  if (shutdown || rk == nullptr) return nullptr;
  running++;
  if (consume) consuming = true;
  return rk;
}

void ConsumerCore::Leave(bool consume) {
  rd_kafka_t* destroy = nullptr;
  rd_kafka_queue_t* dq = nullptr;
  rd_kafka_queue_t* dmainq = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu);
    running--;
    if (consume) consuming = false;
    if (running == 0 && destroyOnLastLeave && rk != nullptr) {
      destroy = rk;
      dq = q;
      dmainq = mainq;
      rk = nullptr;
      q = nullptr;
      mainq = nullptr;
      destroyOnLastLeave = false;
    }
    cv.notify_all();
  }
  if (destroy != nullptr) {
    rd_kafka_queue_destroy(dq);
    rd_kafka_queue_destroy(dmainq);
    rd_kafka_destroy_flags(destroy, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
  }
}

bool ConsumerCore::ShouldStop() {
  std::lock_guard<std::mutex> lock(mu);
  return wake || shutdown || rebalancePending;
}

std::vector<RebalanceEntry> ConsumerCore::TakeRebalances() {
  std::lock_guard<std::mutex> lock(mu);
  std::vector<RebalanceEntry> out;
  out.swap(rebalances);
  rebalancePending = false;
  return out;
}

void Consumer::OnRebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions,
                           void* opaque) {
  auto* core = static_cast<ConsumerCore*>(opaque);
  const char* protocol = rd_kafka_rebalance_protocol(rk);
  bool cooperative = protocol != nullptr && std::strcmp(protocol, "COOPERATIVE") == 0;
  bool closing;
  {
    std::lock_guard<std::mutex> lock(core->mu);
    closing = core->closing || core->shutdown;
  }
  if (closing) {
    // rd_kafka_consumer_close is waiting for the change: the facade already ran the hooks.
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
      if (cooperative) {
        rd_kafka_error_t* e = rd_kafka_incremental_assign(rk, partitions);
        if (e != nullptr) rd_kafka_error_destroy(e);
      } else {
        rd_kafka_assign(rk, partitions);
      }
    } else if (cooperative && err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
      rd_kafka_error_t* e = rd_kafka_incremental_unassign(rk, partitions);
      if (e != nullptr) rd_kafka_error_destroy(e);
    } else {
      rd_kafka_assign(rk, nullptr);
    }
    return;
  }
  RebalanceEntry entry;
  entry.code = err;
  entry.cooperative = cooperative;
  entry.lost = rd_kafka_assignment_lost(rk) != 0;
  entry.partitions = CopyList(partitions);
  {
    std::lock_guard<std::mutex> lock(core->mu);
    core->rebalances.push_back(std::move(entry));
    core->rebalancePending = true;
  }
  // End the batch now: JS runs the hooks, then applies the change.
  rd_kafka_yield(rk);
}

void Consumer::OnThrottle(rd_kafka_t*, const char* broker, int32_t brokerId, int throttleMs, void* opaque) {
  // Served by rd_kafka_queue_poll on the main queue: the JS thread, inside events().
  static_cast<ConsumerCore*>(opaque)->throttles.push_back(ConsumerCore::Throttle{broker != nullptr ? broker : "", brokerId, throttleMs});
}

rd_kafka_t* Consumer::Open(Napi::Env env) {
  if (rk_ == nullptr) throw CodedError(env, "the consumer is closed (not connected)", "ERR_STATE");
  return rk_;
}

// connect(timeoutMs) → Promise: one metadata round trip, as node-rdkafka's connect does.
Napi::Value Consumer::Connect(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  int timeout = TimeoutArg(info, 0, 30000);
  ops_++;
  auto* w = new OpWorker(env, this, info.This().As<Napi::Object>(), "simple-kafka:consumer-connect",
                         [timeout](rd_kafka_t* rk, OpWorker& w) {
                           const rd_kafka_metadata_t* md = nullptr;
                           w.code = rd_kafka_metadata(rk, 0, nullptr, &md, timeout);
                           if (md != nullptr) rd_kafka_metadata_destroy(md);
                         },
                         nullptr);
  w->Queue();
  return w->Promise();
}

Napi::Value Consumer::Subscribe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 1 || !info[0].IsArray()) throw ArgErr(env, "subscribe(topics: string[])");
  Napi::Array a = info[0].As<Napi::Array>();
  rd_kafka_topic_partition_list_t* list = rd_kafka_topic_partition_list_new(static_cast<int>(a.Length()));
  for (uint32_t i = 0; i < a.Length(); i++) {
    rd_kafka_topic_partition_list_add(list, a.Get(i).ToString().Utf8Value().c_str(), RD_KAFKA_PARTITION_UA);
  }
  rd_kafka_resp_err_t err = rd_kafka_subscribe(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (err) throw KafkaErr(env, err, "");
  return env.Undefined();
}

Napi::Value Consumer::Unsubscribe(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_resp_err_t err = rd_kafka_unsubscribe(Open(env));
  if (err) throw KafkaErr(env, err, "");
  return env.Undefined();
}

Napi::Value Consumer::Subscription(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_topic_partition_list_t* list = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_subscription(Open(env), &list);
  if (err) throw KafkaErr(env, err, "");
  Napi::Array out = Napi::Array::New(env, list->cnt);
  for (int i = 0; i < list->cnt; i++) out.Set(static_cast<uint32_t>(i), list->elems[i].topic);
  rd_kafka_topic_partition_list_destroy(list);
  return out;
}

// assign(partitions | null)
Napi::Value Consumer::Assign(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_topic_partition_list_t* list = nullptr;
  if (info.Length() > 0 && !info[0].IsNull() && !info[0].IsUndefined()) list = ListFromJs(env, info[0], "assign");
  rd_kafka_resp_err_t err = rd_kafka_assign(rk, list);
  if (list != nullptr) rd_kafka_topic_partition_list_destroy(list);
  ForgetEofs();
  if (err) throw KafkaErr(env, err, "");
  return env.Undefined();
}

Napi::Value Consumer::IncrementalAssign(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_topic_partition_list_t* list = ListFromJs(env, info.Length() > 0 ? info[0] : env.Undefined(), "incrementalAssign");
  rd_kafka_error_t* error = rd_kafka_incremental_assign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (error != nullptr) throw FromRdError(env, error);
  return env.Undefined();
}

Napi::Value Consumer::IncrementalUnassign(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_topic_partition_list_t* list =
      ListFromJs(env, info.Length() > 0 ? info[0] : env.Undefined(), "incrementalUnassign");
  rd_kafka_error_t* error = rd_kafka_incremental_unassign(rk, list);
  rd_kafka_topic_partition_list_destroy(list);
  if (error != nullptr) throw FromRdError(env, error);
  return env.Undefined();
}

Napi::Value Consumer::Assignment(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_topic_partition_list_t* list = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_assignment(Open(env), &list);
  if (err) throw KafkaErr(env, err, "");
  Napi::Array out = ListToJs(env, list);
  rd_kafka_topic_partition_list_destroy(list);
  return out;
}

Napi::Value Consumer::AssignmentLost(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), rd_kafka_assignment_lost(Open(info.Env())) != 0);
}

Napi::Value Consumer::RebalanceProtocol(const Napi::CallbackInfo& info) {
  const char* p = rd_kafka_rebalance_protocol(Open(info.Env()));
  return Napi::String::New(info.Env(), p != nullptr ? p : "NONE");
}

// consume(count, timeoutMs, fill, cb(err, batch))
Napi::Value Consumer::Consume(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  if (info.Length() < 4 || !info[0].IsNumber() || !info[3].IsFunction()) {
    throw ArgErr(env, "consume(count: number, timeoutMs: number, fill: boolean, cb: function)");
  }
  if (consumeQueued_) throw CodedError(env, "a consume call is already running", "ERR_STATE");
  double count = info[0].As<Napi::Number>().DoubleValue();
  if (!(count >= 1) || count > kMaxBatch) throw ArgErr(env, "consume: count must be between 1 and 1048576");
  {
    std::lock_guard<std::mutex> lock(core_->mu);
    core_->wake = false;
  }
  consumeQueued_ = true;
  ops_++;
  auto* w = new ConsumeWorker(info[3].As<Napi::Function>(), this, info.This().As<Napi::Object>(),
                              static_cast<size_t>(count), TimeoutArg(info, 1, 0), info[2].ToBoolean());
  w->Queue();
  return env.Undefined();
}

// wake(): the consume call in flight (or queued) returns what it has now.
Napi::Value Consumer::Wake(const Napi::CallbackInfo& info) {
  std::lock_guard<std::mutex> lock(core_->mu);
  core_->wake = true;
  if (core_->q != nullptr && core_->rk != nullptr) rd_kafka_queue_yield(core_->q);
  return info.Env().Undefined();
}

// commit(partitions | null): asynchronous; the result comes as a `commit` event.
Napi::Value Consumer::Commit(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_topic_partition_list_t* list = nullptr;
  if (info.Length() > 0 && !info[0].IsNull() && !info[0].IsUndefined()) list = ListFromJs(env, info[0], "commit");
  // The result comes back on the main queue as an OFFSET_COMMIT event (served by events()).
  rd_kafka_resp_err_t err = rd_kafka_commit_queue(rk, list, core_->mainq, nullptr, nullptr);
  if (list != nullptr) rd_kafka_topic_partition_list_destroy(list);
  if (err) throw KafkaErr(env, err, "");
  return env.Undefined();
}

// commitSync(partitions | null) → Promise<partitions | undefined>, off the JS thread.
Napi::Value Consumer::CommitSync(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  rd_kafka_topic_partition_list_t* list = nullptr;
  if (info.Length() > 0 && !info[0].IsNull() && !info[0].IsUndefined()) list = ListFromJs(env, info[0], "commit");
  ops_++;
  auto* w = new OpWorker(env, this, info.This().As<Napi::Object>(), "simple-kafka:consumer-commit",
                         [](rd_kafka_t* rk, OpWorker& w) {
                           w.code = rd_kafka_commit(rk, w.list, 0);
                           if (w.code == RD_KAFKA_RESP_ERR_NO_ERROR && w.list != nullptr) {
                             for (int i = 0; i < w.list->cnt; i++) {
                               if (w.list->elems[i].err) {
                                 w.code = w.list->elems[i].err;
                                 w.message = std::string(rd_kafka_err2str(w.code)) + " (" + w.list->elems[i].topic +
                                             "[" + std::to_string(w.list->elems[i].partition) + "])";
                                 break;
                               }
                             }
                           }
                         },
                         nullptr);
  w->list = list;
  w->Queue();
  return w->Promise();
}

Napi::Value Consumer::StoreOffsets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_topic_partition_list_t* list = ListFromJs(env, info.Length() > 0 ? info[0] : env.Undefined(), "storeOffsets");
  if (core_->storeOnDelivery) {
    // The user's enable.auto.offset.store is on (the consumer stores for it): refuse as librdkafka does.
    rd_kafka_topic_partition_list_destroy(list);
    throw KafkaErr(env, RD_KAFKA_RESP_ERR__INVALID_ARG, "storeOffsets needs enable.auto.offset.store=false");
  }
  rd_kafka_resp_err_t err = rd_kafka_offsets_store(rk, list);
  std::string topic;
  int32_t partition = -1;
  for (int i = 0; i < list->cnt; i++) {
    if (list->elems[i].err) {
      if (err == RD_KAFKA_RESP_ERR_NO_ERROR) err = list->elems[i].err;
      topic = list->elems[i].topic;
      partition = list->elems[i].partition;
      break;
    }
  }
  rd_kafka_topic_partition_list_destroy(list);
  if (err) {
    Napi::Error e = KafkaErr(env, err, "");
    if (partition >= 0) {
      e.Set("topic", topic);
      e.Set("partition", Napi::Number::New(env, partition));
    }
    throw e;
  }
  return env.Undefined();
}

// committed(partitions, timeoutMs) → Promise<partitions>
Napi::Value Consumer::Committed(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  rd_kafka_topic_partition_list_t* list = ListFromJs(env, info.Length() > 0 ? info[0] : env.Undefined(), "committed");
  int timeout = TimeoutArg(info, 1, 10000);
  ops_++;
  auto* w = new OpWorker(
      env, this, info.This().As<Napi::Object>(), "simple-kafka:consumer-committed",
      [timeout](rd_kafka_t* rk, OpWorker& w) { w.code = rd_kafka_committed(rk, w.list, timeout); },
      [](Napi::Env env, OpWorker& w) -> Napi::Value { return ListToJs(env, w.list); });
  w->list = list;
  w->Queue();
  return w->Promise();
}

Napi::Value Consumer::Position(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_topic_partition_list_t* list = ListFromJs(env, info.Length() > 0 ? info[0] : env.Undefined(), "position");
  rd_kafka_resp_err_t err = rd_kafka_position(rk, list);
  if (err) {
    rd_kafka_topic_partition_list_destroy(list);
    throw KafkaErr(env, err, "");
  }
  if (core_->storeOnDelivery) {
    std::lock_guard<std::mutex> lock(core_->mu);
    for (int i = 0; i < list->cnt; i++) {
      auto it = core_->eofAt.find({list->elems[i].topic, list->elems[i].partition});
      if (it != core_->eofAt.end() && list->elems[i].offset == it->second + 1) list->elems[i].offset = it->second;
    }
  }
  Napi::Array out = ListToJs(env, list);
  rd_kafka_topic_partition_list_destroy(list);
  return out;
}

// seek(partitions (with offsets), timeoutMs) → Promise
Napi::Value Consumer::Seek(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  rd_kafka_topic_partition_list_t* list = ListFromJs(env, info.Length() > 0 ? info[0] : env.Undefined(), "seek");
  int timeout = TimeoutArg(info, 1, 10000);
  ForgetEofs();
  ops_++;
  auto* w = new OpWorker(env, this, info.This().As<Napi::Object>(), "simple-kafka:consumer-seek",
                         [timeout](rd_kafka_t* rk, OpWorker& w) {
                           w.error = rd_kafka_seek_partitions(rk, w.list, timeout);
                           if (w.error == nullptr) {
                             for (int i = 0; i < w.list->cnt; i++) {
                               if (w.list->elems[i].err) {
                                 w.code = w.list->elems[i].err;
                                 break;
                               }
                             }
                           }
                         },
                         nullptr);
  w->list = list;
  w->Queue();
  return w->Promise();
}

static Napi::Value PauseResume(Consumer* self, const Napi::CallbackInfo& info, rd_kafka_t* rk, bool pause) {
  Napi::Env env = info.Env();
  rd_kafka_topic_partition_list_t* list =
      ListFromJs(env, info.Length() > 0 ? info[0] : env.Undefined(), pause ? "pause" : "resume");
  rd_kafka_resp_err_t err = pause ? rd_kafka_pause_partitions(rk, list) : rd_kafka_resume_partitions(rk, list);
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) {
    for (int i = 0; i < list->cnt; i++) {
      if (list->elems[i].err) {
        err = list->elems[i].err;
        break;
      }
    }
  }
  rd_kafka_topic_partition_list_destroy(list);
  return Napi::Number::New(env, err);
}

Napi::Value Consumer::Pause(const Napi::CallbackInfo& info) { return PauseResume(this, info, Open(info.Env()), true); }
Napi::Value Consumer::Resume(const Napi::CallbackInfo& info) { return PauseResume(this, info, Open(info.Env()), false); }

// getWatermarkOffsets(topic, partition) → {lowOffset, highOffset} (cached values)
Napi::Value Consumer::GetWatermarkOffsets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsNumber()) throw ArgErr(env, "getWatermarkOffsets(topic, partition)");
  int64_t low = 0;
  int64_t high = 0;
  rd_kafka_resp_err_t err = rd_kafka_get_watermark_offsets(rk, info[0].As<Napi::String>().Utf8Value().c_str(),
                                                           info[1].As<Napi::Number>().Int32Value(), &low, &high);
  if (err) throw KafkaErr(env, err, "");
  Napi::Object o = Napi::Object::New(env);
  o.Set("lowOffset", static_cast<double>(low));
  o.Set("highOffset", static_cast<double>(high));
  return o;
}

// queryWatermarkOffsets(topic, partition, timeoutMs) → Promise<{lowOffset, highOffset}>
Napi::Value Consumer::QueryWatermarkOffsets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  if (info.Length() < 2 || !info[0].IsString() || !info[1].IsNumber()) throw ArgErr(env, "queryWatermarkOffsets(topic, partition, timeoutMs)");
  std::string topic = info[0].As<Napi::String>();
  int32_t partition = info[1].As<Napi::Number>().Int32Value();
  int timeout = TimeoutArg(info, 2, 10000);
  ops_++;
  auto* w = new OpWorker(
      env, this, info.This().As<Napi::Object>(), "simple-kafka:consumer-watermarks",
      [topic, partition, timeout](rd_kafka_t* rk, OpWorker& w) {
        w.code = rd_kafka_query_watermark_offsets(rk, topic.c_str(), partition, &w.low, &w.high, timeout);
      },
      [](Napi::Env env, OpWorker& w) -> Napi::Value {
        Napi::Object o = Napi::Object::New(env);
        o.Set("lowOffset", static_cast<double>(w.low));
        o.Set("highOffset", static_cast<double>(w.high));
        return o;
      });
  w->Queue();
  return w->Promise();
}

// offsetsForTimes(partitions (offset = timestamp), timeoutMs) → Promise<partitions>
Napi::Value Consumer::OffsetsForTimes(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Open(env);
  rd_kafka_topic_partition_list_t* list = ListFromJs(env, info.Length() > 0 ? info[0] : env.Undefined(), "offsetsForTimes");
  int timeout = TimeoutArg(info, 1, 10000);
  ops_++;
  auto* w = new OpWorker(
      env, this, info.This().As<Napi::Object>(), "simple-kafka:consumer-offsets-for-times",
      [timeout](rd_kafka_t* rk, OpWorker& w) { w.code = rd_kafka_offsets_for_times(rk, w.list, timeout); },
      [](Napi::Env env, OpWorker& w) -> Napi::Value { return ListToJs(env, w.list); });
  w->list = list;
  w->Queue();
  return w->Promise();
}

// groupMetadata() → {groupId, generationId, memberId, groupInstanceId?, serialized: Buffer} | null
Napi::Value Consumer::GroupMetadata(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_consumer_group_metadata_t* cgmd = rd_kafka_consumer_group_metadata(Open(env));
  if (cgmd == nullptr) return env.Null();
  void* buf = nullptr;
  size_t size = 0;
  rd_kafka_error_t* error = rd_kafka_consumer_group_metadata_write(cgmd, &buf, &size);
  rd_kafka_consumer_group_metadata_destroy(cgmd);
  if (error != nullptr) throw FromRdError(env, error);
  Napi::Object o = Napi::Object::New(env);
  o.Set("serialized", Napi::Buffer<char>::Copy(env, static_cast<const char*>(buf), size));
  // Layout of rd_kafka_consumer_group_metadata_write: "CGMDv2:" int32 generation, group id\0,
  // member id\0, int8 instance-id-is-null, [instance id\0].
  const char* p = static_cast<const char*>(buf);
  const size_t magic = 7;
  if (size > magic + sizeof(int32_t) && std::memcmp(p, "CGMDv2:", magic) == 0) {
    int32_t generation;
    std::memcpy(&generation, p + magic, sizeof generation);
    const char* end = p + size;
    const char* s = p + magic + sizeof generation;
    const char* groupEnd = static_cast<const char*>(std::memchr(s, 0, end - s));
    if (groupEnd != nullptr) {
      o.Set("groupId", std::string(s, groupEnd));
      const char* m = groupEnd + 1;
      const char* memberEnd = m < end ? static_cast<const char*>(std::memchr(m, 0, end - m)) : nullptr;
      if (memberEnd != nullptr) {
        o.Set("memberId", std::string(m, memberEnd));
        o.Set("generationId", generation);
        const char* flag = memberEnd + 1;
        if (flag < end && *flag == 0 && flag + 1 < end) {
          const char* inst = flag + 1;
          const char* instEnd = static_cast<const char*>(std::memchr(inst, 0, end - inst));
          if (instEnd != nullptr) o.Set("groupInstanceId", std::string(inst, instEnd));
        }
      }
    }
  }
  rd_kafka_mem_free(nullptr, buf);
  return o;
}

// setOAuthToken(token, lifetimeMs (epoch ms), principal, extensions?: string[] (k, v, ...))
Napi::Value Consumer::SetOAuthToken(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_resp_err_t err;
  std::string errstr;
  if (!SetOAuthTokenFromArgs(info, rk, &err, &errstr)) throw ArgErr(env, kSetOAuthTokenUsage);
  if (err) throw KafkaErr(env, err, "setOAuthToken: " + errstr);
  return env.Undefined();
}

Napi::Value Consumer::SetOAuthTokenFailure(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  std::string reason = info.Length() > 0 ? info[0].ToString().Utf8Value() : "token refresh failed";
  rd_kafka_oauthbearer_set_token_failure(rk, reason.c_str());
  return env.Undefined();
}

// events(max) → Array<{type, ...}>: what librdkafka's main queue holds, without blocking.
Napi::Value Consumer::Events(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  Napi::Array out = Napi::Array::New(env);
  rd_kafka_queue_t* mainq = core_->mainq;
  if (rk_ == nullptr || mainq == nullptr) return out;
  int max = info.Length() > 0 && info[0].IsNumber() ? info[0].As<Napi::Number>().Int32Value() : 1000;
  uint32_t n = 0;
  while (static_cast<int>(n) < max) {
    rd_kafka_event_t* ev = rd_kafka_queue_poll(mainq, 0);
    if (ev == nullptr) break;
    Napi::Object o = Napi::Object::New(env);
    switch (rd_kafka_event_type(ev)) {
      case RD_KAFKA_EVENT_ERROR: {
        rd_kafka_resp_err_t code = rd_kafka_event_error(ev);
        bool fatal = rd_kafka_event_error_is_fatal(ev);
        std::string message = rd_kafka_event_error_string(ev);
        if (fatal) {
          char buf[512];
          code = rd_kafka_fatal_error(rk_, buf, sizeof buf);
          message = buf;
        }
        o.Set("type", "error");
        o.Set("code", static_cast<int>(code));
        o.Set("message", message);
        o.Set("isFatal", fatal);
        break;
      }
      case RD_KAFKA_EVENT_LOG: {
        const char* fac = nullptr;
        const char* str = nullptr;
        int level = 0;
        rd_kafka_event_log(ev, &fac, &str, &level);
        o.Set("type", "log");
        o.Set("severity", level);
        o.Set("fac", fac != nullptr ? fac : "");
        o.Set("message", str != nullptr ? str : "");
        break;
      }
      case RD_KAFKA_EVENT_STATS:
        o.Set("type", "stats");
        o.Set("message", rd_kafka_event_stats(ev));
        break;
      case RD_KAFKA_EVENT_OFFSET_COMMIT:
        o.Set("type", "commit");
        o.Set("code", static_cast<int>(rd_kafka_event_error(ev)));
        o.Set("partitions", ListToJs(env, rd_kafka_event_topic_partition_list(ev)));
        break;
      case RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH: {
        const char* cfg = rd_kafka_event_config_string(ev);
        o.Set("type", "oauthbearer-token-refresh");
        o.Set("message", cfg != nullptr ? cfg : "");
        break;
      }
      default:
        rd_kafka_event_destroy(ev);
        continue;
    }
    rd_kafka_event_destroy(ev);
    out.Set(n++, o);
  }
  // Throttle callbacks ran inside rd_kafka_queue_poll above (this thread).
  for (const ConsumerCore::Throttle& t : core_->throttles) {
    Napi::Object o = Napi::Object::New(env);
    o.Set("type", "throttle");
    o.Set("broker", t.broker);
    o.Set("brokerId", Napi::Number::New(env, t.brokerId));
    o.Set("throttleMs", Napi::Number::New(env, t.ms));
    out.Set(n++, o);
  }
  core_->throttles.clear();
  return out;
}

// close() → Promise: leaves the group, destroys the handle. The facade waits for its own calls
// first; here anything still running is refused.
Napi::Value Consumer::Close(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (rk_ == nullptr) {
    Napi::Promise::Deferred d = Napi::Promise::Deferred::New(env);
    d.Resolve(env.Undefined());
    return d.Promise();
  }
  if (ops_ > 0) throw CodedError(env, "cannot close while a consume or broker call is running", "ERR_STATE");
  rd_kafka_t* rk;
  rd_kafka_queue_t* q;
  rd_kafka_queue_t* mainq;
  {
    std::lock_guard<std::mutex> lock(core_->mu);
    rk = core_->rk;
    q = core_->q;
    mainq = core_->mainq;
    core_->closing = true;
    core_->running++;  // the close worker (it destroys the handle itself)
    core_->rk = nullptr;
    core_->q = nullptr;
    core_->mainq = nullptr;
  }
  rk_ = nullptr;
  if (state_ != nullptr) state_->liveConsumers.erase(this);
  ops_++;
  auto* w = new CloseWorker(env, this, info.This().As<Napi::Object>(), rk, q, mainq);
  w->Queue();
  return w->Promise();
}

Napi::Value Consumer::IsClosed(const Napi::CallbackInfo& info) { return Napi::Boolean::New(info.Env(), rk_ == nullptr); }

}  // namespace sk
