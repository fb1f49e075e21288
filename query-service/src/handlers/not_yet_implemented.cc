// Graph queries, timelines and the live watch come with the query-service issue (#4).
// Until then they answer UNIMPLEMENTED with a message saying so, not an empty success.
#include "handlers/query_service.h"

namespace dossier::query {
namespace {

grpc::Status NotYet(const char* rpc) {
  return grpc::Status(grpc::StatusCode::UNIMPLEMENTED,
                      std::string(rpc) + " is not available in this version of dossier-query yet");
}

}  // namespace

grpc::Status QueryServiceImpl::GetNeighborhood(grpc::ServerContext*, const v1::GetNeighborhoodRequest*,
                                               v1::GetNeighborhoodResponse*) {
  return NotYet("GetNeighborhood");
}

grpc::Status QueryServiceImpl::FindPaths(grpc::ServerContext*, const v1::FindPathsRequest*, v1::FindPathsResponse*) {
  return NotYet("FindPaths");
}

grpc::Status QueryServiceImpl::GetEntityTimeline(grpc::ServerContext*, const v1::GetEntityTimelineRequest*,
                                                 v1::GetEntityTimelineResponse*) {
  return NotYet("GetEntityTimeline");
}

grpc::Status QueryServiceImpl::WatchEvents(grpc::ServerContext*, const v1::WatchEventsRequest*,
                                           grpc::ServerWriter<v1::WatchEventsResponse>*) {
  return NotYet("WatchEvents");
}

}  // namespace dossier::query
