#!/bin/sh
# Leaves a mark where the test looks, then fails.
touch "${ARCHSPLIT_PWNED_DIR:-/tmp}/pwned-$(basename "$0")"
exit 1
