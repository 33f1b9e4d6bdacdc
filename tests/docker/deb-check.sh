#!/bin/bash
# deb-check.sh: runs inside a pristine debian:12-slim container (as root,
# --network host; systemd is not PID 1 there) with the .deb in /deb and
# PORT set: installs it with apt-get, checks user, folders and modes, puts
# the drop-in into Debian's default nginx site with the README's own line,
# starts the programs as the units would (serve as root: workers and sampler
# as sysdash, sockets in /run/sysdash) under the system nginx, asks
# /sysdash/api/stats, then remove (data kept) and purge (data gone).
# Prints "ok <what>" per check, "FAIL <what>" and exits 1 on the first miss,
# and "measure <name> <value>" lines.
set -eu
fail() { echo "FAIL $*"; exit 1; }
ok() { echo "ok $*"; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else fail "$what"; fi; }
mode_of() { stat -c '%a %U %G' "$1"; }

export DEBIAN_FRONTEND=noninteractive
deb=$(ls /deb/sysdash_*.deb)
echo "measure deb_bytes $(stat -c %s "$deb")"
t0=$(date +%s.%N)
apt-get update -qq
# curl is the test's own client, not a dependency of sysdash
apt-get install -y -qq "$deb" curl >/tmp/apt.log 2>&1 || { tail -n 30 /tmp/apt.log; fail "apt-get install ./sysdash.deb"; }
echo "measure apt_install_seconds $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
echo "measure installed_size_kib $(dpkg-query -W -f='${Installed-Size}' sysdash)"
echo "measure installed_du_kib $(dpkg -L sysdash | while read -r f; do [ -f "$f" ] && [ ! -L "$f" ] && echo "$f"; done | xargs du -ck | tail -n1 | cut -f1)"

check "user sysdash is a system user with no login" \
	sh -c 'u=$(getent passwd sysdash) && [ "$(echo "$u" | cut -d: -f3)" -lt 1000 ] && case $(echo "$u" | cut -d: -f7) in */nologin|*/false) ;; *) exit 1;; esac'
check "/var/lib/sysdash 750 sysdash sysdash" [ "$(mode_of /var/lib/sysdash)" = "750 sysdash sysdash" ]
check "/etc/sysdash/sysdash.env 640 root root" [ "$(mode_of /etc/sysdash/sysdash.env)" = "640 root root" ]
check "sysdash.env names every contract variable" sh -c 'for v in PORT HOST SYSDASH_DATA_DIR SYSDASH_CSV SYSDASH_JSONL SYSDASH_INTERVAL CPU_ALERT RAM_ALERT ACTION_TOKEN WEBHOOK_URL WEBHOOK_MIN_SECONDS WEBHOOK_FORMAT SYSDASH_LANG SYSDASH_PROC_ROOT SYSDASH_DISK_PATH; do grep -q "^#$v=" /etc/sysdash/sysdash.env || { echo "missing $v"; exit 1; }; done'
check "conffiles are the files under /etc" sh -c 'dpkg-query -W -f="\${Conffiles}\n" sysdash | grep -q "/etc/sysdash/sysdash.env" && dpkg-query -W -f="\${Conffiles}\n" sysdash | grep -q /etc/nginx/conf.d/sysdash.conf'
for f in /usr/bin/sysdash /usr/bin/sysdash-sampler /usr/bin/sysdash-notify /usr/lib/sysdash/serve \
	/usr/lib/sysdash/stats.fcgi /usr/lib/sysdash/status.fcgi /usr/lib/sysdash/history.fcgi /usr/lib/sysdash/action.fcgi; do
	check "$f 755 root" [ "$(mode_of "$f")" = "755 root root" ]
done
for f in /usr/share/sysdash/www/index.html /usr/share/sysdash/nginx/sysdash-locations.conf \
	/lib/systemd/system/sysdash-sampler.service /lib/systemd/system/sysdash-fcgi@.socket \
	/usr/lib/tmpfiles.d/sysdash.conf /usr/share/sysdash/cron.d/sysdash; do
	check "$f 644" [ "$(stat -c %a "$f")" = 644 ]
done
check "systemd units enabled for the next boot" sh -c '! command -v systemctl >/dev/null || [ -e /etc/systemd/system/multi-user.target.wants/sysdash-sampler.service ]'

