#!/usr/bin/env bash
# Vendors the front-end assets into src/Isop/wwwroot/lib, so that `dotnet run` needs no npm.
# Re-run after changing a version below; commit the result.
set -euo pipefail
BOOTSTRAP=5.3.8
CHARTJS=4.5.1
CYTOSCAPE=3.35.0
here="$(cd "$(dirname "$0")/.." && pwd)"
lib="$here/src/Isop/wwwroot/lib"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "bootstrap@$BOOTSTRAP" "chart.js@$CHARTJS" "cytoscape@$CYTOSCAPE" >/dev/null
mkdir bootstrap chartjs cytoscape
tar -xzf "bootstrap-$BOOTSTRAP.tgz" -C bootstrap
tar -xzf "chart.js-$CHARTJS.tgz" -C chartjs
tar -xzf "cytoscape-$CYTOSCAPE.tgz" -C cytoscape
rm -rf "$lib/bootstrap" "$lib/chart.js" "$lib/cytoscape"
mkdir -p "$lib/bootstrap/css" "$lib/bootstrap/js" "$lib/chart.js" "$lib/cytoscape"
cp bootstrap/package/dist/css/bootstrap.min.css "$lib/bootstrap/css/"
cp bootstrap/package/dist/js/bootstrap.bundle.min.js "$lib/bootstrap/js/"
cp bootstrap/package/LICENSE "$lib/bootstrap/LICENSE"
cp chartjs/package/dist/chart.umd.min.js "$lib/chart.js/"
cp chartjs/package/LICENSE.md "$lib/chart.js/LICENSE.md"
cp cytoscape/package/dist/cytoscape.min.js "$lib/cytoscape/"
cp cytoscape/package/LICENSE "$lib/cytoscape/LICENSE"
echo "bootstrap $BOOTSTRAP, chart.js $CHARTJS and cytoscape $CYTOSCAPE vendored into $lib"
