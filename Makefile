# sysdash: a plain Makefile. `make` builds into build/, `make test` runs every
# test, `make run` starts the dashboard on http://127.0.0.1:8000, `make deb`
# builds the Debian package.
VERSION = 0.1.0
PREFIX  = /usr/local
BINDIR  = $(PREFIX)/bin
LIBEXEC = $(PREFIX)/lib/sysdash
SHARE   = $(PREFIX)/share/sysdash
# /etc and /var for PREFIX=/usr (the Debian layout), else under PREFIX
SYSCONFDIR = $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
STATEDIR   = $(if $(filter /usr,$(PREFIX)),/var/lib/sysdash,$(PREFIX)/var/lib/sysdash)
UNITDIR    = $(if $(filter /usr,$(PREFIX)),/lib/systemd/system,$(PREFIX)/lib/systemd/system)
TMPFILESDIR = $(PREFIX)/lib/tmpfiles.d
B       = build

CC      ?= cc
CFLAGS  ?= -O2 -g
PKGS     = json-c fcgi libcurl zlib
# Evaluated on first use, not when the Makefile is read: `make run` and
# `make test` install the libraries (deps) in the same run, before anything
# is compiled. Each is computed once, and a failure says what to do.
pkgconf = $(or $(shell pkg-config $(1) $(PKGS) 2>/dev/null),$(error pkg-config $(1) $(PKGS) failed: run make deps))
PKG_CFLAGS = $(eval PKG_CFLAGS := $$(call pkgconf,--cflags))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $$(call pkgconf,--libs))$(PKG_LIBS)
CPPFLAGS += -D_GNU_SOURCE -DSYSDASH_VERSION='"$(VERSION)"'
# Include paths by source folder, so that the layout holds: lib/ sees only
# its own headers (a lib/ file that includes http.h or webhook.h does not
# build), cgi/, sampler/ and desktop/ see lib/ and their own. INC is the
# line of the folder of the source being compiled ($* is lib/cpu...); a
# folder without a line gets none. tests: tests/unit, which also calls the
# modules of cgi/ and sampler/; fuzz: tests/fuzz (fuzz-build).
INC_lib     = -Ilib
INC_cgi     = -Ilib -Icgi
INC_sampler = -Ilib -Isampler
INC_desktop = -Ilib -Idesktop
INC_tests   = -Ilib -Icgi -Isampler
INC_fuzz    = -Ilib -Icgi
INC = $(INC_$(firstword $(subst /, ,$*)))
SD_CFLAGS = -std=c17 -Wall -Wextra -Werror -Wshadow -Wformat=2 \
            -fstack-protector-strong -D_FORTIFY_SOURCE=2 -MMD -MP \
            $(PKG_CFLAGS) $(CFLAGS)
LDFLAGS += -Wl,--as-needed
LDLIBS  += $(PKG_LIBS) -lpthread -lm

