#pragma once
// Abseil 20220623 ships no status macros; these are the project's only ones.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define OPSREPORT_CONCAT_INNER_(a, b) a##b
#define OPSREPORT_CONCAT_(a, b) OPSREPORT_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` yields a non-OK absl::Status.
#define RETURN_IF_ERROR(expr)                              \
  do {                                                     \
    ::absl::Status opsreport_status_ = (expr);             \
    if (!opsreport_status_.ok()) return opsreport_status_; \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                           \
  if (!tmp.ok()) return tmp.status();           \
  lhs = std::move(*tmp)

// `ASSIGN_OR_RETURN(auto x, Foo());` unwraps an absl::StatusOr or returns its error.
#define ASSIGN_OR_RETURN(lhs, rexpr) \
  ASSIGN_OR_RETURN_IMPL_(OPSREPORT_CONCAT_(opsreport_statusor_, __LINE__), lhs, rexpr)
