// libFuzzer: any bytes as a client's page token. Decoding must refuse what it did not sign,
// and a token it signed must decode to the keyset it was made from.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "dossier/v1/query_service.pb.h"
#include "engine/normalize/text.h"
#include "paging/page_token.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const dossier::query::PageTokenCodec codec("fuzzing key");
  dossier::v1::ListEventsRequest request;
  request.set_participant_entity_id("7");
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)codec.Decode(request, bytes);
  // The same bytes as a keyset position (database text: UTF-8) round-trip through a signed
  // token; any other bytes still encode without throwing.
  std::vector<std::string> keyset = {std::string(bytes.substr(0, size / 2)), std::string(bytes.substr(size / 2))};
  auto decoded = codec.Decode(request, codec.Encode(request, keyset));
  bool utf8 = dossier::engine::IsValidUtf8(keyset[0]) && dossier::engine::IsValidUtf8(keyset[1]);
  if (utf8 && (!decoded.ok() || *decoded != keyset)) std::abort();
  return 0;
}
