#include "admin.h"
#include "oauth.h"

#include <chrono>
#include <climits>
#include <cmath>
#include <memory>
#include <thread>

namespace sk {

namespace {

using Value = AdminValue;

// ---------------------------------------------------------------------------
// AdminValue builders (any thread) and conversion (JS thread)

Value Null() { return Value(); }

Value Bool(bool b) {
  Value v;
  v.kind = Value::Kind::Bool;
  v.b = b;
  return v;
}

Value Num(double n) {
  Value v;
  v.kind = Value::Kind::Num;
  v.n = n;
  return v;
}

Value Str(const char* s) {
  if (s == nullptr) return Null();
  Value v;
  v.kind = Value::Kind::Str;
  v.s = s;
  return v;
}

Value Arr() {
  Value v;
  v.kind = Value::Kind::Arr;
  return v;
}

Value Obj() {
  Value v;
  v.kind = Value::Kind::Obj;
  return v;
}

void Set(Value& o, const char* key, Value v) { o.obj.emplace_back(key, std::move(v)); }

/** An error as {errno, kafkaName, message}, or null for no error. */
Value Err(rd_kafka_resp_err_t code, const char* message) {
  if (code == RD_KAFKA_RESP_ERR_NO_ERROR) return Null();
  Value o = Obj();
  Set(o, "errno", Num(code));
  Set(o, "kafkaName", Str(rd_kafka_err2name(code)));
  Set(o, "message", Str(message != nullptr && *message != '\0' ? message : rd_kafka_err2str(code)));
  return o;
}

Value Err(const rd_kafka_error_t* error) {
  if (error == nullptr) return Null();
  return Err(rd_kafka_error_code(error), rd_kafka_error_string(error));
}

Value NodeValue(const rd_kafka_Node_t* node) {
  if (node == nullptr) return Null();
  Value o = Obj();
  Set(o, "id", Num(rd_kafka_Node_id(node)));
  Set(o, "host", Str(rd_kafka_Node_host(node)));
  Set(o, "port", Num(rd_kafka_Node_port(node)));
  Set(o, "rack", Str(rd_kafka_Node_rack(node)));
  return o;
}

Value Operations(const rd_kafka_AclOperation_t* ops, size_t n) {
  if (ops == nullptr) return Null();
  Value a = Arr();
  for (size_t i = 0; i < n; i++) a.arr.push_back(Num(ops[i]));
  return a;
}

Value Partitions(const rd_kafka_topic_partition_list_t* list) {
  Value a = Arr();
  if (list == nullptr) return a;
  for (int i = 0; i < list->cnt; i++) {
    Value tp = Obj();
    Set(tp, "topic", Str(list->elems[i].topic));
    Set(tp, "partition", Num(list->elems[i].partition));
    a.arr.push_back(std::move(tp));
  }
  return a;
}

Value Binding(const rd_kafka_AclBinding_t* acl) {
  Value o = Obj();
  Set(o, "resourceType", Num(rd_kafka_AclBinding_restype(acl)));
  Set(o, "name", Str(rd_kafka_AclBinding_name(acl)));
  Set(o, "patternType", Num(rd_kafka_AclBinding_resource_pattern_type(acl)));
  Set(o, "principal", Str(rd_kafka_AclBinding_principal(acl)));
  Set(o, "host", Str(rd_kafka_AclBinding_host(acl)));
  Set(o, "operation", Num(rd_kafka_AclBinding_operation(acl)));
  Set(o, "permissionType", Num(rd_kafka_AclBinding_permission_type(acl)));
  return o;
}

Value ConfigEntries(const rd_kafka_ConfigResource_t* res) {
  size_t n = 0;
  const rd_kafka_ConfigEntry_t** entries = rd_kafka_ConfigResource_configs(res, &n);
  Value a = Arr();
  for (size_t i = 0; i < n; i++) {
    const rd_kafka_ConfigEntry_t* e = entries[i];
    Value o = Obj();
    Set(o, "name", Str(rd_kafka_ConfigEntry_name(e)));
    Set(o, "value", Str(rd_kafka_ConfigEntry_value(e)));
    Set(o, "source", Num(rd_kafka_ConfigEntry_source(e)));
    Set(o, "isReadOnly", Bool(rd_kafka_ConfigEntry_is_read_only(e)));
    Set(o, "isDefault", Bool(rd_kafka_ConfigEntry_is_default(e)));
    Set(o, "isSensitive", Bool(rd_kafka_ConfigEntry_is_sensitive(e)));
    size_t sn = 0;
    const rd_kafka_ConfigEntry_t** syn = rd_kafka_ConfigEntry_synonyms(e, &sn);
    Value synonyms = Arr();
    for (size_t j = 0; j < sn; j++) {
      Value s = Obj();
      Set(s, "name", Str(rd_kafka_ConfigEntry_name(syn[j])));
      Set(s, "value", Str(rd_kafka_ConfigEntry_value(syn[j])));
      Set(s, "source", Num(rd_kafka_ConfigEntry_source(syn[j])));
      synonyms.arr.push_back(std::move(s));
    }
    Set(o, "synonyms", std::move(synonyms));
    a.arr.push_back(std::move(o));
  }
  return a;
}

Value ConfigResources(const rd_kafka_ConfigResource_t** res, size_t n, bool withConfigs) {
  Value a = Arr();
  for (size_t i = 0; i < n; i++) {
    Value o = Obj();
    Set(o, "type", Num(rd_kafka_ConfigResource_type(res[i])));
    Set(o, "name", Str(rd_kafka_ConfigResource_name(res[i])));
    Set(o, "error", Err(rd_kafka_ConfigResource_error(res[i]), rd_kafka_ConfigResource_error_string(res[i])));
    if (withConfigs) Set(o, "configs", ConfigEntries(res[i]));
    a.arr.push_back(std::move(o));
  }
  return a;
}

Value GroupDescription(const rd_kafka_ConsumerGroupDescription_t* g) {
  Value o = Obj();
  Set(o, "groupId", Str(rd_kafka_ConsumerGroupDescription_group_id(g)));
  Set(o, "error", Err(rd_kafka_ConsumerGroupDescription_error(g)));
  Set(o, "isSimple", Bool(rd_kafka_ConsumerGroupDescription_is_simple_consumer_group(g)));
  Set(o, "partitionAssignor", Str(rd_kafka_ConsumerGroupDescription_partition_assignor(g)));
  Set(o, "state", Str(rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupDescription_state(g))));
  Set(o, "type", Str(rd_kafka_consumer_group_type_name(rd_kafka_ConsumerGroupDescription_type(g))));
  Set(o, "coordinator", NodeValue(rd_kafka_ConsumerGroupDescription_coordinator(g)));
  size_t nops = 0;
  const rd_kafka_AclOperation_t* ops = rd_kafka_ConsumerGroupDescription_authorized_operations(g, &nops);
  Set(o, "authorizedOperations", Operations(ops, nops));
  Value members = Arr();
  size_t mc = rd_kafka_ConsumerGroupDescription_member_count(g);
  for (size_t i = 0; i < mc; i++) {
    const rd_kafka_MemberDescription_t* m = rd_kafka_ConsumerGroupDescription_member(g, i);
    Value mo = Obj();
    Set(mo, "memberId", Str(rd_kafka_MemberDescription_consumer_id(m)));
    Set(mo, "clientId", Str(rd_kafka_MemberDescription_client_id(m)));
    Set(mo, "groupInstanceId", Str(rd_kafka_MemberDescription_group_instance_id(m)));
    Set(mo, "host", Str(rd_kafka_MemberDescription_host(m)));
    const rd_kafka_MemberAssignment_t* as = rd_kafka_MemberDescription_assignment(m);
    Set(mo, "assignment", Partitions(as != nullptr ? rd_kafka_MemberAssignment_partitions(as) : nullptr));
    members.arr.push_back(std::move(mo));
  }
  Set(o, "members", std::move(members));
  return o;
}

/** Group results with partitions (ListConsumerGroupOffsets, AlterConsumerGroupOffsets). */
Value GroupOffsets(const rd_kafka_group_result_t** groups, size_t n) {
  Value a = Arr();
  for (size_t i = 0; i < n; i++) {
    Value o = Obj();
    Set(o, "groupId", Str(rd_kafka_group_result_name(groups[i])));
    Set(o, "error", Err(rd_kafka_group_result_error(groups[i])));
    const rd_kafka_topic_partition_list_t* list = rd_kafka_group_result_partitions(groups[i]);
    Value parts = Arr();
    for (int j = 0; list != nullptr && j < list->cnt; j++) {
      const rd_kafka_topic_partition_t& tp = list->elems[j];
      Value p = Obj();
      Set(p, "topic", Str(tp.topic));
      Set(p, "partition", Num(tp.partition));
      Set(p, "offset", Num(static_cast<double>(tp.offset)));
      if (tp.metadata != nullptr && tp.metadata_size > 0) {
        Value m;
        m.kind = Value::Kind::Str;
        m.s.assign(static_cast<const char*>(tp.metadata), tp.metadata_size);
        Set(p, "metadata", std::move(m));
      }
      Set(p, "error", Err(tp.err, nullptr));
      parts.arr.push_back(std::move(p));
    }
    Set(o, "partitions", std::move(parts));
    a.arr.push_back(std::move(o));
  }
  return a;
}

/** The JS shape of an admin result event. */
Value ResultValue(rd_kafka_event_t* ev) {
  Value out = Obj();
  rd_kafka_resp_err_t requestError = rd_kafka_event_error(ev);
  Set(out, "error", Err(requestError, rd_kafka_event_error_string(ev)));
  // A failed request has no result to read (some accessors assert on one).
  if (requestError != RD_KAFKA_RESP_ERR_NO_ERROR) return out;
  switch (rd_kafka_event_type(ev)) {
    case RD_KAFKA_EVENT_CREATETOPICS_RESULT: {
      size_t n = 0;
      const rd_kafka_topic_result_t** r = rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) {
        Value o = Obj();
        Set(o, "topic", Str(rd_kafka_topic_result_name(r[i])));
        Set(o, "error", Err(rd_kafka_topic_result_error(r[i]), rd_kafka_topic_result_error_string(r[i])));
        a.arr.push_back(std::move(o));
      }
      Set(out, "topics", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_DELETETOPICS_RESULT:
    case RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT: {
      size_t n = 0;
      const rd_kafka_topic_result_t** r =
          rd_kafka_event_type(ev) == RD_KAFKA_EVENT_DELETETOPICS_RESULT
              ? rd_kafka_DeleteTopics_result_topics(rd_kafka_event_DeleteTopics_result(ev), &n)
              : rd_kafka_CreatePartitions_result_topics(rd_kafka_event_CreatePartitions_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) {
        Value o = Obj();
        Set(o, "topic", Str(rd_kafka_topic_result_name(r[i])));
        Set(o, "error", Err(rd_kafka_topic_result_error(r[i]), rd_kafka_topic_result_error_string(r[i])));
        a.arr.push_back(std::move(o));
      }
      Set(out, "topics", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_LISTCONSUMERGROUPS_RESULT: {
      const rd_kafka_ListConsumerGroups_result_t* res = rd_kafka_event_ListConsumerGroups_result(ev);
      size_t n = 0;
      const rd_kafka_ConsumerGroupListing_t** valid = rd_kafka_ListConsumerGroups_result_valid(res, &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) {
        Value o = Obj();
        Set(o, "groupId", Str(rd_kafka_ConsumerGroupListing_group_id(valid[i])));
        Set(o, "isSimple", Bool(rd_kafka_ConsumerGroupListing_is_simple_consumer_group(valid[i])));
        Set(o, "state", Str(rd_kafka_consumer_group_state_name(rd_kafka_ConsumerGroupListing_state(valid[i]))));
        Set(o, "type", Str(rd_kafka_consumer_group_type_name(rd_kafka_ConsumerGroupListing_type(valid[i]))));
        a.arr.push_back(std::move(o));
      }
      Set(out, "groups", std::move(a));
      size_t ne = 0;
      const rd_kafka_error_t** errors = rd_kafka_ListConsumerGroups_result_errors(res, &ne);
      Value e = Arr();
      for (size_t i = 0; i < ne; i++) e.arr.push_back(Err(errors[i]));
      Set(out, "errors", std::move(e));
      break;
    }
    case RD_KAFKA_EVENT_DESCRIBECONSUMERGROUPS_RESULT: {
      size_t n = 0;
      const rd_kafka_ConsumerGroupDescription_t** groups =
          rd_kafka_DescribeConsumerGroups_result_groups(rd_kafka_event_DescribeConsumerGroups_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) a.arr.push_back(GroupDescription(groups[i]));
      Set(out, "groups", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_DELETEGROUPS_RESULT: {
      size_t n = 0;
      const rd_kafka_group_result_t** groups = rd_kafka_DeleteGroups_result_groups(rd_kafka_event_DeleteGroups_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) {
        Value o = Obj();
        Set(o, "groupId", Str(rd_kafka_group_result_name(groups[i])));
        Set(o, "error", Err(rd_kafka_group_result_error(groups[i])));
        a.arr.push_back(std::move(o));
      }
      Set(out, "groups", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT: {
      size_t n = 0;
      const rd_kafka_ConfigResource_t** res =
          rd_kafka_DescribeConfigs_result_resources(rd_kafka_event_DescribeConfigs_result(ev), &n);
      Set(out, "resources", ConfigResources(res, n, true));
      break;
    }
    case RD_KAFKA_EVENT_INCREMENTALALTERCONFIGS_RESULT: {
      size_t n = 0;
      const rd_kafka_ConfigResource_t** res =
          rd_kafka_IncrementalAlterConfigs_result_resources(rd_kafka_event_IncrementalAlterConfigs_result(ev), &n);
      Set(out, "resources", ConfigResources(res, n, false));
      break;
    }
    case RD_KAFKA_EVENT_CREATEACLS_RESULT: {
      size_t n = 0;
      const rd_kafka_acl_result_t** r = rd_kafka_CreateAcls_result_acls(rd_kafka_event_CreateAcls_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) {
        Value o = Obj();
        Set(o, "error", Err(rd_kafka_acl_result_error(r[i])));
        a.arr.push_back(std::move(o));
      }
      Set(out, "results", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_DESCRIBEACLS_RESULT: {
      size_t n = 0;
      const rd_kafka_AclBinding_t** acls = rd_kafka_DescribeAcls_result_acls(rd_kafka_event_DescribeAcls_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) a.arr.push_back(Binding(acls[i]));
      Set(out, "bindings", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_DELETEACLS_RESULT: {
      size_t n = 0;
      const rd_kafka_DeleteAcls_result_response_t** r =
          rd_kafka_DeleteAcls_result_responses(rd_kafka_event_DeleteAcls_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) {
        Value o = Obj();
        Set(o, "error", Err(rd_kafka_DeleteAcls_result_response_error(r[i])));
        size_t mn = 0;
        const rd_kafka_AclBinding_t** m = rd_kafka_DeleteAcls_result_response_matching_acls(r[i], &mn);
        Value b = Arr();
        for (size_t j = 0; j < mn; j++) b.arr.push_back(Binding(m[j]));
        Set(o, "bindings", std::move(b));
        a.arr.push_back(std::move(o));
      }
      Set(out, "responses", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT: {
      size_t n = 0;
      const rd_kafka_group_result_t** g =
          rd_kafka_ListConsumerGroupOffsets_result_groups(rd_kafka_event_ListConsumerGroupOffsets_result(ev), &n);
      Set(out, "groups", GroupOffsets(g, n));
      break;
    }
    case RD_KAFKA_EVENT_ALTERCONSUMERGROUPOFFSETS_RESULT: {
      size_t n = 0;
      const rd_kafka_group_result_t** g =
          rd_kafka_AlterConsumerGroupOffsets_result_groups(rd_kafka_event_AlterConsumerGroupOffsets_result(ev), &n);
      Set(out, "groups", GroupOffsets(g, n));
      break;
    }
    case RD_KAFKA_EVENT_DESCRIBETOPICS_RESULT: {
      size_t n = 0;
      const rd_kafka_TopicDescription_t** ts = rd_kafka_DescribeTopics_result_topics(rd_kafka_event_DescribeTopics_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) {
        const rd_kafka_TopicDescription_t* t = ts[i];
        Value o = Obj();
        Set(o, "topic", Str(rd_kafka_TopicDescription_name(t)));
        Set(o, "error", Err(rd_kafka_TopicDescription_error(t)));
        Set(o, "internal", Bool(rd_kafka_TopicDescription_is_internal(t)));
        size_t np = 0;
        const rd_kafka_TopicPartitionInfo_t** ps = rd_kafka_TopicDescription_partitions(t, &np);
        Value parts = Arr();
        for (size_t j = 0; j < np; j++) {
          Value p = Obj();
          Set(p, "partition", Num(rd_kafka_TopicPartitionInfo_partition(ps[j])));
          const rd_kafka_Node_t* leader = rd_kafka_TopicPartitionInfo_leader(ps[j]);
          Set(p, "leader", Num(leader != nullptr ? rd_kafka_Node_id(leader) : -1));
          size_t nr = 0;
          const rd_kafka_Node_t** replicas = rd_kafka_TopicPartitionInfo_replicas(ps[j], &nr);
          Value r = Arr();
          for (size_t k = 0; k < nr; k++) r.arr.push_back(Num(rd_kafka_Node_id(replicas[k])));
          Set(p, "replicas", std::move(r));
          size_t ni = 0;
          const rd_kafka_Node_t** isr = rd_kafka_TopicPartitionInfo_isr(ps[j], &ni);
          Value is = Arr();
          for (size_t k = 0; k < ni; k++) is.arr.push_back(Num(rd_kafka_Node_id(isr[k])));
          Set(p, "isr", std::move(is));
          parts.arr.push_back(std::move(p));
        }
        Set(o, "partitions", std::move(parts));
        size_t nops = 0;
        const rd_kafka_AclOperation_t* ops = rd_kafka_TopicDescription_authorized_operations(t, &nops);
        Set(o, "authorizedOperations", Operations(ops, nops));
        a.arr.push_back(std::move(o));
      }
      Set(out, "topics", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_LISTOFFSETS_RESULT: {
      size_t n = 0;
      const rd_kafka_ListOffsetsResultInfo_t** infos = rd_kafka_ListOffsets_result_infos(rd_kafka_event_ListOffsets_result(ev), &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) {
        const rd_kafka_topic_partition_t* tp = rd_kafka_ListOffsetsResultInfo_topic_partition(infos[i]);
        Value o = Obj();
        Set(o, "topic", Str(tp->topic));
        Set(o, "partition", Num(tp->partition));
        Set(o, "offset", Num(static_cast<double>(tp->offset)));
        Set(o, "timestamp", Num(static_cast<double>(rd_kafka_ListOffsetsResultInfo_timestamp(infos[i]))));
        Set(o, "error", Err(tp->err, nullptr));
        a.arr.push_back(std::move(o));
      }
      Set(out, "results", std::move(a));
      break;
    }
    case RD_KAFKA_EVENT_DESCRIBECLUSTER_RESULT: {
      const rd_kafka_DescribeCluster_result_t* res = rd_kafka_event_DescribeCluster_result(ev);
      if (res == nullptr) break;
      Set(out, "clusterId", Str(rd_kafka_DescribeCluster_result_cluster_id(res)));
      Set(out, "controller", NodeValue(rd_kafka_DescribeCluster_result_controller(res)));
      size_t n = 0;
      const rd_kafka_Node_t** nodes = rd_kafka_DescribeCluster_result_nodes(res, &n);
      Value a = Arr();
      for (size_t i = 0; i < n; i++) a.arr.push_back(NodeValue(nodes[i]));
      Set(out, "nodes", std::move(a));
      size_t nops = 0;
      const rd_kafka_AclOperation_t* ops = rd_kafka_DescribeCluster_result_authorized_operations(res, &nops);
      Set(out, "authorizedOperations", Operations(ops, nops));
      break;
    }
    default:
      break;
  }
  return out;
}

napi_value ToJs(napi_env env, const Value& v) {
  napi_value out = nullptr;
  switch (v.kind) {
    case Value::Kind::Null:
      napi_get_null(env, &out);
      break;
    case Value::Kind::Bool:
      napi_get_boolean(env, v.b, &out);
      break;
    case Value::Kind::Num:
      napi_create_double(env, v.n, &out);
      break;
    case Value::Kind::Str:
      napi_create_string_utf8(env, v.s.data(), v.s.size(), &out);
      break;
    case Value::Kind::Arr:
      napi_create_array_with_length(env, v.arr.size(), &out);
      for (size_t i = 0; i < v.arr.size(); i++) napi_set_element(env, out, static_cast<uint32_t>(i), ToJs(env, v.arr[i]));
      break;
    case Value::Kind::Obj:
      napi_create_object(env, &out);
      for (const auto& kv : v.obj) napi_set_named_property(env, out, kv.first.c_str(), ToJs(env, kv.second));
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Errors and arguments

Napi::Error CodedError(Napi::Env env, const std::string& message, const char* code) {
  Napi::Error err = Napi::Error::New(env, message);
  err.Set("code", Napi::String::New(env, code));
  return err;
}

Napi::Error ArgErr(Napi::Env env, const std::string& message) {
  Napi::Error err = Napi::TypeError::New(env, message);
  err.Set("code", Napi::String::New(env, "ERR_INVALID_ARGUMENT"));
  return err;
}

int TimeoutArg(const Napi::CallbackInfo& info, size_t i) {
  if (info.Length() <= i || !info[i].IsNumber()) return 30000;
  double d = info[i].As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || d < 1) return 30000;
  return d > INT_MAX ? INT_MAX : static_cast<int>(d);
}

std::string StrProp(Napi::Env env, Napi::Object o, const char* key, const std::string& where) {
  Napi::Value v = o.Get(key);
  if (!v.IsString()) throw ArgErr(env, where + "." + key + " must be a string");
  return v.As<Napi::String>();
}

/** A nullable string property: `present` false for null/undefined. */
std::string OptStrProp(Napi::Env env, Napi::Object o, const char* key, const std::string& where, bool& present) {
  Napi::Value v = o.Get(key);
  present = !(v.IsNull() || v.IsUndefined());
  if (!present) return std::string();
  if (!v.IsString()) throw ArgErr(env, where + "." + key + " must be a string or null");
  return v.As<Napi::String>();
}

int IntProp(Napi::Env env, Napi::Object o, const char* key, const std::string& where) {
  Napi::Value v = o.Get(key);
  if (!v.IsNumber()) throw ArgErr(env, where + "." + key + " must be a number");
  return v.As<Napi::Number>().Int32Value();
}

Napi::Array ArrayArg(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (info.Length() <= i || !info[i].IsArray()) throw ArgErr(info.Env(), std::string(what) + " must be an array");
  return info[i].As<Napi::Array>();
}

std::vector<std::string> StringArray(Napi::Env env, Napi::Array a, const char* what) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < a.Length(); i++) {
    Napi::Value v = a.Get(i);
    if (!v.IsString()) throw ArgErr(env, std::string(what) + "[" + std::to_string(i) + "] must be a string");
    out.push_back(v.As<Napi::String>());
  }
  return out;
}

/** An ACL binding (or filter, where strings may be null) read from JS. */
rd_kafka_AclBinding_t* ReadBinding(Napi::Env env, Napi::Value item, const std::string& where, bool filter) {
  if (!item.IsObject()) throw ArgErr(env, where + " must be an object");
  Napi::Object o = item.As<Napi::Object>();
  bool hasName = true, hasPrincipal = true, hasHost = true;
  std::string name, principal, host;
  if (filter) {
    name = OptStrProp(env, o, "name", where, hasName);
    principal = OptStrProp(env, o, "principal", where, hasPrincipal);
    host = OptStrProp(env, o, "host", where, hasHost);
  } else {
    name = StrProp(env, o, "name", where);
    principal = StrProp(env, o, "principal", where);
    host = StrProp(env, o, "host", where);
  }
  auto restype = static_cast<rd_kafka_ResourceType_t>(IntProp(env, o, "resourceType", where));
  auto pattern = static_cast<rd_kafka_ResourcePatternType_t>(IntProp(env, o, "patternType", where));
  auto op = static_cast<rd_kafka_AclOperation_t>(IntProp(env, o, "operation", where));
  auto perm = static_cast<rd_kafka_AclPermissionType_t>(IntProp(env, o, "permissionType", where));
  char errstr[512] = "";
  rd_kafka_AclBinding_t* b =
      filter ? rd_kafka_AclBindingFilter_new(restype, hasName ? name.c_str() : nullptr, pattern,
                                             hasPrincipal ? principal.c_str() : nullptr, hasHost ? host.c_str() : nullptr,
                                             op, perm, errstr, sizeof errstr)
             : rd_kafka_AclBinding_new(restype, name.c_str(), pattern, principal.c_str(), host.c_str(), op, perm, errstr,
                                       sizeof errstr);
  if (b == nullptr) throw ArgErr(env, where + ": " + errstr);
  return b;
}

/** Owns an array of librdkafka objects until the request is issued. */
template <typename T, void (*Destroy)(T*)>
struct Owned {
  std::vector<T*> items;
  ~Owned() {
    for (T* t : items) Destroy(t);
  }
};

}  // namespace

// ---------------------------------------------------------------------------
// Hub: the thread-safe function's context

struct Admin::Hub {
  napi_threadsafe_function tsfn = nullptr;
  napi_async_context asyncContext = nullptr;
  Napi::ObjectReference resource;
  Napi::FunctionReference onEvent;
  Admin* owner = nullptr;
  std::unordered_map<uint64_t, napi_deferred> pending;
  uint64_t nextId = 1;
  bool refed = false;
  bool released = false;
  bool teardown = false;
};

namespace {

/** What the background thread hands to the JS thread. */
struct Item {
  uint64_t id = 0;         // request id; 0 for a client event
  std::string event;       // client event type when id == 0
  Value value;
};

void Unrefed(napi_env env, Admin::Hub* hub) {
  if (hub->pending.empty() && hub->refed && !hub->released) {
    napi_unref_threadsafe_function(env, hub->tsfn);
    hub->refed = false;
  }
}

void CallJs(napi_env env, napi_value, void* context, void* data) {
  std::unique_ptr<Item> item(static_cast<Item*>(data));
  auto* hub = static_cast<Admin::Hub*>(context);
  if (env == nullptr || hub->teardown) return;
  Napi::HandleScope scope(env);
  napi_callback_scope cbScope = nullptr;
  napi_open_callback_scope(env, hub->resource.Value(), hub->asyncContext, &cbScope);
  if (item->id == 0) {
    if (hub->owner != nullptr && !hub->onEvent.IsEmpty()) {
      napi_value args[2];
      napi_create_string_utf8(env, item->event.data(), item->event.size(), &args[0]);
      args[1] = ToJs(env, item->value);
      napi_value global;
      napi_get_global(env, &global);
      napi_value result;
      if (napi_call_function(env, global, hub->onEvent.Value(), 2, args, &result) == napi_pending_exception) {
        napi_value exc;
        napi_get_and_clear_last_exception(env, &exc);
        napi_fatal_exception(env, exc);
      }
    }
  } else {
    auto it = hub->pending.find(item->id);
    if (it != hub->pending.end()) {
      napi_deferred d = it->second;
      hub->pending.erase(it);
      napi_resolve_deferred(env, d, ToJs(env, item->value));
      Unrefed(env, hub);
      if (hub->pending.empty() && hub->owner != nullptr) {
        hub->owner->Idle();
        hub->owner->StartClose(Napi::Env(env));
      }
    }
  }
  napi_close_callback_scope(env, cbScope);
}

void FinalizeHub(napi_env env, void* data, void*) {
  auto* hub = static_cast<Admin::Hub*>(data);
  if (env != nullptr && !hub->teardown && !hub->pending.empty()) {
    Napi::HandleScope scope(env);
    for (auto& entry : hub->pending) {
      Napi::Error err = CodedError(Napi::Env(env), "the admin client was closed before the broker answered", "ERR_STATE");
      napi_reject_deferred(env, entry.second, err.Value());
    }
  }
  hub->pending.clear();
  if (hub->asyncContext != nullptr && env != nullptr) napi_async_destroy(env, hub->asyncContext);
  delete hub;
}

}  // namespace

// ---------------------------------------------------------------------------
// Close

class AdminCloseWorker final : public Napi::AsyncWorker {
 public:
  AdminCloseWorker(Napi::Env env, Admin* admin, Napi::Object self, rd_kafka_t* rk, rd_kafka_queue_t* bgq,
                   Napi::Promise::Deferred deferred)
      : Napi::AsyncWorker(env, "simple-kafka:admin-close"),
        deferred_(deferred),
        admin_(admin),
        self_(Napi::Persistent(self)),
        rk_(rk),
        bgq_(bgq) {}
  Napi::Promise Promise() const { return deferred_.Promise(); }
  void Execute() override {
    rd_kafka_queue_destroy(bgq_);
    rd_kafka_destroy(rk_);
    admin_->destroyed_ = true;
  }
  void OnOK() override {
    admin_->Forget();
    admin_->closeSelf_.Reset();
    deferred_.Resolve(Env().Undefined());
  }

 private:
  Napi::Promise::Deferred deferred_;
  Admin* admin_;
  Napi::ObjectReference self_;
  rd_kafka_t* rk_;
  rd_kafka_queue_t* bgq_;
};

// ---------------------------------------------------------------------------
// Admin

Napi::Function Admin::Init(Napi::Env env) {
  return DefineClass(env, "Admin",
                     {
                         InstanceMethod<&Admin::CreateTopics>("createTopics"),
                         InstanceMethod<&Admin::DeleteTopics>("deleteTopics"),
                         InstanceMethod<&Admin::CreatePartitions>("createPartitions"),
                         InstanceMethod<&Admin::ListGroups>("listGroups"),
                         InstanceMethod<&Admin::DescribeGroups>("describeGroups"),
                         InstanceMethod<&Admin::DeleteGroups>("deleteGroups"),
                         InstanceMethod<&Admin::DescribeConfigs>("describeConfigs"),
                         InstanceMethod<&Admin::IncrementalAlterConfigs>("incrementalAlterConfigs"),
                         InstanceMethod<&Admin::CreateAcls>("createAcls"),
                         InstanceMethod<&Admin::DescribeAcls>("describeAcls"),
                         InstanceMethod<&Admin::DeleteAcls>("deleteAcls"),
                         InstanceMethod<&Admin::DescribeCluster>("describeCluster"),
                         InstanceMethod<&Admin::DescribeTopics>("describeTopics"),
                         InstanceMethod<&Admin::ListOffsets>("listOffsets"),
                         InstanceMethod<&Admin::ListGroupOffsets>("listGroupOffsets"),
                         InstanceMethod<&Admin::AlterGroupOffsets>("alterGroupOffsets"),
                         InstanceMethod<&Admin::Close>("close"),
                         InstanceMethod<&Admin::SetOAuthToken>("setOAuthToken"),
                         InstanceMethod<&Admin::SetOAuthTokenFailure>("setOAuthTokenFailure"),
                         InstanceMethod<&Admin::InFlight>("inFlight"),
                     });
}

// new Admin(config: Record<string, string>, onEvent(type: 'error' | 'oauthbearer-token-refresh', payload),
//           events: {oauth: boolean})
Admin::Admin(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Admin>(info), env_(info.Env()) {
  Napi::Env env = info.Env();
  if (info.Length() < 3 || !info[0].IsObject() || !info[1].IsFunction() || !info[2].IsObject()) {
    throw ArgErr(env, "new Admin(config: object, onEvent: function, events: object)");
  }
  Napi::Object config = info[0].As<Napi::Object>();
  bool wantOAuth = info[2].As<Napi::Object>().Get("oauth").ToBoolean();

  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char errstr[512];
  Napi::Array issues = Napi::Array::New(env);
  Napi::Array keys = config.GetPropertyNames();
  for (uint32_t i = 0; i < keys.Length(); i++) {
    std::string key = keys.Get(i).ToString();
    Napi::Value v = config.Get(key);
    std::string message;
    if (!v.IsString()) {
      message = "must be a string";
    } else if (rd_kafka_conf_set(conf, key.c_str(), v.As<Napi::String>().Utf8Value().c_str(), errstr, sizeof errstr) !=
               RD_KAFKA_CONF_OK) {
      message = errstr;
    } else {
      continue;
    }
    Napi::Object issue = Napi::Object::New(env);
    issue.Set("path", key);
    issue.Set("message", message);
    issues.Set(issues.Length(), issue);
  }
  if (issues.Length() > 0) {
    rd_kafka_conf_destroy(conf);
    Napi::Error err = CodedError(env, "invalid admin configuration", "ERR_CONFIG");
    err.Set("issues", issues);
    throw err;
  }

  hub_ = new Hub();
  hub_->owner = this;
  hub_->onEvent = Napi::Persistent(info[1].As<Napi::Function>());
  Napi::Object resource = Napi::Object::New(env);
  hub_->resource = Napi::Persistent(resource);
  napi_async_init(env, resource, Napi::String::New(env, "simple-kafka:admin"), &hub_->asyncContext);
  napi_status st = napi_create_threadsafe_function(env, nullptr, nullptr, Napi::String::New(env, "simple-kafka:admin"),
                                                   0, 1, hub_, FinalizeHub, hub_, CallJs, &hub_->tsfn);
  if (st != napi_ok) {
    rd_kafka_conf_destroy(conf);
    napi_async_destroy(env, hub_->asyncContext);
    delete hub_;
    hub_ = nullptr;
    throw CodedError(env, "cannot create the admin client's result channel", "ERR_NATIVE");
  }
  napi_unref_threadsafe_function(env, hub_->tsfn);

  rd_kafka_conf_set_events(conf, RD_KAFKA_EVENT_ERROR);
  if (wantOAuth) {
    // Token refreshes are asked for on librdkafka's background thread (nobody polls this
    // handle) and answered from JS with setOAuthToken().
    rd_kafka_conf_enable_sasl_queue(conf, 1);
    rd_kafka_conf_set_oauthbearer_token_refresh_cb(conf, OnTokenRefresh);
  }
  rd_kafka_conf_set_background_event_cb(conf, OnBackground);
  rd_kafka_conf_set_opaque(conf, hub_);

  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof errstr);
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    Forget();
    Napi::Error err = CodedError(env, std::string("cannot create the admin client: ") + errstr, "ERR_CONFIG");
    Napi::Object issue = Napi::Object::New(env);
    issue.Set("path", "");
    issue.Set("message", std::string(errstr));
    Napi::Array arr = Napi::Array::New(env, 1);
    arr.Set(0u, issue);
    err.Set("issues", arr);
    throw err;
  }
  rk_ = rk;
  if (wantOAuth) {
    rd_kafka_error_t* e = rd_kafka_sasl_background_callbacks_enable(rk_);
    if (e != nullptr) rd_kafka_error_destroy(e);  // only fails without SASL, where no refresh is asked
  }
  bgq_ = rd_kafka_queue_get_background(rk_);
  // Client-level events (errors, token refresh) are served by the background thread too.
  rd_kafka_queue_t* mainq = rd_kafka_queue_get_main(rk_);
  rd_kafka_queue_forward(mainq, bgq_);
  rd_kafka_queue_destroy(mainq);

  state_ = GetState(env);
  state_->liveAdmins.insert(this);
  // Registered after the thread-safe function: cleanup hooks run last-in first-out, so this one
  // destroys the handle (and stops the background thread) before that function is torn down.
  napi_add_env_cleanup_hook(env, CleanupHook, this);
  hookAdded_ = true;
}

Admin::~Admin() {
  if (rk_ != nullptr && !destroying_) DestroyNow();
  Forget();
}

void Admin::CleanupHook(void* arg) {
  auto* self = static_cast<Admin*>(arg);
  self->hookAdded_ = false;
  self->Shutdown();
}

void Admin::Shutdown() {
  if (hub_ != nullptr) {
    // Requests that will never be answered. Their promises cannot be settled any more (N-API
    // refuses once the environment is going away), which leaves N-API's 8-byte reference of
    // each behind.
    hub_->teardown = true;
    hub_->pending.clear();
  }
  if (destroying_) {
    // A close worker is destroying the handle: its callbacks must be done before the
    // thread-safe function goes away.
    while (!destroyed_) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  } else if (rk_ != nullptr) {
    DestroyNow();
  }
  Forget();
}

void Admin::DestroyNow() {
  closing_ = true;
  if (rk_ == nullptr) return;
  rd_kafka_queue_t* mainq = rd_kafka_queue_get_main(rk_);
  rd_kafka_queue_forward(mainq, nullptr);
  rd_kafka_queue_destroy(mainq);
  rd_kafka_queue_destroy(bgq_);
  bgq_ = nullptr;
  rd_kafka_destroy(rk_);
  rk_ = nullptr;
  destroyed_ = true;
}

void Admin::Forget() {
  if (hookAdded_) {
    napi_remove_env_cleanup_hook(env_, CleanupHook, this);
    hookAdded_ = false;
  }
  if (state_ != nullptr) {
    state_->liveAdmins.erase(this);
    state_ = nullptr;
  }
  if (hub_ != nullptr) {
    hub_->owner = nullptr;
    if (!hub_->released) {
      hub_->released = true;
      napi_release_threadsafe_function(hub_->tsfn, napi_tsfn_release);
    }
    hub_ = nullptr;  // deleted by its finalizer
  }
}

void Admin::OnBackground(rd_kafka_t*, rd_kafka_event_t* ev, void* opaque) {
  auto* hub = static_cast<Hub*>(opaque);
  auto item = std::make_unique<Item>();
  switch (rd_kafka_event_type(ev)) {
    case RD_KAFKA_EVENT_ERROR: {
      item->event = "error";
      item->value = Obj();
      rd_kafka_resp_err_t code = rd_kafka_event_error(ev);
      Set(item->value, "errno", Num(code));
      Set(item->value, "kafkaName", Str(rd_kafka_err2name(code)));
      Set(item->value, "message", Str(rd_kafka_event_error_string(ev)));
      Set(item->value, "fatal", Bool(rd_kafka_event_error_is_fatal(ev)));
      break;
    }
    case RD_KAFKA_EVENT_OAUTHBEARER_TOKEN_REFRESH:
      item->event = "oauthbearer-token-refresh";
      item->value = Str(rd_kafka_event_config_string(ev));
      if (item->value.kind == Value::Kind::Null) item->value = Str("");
      break;
    case RD_KAFKA_EVENT_CREATETOPICS_RESULT:
    case RD_KAFKA_EVENT_DELETETOPICS_RESULT:
    case RD_KAFKA_EVENT_CREATEPARTITIONS_RESULT:
    case RD_KAFKA_EVENT_LISTCONSUMERGROUPS_RESULT:
    case RD_KAFKA_EVENT_DESCRIBECONSUMERGROUPS_RESULT:
    case RD_KAFKA_EVENT_DELETEGROUPS_RESULT:
    case RD_KAFKA_EVENT_DESCRIBECONFIGS_RESULT:
    case RD_KAFKA_EVENT_INCREMENTALALTERCONFIGS_RESULT:
    case RD_KAFKA_EVENT_CREATEACLS_RESULT:
    case RD_KAFKA_EVENT_DESCRIBEACLS_RESULT:
    case RD_KAFKA_EVENT_DELETEACLS_RESULT:
    case RD_KAFKA_EVENT_DESCRIBECLUSTER_RESULT:
    case RD_KAFKA_EVENT_DESCRIBETOPICS_RESULT:
    case RD_KAFKA_EVENT_LISTOFFSETS_RESULT:
    case RD_KAFKA_EVENT_LISTCONSUMERGROUPOFFSETS_RESULT:
    case RD_KAFKA_EVENT_ALTERCONSUMERGROUPOFFSETS_RESULT:
      item->id = static_cast<uint64_t>(reinterpret_cast<uintptr_t>(rd_kafka_event_opaque(ev)));
      item->value = ResultValue(ev);
      break;
    default:
      rd_kafka_event_destroy(ev);
      return;
  }
  rd_kafka_event_destroy(ev);
  if (item->id == 0 && item->event.empty()) return;
  if (napi_call_threadsafe_function(hub->tsfn, item.get(), napi_tsfn_nonblocking) == napi_ok) item.release();
}

void Admin::OnTokenRefresh(rd_kafka_t*, const char* oauthbearerConfig, void* opaque) {
  auto* hub = static_cast<Hub*>(opaque);
  auto* item = new Item();
  item->event = "oauthbearer-token-refresh";
  item->value = Str(oauthbearerConfig != nullptr ? oauthbearerConfig : "");
  if (napi_call_threadsafe_function(hub->tsfn, item, napi_tsfn_nonblocking) != napi_ok) delete item;
}

rd_kafka_t* Admin::Open(Napi::Env env) {
  if (rk_ == nullptr || closing_) throw CodedError(env, "the admin client is closed", "ERR_STATE");
  return rk_;
}

rd_kafka_AdminOptions_t* Admin::Options(const Napi::CallbackInfo& info, rd_kafka_admin_op_t op, size_t timeoutArg,
                                        Napi::Promise* promise) {
  Napi::Env env = info.Env();
  rd_kafka_AdminOptions_t* options = rd_kafka_AdminOptions_new(rk_, op);
  char errstr[256];
  int timeout = TimeoutArg(info, timeoutArg);
  rd_kafka_AdminOptions_set_request_timeout(options, timeout, errstr, sizeof errstr);
  if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS || op == RD_KAFKA_ADMIN_OP_DELETETOPICS || op == RD_KAFKA_ADMIN_OP_CREATEPARTITIONS) {
    rd_kafka_AdminOptions_set_operation_timeout(options, timeout, errstr, sizeof errstr);
  }
  uint64_t id = hub_->nextId++;
  rd_kafka_AdminOptions_set_opaque(options, reinterpret_cast<void*>(static_cast<uintptr_t>(id)));
  napi_deferred d;
  napi_value p;
  napi_create_promise(env, &d, &p);
  hub_->pending.emplace(id, d);
  // While requests are in flight the object stays alive (it owns the handle they run on).
  if (!held_) {
    held_ = true;
    Ref();
  }
  if (!hub_->refed) {
    napi_ref_threadsafe_function(env, hub_->tsfn);
    hub_->refed = true;
  }
  *promise = Napi::Promise(env, p);
  return options;
}

using OptionsPtr = std::unique_ptr<rd_kafka_AdminOptions_t, void (*)(rd_kafka_AdminOptions_t*)>;

// createTopics(topics: {topic, numPartitions, replicationFactor, config: string[] (k, v, ...)}[],
//              validateOnly: boolean, timeoutMs)
Napi::Value Admin::CreateTopics(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  Napi::Array topics = ArrayArg(info, 0, "topics");
  Owned<rd_kafka_NewTopic_t, rd_kafka_NewTopic_destroy> owned;
  for (uint32_t i = 0; i < topics.Length(); i++) {
    std::string where = "topics[" + std::to_string(i) + "]";
    Napi::Value item = topics.Get(i);
    if (!item.IsObject()) throw ArgErr(env, where + " must be an object");
    Napi::Object o = item.As<Napi::Object>();
    std::string name = StrProp(env, o, "topic", where);
    int partitions = IntProp(env, o, "numPartitions", where);
    int rf = IntProp(env, o, "replicationFactor", where);
    char errstr[512] = "";
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(name.c_str(), partitions, rf, errstr, sizeof errstr);
    if (nt == nullptr) throw ArgErr(env, where + ": " + errstr);
    owned.items.push_back(nt);
    Napi::Value cfg = o.Get("config");
    if (cfg.IsArray()) {
      Napi::Array c = cfg.As<Napi::Array>();
      for (uint32_t j = 0; j + 1 < c.Length(); j += 2) {
        std::string k = c.Get(j).ToString(), v = c.Get(j + 1).ToString();
        rd_kafka_resp_err_t err = rd_kafka_NewTopic_set_config(nt, k.c_str(), v.c_str());
        if (err) throw ArgErr(env, where + ".config." + k + ": " + rd_kafka_err2str(err));
      }
    }
  }
  bool validateOnly = info.Length() > 1 && info[1].ToBoolean();
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_CREATETOPICS, 2, &promise), rd_kafka_AdminOptions_destroy);
  char errstr[256];
  if (validateOnly) rd_kafka_AdminOptions_set_validate_only(options.get(), 1, errstr, sizeof errstr);
  rd_kafka_CreateTopics(rk, owned.items.data(), owned.items.size(), options.get(), bgq_);
  return promise;
}

// deleteTopics(topics: string[], timeoutMs)
Napi::Value Admin::DeleteTopics(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  std::vector<std::string> topics = StringArray(env, ArrayArg(info, 0, "topics"), "topics");
  Owned<rd_kafka_DeleteTopic_t, rd_kafka_DeleteTopic_destroy> owned;
  for (const std::string& t : topics) owned.items.push_back(rd_kafka_DeleteTopic_new(t.c_str()));
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_DELETETOPICS, 1, &promise), rd_kafka_AdminOptions_destroy);
  rd_kafka_DeleteTopics(rk, owned.items.data(), owned.items.size(), options.get(), bgq_);
  return promise;
}

// createPartitions(changes: {topic, count}[], validateOnly: boolean, timeoutMs)
Napi::Value Admin::CreatePartitions(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  Napi::Array changes = ArrayArg(info, 0, "changes");
  Owned<rd_kafka_NewPartitions_t, rd_kafka_NewPartitions_destroy> owned;
  for (uint32_t i = 0; i < changes.Length(); i++) {
    std::string where = "changes[" + std::to_string(i) + "]";
    Napi::Value item = changes.Get(i);
    if (!item.IsObject()) throw ArgErr(env, where + " must be an object");
    Napi::Object o = item.As<Napi::Object>();
    std::string topic = StrProp(env, o, "topic", where);
    int count = IntProp(env, o, "count", where);
    char errstr[512] = "";
    rd_kafka_NewPartitions_t* np = rd_kafka_NewPartitions_new(topic.c_str(), static_cast<size_t>(count < 0 ? 0 : count), errstr, sizeof errstr);
    if (np == nullptr) throw ArgErr(env, where + ": " + errstr);
    owned.items.push_back(np);
  }
  bool validateOnly = info.Length() > 1 && info[1].ToBoolean();
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_CREATEPARTITIONS, 2, &promise), rd_kafka_AdminOptions_destroy);
  char errstr[256];
  if (validateOnly) rd_kafka_AdminOptions_set_validate_only(options.get(), 1, errstr, sizeof errstr);
  rd_kafka_CreatePartitions(rk, owned.items.data(), owned.items.size(), options.get(), bgq_);
  return promise;
}

// listGroups(states: number[] | null, timeoutMs)
Napi::Value Admin::ListGroups(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  std::vector<rd_kafka_consumer_group_state_t> states;
  if (info.Length() > 0 && info[0].IsArray()) {
    Napi::Array a = info[0].As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); i++) {
      if (!a.Get(i).IsNumber()) throw ArgErr(env, "states[" + std::to_string(i) + "] must be a number");
      states.push_back(static_cast<rd_kafka_consumer_group_state_t>(a.Get(i).As<Napi::Number>().Int32Value()));
    }
  }
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPS, 1, &promise), rd_kafka_AdminOptions_destroy);
  if (!states.empty()) {
    rd_kafka_error_t* e = rd_kafka_AdminOptions_set_match_consumer_group_states(options.get(), states.data(), states.size());
    if (e != nullptr) rd_kafka_error_destroy(e);  // only duplicates are refused; JS removes them
  }
  rd_kafka_ListConsumerGroups(rk, options.get(), bgq_);
  return promise;
}

// describeGroups(groups: string[], includeAuthorizedOperations: boolean, timeoutMs)
Napi::Value Admin::DescribeGroups(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  std::vector<std::string> groups = StringArray(env, ArrayArg(info, 0, "groups"), "groups");
  std::vector<const char*> ptrs;
  for (const std::string& g : groups) ptrs.push_back(g.c_str());
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_DESCRIBECONSUMERGROUPS, 2, &promise), rd_kafka_AdminOptions_destroy);
  if (info.Length() > 1 && info[1].ToBoolean()) {
    rd_kafka_error_t* e = rd_kafka_AdminOptions_set_include_authorized_operations(options.get(), 1);
    if (e != nullptr) rd_kafka_error_destroy(e);
  }
  rd_kafka_DescribeConsumerGroups(rk, ptrs.data(), ptrs.size(), options.get(), bgq_);
  return promise;
}

