#include "engine/normalize/url.h"

#include <absl/strings/ascii.h>
#include <absl/strings/match.h>
#include <absl/strings/str_cat.h>
#include <absl/strings/str_join.h>
#include <absl/strings/str_split.h>

#include <algorithm>
#include <array>
#include <vector>

#include "dossier/common/strings.h"

namespace dossier::engine {
namespace {

constexpr size_t kMaxUrlLength = 2048;

bool IsTrackingParameter(std::string_view name) {
  static constexpr std::array<std::string_view, 11> kExact = {
      "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "igshid", "ref", "ref_src"};
  std::string lower = strings::ToLowerAscii(name);
  return std::string_view(lower).starts_with("utm_") || std::find(kExact.begin(), kExact.end(), lower) != kExact.end();
}

}  // namespace

absl::StatusOr<std::string> CanonicalizeUrl(std::string_view field, std::string_view url) {
  auto invalid = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        strings::Cat(field, " must be an absolute http(s) URL (", why, "), got \"", url.substr(0, 120), "\""));
  };
  if (url.empty()) return absl::InvalidArgumentError(strings::Cat(field, " is required"));
  if (url.size() > kMaxUrlLength) return invalid("longer than 2048 bytes");
  if (std::any_of(url.begin(), url.end(), [](char c) { return static_cast<unsigned char>(c) <= ' '; })) {
    return invalid("contains spaces or control characters");
  }
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return invalid("no scheme");
  std::string scheme = strings::ToLowerAscii(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") return invalid("scheme is not http or https");

  std::string_view rest = url.substr(scheme_end + 3);
  rest = rest.substr(0, rest.find('#'));
  size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view path_and_query = authority_end == std::string_view::npos ? "" : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return invalid("user info is not allowed");
  std::string host = strings::ToLowerAscii(authority);
  if (host.empty() || host.front() == ':') return invalid("no host");
  if ((scheme == "http" && std::string_view(host).ends_with(":80")) ||
      (scheme == "https" && std::string_view(host).ends_with(":443"))) {
    host.resize(host.rfind(':'));
  }

  std::string_view path = path_and_query.substr(0, path_and_query.find('?'));
  std::string result = strings::Cat(scheme, "://", host, path.empty() ? "/" : path);
  if (auto query_start = path_and_query.find('?'); query_start != std::string_view::npos) {
    std::vector<std::string_view> kept;
    for (std::string_view parameter : strings::Split(path_and_query.substr(query_start + 1), "&", true)) {
      if (!IsTrackingParameter(parameter.substr(0, parameter.find('=')))) kept.push_back(parameter);
    }
    if (!kept.empty()) result += strings::Cat("?", strings::Join(kept, "&"));
  }
  return result;
}

std::string HostOf(std::string_view canonical_url) {
  std::string_view rest = canonical_url.substr(canonical_url.find("://") + 3);
  rest = rest.substr(0, rest.find_first_of("/:?"));
  if (std::string_view(rest).starts_with("www.")) rest.remove_prefix(4);
  return std::string(rest);
}

}  // namespace dossier::engine
