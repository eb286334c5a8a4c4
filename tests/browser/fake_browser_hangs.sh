#!/bin/sh
# A browser that never answers.
echo "fake browser: hanging"
exec sleep 1000
