#include "report_store.h"

namespace opsreport::intake {

void ApplyNumbers(v1::AcceptedDocument& doc, int64_t registration_number,
                  const std::string& outgoing_number) {
  doc.set_registration_number(registration_number);
  doc.set_outgoing_number(outgoing_number);
  if (doc.has_special_report()) {
    doc.mutable_special_report()->set_registration_number(registration_number);
    doc.mutable_special_report()->set_outgoing_number(outgoing_number);
  } else if (doc.has_supplement()) {
    doc.mutable_supplement()->set_registration_number(registration_number);
    doc.mutable_supplement()->set_outgoing_number(outgoing_number);
    doc.mutable_supplement()->set_original_report_id(doc.root_report_id());
  }
}

}  // namespace opsreport::intake
