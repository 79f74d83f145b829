"""SASL_SSL settings reach every Kafka client through NEWSWIRE_KAFKA_* variables.

Starts a second, throw-away broker whose only client listener is SASL_SSL with SCRAM-SHA-512 and
a certificate signed by a test CA made here with openssl (all on 127.0.0.1), then runs newswire's
clients against it with the variables of docs/deploying.md: the topics CLI, a producer, and a
drain run of the pipeline (driver and workers). Wrong credentials and plaintext are refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pyarrow.dataset as ds
import pytest

from newswire.kafka import encode_value
from tests.deploy.test_flink_session import free_port_block
from tests.pipeline.fixtures import raw_item

pytestmark = [pytest.mark.kafka, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]
LIB = REPO / "deploy" / "local" / "lib"
USER, PASSWORD = "newswire", "test-only-secret"


def _unavailable(reason: str) -> None:
    if os.environ.get("NEWSWIRE_REQUIRE_KAFKA", "") not in ("", "0"):
        pytest.fail(f"{reason} (NEWSWIRE_REQUIRE_KAFKA=1 makes this a failure)")
    pytest.skip(reason)


def make_certificates(folder: Path) -> None:
    """A test CA and a broker certificate for localhost / 127.0.0.1, as a PKCS12 keystore."""
    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], check=True, capture_output=True, cwd=folder)

    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
            "-days", "2", "-subj", "/CN=newswire-test-ca")
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "broker.key", "-out", "broker.csr",
            "-subj", "/CN=localhost")
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "broker.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "broker.pem", "-days", "2", "-extfile", "san.ext")
    openssl("pkcs12", "-export", "-in", "broker.pem", "-inkey", "broker.key", "-certfile", "ca.pem",
            "-out", "broker.p12", "-passout", "pass:changeit")


def broker_properties(folder: Path, port: int) -> str:
    client, controller, internal = port, port + 1, port + 2
    return "\n".join([
        "process.roles=broker,controller",
        "node.id=1",
        f"controller.quorum.voters=1@127.0.0.1:{controller}",
        f"listeners=SASL_SSL://127.0.0.1:{client},CONTROLLER://127.0.0.1:{controller},"
        f"INTERNAL://127.0.0.1:{internal}",
        f"advertised.listeners=SASL_SSL://127.0.0.1:{client},INTERNAL://127.0.0.1:{internal}",
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=CONTROLLER:PLAINTEXT,INTERNAL:PLAINTEXT,SASL_SSL:SASL_SSL",
        "inter.broker.listener.name=INTERNAL",
        "sasl.enabled.mechanisms=SCRAM-SHA-512",
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
        "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "ssl.keystore.type=PKCS12",
        f"ssl.keystore.location={folder / 'broker.p12'}",
        "ssl.keystore.password=changeit",
        "ssl.key.password=changeit",
        f"log.dirs={folder / 'logs'}",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=4",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false",
        "",
    ])


@pytest.fixture(scope="module")
def sasl_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A running SASL_SSL broker; yields the client environment of docs/deploying.md for it."""
    if not (LIB / ".complete").exists():
        _unavailable(f"broker jars not resolved in {LIB}: run `make kafka-fetch`")
    for tool in ("java", "openssl"):
        if shutil.which(tool) is None:
            _unavailable(f"{tool} not found on PATH")
    folder = tmp_path_factory.mktemp("sasl-broker")
    make_certificates(folder)
    port = free_port_block(3)
    config = folder / "server.properties"
    config.write_text(broker_properties(folder, port))
    java = ["java", "-Xmx512m", f"-Dlog4j2.configurationFile={REPO / 'deploy/local/log4j2.properties'}",
            f"-Dkafka.log.file={folder / 'server.log'}", "-cp", f"{LIB}/*"]
    cluster_id = subprocess.run([*java, "kafka.tools.StorageTool", "random-uuid"], check=True,
                                capture_output=True, text=True).stdout.strip()
    subprocess.run([*java, "kafka.tools.StorageTool", "format", "-t", cluster_id, "-c", str(config),
                    "--add-scram", f"SCRAM-SHA-512=[name={USER},password={PASSWORD}]"],
                   check=True, capture_output=True)
    with open(folder / "stdout.log", "wb") as out:
        broker = subprocess.Popen([*java, "kafka.Kafka", str(config)], stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        log = folder / "server.log"
        while not (log.exists() and "Kafka Server started" in log.read_text(errors="replace")):
            assert broker.poll() is None, (folder / "stdout.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "SASL_SSL broker not started after 90 s"
            time.sleep(0.5)
        yield {
            "NEWSWIRE_BOOTSTRAP": f"127.0.0.1:{port}",
            "NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
            "NEWSWIRE_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
            "NEWSWIRE_KAFKA_SASL_PLAIN_USERNAME": USER,
            "NEWSWIRE_KAFKA_SASL_PLAIN_PASSWORD": PASSWORD,
            "NEWSWIRE_KAFKA_SSL_CAFILE": str(folder / "ca.pem"),
        }
    finally:
        broker.terminate()
        try:
            broker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            broker.kill()
            broker.wait()


def newswire(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_KAFKA_")}
    return subprocess.run([sys.executable, "-m", "newswire.cli", *args], capture_output=True, text=True,
                          timeout=600, cwd=REPO, env={**clean, **env})


def test_wrong_password_and_plaintext_are_refused(sasl_env: dict[str, str]) -> None:
    listing = ("topics", "list", "--wait", "3")
    wrong = newswire({**sasl_env, "NEWSWIRE_KAFKA_SASL_PLAIN_PASSWORD": "wrong"}, *listing)
    plain = newswire({**sasl_env, "NEWSWIRE_KAFKA_SECURITY_PROTOCOL": "PLAINTEXT"}, *listing)
    assert wrong.returncode != 0 and "not reachable" in wrong.stderr
    assert plain.returncode != 0 and "not reachable" in plain.stderr


def test_topics_producer_and_pipeline_run_over_sasl_ssl(
    sasl_env: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = newswire(sasl_env, "topics", "create", "--wait", "30")
    assert created.returncode == 0, created.stderr[-2000:]

    for name, value in sasl_env.items():
        monkeypatch.setenv(name, value)
    from newswire.kafka import make_consumer, make_producer

    items = [raw_item(n, trade=n < 5, hours=4 * n) for n in range(10)]
    producer = make_producer()
    for item in items:
        producer.send("news.raw", key=item["id"].encode(), value=encode_value(item))
    producer.flush()
    producer.close()

    drained = newswire(sasl_env, "run", "--mode", "drain", f"--parquet_path={tmp_path / 'stories'}")
    assert drained.returncode == 0, drained.stderr[-3000:]
    counters = dict(line.split() for line in drained.stdout.splitlines() if line.startswith("  "))
    assert counters["read"] == str(len(items)) and "committed:" in drained.stdout

    def read_all(topic: str) -> list[dict]:
        consumer = make_consumer(topic, consumer_timeout_ms=6000)
        try:
            return [orjson.loads(record.value) for record in consumer]
        finally:
            consumer.close()

    assert sorted(r["id"] for r in read_all("news.raw")) == sorted(i["id"] for i in items)
    stories = read_all("news.trade")
    rows = ds.dataset(str(tmp_path / "stories"), format="parquet", partitioning="hive").to_table().to_pylist()
    assert len(rows) == len(items)
    trade_rows = sorted(r["item_id"] for r in rows if r["trade"]["is_trade"])
    assert sorted(s["item_id"] for s in stories) == trade_rows
