# The two commands of the README, for a fresh Debian 12 machine:
#   make run    install what is missing, build, load the demo data into ./data if empty
#   make test   install what is missing, build, run every test (SQLite and PostgreSQL)
PRESET ?= release
BUILD := build/$(PRESET)
WERROR := $(if $(CI),ON,OFF)

.PHONY: all setup configure build run test test-sanitize bench fuzz format clean

all: build

setup:
	@scripts/setup.sh

configure: setup
	@cmake --preset $(PRESET) -DKETNOI_WERROR=$(WERROR) >/dev/null

build: configure
	@cmake --build $(BUILD) -j2

run: build
	@scripts/run.sh

test: build
	@scripts/test.sh $(BUILD)

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize:
	@$(MAKE) --no-print-directory test PRESET=debug

# The benchmark suite of bench/README.md (not part of make test): builds the release binaries and
# the demo corpus, prints one table with ratios against anchors measured in the same run.
#   make bench                      1,000,000 tasks
#   make bench BENCH_SIZE=100000    the quick run
BENCH_SIZE ?= 1000000
bench: setup
	@bench/run $(BENCH_SIZE)

fuzz: setup
	@scripts/fuzz.sh $${FUZZ_SECONDS:-60}

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'tests/*.cpp' 'tests/*.h')

clean:
	rm -rf build
