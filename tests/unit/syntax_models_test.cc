#include "engine/syntax/syntax_models.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "engine/syntax/conllu.h"
#include "engine/syntax/lemmatizer.h"
#include "engine/syntax/linear_model.h"
#include "engine/syntax/parser.h"
#include "engine/syntax/tagger.h"
#include "engine/syntax/transitions.h"

namespace dossier::engine::syntax {
namespace {

using ::testing::ElementsAre;

// A tiny treebank of our own sentences, in CoNLL-U.
constexpr std::string_view kTreebank =
    "# text = Kone met Boateng .\n"
    "1\tKone\tKone\tPROPN\tNNP\t_\t2\tnsubj\t_\t_\n"
    "2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "3\tBoateng\tBoateng\tPROPN\tNNP\t_\t2\tobj\t_\t_\n"
    "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# text = The rebels attacked the town .\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\trebels\trebel\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n"
    "3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\ttown\ttown\tNOUN\tNN\t_\t3\tobj\t_\t_\n"
    "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n"
    "# text = The army seized the mines .\n"
    "1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
    "2\tarmy\tarmy\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
    "3\tseized\tseize\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_\n"
    "5\tmines\tmine\tNOUN\tNNS\t_\t3\tobj\t_\t_\n"
    "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n"
    "\n";

// A model after a trip through its file format.
template <typename Model, typename... LoadArguments>
Model SavedAndLoaded(const Model& model, LoadArguments... arguments) {
  std::stringstream file;
  model.Save(file);
  auto loaded = Model::Load(file, arguments...);
  EXPECT_TRUE(loaded.ok()) << loaded.status();
  return *std::move(loaded);
}

std::vector<ConlluSentence> Treebank() {
  auto sentences = ParseConllu(kTreebank);
  EXPECT_TRUE(sentences.ok()) << sentences.status();
  return *sentences;
}

TEST(ConlluTest, ReadsWordsMultiwordTokensAndSpacing) {
  auto sentences = ParseConllu(
      "# sent_id = a-1\n# text = Mali's army\n1-2\tMali's\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "1\tMali\tMali\tPROPN\tNNP\t_\t3\tnmod:poss\t_\t_\n2\t's\t's\tPART\tPOS\t_\t1\tcase\t_\t_\n"
      "3\tarmy\tarmy\tNOUN\tNN\t_\t0\troot\t_\tSpaceAfter=No\n\n");
  ASSERT_TRUE(sentences.ok()) << sentences.status();
  ASSERT_EQ(sentences->size(), 1u);
  const ConlluSentence& sentence = sentences->front();
  EXPECT_EQ(sentence.sent_id, "a-1");
  ASSERT_EQ(sentence.words.size(), 3u);
  EXPECT_EQ(sentence.words[0].deprel, "nmod:poss");
  EXPECT_EQ(sentence.words[0].head, 3);
  ASSERT_EQ(sentence.multiwords.size(), 1u);
  EXPECT_FALSE(sentence.SpaceAfterWord(0));  // inside "Mali's"
  EXPECT_TRUE(sentence.SpaceAfterWord(1));
  EXPECT_FALSE(sentence.SpaceAfterWord(2));
}

TEST(ConlluTest, RejectsBrokenInput) {
  EXPECT_FALSE(ParseConllu("1\tword\n\n").ok());                          // too few columns
  EXPECT_FALSE(ParseConllu("2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n\n").ok());  // IDs must count from 1
  EXPECT_FALSE(ParseConllu("1\ta\ta\tX\tX\t_\t5\troot\t_\t_\n\n").ok());  // head out of range
}

TEST(LinearModelTest, PerceptronLearnsSeparableClassesAndSurvivesSaving) {
  // Class = which of three marker features is present; a shared bias feature adds noise.
  PerceptronTrainer trainer(3);
  for (int epoch = 0; epoch < 5; ++epoch) {
    for (uint64_t label = 0; label < 3; ++label) {
      std::vector<FeatureKey> features = {Key(1, label), Key(2)};
      std::vector<float> scores(3);
      trainer.Score(features, scores);
      size_t predicted = static_cast<size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
      trainer.Update(features, label, predicted);
      trainer.Tick();
    }
  }
  LinearModel model = trainer.Average();
  std::stringstream file;
  model.Save(file);
  auto loaded = LinearModel::Load(file);
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  for (uint64_t label = 0; label < 3; ++label) {
    std::vector<FeatureKey> features = {Key(1, label), Key(2), Key(99)};  // 99: never seen
    std::vector<int32_t> scores(3);
    loaded->Score(features, scores);
    EXPECT_EQ(static_cast<uint64_t>(std::max_element(scores.begin(), scores.end()) - scores.begin()), label);
  }
}

// The file of a model with one feature that weighs two classes.
std::string OneFeatureModelFile() {
  PerceptronTrainer trainer(2);
  std::vector<FeatureKey> features = {Key(7)};
  trainer.Update(features, 1, 0);
  trainer.Tick();
  std::stringstream file;
  trainer.Average().Save(file);
  return file.str();
}

TEST(LinearModelTest, RejectsWeightsPointingOutsideTheModel) {
  std::string bytes = OneFeatureModelFile();
  // Layout: magic (4), classes (8), scale (4), keys (8 + 8), starts (8 + 4): the one
  // feature's start is at byte 40.
  ASSERT_GT(bytes.size(), 44u);
  bytes[40] = '\x7f';
  std::stringstream damaged(bytes);
  auto loaded = LinearModel::Load(damaged);
  ASSERT_FALSE(loaded.ok());
  EXPECT_THAT(std::string(loaded.status().message()), ::testing::HasSubstr("out of range"));
}

TEST(LinearModelTest, RejectsTruncatedFiles) {
  std::string bytes = OneFeatureModelFile();
  std::stringstream truncated(bytes.substr(0, bytes.size() - 3));
  EXPECT_FALSE(LinearModel::Load(truncated).ok());
  std::stringstream garbage("not a model at all");
  EXPECT_FALSE(LinearModel::Load(garbage).ok());
}

TEST(TaggerTest, LearnsTagsAndKeepsThemAfterSaving) {
  std::vector<ConlluSentence> treebank = Treebank();
  std::ostringstream log;
  Tagger tagger = SavedAndLoaded(Tagger::Train(treebank, treebank, {.epochs = 5}, nullptr, log), nullptr);
  TaggingAccuracy accuracy = ScoreTagger(tagger, treebank);
  EXPECT_EQ(accuracy.upos_correct, accuracy.words);
  std::vector<std::string_view> words = {"The", "rebels", "seized", "the", "town", "."};
  std::vector<std::string> upos;
  for (uint16_t label : tagger.Tag(words)) upos.emplace_back(tagger.Upos(label));
  EXPECT_THAT(upos, ElementsAre("DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"));
}

TEST(LemmatizerTest, LearnsSuffixRulesAndExceptions) {
  Lemmatizer lemmatizer = SavedAndLoaded(Lemmatizer::Train(Treebank()));
  EXPECT_EQ(lemmatizer.Lemma("met", "VBD"), "meet");       // an exception
  EXPECT_EQ(lemmatizer.Lemma("towns", "NNS"), "town");     // the NNS rule
  EXPECT_EQ(lemmatizer.Lemma("The", "DT"), "the");         // lower case
  EXPECT_EQ(lemmatizer.Lemma("Niamey", "NNP"), "Niamey");  // proper nouns keep their case
}

// The trained rules once turned "TASHKENT" into "TAlement": a proper noun in capitals keeps
// its form; one the rules know still gets its lemma.
TEST(LemmatizerTest, ProperNounsInCapitalsAreTheirOwnLemma) {
  auto models = SyntaxModels::Embedded();
  ASSERT_TRUE(models.ok()) << models.status();
  EXPECT_EQ((*models)->lemmatizer.Lemma("TASHKENT", "NNP"), "TASHKENT");
  EXPECT_EQ((*models)->lemmatizer.Lemma("NIAMEY", "NNP"), "NIAMEY");
  EXPECT_EQ((*models)->lemmatizer.Lemma("Tashkent", "NNP"), "Tashkent");
  EXPECT_EQ((*models)->lemmatizer.Lemma("ATTACKS", "NNS"), "attack");
}

// Rules learned from one adjective of nationality's lemma ("iranian" -> "Iranian") made
// "Romanian" "rIranian": another such adjective is capitalised the same way instead.
TEST(LemmatizerTest, AdjectivesOfNationalityKeepTheirWord) {
  auto models = SyntaxModels::Embedded();
  ASSERT_TRUE(models.ok()) << models.status();
  EXPECT_EQ((*models)->lemmatizer.Lemma("Romanian", "JJ"), "Romanian");
  EXPECT_EQ((*models)->lemmatizer.Lemma("older", "JJR"), "old");
}

TEST(ParserTest, ProjectivizeLiftsCrossingArcs) {
  // 1 <- 3, 2 <- 4 cross; 3 is the root, 4 depends on 3.
  std::vector<int> heads = {3, 4, 0, 3};
  EXPECT_EQ(Projectivize(heads), 1u);
  EXPECT_THAT(heads, ElementsAre(3, 3, 0, 3));
  std::vector<int> projective = {2, 0, 2};
  EXPECT_EQ(Projectivize(projective), 0u);
}

// A random projective tree over words 1..n: each word of a span takes its head from the
// span's own head, so no arcs cross. 1-based heads, index 0 unused.
void BuildProjective(int first, int last, int head, std::mt19937& random, std::vector<int>& heads) {
  if (first > last) return;
  int root = std::uniform_int_distribution<int>(first, last)(random);
  heads[root] = head;
  BuildProjective(first, root - 1, root, random, heads);
  BuildProjective(root + 1, last, root, random, heads);
}

// The dynamic oracle's promise: from the start, always taking some valid zero-cost
// transition (any of them) builds exactly the gold tree, labels included.
TEST(DynamicOracleTest, ZeroCostTransitionsRebuildAnyProjectiveTree) {
  std::mt19937 random(7);
  constexpr uint16_t kRoot = 0, kLabels = 4;
  for (int trial = 0; trial < 300; ++trial) {
    int size = std::uniform_int_distribution<int>(1, 14)(random);
    GoldTree gold;
    gold.heads.assign(size + 1, 0);
    BuildProjective(1, size, 0, random, gold.heads);
    gold.labels.assign(size + 1, kRoot);
    for (int word = 1; word <= size; ++word) {
      if (gold.heads[word] != 0) gold.labels[word] = std::uniform_int_distribution<uint16_t>(1, kLabels - 1)(random);
    }
    std::vector<std::string> forms(size, "w");
    std::vector<ParserInput> inputs;
    for (const auto& form : forms) inputs.push_back({form, "X", "X"});
    ParserState state(inputs, nullptr);
    DynamicOracle oracle(gold);
    while (!state.Terminal()) {
      std::vector<size_t> zero_cost;
      for (size_t t = 0; t < 1 + 2 * size_t{kLabels}; ++t) {
        if (IsValid(state, t, kRoot) && oracle.Cost(state, t) == 0) zero_cost.push_back(t);
      }
      ASSERT_FALSE(zero_cost.empty()) << "trial " << trial;
      Apply(state, zero_cost[std::uniform_int_distribution<size_t>(0, zero_cost.size() - 1)(random)]);
    }
    for (int word = 1; word <= size; ++word) {
      int head = state.Head(word);
      EXPECT_EQ(head, gold.heads[word]) << "trial " << trial << " word " << word;
      EXPECT_EQ(state.Label(word), gold.labels[word]) << "trial " << trial << " word " << word;
    }
  }
}

// And a transition that loses gold arcs costs as many as it loses.
TEST(DynamicOracleTest, CountsTheArcsAWrongTransitionLoses) {
  GoldTree gold{{0, 0, 1, 1}, {0, 0, 1, 2}};  // word 1 is the root; 2 and 3 depend on 1
  std::vector<ParserInput> inputs(3, ParserInput{"w", "X", "X"});
  ParserState state(inputs, nullptr);
  DynamicOracle oracle(gold);
  Apply(state, kShift);  // stack [1], buffer [2 3 root]
  // 1 under 2 loses 1's own arc from the root and its two dependents still to come.
  EXPECT_EQ(oracle.Cost(state, LeftArc(1)), 3);
  EXPECT_EQ(oracle.Cost(state, kShift), 0);
  Apply(state, kShift);                           // stack [1 2], buffer [3 root]
  EXPECT_EQ(oracle.Cost(state, RightArc(1)), 0);  // 2 under 1 with its label
  EXPECT_EQ(oracle.Cost(state, RightArc(2)), 1);  // the right head, the wrong label
  EXPECT_EQ(oracle.Cost(state, kShift), 1);       // 3 could no longer reach its head, 1
}

TEST(ParserTest, LearnsTreesAndParsesNewSentences) {
  std::vector<ConlluSentence> treebank = Treebank();
  std::ostringstream log;
  Parser::Options options;
  options.epochs = 8;
  Parser parser = SavedAndLoaded(Parser::Train(treebank, treebank, options, nullptr, log), nullptr);
  AttachmentScore score = ScoreParser(parser, treebank);
  EXPECT_EQ(score.labeled_correct, score.words);
  std::vector<ParserInput> words = {{"The", "DET", "DT"}, {"army", "NOUN", "NN"},   {"attacked", "VERB", "VBD"},
                                    {"the", "DET", "DT"}, {"mines", "NOUN", "NNS"}, {".", "PUNCT", "."}};
  std::vector<std::string> tree;
  for (const Arc& arc : parser.Parse(words))
    tree.push_back(std::to_string(arc.head) + std::string(parser.Label(arc.label)));
  EXPECT_THAT(tree, ElementsAre("2det", "3nsubj", "0root", "5det", "3obj", "3punct"));
}

}  // namespace
}  // namespace dossier::engine::syntax
