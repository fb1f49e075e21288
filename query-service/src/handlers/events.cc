#include <algorithm>

#include "dossier/common/ids.h"
#include "dossier/common/status.h"
#include "dossier/common/strings.h"
#include "handlers/query_service.h"
#include "handlers/validation.h"

namespace dossier::query {
namespace {

constexpr size_t kMaxCameoPrefixDigits = 4;

// The filters ListEventsRequest and WatchEventsRequest share, by field name.
template <typename Request>
absl::Status ReadSharedEventFilters(const Request& request, EventFilter& filter) {
  auto participant = OptionalIdFilter("participant_entity_id", request.participant_entity_id());
  if (!participant.ok()) return participant.status();
  filter.participant_entity_id = *participant;
  auto types = EnumFilter("types", request.types(), v1::EventType_descriptor());
  if (!types.ok()) return types.status();
  filter.types = std::move(*types);
  const std::string& prefix = request.cameo_code_prefix();
  if (!prefix.empty()) {
    if (prefix.size() > kMaxCameoPrefixDigits || !std::all_of(prefix.begin(), prefix.end(), ::isdigit)) {
      return absl::InvalidArgumentError(
          strings::Cat("cameo_code_prefix must be 1 to 4 digits, e.g. \"19\", got \"", prefix.substr(0, 16), "\""));
    }
    filter.cameo_code_prefix = prefix;
  }
  auto location = OptionalIdFilter("location_entity_id", request.location_entity_id());
  if (!location.ok()) return location.status();
  filter.location_entity_id = *location;
  auto modalities = EnumFilter("modalities", request.modalities(), v1::Modality_descriptor());
  if (!modalities.ok()) return modalities.status();
  filter.modalities = std::move(*modalities);
  if (auto status = CheckConfidence("min_confidence", request.min_confidence()); !status.ok()) return status;
  filter.min_confidence = request.min_confidence();
  return absl::OkStatus();
}

absl::StatusOr<EventFilter> ReadEventFilter(const v1::ListEventsRequest& request) {
  EventFilter filter;
  if (auto status = ReadSharedEventFilters(request, filter); !status.ok()) return status;
  if (request.participant_role() != v1::PARTICIPANT_ROLE_UNSPECIFIED) {
    if (!filter.participant_entity_id) {
      return absl::InvalidArgumentError("participant_role needs participant_entity_id");
    }
    filter.participant_role = request.participant_role();
  }
  auto time = ReadTimeRange("time", request.has_time(), request.time());
  if (!time.ok()) return time.status();
  filter.time_from = time->from;
  filter.time_to = time->to;
  auto article = OptionalIdFilter("article_id", request.article_id());
  if (!article.ok()) return article.status();
  filter.article_id = *article;
  return filter;
}

// Live watch: events are read in batches of this many; between batches a watcher waits for
// the feed at most kWatchPoll, so a missed wake-up delays an event by that much at worst,
// and a cancelled call is noticed as soon.
constexpr int kWatchBatch = 100;
constexpr auto kWatchPoll = std::chrono::seconds(1);
constexpr auto kWatchQueryTimeout = std::chrono::seconds(10);

Deadline WatchQueryDeadline() { return std::chrono::system_clock::now() + kWatchQueryTimeout; }

// Counts a watcher for as long as it lives; refuses more than the service allows.
class WatcherSlot {
 public:
  WatcherSlot(std::atomic<int>& active, int limit) : active_(active), taken_(++active_ <= limit) {}
  ~WatcherSlot() { --active_; }
  bool taken() const { return taken_; }