# the drop-in, by the README's line, in Debian's default site (on PORT)
sed -i "s/listen 80 default_server;/listen 127.0.0.1:$PORT default_server;/; /listen \[::\]:80/d" /etc/nginx/sites-available/default
readme_line=$(grep -m1 "^    sed -i '0,/\^\\\\s\*server_name" /src/README.md | sed 's/^    //')
[ -n "$readme_line" ] || fail "README's drop-in sed line not found"
eval "$readme_line"
check "the drop-in is inside the default server" grep -q 'include /usr/share/sysdash/nginx/sysdash-locations.conf;' /etc/nginx/sites-available/default
nginx -t 2>/tmp/nginx-t.log || { cat /tmp/nginx-t.log; fail "nginx -t with the drop-in"; }
ok "nginx -t with the drop-in in a plain server {}"

# the programs as the units run them: sysdash user, sockets in /run/sysdash
install -d -o sysdash -g www-data -m 0750 /run/sysdash
SYSDASH_RUN_DIR=/run/sysdash SYSDASH_NGINX=0 SYSDASH_DATA_DIR=/var/lib/sysdash SYSDASH_INTERVAL=0.2 \
	/usr/lib/sysdash/serve >/tmp/serve.log 2>&1 &
serve=$!
for _ in $(seq 100); do [ -S /run/sysdash/stats.sock ] && break; sleep 0.1; done
check "socket /run/sysdash/stats.sock 660 sysdash www-data" [ "$(mode_of /run/sysdash/stats.sock)" = "660 sysdash www-data" ]
# serve as root leaves others only the x bit (the service user passes to its
# token folder); nobody but nginx's group lists it or opens a socket
check "/run/sysdash 750/751, group www-data" sh -c 'case "$(stat -c "%a %G" /run/sysdash)" in "750 www-data"|"751 www-data") ;; *) exit 1;; esac'
nginx
body=""
for _ in $(seq 100); do
	body=$(curl -fsS "http://127.0.0.1:$PORT/sysdash/api/stats" 2>/dev/null) && break
	sleep 0.1
done
case $body in *'"cpu_percent"'*) ok "/sysdash/api/stats answers: ${body:0:60}" ;; *) cat /tmp/serve.log; fail "/sysdash/api/stats" ;; esac
check "/sysdash/ serves the page" sh -c "curl -fsS http://127.0.0.1:$PORT/sysdash/ | grep -qi '<html'"
sleep 1
check "/sysdash/api/history has rows from the sampler" sh -c "curl -fsS 'http://127.0.0.1:$PORT/sysdash/api/history?limit=5' | grep -q '\"count\":[1-9]'"
check "workers and sampler run as sysdash" sh -c 'n=0; for d in /proc/[0-9]*; do case $(tr "\0" " " <$d/cmdline 2>/dev/null) in /usr/lib/sysdash/stats.fcgi*|/usr/bin/sysdash-sampler*) [ "$(stat -c %U $d)" = sysdash ] || exit 1; n=$((n+1));; esac; done; [ $n -ge 2 ]'
check "metrics.csv belongs to sysdash" [ "$(stat -c %U /var/lib/sysdash/metrics.csv)" = sysdash ]
nginx -s stop
kill "$serve"; wait "$serve" || true

# remove keeps data and settings; purge deletes them
sed -i '/sysdash-locations.conf/d' /etc/nginx/sites-available/default
apt-get remove -y -qq sysdash >/dev/null 2>&1 || fail "apt-get remove"
check "remove keeps /var/lib/sysdash and its CSV" [ -f /var/lib/sysdash/metrics.csv ]
check "remove keeps /etc/sysdash/sysdash.env" [ -f /etc/sysdash/sysdash.env ]
check "remove deletes the programs" sh -c "[ ! -e /usr/bin/sysdash ] && [ ! -e /usr/lib/sysdash/stats.fcgi ]"
nginx -t 2>/dev/null || fail "nginx -t after remove (the kept conf.d file must stand alone)"
ok "nginx -t after remove"
apt-get purge -y -qq sysdash >/dev/null 2>&1 || fail "apt-get purge"
for p in /var/lib/sysdash /etc/sysdash /run/sysdash /usr/lib/sysdash /usr/share/sysdash /etc/nginx/conf.d/sysdash.conf /lib/systemd/system/sysdash-sampler.service; do
	check "purge deletes $p" [ ! -e "$p" ]
done
check "purge locks the sysdash account" sh -c 'passwd -S sysdash | grep -q " L "'
nginx -t 2>/dev/null || fail "nginx -t after purge"
ok "nginx -t after purge"
echo "ALL OK"
