#!/bin/sh
# mandoc -Tlint of the man pages, style notes included, with every .Xr
# checked against the pages installed on this machine: they are copied, with
# ours, into a scratch manual tree that makewhatis indexes (the system's own
# database is neither used nor changed). Prints each note and exits 1.
set -u
cd "$(dirname "$0")/../.." || exit 1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for page in "$@"; do
	sec=${page##*.}
	mkdir -p "$tmp/man$sec"
	cp "$page" "$tmp/man$sec/"
done
sed -n 's/^\.Xr \([^ ]*\) \([0-9]\).*/\1 \2/p' "$@" | sort -u |
while read -r name sec; do
	[ -e "$tmp/man$sec/$name.$sec" ] && continue
	for f in /usr/share/man/man$sec/"$name.$sec".gz \
	    /usr/share/man/man$sec/"$name.$sec"; do
		[ -e "$f" ] || continue
		mkdir -p "$tmp/man$sec"
		cp -L "$f" "$tmp/man$sec/"
		break
	done
done
makewhatis "$tmp" || exit 1
MANPATH=$tmp mandoc -Tlint -Wstyle "$@" > "$tmp/out" 2>&1
status=$?
cat "$tmp/out"
if [ "$status" -ne 0 ] || [ -s "$tmp/out" ]; then
	exit 1
fi
echo "lint: man pages: $# clean (mandoc -Tlint -Wstyle)"
