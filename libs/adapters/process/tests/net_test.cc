#include "opsreport/process/net.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <thread>

#include "absl/time/clock.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/process/unique_fd.h"

namespace opsreport::process {
namespace {

using ::testing::HasSubstr;

UniqueFd Listen(int port) {
  UniqueFd fd(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  int one = 1;
  setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in addr;
  memset(&addr, 0, sizeof(addr));
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  if (bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) return UniqueFd();
  if (listen(fd.get(), 16) != 0) return UniqueFd();
  return fd;
}

TEST(FreeTcpPortTest, ReturnsABindablePort) {
  auto port = FreeTcpPort();
  ASSERT_TRUE(port.ok()) << port.status();
  EXPECT_GT(*port, 0);
  EXPECT_LE(*port, 65535);
  EXPECT_TRUE(Listen(*port));
}

TEST(WaitForTcpTest, SucceedsWhenListening) {
  auto port = FreeTcpPort();
  ASSERT_TRUE(port.ok());
  UniqueFd listener = Listen(*port);
  ASSERT_TRUE(listener);
  EXPECT_TRUE(WaitForTcp("127.0.0.1", *port, absl::Seconds(1)).ok());
  EXPECT_TRUE(WaitForTcp("localhost", *port, absl::Seconds(1)).ok());
}

TEST(WaitForTcpTest, WaitsForALateListener) {
  auto port = FreeTcpPort();
  ASSERT_TRUE(port.ok());
  UniqueFd listener;
  std::thread late([&] {
    absl::SleepFor(absl::Milliseconds(200));
    listener = Listen(*port);
  });
  absl::Status s = WaitForTcp("127.0.0.1", *port, absl::Seconds(5));
  late.join();
  EXPECT_TRUE(s.ok()) << s;
}

TEST(WaitForTcpTest, TimesOutNamingTheAddress) {
  auto port = FreeTcpPort();
  ASSERT_TRUE(port.ok());
  absl::Time start = absl::Now();
  absl::Status s = WaitForTcp("127.0.0.1", *port, absl::Milliseconds(150));
  absl::Duration took = absl::Now() - start;
  EXPECT_EQ(s.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(s.message(), HasSubstr("127.0.0.1:" + std::to_string(*port)));
  EXPECT_THAT(s.message(), HasSubstr("refused"));
  EXPECT_GE(took, absl::Milliseconds(150));
  EXPECT_LT(took, absl::Seconds(1));
}

TEST(WaitForTcpTest, RejectsPortOutOfRange) {
  EXPECT_EQ(WaitForTcp("127.0.0.1", 0, absl::Seconds(1)).code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WaitForTcp("127.0.0.1", 65536, absl::Seconds(1)).code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace opsreport::process
