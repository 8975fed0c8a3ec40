#include "opsreport/service/rule_data.h"

#include "opsreport/base/status_macros.h"

namespace opsreport::service {

absl::StatusOr<std::unique_ptr<const RuleData>> LoadRuleData(const CommonConfig& config) {
  ASSIGN_OR_RETURN(catalogue::ContentRules rules,
                   catalogue::ContentRules::LoadFile(config.content_rules));
  auto data = std::make_unique<RuleData>(RuleData{std::move(rules), {}, {}, nullptr});
  ASSIGN_OR_RETURN(data->catalogue,
                   catalogue::Catalogue::LoadFile(config.catalogue, data->content_rules));
  ASSIGN_OR_RETURN(data->org, org::OrgDirectory::LoadFiles(config.org_units, config.officials));
  ASSIGN_OR_RETURN(auth::CredentialSigner signer,
                   auth::CredentialSigner::FromKeyFile(config.credential_key_file));
  data->signer = std::make_shared<const auth::CredentialSigner>(std::move(signer));
  return data;
}

}  // namespace opsreport::service
