// Control files across the real processes: a crime filed at a district climbs
// to the Ministry through routing, the control service opens its file from
// the delivery on Kafka, the Ministry removes it over gRPC only on a lawful
// ground, regions hand a case over, and a SIGKILLed control service comes
// back with its files intact.

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "opsreport/fixtures/reports.h"
#include "opsreport/grpc_util/authentication.h"
#include "opsreport/grpc_util/transport.h"
#include "opsreport/v1/control.grpc.pb.h"
#include "opsreport/v1/routing.grpc.pb.h"
#include "stack_fixture.h"

namespace opsreport::integration {
namespace {

using ::testing::HasSubstr;

class ControlIntegrationTest : public StackTest {
 protected:
  static void SetUpTestSuite() {
    stack::StackOptions options;
    options.routing_extra_flags = "--outbox_poll=100ms";
    options.control_extra_flags = "--outbox_poll=100ms --timer_poll=200ms --transfer_allowed=2s";
    StartStack(std::move(options));
  }
  static std::string As(const std::string& unit) {
    return signer_->Sign({unit, absl::StrCat("Черговий ", unit), auth::Role::kDutyOfficer,
                          absl::Now() + absl::Hours(1)});
  }
  template <typename Stub, typename Req, typename Resp, typename Call>
  static grpc::Status CallAs(const std::string& address, const std::string& unit, const Req& req,
                             Resp* resp, Call call) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    grpc_util::AttachCredential(ctx, As(unit));
    auto stub = Stub::NewStub(grpc::CreateChannel(address, grpc_util::ChannelCredentials()));
    return ((*stub).*call)(&ctx, req, resp);
  }
  static grpc::Status Routing(const std::string& unit, const v1::ItemRequest& r) {
    v1::InboxItem out;
    return CallAs<v1::Routing>(stack_->routing_address(), unit, r, &out,
                               &v1::Routing::Stub::Acknowledge);
  }
  // Files a murder report and climbs it to the Ministry; returns its id once
  // its control file exists.
  std::string FileAndClimb(const std::string& key) {
    v1::SubmitSpecialReportRequest request;
    request.set_idempotency_key(key);
    *request.mutable_report() = fixtures::MurderReport(absl::Now() - absl::Minutes(50));
    v1::SubmitResponse filed;
    EXPECT_TRUE(Submit(request, &filed).ok());
    v1::ItemRequest item;
    item.set_item_id(filed.report_id());
    item.set_unit_code("1000");
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    while (!Routing("1000", item).ok() && absl::Now() < give_up)
      absl::SleepFor(absl::Milliseconds(100));
    v1::ForwardRequest fwd;
    fwd.set_unit_code("1000");
    fwd.set_item_id(filed.report_id());
    fwd.mutable_signature()->mutable_officer()->set_full_name("Олійник Василь Андрійович");
    fwd.mutable_signature()->set_capacity(v1::SIGNER_CAPACITY_HEAD);
    fwd.mutable_signature()->mutable_signed_at()->set_seconds(absl::ToUnixSeconds(absl::Now()));
    v1::InboxItem out;
    EXPECT_TRUE(CallAs<v1::Routing>(stack_->routing_address(), "1000", fwd, &out,
                                    &v1::Routing::Stub::Forward)
                    .ok());
    v1::ControlFile file;
    EXPECT_TRUE(WaitForFile(filed.report_id(), &file));
    return filed.report_id();
  }
  static bool WaitForFile(const std::string& id, v1::ControlFile* file) {
    v1::GetFileRequest get;
    get.set_id(id);
    const absl::Time give_up = absl::Now() + absl::Seconds(60);
    while (absl::Now() < give_up) {
      if (CallAs<v1::Control>(stack_->control_address(), "0001", get, file,
                              &v1::Control::Stub::GetFile)
              .ok()) {
        return true;
      }
      absl::SleepFor(absl::Milliseconds(200));
    }
    return false;
  }
};

TEST_F(ControlIntegrationTest, CrimeOnControlUntilRemovedOnALawfulGround) {
  auto services = ReflectionServices(stack_->control_address());
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, HasSubstr("opsreport.v1.Control"));

