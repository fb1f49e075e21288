#include "engine/pipeline.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <tuple>

#include "engine/extractor.h"
#include "engine/stages/coreference.h"
#include "engine/stages/entities.h"
#include "engine/stages/mentions.h"
#include "engine/stages/modality.h"
#include "engine/stages/relations.h"
#include "engine/stages/tagger.h"
#include "engine/stages/time_expressions.h"
#include "engine/stages/tokenizer.h"

namespace dossier::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class PipelineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { lexicon_ = *Lexicon::Load(); }

  static NormalizedArticle Article(std::string text, std::string language = "en") {
    NormalizedArticle article;
    article.clean_text = std::move(text);
    article.language = std::move(language);
    article.published_at = Timestamp(std::chrono::sys_days(std::chrono::year(2025) / 3 / 12));
    return article;
  }

  // The whole analysis of an English text of ours. The Doc reads the article it was made
  // from, so the fixture keeps the article alive for the test.
  Doc Analyze(std::string text) {
    article_ = Article(std::move(text));
    return Extractor(lexicon_, *syntax::SyntaxModels::Embedded()).Analyze(article_);
  }

  // Runs the stages up to and including coreference: what the relation and event stages read.
  static void RunUpToCoreference(Doc& doc) {
    auto models = *syntax::SyntaxModels::Embedded();
    TokenizerStage().Process(doc);
    TaggerStage(models).Process(doc);
    EntitiesStage(lexicon_, models).Process(doc);
    TimeExpressionsStage().Process(doc);
    MentionsStage(lexicon_).Process(doc);
    CoreferenceStage().Process(doc);
  }

  // A mention of tokens [first, end) of sentence 0 in a cluster of its own.
  static void AddMention(Doc& doc, size_t first, size_t end, v1::EntityType type, const std::string& name) {
    Mention mention;
    mention.first_token = first;
    mention.end_token = end;
    mention.span = doc.Span(first, end);
    mention.type = type;
    mention.name = name;
    mention.cluster = doc.clusters.size();
    Cluster& cluster = doc.clusters.emplace_back();
    cluster.type = type;
    cluster.name = name;
    cluster.mentions = {doc.mentions.size()};
    doc.mentions.push_back(std::move(mention));
  }

  // (type, entity name, role) of every event participant.
  static std::vector<std::tuple<v1::EventType, std::string, v1::ParticipantRole>> EventParticipants(const Doc& doc) {
    std::vector<std::tuple<v1::EventType, std::string, v1::ParticipantRole>> found;
    for (const Event& event : doc.events) {
      for (const Participant& participant : event.participants) {
        found.emplace_back(event.type, doc.clusters[participant.cluster].name, participant.role);
      }
    }
    return found;
  }

  // Each anaphor's text with the name of the entity it resolves to.
  static std::map<std::string, std::string> ResolvedAnaphors(const Doc& doc) {
    std::map<std::string, std::string> resolved;
    for (const Anaphor& anaphor : doc.anaphors) {
      resolved[doc.Text(anaphor.first_token, anaphor.end_token)] = doc.clusters[anaphor.cluster].name;
    }
    return resolved;
  }

  static std::string TextOf(const Doc& doc, const TextSpan& span) {
    return std::string(doc.text.substr(span.start, span.end - span.start));
  }

  NormalizedArticle article_;
  static std::shared_ptr<const Lexicon> lexicon_;
};
std::shared_ptr<const Lexicon> PipelineTest::lexicon_;

TEST_F(PipelineTest, ListsItsStagesInOrder) {
  EXPECT_THAT(Extractor(lexicon_, *syntax::SyntaxModels::Embedded()).pipeline().Names(),
              ElementsAre("tokenizer", "tagger", "parser", "entities", "time_expressions", "mentions", "coreference",
                          "roles", "relations", "event_triggers", "event_arguments", "modality"));
}

