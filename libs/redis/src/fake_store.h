#pragma once
// The keyspace behind FakeClient: Redis 7 semantics for the commands the
// services use, replies shaped as Redis shapes them. Not thread-safe (the
// client locks around it). TTLs are accepted and ignored.

#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "opsreport/redis/reply.h"

namespace opsreport::redis::internal {

using Args = std::vector<std::string>;

class FakeStore {
 public:
  // What Redis checks when queueing inside MULTI: known command, arity.
  // The error text, or nullopt when the command would be queued.
  std::optional<std::string> Check(const Args& args) const;
  // Runs one command; errors come back as kError replies.
  Reply Execute(const Args& args);
  std::vector<std::string> Keys() const;

 private:
  using HashValue = std::map<std::string, std::string>;
  using SetValue = std::set<std::string>;
  struct ZSetValue {
    std::map<std::string, double> scores;
    std::set<std::pair<double, std::string>> order;  // Redis ties break by member
    void Put(const std::string& member, double score);
    bool Erase(const std::string& member);
  };
  using ListValue = std::deque<std::string>;
  using Value = std::variant<std::string, HashValue, SetValue, ZSetValue, ListValue>;

  struct Spec {
    int arity;  // Redis convention: exact if > 0, at least -arity if < 0
    Reply (FakeStore::*run)(const Args&);
  };
  static const std::map<std::string, Spec>& Commands();

  // nullptr when absent; *wrong_type set when present with another type.
  template <typename T>
  T* Find(const std::string& key, bool* wrong_type);
  template <typename T>
  T* FindOrCreate(const std::string& key, bool* wrong_type);
  // Redis removes a collection key when its last element goes.
  template <typename T>
  void DropIfEmpty(const std::string& key, const T& value);

  // Keyspace and strings (fake_store.cc).
  Reply Ping(const Args& a);
  Reply FlushAll(const Args& a);
  Reply Type(const Args& a);
  Reply Del(const Args& a);
  Reply Exists(const Args& a);
  Reply Expire(const Args& a);
  Reply Get(const Args& a);
  Reply Set(const Args& a);
  Reply SetNx(const Args& a);
  Reply MGet(const Args& a);
  Reply Incr(const Args& a);
  Reply IncrBy(const Args& a);
  Reply IncrByImpl(const std::string& key, int64_t delta);
  // Hashes and sets (fake_store_hash_set.cc).
  Reply HSet(const Args& a);
  Reply HGet(const Args& a);
  Reply HMGet(const Args& a);
  Reply HGetAll(const Args& a);
  Reply HDel(const Args& a);
  Reply HLen(const Args& a);
  Reply HIncrBy(const Args& a);
  Reply SAdd(const Args& a);
  Reply SRem(const Args& a);
  Reply SMembers(const Args& a);
  Reply SIsMember(const Args& a);
  Reply SCard(const Args& a);
  // Sorted sets and lists (fake_store_zset_list.cc).
  Reply ZAdd(const Args& a);
  Reply ZRem(const Args& a);
  Reply ZRangeByScore(const Args& a);
  Reply ZScore(const Args& a);
  Reply ZCard(const Args& a);
  Reply RPush(const Args& a);
  Reply LRange(const Args& a);
  Reply LLen(const Args& a);

  std::map<std::string, Value> data_;
};

// Shared text and parsing helpers, matching Redis' own error texts.
inline constexpr char kWrongType[] =
    "WRONGTYPE Operation against a key holding the wrong kind of value";
inline constexpr char kNotInteger[] = "ERR value is not an integer or out of range";
inline constexpr char kSyntaxError[] = "ERR syntax error";
inline constexpr char kOverflow[] = "ERR increment or decrement would overflow";

// Strict like Redis' string2ll: no sign '+', no spaces, no leading zeros.
std::optional<int64_t> ParseInt64(const std::string& s);
// A score: a finite or infinite double ("inf", "-inf", "+inf"), never NaN.
std::optional<double> ParseScore(const std::string& s);
// Redis 7.0 renders doubles with "%.17g" ("inf"/"-inf" for infinities).
std::string FormatScore(double score);
bool AddOverflows(int64_t a, int64_t b);
std::string Upper(std::string s);

template <typename T>
T* FakeStore::Find(const std::string& key, bool* wrong_type) {
  *wrong_type = false;
  auto it = data_.find(key);
  if (it == data_.end()) return nullptr;
  T* value = std::get_if<T>(&it->second);
  *wrong_type = value == nullptr;
  return value;
}

template <typename T>
T* FakeStore::FindOrCreate(const std::string& key, bool* wrong_type) {
  auto it = data_.try_emplace(key, T{}).first;
  T* value = std::get_if<T>(&it->second);
  *wrong_type = value == nullptr;
  return value;
}

template <typename T>
void FakeStore::DropIfEmpty(const std::string& key, const T& value) {
  bool empty;
  if constexpr (std::is_same_v<T, ZSetValue>) {
    empty = value.scores.empty();
  } else {
    empty = value.empty();
  }
  if (empty) data_.erase(key);
}

}  // namespace opsreport::redis::internal
