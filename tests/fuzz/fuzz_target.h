// The libFuzzer entry point every fuzz target defines; replay_main.cpp calls it for seed files.
#pragma once

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

/// Stops the process with a message when a target's invariant does not hold (a finding).
void fuzz_require(bool ok, const char* what);
