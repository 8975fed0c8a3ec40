#include "opsreport/kafka/apply_loop.h"

#include <cstdlib>
#include <iostream>
#include <random>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace opsreport::kafka {
namespace {

constexpr absl::Duration kCommitInterval = absl::Milliseconds(200);
constexpr absl::Duration kPartitionPause = absl::Seconds(1);

// Exponential, capped, with "equal jitter": half the step fixed, half
// random, so loops that failed together (Redis came back) do not retry in
// lockstep.
absl::Duration BackoffOf(const RetryPolicy& policy, int attempt) {
  absl::Duration step = policy.initial_backoff;
  for (int i = 1; i < attempt && step < policy.max_backoff; ++i) step *= 2;
  step = std::min(step, policy.max_backoff);
  thread_local std::mt19937_64 random(std::random_device{}());
  std::uniform_real_distribution<double> half(0.5, 1.0);
  return step * half(random);
}

}  // namespace

std::string RecordId(const Message& message) {
  return absl::StrCat(message.topic, "/", message.partition, "@", message.offset);
}

struct ApplyLoop::ReplayRequest {
  std::vector<std::string> ids;
  bool all = false;
  bool done = false;
  absl::Status status;
  ReplayOutcome outcome;
};

ApplyLoop::ApplyLoop(Consumer* consumer, Handler handler, DeadLetters* dead_letters,
                     ApplyLoopOptions options)
    : consumer_(consumer),
      handler_(std::move(handler)),
      dead_letters_(dead_letters),
      options_(std::move(options)) {
  if (dead_letters_ == nullptr) {
    // Without a place to park, a record that cannot be applied would have
    // to be dropped or retried forever: both are what this loop prevents.
    std::cerr << options_.name << ": an ApplyLoop needs DeadLetters" << std::endl;
    std::abort();
  }
  if (options_.retry.attempts < 1) options_.retry.attempts = 1;
  snapshot_.name = options_.name;
  snapshot_.last_advanced_at = absl::Now();
}

ApplyLoop::~ApplyLoop() { Stop(); }

void ApplyLoop::Start() {
  stop_ = false;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] {
    while (!stop_) RunOnce(absl::Milliseconds(100));
    CommitApplied();
  });
}

void ApplyLoop::Stop() {
  stop_ = true;
  {
    absl::MutexLock lock(&mu_);
    stopping_ = true;
  }
  if (thread_.joinable()) thread_.join();
  // A replay nobody will run any more is answered, not left waiting.
  absl::MutexLock lock(&mu_);
  for (auto& request : replays_) {
    request->status = absl::UnavailableError(options_.name + " is stopping");
    request->done = true;
  }
  replays_.clear();
}

bool ApplyLoop::KeepsOrder(const std::string& topic) const {
  return options_.keeps_key_order && options_.keeps_key_order(topic);
}

bool ApplyLoop::RunOnce(absl::Duration timeout) {
  RunReplays();
  absl::StatusOr<std::optional<Message>> polled = consumer_->Poll(timeout);
  if (!polled.ok() || !polled->has_value()) {
    if (absl::Now() - last_commit_ >= kCommitInterval) CommitApplied();
    return false;
  }
  const Message& message = **polled;
  Begin(message);
  Outcome outcome = Apply(message);
  End(outcome);
  if (outcome == Outcome::kStopped) return false;  // not committed: redelivered to the next owner
  to_commit_[{message.topic, message.partition}] = message;
  if (absl::Now() - last_commit_ >= kCommitInterval) CommitApplied();
  return true;
}

