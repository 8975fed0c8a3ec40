#include "absl/strings/str_cat.h"
#include "fake_store.h"

namespace opsreport::redis::internal {
namespace {

Reply Error(std::string text) { return Reply::MakeError(std::move(text)); }

}  // namespace

Reply FakeStore::HSet(const Args& a) {
  if (a.size() % 2 != 0) return Error("ERR wrong number of arguments for 'hset' command");
  bool wrong;
  HashValue* h = FindOrCreate<HashValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  int64_t added = 0;
  for (size_t i = 2; i + 1 < a.size(); i += 2) {
    added += h->insert_or_assign(a[i], a[i + 1]).second ? 1 : 0;
  }
  return Reply::MakeInteger(added);
}

Reply FakeStore::HGet(const Args& a) {
  bool wrong;
  HashValue* h = Find<HashValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  if (h == nullptr) return Reply::MakeNil();
  auto it = h->find(a[2]);
  return it == h->end() ? Reply::MakeNil() : Reply::MakeString(it->second);
}

Reply FakeStore::HMGet(const Args& a) {
  bool wrong;
  HashValue* h = Find<HashValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  std::vector<Reply> out;
  for (size_t i = 2; i < a.size(); ++i) {
    auto it = h ? h->find(a[i]) : HashValue::iterator();
    out.push_back(h && it != h->end() ? Reply::MakeString(it->second) : Reply::MakeNil());
  }
  return Reply::MakeArray(std::move(out));
}

Reply FakeStore::HGetAll(const Args& a) {
  bool wrong;
  HashValue* h = Find<HashValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  std::vector<Reply> out;
  if (h != nullptr) {
    for (const auto& [field, value] : *h) {
      out.push_back(Reply::MakeString(field));
      out.push_back(Reply::MakeString(value));
    }
  }
  return Reply::MakeArray(std::move(out));
}

Reply FakeStore::HDel(const Args& a) {
  bool wrong;
  HashValue* h = Find<HashValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  if (h == nullptr) return Reply::MakeInteger(0);
  int64_t removed = 0;
  for (size_t i = 2; i < a.size(); ++i) removed += h->erase(a[i]);
  DropIfEmpty(a[1], *h);
  return Reply::MakeInteger(removed);
}

Reply FakeStore::HLen(const Args& a) {
  bool wrong;
  HashValue* h = Find<HashValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  return Reply::MakeInteger(h ? static_cast<int64_t>(h->size()) : 0);
}

Reply FakeStore::HIncrBy(const Args& a) {
  auto delta = ParseInt64(a[3]);
  if (!delta) return Error(kNotInteger);
  bool wrong;
  HashValue* h = Find<HashValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  int64_t current = 0;
  if (h != nullptr) {
    auto it = h->find(a[2]);
    if (it != h->end()) {
      auto parsed = ParseInt64(it->second);
      if (!parsed) return Error("ERR hash value is not an integer");
      current = *parsed;
    }
  }
  if (AddOverflows(current, *delta)) return Error(kOverflow);
  if (h == nullptr) h = FindOrCreate<HashValue>(a[1], &wrong);
  (*h)[a[2]] = std::to_string(current + *delta);
  return Reply::MakeInteger(current + *delta);
}

Reply FakeStore::SAdd(const Args& a) {
  bool wrong;
  SetValue* s = FindOrCreate<SetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  int64_t added = 0;
  for (size_t i = 2; i < a.size(); ++i) added += s->insert(a[i]).second ? 1 : 0;
  return Reply::MakeInteger(added);
}

Reply FakeStore::SRem(const Args& a) {
  bool wrong;
  SetValue* s = Find<SetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  if (s == nullptr) return Reply::MakeInteger(0);
  int64_t removed = 0;
  for (size_t i = 2; i < a.size(); ++i) removed += s->erase(a[i]);
  DropIfEmpty(a[1], *s);
  return Reply::MakeInteger(removed);
}

Reply FakeStore::SMembers(const Args& a) {
  bool wrong;
  SetValue* s = Find<SetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  std::vector<Reply> out;
  if (s != nullptr) {
    for (const auto& m : *s) out.push_back(Reply::MakeString(m));
  }
  return Reply::MakeArray(std::move(out));
}

Reply FakeStore::SIsMember(const Args& a) {
  bool wrong;
  SetValue* s = Find<SetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  return Reply::MakeInteger(s && s->count(a[2]) ? 1 : 0);
}

Reply FakeStore::SCard(const Args& a) {
  bool wrong;
  SetValue* s = Find<SetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  return Reply::MakeInteger(s ? static_cast<int64_t>(s->size()) : 0);
}

}  // namespace opsreport::redis::internal
