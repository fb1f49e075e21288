#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace dossierctl {

/// The article files in `paths`: files as given, folders walked for .html/.htm/.txt (not the
/// NAME.meta.json beside a page), sorted. Empty, with `error` set, when a path does not exist.
std::vector<std::filesystem::path> ArticleFiles(const std::vector<std::string>& paths, std::string* error);

/// The whole content of a file, bytes as they are; empty when it cannot be read.
std::string ReadFile(const std::filesystem::path& path);

}  // namespace dossierctl
