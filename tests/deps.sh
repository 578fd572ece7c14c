#!/bin/sh
# Install what building and testing grpsup needs and this machine lacks.
# Debian packages only; apt-get as root, or through sudo.
set -eu

missing=""
need() {	# need PACKAGE TEST-PATH
	[ -e "$2" ] || missing="$missing $1"
}
need libev-dev /usr/include/ev.h
need libinih-dev /usr/include/ini.h
need libc-ares-dev /usr/include/ares.h
need libpcre2-dev /usr/include/pcre2.h
need bats /usr/bin/bats
need bats-support /usr/lib/bats/bats-support/load.bash
need bats-assert /usr/lib/bats/bats-assert/load.bash
need bats-file /usr/lib/bats/bats-file/load.bash
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
# gcc without its recommends has no C library headers (a minbase root)
need libc6-dev /usr/include/stdio.h
command -v unshare >/dev/null 2>&1 || missing="$missing util-linux"
# readiness tests: real servers and clients on loopback
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
# env files are compared with python-dotenv's reading of the same lines
need python3-dotenv /usr/lib/python3/dist-packages/dotenv/__init__.py
# signals as a real server takes them: nginx reloads on HUP, a gunicorn
# master on HUP while its workers serve (run by Debian's python3); a redis
# that daemonizes
need nginx-light /usr/sbin/nginx
need python3-gunicorn /usr/lib/python3/dist-packages/gunicorn/__init__.py
need redis-server /usr/bin/redis-server
# make check also runs valgrind scenarios and the libFuzzer harnesses
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
# make lint: mandoc and makewhatis, and the pages the man pages refer to
command -v mandoc >/dev/null 2>&1 || missing="$missing mandoc"
need libsystemd-dev /usr/share/man/man3/sd_notify.3.gz
need manpages /usr/share/man/man7/signal.7.gz
need manpages-dev /usr/share/man/man2/setsid.2.gz
need procps /usr/share/man/man1/kill.1.gz
command -v pgrep >/dev/null 2>&1 || missing="$missing procps"
# make e2e (E2E=1): a real container engine and what the image holds
if [ "${E2E:-0}" = 1 ]; then
	command -v podman >/dev/null 2>&1 || missing="$missing podman"
	command -v runc >/dev/null 2>&1 || missing="$missing runc"
	# the pause process of podman kube play's infra container
	command -v catatonit >/dev/null 2>&1 || missing="$missing catatonit"
	# the README Dockerfile's first stage: a Debian 12 made here, offline
	command -v debootstrap >/dev/null 2>&1 || missing="$missing debootstrap"
	# a static busybox: the image has no libc (Debian's busybox is dynamic)
	if [ ! -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
		missing="$missing busybox-static"
	fi
fi
if ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a \
    >/dev/null 2>&1 && apt-cache show libclang-rt-14-dev >/dev/null 2>&1; then
	missing="$missing libclang-rt-14-dev"
fi

[ -z "$missing" ] && exit 0
echo "grpsup: installing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "grpsup: need root or sudo to install:$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