ApplyLoop::Outcome ApplyLoop::Apply(const Message& message) {
  const bool ordered = KeepsOrder(message.topic);
  int attempt = 0;
  if (ordered) {
    absl::Time& last = last_read_[{message.topic, message.partition}];
    const absl::Time now = absl::Now();
    if (now - last > kPartitionPause) {
      // Possibly just assigned from another process: learn the keys it
      // parked before trusting the memory. A failed read keeps the memory
      // (re-read within seconds anyway); the handler meets Redis next.
      dead_letters_->Refresh().IgnoreError();
    }
    last = now;
    if (std::optional<std::string> head = dead_letters_->HeldBy(message.topic, message.key)) {
      // The parked record itself, read again (its commit was lost in a crash
      // or a rebalance): it is parked already, with its own diagnosis.
      if (*head == RecordId(message)) return Outcome::kParked;
      Parked behind{message, ParkCause::kBehind,
                    absl::StrCat("waits behind parked record ", *head, " with the same key")};
      behind.behind = *head;
      return ParkDurably(behind, &attempt) ? Outcome::kParked : Outcome::kStopped;
    }
  }
  absl::Time first_failed = absl::InfinitePast();
  while (true) {
    absl::Status status = handler_(message);
    ++attempt;
    if (status.ok()) return Outcome::kApplied;
    if (first_failed == absl::InfinitePast()) first_failed = absl::Now();
    Note(status);
    if (absl::IsInvalidArgument(status)) {
      std::cerr << options_.name << ": parking " << RecordId(message)
                << ", it can never be applied: " << status << std::endl;
      Parked invalid{message, ParkCause::kInvalid, std::string(status.message()), attempt,
                     first_failed};
      return ParkDurably(invalid, &attempt) ? Outcome::kParked : Outcome::kStopped;
    }
    if (attempt >= options_.retry.attempts) {
      if (attempt == options_.retry.attempts) {
        std::cerr << options_.name << ": parking " << RecordId(message) << " after " << attempt
                  << " attempts: " << status << std::endl;
      }
      Parked exhausted{
          message, ParkCause::kRetriesExhausted, status.ToString(), attempt, first_failed, "",
          ordered};
      absl::Status parked = dead_letters_->Park(exhausted);
      if (parked.ok()) {
        ++parked_;
        return Outcome::kParked;
      }
      // Parking needs what failed the handler (usually Redis): keep trying
      // both, slowly, until one succeeds. Nothing behind it is committed.
      if (attempt == options_.retry.attempts) {
        std::cerr << options_.name << ": cannot park " << RecordId(message) << " (" << parked
                  << "); keeping it and trying again" << std::endl;
      }
      Note(absl::UnavailableError(
          absl::StrCat("cannot park (", parked.ToString(), ") after: ", status.ToString())));
    }
    if (!Backoff(attempt)) return Outcome::kStopped;
  }
}

bool ApplyLoop::ParkDurably(const Parked& parked, int* attempt) {
  while (true) {
    absl::Status status = dead_letters_->Park(parked);
    if (status.ok()) {
      ++parked_;
      return true;
    }
    ++*attempt;
    Note(absl::UnavailableError(absl::StrCat("cannot park: ", status.ToString())));
    if (!Backoff(*attempt)) return false;
  }
}

bool ApplyLoop::Backoff(int attempt) {
  absl::Duration delay = BackoffOf(options_.retry, attempt);
  absl::MutexLock lock(&mu_);
  mu_.AwaitWithTimeout(absl::Condition(&stopping_), delay);
  return !stop_;
}

void ApplyLoop::Begin(const Message& message) {
  absl::MutexLock lock(&mu_);
  snapshot_.current = RecordId(message);
  snapshot_.current_since = absl::Now();
  snapshot_.last_error.clear();
}

void ApplyLoop::Note(const absl::Status& status) {
  absl::MutexLock lock(&mu_);
  snapshot_.last_error = status.ToString();
}

void ApplyLoop::End(Outcome outcome) {
  if (outcome == Outcome::kApplied) ++applied_;
  absl::MutexLock lock(&mu_);
  if (outcome != Outcome::kStopped) snapshot_.last_advanced_at = absl::Now();
  snapshot_.current.clear();
  snapshot_.current_since = absl::InfinitePast();
  snapshot_.last_error.clear();
  snapshot_.applied = applied_;
  snapshot_.parked = parked_;
}

LoopSnapshot ApplyLoop::Snapshot() const {
  absl::MutexLock lock(&mu_);
  LoopSnapshot s = snapshot_;
  s.applied = applied_;
  s.parked = parked_;
  return s;
}

