#include <algorithm>

#include "dossier/common/ids.h"
#include "dossier/common/status.h"
#include "dossier/common/strings.h"
#include "handlers/query_service.h"
#include "handlers/validation.h"

namespace dossier::query {
namespace {

constexpr size_t kMaxCameoPrefixDigits = 4;

absl::StatusOr<EventFilter> ReadEventFilter(const v1::ListEventsRequest& request) {
  EventFilter filter;
  auto participant = OptionalIdFilter("participant_entity_id", request.participant_entity_id());
  if (!participant.ok()) return participant.status();
  filter.participant_entity_id = *participant;
  if (request.participant_role() != v1::PARTICIPANT_ROLE_UNSPECIFIED) {
    if (!filter.participant_entity_id) {
      return absl::InvalidArgumentError("participant_role needs participant_entity_id");
    }
    filter.participant_role = request.participant_role();
  }
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
  auto time = ReadTimeRange("time", request.has_time(), request.time());
  if (!time.ok()) return time.status();
  filter.time_from = time->from;
  filter.time_to = time->to;
  auto modalities = EnumFilter("modalities", request.modalities(), v1::Modality_descriptor());
  if (!modalities.ok()) return modalities.status();
  filter.modalities = std::move(*modalities);
  if (auto status = CheckConfidence("min_confidence", request.min_confidence()); !status.ok()) return status;
  filter.min_confidence = request.min_confidence();
  auto article = OptionalIdFilter("article_id", request.article_id());
  if (!article.ok()) return article.status();
  filter.article_id = *article;
  return filter;
}

}  // namespace

grpc::Status QueryServiceImpl::GetEvent(grpc::ServerContext* context, const v1::GetEventRequest* request,
                                        v1::GetEventResponse* response) {
  auto id = ParseId("id", request->id());
  if (!id.ok()) return ToGrpcStatus(id.status());
  auto event = repository_.GetEvent(*id, DeadlineOf(context));
  if (!event.ok()) return ToGrpcStatus(event.status());
  *response->mutable_event() = std::move(*event);
  return grpc::Status::OK;
}

grpc::Status QueryServiceImpl::ListEvents(grpc::ServerContext* context, const v1::ListEventsRequest* request,
                                          v1::ListEventsResponse* response) {
  auto filter = ReadEventFilter(*request);
  if (!filter.ok()) return ToGrpcStatus(filter.status());
  auto page = ReadPage(*request, request->page_size(), request->page_token(), tokens_);
  if (!page.ok()) return ToGrpcStatus(page.status());

  auto events = repository_.ListEvents(*filter, *page, DeadlineOf(context));
  if (!events.ok()) return ToGrpcStatus(events.status());
  for (auto& event : events->items) *response->add_events() = std::move(event);
  if (!events->next.empty()) response->set_next_page_token(tokens_.Encode(*request, events->next));
  return grpc::Status::OK;
}

}  // namespace dossier::query
