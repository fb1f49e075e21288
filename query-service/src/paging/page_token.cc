#include "paging/page_token.h"

#include <absl/strings/escaping.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "dossier/common/hashing.h"
#include "dossier/common/strings.h"

namespace dossier::query {
namespace {

constexpr size_t kSignatureHexChars = 32;

absl::Status InvalidToken() {
  return absl::InvalidArgumentError(
      "page_token is not valid: pass back next_page_token unchanged, with the same filters");
}

}  // namespace

absl::StatusOr<int> ResolvePageSize(int32_t page_size) {
  if (page_size < 0) return absl::InvalidArgumentError("page_size must not be negative");
  if (page_size == 0) return kDefaultPageSize;
  return std::min(page_size, kMaxPageSize);
}

std::string PageTokenCodec::Fingerprint(const google::protobuf::Message& request) const {
  std::unique_ptr<google::protobuf::Message> filters(request.New());
  filters->CopyFrom(request);
  const auto* descriptor = filters->GetDescriptor();
  for (const char* name : {"page_token", "page_size"}) {
    if (const auto* field = descriptor->FindFieldByName(name))
      filters->GetReflection()->ClearField(filters.get(), field);
  }
  std::string bytes;
  {
    google::protobuf::io::StringOutputStream stream(&bytes);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    filters->SerializeToCodedStream(&coded);
  }
  return Sha256Hex(strings::Cat(descriptor->full_name(), ":", bytes)).substr(0, 16);
}

std::string PageTokenCodec::Sign(std::string_view payload) const {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()), reinterpret_cast<const unsigned char*>(payload.data()),
       payload.size(), digest, &length);
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest), length)).substr(0, kSignatureHexChars);
}

std::string PageTokenCodec::Encode(const google::protobuf::Message& request,
                                   const std::vector<std::string>& keyset) const {
  nlohmann::json body = {{"f", Fingerprint(request)}, {"k", keyset}};
  // Keyset values come from the database, UTF-8; a stray byte is replaced rather than thrown on.
  std::string payload = absl::WebSafeBase64Escape(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  return strings::Cat(payload, ".", Sign(payload));
}

absl::StatusOr<std::vector<std::string>> PageTokenCodec::Decode(const google::protobuf::Message& request,
                                                                std::string_view token) const {
  if (token.empty()) return std::vector<std::string>{};
  size_t dot = token.rfind('.');
  if (dot == std::string_view::npos) return InvalidToken();
  std::string payload(token.substr(0, dot));
  std::string signature = Sign(payload);
  std::string_view given = token.substr(dot + 1);
  if (given.size() != signature.size() || CRYPTO_memcmp(given.data(), signature.data(), signature.size()) != 0) {
    return InvalidToken();
  }
  std::string json_text;
  if (!absl::WebSafeBase64Unescape(payload, &json_text)) return InvalidToken();
  auto body = nlohmann::json::parse(json_text, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("f") || !body.contains("k") || !body["k"].is_array()) {
    return InvalidToken();
  }
  if (body["f"] != Fingerprint(request)) {
    return absl::InvalidArgumentError("page_token was made for other filters; start again without it");
  }
  std::vector<std::string> keyset;
  for (const auto& value : body["k"]) {
    if (!value.is_string()) return InvalidToken();
    keyset.push_back(value.get<std::string>());
  }
  return keyset;
}

}  // namespace dossier::query
