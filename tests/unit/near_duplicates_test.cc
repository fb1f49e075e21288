#include "engine/normalize/near_duplicates.h"

#include <gtest/gtest.h>

namespace dossier::engine {
namespace {

constexpr const char* kOriginal =
    "Ghana, Niger, Burkina Faso and Togo signed a declaration on border security in Accra on Monday, "
    "pledging to share intelligence, coordinate patrols along their common borders and cut the fuel "
    "supply lines that armed groups rely on. The foreign ministers said a joint centre would open in "
    "Tamale by the end of the year and that customs data would be exchanged every week.";

// The same story lightly rewritten, as a syndication desk would.
constexpr const char* kRewrite =
    "Ghana, Niger, Burkina Faso and Togo on Monday signed a declaration on border security in Accra, "
    "pledging to share intelligence, coordinate patrols along their shared borders and cut the fuel "
    "supply lines that armed groups depend on. The foreign ministers said a joint centre would open in "
    "Tamale before the end of the year and that customs data would be exchanged every week.";

constexpr const char* kOther =
    "Cocoa exporters in Ghana expect a strong season after heavy rains in the west, the marketing board "
    "said, while traders in Kumasi reported that prices had stabilised after a difficult winter and "
    "that smuggling across the eastern border had slowed.";

TEST(StorySignature, RewritesAreSimilarAndOtherStoriesAreNot) {
  auto original = ComputeStorySignature(kOriginal);
  ASSERT_EQ(original.minhashes.size(), StorySignature::kHashes);
  ASSERT_EQ(original.bands.size(), StorySignature::kBands);
  EXPECT_EQ(EstimatedJaccard(original.minhashes, ComputeStorySignature(kOriginal).minhashes), 1.0);
  EXPECT_GE(EstimatedJaccard(original.minhashes, ComputeStorySignature(kRewrite).minhashes), kSameStoryJaccard);
  EXPECT_LT(EstimatedJaccard(original.minhashes, ComputeStorySignature(kOther).minhashes), 0.2);
}

TEST(StorySignature, CaseAndQuotesDoNotMatterButTinyBodiesAreNotSigned) {
  EXPECT_EQ(ComputeStorySignature("The Talks Ended").minhashes, ComputeStorySignature("the talks ended").minhashes);
  EXPECT_TRUE(ComputeStorySignature("Alone").minhashes.empty());
  EXPECT_EQ(EstimatedJaccard({}, {}), 0.0);
}

}  // namespace
}  // namespace dossier::engine
