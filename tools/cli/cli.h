#pragma once
// Shared pieces of opsreport-cli's commands.

#include <string>

#include "google/protobuf/message.h"
#include "grpcpp/grpcpp.h"

namespace opsreport::cli {

struct Options {
  std::string key_file, unit, officer, role = "duty_officer";
  int64_t hours = 12;
  std::string intake = "127.0.0.1:50051", token, file, idempotency_key, id, outgoing;
  std::string routing = "127.0.0.1:50052", item, question, signer, capacity = "head", day;
  std::string control = "127.0.0.1:50053";
  std::string reconciliation = "127.0.0.1:50054", kind, period, format;
  std::string service;  // any service's gRPC address (consumer commands)
  int64_t limit = 0;
  std::string page;
  bool rerun = false;
  bool watch = false;
  bool all = false;
  bool json = false;
};

int Fail(const std::string& message);
// Prints the status and every field violation it carries; returns 1.
int PrintStatus(const grpc::Status& s);
std::string ToJson(const google::protobuf::Message& m);

bool IsRoutingCommand(const std::string& command);
int RunRoutingCommand(const std::string& command, const Options& o);
bool IsControlCommand(const std::string& command);
int RunControlCommand(const std::string& command, const Options& o);
bool IsReconciliationCommand(const std::string& command);
int RunReconciliationCommand(const std::string& command, const Options& o);
bool IsConsumerCommand(const std::string& command);
int RunConsumerCommand(const std::string& command, const Options& o);

}  // namespace opsreport::cli
