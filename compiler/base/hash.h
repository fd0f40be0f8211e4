// Content hashing (SHA-256, through Nettle) for incremental rebuilds, the fact cache and
// source identity.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace ptbrief {

/// Incremental SHA-256 (FIPS 180-4), computed by Nettle (SHA-NI where the CPU has it).
/// Movable, not copyable.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&& other) noexcept;
  Sha256& operator=(Sha256&& other) noexcept;
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  Sha256& update(std::string_view bytes);
  /// Finishes and returns the 32-byte digest. The object is then spent.
  std::array<unsigned char, 32> digest();
  /// Finishes and returns the digest as 64 lower-case hex digits. The object is then spent.
  std::string hex();

 private:
  void* ctx_ = nullptr;  ///< sha256_ctx*, kept out of this header
};

/// SHA-256 of `bytes` as lower-case hex.
std::string sha256_hex(std::string_view bytes);

/// `bytes` as lower-case hex digits.
std::string to_hex(std::string_view bytes);

}  // namespace ptbrief
