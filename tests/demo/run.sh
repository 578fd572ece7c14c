#!/bin/sh
# The demo: an app server and a debug server, and a client that starts once
# both accept connections and talks to both; the group stops when the client
# is done, with the client's status.
cd "$(dirname "$0")/../.." || exit 1
set -x
./grpsup -v -n app,debug,client -e client \
	--ready app=tcp://127.0.0.1:38080 --ready debug=tcp://127.0.0.1:38001 \
	--after client=app,debug \
	'tests/demo/server app 38080' \
	'tests/demo/server debug 38001' \
	'tests/demo/client 38080 38001'
