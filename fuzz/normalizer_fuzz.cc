// libFuzzer: any bytes as a page, HTML or scraped text by how the target is built
// (FUZZ_CONTENT_FORMAT): the HTML walker and metadata readers, or the plain-text cleaner;
// charset conversion and NFC for both. The normalizer must answer every input with an
// article or a status, never crash, hang or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string>

#include "engine/normalize/normalizer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto* normalizer = new dossier::engine::Normalizer(*dossier::engine::Lexicon::Load());
  dossier::engine::RawDocument raw;
  raw.url = "https://fuzz.example/page";
  raw.content.assign(reinterpret_cast<const char*>(data), size);
  raw.format = dossier::v1::FUZZ_CONTENT_FORMAT;
  (void)normalizer->Normalize(raw);
  return 0;
}
