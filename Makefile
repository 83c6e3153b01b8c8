# newsweave: `make demo` and `make test` set up a fresh Debian 12 machine, build and run.
BUILD ?= build
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release

.PHONY: all build setup demo test sanitize fuzz bench format clean

all: build

setup:
	@scripts/setup

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

build: setup $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

# The main job on the sample corpus.
demo: build
	$(BUILD)/newsweave run data/sample/txt data/sample/jsonl

# Every unit test.
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Every unit test again in a build with AddressSanitizer and UndefinedBehaviorSanitizer (GCC;
# any report fails the test). CI runs it after `make test` (.ci/run).
ASAN_BUILD ?= build-asan
SANITIZE_FLAGS = -O1 -g1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
sanitize: setup
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DNEWSWEAVE_BUILD_BENCH=OFF \
	  -DCMAKE_CXX_FLAGS_DEBUG="$(SANITIZE_FLAGS)" \
	  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 NEWSWEAVE_CLI_ARTICLES=600 \
	  NEWSWEAVE_KILLS=10 ctest --output-on-failure -j $(JOBS)

# Each fuzz target (fuzz/) for FUZZ_SECONDS (default 60) with libFuzzer, in build-fuzz.
fuzz:
	scripts/fuzz

# Benchmarks print figures; they do not pass or fail. DEDUP_SIZES="100000" and
# SPEED_SIZES="20000" for a quicker run.
bench: build
	BUILD_DIR=$(BUILD) bench/run.sh
	BUILD_DIR=$(BUILD) bench/dedup_accuracy.sh
	BUILD_DIR=$(BUILD) bench/dedup_speed.sh
	BUILD_DIR=$(BUILD) bench/xling_eval.sh
	BUILD_DIR=$(BUILD) bench/html_eval.sh
	BUILD_DIR=$(BUILD) bench/quote_eval.sh
	BUILD_DIR=$(BUILD) bench/run_speed.sh

format:
	clang-format -i --style=file $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD)
