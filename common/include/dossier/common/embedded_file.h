#pragma once

#include <span>
#include <string_view>

namespace dossier {

/// A file compiled into the binary by cmake/EmbedFiles.cmake.
struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

}  // namespace dossier
