"""What the HTTP test scripts share: collected failures and the examples."""
import os
import sys

failures = []


def check(condition, what, detail=""):
    """Records `what` as failed unless `condition` holds; goes on either way."""
    if not condition:
        failures.append(what)
        print(f"FAIL {what}" + (f": {detail}" if detail else ""))


def example(examples_dir, name):
    """The bytes of examples/NAME.json."""
    with open(os.path.join(examples_dir, name + ".json"), "rb") as f:
        return f.read()


def finish(name):
    """Exits 1 with the count when anything failed, else says all passed."""
    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print(f"{name}: all checks passed")
