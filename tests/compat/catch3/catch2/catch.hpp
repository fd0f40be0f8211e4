// Catch2 2's single header, provided on top of Catch2 3 (Debian 13 ships only 3.x).
// The test sources include <catch2/catch.hpp>, Catch2 2's header (Debian 12). tests/CMakeLists.txt
// puts this folder on the include path only when it found Catch2 3, which splits the header into
// catch_all.hpp and moved Approx from the global namespace into Catch::.
#pragma once

#include <catch2/catch_all.hpp>

using Catch::Approx;
