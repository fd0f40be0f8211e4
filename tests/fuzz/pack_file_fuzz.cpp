// Fuzz target: a pack file and an output folder's manifest, read from the same bytes.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "base/diagnostic.h"
#include "fuzz_target.h"
#include "pack/manifest.h"
#include "pack/pack.h"

namespace {

/// One scratch folder per fuzzing process.
const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() /
             ("ptbrief-fuzz-pack-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = scratch() / "pack.json";
  std::ofstream(file, std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  try {
    const auto pack = ptbrief::pack::load_pack(file);
    fuzz_require(ptbrief::pack::is_plain_file_name(pack.name), "the pack name is a file name");
  } catch (const ptbrief::Error&) {
  }
  ptbrief::CollectingSink sink;
  const auto m = ptbrief::pack::read_manifest(file, sink);  // damaged: a warning, never a throw
  for (const auto& [name, record] : m.briefs)
    fuzz_require(ptbrief::pack::is_plain_file_name(name), "manifest names stay in the folder");
  return 0;
}
