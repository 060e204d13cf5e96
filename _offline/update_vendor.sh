#!/bin/sh
# Re-vendor the JavaScript the static book needs so it works with no internet.
# Needs node/npm once (the npm registry); the resulting files are committed, so a
# normal `make book` never needs npm or a network.
#
#   sh _offline/update_vendor.sh            # fetch the pinned versions below
#   HTML_MANAGER=1.0.16 sh _offline/update_vendor.sh   # bump one
#
# Then rebuild the book and run `pytest tests/test_book.py`.
set -eu
HTML_MANAGER=${HTML_MANAGER:-1.0.15}
REQUIREJS=${REQUIREJS:-2.3.8}

here=$(cd "$(dirname "$0")" && pwd)
dest="$here/static/offline"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
npm pack --silent "@jupyter-widgets/html-manager@$HTML_MANAGER" "requirejs@$REQUIREJS" >/dev/null
mkdir hm rq
tar xzf jupyter-widgets-html-manager-*.tgz -C hm
tar xzf requirejs-*.tgz -C rq

rm -rf "$dest/html-manager" "$dest/require.js"
mkdir -p "$dest/html-manager/dist"
cp rq/package/require.js "$dest/require.js"
# embed-amd.js holds every module (base, controls, output, html-manager, libembed-amd);
# libembed-amd.js, embed.js and the source maps are not needed.
cp hm/package/dist/embed-amd.js "$dest/html-manager/dist/"
cp hm/package/dist/embed.js.LICENSE.txt "$dest/html-manager/dist/THIRD-PARTY-LICENSES.txt"
# Font Awesome 5 (solid, regular, brands) used by widget icons. Browsers take the
# first format they support in the @font-face list, and every current browser
# supports woff2; the .woff, .eot, .ttf and .svg variants (about 2.9 MB) only serve
# browsers from before 2016.
for f in hm/package/dist/*.woff2; do
    cp "$f" "$dest/html-manager/dist/"
done
cat > "$dest/VERSIONS.txt" <<TXT
@jupyter-widgets/html-manager $HTML_MANAGER (BSD-3-Clause, Jupyter Project; bundles Font Awesome Free 5, fonts SIL OFL 1.1)
requirejs $REQUIREJS (MIT, jQuery Foundation and other contributors)
TXT
(cd "$dest" && find . -type f ! -name SHA256SUMS ! -name widgets-config.js | LC_ALL=C sort | xargs sha256sum > SHA256SUMS)
du -sh "$dest"
