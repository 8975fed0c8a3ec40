#pragma once
// opsreport.v1.Consumers: what an operator sees of a service's consumer
// loops (held and parked counts, the oldest of each, a stuck loop and why),
// the parked and held records themselves, and the replay of parked records
// once their cause is fixed. Every service with consumer loops serves it
// (the service kit adds it); callable by the operator and service roles.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "opsreport/auth/principal.h"
#include "opsreport/consumer/hold_store.h"
#include "opsreport/consumer/parking_lot.h"
#include "opsreport/kafka/apply_loop.h"
#include "opsreport/v1/consumer.grpc.pb.h"

namespace opsreport::consumer {

struct ConsumersSources {
  std::string service;
  const std::vector<std::unique_ptr<kafka::ApplyLoop>>* loops = nullptr;
  ParkingLot* parking = nullptr;
  HoldStore* holds = nullptr;
  absl::Duration stall_limit = absl::Seconds(60);
  // Why the health check says NOT_SERVING ("" = SERVING).
  std::function<std::string()> not_serving_reason;
  absl::Duration replay_timeout = absl::Seconds(20);
};

// The use cases behind the RPCs (absl::Status inside, converted at the edge).
class Consumers {
 public:
  explicit Consumers(ConsumersSources sources) : s_(std::move(sources)) {}

  absl::StatusOr<v1::ConsumerStatus> Status(const auth::Principal& caller) const;
  absl::StatusOr<v1::ListParkedResponse> ListParked(const auth::Principal& caller,
                                                    const v1::ListParkedRequest& request) const;
  absl::StatusOr<v1::ListHeldResponse> ListHeld(const auth::Principal& caller,
                                                const v1::ListHeldRequest& request) const;
  absl::StatusOr<v1::ReplayParkedResponse> Replay(const auth::Principal& caller,
                                                  const v1::ReplayParkedRequest& request) const;

 private:
  ConsumersSources s_;
};

class ConsumersService final : public v1::Consumers::Service {
 public:
  explicit ConsumersService(ConsumersSources sources) : consumers_(std::move(sources)) {}

  grpc::Status Status(grpc::ServerContext* context, const v1::ConsumerStatusRequest* request,
                      v1::ConsumerStatus* response) override;
  grpc::Status ListParked(grpc::ServerContext* context, const v1::ListParkedRequest* request,
                          v1::ListParkedResponse* response) override;
  grpc::Status ListHeld(grpc::ServerContext* context, const v1::ListHeldRequest* request,
                        v1::ListHeldResponse* response) override;
  grpc::Status ReplayParked(grpc::ServerContext* context, const v1::ReplayParkedRequest* request,
                            v1::ReplayParkedResponse* response) override;

 private:
  Consumers consumers_;
};

}  // namespace opsreport::consumer
