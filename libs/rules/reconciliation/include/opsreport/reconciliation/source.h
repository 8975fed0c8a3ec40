#pragma once
// A pull stream of records: the reconciliation reads each input once, in
// order, holding one record of each at a time.

#include <functional>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace opsreport::reconciliation {

template <typename T>
class Source {
 public:
  virtual ~Source() = default;
  // Fills `out` and returns true, or returns false at the end. An error ends
  // the reconciliation with that error.
  virtual absl::StatusOr<bool> Next(T& out) = 0;
};

// The records of a vector, in order (tests, small inputs).
template <typename T>
class VectorSource final : public Source<T> {
 public:
  explicit VectorSource(std::vector<T> items) : items_(std::move(items)) {}
  absl::StatusOr<bool> Next(T& out) override {
    if (next_ == items_.size()) return false;
    out = items_[next_++];
    return true;
  }

 private:
  std::vector<T> items_;
  size_t next_ = 0;
};

// Adapts any producer, e.g. an ExtractReader or a database cursor:
//   FunctionSource<v1::RegisterEntry> s([&](v1::RegisterEntry& e)
//       -> absl::StatusOr<bool> { return reader.Next(e); });
template <typename T>
class FunctionSource final : public Source<T> {
 public:
  explicit FunctionSource(std::function<absl::StatusOr<bool>(T&)> next) : next_(std::move(next)) {}
  absl::StatusOr<bool> Next(T& out) override { return next_(out); }

 private:
  std::function<absl::StatusOr<bool>(T&)> next_;
};

// The records of `inner` that `keep` accepts; order is kept, so a sorted
// input stays sorted.
template <typename T>
class FilteredSource final : public Source<T> {
 public:
  FilteredSource(Source<T>& inner, std::function<bool(const T&)> keep)
      : inner_(inner), keep_(std::move(keep)) {}
  absl::StatusOr<bool> Next(T& out) override {
    while (true) {
      absl::StatusOr<bool> more = inner_.Next(out);
      if (!more.ok() || !*more || keep_(out)) return more;
    }
  }

 private:
  Source<T>& inner_;
  std::function<bool(const T&)> keep_;
};

}  // namespace opsreport::reconciliation
