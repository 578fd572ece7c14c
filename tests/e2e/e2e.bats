#!/usr/bin/env bats
# grpsup under a real container engine: podman with runc, an image made from
# scratch (tests/e2e/image.sh), and a Kubernetes Pod through podman kube play.
# tests/e2e/run.sh builds the images and skips everything, saying why, where
# the engine cannot run a container.

load ../helpers
TOP=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)

IMAGE=localhost/grpsup-e2e:latest
NOSH=localhost/grpsup-e2e:nosh

setup_file() {
	# run.sh chose them: at or below this sandbox's hard limits
	local n=${E2E_NOFILE:-1024} u=${E2E_NPROC:-1000}
	export ULIMITS="--ulimit nofile=$n:$n --ulimit nproc=$u:$u"
	printf '[containers]\ndefault_ulimits = ["nofile=%s:%s", "nproc=%s:%s"]\n' \
		"$n" "$n" "$u" "$u" > "$BATS_FILE_TMPDIR/containers.conf"
	export CONTAINERS_CONF="$BATS_FILE_TMPDIR/containers.conf"
}

setup() {
	cd "$BATS_TEST_TMPDIR" || return 1
	NAME="grpsup-e2e-$BATS_SUITE_TEST_NUMBER-$$"
}

teardown() {
	podman --runtime runc rm -f -t 0 "$NAME" > /dev/null 2>&1 || true
}

# run_bg ARGS...: podman run -d as $NAME with this sandbox's rlimits.
run_bg() {
	# shellcheck disable=SC2086
	podman --runtime runc run -d --name "$NAME" $ULIMITS "$@" > /dev/null
}

logs_have() { podman logs "$NAME" 2>&1 | grep -qF -- "$1"; }
exit_code() { podman inspect --format '{{.State.ExitCode}}' "$1"; }

# seconds CMD...: run CMD, print how long it took in whole seconds.
seconds() {
	local t0=$SECONDS
	"$@" > /dev/null
	echo $((SECONDS - t0))
}

@test "as PID 1: podman stop -t 15 stops both programs gracefully; the container's status is grpsup's (143)" {
	run_bg "$IMAGE" /bin/grpsup -n a,b 'catch a' 'catch b'
	wait_for logs_have 'b: up'
	wait_for logs_have 'a: up'
	took=$(seconds podman --runtime runc stop -t 15 "$NAME")
	[ "$took" -lt 10 ]
	run podman logs "$NAME"
	assert_line 'a      | a: TERM'
	assert_line 'b      | b: TERM'
	assert_line 'grpsup | SIGTERM received: stopping the group'
	assert_line 'grpsup | exiting with status 143 (SIGTERM)'
	assert_equal "$(exit_code "$NAME")" 143
}

@test "as PID 1: orphans that a program leaves are reaped, no zombie stays" {
	run_bg "$IMAGE" /bin/grpsup 'sh -c "for i in 1 2 3 4 5; do (sleep 0.2 &); done; exec sleep 60"'
	# (grpsup's own command line holds the words: whole lines only)
	wait_for sh -c "podman exec $NAME ps -o args | grep -qx 'sleep 60'"
	# the five sleeps were re-parented to grpsup and have ended
	wait_for sh -c "! podman exec $NAME ps -o args | grep -qx 'sleep 0.2'"
	run podman exec "$NAME" ps -o pid,ppid,stat,args
	refute_output --regexp ' Z '
	assert_line --regexp '^ +1 +0 +S +/bin/grpsup'
}

@test "as PID 1: a program that ignores TERM is killed at grpsup's grace (2s), before the engine's (15s)" {
	run_bg "$IMAGE" /bin/grpsup -g 2s -n stubborn,b 'sh -c "trap \"\" TERM; echo ignoring; while :; do sleep 1; done"' 'catch b'
	wait_for logs_have 'ignoring'
	wait_for logs_have 'b: up'
	took=$(seconds podman --runtime runc stop -t 15 "$NAME")
	[ "$took" -lt 8 ]
	run podman logs "$NAME"
	assert_line --regexp '^grpsup +\| stubborn: .*after the 2s grace: sending SIGKILL$'
	assert_line --regexp '^grpsup +\|   stubborn: killed with SIGKILL after the 2s grace \(status 137'
	assert_equal "$(exit_code "$NAME")" 143
}

