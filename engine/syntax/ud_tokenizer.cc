#include "engine/syntax/ud_tokenizer.h"

#include <absl/strings/ascii.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <string>

namespace dossier::engine::syntax {
namespace {

// One code point of a chunk and where it starts.
struct CodePoint {
  UChar32 value;
  size_t offset;
};

bool IsAlnum(UChar32 c) { return c < 0x80 ? absl::ascii_isalnum(static_cast<unsigned char>(c)) : u_isalnum(c); }
bool IsDigit(UChar32 c) { return c >= '0' && c <= '9'; }
bool IsUpper(UChar32 c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : u_isupper(c); }
bool IsSpace(UChar32 c) {
  return c < 0x80 ? absl::ascii_isspace(static_cast<unsigned char>(c)) : (u_isUWhiteSpace(c) || c == 0x200B);
}
bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019 || c == '`'; }
// Marks that end sentences: Latin ones and the full stops of scripts without capitals
// (CJK 。！？, Arabic ؟, Devanagari ।) and the ellipsis character.
bool IsSentencePunctuation(UChar32 c) {
  return c == '.' || c == '!' || c == '?' || c == 0x3002 || c == 0xFF01 || c == 0xFF1F || c == 0x061F || c == 0x0964 ||
         c == 0x2026;
}

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = absl::ascii_tolower(static_cast<unsigned char>(c));
  return lower;
}

// Prefixes UD English keeps joined to what follows their hyphen ("non-state", "co-chair",
// "e-mail"); after any other first part a hyphen is a word of its own.
bool IsBoundPrefix(std::string_view lower) {
  static constexpr auto kPrefixes = std::to_array<std::string_view>(
      {"a",     "anti",  "bi",    "co",    "contra", "counter", "cross", "de",    "e",      "ex",     "extra",
       "hyper", "inter", "intra", "macro", "mega",   "meta",    "micro", "mid",   "mini",   "multi",  "neo",
       "non",   "over",  "pan",   "para",  "post",   "pre",     "pro",   "proto", "pseudo", "psycho", "quasi",
       "re",    "semi",  "socio", "sub",   "super",  "trans",   "tri",   "ultra", "un",     "uni",    "vice"});
  return std::find(kPrefixes.begin(), kPrefixes.end(), lower) != kPrefixes.end();
}

// Words that keep the dot that follows them ("Dr.", "Sept.", "etc."), compared as written:
// "Wed." and "Sat." are days, "wed." and "sat." end sentences. Single letters and dotted
// words ("U.S", "p.m") keep their dot too.
bool IsAbbreviation(std::string_view word) {
  static constexpr auto kAbbreviations = std::to_array<std::string_view>(
      {"Adm",  "Apr",  "Assn", "Aug", "Ave",  "Blvd", "Brig", "Capt",  "Cmdr",   "Co",   "Col", "Corp",
       "Cpl",  "Dec",  "Dept", "Dr",  "Feb",  "Fig",  "Fri",  "Ft",    "Gen",    "Gov",  "Hon", "Inc",
       "Jan",  "Jr",   "Jul",  "Jun", "Lt",   "Ltd",  "Maj",  "Mar",   "Messrs", "Mon",  "Mr",  "Mrs",
       "Ms",   "Mt",   "Nov",  "Oct", "Prof", "Pvt",  "Rd",   "Rep",   "Rev",    "Sat",  "Sen", "Sep",
       "Sept", "Sgt",  "Sr",   "St",  "Sun",  "Supt", "Thu",  "Thurs", "Tue",    "Tues", "Wed", "approx",
       "cf",   "dept", "est",  "etc", "fig",  "pp",   "viz",  "vs"});
  return std::find(kAbbreviations.begin(), kAbbreviations.end(), word) != kAbbreviations.end();
}

// Longer runs without white space (a pasted blob, a table row) are cut into pieces of
// this many bytes: a token that long is no word, and reading it whole costs memory.
constexpr size_t kMaxChunkBytes = 1024;

