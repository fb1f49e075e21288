#include "engine/stages/tokenizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace dossier::engine {
namespace {

using ::testing::ElementsAre;

// The Doc of `text` after the tokenizer stage.
class TokenizerStageTest : public ::testing::Test {
 protected:
  void Tokenize(std::string text) {
    article_.clean_text = std::move(text);
    doc_.emplace(article_);
    TokenizerStage().Process(*doc_);
  }

  std::vector<std::string_view> SentenceTexts() const {
    std::vector<std::string_view> texts;
    for (const Sentence& sentence : doc_->sentences)
      texts.push_back(doc_->text.substr(sentence.start, sentence.end - sentence.start));
    return texts;
  }

  NormalizedArticle article_;
  std::optional<Doc> doc_;
};

TEST_F(TokenizerStageTest, KeepsAbbreviationsInsideSentences) {
  Tokenize("The U.S. envoy met Gen. Mensah on Jan. 5 in Accra. Talks went well.");
  EXPECT_THAT(SentenceTexts(), ElementsAre("The U.S. envoy met Gen. Mensah on Jan. 5 in Accra.", "Talks went well."));
}

TEST_F(TokenizerStageTest, AbbreviationAtParagraphEndStillEndsIt) {
  Tokenize("They moved to the U.S.\n\nTalks went well.");
  EXPECT_THAT(SentenceTexts(), ElementsAre("They moved to the U.S.", "Talks went well."));
}

TEST_F(TokenizerStageTest, SentencesHoldTheirTokensAndSpansAreByteOffsets) {
  Tokenize("Ségou is calm\n\nNiamey — the capital — waits.");
  ASSERT_THAT(SentenceTexts(), ElementsAre("Ségou is calm", "Niamey — the capital — waits."));
  const Sentence& second = doc_->sentences[1];
  EXPECT_EQ(second.start, article_.clean_text.find("Niamey"));
  EXPECT_EQ(second.end, article_.clean_text.size());
  EXPECT_EQ(doc_->sentences[0].end_token, second.first_token);
  EXPECT_EQ(second.end_token, doc_->tokens.size());
  EXPECT_EQ(doc_->tokens[second.first_token].text, "Niamey");
  EXPECT_EQ(doc_->tokens[second.first_token].sentence, 1u);
}

TEST(Tokenize, CutsWordsAsUniversalDependenciesDoesAndCliticsAreWords) {
  std::string_view text = "Ghana's envoy didn't meet the Accra-based ministers' co-chair.";
  std::vector<Token> tokens = Tokenize(text, 0, text.size());
  std::vector<std::string_view> texts;
  for (const Token& token : tokens) texts.push_back(token.text);
  EXPECT_THAT(texts, ElementsAre("Ghana", "'s", "envoy", "did", "n't", "meet", "the", "Accra", "-", "based",
                                 "ministers", "'", "co-chair", "."));
  EXPECT_TRUE(tokens[0].capitalized);
  EXPECT_EQ(tokens[1].start, tokens[0].end);
  EXPECT_TRUE(tokens[1].is_word);    // "'s" of "Ghana's"
  EXPECT_TRUE(tokens[4].is_word);    // "n't"
  EXPECT_FALSE(tokens[8].is_word);   // the hyphen
  EXPECT_TRUE(tokens[11].is_word);   // "'" of "ministers'"
  EXPECT_FALSE(tokens[13].is_word);  // the full stop
  EXPECT_EQ(tokens[3].folded, "did");
}

}  // namespace
}  // namespace dossier::engine
