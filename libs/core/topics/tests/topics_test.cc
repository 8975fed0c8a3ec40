#include "opsreport/topics/topics.h"

#include <set>
#include <string>

#include "google/protobuf/descriptor.h"
#include "gtest/gtest.h"
#include "opsreport/v1/consumer.pb.h"
#include "opsreport/v1/control.pb.h"
#include "opsreport/v1/reconciliation.pb.h"
#include "opsreport/v1/report.pb.h"
#include "opsreport/v1/routing.pb.h"

namespace opsreport::topics {
namespace {

TEST(TopicsTest, EveryPayloadIsAKnownMessage) {
  // The generated pool holds the messages linked into this binary.
  v1::AcceptedDocument a;
  v1::ControlEvent c;
  v1::ReconciliationRequest r;
  v1::Hop h;
  v1::ParkedRecord p;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const Topic* topic : kAll) {
    EXPECT_NE(pool->FindMessageTypeByName(std::string(topic->payload)), nullptr)
        << topic->name << ": " << topic->payload;
  }
}

TEST(TopicsTest, NamesAreUniqueAndEveryEntryIsComplete) {
  std::set<std::string_view> names;
  for (const Topic* topic : kAll) {
    EXPECT_TRUE(names.insert(topic->name).second) << topic->name;
    EXPECT_TRUE(topic->name.starts_with("opsreport.")) << topic->name;
    EXPECT_FALSE(topic->key.empty()) << topic->name;
    EXPECT_FALSE(topic->producers.empty()) << topic->name;
    EXPECT_FALSE(topic->purpose.empty()) << topic->name;
  }
  EXPECT_EQ(names.size(), kAll.size());
}

TEST(TopicsTest, TheCaseTopicsKeepTheirKeysOrderAndReceiptsDoNot) {
  // A supplement must not be applied before its report, nor a chain hop
  // before the one below it; a receipt clears whatever it names in any order.
  EXPECT_TRUE(kReportsAccepted.keeps_key_order);
  EXPECT_TRUE(kRoutingHops.keeps_key_order);
  EXPECT_TRUE(kRoutingDelivered.keeps_key_order);
  EXPECT_FALSE(kRoutingReceipts.keeps_key_order);
  EXPECT_FALSE(kReportsReceipts.keeps_key_order);
  EXPECT_FALSE(kReconciliationReceipts.keeps_key_order);
}

}  // namespace
}  // namespace opsreport::topics