  const std::string id = FileAndClimb(absl::StrCat("control-", absl::ToUnixNanos(absl::Now())));
  v1::ControlFile file;
  ASSERT_TRUE(WaitForFile(id, &file));
  EXPECT_EQ(file.state(), v1::CONTROL_STATE_OPEN);
  EXPECT_EQ(file.region(), "1000");
  EXPECT_THAT(file.outgoing_number(), HasSubstr("1000/"));
  // Control acknowledged the delivery: routing no longer holds it for re-sending.
  bool held = true;
  for (const absl::Time until = absl::Now() + absl::Seconds(30); held && absl::Now() < until;) {
    auto entry = redis_->Command(
        {"ZSCORE", "routing:hops:outbox", absl::StrCat("delivered:", id, ":chain:0001:2")});
    held = !entry.ok() || !entry->is_nil();
    if (held) absl::SleepFor(absl::Milliseconds(200));
  }
  EXPECT_FALSE(held) << "the delivery is still in routing's outbox";

  v1::RemoveRequest remove;
  remove.set_id(id);
  remove.mutable_removal()->set_ground(v1::REMOVAL_GROUND_UNSPECIFIED);
  v1::ControlFile out;
  grpc::Status refused = CallAs<v1::Control>(stack_->control_address(), "0001", remove, &out,
                                             &v1::Control::Stub::Remove);
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(refused.error_message(), HasSubstr("removal.ground"));
  v1::Removal* r = remove.mutable_removal();
  r->set_ground(v1::REMOVAL_GROUND_OFFENDER_DETAINED);
  r->set_decided_on("2026-11-23");
  r->mutable_document()->set_kind("повідомлення про підозру");
  r->mutable_document()->set_number("17");
  r->mutable_document()->set_date("2026-11-23");
  r->set_decided_by("слідчий СВ Шевченківського РУ");
  r->set_suspect_full_name("Петров Петро Петрович");
  r->set_erdr_entered_on("2026-11-23");
  EXPECT_EQ(CallAs<v1::Control>(stack_->control_address(), "1000", remove, &out,
                                &v1::Control::Stub::Remove)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(CallAs<v1::Control>(stack_->control_address(), "0001", remove, &out,
                                  &v1::Control::Stub::Remove)
                  .ok());
  EXPECT_EQ(out.state(), v1::CONTROL_STATE_REMOVED);

  // The region's live view replays both changes of its file from the start.
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, As("1000"));
  auto stub = v1::Control::NewStub(
      grpc::CreateChannel(stack_->control_address(), grpc_util::ChannelCredentials()));
  v1::ControlWatchRequest watch;
  watch.set_cursor("0-0");
  auto reader = stub->Watch(&ctx, watch);
  std::vector<std::string> kinds;
  v1::ControlStreamEvent e;
  while (kinds.size() < 2 && reader->Read(&e)) {
    if (e.control().file().id() == id) kinds.push_back(e.control().kind());
  }
  ctx.TryCancel();
  EXPECT_THAT(kinds, ::testing::ElementsAre("opened", "removed"));
}

