#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/extractor.h"
#include "engine/stages/entity_hints.h"
#include "engine/syntax/entity_corpora.h"
#include "engine/syntax/entity_recognizer.h"
#include "engine/syntax/syntax_models.h"

namespace dossier::engine {
namespace {

using syntax::EntitySpan;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Writes `content` to a fresh file under the test's temporary directory.
std::string WriteFile(const std::string& name, std::string_view content) {
  auto path = std::filesystem::path(::testing::TempDir()) / name;
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

std::vector<EntitySpan> Spans(const syntax::LabeledSentence& sentence) { return syntax::EntitySpans(sentence.labels); }

TEST(EntityCorporaTest, UniversalNerKeepsPersonOrganisationAndPlace) {
  std::string path = WriteFile("uner.iob2",
                               "# sent_id = a-1\n"
                               "1\tKone\tB-PER\t-\t-\n"
                               "2\tleft\tO\t-\t-\n"
                               "3\tAcme\tB-ORG\t-\t-\n"
                               "4\tWidgets\tI-ORG\t-\t-\n"
                               "5\tfor\tO\t-\t-\n"
                               "6\tTahoua\tB-LOC\t-\t-\n"
                               "7\ton\tB-O\t-\t-\n"
                               "8\tFridays\tB-OTH\t-\t-\n"
                               "\n");
  auto sentences = syntax::ReadEntityCorpus("uner:" + path);
  ASSERT_TRUE(sentences.ok()) << sentences.status();
  ASSERT_EQ(sentences->size(), 1u);
  EXPECT_THAT(Spans((*sentences)[0]),
              ElementsAre(EntitySpan{0, 1, "PER"}, EntitySpan{2, 4, "ORG"}, EntitySpan{5, 6, "LOC"}));
  // "B-O" is a stray tag, not an entity; OTH is an entity of a type not scored.
  EXPECT_THAT((*sentences)[0].other_entity, ElementsAre(false, false, false, false, false, false, false, true));
}

TEST(EntityCorporaTest, InsideOnlyLabelsBecomeBeginInsideAndDocumentsSplitThreeOneOne) {
  std::string text;
  for (int document = 0; document < 5; ++document) {
    text += "-DOCSTART- O\n\n";
    text += "Ama I-PER\nBoateng I-PER\nKone I-PER\nvisited O\nNiamey I-LOC\n" + std::string(document, 'x') + " O\n\n";
  }
  std::string path = WriteFile("wikigold.txt", text);
  auto train = syntax::ReadEntityCorpus("wikigold:" + path + ":train");
  auto dev = syntax::ReadEntityCorpus("wikigold:" + path + ":dev");
  auto test = syntax::ReadEntityCorpus("wikigold:" + path + ":test");
  ASSERT_TRUE(train.ok() && dev.ok() && test.ok());
  ASSERT_EQ(train->size(), 3u);
  ASSERT_EQ(dev->size(), 1u);
  ASSERT_EQ(test->size(), 1u);
  EXPECT_EQ(dev->front().words.back(), "xxx");
  EXPECT_EQ(test->front().words.back(), "xxxx");
  // Adjacent names of one type merge in IO: that is what the corpus says.
  EXPECT_THAT(Spans(test->front()), ElementsAre(EntitySpan{0, 3, "PER"}, EntitySpan{4, 5, "LOC"}));
  EXPECT_FALSE(syntax::ReadEntityCorpus("wikigold:" + path + ":all").ok());
}

TEST(EntityCorporaTest, CrossNerTypesMapAndOtherTypesAreMarked) {
  std::string path = WriteFile("crossner.txt",
                               "The\tO\nLiberal\tB-politicalparty\nParty\tI-politicalparty\nof\tI-politicalparty\n"
                               "Norway\tI-politicalparty\nwon\tO\nthe\tO\n2021\tB-election\nNorway\tI-election\n"
                               "election\tI-election\n.\tO\n\n");
  auto sentences = syntax::ReadEntityCorpus("crossner:" + path);
  ASSERT_TRUE(sentences.ok()) << sentences.status();
  EXPECT_THAT(Spans((*sentences)[0]), ElementsAre(EntitySpan{1, 5, "ORG"}));
  EXPECT_TRUE((*sentences)[0].other_entity[8]);
  EXPECT_FALSE((*sentences)[0].other_entity[2]);
}

// GUM marks every mention; the names are the ones headed by a proper noun, trimmed as NER
// corpora mark them.
TEST(EntityCorporaTest, GumNamesComeFromEntityBracketsHeadedByProperNouns) {
  std::string path =
      WriteFile("gum.conllu",
                "# text = Dr. Ama Boateng of the Tamale Institute met the mayor 's aide .\n"
                "1\tDr.\tDr.\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-cf1-1-coref\n"
                "2\tAma\tAma\tPROPN\tNNP\t_\t8\tnsubj\t_\t_\n"
                "3\tBoateng\tBoateng\tPROPN\tNNP\t_\t2\tflat\t_\t_\n"
                "4\tof\tof\tADP\tIN\t_\t7\tcase\t_\t_\n"
                "5\tthe\tthe\tDET\tDT\t_\t7\tdet\t_\tEntity=(2-organization-new-cf2-1-sgl\n"
                "6\tTamale\tTamale\tPROPN\tNNP\t_\t7\tcompound\t_\tEntity=(3-place-new-cf3-1-sgl)\n"
                "7\tInstitute\tInstitute\tPROPN\tNNP\t_\t2\tnmod\t_\tEntity=2)1)\n"
                "8\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
                "9\tthe\tthe\tDET\tDT\t_\t10\tdet\t_\tEntity=(4-person-new-cf4-1-sgl(5-person-new-cf5-1-sgl\n"
                "10\tmayor\tmayor\tNOUN\tNN\t_\t12\tnmod:poss\t_\t_\n"
                "11\t's\t's\tPART\tPOS\t_\t10\tcase\t_\tEntity=5)\n"
                "12\taide\taide\tNOUN\tNN\t_\t8\tobj\t_\tEntity=4)\n"
                "13\t.\t.\tPUNCT\t.\t_\t8\tpunct\t_\t_\n"
                "\n");
  auto sentences = syntax::ReadEntityCorpus("gum:" + path);
  ASSERT_TRUE(sentences.ok()) << sentences.status();
  // The person without "Dr." and without "of the Tamale Institute"; the organisation with
  // its place inside; the mayor and the aide are no names.
  EXPECT_THAT(Spans((*sentences)[0]), ElementsAre(EntitySpan{1, 3, "PER"}, EntitySpan{5, 7, "ORG"}));
}

TEST(EntityCorporaTest, UnknownFormatsAndMissingFilesAreErrors) {
  EXPECT_FALSE(syntax::ReadEntityCorpus("conll2003:/nowhere").ok());
  EXPECT_FALSE(syntax::ReadEntityCorpus("uner:/nowhere/at/all.iob2").ok());
  EXPECT_FALSE(syntax::ReadEntityCorpus("uner").ok());
}

TEST(EntitySpansTest, StrayInsideLabelsStartEntities) {
  std::vector<std::string> labels = {"I-PER", "I-PER", "O", "B-LOC", "I-ORG", "B-LOC", "I-LOC"};
  EXPECT_THAT(syntax::EntitySpans(labels), ElementsAre(EntitySpan{0, 2, "PER"}, EntitySpan{3, 4, "LOC"},
                                                       EntitySpan{4, 5, "ORG"}, EntitySpan{5, 7, "LOC"}));
}

class EntityModelTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    lexicon_ = *Lexicon::Load();
    models_ = *syntax::SyntaxModels::Embedded();
  }
  // The whole analysis of an English text of ours; the article must outlive the Doc.
  Doc Analyze(std::string text) {
    article_.language = "en";
    article_.clean_text = std::move(text);
    return Extractor(lexicon_, models_).Analyze(article_);
  }
  NormalizedArticle article_;
  static std::shared_ptr<const Lexicon> lexicon_;
  static std::shared_ptr<const syntax::SyntaxModels> models_;
};
std::shared_ptr<const Lexicon> EntityModelTest::lexicon_;
std::shared_ptr<const syntax::SyntaxModels> EntityModelTest::models_;

TEST_F(EntityModelTest, HintsMarkGazetteerPlacesLongestFirstAndLexiconWords) {
  std::vector<std::string_view> words = {"The", "South", "Sudan", "minister", "met", "Ghanaian", "officials", "."};
  std::vector<uint32_t> hints = EntityHints(*lexicon_, words);
  EXPECT_TRUE(hints[1] & kHintCountryBegin);
  EXPECT_TRUE(hints[2] & kHintCountryInside);
  EXPECT_TRUE(hints[2] & kHintCountryBegin);  // "Sudan" alone is a country too
  EXPECT_TRUE(hints[3] & kHintRoleTitle);
  EXPECT_TRUE(hints[5] & kHintDemonym);
  EXPECT_EQ(hints[4], 0u);
}

// The compiled-in recogniser on a sentence of our own.
TEST_F(EntityModelTest, RecognizerFindsPeopleOrganisationsAndPlaces) {
  std::vector<std::string_view> words = {"Interior",     "Minister", "Salif",  "Kone", "met",    "envoy",
                                         "Ama",          "Boateng",  "of",     "the",  "World",  "Health",
                                         "Organization", "in",       "Niamey", "on",   "Monday", "."};
  std::vector<uint16_t> tags = models_->tagger.Tag(words);
  std::vector<uint32_t> hints = EntityHints(*lexicon_, words);
  std::vector<syntax::EntityInput> inputs;
  for (size_t i = 0; i < words.size(); ++i) inputs.push_back({words[i], models_->tagger.Upos(tags[i]), hints[i]});
  std::vector<std::string> labels;
  for (uint16_t label : models_->entities.Recognize(inputs)) labels.emplace_back(models_->entities.Label(label));
  std::vector<EntitySpan> spans = syntax::EntitySpans(labels);
  EXPECT_THAT(spans, ::testing::Contains(EntitySpan{6, 8, "PER"}));
  EXPECT_THAT(spans, ::testing::Contains(EntitySpan{10, 13, "ORG"}));
  EXPECT_THAT(spans, ::testing::Contains(EntitySpan{14, 15, "LOC"}));
  EXPECT_THAT(spans, ::testing::Not(::testing::Contains(::testing::Field(&EntitySpan::start, 16))));  // Monday
  EXPECT_THAT(models_->entities.Recognize({}), IsEmpty());
}

TEST_F(EntityModelTest, DamagedModelFilesAreRefusedNotRead) {
  std::string bytes = std::string("\x12\0\0\0", 4) + "dossier-entities/2" + std::string("\x01\0\0\0", 4);
  for (std::string damaged : {std::string(), std::string("junk"), bytes}) {
    std::istringstream in(damaged);
    auto loaded = syntax::EntityRecognizer::Load(in, models_->clusters);
    EXPECT_EQ(loaded.status().code(), absl::StatusCode::kDataLoss) << loaded.status();
  }
}

// Headings, credits and bylines are not statements: they get no entity labels and the
// mentions stage reads nothing from them.
TEST_F(EntityModelTest, HeadingsCreditsAndBylinesYieldNoMentions) {
  Doc doc = Analyze(
      "Preparedness Tips For Flood Season\n\nBy Ama Mensah\n\nPHOTO EPA / Wolfgang Rattay\n\n"
      "Kojo Asante · Accra · Updated 14 May\n\nAma Boateng met Kone in Niamey on Monday.");
  ASSERT_EQ(doc.sentences.size(), 5u);
  EXPECT_TRUE(doc.sentences[0].label);
  EXPECT_TRUE(doc.sentences[1].label);
  EXPECT_TRUE(doc.sentences[2].label);
  EXPECT_TRUE(doc.sentences[3].label);
  EXPECT_FALSE(doc.sentences[4].label);
  std::vector<std::string> names;
  for (const Mention& mention : doc.mentions) names.push_back(mention.name);
  EXPECT_THAT(names, ElementsAre("Ama Boateng", "Kone", "Niamey"));
}

// Organisations of the curated list: an acronym and the full name are one entity of the
// listed kind; a longer name that starts with a listed one is not cut.
TEST_F(EntityModelTest, ListedOrganisationsAreOneEntityUnderOneName) {
  Doc doc = Analyze(
      "JNIM fighters attacked Djibo on Monday. Jama'at Nusrat al-Islam wal-Muslimin later said it had lost two men. "
      "The United Nations Support Mission in Libya and the UN condemned al-Qaeda in the Islamic Maghreb.");
  std::map<std::string, std::pair<size_t, v1::OrganizationKind>> clusters;
  for (const Mention& mention : doc.mentions) {
    const Cluster& cluster = doc.ClusterOf(mention);
    clusters[std::string(doc.text.substr(mention.span.start, mention.span.end - mention.span.start))] = {
        mention.cluster, cluster.organization_kind};
  }
  ASSERT_TRUE(clusters.contains("JNIM"));
  EXPECT_EQ(clusters["JNIM"].first, clusters["Jama'at Nusrat al-Islam wal-Muslimin"].first);
  EXPECT_EQ(clusters["JNIM"].second, v1::ORGANIZATION_KIND_ARMED_GROUP);
  EXPECT_EQ(clusters["UN"].second, v1::ORGANIZATION_KIND_INTERNATIONAL_ORGANIZATION);
  EXPECT_EQ(clusters["al-Qaeda in the Islamic Maghreb"].second, v1::ORGANIZATION_KIND_ARMED_GROUP);
  EXPECT_FALSE(clusters.contains("United Nations"));  // "United Nations Support Mission ..." goes on
}

}  // namespace
}  // namespace dossier::engine
