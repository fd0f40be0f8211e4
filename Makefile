# ptbrief — thin wrapper around CMake. Every target that builds first installs missing
# Debian packages (.ci/deps.sh), so these work on a fresh machine.
BUILD   ?= build
ASAN_BUILD ?= build-asan
WERROR  ?= OFF
JOBS    ?= $(shell nproc)
PARK    ?= 南通高新区
LAYOUT  ?= briefing
CTEST_ARGS ?=

.PHONY: all deps configure build tool test test-asan bench brief format golden-update clean

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
