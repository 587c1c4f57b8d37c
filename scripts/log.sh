#!/usr/bin/env bash
# Levelled log helpers shared by every script. Sourced, never run.
# All output goes to stderr so that scripts can print results on stdout.

infoln() { printf '\033[0;34m[deuro]\033[0m %s\n' "$*" >&2; }
successln() { printf '\033[0;32m[deuro]\033[0m %s\n' "$*" >&2; }
warnln() { printf '\033[0;33m[deuro] warning:\033[0m %s\n' "$*" >&2; }
fatalln() {
  printf '\033[0;31m[deuro] error:\033[0m %s\n' "$*" >&2
  exit 1
}
