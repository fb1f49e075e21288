#pragma once

#include <absl/strings/string_view.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <iterator>
#include <string>
#include <string_view>
#include <vector>

// std::string_view helpers. Debian's abseil is built with its own string_view type, so its
// string functions do not take std::string_view; these few cover what we need.
namespace dossier::strings {

/// Pieces of `text` between occurrences of any of `delimiters`; empty pieces are kept
/// unless `skip_empty`.
std::vector<std::string_view> Split(std::string_view text, std::string_view delimiters, bool skip_empty = false);

/// `text` without leading and trailing ASCII white space.
std::string_view Trim(std::string_view text);
std::string_view TrimLeading(std::string_view text);
std::string_view TrimTrailing(std::string_view text);

/// Concatenates strings, string views and numbers (what absl::StrCat does).
template <typename... Parts>
std::string Cat(const Parts&... parts) {
  std::string out;
  (fmt::format_to(std::back_inserter(out), "{}", parts), ...);
  return out;
}

/// Joins the elements of `range` with `separator`.
template <typename Range>
std::string Join(const Range& range, std::string_view separator) {
  return fmt::format("{}", fmt::join(range, separator));
}

/// ASCII lower case; other bytes unchanged.
std::string ToLowerAscii(std::string_view text);

/// Case-insensitive (ASCII) prefix test.
bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix);

}  // namespace dossier::strings

/// Lets fmt and spdlog print absl::string_view (e.g. absl::Status::message()).
template <>
struct fmt::formatter<absl::string_view> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(absl::string_view text, FormatContext& context) const {
    return fmt::formatter<std::string_view>::format(std::string_view(text.data(), text.size()), context);
  }
};
