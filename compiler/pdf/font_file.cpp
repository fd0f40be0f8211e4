// Font file views: a memory-mapped face whose table directory lists only the tables a PDF font
// program is built from (see font_file.h).
#include "pdf/font_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/diagnostic.h"

namespace ptbrief::pdf {
namespace {

[[noreturn]] void view_error(const std::string& path, const std::string& what) {
  Diagnostic d;
  d.code = "pdf.font";
  d.message = "cannot map font file: " + what;
  d.hint = "check that the font file exists, is readable and is a TrueType or OpenType font";
  d.file = path;
  throw Error(d);
}

[[noreturn]] void bad_font(const std::string& what) {
  Diagnostic d;
  d.code = "pdf.font";
  d.message = what;
  throw Error(d);
}

std::uint32_t be32(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}
std::uint16_t be16(const unsigned char* p) {
  return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}

void put32(unsigned char* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (24 - 8 * i));
}
void put16(unsigned char* p, unsigned v) {
  p[0] = static_cast<unsigned char>(v >> 8);
  p[1] = static_cast<unsigned char>(v);
}

/// What the blob's destroy callback unmaps: the directory page and the file after it.
struct Mapping {
  void* base = nullptr;
  std::size_t length = 0;
};

void unmap(void* user) {
  auto* m = static_cast<Mapping*>(user);
  ::munmap(m->base, m->length);
  delete m;
}

/// Writes an sfnt header and table directory (OpenType spec, "Table Directory") listing
/// `kept`, with every offset moved by `shift`, at `out`; returns the bytes written.
std::size_t write_directory(unsigned char* out, std::uint32_t sfnt_version,
                            const std::vector<TableRecord>& kept, std::uint32_t shift) {
  unsigned n = static_cast<unsigned>(kept.size());
  unsigned pow2 = 1, log2 = 0;
  while (pow2 * 2 <= n) pow2 *= 2, ++log2;
  put32(out, sfnt_version);
  put16(out + 4, n);
  put16(out + 6, pow2 * 16);
  put16(out + 8, log2);
  put16(out + 10, n * 16 - pow2 * 16);
  unsigned char* rec = out + 12;
  for (const auto& t : kept) {
    put32(rec, t.tag);
    put32(rec + 4, 0);  // checksum: not verified by HarfBuzz, and the view is never written out
    put32(rec + 8, t.offset + shift);
    put32(rec + 12, t.length);
    rec += 16;
  }
  return static_cast<std::size_t>(rec - out);
}

}  // namespace

TableDirectory read_table_directory(const unsigned char* data, std::size_t size, unsigned index) {
  auto need = [&](std::size_t at, std::size_t n) {
    if (at > size || n > size - at) bad_font("font file truncated at byte " + std::to_string(at));
  };
  std::size_t at = 0;
  need(0, 12);
  if (be32(data) == HB_TAG('t', 't', 'c', 'f')) {  // a collection: face offsets follow the header
    std::uint32_t faces = be32(data + 8);
    if (index >= faces)
      bad_font("face index " + std::to_string(index) + " past the collection's " +
               std::to_string(faces) + " faces");
    need(12 + 4 * std::size_t{index}, 4);
    at = be32(data + 12 + 4 * std::size_t{index});
  } else if (index != 0) {
    bad_font("face index " + std::to_string(index) + " in a single-face font");
  }
  need(at, 12);
  TableDirectory dir;
  dir.sfnt_version = be32(data + at);
  if (dir.sfnt_version != 0x00010000 && dir.sfnt_version != HB_TAG('O', 'T', 'T', 'O') &&
      dir.sfnt_version != HB_TAG('t', 'r', 'u', 'e'))
    bad_font("not a TrueType or OpenType font");
  unsigned n = be16(data + at + 4);
  need(at + 12, 16 * std::size_t{n});
  for (unsigned i = 0; i < n; ++i) {
    const unsigned char* rec = data + at + 12 + 16 * std::size_t{i};
    TableRecord t{be32(rec), be32(rec + 8), be32(rec + 12)};
    need(t.offset, t.length);
    dir.tables.push_back(t);
  }
  return dir;
}

bool kept_in_view(std::uint32_t t) {
  // Outlines and what the PDF's widths, metrics and FontFile2 program need.
  for (const auto& keep : {"CFF ", "glyf", "loca", "head", "hhea", "hmtx", "maxp", "OS/2", "post"})
    if (t == hb_tag_from_string(keep, 4)) return true;
  return false;
}

hb_blob_t* map_font_view(const std::string& path, unsigned index) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) view_error(path, std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0 || st.st_size > 0x7fff0000) {
    ::close(fd);
    view_error(path, "empty, unreadable or larger than 2 GB");
  }
  auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  auto size = static_cast<std::size_t>(st.st_size);

  // Reserve [directory page | file] as one range, then map the file over its tail.
  auto* m = new Mapping{nullptr, page + size};
  m->base = ::mmap(nullptr, m->length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  void* file = m->base == MAP_FAILED ? MAP_FAILED
                                     : ::mmap(static_cast<char*>(m->base) + page, size, PROT_READ,
                                              MAP_PRIVATE | MAP_FIXED, fd, 0);
  int map_errno = errno;
  ::close(fd);
  if (file == MAP_FAILED) {
    if (m->base != MAP_FAILED) ::munmap(m->base, m->length);
    delete m;
    view_error(path, std::strerror(map_errno));
  }

  // The new directory: the face's kept tables, offsets moved past the directory page.
  try {
    TableDirectory dir = read_table_directory(static_cast<const unsigned char*>(file), size, index);
    std::vector<TableRecord> kept;
    for (const auto& t : dir.tables)
      if (kept_in_view(t.tag)) kept.push_back(t);
    if (12 + 16 * kept.size() > page) bad_font("table directory repeats its tables");
    write_directory(static_cast<unsigned char*>(m->base), dir.sfnt_version, kept,
                    static_cast<std::uint32_t>(page));
  } catch (const Error& e) {
    unmap(m);
    Diagnostic d = e.diagnostic();
    d.file = path;
    d.hint = "check that the file is a TrueType or OpenType font and the face index exists";
    throw Error(d);
  }
  ::mprotect(m->base, page, PROT_READ);
  return hb_blob_create(static_cast<const char*>(m->base), static_cast<unsigned>(m->length),
                        HB_MEMORY_MODE_READONLY, m, unmap);
}

}  // namespace ptbrief::pdf
