#!/usr/bin/env bash
# The GitHub Action's step: runs qlint on the evidence folder with the
# action's inputs (INPUT_* variables), prints annotations, fills the job
# summary, writes a SARIF file for code scanning, and turns a run that could
# not be judged (a shallow checkout, a bad qlint.toml, a base branch not
# fetched) into an annotation that says what to do.
#
# On a pull request only what the pull request adds is reported, compared
# with its base branch (--new-from-rev), unless INPUT_WHOLE_FOLDER is true;
# a push judges the whole folder.
set -uo pipefail

qlint="${QLINT:-qlint}"
args=("${INPUT_PATH:-.}" --fail-on "${INPUT_FAIL_ON:-error}")
if [ -n "${INPUT_CONFIG:-}" ]; then args+=(--config "$INPUT_CONFIG"); fi
if [ -n "${INPUT_AS_OF:-}" ]; then args+=(--as-of "$INPUT_AS_OF"); fi
# The SARIF file always judges the whole folder: code scanning compares a
# pull request's analysis with its base branch's itself.
whole=("${args[@]}")
case "${GITHUB_EVENT_NAME:-}" in
  pull_request | pull_request_target)
    if [ "${INPUT_WHOLE_FOLDER:-false}" != true ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
      args+=(--new-from-rev "origin/$GITHUB_BASE_REF")
    fi
    ;;
esac
# Extra arguments are split on spaces, as typed in the workflow.
read -r -a extra <<< "${INPUT_ARGS:-}"

errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
# stderr goes to a file first, then to the log: a process substitution
# (2> >(tee …)) could still be writing when the file is read below.
"$qlint" "${args[@]}" --format "${INPUT_FORMAT:-github}" "${extra[@]}" 2>"$errors"
code=$?
cat "$errors" >&2

# The annotation's title speaks the report's language: English with --lang
# en in args, or lang = "en" in qlint.toml (when --lang does not say);
# French otherwise, as qlint.
title="qlint n'a pas pu juger le dossier de preuves"
lang=""
for i in "${!extra[@]}"; do
  case "${extra[$i]}" in
    --lang=*|-lang=*) lang="${extra[$i]#*=}" ;;
    --lang|-lang) lang="${extra[$((i+1))]:-}" ;;
  esac
done
if [ -z "$lang" ]; then
  cfg="${INPUT_CONFIG:-${INPUT_PATH:-.}/qlint.toml}"
  if grep -Eq '^[[:space:]]*lang[[:space:]]*=[[:space:]]*"en' "$cfg" 2>/dev/null; then lang=en; fi
fi
case "$lang" in en*|EN*) title="qlint could not judge the evidence folder" ;; esac

if [ "$code" = 2 ]; then
  # GitHub's workflow commands: % and newlines are escaped in the message.
  msg=$(sed -e 's/%/%25/g' "$errors" | awk 'BEGIN { ORS = "%0A" } { print }')
  echo "::error title=${title}::${msg}"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    { echo "## ${title}"; echo; echo '```'; cat "$errors"; echo '```'; } >> "$GITHUB_STEP_SUMMARY"
  fi
fi

# The whole folder's findings as SARIF, for code scanning: the history read
# above is in qlint's cache, so this second run is quick.
sarif=""
if [ "$code" != 2 ]; then
  sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/qlint.sarif"
  if ! "$qlint" "${whole[@]}" --format sarif --output "$sarif" --fail-on never "${extra[@]}" 2>/dev/null; then
    sarif=""
  fi
fi
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  echo "exit-code=$code" >> "$GITHUB_OUTPUT"
  echo "sarif=$sarif" >> "$GITHUB_OUTPUT"
fi
exit "$code"
