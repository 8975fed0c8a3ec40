// Records reach the handler of their topic, parsed as the contract's type.
#include "opsreport/service/dispatcher.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/v1/report.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::service {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(DispatcherTest, EachRecordReachesItsTopicsHandlerParsed) {
  std::vector<std::string> seen;
  Dispatcher d;
  d.On<v1::AcceptedDocument>(topics::kReportsAccepted, "accepted",
                             [&](const v1::AcceptedDocument& doc, const kafka::Message& m) {
                               seen.push_back("doc " + doc.id() + " key " + m.key);
                               return absl::OkStatus();
                             })
      .On<v1::Hop>(topics::kRoutingHops, std::string(topics::kRoutingHops.name),
                   [&](const v1::Hop& hop, const kafka::Message&) {
                     seen.push_back("hop " + hop.id());
                     return absl::UnavailableError("later");
                   });
  EXPECT_THAT(d.topics(), ElementsAre("accepted", "opsreport.routing.hops"));
  v1::AcceptedDocument doc;
  doc.set_id("d1");
  v1::Hop hop;
  hop.set_id("h1");
  EXPECT_TRUE(d({"accepted", 0, 1, "r1", doc.SerializeAsString()}).ok());
  EXPECT_TRUE(
      absl::IsUnavailable(d({"opsreport.routing.hops", 0, 2, "r1", hop.SerializeAsString()})));
  EXPECT_THAT(seen, ElementsAre("doc d1 key r1", "hop h1"));
}

TEST(DispatcherTest, UnparsableAndUnexpectedRecordsCanNeverBeApplied) {
  Dispatcher d;
  int calls = 0;
  d.On<v1::Hop>(topics::kRoutingHops, "hops", [&](const v1::Hop&, const kafka::Message&) {
    ++calls;
    return absl::OkStatus();
  });
  absl::Status bad = d({"hops", 0, 1, "k", "\xff\xff garbage"});
  EXPECT_TRUE(absl::IsInvalidArgument(bad));
  EXPECT_THAT(bad.message(), HasSubstr("hops: payload is not a opsreport.v1.Hop"));
  absl::Status other = d({"elsewhere", 0, 1, "k", ""});
  EXPECT_TRUE(absl::IsInvalidArgument(other));
  EXPECT_THAT(other.message(), HasSubstr("unexpected topic elsewhere"));
  EXPECT_EQ(calls, 0);
}

TEST(DispatcherDeathTest, AHandlerOfAnotherTypeThanTheContractsAborts) {
  Dispatcher d;
  EXPECT_DEATH(
      d.On<v1::Hop>(topics::kReportsAccepted, "accepted",
                    [](const v1::Hop&, const kafka::Message&) { return absl::OkStatus(); }),
      "opsreport.reports.accepted carries opsreport.v1.AcceptedDocument, not "
      "opsreport.v1.Hop");
}

}  // namespace
}  // namespace opsreport::service
