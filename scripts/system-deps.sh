#!/usr/bin/env bash
# Installs the Debian packages the test suite needs: Chromium for the Playwright tests (never a
# downloaded browser), Noto CJK fonts so pages render Chinese, nginx (and openssl for a test
# certificate) for the front-server tests of tests/deploy, LibreOffice (Writer, no GUI) as the
# PDF engine of Word documents (gongkai.domain.render.pdf; fc-match of fontconfig, already in
# the image, checks its font aliases). Idempotent; quiet when present.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/sbin/nginx ] || need+=(nginx)
command -v openssl >/dev/null || need+=(openssl)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
# No pipe into grep -q here: with pipefail, fc-list's SIGPIPE would read as "missing".
fonts=$(fc-list 2>/dev/null || true)
[[ $fonts == *"Noto Sans CJK"* ]] || need+=(fonts-noto-cjk)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "需要安装系统软件包：${need[*]}（请以 root 运行：apt-get install ${need[*]}）" >&2
  exit 1
fi
echo "[*] 安装系统软件包：${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
