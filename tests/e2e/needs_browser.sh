#!/bin/sh
# Runs the command where Chromium is installed (where ctp looks for it: $CTP_BROWSER, else
# /usr/bin/chromium); otherwise exits 77, which CTest (SKIP_RETURN_CODE) and meson report as
# a skip. Without the browser the program itself reports each browser test as an error, on
# purpose: a CI machine that should have it must not pass quietly.
browser=${CTP_BROWSER:-/usr/bin/chromium}
if [ ! -x "$browser" ]; then
    echo "SKIP: no browser at '$browser': install Debian's package chromium, or set CTP_BROWSER"
    exit 77
fi
exec "$@"