// deleteGroups(groups: string[], timeoutMs)
Napi::Value Admin::DeleteGroups(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  std::vector<std::string> groups = StringArray(env, ArrayArg(info, 0, "groups"), "groups");
  Owned<rd_kafka_DeleteGroup_t, rd_kafka_DeleteGroup_destroy> owned;
  for (const std::string& g : groups) owned.items.push_back(rd_kafka_DeleteGroup_new(g.c_str()));
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_DELETEGROUPS, 1, &promise), rd_kafka_AdminOptions_destroy);
  rd_kafka_DeleteGroups(rk, owned.items.data(), owned.items.size(), options.get(), bgq_);
  return promise;
}

// describeConfigs(resources: {type: number, name: string}[], timeoutMs)
Napi::Value Admin::DescribeConfigs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  Napi::Array resources = ArrayArg(info, 0, "resources");
  Owned<rd_kafka_ConfigResource_t, rd_kafka_ConfigResource_destroy> owned;
  for (uint32_t i = 0; i < resources.Length(); i++) {
    std::string where = "resources[" + std::to_string(i) + "]";
    Napi::Value item = resources.Get(i);
    if (!item.IsObject()) throw ArgErr(env, where + " must be an object");
    Napi::Object o = item.As<Napi::Object>();
    auto type = static_cast<rd_kafka_ResourceType_t>(IntProp(env, o, "type", where));
    std::string name = StrProp(env, o, "name", where);
    owned.items.push_back(rd_kafka_ConfigResource_new(type, name.c_str()));
  }
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, 1, &promise), rd_kafka_AdminOptions_destroy);
  rd_kafka_DescribeConfigs(rk, owned.items.data(), owned.items.size(), options.get(), bgq_);
  return promise;
}

