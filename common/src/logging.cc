#include "dossier/common/logging.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

namespace dossier {

void InitLogging(std::string_view service_name, std::string_view level) {
  auto logger = spdlog::stderr_logger_mt(std::string(service_name));
  // UTC timestamps keep lines from different pods comparable.
  logger->set_pattern("ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l service=%n %v", spdlog::pattern_time_type::utc);
  auto parsed = spdlog::level::from_str(std::string(level));
  logger->set_level(parsed == spdlog::level::off ? spdlog::level::info : parsed);
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

}  // namespace dossier
