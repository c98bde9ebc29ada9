#!/usr/bin/env bash
# Re-fetches the bundled Apache ECharts from the npm registry and checks it (see VENDOR.md).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
version=5.6.0
integrity='sha512-oTbVTsXfKuEhxftHqL5xprgLoc0k7uScAwtryCgWF6hPYFLRwOUHiFmHGCBKP5NPFNkDVopOieyUqYGH8Fa3kA=='
sha256=bf4a223524e40b77c304bec67e1222cf551f14880cf42c69dc046558e11c07b1
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "echarts@$version" >/dev/null)
tarball="$work/echarts-$version.tgz"
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
[ "$actual" = "$integrity" ] || { echo "echarts@$version: integrity $actual, expected $integrity" >&2; exit 1; }
tar xzf "$tarball" -C "$work"
echo "$sha256  $work/package/dist/echarts.min.js" | sha256sum -c --quiet
cp "$work/package/dist/echarts.min.js" "$here/echarts.min.js"
cp "$work/package/LICENSE" "$here/echarts-LICENSE.txt"
cp "$work/package/NOTICE" "$here/echarts-NOTICE.txt"
echo "echarts $version: checked and copied to $here"