LIB_SRC  = $(filter-out lib/win_%.c,$(wildcard lib/*.c))
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
# The desktop window (desktop/), built only when pkg-config finds GTK 4;
# nothing else links GTK.
LOCALEDIR = $(PREFIX)/share/locale
HAVE_GTK := $(shell pkg-config --exists gtk4 2>/dev/null && echo yes)
GTK_CFLAGS := $(shell pkg-config --cflags gtk4 2>/dev/null)
GTK_LIBS   := $(shell pkg-config --libs gtk4 2>/dev/null)
DSK_OBJ  = $(patsubst %.c,$(B)/%.o,$(wildcard desktop/*.c))
ifeq ($(HAVE_GTK),yes)
DESKTOP  = $(B)/sysdash-desktop
UNIT_BIN += $(B)/tests/settings_test
endif
WWW_SRC  = $(wildcard html/*)
# gettext catalogs of the desktop window (English is the msgids)
PO_LANGS = fr es ru
MO       = $(PO_LANGS:%=$(B)/locale/%/LC_MESSAGES/sysdash.mo)
UPLOT    = node_modules/uplot/dist

all: $(B)/sysdash $(B)/sysdash-sampler $(B)/sysdash-notify $(CGI_BIN) www $(MO) $(DESKTOP)

$(B)/locale/%/LC_MESSAGES/sysdash.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ $<

# the one command (a shell script that finds its programs beside itself)
$(B)/sysdash: scripts/sysdash
	@mkdir -p $(@D)
	install -m 0755 $< $@

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(INC) $(SD_CFLAGS) -c -o $@ $<

$(B)/desktop/%.o: desktop/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(INC_desktop) -DLOCALEDIR='"$(LOCALEDIR)"' \
	  $(SD_CFLAGS) $(GTK_CFLAGS) -c -o $@ $<

$(B)/sysdash-desktop: $(DSK_OBJ) $(B)/libsysdash.a
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(GTK_LIBS) $(LDLIBS)

# compiled and linked in one step, so its .d file adds the headers to $^
$(B)/tests/settings_test: tests/desktop/settings_test.c $(B)/desktop/settings.o $(B)/libsysdash.a
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(INC_desktop) -Itests/unit $(SD_CFLAGS) \
	  $(GTK_CFLAGS) $(LDFLAGS) -o $@ $(filter-out %.h,$^) $(GTK_LIBS) \
	  $(LDLIBS) -lcmocka

$(B)/libsysdash.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(B)/sysdash-sampler: $(SMP_OBJ) $(B)/libsysdash.a
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/sysdash-notify: $(NTF_OBJ) $(B)/libsysdash.a
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# through an archive, so each program carries only the glue it calls
# (history.fcgi has no live_start, no actreq_parse)
$(B)/%.fcgi: $(B)/cgi/%.o $(B)/cgi-glue.a $(B)/libsysdash.a
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# the cgi glue through its archive too: only the tests of cgi/ pull it in
$(B)/tests/%_test: $(B)/tests/unit/%_test.o $(SMP_MOD) $(B)/cgi-glue.a \
                  $(B)/libsysdash.a
	@mkdir -p $(@D)
	$(CC) $(SD_CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

# The static site nginx serves: our pages plus uPlot copied from npm.
www: $(B)/www/.stamp
# Without node_modules the pages would have no chart: stop and say why.
$(B)/www/.stamp: $(WWW_SRC) $(UPLOT)/uPlot.iife.min.js $(UPLOT)/uPlot.min.css
	@mkdir -p $(B)/www/vendor
	cp -R html/. $(B)/www/
	cp $(UPLOT)/uPlot.iife.min.js $(UPLOT)/uPlot.min.css $(B)/www/vendor/
	touch $@

$(UPLOT)/%:
	@echo "make: $@ is missing: the pages need uPlot; run 'make deps' first" >&2; exit 1

# deps: what building and running need; deps-test: plus the test tools.
# run and test install them first, then build in a new make that reads the
# flags of the libraries just installed.
deps:
	@scripts/deps

deps-test:
	@scripts/deps --test

run: deps
	@echo "run: building into $(B)/"
	@$(MAKE) --no-print-directory all
	@echo "run: starting $(B)/sysdash --web"
	@$(B)/sysdash --web

# every binary runs, so one failure does not hide the others
unit: $(UNIT_BIN) $(MO)
	@failed=""; for t in $(UNIT_BIN); do echo "== $$t"; \
	  SYSDASH_FIXTURES=tests/fixtures SYSDASH_LOCALEDIR=$(B)/locale $$t || failed="$$failed $$t"; done; \
	  if [ -n "$$failed" ]; then echo "unit: FAILED:$$failed"; exit 1; fi

# The unit suite once more under AddressSanitizer + UBSan, in its own tree.
unit-asan:
	$(MAKE) --no-print-directory B=$(B)/asan CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" unit

# libFuzzer harnesses (tests/fuzz/<name>_fuzz.c, seeds in tests/fuzz/<name>/),
# each run for FUZZ_SECONDS on a scratch copy of its seed corpus.
FUZZ_SECONDS ?= 15
FUZZ_SRC  = $(wildcard tests/fuzz/*_fuzz.c)
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/%_fuzz.c=%)
FB        = $(B)/fuzz
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer

fuzz-build:
	$(MAKE) --no-print-directory B=$(FB) CC=clang CFLAGS="$(FUZZ_FLAGS)" \
	  $(FB)/libsysdash.a $(FB)/cgi-glue.a
	@set -e; for n in $(FUZZ_NAMES); do \
	  echo "clang tests/fuzz/$${n}_fuzz.c -> $(FB)/$${n}_fuzz"; \
	  clang $(CPPFLAGS) $(INC_fuzz) -std=c17 -Wall -Wextra -Werror \
	    $(PKG_CFLAGS) \
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

test: deps-test
	@$(MAKE) --no-print-directory format-check all unit unit-asan fuzz windows windows-unit windows-zip node-tests

node-tests:
	SYSDASH_BIN_DIR=$(abspath $(B)) scripts/run-node-tests

check: test

# The nginx drop-in for an existing server: everything under /sysdash/,
# sockets in /run/sysdash (the socket units), pages in $(SHARE)/www.
# Rendered by serve into a scratch folder, then pointed at $(SHARE)/nginx.
NGX = $(B)/nginx$(subst /,-,$(SHARE))
$(NGX)/.stamp: $(wildcard conf/nginx/*) scripts/serve $(CGI_BIN)
	rm -rf $(NGX).tmp && mkdir -p $(NGX).tmp
	env -u SYSDASH_ACTION_RATE -u SYSDASH_ACTION_BURST -u SYSDASH_NGINX_INCLUDE -u SYSDASH_ACCESS_LOG \
	  SYSDASH_BIN_DIR=$(abspath $(B)) SYSDASH_RUN_DIR=/run/sysdash SYSDASH_URL_PREFIX=/sysdash \
	  SYSDASH_WWW_DIR=$(SHARE)/www scripts/serve --render-nginx $(NGX).tmp
	sed -i 's|$(abspath $(NGX)).tmp|$(SHARE)/nginx|g' $(NGX).tmp/*.conf
	rm -rf $(NGX) && mv $(NGX).tmp $(NGX) && touch $@

# The Debian layout with PREFIX=/usr: programs in /usr/bin, FastCGI programs
# and serve in /usr/lib/sysdash, pages and nginx files in /usr/share/sysdash,
# /etc/sysdash/sysdash.env (0640: it may hold ACTION_TOKEN, WEBHOOK_URL),
# systemd units, the http-level nginx zone in /etc/nginx/conf.d, data in
# /var/lib/sysdash (the package makes that one in postinst, for its user).
install: all $(NGX)/.stamp
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SHARE)/nginx \
	  $(DESTDIR)$(SHARE)/conf/nginx $(DESTDIR)$(SHARE)/conf/sudoers.d $(DESTDIR)$(SHARE)/cron.d \
	  $(DESTDIR)$(SYSCONFDIR)/sysdash $(DESTDIR)$(SYSCONFDIR)/nginx/conf.d \
	  $(DESTDIR)$(UNITDIR) $(DESTDIR)$(UNITDIR)/sysdash-fcgi@action.service.d $(DESTDIR)$(TMPFILESDIR)
	install -d -m 0750 $(DESTDIR)$(STATEDIR)
	install -m 0755 $(B)/sysdash $(B)/sysdash-sampler $(B)/sysdash-notify $(DESTDIR)$(BINDIR)/
	install -m 0755 $(CGI_BIN) scripts/serve $(DESTDIR)$(LIBEXEC)/
	cp -R $(B)/www $(DESTDIR)$(SHARE)/
	rm -f $(DESTDIR)$(SHARE)/www/.stamp
	install -m 0644 $(NGX)/*.conf $(DESTDIR)$(SHARE)/nginx/
	install -m 0644 conf/nginx/*.conf conf/nginx/*.in $(DESTDIR)$(SHARE)/conf/nginx/
	install -m 0644 conf/sudoers.d/sysdash $(DESTDIR)$(SHARE)/conf/sudoers.d/
	install -m 0644 conf/cron.d/sysdash $(DESTDIR)$(SHARE)/cron.d/
	install -m 0640 conf/sysdash.env $(DESTDIR)$(SYSCONFDIR)/sysdash/sysdash.env
	# the http-level rate-limit zone the locations use, as a copy (not an
	# include) so that nginx still starts once the package is removed
	install -m 0644 $(NGX)/sysdash-http.conf $(DESTDIR)$(SYSCONFDIR)/nginx/conf.d/sysdash.conf
	install -m 0644 conf/systemd/*.service conf/systemd/*.socket conf/systemd/*.timer $(DESTDIR)$(UNITDIR)/
	install -m 0644 conf/systemd/sysdash-fcgi@action.service.d/*.conf $(DESTDIR)$(UNITDIR)/sysdash-fcgi@action.service.d/
	install -m 0644 conf/tmpfiles.d/sysdash.conf $(DESTDIR)$(TMPFILESDIR)/
	install -d $(DESTDIR)$(SYSCONFDIR)/logrotate.d
	install -m 0644 conf/logrotate.d/sysdash $(DESTDIR)$(SYSCONFDIR)/logrotate.d/
	for l in $(PO_LANGS); do \
	  install -D -m 0644 $(B)/locale/$$l/LC_MESSAGES/sysdash.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/sysdash.mo; done
	if [ -n "$(DESKTOP)" ]; then \
	  install -m 0755 $(DESKTOP) $(DESTDIR)$(BINDIR)/ && \
	  install -D -m 0644 desktop/sysdash.desktop \
	    $(DESTDIR)$(PREFIX)/share/applications/sysdash.desktop && \
	  install -D -m 0644 html/favicon.svg \
	    $(DESTDIR)$(PREFIX)/share/icons/hicolor/scalable/apps/sysdash.svg; fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sysdash $(DESTDIR)$(BINDIR)/sysdash-sampler $(DESTDIR)$(BINDIR)/sysdash-notify
	rm -f $(DESTDIR)$(BINDIR)/sysdash-desktop \
	  $(DESTDIR)$(PREFIX)/share/applications/sysdash.desktop \
	  $(DESTDIR)$(PREFIX)/share/icons/hicolor/scalable/apps/sysdash.svg \
	  $(PO_LANGS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/sysdash.mo)
	rm -rf $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SHARE) $(DESTDIR)$(TMPFILESDIR)/sysdash.conf
	rm -f $(DESTDIR)$(UNITDIR)/sysdash-*.service $(DESTDIR)$(UNITDIR)/sysdash-*.socket $(DESTDIR)$(UNITDIR)/sysdash-*.timer
	rm -rf $(DESTDIR)$(UNITDIR)/sysdash-fcgi@action.service.d
	rm -f $(DESTDIR)$(SYSCONFDIR)/nginx/conf.d/sysdash.conf $(DESTDIR)$(SYSCONFDIR)/logrotate.d/sysdash
	@echo "uninstall: kept $(DESTDIR)$(SYSCONFDIR)/sysdash and the data in $(DESTDIR)$(STATEDIR)"

# sysdash_$(VERSION)_amd64.deb from `make install PREFIX=/usr` (scripts/mkdeb)
DEBROOT = $(B)/deb/root
deb: all
	rm -rf $(B)/deb
	# the server package: no desktop window (it would pull in GTK 4)
	$(MAKE) --no-print-directory install PREFIX=/usr DESTDIR=$(abspath $(DEBROOT)) HAVE_GTK=no
	scripts/mkdeb $(VERSION) $(DEBROOT) $(B)

# Every C file of ours, in the style of .clang-format: `make format`
# rewrites them, `make format-check` (part of `make test`) fails on any
# difference and names the lines. The style is clang-format 14's (Debian
# 12); other versions break some lines differently, so 14 is preferred when
# installed beside another.
CLANG_FORMAT ?= $(or $(shell command -v clang-format-14 2>/dev/null),clang-format)
FMT_SRC = $(sort $(wildcard lib/*.[ch] cgi/*.[ch] sampler/*.[ch] \
            desktop/*.[ch] win/*.[ch] bench/*.[ch] tests/*/*.[ch] \
            tests/*/*/*.[ch]))
format:
	$(CLANG_FORMAT) -i $(FMT_SRC)

format-check:
	$(CLANG_FORMAT) --dry-run -Werror $(FMT_SRC)

clean:
	rm -rf $(B)

.PHONY: all www deps deps-test run unit unit-asan fuzz fuzz-build test node-tests check install uninstall deb format format-check clean
.SECONDARY:

include win/windows.mk

-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)
