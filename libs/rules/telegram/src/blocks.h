#pragma once
// Indented blocks: persons (§9.1.7, §9.1.10), officers and the signature
// (§9.1.17–9.1.19), and the section-8 details map.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "google/protobuf/map.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "lines.h"
#include "opsreport/v1/report.pb.h"

namespace opsreport::telegram::internal {

// Enforces that the labels of one block come in the listed order, each once.
class BlockSequence {
 public:
  explicit BlockSequence(std::vector<std::string_view> labels) : labels_(std::move(labels)) {
    Reset();
  }
  // Index of `label` in the list, or -1.
  int Find(std::string_view label) const;
  // Records a problem and returns false when `index` is repeated or out of order.
  bool Accept(int index, const BlockLine& line, Problems& p);
  std::string Expected() const;  // "Посада, Звання"
  void Reset();

 private:
  std::vector<std::string_view> labels_;
  std::vector<int> seen_;
  int cursor_ = -1;
};

std::vector<BlockLine> OfficerLines(const opsreport::v1::Officer& officer, bool anchor);
// `officer` is called only when a line needs the officer (it may create it).
void ReadOfficerLines(const std::vector<BlockLine>& block,
                      const std::function<opsreport::v1::Officer*()>& officer, Problems& p);

// "т.в.о. Іваненко Іван Іванович": capacity, then the officer's name.
std::string SignerText(const opsreport::v1::Signature& signature);
std::vector<BlockLine> SignatureLines(const opsreport::v1::Signature& signature);
void ReadSignature(const Entry& entry, opsreport::v1::Signature* signature, Problems& p);

std::vector<BlockLine> PersonLines(
    const google::protobuf::RepeatedPtrField<opsreport::v1::Person>& persons);
void ReadPersons(const std::vector<BlockLine>& block,
                 google::protobuf::RepeatedPtrField<opsreport::v1::Person>* persons, Problems& p);

// One line per entry, sorted by key: "key: fact".
std::vector<BlockLine> DetailLines(
    const google::protobuf::Map<std::string, opsreport::v1::Fact>& details);
void ReadDetails(const std::vector<BlockLine>& block,
                 google::protobuf::Map<std::string, opsreport::v1::Fact>* details, Problems& p);

}  // namespace opsreport::telegram::internal
