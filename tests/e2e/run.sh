#!/bin/sh
# make e2e: grpsup under podman (runc): install what is missing, build the
# images from scratch, run tests/e2e/*.bats, end with "N passed, N failed".
# Where the engine cannot run a container at all, say why and skip.
set -u
cd "$(dirname "$0")/../.." || exit 1
t0=$(date +%s)
skip() {
	echo "e2e: skipped: $*"
	echo "0 passed, 0 failed, 1 skipped"
	exit 0
}
E2E=1 sh tests/deps.sh || skip "cannot install podman, runc, busybox-static"
command -v podman > /dev/null || skip "no podman"
[ -x /bin/busybox ] || skip "no static busybox (Debian busybox-static)"
size=$(sh tests/e2e/image.sh localhost/grpsup-e2e:latest) ||
	skip "podman cannot import an image here"
sh tests/e2e/image.sh localhost/grpsup-e2e:nosh nosh > /dev/null
# the runtime cannot raise a limit above the hard one (no CAP_SYS_RESOURCE)
hard() { awk -v w="$1" '$0 ~ "^" w { print $(NF - 2) }' /proc/self/limits; }
n=$(hard "Max open files"); [ "$n" = unlimited ] || [ "$n" -gt 1024 ] && n=1024
u=$(hard "Max processes"); [ "$u" = unlimited ] || [ "$u" -gt 1000 ] && u=1000
why=$(podman --runtime runc run --rm --ulimit "nofile=$n:$n" \
    --ulimit "nproc=$u:$u" localhost/grpsup-e2e:latest /bin/grpsup -q true 2>&1) ||
	skip "podman cannot run a container here: $(echo "$why" | tail -1)"
echo "e2e: image localhost/grpsup-e2e:latest, $size bytes"
# the Dockerfile's first stage: Debian 12 from debootstrap (minbase), kept
# in /var/tmp between runs, since this machine reaches no image registry
if ! podman image exists localhost/grpsup-e2e-debian:12; then
	deb=/var/tmp/grpsup-e2e/bookworm
	if [ ! -x "$deb/usr/bin/apt-get" ] && command -v debootstrap > /dev/null; then
		mkdir -p /var/tmp/grpsup-e2e
		debootstrap --variant=minbase bookworm "$deb" \
		    http://deb.debian.org/debian > /dev/null 2>&1 || rm -rf "$deb"
	fi
	[ -x "$deb/usr/bin/apt-get" ] && tar -C "$deb" -c . |
	    podman import --quiet - localhost/grpsup-e2e-debian:12 > /dev/null
fi
export E2E_NOFILE=$n E2E_NPROC=$u
UNIT=none BATS_FILES='tests/e2e/*.bats' FUZZ_SECONDS=0 sh tests/run.sh
status=$?
echo "e2e: $(( $(date +%s) - t0 )) s"
exit $status
