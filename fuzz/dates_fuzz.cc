// libFuzzer: any bytes as a publication date, from a request field and from page metadata.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/normalize/dates.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)dossier::engine::ParsePublicationDate("article.published", text);
  (void)dossier::engine::ParseMetadataDate(text);
  return 0;
}
