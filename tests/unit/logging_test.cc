#include "dossier/common/logging.h"

#include <gtest/gtest.h>
#include <spdlog/spdlog.h>

#include <stdexcept>

#include "dossier/common/status.h"

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

// Records logged deep in common/ (here a database error) are JSON too, not key=value text
// inside the JSON frame.
TEST(LoggingTest, DatabaseErrorsAreLoggedAsJson) {
  InitLogging("logging-test-db", "info", LogFormat::kJson);
  ::testing::internal::CaptureStderr();
  absl::Status status =
      DatabaseErrorToStatus(std::make_exception_ptr(std::runtime_error("disk \"full\"")), "storing an article");
  std::string output = ::testing::internal::GetCapturedStderr();
  spdlog::drop("logging-test-db");
  InitLogging("logging-test-db-text", "info", LogFormat::kText);

  EXPECT_TRUE(absl::IsInternal(status));
  auto record = nlohmann::json::parse(output);
  EXPECT_EQ(record["event"], "db_error");
  EXPECT_EQ(record["op"], "storing an article");
  EXPECT_EQ(record["error"], "disk \"full\"");
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