@test "podman kill -s HUP reaches the program that catches it and no other" {
	run_bg "$IMAGE" /bin/grpsup -v -n svc,plain 'catch svc' 'sleep 60'
	wait_for logs_have 'svc: up'
	podman --runtime runc kill -s HUP "$NAME" > /dev/null
	wait_for logs_have 'svc: HUP'
	run podman logs "$NAME"
	assert_line 'grpsup | svc: forwarded SIGHUP'
	assert_line 'grpsup | plain: not sent SIGHUP (it does not catch it)'
	# both still run: the reload stopped nothing
	assert_equal "$(podman inspect --format '{{.State.Status}}' "$NAME")" running
	run podman exec "$NAME" ps
	assert_output --partial 'sleep 60'
}

@test "an image without /bin/sh runs plain and quoted commands, and --check refuses a shell command there" {
	run podman --runtime runc run --rm $ULIMITS "$NOSH" /bin/grpsup -n e,s 'busybox echo "hello   world"' 'busybox sleep 0.2'
	assert_success
	assert_line 'e      | hello   world'
	run podman --runtime runc run --rm $ULIMITS "$NOSH" /bin/grpsup --check -n e 'busybox echo $HOME'
	assert_equal "$status" 125
	assert_output 'grpsup: e: /bin/sh: No such file or directory (the command needs a shell)'
}

# kube PATCH: the Pod of tests/e2e/pod.yaml, its worker's command replaced
# by PATCH (none: as it is), played; $POD is its container.
kube() {
	sed "s|\"catch worker\"|$1|" "$TOP/tests/e2e/pod.yaml" > pod.yaml
	podman --runtime runc kube play pod.yaml > /dev/null
	POD=grpsup-demo-app
}

kube_down() {
	podman --runtime runc kube down pod.yaml > /dev/null 2>&1 || true
}

@test "kube play: the worker starts once the web server answers (grpsup's probe); kube down stops the pod within grpsup's grace" {
	kube '"catch worker"'
	wait_for sh -c "podman logs $POD 2>&1 | grep -qF 'worker: up'"
	run podman logs "$POD"
	# in order: the server ready, then the worker started
	[ "$(grep -n 'web: ready' <<<"$output" | cut -d: -f1)" -lt \
	  "$(grep -n 'worker: started' <<<"$output" | cut -d: -f1)" ]
	took=$(seconds podman --runtime runc kube down pod.yaml)
	[ "$took" -lt 10 ]
	run podman logs "$POD" 2>&1 || true
	kube_down
}

@test "kube play, restartPolicy OnFailure: a failing program makes the engine restart the container, a clean exit does not" {
	kube '"wget -q -O /dev/null http://127.0.0.1:8080/missing"'
	wait_for sh -c "[ \"\$(podman inspect --format '{{.RestartCount}}' $POD)\" -ge 1 ]"
	kube_down
	kube '"wget -q -O - http://127.0.0.1:8080/"'
	wait_for sh -c "[ \"\$(podman inspect --format '{{.State.Status}}' $POD)\" = exited ]"
	assert_equal "$(podman inspect --format '{{.RestartCount}} {{.State.ExitCode}}' "$POD")" "0 0"
	run podman logs "$POD"
	assert_line 'worker | grpsup e2e'
	kube_down
}

@test "the README's Dockerfile: built with its first stage from a local Debian 12, the image runs grpsup as PID 1" {
	podman image exists localhost/grpsup-e2e-debian:12 ||
		skip "no Debian 12 image here (debootstrap could not make one)"
	run podman build --quiet --network host --from localhost/grpsup-e2e-debian:12 \
		-t localhost/grpsup-dockerfile:latest -f "$TOP/tests/e2e/Dockerfile" "$TOP"
	assert_success
	run_bg localhost/grpsup-dockerfile:latest
	wait_for logs_have 'hello from'
	took=$(seconds podman --runtime runc stop -t 15 "$NAME")
	[ "$took" -lt 10 ]
	run podman logs "$NAME"
	assert_line 'grpsup | exiting with status 143 (SIGTERM)'
	assert_equal "$(exit_code "$NAME")" 143
	echo "# image: $(podman image inspect --format '{{.Size}}' localhost/grpsup-dockerfile:latest) bytes" >&3
}
