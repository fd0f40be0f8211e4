# ptbrief — thin wrapper around CMake. Every target that builds first installs missing
# Debian packages (.ci/deps.sh), so these work on a fresh machine.
BUILD   ?= build
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= ingest layout_json pack_file breaks corrections font_tables
# BUILD_TYPE (CMake's default here: Release) and WERROR (OFF) stick in the build folder once
# given: a later `make` without them keeps them instead of reconfiguring and rebuilding.
BUILD_TYPE ?=
WERROR  ?=
JOBS    ?= $(shell nproc)
PARK    ?= 南通高新区
LAYOUT  ?= briefing
CTEST_ARGS ?=

PREFIX  ?= /usr/local
DESTDIR ?=

.PHONY: all deps configure build tool test test-asan test-tsan fuzz bench brief install deb messages format golden-update clean

# Only the binary; says where it is.
all: tool
	@echo "ptbrief: built $(BUILD)/ptbrief"

deps:
	@sh .ci/deps.sh

configure: deps
	@cmake -S . -B $(BUILD) $(if $(BUILD_TYPE),-DCMAKE_BUILD_TYPE=$(BUILD_TYPE)) \
	  $(if $(WERROR),-DPTBRIEF_WERROR=$(WERROR)) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS) -- --no-print-directory

# Only the executables: ptbrief and ptbrief-serve, which `ptbrief serve` runs (no tests).
tool: configure
	@cmake --build $(BUILD) -j $(JOBS) --target ptbrief -- --no-print-directory

# The README's test command: install, build, run the whole suite.
test: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, in its own build folder.
test-asan: deps
	@cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Sanitize -DPTBRIEF_SANITIZE=ON \
	  $(if $(WERROR),-DPTBRIEF_WERROR=$(WERROR)) >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS) -- --no-print-directory
	@cd $(ASAN_BUILD) && ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

# `ptbrief pack` of every park and topic brief plus the combined PDF, 8 briefs at once, under
# ThreadSanitizer (its own build folder, output and cache folder under it), first with an empty
# cache, then with it warm; then `make` (a brief on every core: the fact cache's windows, the
# faces' subsets and their glyphs, deflate) with an empty cache, warm, and with --no-cache. A data race between the
# threads (fonts, shaping, FreeType, the fact cache, the flattened-glyph memo) fails the run.
test-tsan: deps
	@cmake -S . -B $(TSAN_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPTBRIEF_TSAN=ON >/dev/null
	@cmake --build $(TSAN_BUILD) -j $(JOBS) --target ptbrief -- --no-print-directory
	@mkdir -p $(TSAN_BUILD)/tsan && printf '%s\n' '{"name": "tsan", "title": "TSan", "layout": "briefing",' \
	  '"output": "$(abspath $(TSAN_BUILD))/tsan/out", "combined": true,' \
	  '"briefs": ["all parks", "all topics"]}' > $(TSAN_BUILD)/tsan/tsan.json
	@rm -rf $(TSAN_BUILD)/tsan/cache
	@for run in "empty cache" "warm cache"; do echo "test-tsan: pack, $$run"; \
	  XDG_CACHE_HOME="$(abspath $(TSAN_BUILD))/tsan/cache" TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	  ./$(TSAN_BUILD)/ptbrief pack $(TSAN_BUILD)/tsan/tsan.json --jobs 8 --force || exit 1; done
	@rm -rf $(TSAN_BUILD)/tsan/make-cache
	@for run in "empty cache" "warm cache" "--no-cache"; do echo "test-tsan: make, $$run"; \
	  XDG_CACHE_HOME="$(abspath $(TSAN_BUILD))/tsan/make-cache" TSAN_OPTIONS=halt_on_error=1:exitcode=66 \
	  ./$(TSAN_BUILD)/ptbrief make --park 南通高新区 -o $(TSAN_BUILD)/tsan/ \
	  $$([ "$$run" = --no-cache ] && echo --no-cache) || exit 1; done
	@echo "test-tsan: no data race reported"

# Each fuzz target under libFuzzer + ASan + UBSan (clang) for FUZZ_SECONDS, starting from its
# seeds; what it finds grows $(FUZZ_BUILD)/corpus/<target>, crashes land in $(FUZZ_BUILD).
fuzz: deps
	@CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DPTBRIEF_FUZZ=ON -DPTBRIEF_SANITIZE=ON >/dev/null
	@cmake --build $(FUZZ_BUILD) -j $(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS)) -- --no-print-directory
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_BUILD)/corpus/$$t && \
	  (cd $(FUZZ_BUILD) && ./tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
	    -rss_limit_mb=4096 corpus/$$t ../tests/fuzz/seeds/$$t) || exit 1; done

# The README's main job: the 南通高新区 brief (or PARK=…, LAYOUT=…), into briefs/out/.
brief: tool
	@./$(BUILD)/ptbrief make --park "$(PARK)" --layout "$(LAYOUT)" -o briefs/out/

# The binary, its data, man page and bash completion under $(DESTDIR)$(PREFIX).
install: tool
	@DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix "$(PREFIX)"

# A Debian package (CPack) in $(BUILD)/.
deb: tool
	@cd $(BUILD) && cpack -G DEB >/dev/null && ls "$$PWD"/ptbrief_*.deb

bench: build
	@./$(BUILD)/ptbrief_bench

# Refreshes po/ptbrief.pot from the tr()/trf() calls and merges it into each po/<lang>.po;
# translate the new or fuzzy entries there, then `make test` checks none is left.
messages:
	@grep -rl --include='*.cpp' -e 'tr(' -e 'trf(' compiler | sort | xargs xgettext \
	  --language=C++ --from-code=UTF-8 --keyword=tr --keyword=trf --package-name=ptbrief \
	  --no-location --sort-output -o po/ptbrief.pot
	@for po in po/*.po; do msgmerge --quiet --update --backup=none --no-location $$po po/ptbrief.pot \
	  && msgattrib --no-obsolete -o $$po $$po; done

format:
	@find compiler tests -name '*.cpp' -o -name '*.h' | xargs clang-format -i

# Rewrites tests/golden/*/ expected outputs from the current build, for review in git.
golden-update: build
	@for t in $(BUILD)/tests/test_ingest $(BUILD)/tests/test_typeset; do \
	  PTBRIEF_GOLDEN_UPDATE=1 $$t "[golden]" || exit 1; done
	@git status --short tests/golden

clean:
	@rm -rf $(BUILD)
