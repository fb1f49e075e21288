#include "dossier/common/logging.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

namespace dossier {
namespace {

// Each record is one line of JSON, whatever the values hold: a client's quote or newline
// cannot break the line or forge a field.
TEST(LoggingTest, JsonRecordsAreOneParsableLineWithEscapedValues) {
  InitLogging("logging-test", "info", LogFormat::kJson);
  ::testing::internal::CaptureStderr();
  Log(spdlog::level::info, "rpc",
      {{"method", "GetEvent"}, {"error", "bad \"id\"\n{\"level\":\"fake\"}"}, {"ms", 1.5}, {"count", 3}});
  Log(spdlog::level::debug, "hidden", {});
  std::string output = ::testing::internal::GetCapturedStderr();
  spdlog::drop("logging-test");
  InitLogging("logging-test-text", "info", LogFormat::kText);

  ASSERT_EQ(std::count(output.begin(), output.end(), '\n'), 1) << output;
  auto record = nlohmann::json::parse(output);
  EXPECT_EQ(record["level"], "info");
  EXPECT_EQ(record["service"], "logging-test");
  EXPECT_EQ(record["event"], "rpc");
  EXPECT_EQ(record["method"], "GetEvent");
  EXPECT_EQ(record["error"], "bad \"id\"\n{\"level\":\"fake\"}");
  EXPECT_EQ(record["ms"], 1.5);
  EXPECT_EQ(record["count"], 3);
  EXPECT_TRUE(record["ts"].get<std::string>().ends_with("Z"));
}

TEST(LoggingTest, TextRecordsQuoteValuesWithSpaces) {
  InitLogging("logging-test-text-2", "info", LogFormat::kText);
  ::testing::internal::CaptureStderr();
  Log(spdlog::level::warn, "health", {{"status", "NOT_SERVING"}, {"reason", "schema is at 5, want 6"}});
  std::string output = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(output.find("level=warning service=logging-test-text-2 event=health status=NOT_SERVING "
                        "reason=\"schema is at 5, want 6\""),
            std::string::npos)
      << output;
}

}  // namespace
}  // namespace dossier
