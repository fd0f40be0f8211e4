// SHA-256 through Nettle (libnettle8): its x86-64 build picks SHA-NI code at run time. Nettle
// replaced OpenSSL's EVP here because libcrypto costs every process thousands of symbol
// relocations at start-up (it was a quarter of a cold brief's loader time), and a hand-written
// FIPS 180-4 implementation before that, which ran at 191 MB/s.
#include "base/hash.h"

#include <fcntl.h>
#include <link.h>
#include <libdeflate.h>
#include <nettle/sha2.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>

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

std::uint32_t crc32(std::string_view bytes) {
  return libdeflate_crc32(0, bytes.data(), bytes.size());
}

std::string sha256_file_hex(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  constexpr std::size_t kChunk = std::size_t{1} << 18;  // 256 KiB: stays in L2, few syscalls
  std::unique_ptr<char[]> buf(new char[kChunk]);
  Sha256 h;
  for (;;) {
    const ssize_t n = ::read(fd, buf.get(), kChunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return {};
    }
    if (n == 0) break;
    h.update(std::string_view(buf.get(), static_cast<std::size_t>(n)));
  }
  ::close(fd);
  return h.hex();
}

std::string running_build_id() {
  std::string id;
  dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void* out) -> int {
        auto& result = *static_cast<std::string*>(out);
        for (int h = 0; h < info->dlpi_phnum; ++h) {
          const auto& ph = info->dlpi_phdr[h];
          if (ph.p_type != PT_NOTE) continue;
          auto* p = reinterpret_cast<const unsigned char*>(info->dlpi_addr + ph.p_vaddr);
          const unsigned char* end = p + ph.p_memsz;
          while (p + sizeof(ElfW(Nhdr)) <= end) {
            const auto* n = reinterpret_cast<const ElfW(Nhdr)*>(p);
            const unsigned char* name = p + sizeof(ElfW(Nhdr));
            const unsigned char* desc = name + ((n->n_namesz + 3) & ~3u);
            if (desc + n->n_descsz > end) break;
            if (n->n_type == NT_GNU_BUILD_ID && n->n_namesz == 4 &&
                std::memcmp(name, "GNU", 4) == 0) {
              result.assign(reinterpret_cast<const char*>(desc), n->n_descsz);
              return 1;
            }
            p = desc + ((n->n_descsz + 3) & ~3u);
          }
        }
        return 1;  // only the first object: the executable itself
      },
      &id);
  return id;
}


}  // namespace ptbrief
