# grpsup: a process-group supervisor.  make, make check, make install.
.DELETE_ON_ERROR:
.PHONY: all bench check deps demo e2e fuzz fuzz-build install static uninstall clean lint FORCE

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
LDLIBS ?=
WERROR ?=

# Project flags come first; the user's CFLAGS/LDFLAGS are appended, never replaced.
WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wwrite-strings -Wformat=2
# SANITIZE=1: AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer,
# every report fatal.
SAN_1 = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN = $(SAN_$(SANITIZE))
# C needs no unwind tables at run time (no exceptions): 15 KiB less of grpsup
# mapped in every run. With -g, debuggers and valgrind read .debug_frame.
NOUNWIND = -fno-asynchronous-unwind-tables -fno-unwind-tables
GRP_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) $(SAN) $(NOUNWIND) -MMD -MP $(CFLAGS)
GRP_LDFLAGS = $(SAN) $(LDFLAGS)
GRP_LDLIBS = -Wl,-Bstatic -lev -linih -lcares -lpcre2-8 -Wl,-Bdynamic -lm $(LDLIBS)

# The library, by layer, lowest first: a file may use what a lower layer
# defines, and its own layer's without a circle (make lint checks calls and
# #include lines: tests/lint/layers.sh). The README lists the same layers.
LAYER_NAMES = words system files program group
LAYER_words = strv text duration signame command env nametable order envscope envfile \
	lifecycle \
	identity linematch probespec httpreply settings
LAYER_system = procfs sigq spawn writer notify descend process resolver \
	probetry probenet probefile probeexec probelog probe
LAYER_files = conf confhint confparse confenv procfile confcheck config
LAYER_program = outbatch outsource outmsg output program
LAYER_group = groupprep groupdeps group groupsig grouprun verdict report
LAYERS = $(foreach l,$(LAYER_NAMES),"$(l): $(LAYER_$(l))")
LIB_OBJ = $(foreach l,$(LAYER_NAMES),$(LAYER_$(l):%=lib/%.o))
LIB = lib/libgrpsup.a
CMD_OBJ = cmd/main.o cmd/check.o cmd/cli.o cmd/messages.o cmd/names.o \
	cmd/options.o cmd/sources.o cmd/starts.o
HELPERS = tests/helpers/sigmask tests/helpers/wstatus tests/helpers/failrealloc.so
# C unit tests, linked with the library (sanitized too).
UNIT = tests/unit/parsers tests/unit/verdict tests/unit/lifecycle
DEMO = tests/demo/server tests/demo/client

all: grpsup

grpsup: $(CMD_OBJ) $(LIB)
	$(CC) $(GRP_LDFLAGS) -o $@ $(CMD_OBJ) $(LIB) $(GRP_LDLIBS)

$(LIB): $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

.c.o:
	$(CC) $(GRP_CFLAGS) -c -o $@ $<

# Objects depend on the flags they were built with: switching SANITIZE or
# CFLAGS rebuilds them instead of linking a mix.
.build-flags: FORCE
	@echo '$(CC) $(GRP_CFLAGS) $(GRP_LDFLAGS)' | cmp -s - $@ || \
		echo '$(CC) $(GRP_CFLAGS) $(GRP_LDFLAGS)' > $@
$(CMD_OBJ) $(LIB_OBJ): .build-flags
FORCE:

# make static: ./grpsup-static, one file for container images (glibc's static
# libc: names of users and groups still need the image's own NSS libraries at
# run time, numbers need nothing; host names go through c-ares, which reads
# /etc/hosts and /etc/resolv.conf itself).
static: grpsup-static
grpsup-static: $(CMD_OBJ:.o=.c) $(LIB_OBJ:.o=.c)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) -Os -static $(LDFLAGS) \
		-o $@ $(CMD_OBJ:.o=.c) $(LIB_OBJ:.o=.c) -lev -linih -lcares -lpcre2-8 -lm 2> $@.log || \
		{ cat $@.log >&2; rm -f $@.log; exit 1; }
	@grep -v 'statically linked applications' $@.log | grep -v 'in function' >&2 || true
	@rm -f $@.log
	strip $@

# Test helpers and demo programs are never sanitized: only grpsup is under test.
tests/helpers/%.so: tests/helpers/%.c
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) $(CFLAGS) $(LDFLAGS) -shared -fPIC -o $@ $< -ldl

tests/helpers/%: tests/helpers/%.c
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) $(CFLAGS) $(LDFLAGS) -o $@ $<

tests/demo/%: tests/demo/%.c
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) $(CFLAGS) $(LDFLAGS) -o $@ $<

