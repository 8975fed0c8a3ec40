#pragma once
// Hosts librdkafka's mock Kafka cluster inside this process. Its brokers listen
// on 127.0.0.1 (kernel-chosen ports), so clients in other processes connect to
// bootstrap() like to a real cluster. Nothing survives the process.

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace opsreport::embedded_kafka {

// Kafka protocol request types (ApiKey) for PushRequestErrors; librdkafka keeps
// its own RD_KAFKAP_* names in a private header.
namespace kafka_api {
inline constexpr int16_t kProduce = 0;
inline constexpr int16_t kFetch = 1;
inline constexpr int16_t kListOffsets = 2;
inline constexpr int16_t kMetadata = 3;
inline constexpr int16_t kOffsetCommit = 8;
inline constexpr int16_t kOffsetFetch = 9;
inline constexpr int16_t kFindCoordinator = 10;
inline constexpr int16_t kJoinGroup = 11;
inline constexpr int16_t kHeartbeat = 12;
inline constexpr int16_t kLeaveGroup = 13;
inline constexpr int16_t kSyncGroup = 14;
inline constexpr int16_t kInitProducerId = 22;
}  // namespace kafka_api

class MockCluster {
 public:
  // Broker ids are 1..brokers.
  static absl::StatusOr<std::unique_ptr<MockCluster>> Start(int brokers = 3);

  // Destroys the cluster (closing every client connection), then the handle.
  ~MockCluster();
  MockCluster(const MockCluster&) = delete;
  MockCluster& operator=(const MockCluster&) = delete;

  // "127.0.0.1:port1,127.0.0.1:port2,..."
  const std::string& bootstrap() const { return bootstrap_; }
  int broker_count() const { return brokers_; }

  // ALREADY_EXISTS if the topic exists. The 2.0.2 mock ignores
  // `replication_factor` (every partition gets min(3, brokers) replicas) and
  // picks each partition's leader at random; we still check it is in
  // 1..broker_count() as a real cluster would.
  absl::Status CreateTopic(const std::string& topic, int partitions, int replication_factor);

  // Closes the broker's connections and refuses new ones; its partitions keep
  // it as leader (no failover), so clients stall until SetBrokerUp.
  // kAllBrokers addresses every broker.
  absl::Status SetBrokerDown(int32_t broker_id);
  absl::Status SetBrokerUp(int32_t broker_id);
  static constexpr int32_t kAllBrokers = -1;

  // The next `count` requests of type `api_key` (see kafka_api), on any broker,
  // fail with `error`. RD_KAFKA_RESP_ERR__TRANSPORT makes the broker drop the
  // connection instead of answering.
  absl::Status PushRequestErrors(int16_t api_key, int count, rd_kafka_resp_err_t error);

  // Delays every response of `broker_id` (or kAllBrokers) by `rtt_ms`; 0 clears.
  absl::Status SetBrokerRtt(int32_t broker_id, int rtt_ms);

 private:
  struct HandleDeleter {
    void operator()(rd_kafka_t* p) const { rd_kafka_destroy(p); }
  };
  struct ClusterDeleter {
    void operator()(rd_kafka_mock_cluster_t* p) const { rd_kafka_mock_cluster_destroy(p); }
  };

  MockCluster() = default;
  absl::Status CheckBroker(int32_t broker_id, const char* what) const;

  int brokers_ = 0;
  std::string bootstrap_;
  // Declared before cluster_ so it is destroyed after it.
  std::unique_ptr<rd_kafka_t, HandleDeleter> handle_;
  std::unique_ptr<rd_kafka_mock_cluster_t, ClusterDeleter> cluster_;
};

}  // namespace opsreport::embedded_kafka