// Written without their apostrophe or space, split as UD does: "cannot" -> can not.
size_t WholeWordSplit(std::string_view lower) {
  struct Split {
    std::string_view word;
    size_t first_length;
  };
  static constexpr std::array kSplits = {
      Split{"cannot", 3}, Split{"gonna", 3},   Split{"wanna", 3},   Split{"gotta", 3},    Split{"dont", 2},
      Split{"didnt", 3},  Split{"doesnt", 4},  Split{"isnt", 2},    Split{"wasnt", 3},    Split{"arent", 3},
      Split{"werent", 4}, Split{"couldnt", 5}, Split{"wouldnt", 5}, Split{"shouldnt", 6}, Split{"havent", 4},
      Split{"hasnt", 3},  Split{"aint", 2},    Split{"cant", 2},    Split{"wont", 2},     Split{"im", 1},
      Split{"ive", 1},    Split{"thats", 4},   Split{"alot", 1},    Split{"outta", 3}};
  for (const Split& split : kSplits) {
    if (lower == split.word) return split.first_length;
  }
  return 0;
}

bool IsEmoticon(std::string_view chunk) {
  static constexpr auto kEmoticons =
      std::to_array<std::string_view>({":)", ":-)", ":(", ":-(", ";)", ";-)", ":D", ":-D", ":P", ":p", ":/", ":'(",
                                       "^_^", "<3", "=)", ":]", ":o", "xD"});
  return std::find(kEmoticons.begin(), kEmoticons.end(), chunk) != kEmoticons.end();
}

