// Content hashing (SHA-256, through Nettle) for incremental rebuilds, the fact cache and
// source identity.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
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

/// SHA-256 of a whole file's contents as lower-case hex, read in fixed-size chunks (a 79 MB
/// executable or a 27 MB font collection never sits in memory at once). Returns an empty
/// string when the file cannot be opened or read.
std::string sha256_file_hex(const std::filesystem::path& file);

/// The GNU build ID of the running executable (raw bytes; a hash the linker computes over the
/// whole program, so any change to its code or compiled-in data changes it), or empty when it
/// has none. Costs microseconds: the note is in the loaded image.
std::string running_build_id();

/// CRC-32 (the zlib polynomial, through libdeflate: PCLMULQDQ where the CPU has it, ~10× the
/// speed of SHA-256): the checksum that tells a torn or damaged cache entry from a whole one.
/// Not for identity — a key names what an entry holds, and anyone who can write the cache
/// folder could forge a SHA-256 as easily.
std::uint32_t crc32(std::string_view bytes);

/// `bytes` as lower-case hex digits.
std::string to_hex(std::string_view bytes);

}  // namespace ptbrief
