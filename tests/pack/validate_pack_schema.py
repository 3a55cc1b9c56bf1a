#!/usr/bin/python3
"""Validates a Trialwise knowledge pack against docs/pack.schema.json.

Usage: /usr/bin/python3 validate_pack_schema.py SCHEMA PACK

Checks the schema itself (Draft 2020-12 meta-schema), then the pack, and prints
every error as  PACK#/json/pointer ($.json.path): message  on standard error.
Exit status: 0 valid, 1 the schema or the pack is invalid (or not JSON), 2 bad usage.
Needs Debian's python3-jsonschema (4.x): call it with /usr/bin/python3.
"""
import json
import sys

try:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError
except ImportError:
    sys.stderr.write("validate_pack_schema: python3-jsonschema is missing "
                     "(apt-get install python3-jsonschema; run with /usr/bin/python3)\n")
    sys.exit(2)


def pointer(path):
    """A JSON pointer (RFC 6901) for a jsonschema path deque."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def load(path, what):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        sys.stderr.write(f"{path}: cannot read the {what}: {e.strerror}\n")
    except json.JSONDecodeError as e:
        sys.stderr.write(f"{path}:{e.lineno}:{e.colno}: the {what} is not valid JSON: {e.msg}\n")
    except UnicodeDecodeError as e:
        sys.stderr.write(f"{path}: the {what} is not UTF-8: {e}\n")
    sys.exit(1)


def leaf_errors(error):
    """For anyOf/oneOf failures the useful messages are in the context."""
    if error.context:
        for sub in error.context:
            yield from leaf_errors(sub)
    else:
        yield error


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: validate_pack_schema.py SCHEMA PACK\n")
        return 2
    schema_path, pack_path = argv[1], argv[2]
    schema = load(schema_path, "schema")
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as e:
        sys.stderr.write(f"{schema_path}#{pointer(e.absolute_path)}: not a valid "
                         f"draft 2020-12 schema: {e.message}\n")
        return 1

    pack = load(pack_path, "pack")
    validator = Draft202012Validator(schema)
    errors = []
    for error in validator.iter_errors(pack):
        errors.extend(leaf_errors(error))
    errors.sort(key=lambda e: (pointer(e.absolute_path), e.message))
    for e in errors:
        sys.stderr.write(f"{pack_path}#{pointer(e.absolute_path)} ({e.json_path}): {e.message}\n")
    if errors:
        n = len(errors)
        sys.stderr.write(f"{pack_path}: {n} error{'s' if n != 1 else ''}\n")
        return 1
    print(f"{pack_path}: valid against {schema_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