$(UNIT): %: %.c $(LIB)
	$(CC) $(GRP_CFLAGS) $(GRP_LDFLAGS) -o $@ $< $(LIB) $(GRP_LDLIBS)

# libFuzzer harnesses of every parser (clang), with ASan and UBSan; the library
# is rebuilt for them in tests/fuzz/obj. make fuzz FUZZ_SECONDS=N runs each.
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_CFLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer -MMD -MP \
	-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZERS = tests/fuzz/config tests/fuzz/envfile tests/fuzz/duration \
	tests/fuzz/report \
	tests/fuzz/signal tests/fuzz/probe tests/fuzz/command
FUZZ_OBJ = $(LIB_OBJ:lib/%.o=tests/fuzz/obj/%.o)
FUZZ_LIB = tests/fuzz/obj/libgrpsup.a

tests/fuzz/obj/%.o: lib/%.c
	@mkdir -p tests/fuzz/obj
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<

$(FUZZ_LIB): $(FUZZ_OBJ)
	rm -f $@
	$(AR) rcs $@ $(FUZZ_OBJ)

tests/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_LIB)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) \
		$(GRP_LDLIBS)

.SECONDARY: $(FUZZ_OBJ) $(FUZZ_LIB)

fuzz-build: $(FUZZERS)

fuzz: fuzz-build
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZERS)

# Installs what is missing on a Debian machine (apt-get, as root or with sudo).
deps:
	@sh tests/deps.sh

# CHECK_FUZZ_SECONDS: how long make check runs each fuzzer (0: not at all).
CHECK_FUZZ_SECONDS ?= 3
check: deps
	@$(MAKE) --no-print-directory grpsup $(HELPERS) $(UNIT)
	@UNIT='$(UNIT)' FUZZ_CC='$(FUZZ_CC)' FUZZERS='$(FUZZERS)' \
		FUZZ_SECONDS='$(CHECK_FUZZ_SECONDS)' sh tests/run.sh

# grpsup under podman (runc), as PID 1 and in a Kubernetes Pod, from an image
# made from scratch; skipped, with the reason, where no container can run.
e2e: deps grpsup-static tests/helpers/wstatus
	@sh tests/e2e/run.sh

demo: deps
	@$(MAKE) --no-print-directory grpsup $(DEMO)
	sh tests/demo/run.sh

# Figures, not a test: grpsup beside tini, dumb-init, concurrently and bare
# fork/exec/kill (tests/bench/); a verdict line on the targets at the end.
BENCH_HELPERS = tests/bench/helpers/stamp tests/bench/helpers/bare \
	tests/bench/helpers/evfloor
tests/bench/helpers/%: tests/bench/helpers/%.c
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) -O2 $(LDFLAGS) -o $@ $<
# linked with libev exactly as grpsup is
tests/bench/helpers/evfloor: tests/bench/helpers/evfloor.c
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) $(NOUNWIND) -O2 $(LDFLAGS) \
		-o $@ $< $(GRP_LDLIBS)

bench: grpsup grpsup-static $(BENCH_HELPERS)
	@sh tests/bench/run.sh

# make lint: the layers of lib/ on its objects and #include lines, the README's
# list of them, and the man pages (mandoc,
# style notes included, every cross-reference checked).
lint: deps
	@$(MAKE) --no-print-directory grpsup
	@sh tests/lint/layers.sh $(LAYERS)
	@sh tests/lint/man.sh man/grpsup.1 man/grpsup.conf.5

install: grpsup
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	cp grpsup $(DESTDIR)$(BINDIR)/grpsup
	chmod 755 $(DESTDIR)$(BINDIR)/grpsup
	cp man/grpsup.1 $(DESTDIR)$(MANDIR)/man1/grpsup.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/grpsup.1
	mkdir -p $(DESTDIR)$(MANDIR)/man5
	cp man/grpsup.conf.5 $(DESTDIR)$(MANDIR)/man5/grpsup.conf.5
	chmod 644 $(DESTDIR)$(MANDIR)/man5/grpsup.conf.5

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/grpsup $(DESTDIR)$(MANDIR)/man1/grpsup.1 \
		$(DESTDIR)$(MANDIR)/man5/grpsup.conf.5

clean:
	rm -rf tests/fuzz/obj $(FUZZERS)
	rm -f grpsup grpsup-static .build-flags $(CMD_OBJ) $(LIB_OBJ) $(LIB) $(HELPERS) $(DEMO) \
		$(UNIT) $(BENCH_HELPERS) cmd/*.d lib/*.d tests/*/*.d

-include $(CMD_OBJ:.o=.d) $(LIB_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)
