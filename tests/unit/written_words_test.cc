#include "engine/written_words.h"

#include <gtest/gtest.h>

#include "engine/stages/tokenizer.h"

namespace dossier::engine {
namespace {

class WrittenWordsTest : public ::testing::Test {
 protected:
  void Read(std::string_view text) {
    text_ = text;
    tokens_ = Tokenize(text, 0, text.size());
  }
  // The index of the first token with this text.
  size_t At(std::string_view word) const {
    for (size_t t = 0; t < tokens_.size(); ++t) {
      if (tokens_[t].text == word) return t;
    }
    ADD_FAILURE() << "no token " << word;
    return 0;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
};

TEST_F(WrittenWordsTest, HyphenatedWordsAreWordsJoinedByGluedHyphens) {
  Read("Flights from Port-au-Prince - and a high-capacity ferry - resumed.");
  size_t port = At("Port");
  EXPECT_EQ(HyphenatedWordEnd(tokens_, port), port + 5);
  EXPECT_EQ(HyphenatedWordStart(tokens_, port + 5), port);
  EXPECT_EQ(FoldedAsWritten(tokens_, port, port + 5), "port-au-prince");
  EXPECT_FALSE(IsJoiningHyphen(tokens_, port + 5));  // " - ": a dash between spaces
  EXPECT_TRUE(InHyphenatedWord(tokens_, At("capacity")));
  EXPECT_FALSE(InHyphenatedWord(tokens_, At("ferry")));
}

TEST_F(WrittenWordsTest, WrittenWordsKeepTheirClitics) {
  Read("Italy's Madrid-based envoys didn't come.");
  EXPECT_EQ(WrittenWordEnd(tokens_, At("Italy")), At("'s") + 1);
  EXPECT_EQ(WrittenWordEnd(tokens_, At("Madrid")), At("based") + 1);
  EXPECT_EQ(WrittenWordStart(tokens_, At("n't") + 1), At("did"));
  EXPECT_EQ(TextAsWritten(tokens_, 0, tokens_.size()), text_);
  EXPECT_TRUE(IsPossessive(tokens_[At("'s")]));
  EXPECT_FALSE(IsPossessive(tokens_[At("n't")]));
}

TEST_F(WrittenWordsTest, APluralsApostropheIsAPossessiveAQuoteIsNot) {
  Read("The ministers' talks, 'frank' ones, ended.");
  EXPECT_TRUE(IsPossessive(tokens_[At("ministers") + 1]));
  EXPECT_FALSE(IsPossessive(tokens_[At("frank") + 1]));
}

TEST(WithoutAbbreviationDot, DropsOnlyAnAbbreviationsDot) {
  EXPECT_EQ(WithoutAbbreviationDot("Ltd."), "Ltd");
  EXPECT_EQ(WithoutAbbreviationDot("sept."), "sept");
  EXPECT_EQ(WithoutAbbreviationDot("U.S."), "U.S.");
  EXPECT_EQ(WithoutAbbreviationDot("Accra"), "Accra");
}

}  // namespace
}  // namespace dossier::engine
