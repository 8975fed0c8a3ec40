#pragma once
// A scratch directory for one test, gone (recursively) when it goes.

#include <string>

namespace opsreport::testing {

class TempDir {
 public:
  // Under $TMPDIR, or /tmp when unset. Aborts if it cannot be created: a
  // test without its scratch space cannot mean anything.
  TempDir();
  ~TempDir();
  // A moved-from TempDir owns nothing and removes nothing.
  TempDir(TempDir&& other) noexcept;
  TempDir& operator=(TempDir&& other) noexcept;
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string File(const std::string& name) const;

 private:
  void Remove();

  std::string path_;
};

}  // namespace opsreport::testing
