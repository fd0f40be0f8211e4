// SHA-256 against the FIPS 180-4 example vectors, whole and fed in pieces.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/hash.h"

TEST_CASE("sha256 matches the standard test vectors") {
  CHECK(ptbrief::sha256_hex("") ==
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(ptbrief::sha256_hex("abc") ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(ptbrief::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256 gives the same digest however the input is split") {
  std::string data(1000, 'a');
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>('a' + i % 26);
  ptbrief::Sha256 h;
  for (std::size_t i = 0; i < data.size(); i += 37) h.update(std::string_view(data).substr(i, 37));
  CHECK(h.hex() == ptbrief::sha256_hex(data));
}

TEST_CASE("sha256 of a million 'a' matches FIPS 180-4's long vector") {
  CHECK(ptbrief::sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("a finished or moved-from sha256 refuses more input") {
  ptbrief::Sha256 h;
  h.update("abc");
  ptbrief::Sha256 moved = std::move(h);
  CHECK_THROWS(h.update("x"));
  CHECK(moved.hex() == ptbrief::sha256_hex("abc"));
  CHECK_THROWS(moved.update("x"));
}

TEST_CASE("sha256 of a file is read in chunks and equals the digest of its bytes") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("ptbrief-hash-file-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  // Larger than one read chunk and not a multiple of it, with every byte value in it.
  std::string bytes;
  for (std::size_t i = 0; i < (std::size_t{1} << 20) + 12345; ++i)
    bytes += static_cast<char>((i * 131 + i / 7) & 0xff);
  {
    std::ofstream out(dir / "big.bin", std::ios::binary);
    out << bytes;
  }
  CHECK(ptbrief::sha256_file_hex(dir / "big.bin") == ptbrief::sha256_hex(bytes));
  { std::ofstream(dir / "empty.bin", std::ios::binary); }
  CHECK(ptbrief::sha256_file_hex(dir / "empty.bin") == ptbrief::sha256_hex(""));
  CHECK(ptbrief::sha256_file_hex(dir / "absent.bin").empty());
  fs::remove_all(dir);
}

TEST_CASE("the running program's build ID is there and the same on every call") {
  // The toolchain links with --build-id (Debian's default; the fact cache and packs use it).
  const std::string id = ptbrief::running_build_id();
  CHECK(id.size() >= 8);
  CHECK(ptbrief::running_build_id() == id);
}
