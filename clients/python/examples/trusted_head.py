"""Checks the DevState log against the checkpoint this program last trusted, kept in the state file
(its one argument); not part of the installed package.

    DEVSTATE_URL, DEVSTATE_PROJECT, DEVSTATE_LOG_VERIFIER_KEY (pinned), optional DEVSTATE_TOKEN

Prints ``trusted <origin> <size>`` (exit 0); a rewritten history: the refusal on stderr, exit 7; any
other failure: its message on stderr, exit 1.
"""
import json
import os
import sys

import devstate_client
from devstate_client.exceptions import ApiException
from devstate_client.log import LogVerificationError, TrustedHead


def _required(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set")
    return value


def _describe(error: Exception) -> str:
    if isinstance(error, ApiException):
        detail = error.body or error.reason or ""
        try:
            detail = json.loads(error.body).get("detail") or detail
        except (TypeError, ValueError, AttributeError):
            pass  # not a problem document: its text as it is
        return f"HTTP {error.status}: {detail}"
    return str(error) or type(error).__name__


def main(args) -> int:
    try:
        if len(args) != 1:
            raise RuntimeError("usage: python examples/trusted_head.py <state file>")
        configuration = devstate_client.Configuration(host=_required("DEVSTATE_URL").rstrip("/"),
                                                      access_token=os.environ.get("DEVSTATE_TOKEN") or None)
        head = TrustedHead(args[0], _required("DEVSTATE_LOG_VERIFIER_KEY"))
        with devstate_client.ApiClient(configuration) as api_client:
            checkpoint = head.check(devstate_client.LogApi(api_client), _required("DEVSTATE_PROJECT"))
        print(f"trusted {checkpoint['origin']} {checkpoint['size']}")
        return 0
    except LogVerificationError as e:
        print(e, file=sys.stderr)
        return 7 if e.reason == "rewritten" else 1
    except Exception as e:  # any other failure: its message and exit 1, as the other clients' programs
        print(_describe(e), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
