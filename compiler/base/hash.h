// Content hashing (SHA-256) for incremental rebuilds and source identity.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ptbrief {

/// Incremental SHA-256 (FIPS 180-4).
class Sha256 {
 public:
  Sha256();
  Sha256& update(std::string_view bytes);
  /// Finishes and returns the digest as 64 lower-case hex digits. The object is then spent.
  std::string hex();

 private:
  void block(const unsigned char* p);
  std::array<std::uint32_t, 8> h_;
  unsigned char buf_[64];
  std::size_t buf_len_ = 0;
  std::uint64_t total_ = 0;
};

/// SHA-256 of `bytes` as lower-case hex.
std::string sha256_hex(std::string_view bytes);

}  // namespace ptbrief