// incrementalAlterConfigs(resources: {type, name, ops: {name, op: number, value: string | null}[]}[],
//                         validateOnly: boolean, timeoutMs)
Napi::Value Admin::IncrementalAlterConfigs(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  Napi::Array resources = ArrayArg(info, 0, "resources");
  Owned<rd_kafka_ConfigResource_t, rd_kafka_ConfigResource_destroy> owned;
  for (uint32_t i = 0; i < resources.Length(); i++) {
    std::string where = "resources[" + std::to_string(i) + "]";
    Napi::Value item = resources.Get(i);
    if (!item.IsObject()) throw ArgErr(env, where + " must be an object");
    Napi::Object o = item.As<Napi::Object>();
    auto type = static_cast<rd_kafka_ResourceType_t>(IntProp(env, o, "type", where));
    std::string name = StrProp(env, o, "name", where);
    rd_kafka_ConfigResource_t* res = rd_kafka_ConfigResource_new(type, name.c_str());
    owned.items.push_back(res);
    Napi::Value opsV = o.Get("ops");
    if (!opsV.IsArray()) throw ArgErr(env, where + ".ops must be an array");
    Napi::Array ops = opsV.As<Napi::Array>();
    for (uint32_t j = 0; j < ops.Length(); j++) {
      std::string w = where + ".ops[" + std::to_string(j) + "]";
      if (!ops.Get(j).IsObject()) throw ArgErr(env, w + " must be an object");
      Napi::Object op = ops.Get(j).As<Napi::Object>();
      std::string key = StrProp(env, op, "name", w);
      auto opType = static_cast<rd_kafka_AlterConfigOpType_t>(IntProp(env, op, "op", w));
      bool hasValue = false;
      std::string value = OptStrProp(env, op, "value", w, hasValue);
      rd_kafka_error_t* e = rd_kafka_ConfigResource_add_incremental_config(res, key.c_str(), opType,
                                                                           hasValue ? value.c_str() : nullptr);
      if (e != nullptr) {
        std::string msg = w + ": " + rd_kafka_error_string(e);
        rd_kafka_error_destroy(e);
        throw ArgErr(env, msg);
      }
    }
  }
  bool validateOnly = info.Length() > 1 && info[1].ToBoolean();
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_INCREMENTALALTERCONFIGS, 2, &promise), rd_kafka_AdminOptions_destroy);
  char errstr[256];
  if (validateOnly) rd_kafka_AdminOptions_set_validate_only(options.get(), 1, errstr, sizeof errstr);
  rd_kafka_IncrementalAlterConfigs(rk, owned.items.data(), owned.items.size(), options.get(), bgq_);
  return promise;
}