// The trained tagger and parser on a sentence of our own: what a reader of the tree needs
// (who did what to whom, where) must come out right.
TEST_F(PipelineTest, TaggerAndParserReadWhoDidWhatToWhom) {
  Doc doc = Analyze("The rebels attacked the army base near Goma on Monday.");
  auto token = [&](std::string_view text) -> const Token& {
    for (const Token& t : doc.tokens) {
      if (t.text == text) return t;
    }
    ADD_FAILURE() << "no token " << text;
    return doc.tokens.front();
  };
  auto head_of = [&](std::string_view text) { return std::string(doc.tokens[token(text).head].text); };
  EXPECT_EQ(token("attacked").upos, "VERB");
  EXPECT_EQ(token("attacked").xpos, "VBD");
  EXPECT_EQ(token("attacked").lemma, "attack");
  EXPECT_EQ(token("attacked").deprel, "root");
  EXPECT_EQ(token("attacked").head, -1);
  EXPECT_EQ(token("rebels").lemma, "rebel");
  EXPECT_EQ(token("rebels").deprel, "nsubj");
  EXPECT_EQ(head_of("rebels"), "attacked");
  EXPECT_EQ(token("base").deprel, "obj");
  EXPECT_EQ(head_of("base"), "attacked");
  EXPECT_EQ(token("Goma").upos, "PROPN");
  EXPECT_EQ(head_of("near"), "Goma");
  EXPECT_EQ(head_of("Monday"), "attacked");
}

// The version stamped on facts names the models, so a retrained model triggers reprocessing.
TEST_F(PipelineTest, ExtractorVersionNamesEngineAndModels) {
  Extractor extractor(lexicon_, *syntax::SyntaxModels::Embedded());
  EXPECT_THAT(extractor.version(), ::testing::StartsWith(std::string(kEngineVersion) + "+ud-en."));
  EXPECT_EQ(extractor.Extract(Article("Kone met Boateng.")).extractor_version, extractor.version());
}

TEST_F(PipelineTest, SentencesAndTokensCoverTheTextWithEmptySyntax) {
  NormalizedArticle article = Article("Envoy Lina Okafor landed in Port Velar. She met the mayor.");
  Doc doc(article);
  TokenizerStage().Process(doc);
  ASSERT_THAT(doc.sentences, SizeIs(2));
  EXPECT_EQ(doc.sentences[1].first_token, doc.sentences[0].end_token);
  EXPECT_EQ(doc.sentences[1].end_token, doc.tokens.size());
  const Token& she = doc.tokens[doc.sentences[1].first_token];
  EXPECT_EQ(she.text, "She");
  EXPECT_EQ(she.sentence, 1u);
  EXPECT_EQ(she.head, -1);
  EXPECT_TRUE(she.upos.empty() && she.lemma.empty() && she.deprel.empty() && she.ner.empty());
}

TEST_F(PipelineTest, NonEnglishArticlesGetSentencesButNoFacts) {
  NormalizedArticle article =
      Article("Le ministre Paul Adoum est arrivé à Niamey lundi. Il a rencontré l'envoyé.", "fr");
  Extraction facts = Extractor(lexicon_, *syntax::SyntaxModels::Embedded()).Extract(article);
  EXPECT_THAT(facts.sentences, SizeIs(2));
  EXPECT_THAT(facts.entities, IsEmpty());
  EXPECT_THAT(facts.events, IsEmpty());
}

TEST_F(PipelineTest, CoreferenceJoinsSurnamesAndResolvesPronouns) {
  NormalizedArticle article =
      Article("Trade Minister Amara Diallo arrived in Niamey on Monday. Diallo said he would return to Niger.");
  Doc doc(article);
  RunUpToCoreference(doc);
  const Cluster* diallo = nullptr;
  for (const Cluster& cluster : doc.clusters) {
    if (cluster.name == "Amara Diallo") diallo = &cluster;
  }
  ASSERT_NE(diallo, nullptr);
  ASSERT_THAT(diallo->mentions, SizeIs(2));
  EXPECT_EQ(TextOf(doc, doc.mentions[diallo->mentions[1]].span), "Diallo");
  ASSERT_THAT(doc.anaphors, SizeIs(1));
  EXPECT_EQ(doc.tokens[doc.anaphors[0].first_token].text, "he");
  EXPECT_EQ(&doc.clusters[doc.anaphors[0].cluster], diallo);
}

