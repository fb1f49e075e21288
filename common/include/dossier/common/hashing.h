#pragma once

#include <array>
#include <string>
#include <string_view>

namespace dossier {

/// Lower-case hex of `bytes`.
std::string HexEncode(std::string_view bytes);

/// The SHA-256 digest of `data`.
std::array<unsigned char, 32> Sha256(std::string_view data);

/// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace dossier