TEST_F(ControlIntegrationTest, HandOverBetweenRegionsSurvivesAKilledControlService) {
  const std::string id = FileAndClimb(absl::StrCat("handover-", absl::ToUnixNanos(absl::Now())));
  v1::ControlFile file;
  ASSERT_TRUE(WaitForFile(id, &file));
  v1::StartTransferRequest start;
  start.set_id(id);
  start.set_to_region("1400");
  start.set_control_outgoing_number(file.outgoing_number());
  v1::ControlFile moving;
  ASSERT_TRUE(CallAs<v1::Control>(stack_->control_address(), "1000", start, &moving,
                                  &v1::Control::Stub::StartTransfer)
                  .ok());
  EXPECT_EQ(moving.state(), v1::CONTROL_STATE_IN_TRANSFER);

  ASSERT_TRUE(stack_->KillControl().ok());
  ASSERT_TRUE(stack_->StartControl().ok());
  // Not confirmed within the allowed 2 s: shown as overdue, from durable state.
  absl::SleepFor(absl::Seconds(3));
  v1::ListFilesRequest list;
  v1::ListFilesResponse files;
  ASSERT_TRUE(CallAs<v1::Control>(stack_->control_address(), "0001", list, &files,
                                  &v1::Control::Stub::ListFiles)
                  .ok());
  EXPECT_THAT(files.overdue_transfer_ids(), ::testing::Contains(id));

  v1::ConfirmTransferRequest confirm;
  confirm.set_id(id);
  v1::ControlFile taken;
  EXPECT_EQ(CallAs<v1::Control>(stack_->control_address(), "2600", confirm, &taken,
                                &v1::Control::Stub::ConfirmTransfer)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(CallAs<v1::Control>(stack_->control_address(), "1400", confirm, &taken,
                                  &v1::Control::Stub::ConfirmTransfer)
                  .ok());
  EXPECT_EQ(taken.region(), "1400");
  EXPECT_EQ(taken.state(), v1::CONTROL_STATE_OPEN);
}

TEST_F(ControlIntegrationTest, CoordinationMeasureFromResolutionToRemovalOverGrpc) {
  auto services = ReflectionServices(stack_->control_address());
  ASSERT_TRUE(services.ok()) << services.status();
  EXPECT_THAT(*services, HasSubstr("opsreport.v1.Coordination"));
  const std::string chair = "Прокурор області Ковальчук";
  auto as_person = [&](const std::string& name, const std::string& unit) {
    return signer_->Sign({unit, name, auth::Role::kChair, absl::Now() + absl::Hours(1)});
  };
  auto call = [&](const std::string& token, auto request, auto* response, auto method) {
    grpc::ClientContext ctx;
    ctx.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(5)));
    grpc_util::AttachCredential(ctx, token);
    auto stub = v1::Coordination::NewStub(
        grpc::CreateChannel(stack_->control_address(), grpc_util::ChannelCredentials()));
    return ((*stub).*method)(&ctx, request, response);
  };
  const std::string id = absl::StrCat("res-", absl::ToUnixNanos(absl::Now()));
  v1::Resolution draft;
  draft.set_id(id);
  draft.set_jurisdiction("UA");
  draft.mutable_meeting_at()->set_seconds(absl::ToUnixSeconds(absl::Now()));
  draft.set_chair(chair);
  draft.add_participants("Начальник ГУМВС Олійник");
  v1::Measure* m = draft.add_measures();
  m->set_id("1");
  m->set_text("Спільні відпрацювання");
  m->add_executors("1000");
  m->mutable_deadline()->set_seconds(absl::ToUnixSeconds(absl::Now() + absl::Hours(24 * 60)));
  m->set_report_form("письмово");
  v1::Resolution r;
  ASSERT_TRUE(
      call(as_person(chair, "0001"), draft, &r, &v1::Coordination::Stub::CreateResolution).ok());
  EXPECT_FALSE(r.agreed());
  v1::GetResolutionRequest get;
  get.set_id(id);
  ASSERT_TRUE(
      call(as_person(chair, "0001"), get, &r, &v1::Coordination::Stub::SignResolution).ok());
  ASSERT_TRUE(call(as_person("Начальник ГУМВС Олійник", "1000"), get, &r,
                   &v1::Coordination::Stub::SignResolution)
                  .ok());
  EXPECT_TRUE(r.agreed());

  v1::ExtendMeasureRequest extend;
  extend.set_resolution_id(id);
  extend.set_measure_id("1");
  extend.mutable_new_deadline()->set_seconds(
      absl::ToUnixSeconds(absl::Now() + absl::Hours(24 * 90)));
  grpc::Status not_chair = call(as_person("Начальник ГУМВС Олійник", "1000"), extend, &r,
                                &v1::Coordination::Stub::ExtendMeasure);
  EXPECT_EQ(not_chair.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      call(as_person(chair, "0001"), extend, &r, &v1::Coordination::Stub::ExtendMeasure).ok());
  EXPECT_EQ(r.notices_size(), 1);

  v1::ReportMeasureRequest report;
  report.set_resolution_id(id);
  report.set_measure_id("1");
  report.set_text("Проведено");
  ASSERT_TRUE(call(As("1000"), report, &r, &v1::Coordination::Stub::ReportMeasure).ok());
  v1::RemoveMeasureRequest remove;
  remove.set_resolution_id(id);
  remove.set_measure_id("1");
  remove.set_note("виконано");
  ASSERT_TRUE(
      call(as_person(chair, "0001"), remove, &r, &v1::Coordination::Stub::RemoveMeasure).ok());
  EXPECT_EQ(r.measures(0).state(), v1::MEASURE_STATE_REMOVED);

  // The executor's live view shows the decisions addressed to it.
  grpc::ClientContext ctx;
  grpc_util::AttachCredential(ctx, As("1000"));
  auto stub = v1::Control::NewStub(
      grpc::CreateChannel(stack_->control_address(), grpc_util::ChannelCredentials()));
  v1::ControlWatchRequest watch;
  watch.set_cursor("0-0");
  auto reader = stub->Watch(&ctx, watch);
  std::vector<std::string> kinds;
  v1::ControlStreamEvent e;
  while (kinds.size() < 2 && reader->Read(&e)) {
    if (e.coordination().resolution_id() == id) kinds.push_back(e.coordination().kind());
  }
  ctx.TryCancel();
  EXPECT_THAT(kinds, ::testing::ElementsAre("extended", "removed"));
}

}  // namespace
}  // namespace opsreport::integration