// createAcls(bindings: {resourceType, name, patternType, principal, host, operation, permissionType}[], timeoutMs)
Napi::Value Admin::CreateAcls(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  Napi::Array bindings = ArrayArg(info, 0, "bindings");
  Owned<rd_kafka_AclBinding_t, rd_kafka_AclBinding_destroy> owned;
  for (uint32_t i = 0; i < bindings.Length(); i++) {
    owned.items.push_back(ReadBinding(env, bindings.Get(i), "bindings[" + std::to_string(i) + "]", false));
  }
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_CREATEACLS, 1, &promise), rd_kafka_AdminOptions_destroy);
  rd_kafka_CreateAcls(rk, owned.items.data(), owned.items.size(), options.get(), bgq_);
  return promise;
}

// describeAcls(filter, timeoutMs)
Napi::Value Admin::DescribeAcls(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 1) throw ArgErr(env, "describeAcls(filter, timeoutMs)");
  std::unique_ptr<rd_kafka_AclBindingFilter_t, void (*)(rd_kafka_AclBinding_t*)> filter(
      ReadBinding(env, info[0], "filter", true), rd_kafka_AclBinding_destroy);
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_DESCRIBEACLS, 1, &promise), rd_kafka_AdminOptions_destroy);
  rd_kafka_DescribeAcls(rk, filter.get(), options.get(), bgq_);
  return promise;
}

