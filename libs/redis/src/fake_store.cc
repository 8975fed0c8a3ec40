#include "fake_store.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace opsreport::redis::internal {
namespace {

Reply Ok() { return Reply::MakeStatus("OK"); }
Reply Error(std::string text) { return Reply::MakeError(std::move(text)); }

std::string Lower(std::string s) {
  absl::AsciiStrToLower(&s);
  return s;
}

}  // namespace

std::string Upper(std::string s) {
  absl::AsciiStrToUpper(&s);
  return s;
}

std::optional<int64_t> ParseInt64(const std::string& s) {
  int64_t v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  // Canonical form only: rejects "007", "-0", "+1".
  if (std::to_string(v) != s) return std::nullopt;
  return v;
}

std::optional<double> ParseScore(const std::string& s) {
  if (s.empty() || std::isspace(static_cast<unsigned char>(s.front()))) return std::nullopt;
  std::string lower = Lower(s);
  if (lower == "inf" || lower == "+inf") return std::numeric_limits<double>::infinity();
  if (lower == "-inf") return -std::numeric_limits<double>::infinity();
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || std::isnan(v)) return std::nullopt;
  return v;
}

std::string FormatScore(double score) {
  if (std::isinf(score)) return score > 0 ? "inf" : "-inf";
  char buf[64];
  snprintf(buf, sizeof(buf), "%.17g", score);
  return buf;
}

bool AddOverflows(int64_t a, int64_t b) {
  int64_t out;
  return __builtin_add_overflow(a, b, &out);
}

const std::map<std::string, FakeStore::Spec>& FakeStore::Commands() {
  static const auto* commands = new std::map<std::string, Spec>{
      {"PING", {-1, &FakeStore::Ping}},
      {"FLUSHALL", {-1, &FakeStore::FlushAll}},
      {"FLUSHDB", {-1, &FakeStore::FlushAll}},
      {"TYPE", {2, &FakeStore::Type}},
      {"DEL", {-2, &FakeStore::Del}},
      {"EXISTS", {-2, &FakeStore::Exists}},
      {"EXPIRE", {-3, &FakeStore::Expire}},
      {"PEXPIRE", {-3, &FakeStore::Expire}},
      {"GET", {2, &FakeStore::Get}},
      {"SET", {-3, &FakeStore::Set}},
      {"SETNX", {3, &FakeStore::SetNx}},
      {"MGET", {-2, &FakeStore::MGet}},
      {"INCR", {2, &FakeStore::Incr}},
      {"INCRBY", {3, &FakeStore::IncrBy}},
      {"HSET", {-4, &FakeStore::HSet}},
      {"HGET", {3, &FakeStore::HGet}},
      {"HMGET", {-3, &FakeStore::HMGet}},
      {"HGETALL", {2, &FakeStore::HGetAll}},
      {"HDEL", {-3, &FakeStore::HDel}},
      {"HLEN", {2, &FakeStore::HLen}},
      {"HINCRBY", {4, &FakeStore::HIncrBy}},
      {"SADD", {-3, &FakeStore::SAdd}},
      {"SREM", {-3, &FakeStore::SRem}},
      {"SMEMBERS", {2, &FakeStore::SMembers}},
      {"SISMEMBER", {3, &FakeStore::SIsMember}},
      {"SCARD", {2, &FakeStore::SCard}},
      {"ZADD", {-4, &FakeStore::ZAdd}},
      {"ZREM", {-3, &FakeStore::ZRem}},
      {"ZRANGEBYSCORE", {-4, &FakeStore::ZRangeByScore}},
      {"ZSCORE", {3, &FakeStore::ZScore}},
      {"ZCARD", {2, &FakeStore::ZCard}},
      {"RPUSH", {-3, &FakeStore::RPush}},
      {"LRANGE", {4, &FakeStore::LRange}},
      {"LLEN", {2, &FakeStore::LLen}},
  };
  return *commands;
}

std::optional<std::string> FakeStore::Check(const Args& args) const {
  if (args.empty()) return std::string("ERR empty command");
  auto it = Commands().find(Upper(args[0]));
  if (it == Commands().end()) {
    return absl::StrCat("ERR unknown command '", args[0], "' (FakeClient supports a subset)");
  }
  int arity = it->second.arity;
  int n = static_cast<int>(args.size());
  if ((arity > 0 && n != arity) || (arity < 0 && n < -arity)) {
    return absl::StrCat("ERR wrong number of arguments for '", Lower(args[0]), "' command");
  }
  return std::nullopt;
}

Reply FakeStore::Execute(const Args& args) {
  if (auto error = Check(args)) return Error(*error);
  return (this->*Commands().at(Upper(args[0])).run)(args);
}

