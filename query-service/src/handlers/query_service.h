#pragma once

#include <atomic>

#include "dossier/common/call_guard.h"
#include "dossier/v1/query_service.grpc.pb.h"
#include "paging/page_token.h"
#include "repository/event_feed.h"
#include "repository/query_repository.h"

namespace dossier::query {

/// dossier.v1.QueryService. Each handler validates its request, calls the repository and
/// maps the result; they live in one file per resource (articles.cc, entities.cc, ...).
class QueryServiceImpl final : public v1::QueryService::Service {
 public:
  /// `feed` wakes WatchEvents calls; at most `max_watchers` of them stream at once.
  QueryServiceImpl(QueryRepository& repository, PageTokenCodec tokens, const EventFeed& feed, const CallGuard& calls,
                   int max_watchers = 64)
      : repository_(repository), tokens_(std::move(tokens)), feed_(feed), calls_(calls), max_watchers_(max_watchers) {}

  grpc::Status GetArticle(grpc::ServerContext* context, const v1::GetArticleRequest* request,
                          v1::GetArticleResponse* response) override;
  grpc::Status SearchArticles(grpc::ServerContext* context, const v1::SearchArticlesRequest* request,
                              v1::SearchArticlesResponse* response) override;
  grpc::Status GetEntity(grpc::ServerContext* context, const v1::GetEntityRequest* request,
                         v1::GetEntityResponse* response) override;
  grpc::Status SearchEntities(grpc::ServerContext* context, const v1::SearchEntitiesRequest* request,
                              v1::SearchEntitiesResponse* response) override;
  grpc::Status ListMentions(grpc::ServerContext* context, const v1::ListMentionsRequest* request,
                            v1::ListMentionsResponse* response) override;
  grpc::Status GetEvent(grpc::ServerContext* context, const v1::GetEventRequest* request,
                        v1::GetEventResponse* response) override;
  grpc::Status ListEvents(grpc::ServerContext* context, const v1::ListEventsRequest* request,
                          v1::ListEventsResponse* response) override;
  grpc::Status ListRelationships(grpc::ServerContext* context, const v1::ListRelationshipsRequest* request,
                                 v1::ListRelationshipsResponse* response) override;
  grpc::Status GetNeighborhood(grpc::ServerContext* context, const v1::GetNeighborhoodRequest* request,
                               v1::GetNeighborhoodResponse* response) override;
  grpc::Status FindPaths(grpc::ServerContext* context, const v1::FindPathsRequest* request,
                         v1::FindPathsResponse* response) override;
  grpc::Status GetEntityTimeline(grpc::ServerContext* context, const v1::GetEntityTimelineRequest* request,
                                 v1::GetEntityTimelineResponse* response) override;
  grpc::Status WatchEvents(grpc::ServerContext* context, const v1::WatchEventsRequest* request,
                           grpc::ServerWriter<v1::WatchEventsResponse>* writer) override;
  grpc::Status GetStoreStats(grpc::ServerContext* context, const v1::GetStoreStatsRequest* request,
                             v1::GetStoreStatsResponse* response) override;

  /// Ends every WatchEvents stream within a second (UNAVAILABLE: reconnect elsewhere with
  /// after_event_id) and refuses new ones; called when the server begins to shut down.
  void EndWatches() { watches_ending_ = true; }

 private:
  QueryRepository& repository_;
  PageTokenCodec tokens_;
  const EventFeed& feed_;
  const CallGuard& calls_;
  const int max_watchers_;
  std::atomic<int> active_watchers_{0};
  std::atomic<bool> watches_ending_{false};
};

}  // namespace dossier::query
