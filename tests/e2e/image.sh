#!/bin/sh
# image.sh TAG [nosh]: build the e2e image from scratch, offline: a folder
# with grpsup-static, Debian's static busybox and the test programs, taken
# into podman with `podman import`. nosh: no /bin/sh in it (commands must
# run without a shell). Prints the image's size in bytes.
set -eu
cd "$(dirname "$0")/../.."
tag=$1
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/www" "$root/tmp"
cp grpsup-static "$root/bin/grpsup"
cp /bin/busybox "$root/bin/busybox"
applets="sleep echo cat ps kill httpd wget true false env ls"
[ "${2:-}" = nosh ] || applets="$applets sh"
for a in $applets; do
	ln -s busybox "$root/bin/$a"
done
if [ "${2:-}" != nosh ]; then
	cp tests/e2e/catch "$root/bin/catch"
	chmod 755 "$root/bin/catch"
fi
echo "grpsup e2e" > "$root/www/index.html"
tar -C "$root" -cf "$root.tar" .
old=$(podman image inspect --format '{{.Id}}' "$tag" 2> /dev/null || true)
podman import --quiet "$root.tar" "$tag" > /dev/null
rm -f "$root.tar"
# the image the tag leaves is no one's now
[ -z "$old" ] || podman rmi "$old" > /dev/null 2>&1 || true
podman image inspect --format '{{.Size}}' "$tag"
