#include "engine/normalize/page_kind.h"

#include <gtest/gtest.h>

namespace dossier::engine {
namespace {

PageSignals Declared(std::set<std::string> schema_types, std::string og_type = "") {
  PageSignals signals;
  signals.schema_types = std::move(schema_types);
  signals.og_type = std::move(og_type);
  return signals;
}

TEST(PageKindTest, APageIsWhatItsMetadataSaysItIs) {
  EXPECT_EQ(ClassifyPage(Declared({"NewsArticle", "Organization"})), PageKind::kArticle);
  EXPECT_EQ(ClassifyPage(Declared({"DiscussionForumPosting"}, "article")), PageKind::kForum);
  EXPECT_EQ(ClassifyPage(Declared({"QAPage", "Question", "Answer"})), PageKind::kForum);
  EXPECT_EQ(ClassifyPage(Declared({}, "product")), PageKind::kProduct);
  EXPECT_EQ(ClassifyPage(Declared({"Product", "Offer", "Brand"})), PageKind::kProduct);
  EXPECT_EQ(ClassifyPage(Declared({"CollectionPage"})), PageKind::kListing);
  EXPECT_EQ(ClassifyPage(Declared({}, "product.group")), PageKind::kListing);
}

TEST(PageKindTest, AReviewThatNamesAProductIsStillAnArticle) {
  // A product without an offer is what a review is about, not something for sale.
  EXPECT_EQ(ClassifyPage(Declared({"Product", "Review"})), PageKind::kArticle);
  // Comments under a blog post do not make it a forum.
  EXPECT_EQ(ClassifyPage(Declared({"BlogPosting", "Comment"})), PageKind::kArticle);
}

TEST(PageKindTest, WithoutMetadataTheBuildOfTheContentDecides) {
  PageSignals cards;
  cards.root_bytes = 10000;
  cards.root_link_bytes = 4000;
  cards.card_count = 24;
  cards.card_bytes = 8000;
  EXPECT_EQ(ClassifyPage(cards), PageKind::kListing);

  PageSignals story_with_related_cards = cards;
  story_with_related_cards.card_bytes = 2000;  // the story's paragraphs hold most of the text
  story_with_related_cards.root_link_bytes = 1500;
  EXPECT_EQ(ClassifyPage(story_with_related_cards), PageKind::kArticle);

  PageSignals thread;
  thread.root_bytes = 10000;
  thread.root_link_bytes = 800;
  thread.post_count = thread.card_count = 6;
  thread.post_bytes = thread.card_bytes = 9000;
  EXPECT_EQ(ClassifyPage(thread), PageKind::kForum);

  // A page that declares itself an article stays one, whatever its build.
  cards.og_type = "article";
  EXPECT_EQ(ClassifyPage(cards), PageKind::kArticle);
}

}  // namespace
}  // namespace dossier::engine
