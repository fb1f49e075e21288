#include "engine/syntax/entity_corpora.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>

#include "dossier/common/strings.h"
#include "engine/syntax/conllu.h"

namespace dossier::engine::syntax {
namespace {

using TypeMap = std::function<std::string(std::string_view)>;

struct Document {
  std::vector<LabeledSentence> sentences;
};

// IO or BIO labels with the corpus's types renamed to BIO over ours; an "I-X" after
// anything but X begins an entity (IO corpora mark no beginnings). Words of entities of
// other types are marked as such.
void MapLabels(LabeledSentence& sentence, const TypeMap& map_type) {
  std::string previous_type;
  sentence.other_entity.assign(sentence.labels.size(), false);
  for (size_t i = 0; i < sentence.labels.size(); ++i) {
    std::string& label = sentence.labels[i];
    bool entity = label.size() > 2 && label[1] == '-' && label.substr(2) != "O";
    std::string type = entity ? map_type(label.substr(2)) : "";
    sentence.other_entity[i] = entity && type.empty();
    bool begins = label[0] == 'B' || type != previous_type;
    label = type.empty() ? "O" : (begins ? "B-" : "I-") + type;
    previous_type = type;
  }
}

// One word per line, word and label in the given columns (tab- or space-separated), blank
// lines between sentences, "-DOCSTART-" lines between documents, '#' lines comments.
absl::StatusOr<std::vector<Document>> ReadColumns(const std::string& path, size_t word_column, size_t label_column,
                                                  const TypeMap& map_type) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(strings::Cat("cannot read ", path));
  std::vector<Document> documents(1);
  LabeledSentence current;
  auto finish_sentence = [&] {
    if (current.words.empty()) return;
    MapLabels(current, map_type);
    documents.back().sentences.push_back(std::move(current));
    current = LabeledSentence();
  };
  size_t line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.starts_with("-DOCSTART-")) {
      finish_sentence();
      if (!documents.back().sentences.empty()) documents.emplace_back();
      continue;
    }
    if (line.empty() || line.front() == '#') {
      if (line.empty()) finish_sentence();
      continue;
    }
    std::vector<std::string_view> columns = strings::Split(line, line.find('\t') != std::string::npos ? "\t" : " ");
    if (columns.size() <= std::max(word_column, label_column)) {
      return absl::InvalidArgumentError(strings::Cat(path, ":", line_number, ": too few columns"));
    }
    current.words.emplace_back(columns[word_column]);
    current.labels.emplace_back(columns[label_column]);
  }
  finish_sentence();
  if (documents.back().sentences.empty()) documents.pop_back();
  return documents;
}

// Corpora without a split: documents 3:1:1 into train, dev and test by their order.
absl::StatusOr<std::vector<LabeledSentence>> Part(const std::vector<Document>& documents, std::string_view part) {
  static constexpr std::string_view kParts[] = {"train", "train", "train", "dev", "test"};
  if (part != "train" && part != "dev" && part != "test") {
    return absl::InvalidArgumentError(strings::Cat("unknown part '", part, "' (train, dev or test)"));
  }
  std::vector<LabeledSentence> sentences;
  for (size_t d = 0; d < documents.size(); ++d) {
    if (kParts[d % 5] != part) continue;
    sentences.insert(sentences.end(), documents[d].sentences.begin(), documents[d].sentences.end());
  }
  return sentences;
}

std::vector<LabeledSentence> Flatten(std::vector<Document> documents) {
  std::vector<LabeledSentence> sentences;
  for (auto& document : documents) {
    std::move(document.sentences.begin(), document.sentences.end(), std::back_inserter(sentences));
  }
  return sentences;
}

std::string SharedTypes(std::string_view type) {
  return type == "PER" || type == "ORG" || type == "LOC" ? std::string(type) : "";
}

std::string CrossNerType(std::string_view type) {
  if (type == "person" || type == "politician") return "PER";
  if (type == "organisation" || type == "politicalparty") return "ORG";
  if (type == "country" || type == "location") return "LOC";
  return "";
}

std::string Re3dType(std::string_view type) {
  if (type == "Person") return "PER";
  if (type == "Organisation") return "ORG";
  if (type == "Location") return "LOC";
  return "";
}

std::string GumType(std::string_view type) {
  if (type == "person") return "PER";
  if (type == "organization") return "ORG";
  if (type == "place") return "LOC";
  return "";
}

// An entity GUM marks: words [first, last] of a sentence, its type as GUM names it.
struct GumEntity {
  size_t first = 0, last = 0;
  std::string type;
};

// The entities a sentence's MISC `Entity=` brackets open and close: "(3-person-...", "3)",
// or "(3-person-...)" around one word.
std::vector<GumEntity> GumEntities(const ConlluSentence& sentence) {
  std::vector<GumEntity> entities;
  std::vector<std::pair<std::string, GumEntity>> open;  // by id
  for (size_t w = 0; w < sentence.words.size(); ++w) {
    const std::string& misc = sentence.words[w].misc;
    size_t at = misc.find("Entity=");
    if (at == std::string::npos) continue;
    std::string_view value(misc);
    value = value.substr(at + 7,
                         value.find('|', at) == std::string::npos ? std::string::npos : value.find('|', at) - at - 7);
    for (size_t i = 0; i < value.size();) {
      if (value[i] == '(') {
        size_t end = value.find_first_of("()", i + 1);
        if (end == std::string_view::npos) end = value.size();
        std::vector<std::string_view> fields = strings::Split(value.substr(i + 1, end - i - 1), "-");
        GumEntity entity{w, w, fields.size() > 1 ? std::string(fields[1]) : ""};
        if (end < value.size() && value[end] == ')') {
          entities.push_back(entity);
          i = end + 1;
        } else {
          open.emplace_back(fields.empty() ? "" : std::string(fields[0]), entity);
          i = end;
        }
      } else if (size_t close = value.find(')', i); close != std::string_view::npos && value[i] != ')') {
        std::string_view id = value.substr(i, close - i);
        auto it = std::find_if(open.rbegin(), open.rend(), [&](const auto& entry) { return entry.first == id; });
        if (it != open.rend()) {
          it->second.last = w;
          entities.push_back(it->second);
          open.erase(std::next(it).base());
        }
        i = close + 1;
      } else {
        ++i;
      }
    }
  }
  return entities;
}

