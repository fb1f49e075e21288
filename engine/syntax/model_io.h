#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <random>
#include <streambuf>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dossier::engine::syntax {

/// Reads bytes already in memory (a model compiled into the binary) as a stream, without
/// copying them.
class MemoryReader : public std::streambuf {
 public:
  explicit MemoryReader(std::string_view bytes) {
    char* begin = const_cast<char*>(bytes.data());  // the get area is only read
    setg(begin, begin, begin + bytes.size());
  }
};

/// Length-prefixed strings in model files.
inline void WriteString(std::ostream& out, std::string_view text) {
  auto size = static_cast<uint32_t>(text.size());
  out.write(reinterpret_cast<const char*>(&size), sizeof(size));
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}
inline bool ReadString(std::istream& in, std::string& text) {
  uint32_t size = 0;
  if (!in.read(reinterpret_cast<char*>(&size), sizeof(size)) || size > (1u << 24)) return false;
  text.resize(size);
  return static_cast<bool>(in.read(text.data(), size));
}
inline void WriteStrings(std::ostream& out, const std::vector<std::string>& texts) {
  auto count = static_cast<uint32_t>(texts.size());
  out.write(reinterpret_cast<const char*>(&count), sizeof(count));
  for (const auto& text : texts) WriteString(out, text);
}
inline bool ReadStrings(std::istream& in, std::vector<std::string>& texts) {
  uint32_t count = 0;
  if (!in.read(reinterpret_cast<char*>(&count), sizeof(count)) || count > (1u << 24)) return false;
  texts.clear();
  for (uint32_t i = 0; i < count; ++i) {
    if (!ReadString(in, texts.emplace_back())) return false;
  }
  return true;
}

/// Arrays of integer pairs (lookup tables) in model files.
inline void WritePairs(std::ostream& out, const std::vector<std::pair<uint64_t, uint64_t>>& pairs) {
  uint64_t size = pairs.size();
  out.write(reinterpret_cast<const char*>(&size), sizeof(size));
  for (const auto& [first, second] : pairs) {
    out.write(reinterpret_cast<const char*>(&first), sizeof(first));
    out.write(reinterpret_cast<const char*>(&second), sizeof(second));
  }
}
inline bool ReadPairs(std::istream& in, std::vector<std::pair<uint64_t, uint64_t>>& pairs) {
  uint64_t size = 0;
  if (!in.read(reinterpret_cast<char*>(&size), sizeof(size)) || size > (uint64_t{1} << 28)) return false;
  pairs.resize(size);
  for (auto& [first, second] : pairs) {
    if (!in.read(reinterpret_cast<char*>(&first), sizeof(first)) ||
        !in.read(reinterpret_cast<char*>(&second), sizeof(second))) {
      return false;
    }
  }
  return true;
}

/// Fisher-Yates with the engine's own index draw: std::shuffle's result depends on the
/// standard library, and training must give the same model everywhere for the same seed.
template <typename T>
void ShuffleDeterministically(std::vector<T>& items, std::mt19937_64& random) {
  for (size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[random() % i]);
}

}  // namespace dossier::engine::syntax
