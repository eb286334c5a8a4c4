#!/bin/bash
# A browser that answers its first command (Browser.getVersion), then crashes at the next.
IFS= read -r -d '' message <&3
id=${message#*\"id\":}
id=${id%%,*}
printf '{"id":%s,"result":{"product":"Fake/1.0"}}\0' "$id" >&4
IFS= read -r -d '' message <&3
echo "fake browser: crashing"
kill -SEGV $$
