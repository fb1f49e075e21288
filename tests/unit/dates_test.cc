#include "engine/normalize/dates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace dossier::engine {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

TEST(ParsePublicationDate, AcceptsDayAndRfc3339WithOffsets) {
  auto day = ParsePublicationDate("article.published", "2025-03-12");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(*day, sys_days(std::chrono::year(2025) / 3 / 12));
  auto with_offset = ParsePublicationDate("article.published", "2025-03-12T08:30:00+01:00");
  ASSERT_TRUE(with_offset.ok()) << with_offset.status();
  EXPECT_EQ(*with_offset, sys_days(std::chrono::year(2025) / 3 / 12) + 7h + 30min);
}

TEST(ParsePublicationDate, RejectsGarbageOldAndFutureDatesNamingTheField) {
  for (const char* bad : {"12/03/2025", "yesterday", "2025-13-01", "1850-01-01", "2999-01-01"}) {
    auto parsed = ParsePublicationDate("article.published", bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(parsed.status().message()), ::testing::HasSubstr("article.published"));
  }
}

TEST(ParseMetadataDate, AcceptsTimestampsWithoutZone) {
  auto parsed = ParseMetadataDate("2025-05-14T07:10:00");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, sys_days(std::chrono::year(2025) / 5 / 14) + 7h + 10min);
  EXPECT_FALSE(ParseMetadataDate("last Tuesday").has_value());
}

}  // namespace
}  // namespace dossier::engine
