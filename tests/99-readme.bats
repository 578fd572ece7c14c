#!/usr/bin/env bats
# The README's examples run as shown.

load helpers


@test "the README's CI smoke run runs as shown" {
	# the command: from "$ grpsup" to the first line without a backslash
	awk '/^## CI smoke runs/ { on = 1 } on && /^    \$ grpsup/ { cmd = 1 }
	     cmd { sub(/^    (\$ )?/, ""); print; if (!/\\$/) exit }' \
		"$TOP/README.md" > cmd.sh
	# what it prints, without the lines with a time in them
	awk '/^## CI smoke runs/ { on = 1 } on && /^    \$ grpsup/ { cmd = 1; next }
	     cmd && /\\$/ { next } cmd && /^    [a-z]+ +\|/ { sub(/^    /, ""); print; seen = 1; next }
	     seen { exit }' "$TOP/README.md" | grep -v '^web ' > shown
	[ -s cmd.sh ] && [ "$(wc -l < shown)" -ge 5 ]
	# its port may be taken on this machine: another, free one
	port=$(free_port)
	sed -i "s/8000/$port/g" cmd.sh
	PATH="$TOP:$PATH" run -0 bash cmd.sh
	while IFS= read -r line; do
		assert_line "$line"
	done < shown
	run python3 -c 'import json; r = json.load(open("smoke.json")); print(r["status"], [p["ready"] is not None for p in r["programs"]])'
	assert_output '0 [True, True]'
}

@test "the README's Dockerfile and Pod YAML are the files make e2e runs, byte for byte" {
	# the indented blocks of the section, split where a block begins
	awk '/^## In a container/ { on = 1; next } on && /^## / { exit }
	     on && /^    / { sub(/^    /, ""); print > ("block" n); inblock = 1; next }
	     on && /^$/ && inblock { print > ("block" n); next }
	     on { if (inblock) n++; inblock = 0 }' n=0 "$TOP/README.md"
	# a block's trailing blank line is the paragraph's, not the file's
	for b in block*; do sed -i -e :a -e '/^\n*$/{$d;N;ba' -e '}' "$b"; done
	run cat block0
	assert_output "$(cat "$TOP/tests/e2e/Dockerfile")"
	run cat block1
	assert_output "$(cat "$TOP/tests/e2e/pod.yaml")"
}
