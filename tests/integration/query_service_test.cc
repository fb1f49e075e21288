// dossier.v1.QueryService over real gRPC against a real PostgreSQL filled by the real
// ingest service.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "fixtures.h"
#include "test_postgres.h"
#include "test_services.h"

namespace dossier::testing {
namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Property;

class QueryServiceTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    services_ = new TestServices();
    for (auto [text, url] : {std::pair{kTalksText, "https://wire.example/talks"},
                             std::pair{kFollowUpText, "https://other-wire.example/follow-up"},
                             std::pair{kMarketText, "https://wire.example/cocoa"}}) {
      v1::IngestArticleRequest request;
      *request.mutable_article() = Article(text, url);
      v1::IngestArticleResponse response;
      ASSERT_TRUE(services_->ingest->IngestArticle(ContextWithDeadline().get(), request, &response).ok());
      article_ids_.push_back(response.article().id());
    }
  }
  static void TearDownTestSuite() { delete services_; }

  static std::string EntityId(const std::string& canonical_key) {
    return PostgresEnvironment::QueryValue("SELECT id FROM entities WHERE canonical_key = '" + canonical_key + "'");
  }

  static TestServices* services_;
  static std::vector<std::string> article_ids_;
};
TestServices* QueryServiceTest::services_ = nullptr;
std::vector<std::string> QueryServiceTest::article_ids_;

// The counts are the store's, read by the read-only user; the articles were all stored now.
TEST_F(QueryServiceTest, GetStoreStatsCountsTheStoreAndTheLastHoursArticles) {
  v1::GetStoreStatsResponse stats;
  ASSERT_TRUE(services_->query->GetStoreStats(ContextWithDeadline().get(), {}, &stats).ok());
  auto count = [](const std::string& table) {
    return std::stoll(PostgresEnvironment::QueryValue("SELECT count(*) FROM " + table));
  };
  EXPECT_EQ(stats.articles(), count("articles"));
  EXPECT_GE(stats.articles(), 3);
  EXPECT_EQ(stats.entities(), count("entities"));
  EXPECT_EQ(stats.mentions(), count("mentions"));
  EXPECT_EQ(stats.events(), count("events"));
  EXPECT_EQ(stats.relationships(), count("relationships"));
  EXPECT_GT(stats.mentions(), stats.entities());
  EXPECT_LE(stats.stories(), stats.articles());
  EXPECT_GE(stats.stories(), 2);  // the cocoa story is not the border talks'
  EXPECT_EQ(stats.articles_last_hour(), stats.articles());
  EXPECT_EQ(stats.articles_last_day(), stats.articles());
  EXPECT_NEAR(stats.last_ingested_at().seconds(), std::time(nullptr), 600);
  EXPECT_GT(stats.database_bytes(), 1'000'000);
}

TEST_F(QueryServiceTest, GetEntityHasAliasesRolesCountsAndRelatedEntities) {
  v1::GetEntityRequest request;
  request.set_id(EntityId("person:adamou sani"));
  v1::GetEntityResponse response;
  ASSERT_TRUE(services_->query->GetEntity(ContextWithDeadline().get(), request, &response).ok());
  const auto& entity = response.entity();
  EXPECT_EQ(entity.canonical_name(), "Adamou Sani");
  EXPECT_EQ(entity.type(), v1::ENTITY_TYPE_PERSON);
  EXPECT_EQ(entity.article_count(), 2);
  EXPECT_THAT(entity.roles(), Contains(Property(&v1::EntityRole::title, "Interior Minister")));
  EXPECT_EQ(entity.first_seen().seconds(), 1741737600);  // 2025-03-12, the publication date
  EXPECT_THAT(response.related(),
              Contains(Property(&v1::RelatedEntity::entity, Property(&v1::Entity::canonical_name, "Efua Mensah"))));
  EXPECT_THAT(entity.aliases(), Not(Contains("Adamou Sani")));  // the canonical name is not repeated
  for (const auto& role : entity.roles()) {
    EXPECT_GE(role.source_count(), 1);
    EXPECT_LE(role.valid_from().seconds(), role.valid_to().seconds());
    EXPECT_GT(role.valid_from().seconds(), 0);
  }
  for (int i = 0; i < response.related_size(); ++i) {
    EXPECT_NE(response.related(i).entity().id(), entity.id());
    EXPECT_GE(response.related(i).connection_count(), 1);
    if (i > 0) {
      EXPECT_LE(response.related(i).connection_count(), response.related(i - 1).connection_count());
    }
  }
}

