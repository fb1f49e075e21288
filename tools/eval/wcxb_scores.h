#pragma once

#include <absl/status/status.h>

#include <map>
#include <string>
#include <string_view>

#include "engine/normalize/normalizer.h"

namespace dossier::eval {

/// The WCXB token bag of a text (../shared/corpora/wcxb-dev/README.md): full Unicode lower
/// case, then the maximal runs of letters, digits (any Unicode number) and underscores.
std::map<std::string, int> WcxbTokens(std::string_view text);

/// Bag-of-words precision, recall and F1 of one page, as the WCXB scorer counts them: an
/// empty gold scores 1 only against an empty prediction.
struct PageScore {
  double precision = 0, recall = 0, f1 = 0;
};
PageScore ScorePage(const std::map<std::string, int>& predicted, const std::map<std::string, int>& gold);

/// Scores the normalizer's main text (the title line, then the clean body) on the WCXB pages
/// in `dir` (pages.tsv, html/<id>.html.gz, ground-truth/<id>.json): mean F1, precision and
/// recall over all pages and by page type, pages whose normalization failed (and why) or threw,
/// article pages with empty output, the page kinds flagged by page type, and the `worst`
/// pages of `worst_type`.
absl::Status ScoreWcxb(const std::string& dir, const engine::Normalizer& normalizer, size_t worst,
                       const std::string& worst_type);

}  // namespace dossier::eval
