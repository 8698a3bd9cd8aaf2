"""No Docker engine runs here, so the deployment files are checked for structure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
NGINX = ROOT / "deploy" / "nginx.conf"


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())  # type: ignore[no-any-return]


def services() -> dict[str, Any]:
    return compose()["services"]  # type: ignore[no-any-return]


def waits_for_healthy(service: dict[str, Any], dependency: str) -> bool:
    return service["depends_on"][dependency]["condition"] == "service_healthy"


def test_compose_has_the_database_the_replicas_the_ingest_and_the_proxy() -> None:
    assert set(services()) == {"db", "api", "ingest", "proxy", "redis"}


def test_database_keeps_its_data_on_a_volume_and_reports_health() -> None:
    db = services()["db"]
    assert db["image"].startswith("postgres:15")
    [volume] = db["volumes"]
    name, mount = volume.split(":")
    assert mount == "/var/lib/postgresql/data" and name in compose()["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    env = db["environment"]
    assert (
        f"{env['POSTGRES_USER']}:{env['POSTGRES_PASSWORD']}@db:5432/{env['POSTGRES_DB']}"
        in (services()["api"]["environment"]["STEPPE_DATABASE_URL"])
    )


def test_api_runs_two_replicas_on_the_shared_store_behind_the_proxy() -> None:
    api = services()["api"]
    assert api["deploy"]["replicas"] == 2
    assert "ports" not in api  # two replicas cannot publish one host port: nginx is the door
    assert api["expose"] == ["8000"]
    assert api["environment"]["STEPPE_DATABASE_URL"].startswith("postgresql://")
    assert api["environment"]["STEPPE_HOST"] == "0.0.0.0"
    # Whoosh allows one writer per folder: a replica's index must not sit on a shared volume.
    assert "volumes" not in api
    assert api["command"][-1] == "serve"
    assert "/healthz" in " ".join(api["healthcheck"]["test"])
    assert waits_for_healthy(api, "db")
    assert waits_for_healthy(api, "redis")
    assert api["environment"]["STEPPE_RATE_LIMIT_STORAGE"].startswith("redis://redis:")


def test_ingest_loads_the_sample_data_once_when_the_database_is_healthy() -> None:
    ingest = services()["ingest"]
    assert ingest["command"][-2:] == ["ingest", "sample"]
    assert ingest["restart"] == "no"
    assert ingest["environment"].items() <= services()["api"]["environment"].items()
    assert waits_for_healthy(ingest, "db")


def test_proxy_publishes_the_port_and_forwards_to_the_replicas() -> None:
    proxy = services()["proxy"]
    assert proxy["image"].startswith("nginx:")
    assert proxy["ports"] == ["8000:80"]
    [mount] = proxy["volumes"]
    assert mount.startswith("./deploy/nginx.conf:") and mount.endswith(":ro")
    assert waits_for_healthy(proxy, "api")
    assert "/healthz" in " ".join(proxy["healthcheck"]["test"])


def test_nginx_config_balances_over_the_api_service_and_keeps_request_ids() -> None:
    conf = NGINX.read_text()
    assert conf.count("{") == conf.count("}")
    upstream = re.search(r"upstream (\w+) \{(.*?)\}", conf, re.S)
    assert upstream is not None
    assert re.search(r"^\s*server api:8000 resolve\b", upstream.group(2), re.M)
    assert f"proxy_pass http://{upstream.group(1)};" in conf
    assert re.search(r"^\s*listen 80;", conf, re.M)
    assert "X-Request-ID" in conf and "X-Forwarded-For" in conf


def test_dockerfile_runs_the_makefiles_own_targets() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    makefile = (ROOT / "Makefile").read_text()
    run_steps = re.findall(r"^RUN (make [\w ]+)$", dockerfile, re.M)
    cmd = re.search(r'^CMD \["make", "(\w+)"\]', dockerfile, re.M)
    assert run_steps == ["make install web"] and cmd is not None
    for target in ("install", "web", cmd.group(1)):
        assert re.search(rf"^{target}:", makefile, re.M), target
    # Compose runs the installed console script; each replica gets its own /data volume.
    assert 'VOLUME ["/data"]' in dockerfile
