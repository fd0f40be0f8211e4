// SHA-256 against the FIPS 180-4 example vectors, whole and fed in pieces.
#include <catch2/catch.hpp>
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
