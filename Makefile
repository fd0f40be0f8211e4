# ptbrief — thin wrapper around CMake. Every target that builds first installs missing
# Debian packages (.ci/deps.sh), so these work on a fresh machine.
BUILD   ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= ingest layout_json pack_file breaks
WERROR  ?= OFF
JOBS    ?= $(shell nproc)
PARK    ?= 南通高新区
LAYOUT  ?= briefing
CTEST_ARGS ?=

.PHONY: all deps configure build tool test test-asan fuzz bench brief format golden-update clean

all: build

deps:
	@sh .ci/deps.sh

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPTBRIEF_WERROR=$(WERROR) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# Only the ptbrief executable (what the main job needs; no tests).
tool: configure
	@cmake --build $(BUILD) -j $(JOBS) --target ptbrief -- --no-print-directory

# The README's test command: install, build, run the whole suite.
test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, in its own build folder.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPTBRIEF_SANITIZE=ON \
	  -DPTBRIEF_WERROR=$(WERROR) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# Each fuzz target under libFuzzer + ASan + UBSan (clang) for FUZZ_SECONDS, starting from its
# seeds; what it finds grows $(FUZZ_BUILD)/corpus/<target>, crashes land in $(FUZZ_BUILD).
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPTBRIEF_FUZZ=ON -DPTBRIEF_SANITIZE=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS)) -- --no-print-directory
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_BUILD)/corpus/$$t && \
	  (cd $(FUZZ_BUILD) && ./tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=4096 corpus/$$t ../tests/fuzz/seeds/$$t) || exit 1; done

# The README's main job: the 南通高新区 brief (or PARK=…, LAYOUT=…).
brief: tool
	@./$(BUILD)/ptbrief make --park "$(PARK)" --layout "$(LAYOUT)"

bench: build
	@./$(BUILD)/ptbrief_bench

format:
	@find compiler tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

# Rewrites tests/golden/*/ expected outputs from the current build, for review in git.
golden-update: build
	@for t in $(BUILD)/tests/test_ingest $(BUILD)/tests/test_typeset; do \
	  PTBRIEF_GOLDEN_UPDATE=1 $$t "[golden]" || exit 1; done
	@git status --short tests/golden

clean:
	@rm -rf $(BUILD)
