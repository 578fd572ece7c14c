#!/bin/sh
# The demo: an app server and a debug server, and a client that talks to
# both; the group stops when the client is done, with the client's status.
cd "$(dirname "$0")/../.." || exit 1
set -x
./grpsup -n app,debug,client -e client \
	'tests/demo/server app 38080' \
	'tests/demo/server debug 38001' \
	'tests/demo/client 38080 38001'
