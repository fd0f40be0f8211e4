// Flattened CFF charstrings kept between runs: the entry format, its key, the process's memo.
#include "pdf/glyph_memo.h"

#include <sys/stat.h>

#include <algorithm>
#include <map>

#include "base/hash.h"
#include "base/limits.h"

namespace ptbrief::pdf {
namespace {

// Bump when cff::flatten()'s output changes for the same charstring (with PTBRIEF_VERSION in
// the key, a release never reads an older one's glyphs anyway).
constexpr std::string_view kMagic = "ptbrief flat CFF glyphs 2\n";
// A face's entry stops growing here (a CJK face has ~65k glyphs; a year of briefs uses a few
// thousand of them, at ~300 bytes each).
constexpr std::size_t kMaxGlyphs = 65536;
constexpr std::size_t kMaxBytes = std::size_t{16} << 20;

void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

bool get_u32(std::string_view bytes, std::size_t& at, std::uint32_t& v) {
  if (at > bytes.size() || bytes.size() - at < 4) return false;
  v = 0;
  for (int i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(bytes[at + i]);
  at += 4;
  return true;
}

}  // namespace

std::string encode_flat_glyphs(const FlatGlyphs& glyphs) {
  std::vector<std::uint32_t> gids;
  gids.reserve(glyphs.size());
  std::size_t size = kMagic.size() + 4 + 4;
  for (const auto& [gid, flat] : glyphs) {
    gids.push_back(gid);
    size += 8 + flat.size();
  }
  std::sort(gids.begin(), gids.end());
  std::string out;
  out.reserve(size);
  out += kMagic;
  put_u32(out, static_cast<std::uint32_t>(gids.size()));
  for (std::uint32_t gid : gids) {
    const std::string& flat = glyphs.at(gid);
    put_u32(out, gid);
    put_u32(out, static_cast<std::uint32_t>(flat.size()));
    out += flat;
  }
  put_u32(out, crc32(out));
  return out;
}

std::optional<FlatGlyphs> decode_flat_glyphs(std::string_view bytes) {
  if (bytes.size() < kMagic.size() + 4 + 4 || !bytes.starts_with(kMagic)) return std::nullopt;
  const std::string_view body = bytes.substr(0, bytes.size() - 4);
  std::size_t end = body.size();
  std::uint32_t sum = 0;
  if (!get_u32(bytes, end, sum) || crc32(body) != sum) return std::nullopt;
  std::size_t at = kMagic.size();
  std::uint32_t count = 0;
  if (!get_u32(body, at, count) || count > kMaxGlyphs) return std::nullopt;
  FlatGlyphs out;
  out.reserve(count);
  for (std::uint32_t k = 0; k < count; ++k) {
    std::uint32_t gid = 0, len = 0;
    if (!get_u32(body, at, gid) || !get_u32(body, at, len)) return std::nullopt;
    if (len == 0 || len > limits::kMaxFlatCharstringBytes || body.size() - at < len) return std::nullopt;
    if (!out.emplace(gid, std::string(body.substr(at, len))).second) return std::nullopt;
    at += len;
  }
  if (at != body.size()) return std::nullopt;
  return out;
}

std::optional<std::string> flat_glyphs_key(const std::string& path, unsigned index) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  Sha256 h;
  h.update(kMagic).update(PTBRIEF_VERSION "\n").update(path).update("\n");
  for (long long v : {static_cast<long long>(index), static_cast<long long>(st.st_dev),
                      static_cast<long long>(st.st_ino), static_cast<long long>(st.st_size),
                      static_cast<long long>(st.st_mtim.tv_sec),
                      static_cast<long long>(st.st_mtim.tv_nsec)})
    h.update(std::to_string(v)).update(" ");
  return h.hex();
}

FaceGlyphs::FaceGlyphs(ByteStore& store, std::string key) : store_(store), key_(std::move(key)) {
  if (auto bytes = store_.read(key_)) {
    if (auto glyphs = decode_flat_glyphs(*bytes)) glyphs_ = std::move(*glyphs);
  }
  for (const auto& [gid, flat] : glyphs_) bytes_ += flat.size();
}

cff::KnownFlat FaceGlyphs::lookup(const std::vector<std::uint32_t>& gids) {
  std::lock_guard<std::mutex> hold(mutex_);
  cff::KnownFlat out;
  for (std::uint32_t gid : gids)
    if (auto it = glyphs_.find(gid); it != glyphs_.end()) out.emplace(gid, &it->second);
  return out;
}

void FaceGlyphs::add(std::vector<std::pair<std::uint32_t, std::string>> fresh) {
  std::lock_guard<std::mutex> hold(mutex_);
  bool grew = false;
  for (auto& [gid, flat] : fresh) {
    if (glyphs_.size() >= kMaxGlyphs || bytes_ + flat.size() > kMaxBytes) break;
    const std::size_t size = flat.size();
    if (glyphs_.emplace(gid, std::move(flat)).second) {
      bytes_ += size;
      grew = true;
    }
  }
  if (grew) store_.write(key_, encode_flat_glyphs(glyphs_));  // a failed write is a later miss
}

std::shared_ptr<FaceGlyphs> face_glyphs(const std::shared_ptr<ByteStore>& store,
                                        const std::string& path, unsigned index) {
  if (!store) return nullptr;
  std::optional<std::string> key = flat_glyphs_key(path, index);
  if (!key) return nullptr;
  struct Registered {
    std::weak_ptr<ByteStore> store;
    const ByteStore* address;
    std::map<std::string, std::shared_ptr<FaceGlyphs>> faces;
  };
  static std::mutex mutex;
  static std::vector<Registered> registry;
  std::lock_guard<std::mutex> hold(mutex);
  std::erase_if(registry, [](const Registered& r) { return r.store.expired(); });
  auto it = std::find_if(registry.begin(), registry.end(),
                         [&](const Registered& r) { return r.address == store.get(); });
  if (it == registry.end()) it = registry.insert(registry.end(), {store, store.get(), {}});
  std::shared_ptr<FaceGlyphs>& face = it->faces[*key];
  if (!face) face = std::make_shared<FaceGlyphs>(*store, *key);
  return face;
}

}  // namespace ptbrief::pdf
