#!/bin/sh
# A browser that cannot start: it says why and exits.
echo "fake browser: cannot open the display" >&2
exit 3