// Cuts one whitespace-delimited chunk of the text.
class ChunkTokenizer {
 public:
  // `single_quote_open` carries, from chunk to chunk, whether a single quote was opened
  // ("'peace talks'"): its closing mark after an "s" is then no possessive.
  ChunkTokenizer(std::string_view text, size_t begin, size_t end, std::vector<UdWord>& out, bool& single_quote_open)
      : text_(text), begin_(begin), end_(end), out_(out), single_quote_open_(single_quote_open) {
    points_.reserve(end - begin);  // a code point per byte at most
    for (size_t i = begin; i < end;) {
      int32_t next = static_cast<int32_t>(i);
      UChar32 c;
      U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), next, static_cast<int32_t>(end), c);
      points_.push_back({c, i});
      i = static_cast<size_t>(next);
    }
  }

  void Run() {
    std::string_view chunk = text_.substr(begin_, end_ - begin_);
    if (IsEmoticon(chunk)) {
      Emit(begin_, end_);
      return;
    }
    // "great:)", ":-)." : an emoticon glued to a word or followed by a full stop.
    for (size_t length = 2; length <= 3 && length < chunk.size(); ++length) {
      for (size_t stop = 0; stop <= 1; ++stop) {
        size_t emoticon_end = chunk.size() - stop;
        if (emoticon_end < length || (stop == 1 && chunk.back() != '.')) continue;
        if (IsEmoticon(chunk.substr(emoticon_end - length, length))) {
          size_t split = begin_ + emoticon_end - length;
          if (split > begin_) ChunkTokenizer(text_, begin_, split, out_, single_quote_open_).Run();
          Emit(split, begin_ + emoticon_end);
          Emit(begin_ + emoticon_end, end_);
          return;
        }
      }
    }
    if (ReadWebAddress()) return;
    size_t i = 0;
    while (i < points_.size()) {
      bool tag = (At(i) == '#' || At(i) == '@') && IsAlnum(At(i + 1)) && (i == 0 || !IsAlnum(At(i - 1)));
      i = tag ? ReadWord(i + 1, i) : IsAlnum(At(i)) ? ReadWord(i) : ReadPunctuation(i);
    }
  }

 private:
  size_t Offset(size_t index) const { return index < points_.size() ? points_[index].offset : end_; }
  UChar32 At(size_t index) const { return index < points_.size() ? points_[index].value : 0; }
  std::string_view Text(size_t first, size_t last) const {
    return text_.substr(Offset(first), Offset(last) - Offset(first));
  }
  void Emit(size_t start, size_t end, bool joined_to_next = false) {
    if (start < end) out_.push_back({start, end, joined_to_next});
  }

  // URLs and e-mail addresses stay whole; brackets, quotes and final punctuation around
  // them do not belong to them.
  bool ReadWebAddress() {
    std::string_view chunk = text_.substr(begin_, end_ - begin_);
    std::string lower = LowerAscii(chunk);
    size_t at = chunk.find('@');
    bool email = at != std::string_view::npos && at > 0 && chunk.find('.', at) != std::string_view::npos;
    if (lower.find("://") == std::string::npos && lower.find("www.") == std::string::npos && !email) return false;
    size_t first = 0, last = points_.size();
    auto opening = [](UChar32 c) { return c == '(' || c == '[' || c == '<' || c == '"' || c == 0x201C; };
    auto closing = [](UChar32 c) {
      return c == ')' || c == ']' || c == '>' || c == '"' || c == 0x201D || c == '.' || c == ',' || c == ';' ||
             c == ':' || c == '!' || c == '?' || c == '\'';
    };
    while (first < last && opening(At(first))) ++first;
    while (last > first && closing(At(last - 1))) --last;
    if (first == last) return false;
    for (size_t i = 0; i < first;) i = ReadPunctuation(i, first);
    Emit(Offset(first), Offset(last));
    for (size_t i = last; i < points_.size();) i = ReadPunctuation(i);
    return true;
  }

  // Punctuation from points_[i]: runs of sentence punctuation ("?!", "...") or of one mark
  // ("--", "**", "''") are one word.
  size_t ReadPunctuation(size_t i, size_t limit = SIZE_MAX) {
    limit = std::min(limit, points_.size());
    UChar32 c = At(i);
    size_t j = i + 1;
    if (IsSentencePunctuation(c)) {
      while (j < limit && IsSentencePunctuation(At(j))) ++j;
    } else if (!IsApostrophe(c) || (j < limit && At(j) == c)) {
      while (j < limit && At(j) == c) ++j;
    }
    if (j == i + 1 && (c == '\'' || c == 0x2018 || c == 0x2019)) {
      // A lone quote before a word opens a quotation; one after a word closes it.
      if (i == 0 && IsAlnum(At(j)) && c != 0x2019) single_quote_open_ = true;
      if (i > 0 && IsAlnum(At(i - 1))) single_quote_open_ = false;
    }
    Emit(Offset(i), Offset(j));
    return j;
  }

  // Whether the mark at points_[j] joins the alphanumeric run [start, j) to what follows.
  bool JoinsRun(size_t start, size_t j) const {
    UChar32 c = At(j), before = At(j - 1), after = At(j + 1);
    if (j + 1 >= points_.size() || !IsAlnum(after)) return false;
    switch (c) {
      case '.':
      case '_':
      case '@':
        return true;
      case ',': {  // "1,000": three digits follow
        if (!IsDigit(before)) return false;
        for (size_t k = j + 1; k < j + 4; ++k) {
          if (!IsDigit(At(k))) return false;
        }
        return !IsAlnum(At(j + 4));
      }
      case ':':
        return IsDigit(before) && IsDigit(after);
      case '/':
        return (IsDigit(before) && IsDigit(after)) || (j == start + 1 && !IsAlnum(At(j + 2)));
      case '&':
        return IsUpper(before) && IsUpper(after);
      case '-':
        return true;  // decided for the whole run in SplitHyphens
      default:
        return IsApostrophe(c);
    }
  }

  // An alphanumeric run from points_[first] ("#tag" and "@name" from their sign at `start`).
  size_t ReadWord(size_t first, size_t start = SIZE_MAX) {
    if (start == SIZE_MAX) start = first;
    size_t j = first + 1;
    while (j < points_.size()) {
      if (IsAlnum(At(j))) {
        ++j;
      } else if (JoinsRun(start, j)) {
        j += 2;
      } else {
        break;
      }
    }
    std::string_view word = Text(start, j);
    // A dot after an abbreviation is part of it ("Dr.", "U.S.", "J.").
    bool dotted = word.find('.') != std::string_view::npos && absl::ascii_isalpha(word.back());
    bool single_letter = j == start + 1 && !IsDigit(At(start));
    bool one_or_two_dots = At(j + 1) != '.' || (At(j + 2) != '.' && j + 2 <= points_.size());
    if (At(j) == '.' && one_or_two_dots && (dotted || single_letter || IsAbbreviation(word))) {
      SplitHyphens(start, j + 1);
      return j + 1;
    }
    // "countries'": a plural's possessive apostrophe is a word of the same token, unless it
    // closes a quotation ("'peace talks'").
    bool plural = word.back() == 's' || word.back() == 'S';
    if (IsApostrophe(At(j)) && !IsAlnum(At(j + 1)) && plural && At(j) != '`' && !single_quote_open_) {
      SplitClitics(start, j, /*joined_to_next=*/true);
      Emit(Offset(j), Offset(j + 1));
      return j + 1;
    }
    SplitClitics(start, j, false);
    return j;
  }

  // "don't" -> do n't, "Niger's" -> Niger 's, "cannot" -> can not.
  void SplitClitics(size_t start, size_t end, bool joined_to_next) {
    std::string lower = LowerAscii(Text(start, end));
    if (size_t first_length = WholeWordSplit(lower)) {
      Emit(Offset(start), Offset(start + first_length), true);
      Emit(Offset(start + first_length), Offset(end), joined_to_next);
      return;
    }
    // The clitic starts at its apostrophe, or one letter before it for "n't".
    for (size_t k = end; k > start + 1; --k) {
      if (!IsApostrophe(At(k - 1))) continue;
      size_t apostrophe = k - 1;
      std::string_view rest = std::string_view(lower).substr(Offset(k) - Offset(start));
      bool negation = rest == "t" && (At(apostrophe - 1) == 'n' || At(apostrophe - 1) == 'N') && apostrophe > start + 1;
      bool clitic = rest == "s" || rest == "m" || rest == "d" || rest == "ll" || rest == "ve" || rest == "re";
      if (!negation && !clitic) break;
      size_t clitic_start = negation ? apostrophe - 1 : apostrophe;
      SplitHyphens(start, clitic_start, true);
      Emit(Offset(clitic_start), Offset(end), joined_to_next);
      return;
    }
    SplitHyphens(start, end, joined_to_next);
  }

  // Hyphens inside [start, end) are words of their own, except after a bound prefix and in
  // phone numbers.
  void SplitHyphens(size_t start, size_t end, bool joined_to_next = false) {
    std::vector<size_t> hyphens;
    for (size_t k = start; k < end; ++k) {
      if (At(k) == '-') hyphens.push_back(k);
    }
    if (hyphens.empty() || IsPhoneNumber(start, end)) {
      Emit(Offset(start), Offset(end), joined_to_next);
      return;
    }
    size_t piece = start;
    for (size_t hyphen : hyphens) {
      if (hyphens.size() == 1 && IsBoundPrefix(LowerAscii(Text(piece, hyphen)))) {
        Emit(Offset(start), Offset(end), joined_to_next);
        return;
      }
      Emit(Offset(piece), Offset(hyphen));
      Emit(Offset(hyphen), Offset(hyphen + 1));
      piece = hyphen + 1;
    }
    Emit(Offset(piece), Offset(end), joined_to_next);
  }

  bool IsPhoneNumber(size_t start, size_t end) const {
    std::vector<size_t> groups{0};
    for (size_t k = start; k < end; ++k) {
      if (At(k) == '-') {
        groups.push_back(0);
      } else if (IsDigit(At(k))) {
        ++groups.back();
      } else {
        return false;
      }
    }
    // "555-0123", "020-555-0123", "12345-6789"; not a range of years ("2019-2020").
    size_t before_last = groups.size() >= 2 ? groups[groups.size() - 2] : 0;
    return groups.back() == 4 && before_last >= 3 && (before_last != 4 || groups.size() > 2);
  }

  std::string_view text_;
  size_t begin_, end_;
  std::vector<UdWord>& out_;
  bool& single_quote_open_;
  std::vector<CodePoint> points_;
};

}  // namespace

