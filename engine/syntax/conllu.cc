#include "engine/syntax/conllu.h"

#include <absl/strings/numbers.h>

#include <fstream>
#include <ostream>
#include <sstream>

#include "dossier/common/strings.h"

namespace dossier::engine::syntax {
namespace {

std::string_view Field(std::string_view value) { return value == "_" ? std::string_view() : value; }
std::string Underscore(std::string_view value) { return value.empty() ? "_" : std::string(value); }

bool HasNoSpaceAfter(std::string_view misc) {
  for (std::string_view item : strings::Split(misc, "|")) {
    if (item == "SpaceAfter=No") return true;
  }
  return false;
}

absl::Status LineError(size_t line_number, std::string_view message) {
  return absl::InvalidArgumentError(strings::Cat("CoNLL-U line ", line_number, ": ", message));
}

// Heads in range and no cycles (every word reaches the root); multiword tokens end inside
// the sentence.
absl::Status ValidateTree(const ConlluSentence& sentence) {
  auto fail = [&](std::string_view problem) {
    return absl::InvalidArgumentError(strings::Cat("CoNLL-U sentence ", sentence.sent_id, ": ", problem));
  };
  const int size = static_cast<int>(sentence.words.size());
  for (const auto& multiword : sentence.multiwords) {
    if (multiword.last > size) return fail("multiword token past the last word");
  }
  for (int word = 1; word <= size; ++word) {
    int head = sentence.words[word - 1].head;
    if (head < 0 || head > size) return fail("head out of range");
    // Following heads from any word must reach the root within `size` steps.
    int node = word;
    for (int steps = 0; node != 0; ++steps) {
      if (steps > size) return fail("the heads form a cycle");
      node = sentence.words[node - 1].head;
    }
  }
  return absl::OkStatus();
}

}  // namespace

bool ConlluSentence::SpaceAfterWord(size_t index) const {
  int id = static_cast<int>(index) + 1;
  for (const auto& multiword : multiwords) {
    if (id >= multiword.first && id <= multiword.last) {
      return id == multiword.last && !HasNoSpaceAfter(multiword.misc);
    }
  }
  return !HasNoSpaceAfter(words[index].misc);
}

absl::StatusOr<std::vector<ConlluSentence>> ParseConllu(std::string_view content) {
  std::vector<ConlluSentence> sentences;
  ConlluSentence current;
  bool open = false;
  size_t line_number = 0;
  auto finish = [&] {
    if (open) sentences.push_back(std::move(current));
    current = ConlluSentence();
    open = false;
  };
  for (std::string_view line : strings::Split(content, "\n")) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      finish();
      continue;
    }
    open = true;
    if (line.front() == '#') {
      if (line.starts_with("# newdoc")) current.new_document = true;
      if (line.starts_with("# newpar")) current.new_paragraph = true;
      if (line.starts_with("# sent_id = ")) current.sent_id = line.substr(12);
      if (line.starts_with("# text = ")) current.text = line.substr(9);
      continue;
    }
    std::vector<std::string_view> columns = strings::Split(line, "\t");
    if (columns.size() != 10) return LineError(line_number, "expected 10 tab-separated columns");
    std::string_view id = columns[0];
    if (id.find('.') != std::string_view::npos) continue;  // empty node of enhanced dependencies
    if (size_t dash = id.find('-'); dash != std::string_view::npos) {
      ConlluMultiword multiword;
      if (!absl::SimpleAtoi(absl::string_view(id.data(), dash), &multiword.first) ||
          !absl::SimpleAtoi(absl::string_view(id.data() + dash + 1, id.size() - dash - 1), &multiword.last)) {
        return LineError(line_number, "bad multiword token range");
      }
      if (multiword.first != static_cast<int>(current.words.size()) + 1 || multiword.last < multiword.first) {
        return LineError(line_number, "a multiword token must cover the words that follow it");
      }
      multiword.form = columns[1];
      multiword.misc = Field(columns[9]);
      current.multiwords.push_back(std::move(multiword));
      continue;
    }
    int number = 0;
    if (!absl::SimpleAtoi(absl::string_view(id.data(), id.size()), &number) ||
        number != static_cast<int>(current.words.size()) + 1) {
      return LineError(line_number, "word IDs must count up from 1");
    }
    ConlluWord word;
    word.form = columns[1];
    word.lemma = Field(columns[2]);
    word.upos = Field(columns[3]);
    word.xpos = Field(columns[4]);
    word.feats = Field(columns[5]);
    if (columns[6] != "_" && !absl::SimpleAtoi(absl::string_view(columns[6].data(), columns[6].size()), &word.head)) {
      return LineError(line_number, "HEAD must be a number");
    }
    word.deprel = Field(columns[7]);
    word.misc = Field(columns[9]);
    current.words.push_back(std::move(word));
  }
  finish();
  for (const auto& sentence : sentences) {
    if (absl::Status valid = ValidateTree(sentence); !valid.ok()) return valid;
  }
  return sentences;
}

absl::StatusOr<std::vector<ConlluSentence>> ReadConllu(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(strings::Cat("cannot read ", path));
  std::ostringstream content;
  content << in.rdbuf();
  auto sentences = ParseConllu(content.str());
  if (!sentences.ok())
    return absl::Status(sentences.status().code(), strings::Cat(path, ": ", sentences.status().message()));
  return sentences;
}

void WriteConllu(std::ostream& out, const std::vector<ConlluSentence>& sentences) {
  for (const auto& sentence : sentences) {
    if (!sentence.sent_id.empty()) out << "# sent_id = " << sentence.sent_id << '\n';
    if (!sentence.text.empty()) out << "# text = " << sentence.text << '\n';
    size_t next_multiword = 0;
    for (size_t i = 0; i < sentence.words.size(); ++i) {
      int id = static_cast<int>(i) + 1;
      if (next_multiword < sentence.multiwords.size() && sentence.multiwords[next_multiword].first == id) {
        const auto& multiword = sentence.multiwords[next_multiword++];
        out << multiword.first << '-' << multiword.last << '\t' << multiword.form << "\t_\t_\t_\t_\t_\t_\t_\t"
            << Underscore(multiword.misc) << '\n';
      }
      const ConlluWord& word = sentence.words[i];
      out << id << '\t' << word.form << '\t' << Underscore(word.lemma) << '\t' << Underscore(word.upos) << '\t'
          << Underscore(word.xpos) << '\t' << Underscore(word.feats) << '\t' << word.head << '\t'
          << Underscore(word.deprel) << "\t_\t" << Underscore(word.misc) << '\n';
    }
    out << '\n';
  }
}

}  // namespace dossier::engine::syntax
