#include "engine/resolve/resolve.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/stages/tokenizer.h"

namespace dossier::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::Pair;

// A Doc of two sentences, tokenized; the tests build its clusters and mentions by hand.
class ResolveTest : public ::testing::Test {
 protected:
  ResolveTest() { TokenizerStage().Process(doc_); }

  static NormalizedArticle Article() {
    NormalizedArticle article;
    article.clean_text = "Minister Salif Kone visited Niger. Kone praised Niger's army.";
    return article;
  }

  // A cluster; `alpha2` makes it a gazetteer country.
  void AddCluster(v1::EntityType type, const std::string& name, const std::string& alpha2 = "") {
    Cluster& cluster = doc_.clusters.emplace_back();
    cluster.type = type;
    cluster.name = name;
    if (!alpha2.empty()) cluster.gazetteer_ids = {{"iso3166-1-alpha2", alpha2}, {"iso3166-1-alpha3", alpha2 + "R"}};
  }

  // A mention of tokens [first, end) in `cluster`.
  void AddMention(size_t first, size_t end, size_t cluster, double confidence = 0.9) {
    Mention mention;
    mention.sentence = doc_.tokens[first].sentence;
    mention.first_token = first;
    mention.end_token = end;
    mention.span = doc_.Span(first, end);
    mention.confidence = confidence;
    mention.cluster = cluster;
    doc_.clusters[cluster].mentions.push_back(doc_.mentions.size());
    doc_.mentions.push_back(std::move(mention));
  }

  void AddRelationship(v1::RelationshipPredicate predicate, size_t sentence, bool document_level) {
    Relationship& relationship = doc_.relationships.emplace_back();
    relationship.subject = 0;
    relationship.predicate = predicate;
    relationship.object = 1;
    relationship.span = {sentence, 0, 1};
    relationship.document_level = document_level;
  }

  NormalizedArticle article_ = Article();
  Doc doc_{article_};
};

TEST_F(ResolveTest, OneEntityWithOneKeyPerCluster) {
  AddCluster(v1::ENTITY_TYPE_PERSON, "Salif Kone");
  AddCluster(v1::ENTITY_TYPE_COUNTRY, "Niger", "NE");
  AddMention(1, 3, 0);  // Salif Kone
  AddMention(4, 5, 1);  // Niger
  AddMention(6, 7, 0);  // Kone
  AddMention(8, 9, 1);  // Niger, of "Niger's"

  Extraction facts = Resolve(doc_);
  ASSERT_EQ(facts.entities.size(), 2u);
  EXPECT_EQ(facts.entities[0].key, "person:salif kone");
  EXPECT_EQ(facts.entities[1].key, "country:NE");
  EXPECT_THAT(facts.entities[1].external_ids,
              ElementsAre(Pair("iso3166-1-alpha2", "NE"), Pair("iso3166-1-alpha3", "NER")));
  std::vector<size_t> entity_of_mention;
  for (const auto& mention : facts.mentions) entity_of_mention.push_back(mention.entity);
  EXPECT_THAT(entity_of_mention, ElementsAre(0, 1, 0, 1));
  EXPECT_EQ(facts.sentences.size(), 2u);
}

TEST_F(ResolveTest, EachSentencesRelationshipsComeBeforeTheArticleWideOnes) {
  AddCluster(v1::ENTITY_TYPE_PERSON, "Salif Kone");
  AddCluster(v1::ENTITY_TYPE_COUNTRY, "Niger", "NE");
  AddMention(1, 3, 0);
  AddMention(4, 5, 1);
  // As the stages append them: the roles stage (sentence 1, then an inferred office), then
  // the relations stage (sentence 0).
  AddRelationship(v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE, 1, false);
  AddRelationship(v1::RELATIONSHIP_PREDICATE_LEADS, 1, true);
  AddRelationship(v1::RELATIONSHIP_PREDICATE_CITIZEN_OF, 0, false);

  Extraction facts = Resolve(doc_);
  std::vector<v1::RelationshipPredicate> predicates;
  for (const auto& relationship : facts.relationships) predicates.push_back(relationship.predicate);
  EXPECT_THAT(predicates, ElementsAre(v1::RELATIONSHIP_PREDICATE_CITIZEN_OF, v1::RELATIONSHIP_PREDICATE_HOLDS_ROLE,
                                      v1::RELATIONSHIP_PREDICATE_LEADS));
}

TEST_F(ResolveTest, ANameTypedTwiceBecomesTheStrongerReading) {
  AddCluster(v1::ENTITY_TYPE_COUNTRY, "Niger", "NE");
  AddCluster(v1::ENTITY_TYPE_PERSON, "Niger");
  AddMention(4, 5, 0, 0.95);
  AddMention(8, 9, 1, 0.5);

  Extraction facts = Resolve(doc_);
  ASSERT_EQ(facts.entities.size(), 1u);
  EXPECT_EQ(facts.entities[0].key, "country:NE");
  EXPECT_EQ(facts.mentions[1].entity, 0u);
}

}  // namespace
}  // namespace dossier::engine