std::optional<std::string> ApplyLoop::Stalled(absl::Time now, absl::Duration limit) const {
  absl::MutexLock lock(&mu_);
  if (snapshot_.current.empty() || now - snapshot_.current_since <= limit) return std::nullopt;
  return absl::StrCat(
      options_.name, " has not advanced past ", snapshot_.current, " for ",
      absl::FormatDuration(absl::Trunc(now - snapshot_.current_since, absl::Seconds(1))),
      snapshot_.last_error.empty() ? "" : ": ", snapshot_.last_error);
}

absl::StatusOr<ReplayOutcome> ApplyLoop::Replay(std::vector<std::string> ids, bool all,
                                                absl::Duration timeout) {
  auto request = std::make_shared<ReplayRequest>();
  request->ids = std::move(ids);
  request->all = all;
  absl::MutexLock lock(&mu_);
  replays_.push_back(request);
  auto done = [&request] { return request->done; };
  if (!mu_.AwaitWithTimeout(absl::Condition(&done), timeout)) {
    // Still queued: the loop is busy (retrying a record it cannot apply).
    for (auto it = replays_.begin(); it != replays_.end(); ++it) {
      if (*it == request) {
        replays_.erase(it);
        return absl::DeadlineExceededError(absl::StrCat(
            options_.name, " did not get to the replay within ", absl::FormatDuration(timeout),
            snapshot_.current.empty() ? "" : "; it is busy with ", snapshot_.current,
            snapshot_.last_error.empty() ? "" : ": ", snapshot_.last_error));
      }
    }
    // Taken meanwhile: it runs to the end.
    mu_.Await(absl::Condition(&done));
  }
  if (!request->status.ok()) return request->status;
  return request->outcome;
}

void ApplyLoop::RunReplays() {
  while (true) {
    std::shared_ptr<ReplayRequest> request;
    {
      absl::MutexLock lock(&mu_);
      if (replays_.empty()) return;
      request = replays_.front();
      replays_.pop_front();
    }
    absl::Status status;
    ReplayOutcome outcome = DoReplay(request->ids, request->all, &status);
    absl::MutexLock lock(&mu_);
    request->outcome = std::move(outcome);
    request->status = status;
    request->done = true;
  }
}

ReplayOutcome ApplyLoop::DoReplay(const std::vector<std::string>& ids, bool all,
                                  absl::Status* error) {
  ReplayOutcome outcome;
  absl::StatusOr<std::vector<Parked>> records = dead_letters_->ForReplay(ids, all);
  if (!records.ok()) {
    *error = records.status();
    return outcome;
  }
  // A record that fails again keeps the ones behind it (same topic and key)
  // parked, in order.
  std::set<std::pair<std::string, std::string>> failed;
  for (Parked& parked : *records) {
    const Message& m = parked.message;
    const bool ordered = KeepsOrder(m.topic);
    if (ordered && failed.count({m.topic, m.key})) {
      outcome.still_parked.push_back(parked);
      continue;
    }
    absl::Status applied = handler_(m);
    if (!applied.ok()) {
      parked.error = applied.ToString();
      parked.attempts += 1;
      if (absl::IsInvalidArgument(applied)) {
        // It can never apply: it stops holding its key, and what waited
        // behind it is applied after it.
        parked.cause = ParkCause::kInvalid;
        parked.holds_key = false;
        parked.behind.clear();
      } else if (ordered) {
        parked.holds_key = true;
        failed.insert({m.topic, m.key});
      }
    }
    absl::Status recorded = dead_letters_->Replayed(parked, applied);
    if (!recorded.ok()) {
      // Applied (or not) but the store did not take it: the next replay
      // applies it again, which its handler's idempotence absorbs.
      *error = recorded;
      return outcome;
    }
    if (applied.ok()) {
      ++applied_;
      outcome.replayed.push_back(RecordId(m));
      std::cerr << options_.name << ": replayed " << RecordId(m) << std::endl;
    } else {
      outcome.still_parked.push_back(parked);
    }
  }
  return outcome;
}

void ApplyLoop::CommitApplied() {
  last_commit_ = absl::Now();
  for (auto it = to_commit_.begin(); it != to_commit_.end();) {
    if (consumer_->AckAsync(it->second).ok()) {
      it = to_commit_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace opsreport::kafka
