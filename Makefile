# evidex: GNU make. 'make' builds, 'make check' tests, 'make demo' shows it working.
.SUFFIXES:

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
CC ?= cc
PKGS = libcurl libxml-2.0 sqlite3

# Set up what the build needs before anything else (not for clean/uninstall).
ifeq ($(filter clean uninstall,$(MAKECMDGOALS)),$(MAKECMDGOALS))
else
DEPS_STATUS := $(shell CC="$(CC)" sh scripts/deps.sh 1>&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error evidex: build dependencies are missing (see above))
endif
endif
ifeq ($(MAKECMDGOALS),)
DEPS_STATUS := $(shell CC="$(CC)" sh scripts/deps.sh 1>&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error evidex: build dependencies are missing (see above))
endif
endif

CFLAGS ?= -g -O2
override CFLAGS += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Wshadow -Wvla -Wstrict-prototypes -Wmissing-prototypes \
	-Wwrite-strings -Wno-unused-parameter -I. -MMD -MP \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
ifdef DEVELOPER
override CFLAGS += -Werror
endif
ifdef SANITIZE
override CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
override LDFLAGS += -fsanitize=$(SANITIZE)
endif

LIB_SRC := $(sort $(wildcard core/*.c indexer/*.c query/*.c cmd/*.c))
LIB_OBJ := $(LIB_SRC:.c=.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test-*.c))
UNIT_BIN := $(UNIT_SRC:.c=)
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz-*.c))
FUZZ_BIN := $(FUZZ_SRC:.c=)
BENCH_SRC := $(sort $(wildcard bench/bench-*.c))
BENCH_BIN := $(BENCH_SRC:.c=)

all: evidex

evidex: evidex.o libevidex.a
	$(CC) $(LDFLAGS) -o $@ evidex.o libevidex.a $(LDLIBS)

libevidex.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

%.o: %.c
	$(CC) $(CFLAGS) -c -o $@ $<

tests/unit/test-%: tests/unit/test-%.c libevidex.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< libevidex.a $(LDLIBS)

bench/bench-%: bench/bench-%.c libevidex.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< libevidex.a $(LDLIBS)

units: $(UNIT_BIN)

# The whole suite: C unit tests, then end-to-end tests of the real binary.
check: evidex $(UNIT_BIN)
	@command -v mandoc >/dev/null 2>&1 && mandoc -Tlint -W warning doc/evidex.1 || true
	@sh tests/run.sh

# The same suite built with AddressSanitizer and UBSan, in its own tree.
check-asan:
	$(MAKE) clean-objs
	$(MAKE) DEVELOPER=1 SANITIZE=address,undefined CFLAGS="-g -O1" check
	$(MAKE) clean-objs

demo: evidex
	@sh scripts/demo.sh

bench: evidex $(BENCH_BIN)
	@sh bench/run.sh

# libFuzzer targets; clang only. The library is built once, instrumented,
# in fuzz/obj/; each target links against it.
FUZZ_FLAGS = -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I. \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_OBJ := $(patsubst %.c,fuzz/obj/%.o,$(filter-out cmd/%,$(LIB_SRC)))

fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

fuzz/libfuzz.a: $(FUZZ_OBJ)
	rm -f $@
	$(AR) rcs $@ $(FUZZ_OBJ)

fuzz/fuzz-%: fuzz/fuzz-%.c fuzz/libfuzz.a
	clang $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< fuzz/libfuzz.a $(LDLIBS)

fuzz: $(FUZZ_BIN)

install: evidex
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1
	cp -f evidex $(DESTDIR)$(BINDIR)/evidex
	chmod 755 $(DESTDIR)$(BINDIR)/evidex
	cp -f doc/evidex.1 $(DESTDIR)$(MANPREFIX)/man1/evidex.1
	chmod 644 $(DESTDIR)$(MANPREFIX)/man1/evidex.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/evidex $(DESTDIR)$(MANPREFIX)/man1/evidex.1

clean-objs:
	rm -f evidex evidex.o libevidex.a $(LIB_OBJ) $(UNIT_BIN) $(BENCH_BIN) \
		*.d core/*.d indexer/*.d query/*.d cmd/*.d tests/unit/*.d bench/*.d

clean: clean-objs
	rm -f $(FUZZ_BIN) fuzz/libfuzz.a .fts5-ok
	rm -rf fuzz/obj
	rm -rf tests/out

.PHONY: all check check-asan demo bench fuzz install uninstall clean clean-objs units

-include $(wildcard *.d core/*.d indexer/*.d query/*.d cmd/*.d tests/unit/*.d bench/*.d)