// An organisation goes by a word of its name, but not by a place in it or its keyword.
TEST_F(PipelineTest, OrganisationsGoByAShortName) {
  Doc doc = Analyze(
      "Nordvik Telecom and Kenya Airways signed a deal in Nairobi. Nordvik said Kenya would benefit. "
      "Airways shares rose.");
  std::map<std::string, std::vector<std::string>> mentions_of;  // cluster name -> its mentions' texts
  for (const Mention& mention : doc.mentions) {
    mentions_of[doc.ClusterOf(mention).name].push_back(TextOf(doc, mention.span));
  }
  EXPECT_THAT(mentions_of["Nordvik Telecom"], ElementsAre("Nordvik Telecom", "Nordvik"));
  EXPECT_THAT(mentions_of["Kenya Airways"], ElementsAre("Kenya Airways"));
  EXPECT_THAT(mentions_of["Kenya"], ElementsAre("Kenya"));
}

TEST_F(PipelineTest, APossessiveJoinsTheMentionsTokensButNotItsName) {
  NormalizedArticle article = Article("Ghana's Foreign Minister Ama Boateng met the envoys.");
  Doc doc(article);
  RunUpToCoreference(doc);
  ASSERT_THAT(doc.mentions, SizeIs(2));
  const Mention& ghana = doc.mentions[0];
  EXPECT_EQ(ghana.name, "Ghana");
  EXPECT_EQ(TextOf(doc, ghana.span), "Ghana");
  EXPECT_TRUE(ghana.possessive);
  EXPECT_EQ(doc.Text(ghana.first_token, ghana.end_token), "Ghana's");
  ASSERT_THAT(doc.role_cues, SizeIs(1));
  EXPECT_EQ(doc.role_cues[0].title, "Foreign Minister");
  EXPECT_EQ(doc.role_cues[0].owner, 0u);
}

TEST_F(PipelineTest, RelationsStageReadsAnAppositionAfterCoreference) {
  NormalizedArticle article = Article("Delegates gathered in Niamey, the capital of Niger, on Monday.");
  Doc doc(article);
  RunUpToCoreference(doc);
  RelationsStage(lexicon_).Process(doc);
  ASSERT_FALSE(doc.relationships.empty());
  const Relationship& stated = doc.relationships.front();
  EXPECT_FALSE(stated.document_level);
  EXPECT_EQ(stated.predicate, v1::RELATIONSHIP_PREDICATE_CAPITAL_OF);
  EXPECT_EQ(doc.clusters[stated.subject].name, "Niamey");
  EXPECT_EQ(doc.clusters[stated.object].name, "Niger");
  EXPECT_EQ(TextOf(doc, stated.span), "Niamey, the capital of Niger");
}

TEST_F(PipelineTest, RelationsStageOnTwoHandBuiltMentions) {
  NormalizedArticle article = Article("Ferrow, a village in Lake Dunmere, flooded.");
  Doc doc(article);
  TokenizerStage().Process(doc);
  AddMention(doc, 0, 1, v1::ENTITY_TYPE_CITY, "Ferrow");
  AddMention(doc, 5, 7, v1::ENTITY_TYPE_REGION, "Lake Dunmere");
  RelationsStage(lexicon_).Process(doc);
  ASSERT_THAT(doc.relationships, SizeIs(1));
  EXPECT_EQ(doc.relationships[0].subject, 0u);
  EXPECT_EQ(doc.relationships[0].predicate, v1::RELATIONSHIP_PREDICATE_LOCATED_IN);
  EXPECT_EQ(doc.relationships[0].object, 1u);
  EXPECT_EQ(TextOf(doc, doc.relationships[0].span), "Ferrow, a village in Lake Dunmere");
}

