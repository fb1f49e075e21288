#include "dossier/common/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <string>

namespace dossier {
namespace {

std::atomic<LogFormat> current_format{LogFormat::kText};

// Text values are quoted when they hold a space, a quote or '=' so lines stay splittable.
void AppendTextValue(std::string& line, const nlohmann::ordered_json& value) {
  if (!value.is_string()) {
    line += value.dump();
    return;
  }
  const auto& text = value.get_ref<const std::string&>();
  bool plain = !text.empty() && text.find_first_of(" \"=\n\t") == std::string::npos;
  line += plain ? text : value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void InitLogging(std::string_view service_name, std::string_view level, LogFormat format) {
  auto logger = spdlog::stderr_logger_mt(std::string(service_name));
  // UTC timestamps keep lines from different pods comparable. The record itself (%v) is
  // already a JSON fragment or key=value text, written by Log.
  if (format == LogFormat::kJson) {
    logger->set_pattern(R"({"ts":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l","service":"%n",%v})",
                        spdlog::pattern_time_type::utc);
  } else {
    logger->set_pattern("ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l service=%n %v", spdlog::pattern_time_type::utc);
  }
  auto parsed = spdlog::level::from_str(std::string(level));
  logger->set_level(parsed == spdlog::level::off ? spdlog::level::info : parsed);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
  current_format = format;
}

LogFormat ParseLogFormat(std::string_view name) { return name == "text" ? LogFormat::kText : LogFormat::kJson; }

void Log(spdlog::level::level_enum level, std::string_view event, std::initializer_list<LogField> fields) {
  if (!spdlog::should_log(level)) return;
  std::string line;
  if (current_format == LogFormat::kJson) {
    nlohmann::ordered_json record = nlohmann::ordered_json::object();
    record["event"] = event;
    for (const auto& [name, value] : fields) {
      if (!value.is_null()) record[std::string(name)] = value;
    }
    // Invalid UTF-8 from a client or an error message is replaced, never thrown on.
    std::string object = record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line.assign(object, 1, object.size() - 2);  // the fields, without the braces
  } else {
    line = "event=";
    line += event;
    for (const auto& [name, value] : fields) {
      if (value.is_null()) continue;
      line += ' ';
      line += name;
      line += '=';
      AppendTextValue(line, value);
    }
  }
  spdlog::log(level, "{}", line);
}

}  // namespace dossier
