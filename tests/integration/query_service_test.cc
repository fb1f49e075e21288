// dossier.v1.QueryService over real gRPC against a real PostgreSQL filled by the real
// ingest service.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "fixtures.h"
#include "test_postgres.h"
#include "test_services.h"

namespace dossier::testing {
namespace {

using ::testing::Contains;
using ::testing::Each;
using ::testing::HasSubstr;
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

TEST_F(QueryServiceTest, LaterRpcsSayTheyAreNotImplementedYet) {
  v1::GetNeighborhoodRequest request;
  v1::GetNeighborhoodResponse response;
  grpc::Status status = services_->query->GetNeighborhood(ContextWithDeadline().get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
  EXPECT_THAT(status.error_message(), HasSubstr("GetNeighborhood"));
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
