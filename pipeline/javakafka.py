"""Settings for Beam's Java KafkaIO clients, from the same ``NEWSWIRE_KAFKA_*`` variables.

The project's Kafka clients are kafka-python ones, configured by ``NEWSWIRE_KAFKA_<SETTING>``
with kafka-python's setting names (:func:`newswire.kafka.client_config`). The streaming mode's
reader is Java's ``KafkaConsumer`` (through Beam's cross-language KafkaIO), whose settings are
named differently; this module translates them, so one environment configures both.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from newswire.kafka import ENV_PREFIX

LOGIN_MODULES = {
    "PLAIN": "org.apache.kafka.common.security.plain.PlainLoginModule",
    "SCRAM-SHA-256": "org.apache.kafka.common.security.scram.ScramLoginModule",
    "SCRAM-SHA-512": "org.apache.kafka.common.security.scram.ScramLoginModule",
}
# kafka-python settings without a one-to-one Java name (mutual TLS wants a Java key store).
UNMAPPED = frozenset({"ssl_certfile", "ssl_keyfile", "ssl_password", "ssl_crlfile", "ssl_context"})


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def jaas_config(mechanism: str, username: str, password: str) -> str:
    """The ``sasl.jaas.config`` line of a user/password SASL mechanism (PLAIN, SCRAM-SHA-*)."""
    module = LOGIN_MODULES.get(mechanism.upper())
    if module is None:
        raise ValueError(f"SASL mechanism {mechanism!r} is not mapped to a Java login module")
    return f"{module} required username={_quote(username)} password={_quote(password)};"


def kafka_settings(environ: Mapping[str, str]) -> dict[str, str]:
    """The ``NEWSWIRE_KAFKA_*`` variables as ``{kafka-python name: text}``."""
    return {
        name[len(ENV_PREFIX) :].lower(): value
        for name, value in environ.items()
        if name.startswith(ENV_PREFIX)
    }


def java_client_config(bootstrap: str, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """Java Kafka client settings equivalent to kafka-python's from ``NEWSWIRE_KAFKA_*``.

    Security settings are translated (SASL user/password -> ``sasl.jaas.config``, a CA file ->
    a PEM trust store); any other setting ``a_b_c`` becomes ``a.b.c``. Raises ``ValueError``
    for settings that have no Java equivalent here (client certificates).
    """
    given = kafka_settings(os.environ if environ is None else environ)
    unmapped = sorted(UNMAPPED & given.keys())
    if unmapped:
        raise ValueError(f"NEWSWIRE_KAFKA_ settings without a Java KafkaIO equivalent here: {unmapped}")
    config = {"bootstrap.servers": bootstrap}
    username = given.pop("sasl_plain_username", None)
    password = given.pop("sasl_plain_password", None)
    if username is not None or password is not None:
        mechanism = given.get("sasl_mechanism", "PLAIN")
        config["sasl.jaas.config"] = jaas_config(mechanism, username or "", password or "")
    cafile = given.pop("ssl_cafile", None)
    if cafile is not None:
        config["ssl.truststore.type"] = "PEM"
        config["ssl.truststore.location"] = cafile
    check_hostname = given.pop("ssl_check_hostname", None)
    if check_hostname is not None and check_hostname.lower() == "false":
        config["ssl.endpoint.identification.algorithm"] = ""
    for key, value in given.items():
        config[key.replace("_", ".")] = value
    return config
