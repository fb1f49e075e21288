#pragma once

#include <absl/status/statusor.h>

#include <string>
#include <string_view>

namespace dossier::engine {

/// Checks that `url` is an absolute http(s) URL with a host and returns its canonical form:
/// lower-case scheme and host, no default port, no fragment, no tracking parameters
/// (utm_*, fbclid, gclid, ...). INVALID_ARGUMENT naming `field` otherwise.
absl::StatusOr<std::string> CanonicalizeUrl(std::string_view field, std::string_view url);

/// The host of a canonical URL without a leading "www.".
std::string HostOf(std::string_view canonical_url);

}  // namespace dossier::engine
