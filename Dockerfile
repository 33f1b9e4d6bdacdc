# sysdash in a container (Render, or any Docker host): nginx, the FastCGI
# programs and the sampler, started by the same serve as `make run`, all as
# the unprivileged user sysdash (uid 10001), under tini as PID 1.
#   docker build -t sysdash .
#   docker run -p 8000:8000 -v sysdash-data:/data sysdash
# README.md ("Run with Docker", "Deploy on Render") has the rest: watching
# the host, environment, the proxy in front.

# ---- build: compilers, -dev packages and npm stay in this stage --------------
FROM debian:12-slim AS build
# A base image whose NODE_EXTRA_CA_CERTS names a bundle of its own (a registry
# reached through a TLS-inspecting proxy) keeps it: installing ca-certificates
# below rebuilds /etc/ssl/certs/ca-certificates.crt without it.
RUN if [ -f "${NODE_EXTRA_CA_CERTS:-}" ]; then cp "$NODE_EXTRA_CA_CERTS" /root/extra-ca.crt; fi \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential pkg-config libjson-c-dev libfcgi-dev libcurl4-openssl-dev zlib1g-dev \
      gettext nodejs npm ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# uPlot for the pages: its own layer, cached until the lock file changes
COPY package.json package-lock.json ./
RUN if [ -f /root/extra-ca.crt ]; then export NODE_EXTRA_CA_CERTS=/root/extra-ca.crt; fi \
 && npm ci --omit=dev --no-audit --no-fund
COPY . .
# the same install as the .deb: binaries, FastCGI programs, serve, pages
# (no GTK here, so no desktop window; its message catalogs go too)
RUN make -j"$(nproc)" all && make install PREFIX=/usr DESTDIR=/out \
 && rm -rf /out/usr/share/locale

# ---- runtime: only what runs ---------------------------------------------------
FROM debian:12-slim
# nginx (not nginx-light: in bookworm that is nginx plus an echo module);
# libfcgi0ldbl must have the CVE-2025-23016 fix (2.4.2-2+deb12u1).
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      nginx spawn-fcgi multiwatch tini libfcgi0ldbl libjson-c5 libcurl4 \
      ca-certificates \
 && dpkg --compare-versions "$(dpkg-query -W -f='${Version}' libfcgi0ldbl)" ge 2.4.2-2+deb12u1 \
 && rm -rf /var/lib/apt/lists/* /var/log/apt /var/log/dpkg.log /var/log/alternatives.log \
      /var/cache/debconf/*-old /var/www/html /etc/nginx/sites-enabled/default \
 && useradd --system --uid 10001 --user-group --home-dir /nonexistent \
      --no-create-home --shell /usr/sbin/nologin sysdash \
 && install -d -o sysdash -g sysdash -m 0750 /data
# /usr only: what the .deb puts in /etc and /var (systemd's environment
# file, the nginx drop-in) is for a host, not for this container
COPY --from=build /out/usr/ /usr/

ENV HOST=0.0.0.0 \
    PORT=8000 \
    SYSDASH_DATA_DIR=/data
VOLUME /data
EXPOSE 8000
USER sysdash:sysdash
WORKDIR /data
# /api/stats answering 200, with bash's /dev/tcp: no curl in the image.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/\"${PORT:-8000}\" && printf 'GET /api/stats HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r -t 2 proto code rest <&3 && [ \"$code\" = 200 ]"]
# tini reaps and forwards signals; serve stops everything on SIGTERM and
# exits 143, which -e 143 turns into 0: `docker stop` is a clean exit. Any
# process of the stack dying makes serve exit 1, and the container with it.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/bin/tini", "-e", "143", "--"]
CMD ["/usr/lib/sysdash/serve"]
