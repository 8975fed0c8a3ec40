#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "fake_store.h"

namespace opsreport::redis::internal {
namespace {

Reply Error(std::string text) { return Reply::MakeError(std::move(text)); }

struct ScoreBound {
  double value;
  bool exclusive;
};

std::optional<ScoreBound> ParseBound(const std::string& s) {
  bool exclusive = !s.empty() && s.front() == '(';
  auto v = ParseScore(exclusive ? s.substr(1) : s);
  if (!v) return std::nullopt;
  return ScoreBound{*v, exclusive};
}

}  // namespace

void FakeStore::ZSetValue::Put(const std::string& member, double score) {
  auto it = scores.find(member);
  if (it != scores.end()) {
    order.erase({it->second, member});
    it->second = score;
  } else {
    scores.emplace(member, score);
  }
  order.insert({score, member});
}

bool FakeStore::ZSetValue::Erase(const std::string& member) {
  auto it = scores.find(member);
  if (it == scores.end()) return false;
  order.erase({it->second, member});
  scores.erase(it);
  return true;
}

Reply FakeStore::ZAdd(const Args& a) {
  bool nx = false, xx = false, gt = false, lt = false, ch = false, incr = false;
  size_t i = 2;
  for (; i < a.size(); ++i) {
    std::string opt = Upper(a[i]);
    bool* flag = opt == "NX"     ? &nx
                 : opt == "XX"   ? &xx
                 : opt == "GT"   ? &gt
                 : opt == "LT"   ? &lt
                 : opt == "CH"   ? &ch
                 : opt == "INCR" ? &incr
                                 : nullptr;
    if (flag == nullptr) break;  // the first score
    *flag = true;
  }
  size_t rest = a.size() - i;
  if (rest == 0 || rest % 2 != 0) return Error(kSyntaxError);
  if (nx && xx) return Error("ERR XX and NX options at the same time are not compatible");
  if ((gt && nx) || (lt && nx) || (gt && lt)) {
    return Error("ERR GT, LT, and/or NX options at the same time are not compatible");
  }
  if (incr && rest != 2) return Error("ERR INCR option supports a single increment-element pair");
  // Every score is validated before anything changes, as Redis does.
  std::vector<std::pair<double, std::string>> pairs;
  for (; i < a.size(); i += 2) {
    auto score = ParseScore(a[i]);
    if (!score) return Error("ERR value is not a valid float");
    pairs.emplace_back(*score, a[i + 1]);
  }
  bool wrong;
  ZSetValue* z = FindOrCreate<ZSetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  int64_t added = 0, changed = 0;
  std::optional<double> incr_result;
  for (const auto& [score, member] : pairs) {
    auto it = z->scores.find(member);
    bool exists = it != z->scores.end();
    if ((nx && exists) || (xx && !exists)) continue;
    double target = score;
    if (exists) {
      double old = it->second;
      if (incr) target = old + score;
      if (std::isnan(target)) {
        DropIfEmpty(a[1], *z);
        return Error("ERR resulting score is not a number (NaN)");
      }
      if ((gt && target <= old) || (lt && target >= old)) continue;
      if (target != old) {
        z->Put(member, target);
        ++changed;
      }
    } else {
      z->Put(member, target);
      ++added;
    }
    incr_result = target;
  }
  DropIfEmpty(a[1], *z);
  if (incr) return incr_result ? Reply::MakeString(FormatScore(*incr_result)) : Reply::MakeNil();
  return Reply::MakeInteger(ch ? added + changed : added);
}

Reply FakeStore::ZRem(const Args& a) {
  bool wrong;
  ZSetValue* z = Find<ZSetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  if (z == nullptr) return Reply::MakeInteger(0);
  int64_t removed = 0;
  for (size_t i = 2; i < a.size(); ++i) removed += z->Erase(a[i]) ? 1 : 0;
  DropIfEmpty(a[1], *z);
  return Reply::MakeInteger(removed);
}

Reply FakeStore::ZRangeByScore(const Args& a) {
  auto min = ParseBound(a[2]);
  auto max = ParseBound(a[3]);
  if (!min || !max) return Error("ERR min or max is not a float");
  bool with_scores = false;
  int64_t offset = 0, count = -1;
  for (size_t i = 4; i < a.size(); ++i) {
    std::string opt = Upper(a[i]);
    if (opt == "WITHSCORES") {
      with_scores = true;
    } else if (opt == "LIMIT" && i + 2 < a.size()) {
      auto o = ParseInt64(a[i + 1]);
      auto c = ParseInt64(a[i + 2]);
      if (!o || !c) return Error(kNotInteger);
      offset = *o;
      count = *c;
      i += 2;
    } else {
      return Error(kSyntaxError);
    }
  }
  bool wrong;
  ZSetValue* z = Find<ZSetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  std::vector<Reply> out;
  if (z == nullptr || offset < 0) return Reply::MakeArray(std::move(out));
  auto it = z->order.lower_bound({min->value, std::string()});
  for (; it != z->order.end() && count != 0; ++it) {
    const auto& [score, member] = *it;
    if (min->exclusive && score <= min->value) continue;
    if (score > max->value || (max->exclusive && score >= max->value)) break;
    if (offset > 0) {
      --offset;
      continue;
    }
    out.push_back(Reply::MakeString(member));
    if (with_scores) out.push_back(Reply::MakeString(FormatScore(score)));
    if (count > 0) --count;
  }
  return Reply::MakeArray(std::move(out));
}

Reply FakeStore::ZScore(const Args& a) {
  bool wrong;
  ZSetValue* z = Find<ZSetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  if (z == nullptr) return Reply::MakeNil();
  auto it = z->scores.find(a[2]);
  return it == z->scores.end() ? Reply::MakeNil() : Reply::MakeString(FormatScore(it->second));
}

Reply FakeStore::ZCard(const Args& a) {
  bool wrong;
  ZSetValue* z = Find<ZSetValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  return Reply::MakeInteger(z ? static_cast<int64_t>(z->scores.size()) : 0);
}

Reply FakeStore::RPush(const Args& a) {
  bool wrong;
  ListValue* l = FindOrCreate<ListValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  l->insert(l->end(), a.begin() + 2, a.end());
  return Reply::MakeInteger(static_cast<int64_t>(l->size()));
}

Reply FakeStore::LRange(const Args& a) {
  auto start = ParseInt64(a[2]);
  auto stop = ParseInt64(a[3]);
  if (!start || !stop) return Error(kNotInteger);
  bool wrong;
  ListValue* l = Find<ListValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  std::vector<Reply> out;
  if (l == nullptr) return Reply::MakeArray(std::move(out));
  int64_t len = static_cast<int64_t>(l->size());
  int64_t from = *start < 0 ? std::max<int64_t>(len + *start, 0) : *start;
  int64_t to = *stop < 0 ? len + *stop : std::min(*stop, len - 1);
  for (int64_t i = from; i <= to && i < len; ++i) out.push_back(Reply::MakeString((*l)[i]));
  return Reply::MakeArray(std::move(out));
}

Reply FakeStore::LLen(const Args& a) {
  bool wrong;
  ListValue* l = Find<ListValue>(a[1], &wrong);
  if (wrong) return Error(kWrongType);
  return Reply::MakeInteger(l ? static_cast<int64_t>(l->size()) : 0);
}

}  // namespace opsreport::redis::internal