int32_t FirstCodePoint(std::string_view word) {
  if (word.empty()) return -1;
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(reinterpret_cast<const uint8_t*>(word.data()), i, static_cast<int32_t>(word.size()), c);
  return c;
}

std::vector<UdWord> TokenizeUd(std::string_view text, size_t begin, size_t end, size_t max_words) {
  std::vector<UdWord> words;
  if (begin >= end || end > text.size()) return words;
  words.reserve(std::min((end - begin) / 5 + 1, max_words));
  bool single_quote_open = false;
  size_t i = begin;
  while (i < end && words.size() < max_words) {
    int32_t next = static_cast<int32_t>(i);
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), next, static_cast<int32_t>(end), c);
    if (c < 0 || IsSpace(c)) {
      if (c == '\n') single_quote_open = false;  // a quotation does not outlive its paragraph
      i = static_cast<size_t>(next);
      continue;
    }
    size_t chunk_end = static_cast<size_t>(next);
    while (chunk_end < end && chunk_end - i < kMaxChunkBytes) {
      int32_t after = static_cast<int32_t>(chunk_end);
      U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), after, static_cast<int32_t>(end), c);
      if (c < 0 || IsSpace(c)) break;
      chunk_end = static_cast<size_t>(after);
    }
    ChunkTokenizer(text, i, chunk_end, words, single_quote_open).Run();
    i = chunk_end;
  }
  if (words.size() > max_words) words.resize(max_words);
  return words;
}

}  // namespace dossier::engine::syntax
