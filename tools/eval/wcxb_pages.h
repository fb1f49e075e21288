#pragma once

#include <absl/status/statusor.h>

#include <string>
#include <vector>

namespace dossier::eval {

/// One page of the WCXB corpus (../shared/corpora/wcxb-dev, see its README): its id, page
/// type and URL from pages.tsv, and where its gzipped HTML and gold JSON are.
struct WcxbPage {
  std::string id, type, url;
  std::string html_path, gold_path;
};

/// The pages listed in `dir`/pages.tsv, in its order.
absl::StatusOr<std::vector<WcxbPage>> ListWcxbPages(const std::string& dir);

/// The gold main text of a page (ground_truth.main_content); empty where the file has none.
std::string ReadWcxbGold(const WcxbPage& page);

/// The whole content of a gzipped file.
absl::StatusOr<std::string> ReadGzipFile(const std::string& path);

}  // namespace dossier::eval