TEST_F(QueryServiceTest, GetEntityRejectsBadIdsAndReportsUnknownOnes) {
  v1::GetEntityResponse response;
  v1::GetEntityRequest request;
  request.set_id("abc");
  grpc::Status bad = services_->query->GetEntity(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("id"));
  request.set_id("123456789");
  EXPECT_EQ(services_->query->GetEntity(ContextWithDeadline().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(QueryServiceTest, SearchEntitiesByPrefixTypeAndFuzzySpelling) {
  v1::SearchEntitiesRequest request;
  v1::SearchEntitiesResponse response;
  request.set_query("Adam");
  ASSERT_TRUE(services_->query->SearchEntities(ContextWithDeadline().get(), request, &response).ok());
  ASSERT_FALSE(response.entities().empty());
  EXPECT_EQ(response.entities(0).canonical_name(), "Adamou Sani");

  request.set_query("gh");
  request.add_types(v1::ENTITY_TYPE_COUNTRY);
  ASSERT_TRUE(services_->query->SearchEntities(ContextWithDeadline().get(), request, &response).ok());
  EXPECT_THAT(response.entities(), Each(Property(&v1::Entity::type, v1::ENTITY_TYPE_COUNTRY)));
  EXPECT_THAT(response.entities(), Contains(Property(&v1::Entity::canonical_name, "Ghana")));

  v1::SearchEntitiesRequest misspelt;
  misspelt.set_query("adamu sanni");
  ASSERT_TRUE(services_->query->SearchEntities(ContextWithDeadline().get(), misspelt, &response).ok());
  EXPECT_TRUE(response.entities().empty());
  misspelt.set_fuzzy(true);
  ASSERT_TRUE(services_->query->SearchEntities(ContextWithDeadline().get(), misspelt, &response).ok());
  ASSERT_FALSE(response.entities().empty());
  EXPECT_EQ(response.entities(0).canonical_name(), "Adamou Sani");

  v1::SearchEntitiesRequest bad;
  bad.add_types(static_cast<v1::EntityType>(99));
  bad.set_query("x");
  grpc::Status status = services_->query->SearchEntities(ContextWithDeadline().get(), bad, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("types[0]"));
}

TEST_F(QueryServiceTest, PagingVisitsEveryMentionOnceAndTokensAreBoundToFilters) {
  v1::ListMentionsRequest all;
  all.set_entity_id(EntityId("country:NE"));
  all.set_page_size(1000);
  v1::ListMentionsResponse everything;
  ASSERT_TRUE(services_->query->ListMentions(ContextWithDeadline().get(), all, &everything).ok());
  ASSERT_GE(everything.mentions_size(), 3);
  EXPECT_TRUE(everything.next_page_token().empty());

  v1::ListMentionsRequest paged = all;
  paged.set_page_size(1);
  std::vector<std::string> seen;
  std::string last_token;
  for (int page = 0; page < 100; ++page) {
    v1::ListMentionsResponse response;
    ASSERT_TRUE(services_->query->ListMentions(ContextWithDeadline().get(), paged, &response).ok());
    for (const auto& mention : response.mentions()) seen.push_back(mention.id());
    if (response.next_page_token().empty()) break;
    last_token = response.next_page_token();
    paged.set_page_token(last_token);
  }
  std::vector<std::string> expected;
  for (const auto& mention : everything.mentions()) expected.push_back(mention.id());
  EXPECT_EQ(seen, expected);

  v1::ListMentionsRequest other = paged;
  other.set_entity_id(EntityId("country:GH"));
  other.set_page_token(last_token);
  v1::ListMentionsResponse response;
  grpc::Status status = services_->query->ListMentions(ContextWithDeadline().get(), other, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("page_token"));
  other.set_page_token("");
  other.set_page_size(-1);
  EXPECT_EQ(services_->query->ListMentions(ContextWithDeadline().get(), other, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, ListEventsFiltersByParticipantTypeCameoTimeAndModality) {
  v1::ListEventsRequest request;
  request.set_participant_entity_id(EntityId("person:efua mensah"));
  v1::ListEventsResponse response;
  ASSERT_TRUE(services_->query->ListEvents(ContextWithDeadline().get(), request, &response).ok());
  ASSERT_GE(response.events_size(), 2);
  for (const auto& event : response.events()) {
    EXPECT_THAT(event.participants(), Contains(Property(&v1::Participant::entity_name, "Efua Mensah")));
    EXPECT_FALSE(event.evidence().empty());
  }
  // Ordered by event time.
  for (int i = 1; i < response.events_size(); ++i) {
    EXPECT_LE(response.events(i - 1).time().start().seconds(), response.events(i).time().start().seconds());
  }

  // Page by page (one event a page) gives the same events in the same order.
  v1::ListEventsRequest paged = request;
  paged.set_page_size(1);
  std::vector<std::string> seen;
  for (int page = 0; page < 50; ++page) {
    v1::ListEventsResponse one;
    ASSERT_TRUE(services_->query->ListEvents(ContextWithDeadline().get(), paged, &one).ok());
    for (const auto& event : one.events()) seen.push_back(event.id());
    if (one.next_page_token().empty()) break;
    paged.set_page_token(one.next_page_token());
  }
  std::vector<std::string> all;
  for (const auto& event : response.events()) all.push_back(event.id());
  EXPECT_EQ(seen, all);

  v1::ListEventsRequest meetings;
  meetings.add_types(v1::EVENT_TYPE_MEET);
  ASSERT_TRUE(services_->query->ListEvents(ContextWithDeadline().get(), meetings, &response).ok());
  ASSERT_EQ(response.events_size(), 1);
  EXPECT_EQ(response.events(0).report_count(), 2);
  EXPECT_EQ(response.events(0).time().start().seconds(), 1741564800);  // Monday 2025-03-10

  v1::ListEventsRequest by_cameo;
  by_cameo.set_cameo_code_prefix("19");
  ASSERT_TRUE(services_->query->ListEvents(ContextWithDeadline().get(), by_cameo, &response).ok());
  ASSERT_FALSE(response.events().empty());
  EXPECT_THAT(response.events(), Each(Property(&v1::Event::cameo_code, ::testing::StartsWith("19"))));

  v1::ListEventsRequest hypothetical;
  hypothetical.add_modalities(v1::MODALITY_HYPOTHETICAL);
  ASSERT_TRUE(services_->query->ListEvents(ContextWithDeadline().get(), hypothetical, &response).ok());
  EXPECT_THAT(response.events(), Each(Property(&v1::Event::modality, v1::MODALITY_HYPOTHETICAL)));

  v1::ListEventsRequest later = meetings;
  later.mutable_time()->mutable_start()->set_seconds(1741737600);  // from 2025-03-12 on
  ASSERT_TRUE(services_->query->ListEvents(ContextWithDeadline().get(), later, &response).ok());
  EXPECT_TRUE(response.events().empty());

  v1::ListEventsRequest bad;
  bad.set_cameo_code_prefix("1%");
  grpc::Status status = services_->query->ListEvents(ContextWithDeadline().get(), bad, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("cameo_code_prefix"));
  bad.Clear();
  bad.set_min_confidence(1.5);
  EXPECT_EQ(services_->query->ListEvents(ContextWithDeadline().get(), bad, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, ListRelationshipsByEntityDirectionAndPredicate) {
  v1::ListRelationshipsRequest request;
  request.set_entity_id(EntityId("person:efua mensah"));
  request.set_direction(v1::RELATIONSHIP_DIRECTION_OUTGOING);
  request.add_predicates(v1::RELATIONSHIP_PREDICATE_CITIZEN_OF);
  v1::ListRelationshipsResponse response;
  ASSERT_TRUE(services_->query->ListRelationships(ContextWithDeadline().get(), request, &response).ok());
  ASSERT_EQ(response.relationships_size(), 1);
  const auto& citizen = response.relationships(0);
  EXPECT_EQ(citizen.object_name(), "Ghana");
  ASSERT_FALSE(citizen.evidence().empty());
  EXPECT_THAT(citizen.evidence(0).sentence(), HasSubstr("Ghanaian envoy Efua Mensah"));

  request.set_direction(v1::RELATIONSHIP_DIRECTION_INCOMING);
  ASSERT_TRUE(services_->query->ListRelationships(ContextWithDeadline().get(), request, &response).ok());
  EXPECT_TRUE(response.relationships().empty());
}

TEST_F(QueryServiceTest, GetArticleWithFactsHasOffsetsIntoItsCleanText) {
  v1::GetArticleRequest request;
  request.set_id(article_ids_[0]);
  request.set_include_facts(true);
  v1::GetArticleResponse response;
  ASSERT_TRUE(services_->query->GetArticle(ContextWithDeadline().get(), request, &response).ok());
  const std::string& text = response.article().clean_text();
  ASSERT_FALSE(response.mentions().empty());
  for (const auto& mention : response.mentions()) {
    const auto& evidence = mention.evidence();
    EXPECT_EQ(text.substr(evidence.start_offset(), evidence.end_offset() - evidence.start_offset()), mention.text());
  }
  EXPECT_FALSE(response.events().empty());
  EXPECT_FALSE(response.relationships().empty());
  EXPECT_THAT(text, ::testing::Not(HasSubstr("0 Comments")));
}

TEST_F(QueryServiceTest, SearchArticlesRanksAndHighlights) {
  v1::SearchArticlesRequest request;
  request.set_query("cocoa exports");
  v1::SearchArticlesResponse response;
  ASSERT_TRUE(services_->query->SearchArticles(ContextWithDeadline().get(), request, &response).ok());
  ASSERT_EQ(response.hits_size(), 1);
  EXPECT_EQ(response.hits(0).article().id(), article_ids_[2]);
  EXPECT_THAT(response.hits(0).snippet(), HasSubstr("«"));
  request.set_query("  ");
  EXPECT_EQ(services_->query->SearchArticles(ContextWithDeadline().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, GetNeighborhoodWalksRelationshipsWithinDepthTypesAndCaps) {
  v1::GetNeighborhoodRequest request;
  request.set_entity_id(EntityId("person:adamou sani"));
  v1::GetNeighborhoodResponse response;
  ASSERT_TRUE(services_->query->GetNeighborhood(ContextWithDeadline().get(), request, &response).ok());
  auto names = [&response] {
    std::set<std::string> names;
    for (const auto& entity : response.entities()) names.insert(entity.canonical_name());
    return names;
  };
  EXPECT_EQ(response.entities(0).canonical_name(), "Adamou Sani");  // the centre first
  EXPECT_TRUE(names().contains("Niger"));
  EXPECT_FALSE(names().contains("Niamey"));  // two hops away
  ASSERT_FALSE(response.relationships().empty());
  for (const auto& relationship : response.relationships()) EXPECT_FALSE(relationship.evidence().empty());

  request.set_depth(2);
  ASSERT_TRUE(services_->query->GetNeighborhood(ContextWithDeadline().get(), request, &response).ok());
  EXPECT_TRUE(names().contains("Niamey"));  // Niamey CAPITAL_OF Niger
  EXPECT_FALSE(response.truncated());

  request.add_entity_types(v1::ENTITY_TYPE_COUNTRY);
  ASSERT_TRUE(services_->query->GetNeighborhood(ContextWithDeadline().get(), request, &response).ok());
  for (int i = 1; i < response.entities_size(); ++i) EXPECT_EQ(response.entities(i).type(), v1::ENTITY_TYPE_COUNTRY);

  request.clear_entity_types();
  request.set_max_entities(2);
  ASSERT_TRUE(services_->query->GetNeighborhood(ContextWithDeadline().get(), request, &response).ok());
  EXPECT_EQ(response.entities_size(), 2);
  EXPECT_TRUE(response.truncated());

  request.set_depth(4);
  grpc::Status status = services_->query->GetNeighborhood(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("depth"));
  request.set_depth(1);
  request.set_entity_id("999999999");
  EXPECT_EQ(services_->query->GetNeighborhood(ContextWithDeadline().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

TEST_F(QueryServiceTest, FindPathsReturnsShortestChainsWithEvidence) {
  v1::FindPathsRequest request;
  request.set_from_entity_id(EntityId("person:adamou sani"));
  request.set_to_entity_id(EntityId("city:2440485"));  // Niamey
  v1::FindPathsResponse response;
  ASSERT_TRUE(services_->query->FindPaths(ContextWithDeadline().get(), request, &response).ok());
  ASSERT_FALSE(response.paths().empty());
  // Sani HOLDS_ROLE Niger, Niamey CAPITAL_OF Niger: two edges, the second walked backwards.
  const auto& shortest = response.paths(0);
  ASSERT_EQ(shortest.edges_size(), 2);
  EXPECT_EQ(shortest.edges(0).subject_name(), "Adamou Sani");
  EXPECT_EQ(shortest.edges(0).object_name(), "Niger");
  EXPECT_EQ(shortest.edges(1).subject_name(), "Niamey");
  for (const auto& path : response.paths()) {
    for (const auto& edge : path.edges()) EXPECT_FALSE(edge.evidence().empty());
  }
  for (int i = 1; i < response.paths_size(); ++i) {
    EXPECT_LE(response.paths(i - 1).edges_size(), response.paths(i).edges_size());
  }
  std::set<std::string> entities;
  for (const auto& entity : response.entities()) entities.insert(entity.canonical_name());
  EXPECT_TRUE(entities.contains("Niger"));

  request.set_max_hops(1);
  ASSERT_TRUE(services_->query->FindPaths(ContextWithDeadline().get(), request, &response).ok());
  EXPECT_TRUE(response.paths().empty());

  request.set_to_entity_id(request.from_entity_id());
  grpc::Status status = services_->query->FindPaths(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("to_entity_id"));
  request.set_to_entity_id("999999999");
  status = services_->query->FindPaths(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_THAT(status.error_message(), HasSubstr("to_entity_id"));
  request.set_max_hops(5);
  EXPECT_EQ(services_->query->FindPaths(ContextWithDeadline().get(), request, &response).error_code(),
            grpc::StatusCode::INVALID_ARGUMENT);
}

TEST_F(QueryServiceTest, GetEntityTimelineCountsMentionsAndEventsPerBucket) {
  const std::string niger = EntityId("country:NE");
  v1::GetEntityTimelineRequest request;
  request.set_entity_id(niger);
  request.set_bucket(v1::TIMELINE_BUCKET_MONTH);
  v1::GetEntityTimelineResponse response;
  ASSERT_TRUE(services_->query->GetEntityTimeline(ContextWithDeadline().get(), request, &response).ok());
  ASSERT_EQ(response.entries_size(), 1);  // everything happened in March 2025
  const auto& march = response.entries(0);
  EXPECT_EQ(march.bucket_start().seconds(), 1740787200);  // 2025-03-01
  EXPECT_EQ(march.mention_count(),
            std::stoll(PostgresEnvironment::QueryValue("SELECT count(*) FROM mentions WHERE entity_id = " + niger)));
  EXPECT_EQ(march.event_count(), march.events_size());

  request.set_bucket(v1::TIMELINE_BUCKET_DAY);
  ASSERT_TRUE(services_->query->GetEntityTimeline(ContextWithDeadline().get(), request, &response).ok());
  ASSERT_GE(response.entries_size(), 1);
  for (int i = 1; i < response.entries_size(); ++i) {
    EXPECT_LT(response.entries(i - 1).bucket_start().seconds(), response.entries(i).bucket_start().seconds());
  }
  // Mentions fall on the publication day, 2025-03-12; the meeting on Monday 2025-03-10.
  int64_t mentions = 0;
  for (const auto& entry : response.entries()) {
    mentions += entry.mention_count();
    if (entry.mention_count() > 0) {
      EXPECT_EQ(entry.bucket_start().seconds(), 1741737600);
    }
  }
  EXPECT_EQ(mentions, march.mention_count());

  request.set_bucket(static_cast<v1::TimelineBucket>(9));
  grpc::Status status = services_->query->GetEntityTimeline(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(status.error_message(), HasSubstr("bucket"));
  request.set_bucket(v1::TIMELINE_BUCKET_DAY);
  request.set_entity_id("999999999");
  EXPECT_EQ(services_->query->GetEntityTimeline(ContextWithDeadline().get(), request, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

// Reads events from a WatchEvents stream on its own thread.
class WatchReader {
 public:
  WatchReader(v1::QueryService::Stub& stub, const v1::WatchEventsRequest& request) {
    context_.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
    reader_ = stub.WatchEvents(&context_, request);
    thread_ = std::thread([this] {
      v1::WatchEventsResponse message;
      while (reader_->Read(&message)) {
        std::lock_guard lock(mutex_);
        events_.push_back(message.event());
        arrived_.notify_all();
      }
      std::lock_guard lock(mutex_);
      status_ = reader_->Finish();
      finished_ = true;
      arrived_.notify_all();
    });
  }
  ~WatchReader() {
    context_.TryCancel();
    thread_.join();
  }
  // Waits up to `wait` until `count` events have arrived or the stream ended; returns them.
  std::vector<v1::Event> WaitFor(size_t count, std::chrono::seconds wait = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, wait, [&] { return events_.size() >= count || finished_; });
    return events_;
  }
  // Waits up to `wait` for the stream to end; its status, or nullopt while it runs.
  std::optional<grpc::Status> WaitForEnd(std::chrono::seconds wait) {
    std::unique_lock lock(mutex_);
    arrived_.wait_for(lock, wait, [&] { return finished_; });
    if (!finished_) return std::nullopt;
    return status_;
  }

 private:
  grpc::ClientContext context_;
  std::unique_ptr<grpc::ClientReader<v1::WatchEventsResponse>> reader_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<v1::Event> events_;
  grpc::Status status_;
  bool finished_ = false;
};

// An article reporting a new attack: each n another day, so no two merge into one event.
v1::RawArticle WatchArticle(int n) {
  std::string day = std::to_string(n + 1) + " May 2025";
  return Article("Clashes near Djibo\nThe Sahel Liberation Front attacked an army post near Djibo on " + day +
                     ", the army said.\n",
                 "https://watch.example/djibo/" + std::to_string(n), "2025-06-01");
}

TEST_F(QueryServiceTest, WatchEventsSendsEventsStoredAfterTheWatchBegan) {
  int64_t latest_before = std::stoll(PostgresEnvironment::QueryValue("SELECT coalesce(max(id), 0) FROM events"));
  v1::WatchEventsRequest request;
  WatchReader watch(*services_->query, request);
  // The watch starts from whatever is stored when the server begins it; keep storing new
  // events until one arrives (the first may land before that).
  std::vector<v1::Event> events;
  for (int n = 0; n < 8 && events.empty(); ++n) {
    v1::IngestArticleRequest ingest;
    *ingest.mutable_article() = WatchArticle(n);
    v1::IngestArticleResponse stored;
    ASSERT_TRUE(services_->ingest->IngestArticle(ContextWithDeadline().get(), ingest, &stored).ok());
    events = watch.WaitFor(1, std::chrono::seconds(3));
  }
  ASSERT_FALSE(events.empty()) << watch.WaitForEnd(std::chrono::seconds(0)).value_or(grpc::Status::OK).error_message();
  for (const auto& event : events) {
    EXPECT_GT(std::stoll(event.id()), latest_before);
    EXPECT_FALSE(event.evidence().empty());
    EXPECT_FALSE(event.participants().empty());  // read after the storing transaction committed
  }
}

TEST_F(QueryServiceTest, AResumedWatchSendsEveryLaterEventOnceInOrderAndFilters) {
  std::vector<std::string> stored;
  {
    pqxx::connection connection(PostgresEnvironment::Url());
    pqxx::work tx(connection);
    for (const auto& row : tx.exec("SELECT id FROM events ORDER BY id")) stored.push_back(row[0].as<std::string>());
  }
  ASSERT_GE(stored.size(), 4u);
  const std::string resume_after = stored[stored.size() / 2];
  std::vector<std::string> expected(stored.begin() + static_cast<long>(stored.size() / 2) + 1, stored.end());
  v1::WatchEventsRequest request;
  request.set_after_event_id(resume_after);
  {
    WatchReader watch(*services_->query, request);
    auto events = watch.WaitFor(expected.size());
    std::vector<std::string> ids;
    for (const auto& event : events) ids.push_back(event.id());
    EXPECT_EQ(ids, expected);
    // Nothing more: no repeats.
    EXPECT_EQ(watch.WaitFor(expected.size() + 1, std::chrono::seconds(2)).size(), expected.size());
  }

  // A filtered watch sends only matching events, old and new.
  v1::WatchEventsRequest attacks;
  attacks.add_types(v1::EVENT_TYPE_ATTACK);
  attacks.set_after_event_id(stored.back());
  WatchReader watch(*services_->query, attacks);
  v1::IngestArticleRequest ingest;
  *ingest.mutable_article() = Article(
      "Talks and clashes\nInterior Minister Adamou Sani met Efua Mensah in Accra on Friday. The Sahel "
      "Liberation Front attacked a convoy near Dori on Friday.\n",
      "https://watch.example/filtered", "2025-04-12");
  v1::IngestArticleResponse response;
  ASSERT_TRUE(services_->ingest->IngestArticle(ContextWithDeadline().get(), ingest, &response).ok());
  auto events = watch.WaitFor(1);
  ASSERT_FALSE(events.empty());
  EXPECT_THAT(events, Each(Property(&v1::Event::type, v1::EVENT_TYPE_ATTACK)));
}

TEST_F(QueryServiceTest, WatchEventsRejectsBadFiltersAndTooManyWatchers) {
  v1::WatchEventsRequest bad;
  bad.set_after_event_id("not-an-id");
  {
    WatchReader watch(*services_->query, bad);
    auto status = watch.WaitForEnd(std::chrono::seconds(10));
    ASSERT_TRUE(status.has_value());
    EXPECT_EQ(status->error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_THAT(status->error_message(), HasSubstr("after_event_id"));
  }
  // One stream more than the server allows: some are refused, at most the limit run.
  // (Streams of earlier tests may still hold a slot for up to a second after they were
  // cancelled, so the exact split is not fixed.)
  std::vector<std::unique_ptr<WatchReader>> watches;
  for (int i = 0; i <= kTestMaxWatchers; ++i) {
    watches.push_back(std::make_unique<WatchReader>(*services_->query, v1::WatchEventsRequest()));
  }
  int refused = 0, running = 0;
  for (auto& watch : watches) {
    auto status = watch->WaitForEnd(refused == 0 ? std::chrono::seconds(2) : std::chrono::seconds(0));
    if (!status) {
      ++running;
    } else if (status->error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED) {
      ++refused;
      EXPECT_THAT(status->error_message(), HasSubstr("retry later"));
    }
  }
  EXPECT_GE(refused, 1);
  EXPECT_LE(running, kTestMaxWatchers);
  EXPECT_EQ(refused + running, kTestMaxWatchers + 1);
}

// Runs after the other watch tests: the service refuses watches from then on.
TEST_F(QueryServiceTest, YWatchesEndWithUnavailableAndTheirResumePointWhenTheServerShutsDown) {
  v1::WatchEventsRequest request;
  request.set_after_event_id("1");
  // The streams the test before cancelled may hold every slot for a moment: retry while
  // the server says so.
  std::unique_ptr<WatchReader> watch;
  for (int attempt = 0; attempt < 20; ++attempt) {
    watch = std::make_unique<WatchReader>(*services_->query, request);
    if (!watch->WaitFor(1).empty()) break;
    auto refused = watch->WaitForEnd(std::chrono::seconds(1));
    ASSERT_TRUE(refused.has_value() && refused->error_code() == grpc::StatusCode::RESOURCE_EXHAUSTED);
    watch.reset();
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  ASSERT_NE(watch, nullptr) << "no watch slot became free";
  services_->EndWatches();
  auto status = watch->WaitForEnd(std::chrono::seconds(5));
  ASSERT_TRUE(status.has_value()) << "the stream did not end";
  EXPECT_EQ(status->error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_THAT(status->error_message(), HasSubstr("after_event_id"));
}

// Runs last: it stops the database.
TEST_F(QueryServiceTest, ZDatabaseOutageIsUnavailableAndNotServingUntilItReturns) {
  auto wait_for_health = [](const std::string& wanted) {
    return services_->WaitForHealth(*services_->query_health, "dossier.v1.QueryService", wanted);
  };
  ASSERT_EQ(wait_for_health("SERVING"), "SERVING");
  v1::GetEntityRequest request;
  request.set_id(EntityId("country:GH"));
  PostgresEnvironment::Stop();
  v1::GetEntityResponse response;
  grpc::Status down = services_->query->GetEntity(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(down.error_code(), grpc::StatusCode::UNAVAILABLE) << down.error_message();
  EXPECT_EQ(wait_for_health("NOT_SERVING"), "NOT_SERVING");
  PostgresEnvironment::Start();
  EXPECT_EQ(wait_for_health("SERVING"), "SERVING");
  EXPECT_TRUE(services_->query->GetEntity(ContextWithDeadline().get(), request, &response).ok());
}

}  // namespace
}  // namespace dossier::testing
