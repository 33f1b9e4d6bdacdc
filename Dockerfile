# sysdash in a container: nginx + FastCGI programs + sampler, started by the
# same scripts/serve as `make run`. Render and similar hosts set PORT.
#   docker build -t sysdash .
#   docker run -p 8000:8000 -v sysdash-data:/data sysdash
# To watch the host instead of the container, mount its /proc and root:
#   docker run -v /proc:/host/proc:ro -v /:/host/root:ro \
#     -e SYSDASH_PROC_ROOT=/host/proc -e SYSDASH_DISK_PATH=/host/root ...

FROM debian:12-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      build-essential pkg-config libjson-c-dev libfcgi-dev libcurl4-openssl-dev \
      nodejs npm ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
RUN make all && make install PREFIX=/usr/local DESTDIR=/out

FROM debian:12-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      nginx-light spawn-fcgi multiwatch libfcgi0ldbl libjson-c5 libcurl4 \
      ca-certificates iproute2 procps \
 && dpkg --compare-versions "$(dpkg-query -W -f='${Version}' libfcgi0ldbl)" ge 2.4.2-2+deb12u1 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/local /usr/local
ENV HOST=0.0.0.0 \
    PORT=8000 \
    SYSDASH_DATA_DIR=/data
VOLUME /data
EXPOSE 8000
STOPSIGNAL SIGTERM
CMD ["/usr/local/lib/sysdash/serve"]
