#!/usr/bin/env bash
# The GitHub Action's check step (action.yml): one `archsplit check` run that writes the
# annotations (stdout), the SARIF file and the step summary, and records its exit code as
# the step output `exit-code` instead of failing, so that the SARIF upload still runs. The
# action's last step exits with that code.
#
# Inputs (environment): ARCHSPLIT (the binary, default `archsplit`), INPUT_PATH (default .),
# INPUT_BASE (default origin/$GITHUB_BASE_REF), INPUT_FAIL_ON (empty: archsplit.toml's
# `fail-on`, else error), INPUT_BASELINE, INPUT_ARGS (more arguments, split on spaces),
# SARIF_FILE (default $RUNNER_TEMP/archsplit.sarif), GITHUB_STEP_SUMMARY, GITHUB_OUTPUT.
set -uo pipefail

archsplit="${ARCHSPLIT:-archsplit}"
path="${INPUT_PATH:-.}"
base="${INPUT_BASE:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  base="origin/${GITHUB_BASE_REF}"
fi
sarif="${SARIF_FILE:-${RUNNER_TEMP:-/tmp}/archsplit.sarif}"

args=(check "$path" --format github --sarif "$sarif")
if [ -n "$base" ]; then
  # A shallow checkout lacks the base: fetch it (and enough history for the merge base)
  # rather than fail with git's terse message.
  if ! git -C "$path" rev-parse --verify --quiet "${base}^{commit}" >/dev/null; then
    remote="${base%%/*}"
    branch="${base#*/}"
    if [ "$remote" != "$base" ]; then
      echo "archsplit: fetching ${base} (the checkout does not have it; fetch-depth: 0 avoids this)"
      git -C "$path" fetch --no-tags --quiet "$remote" "+refs/heads/${branch}:refs/remotes/${remote}/${branch}" || true
    fi
  fi
  if git -C "$path" rev-parse --is-shallow-repository 2>/dev/null | grep -q true; then
    git -C "$path" fetch --no-tags --quiet --unshallow 2>/dev/null || true
  fi
  args+=(--base "$base")
fi
if [ -n "${INPUT_FAIL_ON:-}" ]; then
  args+=(--fail-on "$INPUT_FAIL_ON")
fi
if [ -n "${INPUT_BASELINE:-}" ]; then
  args+=(--baseline "$INPUT_BASELINE")
fi
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  args+=(--markdown "$GITHUB_STEP_SUMMARY")
fi
if [ -n "${INPUT_ARGS:-}" ]; then
  # shellcheck disable=SC2206 # split on spaces, as documented
  args+=($INPUT_ARGS)
fi

"$archsplit" "${args[@]}"
code=$?
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "exit-code=${code}"
    echo "sarif=${sarif}"
  } >>"$GITHUB_OUTPUT"
fi
if [ "$code" -ge 2 ]; then
  # A usage or input error: nothing to upload, fail now.
  exit "$code"
fi
exit 0
