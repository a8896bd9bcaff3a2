#!/usr/bin/env bash
# Lints template.yaml with cfn-lint (AWS CloudFormation Linter). cfn-lint expands the SAM transform with
# aws-sam-translator first, so it checks the CloudFormation that `sam deploy` would create: resource
# properties and enum values, intrinsic functions, conditions, rules and parameter use.
#
# cfn-lint is a Python package; the project's machine image ships it (with aws-sam-translator). It is not in
# Debian 12's archive, and the npm package of the same name is an unrelated, unmaintained validator that
# does not understand current SAM/Lambda properties, so neither is a fallback. Without cfn-lint this script
# fails rather than skipping.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v cfn-lint >/dev/null 2>&1; then
  echo "FATAL: cfn-lint not found. Install the Python package cfn-lint (it brings aws-sam-translator)." >&2
  exit 1
fi

echo "== $(cfn-lint --version)"
# Exit codes: 0 clean, 2 errors, 4 warnings, 8 informational (bit mask); fail on errors and warnings.
cfn-lint --format parseable -- template.yaml
echo "template.yaml: cfn-lint found no errors or warnings"
