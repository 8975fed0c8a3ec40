#pragma once
// A Lua script identified by its SHA-1, the name EVALSHA knows it by.

#include <string>

namespace opsreport::redis {

class Script {
 public:
  explicit Script(std::string lua);
  const std::string& lua() const { return lua_; }
  // 40 lowercase hex digits, as SCRIPT LOAD returns.
  const std::string& sha1() const { return sha1_; }

 private:
  std::string lua_;
  std::string sha1_;
};

}  // namespace opsreport::redis
