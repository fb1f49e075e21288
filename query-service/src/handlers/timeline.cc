#include "dossier/common/ids.h"
#include "dossier/common/status.h"
#include "handlers/query_service.h"
#include "handlers/validation.h"

namespace dossier::query {
namespace {

absl::StatusOr<TimelineQuery> ReadTimelineQuery(const v1::GetEntityTimelineRequest& request) {
  TimelineQuery query;
  auto id = ParseId("entity_id", request.entity_id());
  if (!id.ok()) return id.status();
  query.entity_id = *id;
  switch (request.bucket()) {
    case v1::TIMELINE_BUCKET_UNSPECIFIED:
    case v1::TIMELINE_BUCKET_DAY:
      query.bucket = "day";
      break;
    case v1::TIMELINE_BUCKET_WEEK:
      query.bucket = "week";
      break;
    case v1::TIMELINE_BUCKET_MONTH:
      query.bucket = "month";
      break;
    default:
      return absl::InvalidArgumentError("bucket is not a TimelineBucket value");
  }
  auto time = ReadTimeRange("time", request.has_time(), request.time());
  if (!time.ok()) return time.status();
  query.time_from = time->from;
  query.time_to = time->to;
  return query;
}

}  // namespace

grpc::Status QueryServiceImpl::GetEntityTimeline(grpc::ServerContext* context,
                                                 const v1::GetEntityTimelineRequest* request,
                                                 v1::GetEntityTimelineResponse* response) {
  return calls_.Unary(context, "GetEntityTimeline", [&](const CallGuard::Call& call) -> grpc::Status {
    auto query = ReadTimelineQuery(*request);
    if (!query.ok()) return ToGrpcStatus(query.status());
    auto entries = repository_.GetEntityTimeline(*query, call.deadline());
    if (!entries.ok()) return ToGrpcStatus(entries.status());
    for (auto& entry : *entries) *response->add_entries() = std::move(entry);
    return grpc::Status::OK;
  });
}

}  // namespace dossier::query
