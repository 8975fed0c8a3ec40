#pragma once
// The catalogue (Перелік) of events reported upward (DOMAIN §2), loaded from
// data. Each item carries its four-digit code, deadline, reach, service line,
// section-8 content rules and the КК articles consistent with it.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "opsreport/catalogue/content_rules.h"
#include "opsreport/v1/common.pb.h"

namespace opsreport::catalogue {

class Catalogue {
 public:
  // Content rule ids named by items must exist in `rules`.
  static absl::StatusOr<Catalogue> LoadFile(const std::string& path, const ContentRules& rules);
  static absl::StatusOr<Catalogue> Parse(std::string_view text, std::string_view file_name,
                                         const ContentRules& rules);

  const opsreport::v1::CatalogueItem* FindByNumber(std::string_view number) const;
  const opsreport::v1::CatalogueItem* FindByCode(std::string_view code) const;
  const std::vector<opsreport::v1::CatalogueItem>& items() const { return items_; }

  // True when `cc_article` ("115", or "258-3" for an article with a sign) is
  // listed for the item. Items with no articles (not crimes) accept none.
  bool ArticleConsistent(const opsreport::v1::CatalogueItem& item,
                         std::string_view cc_article) const;

 private:
  std::vector<opsreport::v1::CatalogueItem> items_;
  std::map<std::string, size_t, std::less<>> by_number_;
  std::map<std::string, size_t, std::less<>> by_code_;
};

// "30m", "2h", "1d" -> minutes; errors name the expected form.
absl::StatusOr<int64_t> ParseDeadlineMinutes(std::string_view text);

}  // namespace opsreport::catalogue
