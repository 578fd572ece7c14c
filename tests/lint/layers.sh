#!/bin/sh
# The layers of lib/, checked on the objects and on #include lines, and
# against the README's list: sh layers.sh "NAME: FILE..." ...
# (lowest layer first; FILE is lib/FILE.o). An object may use what a lower
# layer defines, and what its own layer defines as long as no circle forms;
# never what a higher layer (or cmd/) defines. Every lib/*.c must be in a
# layer. Prints each fault and exits 1, or says how many objects it checked.
set -u
cd "$(dirname "$0")/../.." || exit 1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: > "$tmp/layer"
level=0
for spec in "$@"; do
	level=$((level + 1))
	name=${spec%%:*}
	for f in ${spec#*:}; do
		echo "lib/$f.o $level $name" >> "$tmp/layer"
	done
done
for o in cmd/*.o; do
	echo "$o 99 cmd" >> "$tmp/layer"
done

fail=0
for c in lib/*.c; do
	if ! grep -q "^${c%.c}.o " "$tmp/layer"; then
		echo "lint: $c is in no layer (add it to LAYERS in the Makefile)"
		fail=1
	fi
done

# symbol -> object that defines it; object -> symbols it needs
while read -r o _ _; do
	[ -f "$o" ] || { echo "lint: $o is not built (run make first)"; exit 1; }
	nm -g --defined-only "$o" | awk -v o="$o" 'NF == 3 { print $3, o }'
done < "$tmp/layer" | sort > "$tmp/defs"
while read -r o _ _; do
	nm -u "$o" | awk -v o="$o" '{ print $NF, o }'
done < "$tmp/layer" | sort > "$tmp/uses"

# user layer, definer layer, user, definer, symbol
join "$tmp/uses" "$tmp/defs" | awk -v lf="$tmp/layer" '
	BEGIN { while ((getline l < lf) > 0) { split(l, a, " "); lv[a[1]] = a[2]; nm[a[1]] = a[3] } }
	$2 != $3 { print lv[$2], lv[$3], $2, $3, $1, nm[$2], nm[$3] }' > "$tmp/edges"

awk '$1 < $2 { printf "lint: %s (layer %s) uses %s of %s (layer %s, higher)\n", $3, $6, $5, $4, $7 }' \
    "$tmp/edges" > "$tmp/up"
if [ -s "$tmp/up" ]; then
	cat "$tmp/up"
	fail=1
fi

# a circle inside a layer: tsort finds it
awk '$1 == $2 { print $3, $4 }' "$tmp/edges" | sort -u > "$tmp/same"
if ! tsort "$tmp/same" > /dev/null 2> "$tmp/loop"; then
	echo "lint: objects of one layer call each other in a circle:"
	grep -v 'input contains a loop' "$tmp/loop" | sed 's/^tsort: /  /'
	fail=1
fi

# #include lines: X.h stands in the layer of X.c; a header with no .c of
# its own, or that declares nothing X.c defines (types and macros), in the
# highest layer of what it includes. lib/ never includes cmd/.
types_only() {	# FILE: a header none of whose declarations X.o defines
	local o="lib/$(basename "${1%.*}").o" sym
	case $1 in *.h) ;; *) return 1 ;; esac
	for sym in $(nm -g --defined-only "$o" 2>/dev/null | awk '{ print $3 }'); do
		grep -q "[^a-z0-9_]$sym(" "$1" && return 1
	done
	return 0
}
layer_of() {	# FILE (lib/x.c or lib/x.h): its layer number
	local l h top=0
	l=$(awk -v o="lib/$(basename "${1%.*}").o" '$1 == o { print $2 }' "$tmp/layer")
	if [ -n "$l" ] && ! types_only "$1"; then
		echo "$l"
		return
	fi
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$1"); do
		[ -e "lib/$h" ] || continue
		l=$(layer_of "lib/$h")
		[ "$l" -gt "$top" ] && top=$l
	done
	echo "$top"
}
: > "$tmp/inc_same"
for f in lib/*.c lib/*.h; do
	from=$(layer_of "$f")
	for h in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		if [ ! -e "lib/$h" ]; then
			echo "lint: $f includes \"$h\", which is not in lib/"
			fail=1
			continue
		fi
		to=$(layer_of "lib/$h")
		if [ "$to" -gt "$from" ]; then
			echo "lint: $f (layer $from) includes $h (layer $to, higher)"
			fail=1
		elif [ "$to" -eq "$from" ] && [ "${f%.*}" != "lib/${h%.h}" ] &&
		    [ -e "lib/${h%.h}.c" ] && ! types_only "lib/$h"; then
			echo "lib/$(basename "${f%.*}").o lib/${h%.h}.o" >> "$tmp/inc_same"
		fi
	done
done
sort -u "$tmp/inc_same" > "$tmp/inc_edges"
if ! tsort "$tmp/inc_edges" > /dev/null 2> "$tmp/loop"; then
	echo "lint: files of one layer include each other in a circle:"
	grep -v 'input contains a loop' "$tmp/loop" | sed 's/^tsort: /  /'
	fail=1
fi

# every name an object of lib/ exports begins with its file's name
for o in lib/*.o; do
	b=$(basename "$o" .o)
	nm -g --defined-only "$o" | awk -v b="$b" -v o="$o" '
	    $2 ~ /[TDRB]/ && $3 != b && index($3, b "_") != 1 {
		printf "lint: %s exports %s, which does not begin with %s_\n", o, $3, b
	    }'
done > "$tmp/names"
if [ -s "$tmp/names" ]; then
	cat "$tmp/names"
	fail=1
fi

# the README lists the same layers, in the same order
awk '/^  [0-9]\. [a-z]+: /, /^- `tests\/`/' README.md |
    grep -o '^  [0-9]\. [a-z]*:\|`[a-z]*\.c`' | tr -d '`' |
    sed 's/^  [0-9]\. \([a-z]*\):/\1:/; s/\.c$//' | tr '\n' ' ' |
    sed 's/ \([a-z]*:\)/\n\1/g; s/ $//' > "$tmp/readme"
echo >> "$tmp/readme"
for spec in "$@"; do
	echo "$spec" | tr -s ' \t' ' '
done > "$tmp/make"
if ! cmp -s "$tmp/readme" "$tmp/make"; then
	echo "lint: the README's layers of lib/ differ from the Makefile's:"
	diff "$tmp/make" "$tmp/readme" | sed 's/^/  /'
	fail=1
fi

[ "$fail" -eq 0 ] || exit 1
echo "lint: layers: $(grep -c '^lib/' "$tmp/layer") objects of lib/ in $# layers, every call and #include goes down, every name begins with its file's; the README lists them"