// deleteAcls(filters[], timeoutMs)
Napi::Value Admin::DeleteAcls(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  Napi::Array filters = ArrayArg(info, 0, "filters");
  Owned<rd_kafka_AclBinding_t, rd_kafka_AclBinding_destroy> owned;
  for (uint32_t i = 0; i < filters.Length(); i++) {
    owned.items.push_back(ReadBinding(env, filters.Get(i), "filters[" + std::to_string(i) + "]", true));
  }
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_DELETEACLS, 1, &promise), rd_kafka_AdminOptions_destroy);
  rd_kafka_DeleteAcls(rk, owned.items.data(), owned.items.size(), options.get(), bgq_);
  return promise;
}

// describeCluster(includeAuthorizedOperations: boolean, timeoutMs)
Napi::Value Admin::DescribeCluster(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_DESCRIBECLUSTER, 1, &promise), rd_kafka_AdminOptions_destroy);
  if (info.Length() > 0 && info[0].ToBoolean()) {
    rd_kafka_error_t* e = rd_kafka_AdminOptions_set_include_authorized_operations(options.get(), 1);
    if (e != nullptr) rd_kafka_error_destroy(e);
  }
  rd_kafka_DescribeCluster(rk, options.get(), bgq_);
  return promise;
}

// describeTopics(topics: string[], includeAuthorizedOperations: boolean, timeoutMs)
Napi::Value Admin::DescribeTopics(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  std::vector<std::string> topics = StringArray(env, ArrayArg(info, 0, "topics"), "topics");
  std::vector<const char*> ptrs;
  for (const std::string& t : topics) ptrs.push_back(t.c_str());
  std::unique_ptr<rd_kafka_TopicCollection_t, void (*)(rd_kafka_TopicCollection_t*)> collection(
      rd_kafka_TopicCollection_of_topic_names(ptrs.data(), ptrs.size()), rd_kafka_TopicCollection_destroy);
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_DESCRIBETOPICS, 2, &promise), rd_kafka_AdminOptions_destroy);
  if (info.Length() > 1 && info[1].ToBoolean()) {
    rd_kafka_error_t* e = rd_kafka_AdminOptions_set_include_authorized_operations(options.get(), 1);
    if (e != nullptr) rd_kafka_error_destroy(e);
  }
  rd_kafka_DescribeTopics(rk, collection.get(), options.get(), bgq_);
  return promise;
}

