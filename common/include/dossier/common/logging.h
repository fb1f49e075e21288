#pragma once

#include <spdlog/common.h>

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

namespace dossier {

/// How log records are written to stderr.
enum class LogFormat {
  /// One JSON object per line, for log collectors:
  /// {"ts":"2026-12-06T08:30:00.123Z","level":"info","service":"dossier-query","event":"rpc",...}
  kJson,
  /// `ts=... level=info service=dossier-query event=rpc method=GetEvent ...`, for people.
  kText,
};

/// Sends logs to stderr in `format`. Unknown levels fall back to info.
void InitLogging(std::string_view service_name, std::string_view level, LogFormat format = LogFormat::kJson);

/// Parses "json" or "text".
LogFormat ParseLogFormat(std::string_view name);

/// One named field of a log record; any value nlohmann::json can hold.
using LogField = std::pair<std::string_view, nlohmann::ordered_json>;

/// Logs one record: an event name and its fields, written in the format InitLogging chose.
/// Values are escaped, so messages from errors or clients cannot forge fields or lines;
/// null values are left out.
void Log(spdlog::level::level_enum level, std::string_view event, std::initializer_list<LogField> fields = {});

}  // namespace dossier