// A passive's subject is what was done to; its agent is only what "by" names (the parse's
// obl:agent), even when words stand between the verb and "by".
TEST_F(PipelineTest, APassiveSubjectIsTheTargetAndItsByPhraseTheAgent) {
  Doc doc = Analyze(
      "Members of the Coastal Defence Front were arrested in Tahoua on Monday. "
      "Ama Boateng was detained on Friday by Kojo Asante.");
  auto role_of = [&](const Event& event, std::string_view name) {
    for (const Participant& participant : event.participants) {
      if (doc.clusters[participant.cluster].name == name) return participant.role;
    }
    return v1::PARTICIPANT_ROLE_UNSPECIFIED;
  };
  ASSERT_EQ(doc.events.size(), 2u);
  EXPECT_EQ(role_of(doc.events[0], "Coastal Defence Front"), v1::PARTICIPANT_ROLE_TARGET);
  EXPECT_EQ(role_of(doc.events[0], "Tahoua"), v1::PARTICIPANT_ROLE_LOCATION);
  EXPECT_EQ(role_of(doc.events[1], "Ama Boateng"), v1::PARTICIPANT_ROLE_TARGET);
  EXPECT_EQ(role_of(doc.events[1], "Kojo Asante"), v1::PARTICIPANT_ROLE_AGENT);
  for (const Event& event : doc.events) {
    for (const Participant& participant : event.participants) {
      EXPECT_NE(doc.clusters[participant.cluster].name == "Coastal Defence Front" &&
                    participant.role == v1::PARTICIPANT_ROLE_AGENT,
                true);
    }
  }
}

// Nouns name events too; their participants come from the noun's own phrase, and from the
// subject of a support verb ("held talks"), never from a verb that only talks about them.
TEST_F(PipelineTest, NounsNameEventsWithTheirPhrasesParticipants) {
  Doc doc = Analyze(
      "The talks between Ghana and Togo ended on Friday. "
      "Mali held talks with Senegal on Monday. "
      "Kojo Asante criticised the sanctions. "
      "The attack on the town lasted an hour.");
  auto found = EventParticipants(doc);
  EXPECT_THAT(found, ::testing::UnorderedElementsAre(
                         std::tuple(v1::EVENT_TYPE_CONSULT, "Ghana", v1::PARTICIPANT_ROLE_AGENT),
                         std::tuple(v1::EVENT_TYPE_CONSULT, "Togo", v1::PARTICIPANT_ROLE_CO_PARTICIPANT),
                         std::tuple(v1::EVENT_TYPE_MEET, "Mali", v1::PARTICIPANT_ROLE_AGENT),  // "held talks": once
                         std::tuple(v1::EVENT_TYPE_MEET, "Senegal", v1::PARTICIPANT_ROLE_CO_PARTICIPANT),
                         std::tuple(v1::EVENT_TYPE_CRITICIZE, "Kojo Asante", v1::PARTICIPANT_ROLE_AGENT)));
}

// Membership, affiliation and alliance read off the parse: appositions (for every
// conjunct), possessors, and "allied with".
TEST_F(PipelineTest, RelationsFromTheParse) {
  Doc doc = Analyze(
      "Mali, Burkina Faso and Niger, members of the Alliance of Sahel States, left ECOWAS "
      "in January. The Coastal Defence Front is allied with the Liberation Movement.");
  std::vector<std::tuple<std::string, v1::RelationshipPredicate, std::string>> found;
  for (const Relationship& relation : doc.relationships) {
    found.emplace_back(doc.clusters[relation.subject].name, relation.predicate, doc.clusters[relation.object].name);
  }
  for (std::string member : {"Mali", "Burkina Faso", "Niger"}) {
    EXPECT_THAT(found, ::testing::Contains(std::tuple(member, v1::RELATIONSHIP_PREDICATE_MEMBER_OF,
                                                      std::string("Alliance of Sahel States"))));
  }
  EXPECT_THAT(found, ::testing::Contains(std::tuple(std::string("Coastal Defence Front"),
                                                    v1::RELATIONSHIP_PREDICATE_ALLIED_WITH,
                                                    std::string("Liberation Movement"))));
  EXPECT_THAT(found, ::testing::Not(::testing::Contains(::testing::FieldsAre(
                         ::testing::_, v1::RELATIONSHIP_PREDICATE_MEMBER_OF, std::string("ECOWAS")))));
}

