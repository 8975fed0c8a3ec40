// The routing commands of opsreport-cli: a duty desk's inbox and acts, and
// headquarters' views.
#include <iostream>
#include <set>

#include "cli.h"
#include "opsreport/calendar/kyiv.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/v1/routing.grpc.pb.h"

namespace opsreport::cli {
namespace {

using v1::Routing;

void PrintItem(const v1::InboxItem& item, const std::string& indent) {
  const auto& doc = item.hop().document();
  std::cout << indent << item.item_id() << "  " << v1::InboxState_Name(item.state()) << "  "
            << v1::HopKind_Name(item.hop().kind()) << "  from " << item.hop().from_unit() << "  "
            << item.hop().sender_outgoing_number();
  if (doc.has_special_report()) std::cout << "  п. " << doc.special_report().catalogue_number();
  if (item.final()) std::cout << "  (last level)";
  if (!item.hop().question().empty())
    std::cout << "\n" << indent << "  ? " << item.hop().question();
  std::cout << "\n";
}

// A reconciliation request (002 §3.7, §7.8.2) and, once answered, its answer.
void PrintReconciliation(const v1::ReconciliationInboxItem& item) {
  const v1::ReconciliationRequest& r = item.request();
  std::cout << "  R " << r.id() << "  " << v1::ReconciliationRequestKind_Name(r.kind()) << "  day "
            << r.summary_day() << "\n      ? " << r.question() << "\n";
  if (!item.has_answered_at()) return;
  std::cout << "      answered "
            << calendar::FormatKyiv(absl::FromUnixSeconds(item.answered_at().seconds()));
  if (!item.answered_by_outgoing_number().empty()) {
    std::cout << " by " << item.answered_by_outgoing_number();
  }
  if (!item.answer().empty())
    std::cout << ": " << item.answer() << " (" << item.answered_by_officer() << ")";
  std::cout << "\n";
}

template <typename Request, typename Response, typename Call>
int Unary(const Options& o, const Request& request, Call call, Response* response) {
  auto stub = Routing::NewStub(grpc::CreateChannel(o.routing, grpc_util::ChannelCredentials()));
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, o.token);
  grpc::Status s = ((*stub).*call)(&ctx, request, response);
  return s.ok() ? 0 : PrintStatus(s);
}

}  // namespace

bool IsRoutingCommand(const std::string& command) {
  static const std::set<std::string> kCommands = {"inbox", "ack",      "ask",     "forward",
                                                  "case",  "breaches", "summary", "morning-check",
                                                  "watch", "answer"};
  return kCommands.count(command) > 0;
}

int RunRoutingCommand(const std::string& command, const Options& o) {
  if (command == "inbox") {
    v1::ListInboxRequest r;
    r.set_unit_code(o.unit);
    r.set_include_done(o.all);
    v1::ListInboxResponse resp;
    if (int rc = Unary(o, r, &Routing::Stub::ListInbox, &resp)) return rc;
    for (const auto& e : resp.entries()) {
      PrintItem(e.item(), "");
      for (const auto& s : e.supplements()) PrintItem(s, "    + ");
    }
    for (const auto& q : resp.data_requests()) PrintItem(q, "  Q ");
    for (const auto& r : resp.reconciliation_requests()) PrintReconciliation(r);
    return 0;
  }
  if (command == "answer") {  // the asked unit closes a reconciliation request
    v1::AnswerReconciliationRequestRequest r;
    r.set_unit_code(o.unit);
    r.set_request_id(o.id);
    r.set_answer(o.question);
    r.set_outgoing_number(o.outgoing);
    v1::ReconciliationInboxItem item;
    if (int rc = Unary(o, r, &Routing::Stub::AnswerReconciliationRequest, &item)) return rc;
    PrintReconciliation(item);
    return 0;
  }
  if (command == "ack" || command == "ask" || command == "forward") {
    v1::InboxItem item;
    int rc = 0;
    if (command == "ack") {
      v1::ItemRequest r;
      r.set_unit_code(o.unit);
      r.set_item_id(o.item);
      rc = Unary(o, r, &Routing::Stub::Acknowledge, &item);
    } else if (command == "ask") {
      v1::RequestDataRequest r;
      r.set_unit_code(o.unit);
      r.set_item_id(o.item);
      r.set_question(o.question);
      rc = Unary(o, r, &Routing::Stub::RequestData, &item);
    } else {
      v1::ForwardRequest r;
      r.set_unit_code(o.unit);
      r.set_item_id(o.item);
      r.mutable_signature()->mutable_officer()->set_full_name(o.signer);
      r.mutable_signature()->set_capacity(o.capacity == "acting" ? v1::SIGNER_CAPACITY_ACTING
                                                                 : v1::SIGNER_CAPACITY_HEAD);
      r.mutable_signature()->mutable_signed_at()->set_seconds(absl::ToUnixSeconds(absl::Now()));
      rc = Unary(o, r, &Routing::Stub::Forward, &item);
    }
    if (rc == 0) PrintItem(item, "");
    return rc;
  }
  if (command == "case") {
    v1::GetCaseRequest r;
    r.set_root_report_id(o.id);
    v1::CaseView resp;
    if (int rc = Unary(o, r, &Routing::Stub::GetCase, &resp)) return rc;
    std::cout << ToJson(resp);
    return 0;
  }
  if (command == "breaches") {
    v1::ListBreachesRequest r;
    r.set_unit_code(o.unit);
    v1::ListBreachesResponse resp;
    if (int rc = Unary(o, r, &Routing::Stub::ListBreaches, &resp)) return rc;
    for (const auto& b : resp.breaches()) {
      std::cout << calendar::FormatKyiv(absl::FromUnixSeconds(b.due().seconds())) << "  "
                << b.kind() << "  " << b.unit_responsible() << "  " << b.outgoing_number() << "  "
                << (b.has_met_at() ? "late" : "unmet") << " by " << b.late_by_seconds() << " s  ("
                << b.section() << ")\n";
    }
    return 0;
  }
  if (command == "summary") {
    v1::DailySummaryRequest r;
    r.set_unit_code(o.unit);
    r.set_day(o.day);
    v1::DailySummaryResponse resp;
    if (int rc = Unary(o, r, &Routing::Stub::DailySummary, &resp)) return rc;
    std::cout << (o.json ? resp.json() : resp.text()) << std::endl;
    return 0;
  }
  if (command == "morning-check") {
    v1::MorningCheckRequest r;
    r.set_region_code(o.unit);
    r.set_day(o.day);
    v1::MorningCheckResponse resp;
    if (int rc = Unary(o, r, &Routing::Stub::MorningCheck, &resp)) return rc;
    std::cout << resp.text() << std::endl;
    return 0;
  }
  // watch: until interrupted.
  auto stub = Routing::NewStub(grpc::CreateChannel(o.routing, grpc_util::ChannelCredentials()));
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, o.token);
  v1::WatchRequest r;
  r.set_unit_code(o.unit);
  auto reader = stub->Watch(&ctx, r);
  v1::RoutingEvent e;
  while (reader->Read(&e)) {
    std::cout << calendar::FormatKyiv(absl::FromUnixSeconds(e.at().seconds())) << "  "
              << e.unit_code() << "  " << e.change() << "  "
              << (e.has_breach() ? e.breach().kind() + " " + e.breach().document_id()
                                 : e.item().item_id())
              << std::endl;
  }
  grpc::Status s = reader->Finish();
  return s.ok() ? 0 : PrintStatus(s);
}

}  // namespace opsreport::cli
