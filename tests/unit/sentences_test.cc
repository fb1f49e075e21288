#include "engine/stages/sentences.h"

#include <gtest/gtest.h>

namespace dossier::engine {
namespace {

const Lexicon& TheLexicon() {
  static const std::shared_ptr<const Lexicon> lexicon = *Lexicon::Load();
  return *lexicon;
}

std::vector<SentenceSpan> SplitSentences(std::string_view text) { return engine::SplitSentences(text, TheLexicon()); }

std::vector<std::string> Texts(std::string_view text) {
  std::vector<std::string> out;
  for (auto span : SplitSentences(text)) out.emplace_back(text.substr(span.start, span.end - span.start));
  return out;
}

TEST(SplitSentences, KeepsAbbreviationsInsideSentences) {
  auto sentences = Texts("The U.S. envoy met Gen. Mensah on Jan. 5 in Accra. Talks went well.");
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0], "The U.S. envoy met Gen. Mensah on Jan. 5 in Accra.");
  EXPECT_EQ(sentences[1], "Talks went well.");
}

TEST(SplitSentences, AbbreviationAtParagraphEndStillEndsIt) {
  auto sentences = Texts("They moved to the U.S.\n\nTalks went well.");
  ASSERT_EQ(sentences.size(), 2u);
  EXPECT_EQ(sentences[0], "They moved to the U.S.");
}

TEST(SplitSentences, ParagraphBreakEndsASentenceAndSpansAreByteOffsets) {
  std::string text = "Ségou is calm\n\nNiamey — the capital — waits.";
  auto spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(text.substr(spans[0].start, spans[0].end - spans[0].start), "Ségou is calm");
  EXPECT_EQ(spans[1].start, text.find("Niamey"));
  EXPECT_EQ(spans[1].end, text.size());
}

}  // namespace
}  // namespace dossier::engine
