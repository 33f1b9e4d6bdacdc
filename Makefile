# sysdash: a plain Makefile. `make` builds into build/, `make test` runs every
# test, `make run` starts the dashboard on http://127.0.0.1:8000.
VERSION = 0.1.0
PREFIX  = /usr/local
BINDIR  = $(PREFIX)/bin
LIBEXEC = $(PREFIX)/lib/sysdash
SHARE   = $(PREFIX)/share/sysdash
B       = build

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = json-c fcgi libcurl zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -D_GNU_SOURCE -DSYSDASH_VERSION='"$(VERSION)"' -Ilib -Icgi -Isampler
SD_CFLAGS = -std=c17 -Wall -Wextra -Werror -Wshadow -Wformat=2 \
            -fstack-protector-strong -D_FORTIFY_SOURCE=2 -MMD -MP \
            $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS += -Wl,--as-needed
LDLIBS  += $(PKG_LIBS) -lpthread -lm

LIB_SRC  = $(wildcard lib/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(B)/%.o)
# Each endpoint program is cgi/<name>.c with a main; every other cgi/*.c is
# FastCGI glue linked into all of them.
CGI_NAMES = stats status history action
CGI_MAIN = $(wildcard $(CGI_NAMES:%=cgi/%.c))
CGI_BIN  = $(CGI_MAIN:cgi/%.c=$(B)/%.fcgi)
CGI_GLUE = $(filter-out $(CGI_MAIN),$(wildcard cgi/*.c))
CGI_GLUE_OBJ = $(CGI_GLUE:%.c=$(B)/%.o)
SMP_SRC  = $(filter-out sampler/notify.c,$(wildcard sampler/*.c))
SMP_OBJ  = $(SMP_SRC:%.c=$(B)/%.o)
# the sampler's modules without its main: for sysdash-notify (the webhook
# sender, the only binary linked with libcurl) and the unit tests
SMP_MOD  = $(filter-out $(B)/sampler/main.o,$(SMP_OBJ))
NTF_OBJ  = $(SMP_MOD) $(B)/sampler/notify.o
UNIT_SRC = $(wildcard tests/unit/*_test.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
WWW_SRC  = $(wildcard html/*)
UPLOT    = node_modules/uplot/dist

all: $(B)/sysdash-sampler $(B)/sysdash-notify $(CGI_BIN) www

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SD_CFLAGS) -c -o $@ $<

$(B)/libsysdash.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/sysdash-sampler: $(SMP_OBJ) $(B)/libsysdash.a
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/sysdash-notify: $(NTF_OBJ) $(B)/libsysdash.a
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/%.fcgi: $(B)/cgi/%.o $(CGI_GLUE_OBJ) $(B)/libsysdash.a
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/tests/%_test: $(B)/tests/unit/%_test.o $(SMP_MOD) $(B)/libsysdash.a
	@mkdir -p $(@D)
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# The static site nginx serves: our pages plus uPlot copied from npm.
www: $(B)/www/.stamp
$(B)/www/.stamp: $(WWW_SRC) $(wildcard $(UPLOT)/uPlot.iife.min.js)
	@mkdir -p $(B)/www/vendor
	cp -R html/. $(B)/www/
	if [ -f $(UPLOT)/uPlot.iife.min.js ]; then \
	  cp $(UPLOT)/uPlot.iife.min.js $(UPLOT)/uPlot.min.css $(B)/www/vendor/; fi
	touch $@

deps:
	@scripts/deps

run: deps all
	scripts/serve

# every binary runs, so one failure does not hide the others
unit: $(UNIT_BIN)
	@failed=""; for t in $(UNIT_BIN); do echo "== $$t"; \
	  SYSDASH_FIXTURES=tests/fixtures $$t || failed="$$failed $$t"; done; \
	  if [ -n "$$failed" ]; then echo "unit: FAILED:$$failed"; exit 1; fi

# The unit suite once more under AddressSanitizer + UBSan, in its own tree.
unit-asan:
	$(MAKE) --no-print-directory B=$(B)/asan CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" unit

# libFuzzer harnesses (tests/fuzz/<name>_fuzz.c, seeds in tests/fuzz/<name>/),
# each run for FUZZ_SECONDS on a scratch copy of its seed corpus.
FUZZ_SECONDS ?= 30
FUZZ_SRC  = $(wildcard tests/fuzz/*_fuzz.c)
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/%_fuzz.c=%)
FB        = $(B)/fuzz
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer

fuzz-build:
	$(MAKE) --no-print-directory B=$(FB) CC=clang CFLAGS="$(FUZZ_FLAGS)" \
	  $(FB)/libsysdash.a $(FB)/cgi-glue.a
	@set -e; for n in $(FUZZ_NAMES); do \
	  echo "clang tests/fuzz/$${n}_fuzz.c -> $(FB)/$${n}_fuzz"; \
	  clang $(CPPFLAGS) -std=c17 -Wall -Wextra -Werror $(PKG_CFLAGS) \
	    -O1 -g -fsanitize=fuzzer,address,undefined -fno-omit-frame-pointer \
	    -o $(FB)/$${n}_fuzz tests/fuzz/$${n}_fuzz.c $(FB)/cgi-glue.a \
	    $(FB)/libsysdash.a $(PKG_LIBS) -lpthread -lm; done

fuzz: fuzz-build
	@for n in $(FUZZ_NAMES); do \
	  corpus=$$(mktemp -d); cp -R tests/fuzz/$$n/. "$$corpus"/; \
	  echo "== fuzz $$n for $(FUZZ_SECONDS) s"; \
	  if ! $(FB)/$${n}_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	      -print_final_stats=1 -artifact_prefix=$(FB)/$$n- "$$corpus" \
	      > $(FB)/$$n.log 2>&1; then \
	    tail -n 60 $(FB)/$$n.log; rm -rf "$$corpus"; \
	    echo "fuzz $$n: FAILED (crash input under $(FB)/$$n-*)"; exit 1; fi; \
	  grep -E 'number_of_executed_units|new_units_added' $(FB)/$$n.log; \
	  rm -rf "$$corpus"; done

$(B)/cgi-glue.a: $(CGI_GLUE_OBJ)
	rm -f $@ && ar rcs $@ $^

test: deps all unit unit-asan fuzz
	SYSDASH_BIN_DIR=$(abspath $(B)) scripts/run-node-tests

check: test

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SHARE)
	install -m 0755 $(B)/sysdash-sampler $(B)/sysdash-notify $(DESTDIR)$(BINDIR)/
	install -m 0755 $(CGI_BIN) $(DESTDIR)$(LIBEXEC)/
	install -m 0755 scripts/serve $(DESTDIR)$(LIBEXEC)/
	cp -R $(B)/www $(DESTDIR)$(SHARE)/
	rm -f $(DESTDIR)$(SHARE)/www/.stamp
	cp -R conf $(DESTDIR)$(SHARE)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sysdash-sampler $(DESTDIR)$(BINDIR)/sysdash-notify
	rm -rf $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SHARE)

format:
	clang-format -i lib/*.[ch] cgi/*.c sampler/*.[ch] tests/unit/*.c

clean:
	rm -rf $(B)

.PHONY: all www deps run unit unit-asan fuzz fuzz-build test check install uninstall format clean
.SECONDARY:

-include $(shell find $(B) -name '*.d' 2>/dev/null)
