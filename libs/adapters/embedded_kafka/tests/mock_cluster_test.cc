#include "opsreport/embedded_kafka/mock_cluster.h"

#include <memory>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace opsreport::embedded_kafka {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

struct HandleDeleter {
  void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
};
struct ConfDeleter {
  void operator()(rd_kafka_conf_t* p) const { rd_kafka_conf_destroy(p); }
};
struct MetadataDeleter {
  void operator()(const rd_kafka_metadata_t* p) const { rd_kafka_metadata_destroy(p); }
};

// A plain client reading cluster metadata over TCP, as another process would.
std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> FetchMetadata(
    const std::string& bootstrap) {
  std::unique_ptr<rd_kafka_conf_t, ConfDeleter> conf(rd_kafka_conf_new());
  char errstr[256];
  EXPECT_EQ(
      rd_kafka_conf_set(conf.get(), "bootstrap.servers", bootstrap.c_str(), errstr, sizeof(errstr)),
      RD_KAFKA_CONF_OK);
  std::unique_ptr<rd_kafka_t, HandleDeleter> rk(
      rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof(errstr)));
  EXPECT_NE(rk, nullptr) << errstr;
  if (rk == nullptr) return nullptr;
  conf.release();  // rd_kafka_new took ownership.
  const rd_kafka_metadata_t* md = nullptr;
  EXPECT_EQ(rd_kafka_metadata(rk.get(), 1, nullptr, &md, 5000), RD_KAFKA_RESP_ERR_NO_ERROR);
  return std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter>(md);
}

TEST(MockClusterTest, StartsBrokersOnLoopbackAndServesMetadataOverTcp) {
  auto cluster = MockCluster::Start(3);
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  std::vector<std::string> brokers = absl::StrSplit((*cluster)->bootstrap(), ',');
  ASSERT_EQ(brokers.size(), 3u);
  for (const auto& b : brokers) EXPECT_THAT(b, StartsWith("127.0.0.1:"));
  EXPECT_EQ((*cluster)->broker_count(), 3);

  ASSERT_TRUE((*cluster)->CreateTopic("reports.accepted", 4, 3).ok());
  auto md = FetchMetadata((*cluster)->bootstrap());
  ASSERT_NE(md, nullptr);
  EXPECT_EQ(md->broker_cnt, 3);
  bool found = false;
  for (int i = 0; i < md->topic_cnt; ++i) {
    if (std::string(md->topics[i].topic) == "reports.accepted") {
      found = true;
      EXPECT_EQ(md->topics[i].partition_cnt, 4);
    }
  }
  EXPECT_TRUE(found);
}

TEST(MockClusterTest, RejectsBadArgumentsNamingEachField) {
  EXPECT_EQ(MockCluster::Start(0).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(MockCluster::Start(33).status().code(), absl::StatusCode::kInvalidArgument);
  auto cluster = MockCluster::Start(1);
  ASSERT_TRUE(cluster.ok()) << cluster.status();
  MockCluster& c = **cluster;

  absl::Status bad_topic = c.CreateTopic("has space", 0, 2);
  EXPECT_EQ(bad_topic.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_topic.message(), HasSubstr("topic"));
  EXPECT_THAT(bad_topic.message(), HasSubstr("partitions"));
  EXPECT_THAT(bad_topic.message(), HasSubstr("replication_factor"));
  EXPECT_EQ(c.CreateTopic("", 1, 1).code(), absl::StatusCode::kInvalidArgument);

  ASSERT_TRUE(c.CreateTopic("t", 1, 1).ok());
  EXPECT_EQ(c.CreateTopic("t", 1, 1).code(), absl::StatusCode::kAlreadyExists);

  EXPECT_EQ(c.SetBrokerDown(0).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(c.SetBrokerUp(2).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_TRUE(c.SetBrokerDown(1).ok());
  EXPECT_TRUE(c.SetBrokerUp(MockCluster::kAllBrokers).ok());
  EXPECT_EQ(c.SetBrokerRtt(1, -1).code(), absl::StatusCode::kInvalidArgument);

  absl::Status bad_push = c.PushRequestErrors(-1, 0, RD_KAFKA_RESP_ERR__TRANSPORT);
  EXPECT_THAT(bad_push.message(), HasSubstr("api_key"));
  EXPECT_THAT(bad_push.message(), HasSubstr("count"));
  EXPECT_TRUE(c.PushRequestErrors(kafka_api::kProduce, 2, RD_KAFKA_RESP_ERR__TRANSPORT).ok());
}

TEST(MockClusterTest, DestructionClosesTheListeners) {
  std::string bootstrap;
  {
    auto cluster = MockCluster::Start(1);
    ASSERT_TRUE(cluster.ok()) << cluster.status();
    bootstrap = (*cluster)->bootstrap();
  }
  std::unique_ptr<rd_kafka_conf_t, ConfDeleter> conf(rd_kafka_conf_new());
  char errstr[256];
  ASSERT_EQ(
      rd_kafka_conf_set(conf.get(), "bootstrap.servers", bootstrap.c_str(), errstr, sizeof(errstr)),
      RD_KAFKA_CONF_OK);
  rd_kafka_conf_set(conf.get(), "log_level", "0", errstr, sizeof(errstr));
  std::unique_ptr<rd_kafka_t, HandleDeleter> rk(
      rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), errstr, sizeof(errstr)));
  ASSERT_NE(rk, nullptr);
  conf.release();  // rd_kafka_new took ownership.
  const rd_kafka_metadata_t* md = nullptr;
  EXPECT_NE(rd_kafka_metadata(rk.get(), 1, nullptr, &md, 500), RD_KAFKA_RESP_ERR_NO_ERROR);
  std::unique_ptr<const rd_kafka_metadata_t, MetadataDeleter> owned(md);
}

}  // namespace
}  // namespace opsreport::embedded_kafka