// Definite descriptions: "the group" is the organisation the text is about, not one named
// as a possessor; "the minister" the person named last.
TEST_F(PipelineTest, DescriptionsResolveToTheEntityTheTextIsAbout) {
  Doc doc = Analyze(
      "JNIM, al-Qaeda's affiliate in the Sahel, attacked Djibo on Monday. The group said "
      "it had lost two fighters. Foreign Minister Bakary Sangare said the minister would "
      "travel to Moscow.");
  auto resolved = ResolvedAnaphors(doc);
  EXPECT_EQ(resolved["The group"], "Jama'at Nusrat al-Islam wal-Muslimin");  // JNIM, by its full name
  EXPECT_EQ(resolved["the minister"], "Bakary Sangare");
}

// Describing words may stand between "the" and the noun.
TEST_F(PipelineTest, DescriptionsMayCarryDescribingWords) {
  Doc doc = Analyze(
      "Nordvik Telecom will leave Kenya. The Oslo-based company said on Monday that it had sold "
      "its towers. Nordvik Telecom and Safari Mobile signed the deal. The two companies said the deal was closed.");
  auto resolved = ResolvedAnaphors(doc);
  EXPECT_EQ(resolved["The Oslo-based company"], "Nordvik Telecom");
  EXPECT_EQ(resolved["The two companies"], "Nordvik Telecom");
}

// "Hungarian officials agreed": the country that qualifies an unnamed subject acts.
TEST_F(PipelineTest, ACountryQualifyingTheSubjectActs) {
  Doc doc = Analyze("Malian soldiers attacked the camp near Gao on Monday. Officials said it burned.");
  ASSERT_FALSE(doc.events.empty());
  const Event& attack = doc.events.front();
  ASSERT_FALSE(attack.participants.empty());
  EXPECT_EQ(doc.clusters[attack.participants.front().cluster].name, "Mali");
  EXPECT_EQ(attack.participants.front().role, v1::PARTICIPANT_ROLE_AGENT);
  for (const Event& event : doc.events) {  // "Officials said": nobody named speaks
    EXPECT_NE(event.type, v1::EVENT_TYPE_STATEMENT);
  }
}

// "Senior Ghanaian and Togolese officials agreed": the first conjunct acts with the second;
// a sentence's first word is no part of the demonym; a plural demonym names its country.
TEST_F(PipelineTest, DemonymsInTheSubjectActTogether) {
  Doc doc = Analyze(
      "Senior Ghanaian and Togolese officials agreed on Wednesday to reopen the border. "
      "Thousands of Kenyans rioted in Nairobi on Monday.");
  auto found = EventParticipants(doc);
  EXPECT_THAT(found, ::testing::IsSupersetOf({
                         std::tuple(v1::EVENT_TYPE_AGREEMENT, "Ghana", v1::PARTICIPANT_ROLE_AGENT),
                         std::tuple(v1::EVENT_TYPE_AGREEMENT, "Togo", v1::PARTICIPANT_ROLE_CO_PARTICIPANT),
                         std::tuple(v1::EVENT_TYPE_PROTEST, "Kenya", v1::PARTICIPANT_ROLE_AGENT),
                     }));
}

// Verbs trigger in any inflection ("rioted" by its regular stem, "shelling" is a gerund and
// left out), and intentions take CAMEO's codes for intent (03x) and threats (13x, and any
// intention on a condition).
TEST_F(PipelineTest, VerbTriggersByLemmaAndIntentCodes) {
  Doc doc = Analyze(
      "Norway will deliver aid to Kenya. Ghana threatened to ban Togolese traders. "
      "Uganda denounced Kenya for shelling the town. Togo signed the accord. "
      "Mali will withdraw its troops unless Niger pays. Benin refused to release the sailors.");
  std::map<std::string, std::pair<std::string, v1::Modality>> by_trigger;  // trigger -> code, modality
  for (const Event& event : doc.events) {
    by_trigger[std::string(doc.tokens[event.trigger].text)] = {event.cameo_code, event.modality};
  }
  EXPECT_EQ(by_trigger["deliver"], std::pair(std::string("033"), v1::MODALITY_HYPOTHETICAL));  // not 070
  EXPECT_EQ(by_trigger["ban"], std::pair(std::string("137"), v1::MODALITY_HYPOTHETICAL));      // not 170
  EXPECT_EQ(by_trigger["denounced"].first, "111");
  EXPECT_EQ(by_trigger["signed"], std::pair(std::string("057"), v1::MODALITY_ASSERTED));
  EXPECT_FALSE(by_trigger.contains("shelling"));
  EXPECT_EQ(by_trigger["withdraw"].first, "130");                 // on a condition: a threat
  EXPECT_EQ(by_trigger["refused"].first, "120");                  // "refused to": a rejection ...
  EXPECT_EQ(by_trigger["release"].second, v1::MODALITY_NEGATED);  // ... of what did not happen
}

