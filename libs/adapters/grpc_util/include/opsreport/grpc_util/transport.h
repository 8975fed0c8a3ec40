#pragma once
// The transport every opsreport server and client uses, chosen by
// configuration: loopback-only local TCP (embedded stack, tests, benchmarks)
// or mutual TLS (production). Both carry the credential check of
// authentication.h; plain insecure transport cannot (see README).

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"

namespace opsreport::grpc_util {

struct Transport {
  enum class Kind {
    kLocalTcp,   // peers must connect over loopback (127.0.0.1, ::1, localhost)
    kMutualTls,  // both sides present a certificate signed by root_certs_pem
  };
  Kind kind = Kind::kLocalTcp;
  // kMutualTls only, PEM text. One certificate may serve both sides when it
  // carries both serverAuth and clientAuth usages.
  std::string root_certs_pem;
  std::string cert_chain_pem;
  std::string private_key_pem;
};

// Reads the three PEM files; NOT_FOUND / INVALID_ARGUMENT name the file.
absl::StatusOr<Transport> MutualTlsFromFiles(const std::string& root_certs_path,
                                             const std::string& cert_chain_path,
                                             const std::string& private_key_path);

// New credentials on each call (a server's copy receives its own processor).
std::shared_ptr<grpc::ServerCredentials> ServerCredentials(const Transport& transport = {});
std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials(const Transport& transport = {});

}  // namespace opsreport::grpc_util
