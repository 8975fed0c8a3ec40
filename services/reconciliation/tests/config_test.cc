// The service's typed configuration: unknown keys and impossible values
// refuse the start, each named.
#include <fstream>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "opsreport/testing/status_matchers.h"
#include "reconciliation_config.h"

namespace opsreport::reconciliation_service {
namespace {

using ::testing::HasSubstr;

absl::Status Load(const std::string& text) {
  absl::StatusOr<config::RawConfig> raw = config::ParseConfigText(text, "reconciliation.conf");
  if (!raw.ok()) return raw.status();
  ReconciliationConfig c;
  absl::Status s = ReconciliationSchema(c).Apply(*raw);
  if (!s.ok()) return s;
  return ValidateReconciliationConfig(c);
}

TEST(ReconciliationConfigTest, TheDeployedFileLoads) {
  std::ifstream in("deploy/reconciliation.conf");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  ASSERT_FALSE(text.empty());
  EXPECT_OK(Load(text));
}

TEST(ReconciliationConfigTest, AnUnknownKeyIsRefused) {
  absl::Status s = Load("kafka = k:9092\ncredential_key_file = k\ndaily_tme = 09:00\n");
  EXPECT_THAT(s.message(), HasSubstr("daily_tme"));
}

TEST(ReconciliationConfigTest, ImpossibleValuesAreNamedTogether) {
  absl::Status s = Load(
      "kafka = k:9092\ncredential_key_file = k\ndaily_time = 9am\nreport_due_day = 5\n"
      "ministry_day = 5\n");
  EXPECT_THAT(s.message(), HasSubstr("daily_time: '9am' is not HH:MM"));
  EXPECT_THAT(s.message(), HasSubstr("report_due_day"));
  EXPECT_THAT(s.message(), HasSubstr("ministry_day"));
}

}  // namespace
}  // namespace opsreport::reconciliation_service
