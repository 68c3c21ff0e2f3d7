#!/usr/bin/env bash
# Renders the README's screenshot of the real window with the example
# stories: tests/dev screenshot [OUT.png] [WIDTHxHEIGHT] [light|dark]
# Needs a display (tests/dev runs it under xvfb-run) and ImageMagick.
set -euo pipefail

build=$1
out=${2:-$(dirname "$0")/../data/screenshots/window.png}
size=${3:-1180x760}
scheme=${4:-light}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_CACHE_HOME="$tmp/cache"
export GSETTINGS_SCHEMA_DIR="$build/data" GSETTINGS_BACKEND=keyfile NO_AT_BRIDGE=1 GTK_A11Y=none
[ "$scheme" = dark ] && export ADW_DEBUG_COLOR_SCHEME=prefer-dark

"$build/src/storybank" --import="$(dirname "$0")/data/think-big.md" >/dev/null
gsettings set io.github.storybank.Storybank window-width "${size%x*}"
gsettings set io.github.storybank.Storybank window-height "${size#*x}"
gsettings set io.github.storybank.Storybank last-principle think-big
story=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["stories"][0]["id"])' "$XDG_DATA_HOME/storybank/stories.json")
gsettings set io.github.storybank.Storybank last-story "$story"

"$build/src/storybank" &
pid=$!
sleep "${STORYBANK_SHOT_DELAY:-4}"
mkdir -p "$(dirname "$out")"
import -window root -crop "$size+0+0" +repage "$out"
kill "$pid"
wait "$pid" 2>/dev/null || true
echo "$out"
