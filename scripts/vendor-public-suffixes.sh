#!/usr/bin/env bash
# Vendors the Public Suffix List (MPL-2.0) into src/Isop.Crawling/Domains, embedded in Isop.Crawling.
# The newest copy the registries Isop builds from carry is inside the npm package tldts (its rules with their ICANN
# or PRIVATE section, as a trie); this script writes them back out in the list's own format, with the MPL-2.0 text
# and where they came from. Re-run with a newer TLDTS version; commit the result.
set -euo pipefail
TLDTS=7.6.0
here="$(cd "$(dirname "$0")/.." && pwd)"
out="$here/src/Isop.Crawling/Domains"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "tldts@$TLDTS" >/dev/null
tar -xzf "tldts-$TLDTS.tgz"
published="$(npm view "tldts@$TLDTS" "time[$TLDTS]")"
# The trie module is data only (typed arrays and strings); it is run as plain JavaScript to read them.
sed -e 's/export const /exports./' -e 's#/\*\#__PURE__\*/##g' package/src/data/trie.ts > trie.js
node - "$out/public_suffix_list.dat" "$TLDTS" "$published" <<'JS'
const fs = require('fs');
const [file, version, published] = process.argv.slice(2);
const t = require('./trie.js');
const rules = { 1: [], 2: [] };
let offset = 0;
const labelOf = [];
for (let node = 0; node + 1 < t.edgeStart.length; node++)
  for (let edge = t.edgeStart[node]; edge < t.edgeStart[node + 1]; edge++) {
    labelOf[edge] = t.labelText.slice(offset, offset + t.edgeLength[edge]);
    offset += t.edgeLength[edge];
  }
function walk(node, labels, prefix) {
  const flag = t.nodeFlags[node];
  if (labels.length > 0 && flag) (rules[flag] ?? (() => { throw new Error('unknown section flag ' + flag); })()).push(prefix + [...labels].reverse().join('.'));
  for (let edge = t.edgeStart[node]; edge < t.edgeStart[node + 1]; edge++) walk(t.edgeChild[edge], [...labels, labelOf[edge]], prefix);
}
walk(t.rulesRoot, [], '');
walk(t.exceptionsRoot, [], '!');
// tldts adds the punycode spelling of each internationalised rule; the list itself has only the Unicode one.
const url = require('url');
for (const flag of [1, 2]) {
  const all = new Set(rules[flag]);
  rules[flag] = rules[flag].filter(r => !r.includes('xn--') || !all.has(url.domainToUnicode(r.replace(/^[!*]\./, '').replace(/^!/, '')) ) || url.domainToUnicode(r) === r);
}
const key = r => r.replace(/^[!*]\./, '').replace(/^!/, '').split('.').reverse().join('.') + (r.startsWith('!') ? '~' : '');
const section = (name, list) => [`// ===BEGIN ${name} DOMAINS===`, ...list.sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0), `// ===END ${name} DOMAINS===`, ''];
const header = [
  '// This Source Code Form is subject to the terms of the Mozilla Public',
  '// License, v. 2.0. If a copy of the MPL was not distributed with this',
  '// file, You can obtain one at https://mozilla.org/MPL/2.0/.',
  '',
  '// The Public Suffix List (https://publicsuffix.org/), rules only, in its sections.',
  `// Source: the npm package tldts ${version}, published ${published}, which carries the list's rules and sections;`,
  '// written out by scripts/vendor-public-suffixes.sh. The list\'s comments are not carried.',
  '',
];
fs.writeFileSync(file, [...header, ...section('ICANN', rules[1]), ...section('PRIVATE', rules[2])].join('\n'));
console.log(`${rules[1].length} ICANN and ${rules[2].length} PRIVATE rules from tldts ${version} (${published})`);
JS
# The list's licence text, as Debian ships it (base-files).
[ -f /usr/share/common-licenses/MPL-2.0 ] || { echo "needs /usr/share/common-licenses/MPL-2.0 (Debian's base-files) for the list's licence text" >&2; exit 1; }
cp /usr/share/common-licenses/MPL-2.0 "$out/LICENSE-MPL-2.0.txt"
echo "Public Suffix List vendored into $out"
