#include "opsreport/grpc_util/transport.h"

#include <fstream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace opsreport::grpc_util {
namespace {

absl::StatusOr<std::string> ReadPem(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(what, " file ", path, ": cannot open"));
  std::stringstream content;
  content << in.rdbuf();
  std::string text = content.str();
  if (!absl::StrContains(text, "-----BEGIN ")) {
    return absl::InvalidArgumentError(absl::StrCat(what, " file ", path, ": not PEM"));
  }
  return text;
}

}  // namespace

absl::StatusOr<Transport> MutualTlsFromFiles(const std::string& root_certs_path,
                                             const std::string& cert_chain_path,
                                             const std::string& private_key_path) {
  Transport transport;
  transport.kind = Transport::Kind::kMutualTls;
  // Collect every unreadable file, not only the first.
  std::vector<std::string> errors;
  auto read = [&errors](const std::string& path, const char* what, std::string& into) {
    auto pem = ReadPem(path, what);
    if (pem.ok()) {
      into = *std::move(pem);
    } else {
      errors.emplace_back(pem.status().message());
    }
  };
  read(root_certs_path, "root certificates", transport.root_certs_pem);
  read(cert_chain_path, "certificate chain", transport.cert_chain_pem);
  read(private_key_path, "private key", transport.private_key_pem);
  if (!errors.empty()) {
    std::string message;
    for (const std::string& e : errors) absl::StrAppend(&message, message.empty() ? "" : "; ", e);
    return absl::InvalidArgumentError(message);
  }
  return transport;
}

std::shared_ptr<grpc::ServerCredentials> ServerCredentials(const Transport& transport) {
  if (transport.kind == Transport::Kind::kLocalTcp) {
    return grpc::experimental::LocalServerCredentials(LOCAL_TCP);
  }
  grpc::SslServerCredentialsOptions options(
      GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = transport.root_certs_pem;
  options.pem_key_cert_pairs.push_back({transport.private_key_pem, transport.cert_chain_pem});
  return grpc::SslServerCredentials(options);
}

std::shared_ptr<grpc::ChannelCredentials> ChannelCredentials(const Transport& transport) {
  if (transport.kind == Transport::Kind::kLocalTcp) {
    return grpc::experimental::LocalCredentials(LOCAL_TCP);
  }
  grpc::SslCredentialsOptions options;
  options.pem_root_certs = transport.root_certs_pem;
  options.pem_private_key = transport.private_key_pem;
  options.pem_cert_chain = transport.cert_chain_pem;
  return grpc::SslCredentials(options);
}

}  // namespace opsreport::grpc_util