// listOffsets(requests: {topic, partition, offset}[] (offset: -2 earliest, -1 latest, -3 max
//             timestamp, else a timestamp), isolationLevel: 0 | 1, timeoutMs)
Napi::Value Admin::ListOffsets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  Napi::Array requests = ArrayArg(info, 0, "requests");
  std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t*)> list(
      rd_kafka_topic_partition_list_new(static_cast<int>(requests.Length())), rd_kafka_topic_partition_list_destroy);
  for (uint32_t i = 0; i < requests.Length(); i++) {
    std::string where = "requests[" + std::to_string(i) + "]";
    Napi::Value item = requests.Get(i);
    if (!item.IsObject()) throw ArgErr(env, where + " must be an object");
    Napi::Object o = item.As<Napi::Object>();
    std::string topic = StrProp(env, o, "topic", where);
    int partition = IntProp(env, o, "partition", where);
    Napi::Value off = o.Get("offset");
    if (!off.IsNumber()) throw ArgErr(env, where + ".offset must be a number");
    rd_kafka_topic_partition_t* tp = rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
    tp->offset = off.As<Napi::Number>().Int64Value();
  }
  int isolation = info.Length() > 1 && info[1].IsNumber() ? info[1].As<Napi::Number>().Int32Value() : 0;
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_LISTOFFSETS, 2, &promise), rd_kafka_AdminOptions_destroy);
  rd_kafka_error_t* e = rd_kafka_AdminOptions_set_isolation_level(
      options.get(), isolation == 1 ? RD_KAFKA_ISOLATION_LEVEL_READ_COMMITTED : RD_KAFKA_ISOLATION_LEVEL_READ_UNCOMMITTED);
  if (e != nullptr) rd_kafka_error_destroy(e);
  rd_kafka_ListOffsets(rk, list.get(), options.get(), bgq_);
  return promise;
}

