"""No Docker engine runs here, so the deployment files are checked for structure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def test_compose_api_publishes_port_with_volume_and_health_check() -> None:
    api = compose()["services"]["api"]
    assert "8000:8000" in api["ports"]
    assert any(v.endswith(":/data") for v in api["volumes"])
    assert "/healthz" in " ".join(api["healthcheck"]["test"])
    assert api["environment"]["STEPPE_DATA_DIR"] == "/data"


def test_dockerfile_runs_the_makefiles_own_targets() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    run_steps = re.findall(r"^RUN (make \w+)", dockerfile, re.M)
    cmd = re.search(r'^CMD \["make", "(\w+)"\]', dockerfile, re.M)
    assert run_steps == ["make install"] and cmd is not None
    for target in ("install", cmd.group(1)):
        assert re.search(rf"^{target}:", makefile, re.M), target
