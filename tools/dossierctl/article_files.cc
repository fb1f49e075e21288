#include "article_files.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace dossierctl {

namespace fs = std::filesystem;

std::vector<fs::path> ArticleFiles(const std::vector<std::string>& paths, std::string* error) {
  std::vector<fs::path> files;
  for (const auto& path : paths) {
    if (fs::is_directory(path)) {
      std::vector<fs::path> found;
      for (const auto& entry : fs::recursive_directory_iterator(path)) {
        auto extension = entry.path().extension();
        if (entry.is_regular_file() && (extension == ".html" || extension == ".htm" || extension == ".txt")) {
          found.push_back(entry.path());
        }
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::is_regular_file(path)) {
      files.emplace_back(path);
    } else {
      *error = "no such file or folder: " + path;
      return {};
    }
  }
  return files;
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace dossierctl