namespace {

using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t*)>;

/** {topic, partition, offset?}[] as a partition list (offsets only with `withOffsets`). */
PartitionList ReadPartitions(Napi::Env env, Napi::Array a, const char* what, bool withOffsets) {
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(a.Length())), rd_kafka_topic_partition_list_destroy);
  for (uint32_t i = 0; i < a.Length(); i++) {
    std::string where = std::string(what) + "[" + std::to_string(i) + "]";
    Napi::Value item = a.Get(i);
    if (!item.IsObject()) throw ArgErr(env, where + " must be an object");
    Napi::Object o = item.As<Napi::Object>();
    std::string topic = StrProp(env, o, "topic", where);
    rd_kafka_topic_partition_t* tp = rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), IntProp(env, o, "partition", where));
    if (withOffsets) {
      Napi::Value off = o.Get("offset");
      if (!off.IsNumber()) throw ArgErr(env, where + ".offset must be a number");
      tp->offset = off.As<Napi::Number>().Int64Value();
    }
  }
  return list;
}

}  // namespace

// listGroupOffsets(groupId, partitions: {topic, partition}[] | null, requireStable: boolean, timeoutMs)
Napi::Value Admin::ListGroupOffsets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 1 || !info[0].IsString()) throw ArgErr(env, "groupId must be a string");
  std::string group = info[0].As<Napi::String>();
  PartitionList parts(nullptr, rd_kafka_topic_partition_list_destroy);
  if (info.Length() > 1 && info[1].IsArray()) parts = ReadPartitions(env, info[1].As<Napi::Array>(), "partitions", false);
  std::unique_ptr<rd_kafka_ListConsumerGroupOffsets_t, void (*)(rd_kafka_ListConsumerGroupOffsets_t*)> req(
      rd_kafka_ListConsumerGroupOffsets_new(group.c_str(), parts.get()), rd_kafka_ListConsumerGroupOffsets_destroy);
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_LISTCONSUMERGROUPOFFSETS, 3, &promise), rd_kafka_AdminOptions_destroy);
  if (info.Length() > 2 && info[2].ToBoolean()) {
    rd_kafka_error_t* e = rd_kafka_AdminOptions_set_require_stable_offsets(options.get(), 1);
    if (e != nullptr) rd_kafka_error_destroy(e);
  }
  rd_kafka_ListConsumerGroupOffsets_t* arr[] = {req.get()};
  rd_kafka_ListConsumerGroupOffsets(rk, arr, 1, options.get(), bgq_);
  return promise;
}

