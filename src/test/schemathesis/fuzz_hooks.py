"""Schemathesis hooks for FuzzIT (loaded through SCHEMATHESIS_HOOKS=fuzz_hooks).

The contract declares `DevState-Metadata` (header) and `metadata` (search query) as strings whose
text must be a JSON object: declaring them with `content: application/json` would say exactly that,
but the generated TypeScript and Go clients then send `[object Object]` / `map[...]` instead of JSON.
So the schema stays a string and this hook makes the generated text a JSON object's text, keeping
what was generated as a member value. Malformed metadata is covered by the unit tests
(`StateResourceTest`, `HistoryResourceTest`).

`cursor` is opaque and only valid as the service issued it (`next_cursor`); any other text is a
`400`, which `HistoryResourceTest` and `ProjectResourceTest` cover. The hook turns a generated cursor into one of the issued
form, so positive cases reach the paging.
"""
import base64
import json

import schemathesis


def _as_json_object(value):
    if not isinstance(value, str):
        return value
    try:
        if isinstance(json.loads(value), dict):
            return value
    except ValueError:
        pass
    return json.dumps({"fuzz": value}, ensure_ascii=True)


def _as_issued_cursor(value, path):
    if not isinstance(value, str) or value == "":
        return value
    n = 1 + sum(value.encode("utf-8", "surrogatepass")) % 1000
    # the project list pages by name, the history search by seq
    position = f"project:p{n}" if path == "/v1/devstate/projects" else f"seq:{n}"
    return base64.urlsafe_b64encode(position.encode()).decode().rstrip("=")


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    if case.headers and "DevState-Metadata" in case.headers:
        case.headers["DevState-Metadata"] = _as_json_object(case.headers["DevState-Metadata"])
    if case.query and "metadata" in case.query:
        case.query["metadata"] = _as_json_object(case.query["metadata"])
    if case.query and "cursor" in case.query:
        case.query["cursor"] = _as_issued_cursor(case.query["cursor"], case.operation.path)
