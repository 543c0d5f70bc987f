// OAUTHBEARER: the setOAuthToken(...) arguments every client handle takes, handed to librdkafka.
#ifndef SIMPLE_KAFKA_OAUTH_H_
#define SIMPLE_KAFKA_OAUTH_H_

#include <napi.h>
#include <librdkafka/rdkafka.h>

#include <string>
#include <vector>

namespace sk {

/** The usage line of setOAuthToken, for argument errors. */
constexpr const char* kSetOAuthTokenUsage =
    "setOAuthToken(token: string, lifetimeMs: number, principal: string, extensions?: string[])";

/**
 * setOAuthToken(token, lifetimeMs (absolute epoch ms), principal, extensions?: string[] (k, v, ...)):
 * reads the arguments and calls rd_kafka_oauthbearer_set_token on `rk`.
 *
 * @returns false when the arguments do not have that shape (nothing was set; the caller throws
 *   its argument error with kSetOAuthTokenUsage); true otherwise, with librdkafka's result in
 *   `err` and its text in `errstr`.
 */
inline bool SetOAuthTokenFromArgs(const Napi::CallbackInfo& info, rd_kafka_t* rk, rd_kafka_resp_err_t* err,
                                  std::string* errstr) {
  if (info.Length() < 3 || !info[0].IsString() || !info[1].IsNumber() || !info[2].IsString()) return false;
  std::string token = info[0].As<Napi::String>();
  int64_t lifetime = info[1].As<Napi::Number>().Int64Value();
  std::string principal = info[2].As<Napi::String>();
  std::vector<std::string> ext;
  if (info.Length() > 3 && info[3].IsArray()) {
    Napi::Array a = info[3].As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); i++) ext.push_back(a.Get(i).ToString());
  }
  std::vector<const char*> extp;
  for (const std::string& s : ext) extp.push_back(s.c_str());
  char buf[512] = "";
  *err = rd_kafka_oauthbearer_set_token(rk, token.c_str(), lifetime, principal.c_str(),
                                        extp.empty() ? nullptr : extp.data(), extp.size(), buf, sizeof buf);
  *errstr = buf;
  return true;
}

}  // namespace sk

#endif  // SIMPLE_KAFKA_OAUTH_H_
