"""The package as a newcomer gets it: the README's install command, run in a copy of the package's
committed files (a fresh clone), installs into a fresh venv without a deprecation warning, with
SPDX license metadata; the README's examples then run in that venv against DEVSTATE_URL (with the
project renamed, so that the test owns it, and the server's key in HMAC_KID/HMAC_SECRET)."""
import os
import re
import shutil
import subprocess
import uuid
import venv
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent
REPOSITORY = PACKAGE.parent.parent
README = (PACKAGE / "README.md").read_text(encoding="utf-8")
URL = os.environ.get("DEVSTATE_URL")


def _blocks(language):
    return re.findall(r"```" + language + r"\n(.*?)```", README, flags=re.S)


def _committed_files():
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "clients/python"], cwd=REPOSITORY,
                            check=True, capture_output=True, text=True).stdout.split()
    return [name for name in listed if (REPOSITORY / name).is_file()]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python of the fresh venv, pip's output)."""
    root = tmp_path_factory.mktemp("packaging")
    clone = root / "clone"
    for name in _committed_files():
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPOSITORY / name, clone / name)
    venv.create(root / "venv", with_pip=True)
    python = root / "venv" / "bin" / "python"
    install = _blocks("bash")[0].strip()
    assert install == "pip install ./clients/python", "the README starts with the install command this test runs"
    # -v shows the build backend's own output, where setuptools prints its deprecation warnings.
    done = subprocess.run([str(python), "-m", "pip", "install", "-v", "--disable-pip-version-check",
                           "./clients/python"], cwd=clone, capture_output=True, text=True)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    return python, output


def test_install_from_a_clone_has_no_deprecation_warning(installed):
    _, output = installed
    warnings = [line for line in output.splitlines() if re.search(r"deprecat|SetuptoolsWarning", line, re.I)]
    assert warnings == [], "\n".join(warnings)


def test_license_is_an_spdx_expression_with_classifiers(installed):
    python, _ = installed
    fields = subprocess.run([str(python), "-c", (
        "from importlib.metadata import metadata; m = metadata('devstate-client'); "
        "print(m['License-Expression']); print(m.get_all('License-File')); print(m.get_all('Classifier'))")],
        check=True, capture_output=True, text=True).stdout.splitlines()
    assert fields[0] == "MIT"
    assert "LICENSE" in fields[1]
    assert "Programming Language :: Python :: 3" in fields[2] and "Typing :: Typed" in fields[2]
    assert "License ::" not in fields[2]  # with an SPDX expression, license classifiers are deprecated


@pytest.mark.skipif(not (URL and os.environ.get("DEVSTATE_HMAC_SECRET")),
                    reason="DEVSTATE_URL and DEVSTATE_HMAC_KID/DEVSTATE_HMAC_SECRET are not set")
def test_readme_examples_run_against_the_service(installed):
    python, _ = installed
    project = "py-readme-" + uuid.uuid4().hex[:8]
    quick_start, offline = (block.replace("http://localhost:3180", URL.rstrip("/")).replace('"demo"', f'"{project}"')
                            for block in _blocks("python")[:2])
    env = dict(os.environ, HMAC_KID=os.environ.get("DEVSTATE_HMAC_KID", "k1"),
               HMAC_SECRET=os.environ["DEVSTATE_HMAC_SECRET"])
    ran = subprocess.run([str(python), "-W", "error::DeprecationWarning", "-c", quick_start], env=env,
                         capture_output=True, text=True, cwd=python.parent)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "chain ok\n", "")
    ran = subprocess.run([str(python), "-c", offline], env=env, capture_output=True, text=True, cwd=python.parent)
    assert (ran.returncode, ran.stdout, ran.stderr) == (0, "True\nTrue\n", "")

