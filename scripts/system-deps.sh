#!/usr/bin/env bash
# Install the Debian packages chenbao needs when they are missing and this machine lets
# us (root with apt-get); otherwise print what to install. Never fails the build for
# fonts on a machine where we cannot install: the message says what is missing.
set -u
packages=()
fc-list 2>/dev/null | grep -q "Noto Serif CJK SC" || packages+=(fonts-noto-cjk)
command -v fc-list >/dev/null 2>&1 || packages+=(fontconfig)
command -v ffmpeg >/dev/null 2>&1 || packages+=(ffmpeg)  # readers' videos: checked, remuxed without metadata
# deploy/: nginx in front of gunicorn (tests/site/test_deploy.py), wrk for bench/bench_read.py
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
command -v wrk >/dev/null 2>&1 || packages+=(wrk)
if [ "${CHENBAO_BROWSER_TESTS:-1}" != "0" ]; then
  command -v chromium >/dev/null 2>&1 || packages+=(chromium)
  command -v zbarimg >/dev/null 2>&1 || packages+=(zbar-tools)  # the tests scan QR codes
  command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)  # rate limits on Redis
fi
[ ${#packages[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null \
    && exit 0
  echo "could not install ${packages[*]} with apt-get" >&2
  exit 1
fi
echo "chenbao needs these Debian packages: ${packages[*]}"
echo "install them with:  sudo apt-get install ${packages[*]}"
exit 0