 private:
  std::atomic<int>& active_;
  bool taken_;
};

}  // namespace

grpc::Status QueryServiceImpl::GetEvent(grpc::ServerContext* context, const v1::GetEventRequest* request,
                                        v1::GetEventResponse* response) {
  return calls_.Unary(context, "GetEvent", [&](const CallGuard::Call& call) -> grpc::Status {
    auto id = ParseId("id", request->id());
    if (!id.ok()) return ToGrpcStatus(id.status());
    auto event = repository_.GetEvent(*id, call.deadline());
    if (!event.ok()) return ToGrpcStatus(event.status());
    *response->mutable_event() = std::move(*event);
    return grpc::Status::OK;
  });
}

grpc::Status QueryServiceImpl::ListEvents(grpc::ServerContext* context, const v1::ListEventsRequest* request,
                                          v1::ListEventsResponse* response) {
  return calls_.Unary(context, "ListEvents", [&](const CallGuard::Call& call) -> grpc::Status {
    auto filter = ReadEventFilter(*request);
    if (!filter.ok()) return ToGrpcStatus(filter.status());
    auto page = ReadPage(*request, request->page_size(), request->page_token(), tokens_);
    if (!page.ok()) return ToGrpcStatus(page.status());

    auto events = repository_.ListEvents(*filter, *page, call.deadline());
    if (!events.ok()) return ToGrpcStatus(events.status());
    for (auto& event : events->items) *response->add_events() = std::move(event);
    if (!events->next.empty()) response->set_next_page_token(tokens_.Encode(*request, events->next));
    return grpc::Status::OK;
  });
}

grpc::Status QueryServiceImpl::WatchEvents(grpc::ServerContext* context, const v1::WatchEventsRequest* request,
                                           grpc::ServerWriter<v1::WatchEventsResponse>* writer) {
  return calls_.Streaming(context, "WatchEvents", [&](const CallGuard::Call& /*call*/) -> grpc::Status {
    EventFilter filter;
    if (auto status = ReadSharedEventFilters(*request, filter); !status.ok()) return ToGrpcStatus(status);
    std::optional<int64_t> after;  // none: start with what is stored next
    if (!request->after_event_id().empty()) {
      auto id = ParseId("after_event_id", request->after_event_id());
      if (!id.ok()) return ToGrpcStatus(id.status());
      after = *id;
    }
    if (watches_ending_) return grpc::Status(grpc::StatusCode::UNAVAILABLE, "this server is shutting down");
    WatcherSlot slot(active_watchers_, max_watchers_);
    if (!slot.taken()) {
      return grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED,
                          strings::Cat("this server already streams to ", max_watchers_,
                                       " watchers; retry later or ask another replica"));
    }
    uint64_t generation = feed_.Generation();
    // Reading the ids after the last one looked at, after every wake-up, is what makes a
    // resumed watch complete and free of repeats; the feed only says when to look. Ids become
    // visible in order (the ingest service stores events under a lock held to commit), so
    // everything up to the latest id is final once read.
    while (!context->IsCancelled() && !watches_ending_) {
      auto batch = repository_.ReadWatchBatch(filter, after, kWatchBatch, WatchQueryDeadline());
      if (!batch.ok()) return ToGrpcStatus(batch.status());
      // The resume point moves only once the whole batch is sent: a stream that breaks
      // mid-batch has told its client the ids it got.
      for (auto& event : batch->events) {
        v1::WatchEventsResponse message;
        *message.mutable_event() = std::move(event);
        if (!writer->Write(message)) return grpc::Status(grpc::StatusCode::CANCELLED, "the watcher went away");
      }
      after = batch->next_after_id;
      if (batch->events.size() == static_cast<size_t>(kWatchBatch)) continue;  // more are waiting
      generation = feed_.WaitForChange(generation, kWatchPoll);
    }
    if (watches_ending_) {
      return grpc::Status(grpc::StatusCode::UNAVAILABLE,
                          strings::Cat("this server is shutting down; watch again with after_event_id ",
                                       after.value_or(0), " to miss nothing"));
    }
    return grpc::Status(grpc::StatusCode::CANCELLED, "the watch was cancelled");
  });
}

}  // namespace dossier::query
