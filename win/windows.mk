# windows.mk: the Windows build (`make windows`, `make windows-zip`,
# `make windows-unit`), included by the Makefile. Cross-compiled with
# Debian's mingw-w64 into $(WB), statically linked (no DLL beside the .exe);
# json-c and cmocka come from Debian's source packages, built by
# scripts/win-deps (two minutes) into a cache folder outside the tree,
# named after the script's own checksum: a clean clone reuses it, and any
# change to the script (versions, checksums, flags) builds a new one.
# WIN_DEPS=DIR puts them elsewhere. Not part of plain `make`.
WB      = $(B)/win
WHOST   = x86_64-w64-mingw32
WCC     = $(WHOST)-gcc
WINDRES = $(WHOST)-windres
WIN_DEPS_KEY := $(shell sha256sum scripts/win-deps 2>/dev/null | cut -c1-16)
WIN_DEPS ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/sysdash/win-deps-$(WIN_DEPS_KEY)
WDEPS   = $(WIN_DEPS)/prefix
W_CPPFLAGS = -DSYSDASH_VERSION='"$(VERSION)"' -D_WIN32_WINNT=0x0A00 \
             -D__USE_MINGW_ANSI_STDIO=1 -D_POSIX_THREAD_SAFE_FUNCTIONS=200112L \
             -DUNICODE -D_UNICODE \
             -I$(WDEPS)/include/json-c -I$(WDEPS)/include
# by source folder, as INC in the Makefile: lib/ sees only its own headers
# (put first: before the deps' headers, as they always were)
W_INC_lib   = -Ilib
W_INC_win   = -Ilib -Iwin
W_INC = $(W_INC_$(firstword $(subst /, ,$*)))
W_CFLAGS = -std=c17 -Wall -Wextra -Werror -Wshadow -Wformat=2 -O2 -MMD -MP
W_LDFLAGS = -static -municode -Wl,--gc-sections
W_LIBS  = $(WDEPS)/lib/libjson-c.a -lshell32 -lole32 -luuid
# lib/ files that are plain C (the Linux parsers among them: their unit
# tests run under Wine too), plus the win_*.c readers and helpers
W_LIB_SRC = lib/util.c lib/csv.c lib/health.c lib/json.c lib/view.c \
            lib/catalog.c lib/config.c lib/cpu.c lib/uptime.c lib/zip.c \
            lib/metrics_common.c lib/export_json.c lib/actions_common.c \
            lib/cliopts.c lib/state_text.c \
            $(wildcard lib/win_*.c)
W_LIB_OBJ = $(W_LIB_SRC:%.c=$(WB)/%.o)
W_STAMP = $(WIN_DEPS)/.built
W_EXE   = $(WB)/sysdash.exe $(WB)/sysdash-desktop.exe

windows: $(W_EXE)

$(W_STAMP):
	@mkdir -p $(WIN_DEPS)
	scripts/win-deps $(WIN_DEPS)
	touch $@

$(WB)/%.o: %.c $(W_STAMP)
	@mkdir -p $(@D)
	$(WCC) $(W_INC) $(W_CPPFLAGS) $(W_CFLAGS) -c -o $@ $<

$(WB)/libsysdash.a: $(W_LIB_OBJ)
	rm -f $@ && $(WHOST)-ar rcs $@ $^

$(WB)/sysdash.exe: $(WB)/win/cli.o $(WB)/libsysdash.a
	$(WCC) $(W_CFLAGS) $(W_LDFLAGS) -o $@ $^ $(W_LIBS)

# the window's resources: manifest (DPI awareness, common controls 6) and
# the .mo catalogs as RCDATA "MO_FR"... (one .exe, no files beside it)
$(WB)/desktop.rc: win/sysdash.manifest $(MO) win/windows.mk
	@mkdir -p $(@D)
	printf '1 24 "%s"\n' "$(abspath win/sysdash.manifest)" > $@
	for l in $(PO_LANGS); do printf 'MO_%s RCDATA "%s"\n' \
	  "$$(echo $$l | tr a-z A-Z)" "$(abspath $(B))/locale/$$l/LC_MESSAGES/sysdash.mo" >> $@; done

$(WB)/desktop-res.o: $(WB)/desktop.rc
	$(WINDRES) -O coff -o $@ $<

$(WB)/sysdash-desktop.exe: $(WB)/win/desktop.o $(WB)/desktop-res.o $(WB)/libsysdash.a
	$(WCC) $(W_CFLAGS) $(W_LDFLAGS) -mwindows -o $@ $^ $(W_LIBS) -lgdi32 -lcomctl32 -ladvapi32

.PHONY: windows windows-zip windows-unit

# The unit tests of lib/ that touch no platform, as .exe files run under
# Wine by tests/windows/windows.test.mjs (cmocka built by scripts/win-deps).
W_UNITS = csv health json uptime zip state_text
W_UNIT_EXE = $(W_UNITS:%=$(WB)/tests/%_test.exe)

windows-unit: $(W_UNIT_EXE) $(MO)

$(WB)/tests/%_test.exe: tests/unit/%_test.c $(WB)/libsysdash.a $(W_STAMP)
	@mkdir -p $(@D)
	$(WCC) -Ilib $(W_CPPFLAGS) -D_GNU_SOURCE -Itests/unit \
	  -Itests/windows/compat \
	  -include tests/windows/compat/posix.h $(W_CFLAGS) \
	  -Wno-format -Wno-format-extra-args -o $@ $< $(WB)/libsysdash.a $(W_LIBS) \
	  $(WDEPS)/lib/libcmocka-static.a -static

# the action tests' stand-in for ipconfig.exe (SYSDASH_ACTION_TEST_EXEC)
$(WB)/tests/argv_log.exe: tests/windows/argv_log.c
	@mkdir -p $(@D)
	$(WCC) $(W_CFLAGS) -static -o $@ $<

windows-unit: $(WB)/tests/argv_log.exe

# The release archive: both .exe, README-windows.txt (CRLF, for Notepad)
# and the licence.
W_ZIP = dist/sysdash-$(VERSION)-windows-x64.zip
windows-zip: $(W_ZIP)

$(W_ZIP): $(W_EXE) win/README-windows.txt LICENSE
	rm -rf $(WB)/zip && mkdir -p $(WB)/zip dist
	cp $(W_EXE) LICENSE $(WB)/zip/
	sed 's/@VERSION@/$(VERSION)/; s/$$/\r/' win/README-windows.txt > $(WB)/zip/README-windows.txt
	rm -f $@ && cd $(WB)/zip && zip -q -X -9 $(abspath $@) *
