#!/usr/bin/python3
# Validates a SARIF file against the SARIF 2.1.0 schema with python3-jsonschema (Debian).
# Usage: validate_sarif.py SCHEMA FILE. Exit 0 valid, 1 invalid (each error on stderr),
# 2 when jsonschema is missing.
import json
import sys

try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is not installed (scripts/setup.sh installs it)", file=sys.stderr)
    sys.exit(2)

schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
validator = jsonschema.Draft7Validator(schema)
errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
for e in errors:
    print("%s: %s" % ("/".join(str(p) for p in e.path), e.message), file=sys.stderr)
sys.exit(1 if errors else 0)
