#!/bin/bash
# The install's size and cost for each git revision given (default: HEAD), each in a throwaway
# virtual environment under a temporary folder: packages (less pip, setuptools, briefgen), MB of
# site-packages, and pip's CPU and wall seconds.
#   bash bench/install_size.sh d19b512 HEAD
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/briefgen-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
printf '| revision | packages | site-packages MB | install CPU s | install wall s |\n| --- | ---: | ---: | ---: | ---: |\n'
for rev in "${@:-HEAD}"; do
    src="$work/src-$rev" venv="$work/venv-$rev"
    mkdir -p "$src" && git -C "$repo" archive "$rev" | tar -x -C "$src"
    python -m venv "$venv"
    start=$(date +%s.%N)
    /usr/bin/time -f "%U %S" -o "$work/time" "$venv/bin/pip" install -q "$src" > "$work/log" 2>&1
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    cpu=$(awk '{print $1 + $2}' "$work/time")
    site=$("$venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    packages=$("$venv/bin/pip" list --format=freeze 2>/dev/null | grep -cv '^pip=\|^setuptools=\|^briefgen=')
    printf '| %s | %s | %s | %.1f | %.0f |\n' "$rev" "$packages" "$(du -sm "$site" | cut -f1)" "$cpu" "$wall"
done
