#include "opsreport/process/net.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "opsreport/process/unique_fd.h"

namespace opsreport::process {
namespace {

struct AddrInfoDeleter {
  void operator()(addrinfo* a) const { freeaddrinfo(a); }
};
using AddrInfoPtr = std::unique_ptr<addrinfo, AddrInfoDeleter>;

// One non-blocking connect attempt bounded by `timeout`; 0 or an errno.
int TryConnect(const addrinfo& ai, absl::Duration timeout) {
  UniqueFd fd(socket(ai.ai_family, ai.ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai.ai_protocol));
  if (!fd) return errno;
  if (connect(fd.get(), ai.ai_addr, ai.ai_addrlen) == 0) return 0;
  if (errno != EINPROGRESS) return errno;
  pollfd p{fd.get(), POLLOUT, 0};
  int ms = static_cast<int>(std::max<int64_t>(1, absl::ToInt64Milliseconds(timeout)));
  int r = poll(&p, 1, ms);
  if (r == 0) return ETIMEDOUT;
  if (r < 0) return errno;
  int err = 0;
  socklen_t len = sizeof(err);
  if (getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) return errno;
  return err;
}

}  // namespace

absl::StatusOr<int> FreeTcpPort() {
  UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd) return absl::ErrnoToStatus(errno, "FreeTcpPort: socket");
  sockaddr_in addr;
  memset(&addr, 0, sizeof(addr));
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    return absl::ErrnoToStatus(errno, "FreeTcpPort: bind 127.0.0.1:0");
  }
  socklen_t len = sizeof(addr);
  if (getsockname(fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    return absl::ErrnoToStatus(errno, "FreeTcpPort: getsockname");
  }
  return static_cast<int>(ntohs(addr.sin_port));
}

absl::Status WaitForTcp(const std::string& host, int port, absl::Duration timeout) {
  std::string where = absl::StrCat(host, ":", port);
  if (port < 1 || port > 65535) {
    return absl::InvalidArgumentError(
        absl::StrCat("WaitForTcp ", where, ": port must be in 1..65535"));
  }
  addrinfo hints;
  memset(&hints, 0, sizeof(hints));
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* raw = nullptr;
  int gai = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &raw);
  if (gai != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("WaitForTcp ", where, ": cannot resolve host: ", gai_strerror(gai)));
  }
  AddrInfoPtr addrs(raw);

  absl::Time deadline = absl::Now() + timeout;
  int last_error = ETIMEDOUT;
  while (true) {
    for (const addrinfo* ai = addrs.get(); ai != nullptr; ai = ai->ai_next) {
      absl::Duration left = std::max(deadline - absl::Now(), absl::Milliseconds(1));
      last_error = TryConnect(*ai, std::min(left, absl::Milliseconds(500)));
      if (last_error == 0) return absl::OkStatus();
    }
    absl::Time now = absl::Now();
    if (now >= deadline) break;
    absl::SleepFor(std::min(absl::Milliseconds(10), deadline - now));
  }
  return absl::DeadlineExceededError(absl::StrCat("no TCP listener on ", where, " after ",
                                                  absl::FormatDuration(timeout), ": ",
                                                  strerror(last_error)));
}

}  // namespace opsreport::process