std::vector<std::string> FakeStore::Keys() const {
  std::vector<std::string> keys;
  for (const auto& [key, value] : data_) keys.push_back(key);
  return keys;
}

Reply FakeStore::Ping(const Args& a) {
  if (a.size() > 2) return Error("ERR wrong number of arguments for 'ping' command");
  return a.size() == 2 ? Reply::MakeString(a[1]) : Reply::MakeStatus("PONG");
}

Reply FakeStore::FlushAll(const Args& a) {
  data_.clear();
  return Ok();
}

Reply FakeStore::Type(const Args& a) {
  auto it = data_.find(a[1]);
  if (it == data_.end()) return Reply::MakeStatus("none");
  static constexpr const char* kNames[] = {"string", "hash", "set", "zset", "list"};
  return Reply::MakeStatus(kNames[it->second.index()]);
}

Reply FakeStore::Del(const Args& a) {
  int64_t n = 0;
  for (size_t i = 1; i < a.size(); ++i) n += data_.erase(a[i]);
  return Reply::MakeInteger(n);
}

Reply FakeStore::Exists(const Args& a) {
  int64_t n = 0;
  for (size_t i = 1; i < a.size(); ++i) n += data_.count(a[i]);
  return Reply::MakeInteger(n);
}

Reply FakeStore::Expire(const Args& a) {
  if (!ParseInt64(a[2])) return Error(kNotInteger);
  for (size_t i = 3; i < a.size(); ++i) {
    std::string opt = Upper(a[i]);
    if (opt != "NX" && opt != "XX" && opt != "GT" && opt != "LT") {
      return Error(absl::StrCat("ERR Unsupported option ", a[i]));
    }
  }
  return Reply::MakeInteger(data_.count(a[1]));
}

Reply FakeStore::Get(const Args& a) {
  bool wrong;
  std::string* v = Find<std::string>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  return v ? Reply::MakeString(*v) : Reply::MakeNil();
}

Reply FakeStore::Set(const Args& a) {
  bool nx = false, xx = false, get = false, ttl = false;
  for (size_t i = 3; i < a.size(); ++i) {
    std::string opt = Upper(a[i]);
    if (opt == "NX" && !xx) {
      nx = true;
    } else if (opt == "XX" && !nx) {
      xx = true;
    } else if (opt == "GET") {
      get = true;
    } else if (opt == "KEEPTTL" && !ttl) {
      ttl = true;
    } else if ((opt == "EX" || opt == "PX" || opt == "EXAT" || opt == "PXAT") && !ttl &&
               i + 1 < a.size()) {
      auto v = ParseInt64(a[++i]);
      if (!v) return Error(kNotInteger);
      if (*v <= 0) return Error("ERR invalid expire time in 'set' command");
      ttl = true;
    } else {
      return Error(kSyntaxError);
    }
  }
  auto it = data_.find(a[1]);
  Reply old = Reply::MakeNil();
  if (it != data_.end()) {
    const std::string* s = std::get_if<std::string>(&it->second);
    if (get && s == nullptr) return Error(kWrongType);
    if (s != nullptr) old = Reply::MakeString(*s);
  }
  bool exists = it != data_.end();
  if ((nx && exists) || (xx && !exists)) return get ? old : Reply::MakeNil();
  data_[a[1]] = a[2];
  return get ? old : Ok();
}

Reply FakeStore::SetNx(const Args& a) {
  if (data_.count(a[1])) return Reply::MakeInteger(0);
  data_[a[1]] = a[2];
  return Reply::MakeInteger(1);
}

Reply FakeStore::MGet(const Args& a) {
  std::vector<Reply> out;
  for (size_t i = 1; i < a.size(); ++i) {
    bool wrong;
    std::string* v = Find<std::string>(a[i], &wrong);
    out.push_back(v ? Reply::MakeString(*v) : Reply::MakeNil());
  }
  return Reply::MakeArray(std::move(out));
}

Reply FakeStore::Incr(const Args& a) { return IncrByImpl(a[1], 1); }

Reply FakeStore::IncrBy(const Args& a) {
  auto delta = ParseInt64(a[2]);
  if (!delta) return Error(kNotInteger);
  return IncrByImpl(a[1], *delta);
}

Reply FakeStore::IncrByImpl(const std::string& key, int64_t delta) {
  bool wrong;
  std::string* v = Find<std::string>(key, &wrong);
  if (wrong) return Error(kWrongType);
  int64_t current = 0;
  if (v != nullptr) {
    auto parsed = ParseInt64(*v);
    if (!parsed) return Error(kNotInteger);
    current = *parsed;
  }
  if (AddOverflows(current, delta)) return Error(kOverflow);
  data_[key] = std::to_string(current + delta);
  return Reply::MakeInteger(current + delta);
}

}  // namespace opsreport::redis::internal