// "Dr.", "Mr.", "Gen.": a short abbreviation before a name, which NER corpora leave out.
bool IsHonorific(std::string_view word) { return word.size() >= 3 && word.size() <= 5 && word.back() == '.'; }

bool Capitalized(std::string_view word) { return !word.empty() && word[0] >= 'A' && word[0] <= 'Z'; }

// GUM marks every mention ("the city's mayor", "he"); names are the ones headed by a proper
// noun. They are trimmed to what NER corpora mark: no leading determiner, possessive pronoun
// or honorific, nothing from the first comma or bracket on, no trailing "'s", and a capital
// first letter; a person's name stops before "of".
LabeledSentence GumSentence(const ConlluSentence& sentence) {
  LabeledSentence labeled;
  for (const ConlluWord& word : sentence.words) labeled.words.push_back(word.form);
  labeled.labels.assign(labeled.words.size(), "O");
  std::vector<GumEntity> names;
  for (GumEntity entity : GumEntities(sentence)) {
    std::string type = GumType(entity.type);
    if (type.empty()) continue;
    bool headed_by_name = false;
    for (size_t w = entity.first; w <= entity.last; ++w) {
      int head = sentence.words[w].head;
      bool head_outside =
          head == 0 || static_cast<size_t>(head - 1) < entity.first || static_cast<size_t>(head - 1) > entity.last;
      if (head_outside) headed_by_name = sentence.words[w].upos == "PROPN";
      if (head_outside) break;
    }
    if (!headed_by_name) continue;
    while (entity.first < entity.last &&
           (sentence.words[entity.first].upos == "DET" || sentence.words[entity.first].upos == "PRON")) {
      ++entity.first;
    }
    while (entity.first < entity.last && IsHonorific(sentence.words[entity.first].form)) ++entity.first;
    for (size_t w = entity.last; w > entity.first; --w) {
      const std::string& form = sentence.words[w].form;
      if (form == "," || form == "(") entity.last = w - 1;
    }
    if (type == "PER") {  // "William Ross of the Ulster Unionist Party": the name ends before "of"
      for (size_t w = entity.last; w > entity.first; --w) {
        if (sentence.words[w].form == "of") entity.last = w - 1;
      }
    }
    while (entity.last > entity.first && sentence.words[entity.last].upos == "PART") --entity.last;
    if (!Capitalized(sentence.words[entity.first].form)) continue;
    entity.type = type;
    names.push_back(entity);
  }
  std::sort(names.begin(), names.end(), [](const GumEntity& a, const GumEntity& b) {
    return a.first != b.first ? a.first < b.first : a.last > b.last;
  });
  size_t taken_until = 0;  // words before this are in a name already
  for (const GumEntity& name : names) {
    if (name.first < taken_until) continue;
    for (size_t w = name.first; w <= name.last; ++w) labeled.labels[w] = (w == name.first ? "B-" : "I-") + name.type;
    taken_until = name.last + 1;
  }
  return labeled;
}

}  // namespace

absl::StatusOr<std::vector<LabeledSentence>> ReadEntityCorpus(const std::string& spec) {
  std::vector<std::string_view> parts = strings::Split(spec, ":");
  if (parts.size() < 2) return absl::InvalidArgumentError(strings::Cat("'", spec, "': expected FORMAT:PATH[:PART]"));
  std::string_view format = parts[0];
  std::string path(parts[1]);
  std::string_view part = parts.size() > 2 ? parts[2] : "";
  if (format == "uner" || format == "crossner") {
    auto documents = format == "uner" ? ReadColumns(path, 1, 2, SharedTypes) : ReadColumns(path, 0, 1, CrossNerType);
    if (!documents.ok()) return documents.status();
    return Flatten(*std::move(documents));
  }
  if (format == "wikigold") {
    auto documents = ReadColumns(path, 0, 1, SharedTypes);
    if (!documents.ok()) return documents.status();
    return Part(*documents, part);
  }
  if (format == "re3d") {
    std::vector<std::filesystem::path> files;
    std::error_code error;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
      if (entry.is_regular_file() && entry.path().extension() == ".conll") files.push_back(entry.path());
    }
    if (error || files.empty()) return absl::NotFoundError(strings::Cat("no .conll files under ", path));
    std::sort(files.begin(), files.end());
    std::vector<Document> documents;
    for (const auto& file : files) {
      auto read = ReadColumns(file.string(), 0, 1, Re3dType);
      if (!read.ok()) return read.status();
      documents.push_back({Flatten(*std::move(read))});
    }
    return Part(documents, part);
  }
  if (format == "gum") {
    auto treebank = ReadConllu(path);
    if (!treebank.ok()) return treebank.status();
    std::vector<LabeledSentence> sentences;
    for (const ConlluSentence& sentence : *treebank) sentences.push_back(GumSentence(sentence));
    return sentences;
  }
  return absl::InvalidArgumentError(
      strings::Cat("unknown corpus format '", format, "' (uner, crossner, wikigold, re3d, gum)"));
}

}  // namespace dossier::engine::syntax
