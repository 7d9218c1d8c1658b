"""The shared vectors of docs/vectors through the offline verifier (no server needed)."""
import json
import pathlib
import runpy

import pytest

from devstate_client.verify import entry_message, state_checksum, verify_history

VECTORS = pathlib.Path(__file__).resolve().parents[3] / "docs" / "vectors"
CHAINS = json.loads((VECTORS / "chains.json").read_text(encoding="utf-8"))["cases"]
CHECKSUMS = json.loads((VECTORS / "state-checksums.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("vector", CHAINS, ids=[c["name"] for c in CHAINS])
def test_chain_vector(vector):
    assert verify_history(vector["history"], vector["keys"]) == vector["expected"]
    assert verify_history(json.dumps(vector["history"]), vector["keys"]) == vector["expected"]
    for entry, message in zip(vector["history"]["entries"], vector.get("messages", [])):
        assert entry_message(vector["history"]["project"], entry) == message


@pytest.mark.parametrize("vector", CHECKSUMS, ids=[c["name"] for c in CHECKSUMS])
def test_state_checksum_vector(vector):
    assert state_checksum(vector["state"]) == vector["checksum"]
    assert state_checksum(json.dumps(vector["state"], ensure_ascii=False)) == vector["checksum"]


def test_the_raw_file_text_parses_to_the_same_results():
    # The vector files hold non-canonical literals (1E21, 1.50, -0.0); read them as text.
    text = (VECTORS / "chains.json").read_text(encoding="utf-8")
    for vector in json.loads(text)["cases"]:
        assert verify_history(json.dumps(vector["history"]), vector["keys"])["ok"] == vector["expected"]["ok"]


def test_a_malformed_file_is_an_error():
    with pytest.raises(ValueError):
        verify_history('{"format":"other","project":"p","entries":[]}', {})


def test_committed_vectors_are_what_the_generator_writes():
    generator = runpy.run_path(str(VECTORS / "generate.py"))
    for name, text in generator["outputs"]().items():
        assert (VECTORS / name).read_text(encoding="utf-8") == text, f"docs/vectors/{name} is stale"
