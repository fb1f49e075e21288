#include "wcxb_pages.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "dossier/common/strings.h"

namespace dossier::eval {

absl::StatusOr<std::vector<WcxbPage>> ListWcxbPages(const std::string& dir) {
  const std::filesystem::path root(dir);
  std::ifstream pages_file(root / "pages.tsv");
  if (!pages_file) return absl::NotFoundError(strings::Cat("no pages.tsv in ", dir));
  std::vector<WcxbPage> pages;
  std::string line;
  std::getline(pages_file, line);  // header: id, page_type, domain, spa, english, html_lang, gold_tokens, url
  while (std::getline(pages_file, line)) {
    std::vector<std::string_view> fields = strings::Split(line, "\t");
    if (fields.size() < 8) continue;
    std::string id(fields[0]);
    pages.push_back({id, std::string(fields[1]), std::string(fields[7]), (root / "html" / (id + ".html.gz")).string(),
                     (root / "ground-truth" / (id + ".json")).string()});
  }
  return pages;
}

std::string ReadWcxbGold(const WcxbPage& page) {
  std::ifstream gold_file(page.gold_path);
  auto gold = nlohmann::json::parse(gold_file, nullptr, /*allow_exceptions=*/false);
  if (gold.is_object() && gold.contains("ground_truth") && gold["ground_truth"].contains("main_content") &&
      gold["ground_truth"]["main_content"].is_string()) {
    return gold["ground_truth"]["main_content"].get<std::string>();
  }
  return "";
}

absl::StatusOr<std::string> ReadGzipFile(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) return absl::NotFoundError(strings::Cat("cannot read ", path));
  std::string content;
  char buffer[1 << 16];
  for (int read; (read = gzread(file, buffer, sizeof buffer)) > 0;) content.append(buffer, static_cast<size_t>(read));
  gzclose(file);
  return content;
}

}  // namespace dossier::eval
