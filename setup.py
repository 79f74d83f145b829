"""newswire: stream wire feeds through Kafka and Apache Beam into trade intelligence.

setup.py (rather than only pyproject.toml) because Beam ships the code to remote workers
with ``--setup_file ./setup.py``.
"""

from setuptools import find_packages, setup

# apache-beam is pinned exactly: the Python SDK must match the Beam Java artifacts used by the
# Flink runner: 2.62.0 is the newest whose Flink job server assembles from Maven here
# (deploy/flink/README.md has the version matrix).
BEAM_VERSION = "2.62.0"

setup(
    name="newswire",
    version="0.1.0",
    description="Streaming news ingestion: wire feeds -> Kafka -> Beam -> trade stories",
    python_requires=">=3.11",
    packages=find_packages(include=["newswire*", "connectors*", "pipeline*", "schemas*"]),
    package_data={"schemas": ["*.json"], "newswire": ["py.typed", "trade/*.json"],
                  "connectors": ["py.typed"], "pipeline": ["py.typed"]},
    install_requires=[
        f"apache-beam=={BEAM_VERSION}",
        "feedparser>=6.0.11,<7",
        "kafka-python>=2.2,<4",
        "crc32c>=2.3",  # C CRC-32C for kafka-python's record batches: ~10x faster produce and fetch
        "orjson>=3.9",
        "pyarrow>=14",
        "httpx>=0.27,<1",
        "selectolax>=0.3.21",
        "pycountry>=24.6",
        "countryinfo>=1.0.1,<2",  # capitals, demonyms and alternative country names (extractor)
        "jsonschema>=4.21",
        "tqdm>=4.60",
        "numpy>=1.25",  # MinHash signatures of the dedup stage (np.minimum.at is fast from 1.25)
    ],
    extras_require={
        "test": ["pytest>=8", "ruff>=0.6", "mypy>=1.10", "duckdb>=1.0", "scikit-learn>=1.4"],
        "train": ["scikit-learn>=1.4"],
    },
    entry_points={"console_scripts": ["newswire=newswire.cli:main"]},
)
