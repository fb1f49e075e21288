#pragma once

#include <string_view>

namespace dossier {

/// Sends logs to stderr as one `key=value` line per record:
/// `ts=2025-03-12T08:30:00.123Z level=info service=dossier-query msg...`.
/// Unknown levels fall back to info.
void InitLogging(std::string_view service_name, std::string_view level);

}  // namespace dossier
