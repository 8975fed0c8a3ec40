#pragma once
// The rule data every service loads at start (catalogue, content rules, org
// tree and officials) and the signer that verifies callers' credentials, in
// one call. Held behind a pointer because the catalogue refers to the
// content rules it was loaded with.

#include <memory>

#include "absl/status/statusor.h"
#include "opsreport/auth/credential_signer.h"
#include "opsreport/catalogue/catalogue.h"
#include "opsreport/catalogue/content_rules.h"
#include "opsreport/org/org_directory.h"
#include "opsreport/service/common_config.h"

namespace opsreport::service {

struct RuleData {
  catalogue::ContentRules content_rules;
  catalogue::Catalogue catalogue;
  org::OrgDirectory org;
  std::shared_ptr<const auth::CredentialSigner> signer;
};

// Errors name the file at fault (each loader's own message).
absl::StatusOr<std::unique_ptr<const RuleData>> LoadRuleData(const CommonConfig& config);

}  // namespace opsreport::service