// alterGroupOffsets(groupId, offsets: {topic, partition, offset}[], timeoutMs)
Napi::Value Admin::AlterGroupOffsets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  if (info.Length() < 1 || !info[0].IsString()) throw ArgErr(env, "groupId must be a string");
  std::string group = info[0].As<Napi::String>();
  PartitionList parts = ReadPartitions(env, ArrayArg(info, 1, "offsets"), "offsets", true);
  std::unique_ptr<rd_kafka_AlterConsumerGroupOffsets_t, void (*)(rd_kafka_AlterConsumerGroupOffsets_t*)> req(
      rd_kafka_AlterConsumerGroupOffsets_new(group.c_str(), parts.get()), rd_kafka_AlterConsumerGroupOffsets_destroy);
  Napi::Promise promise(env, nullptr);
  OptionsPtr options(Options(info, RD_KAFKA_ADMIN_OP_ALTERCONSUMERGROUPOFFSETS, 2, &promise), rd_kafka_AdminOptions_destroy);
  rd_kafka_AlterConsumerGroupOffsets_t* arr[] = {req.get()};
  rd_kafka_AlterConsumerGroupOffsets(rk, arr, 1, options.get(), bgq_);
  return promise;
}

Napi::Value Admin::Close(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (closeDeferred_ != nullptr) return closeDeferred_->Promise();  // closing: the same promise
  if (rk_ == nullptr) {
    Napi::Promise::Deferred d = Napi::Promise::Deferred::New(env);
    d.Resolve(env.Undefined());
    return d.Promise();
  }
  closing_ = true;
  closeDeferred_ = std::make_unique<Napi::Promise::Deferred>(Napi::Promise::Deferred::New(env));
  // Kept alive until the handle is destroyed.
  closeSelf_ = Napi::Persistent(info.This().As<Napi::Object>());
  Napi::Promise promise = closeDeferred_->Promise();
  // Requests in flight get their answers first: the handle goes when the last one settled.
  if (hub_ == nullptr || hub_->pending.empty()) StartClose(env);
  return promise;
}

void Admin::Idle() {
  if (held_) {
    held_ = false;
    Unref();
  }
}

void Admin::StartClose(Napi::Env env) {
  if (!closing_ || destroying_ || rk_ == nullptr || closeDeferred_ == nullptr) return;
  destroying_ = true;
  rd_kafka_queue_t* mainq = rd_kafka_queue_get_main(rk_);
  rd_kafka_queue_forward(mainq, nullptr);
  rd_kafka_queue_destroy(mainq);
  rd_kafka_t* rk = rk_;
  rd_kafka_queue_t* bgq = bgq_;
  rk_ = nullptr;
  bgq_ = nullptr;
  auto* w = new AdminCloseWorker(env, this, closeSelf_.Value(), rk, bgq, *closeDeferred_);
  w->Queue();
}

Napi::Value Admin::InFlight(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), hub_ != nullptr ? static_cast<double>(hub_->pending.size()) : 0);
}

// setOAuthToken(token, lifetimeMs (absolute epoch ms), principal, extensions: string[] (k, v, ...))
Napi::Value Admin::SetOAuthToken(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  rd_kafka_resp_err_t err;
  std::string errstr;
  if (!SetOAuthTokenFromArgs(info, rk, &err, &errstr)) throw ArgErr(env, kSetOAuthTokenUsage);
  if (err) {
    Napi::Error e = CodedError(env, "setOAuthToken: " + errstr, "ERR_KAFKA");
    e.Set("errno", Napi::Number::New(env, err));
    throw e;
  }
  return env.Undefined();
}

Napi::Value Admin::SetOAuthTokenFailure(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  rd_kafka_t* rk = Open(env);
  std::string reason = info.Length() > 0 ? info[0].ToString().Utf8Value() : "token refresh failed";
  rd_kafka_oauthbearer_set_token_failure(rk, reason.c_str());
  return env.Undefined();
}

}  // namespace sk
