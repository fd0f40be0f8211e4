// SHA-256 through Nettle (libnettle8): its x86-64 build picks SHA-NI code at run time. Nettle
// replaced OpenSSL's EVP here because libcrypto costs every process thousands of symbol
// relocations at start-up (it was a quarter of a cold brief's loader time), and a hand-written
// FIPS 180-4 implementation before that, which ran at 191 MB/s.
#include "base/hash.h"

#include <nettle/sha2.h>

#include <new>
#include <stdexcept>
#include <utility>

namespace ptbrief {
namespace {

sha256_ctx* ctx_of(void* p) { return static_cast<sha256_ctx*>(p); }

void check_live(const void* ctx) {
  if (!ctx) throw std::logic_error("internal: Sha256 used after it was finished or moved");
}

}  // namespace

Sha256::Sha256() : ctx_(new sha256_ctx) { sha256_init(ctx_of(ctx_)); }

Sha256::~Sha256() { delete ctx_of(ctx_); }

Sha256::Sha256(Sha256&& other) noexcept : ctx_(std::exchange(other.ctx_, nullptr)) {}

Sha256& Sha256::operator=(Sha256&& other) noexcept {
  if (this != &other) {
    delete ctx_of(ctx_);
    ctx_ = std::exchange(other.ctx_, nullptr);
  }
  return *this;
}

Sha256& Sha256::update(std::string_view bytes) {
  check_live(ctx_);
  sha256_update(ctx_of(ctx_), bytes.size(), reinterpret_cast<const std::uint8_t*>(bytes.data()));
  return *this;
}

std::array<unsigned char, 32> Sha256::digest() {
  check_live(ctx_);
  static_assert(SHA256_DIGEST_SIZE == 32);
  std::array<unsigned char, 32> out{};
  sha256_digest(ctx_of(ctx_), out.size(), out.data());
  delete ctx_of(ctx_);
  ctx_ = nullptr;
  return out;
}

std::string Sha256::hex() {
  const auto d = digest();
  return to_hex(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 0xf];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) { return Sha256().update(bytes).hex(); }

}  // namespace ptbrief
