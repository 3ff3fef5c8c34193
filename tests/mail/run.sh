#!/usr/bin/env bash
# Runs the mail tests against a real SMTP server on this machine: aiosmtpd (PyPI, installed
# into a virtualenv under target/). The tests start, kill and restart the server themselves
# (tests/mail/smtp_server.py), each on a port and in a folder of its own.
# Usage: tests/mail/run.sh [TEST_FILTER...]   (default: the mail tests)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ $# -eq 0 ]; then set -- mail::; fi
venv=target/mail-venv
python=$venv/bin/python

if ! "$python" -c 'import aiosmtpd' 2>/dev/null; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$python" -m pip install --quiet --disable-pip-version-check 'aiosmtpd==1.4.6'
fi

export TIEPCAN_TEST_SMTP_PYTHON=$PWD/$python
cargo test --test api -- --include-ignored "$@"