// Some verbs report an event only with a certain object, or a noun their object governs.
TEST_F(PipelineTest, VerbsWithTheirObjectsTrigger) {
  Doc doc = Analyze(
      "Kenya closed the border with Uganda on Monday. Japan sent two planeloads of tents to Kenya. "
      "Uganda closed the meeting early.");
  std::vector<std::pair<std::string, v1::EventType>> triggers;  // (sentence's subject, type)
  for (const Event& event : doc.events) {
    triggers.emplace_back(doc.Text(doc.sentences[doc.tokens[event.trigger].sentence].first_token,
                                   doc.sentences[doc.tokens[event.trigger].sentence].first_token + 1),
                          event.type);
  }
  EXPECT_THAT(triggers, ::testing::ElementsAre(std::pair("Kenya", v1::EVENT_TYPE_RESTRICT),
                                               std::pair("Japan", v1::EVENT_TYPE_PROVIDE_AID)));
}

TEST_F(PipelineTest, ModalityStageOnAHandBuiltEvent) {
  NormalizedArticle article = Article("Analysts say the militia could attack the depot.");
  Doc doc(article);
  TokenizerStage().Process(doc);
  Event& event = doc.events.emplace_back();
  event.trigger = 5;  // "attack"
  ModalityStage().Process(doc);
  EXPECT_EQ(event.modality, v1::MODALITY_HYPOTHETICAL);
  event = Event();
  event.trigger = 1;  // "say": a statement's own verb reports nothing
  ModalityStage().Process(doc);
  EXPECT_EQ(event.modality, v1::MODALITY_ASSERTED);
}

// "according to" right before a quotation names no source: none is invented (the text
// between the two was once read backwards and returned the rest of the article).
TEST_F(PipelineTest, ModalityNamesNoSourceWhenAQuotationFollowsAccordingTo) {
  NormalizedArticle article = Article("The militia attacked the depot, according to \"local officials\". More later.");
  Doc doc(article);
  TokenizerStage().Process(doc);
  Event& event = doc.events.emplace_back();
  event.trigger = 2;  // "attacked"
  ModalityStage().Process(doc);
  EXPECT_EQ(event.modality, v1::MODALITY_REPORTED);
  EXPECT_EQ(event.attributed_to, "");
}

// Text nobody would call prose still comes out as bounded sentences and rooted trees.
TEST_F(PipelineTest, HostileTextGivesBoundedSentencesAndTrees) {
  std::string run_on;
  for (int i = 0; i < 1000; ++i) run_on += "alpha beta, ";
  std::string blob(5000, 'x');
  for (const std::string& text : {run_on, blob, std::string("?!.,;:"), std::string("\u3002\u3002"), std::string()}) {
    NormalizedArticle article = Article(text);
    Doc doc = Extractor(lexicon_, *syntax::SyntaxModels::Embedded()).Analyze(article);
    for (const Sentence& sentence : doc.sentences) {
      EXPECT_LE(sentence.end_token - sentence.first_token, 200u);
      int roots = 0;
      for (size_t t = sentence.first_token; t < sentence.end_token; ++t) roots += doc.tokens[t].head < 0;
      EXPECT_EQ(roots, 1);
    }
  }
  NormalizedArticle article = Article(run_on);
  EXPECT_EQ(Extractor(lexicon_, *syntax::SyntaxModels::Embedded()).Analyze(article).sentences.size(), 16u);
}

}  // namespace
}  // namespace dossier::engine
