#!/usr/bin/env bash
# Installs every Debian 12 package nianbao needs (only the missing ones, with
# one apt-get update) and builds it into build/. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  cmake g++ make pkg-config
  libpoppler-cpp-dev libopencv-dev libicu-dev libssl-dev
  nlohmann-json3-dev libcli11-dev libxlsxwriter-dev libsqlite3-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev
  libtesseract-dev libleptonica-dev tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng tesseract-ocr-osd
  unzip
  poppler-utils python3 python3-numpy python3-opencv python3-pil img2pdf
  chromium qpdf fonts-noto-cjk fonts-arphic-uming fonts-wqy-zenhei
  nodejs
)
# npm comes with some builds of nodejs (NodeSource); Debian's is its own package.
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

# playwright-core for the review page's browser test (tests/e2e); it drives
# Debian's chromium and downloads no browser of its own.
if [ ! -d tests/e2e/node_modules/playwright-core ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules ]; then
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund)
fi

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
