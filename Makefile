# newswire: the two README commands are `make demo` and `make test`; both set up what they need.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
KAFKA := deploy/local/kafka.sh

# Development broker (make kafka-up): 127.0.0.1:9092. Tests run their own throw-away broker on
# TEST_KAFKA_PORT so they never touch the development one.
KAFKA_PORT ?= 9092
TEST_KAFKA_PORT ?= 19092
TEST_KAFKA_DATA ?= var/kafka-test-$(TEST_KAFKA_PORT)
PYTEST_ARGS ?=

.PHONY: help install kafka-fetch kafka-up kafka-down kafka-status test lint eval train-classifier demo demo-feeds \
        bench bench-connectors bench-extract bench-dedup bench-stages bench-stories flink-jar flink-latency clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

$(BIN)/.installed: setup.py
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found (Python 3.10+ needed)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

install: $(BIN)/.installed  ## create .venv and install newswire with its test tools

kafka-fetch:  ## resolve the Kafka broker jars with Maven (once)
	@$(KAFKA) fetch

kafka-up: install kafka-fetch  ## start the local broker on 127.0.0.1:$(KAFKA_PORT) and create the topics
	@KAFKA_PORT=$(KAFKA_PORT) $(KAFKA) up
	@NEWSWIRE_BOOTSTRAP=127.0.0.1:$(KAFKA_PORT) $(BIN)/newswire topics create

kafka-down:  ## stop the local broker
	@KAFKA_PORT=$(KAFKA_PORT) $(KAFKA) down

kafka-status:  ## is the local broker running?
	@KAFKA_PORT=$(KAFKA_PORT) $(KAFKA) status

lint: install  ## ruff and mypy
	$(BIN)/ruff check .
	$(BIN)/mypy

test: install kafka-fetch flink-jar  ## lint, start a throw-away broker, run all tests (Flink too), stop the broker
	@rm -rf $(TEST_KAFKA_DATA); \
	export KAFKA_PORT=$(TEST_KAFKA_PORT) KAFKA_DATA_DIR=$(CURDIR)/$(TEST_KAFKA_DATA); \
	trap '$(KAFKA) down' EXIT; \
	$(BIN)/ruff check . && \
	$(KAFKA) up && \
	NEWSWIRE_BOOTSTRAP=127.0.0.1:$(TEST_KAFKA_PORT) NEWSWIRE_REQUIRE_KAFKA=1 NEWSWIRE_REQUIRE_FLINK=1 \
	  $(BIN)/pytest $(PYTEST_ARGS)

FLINK_JAR := deploy/flink/target/beam-flink-job-server.jar

flink-jar: $(FLINK_JAR)  ## assemble the Beam Flink job server jar in deploy/flink/target/ (Maven, once)

$(FLINK_JAR): deploy/flink/pom.xml
	@command -v mvn >/dev/null || { echo "error: mvn not found (Debian package 'maven')"; exit 1; }
	cd deploy/flink && mvn -q -B package
	@echo "Flink job server: $(FLINK_JAR) (keep deploy/flink/target/lib/ beside it)"

demo-feeds: install  ## rebuild deploy/demo feeds, feeds.toml, expected.json, EXPECTED.md from catalog.py
	$(BIN)/python deploy/demo/build_feeds.py

EVAL_MIN_TEST_F1 ?= 0.80
eval: install  ## trade classifier on Reuters-21578 ModApte: P/R/F1 on TRAIN and TEST, worst errors, speed
	$(BIN)/newswire evaluate reuters --min-test-f1 $(EVAL_MIN_TEST_F1)

train-classifier: install  ## relearn the classifier's weights on Reuters-21578 TRAIN into newswire/trade/knowledge.json
	$(BIN)/python -c "import sklearn" 2>/dev/null || $(BIN)/pip install -q -e '.[train]'
	$(BIN)/python -m newswire.trade.train

BENCH_COUNT ?= 50000
bench-connectors: install kafka-fetch  ## connector feeds polled/min and items published/s (own broker on BENCH_KAFKA_PORT, local feeds)
	$(BIN)/python benchmarks/bench_connectors.py

bench-extract: install  ## extractor speed and field coverage: Reuters-21578 TRAIN and 3,000 generated stories (bare loop, one core)
	$(BIN)/python benchmarks/measure_extract.py
	@mkdir -p var/extract
	$(BIN)/python benchmarks/generate_stories.py --count 3000 --seed 7 \
	  --out var/extract/stories.jsonl --truth var/extract/truth.jsonl
	$(BIN)/python benchmarks/measure_extract.py --stories var/extract/stories.jsonl

bench-dedup: install  ## near-duplicate threshold (Reuters-21578 TRAIN, 20,000 generated items) and stage speeds
	@mkdir -p var/stages
	$(BIN)/python benchmarks/generate_stories.py --count 20000 --seed 11 \
	  --out var/stages/s20k.jsonl --truth var/stages/s20k.truth.jsonl
	$(BIN)/python benchmarks/measure_dedup.py --reuters $${NEWSWIRE_DATA:-../shared/data}/reuters21578 \
	  --generated var/stages/s20k.jsonl --truth var/stages/s20k.truth.jsonl --beam

bench-stages: install  ## CPU ms per item of each stage's core function (3,000 generated items, one core)
	$(BIN)/python benchmarks/generate_stories.py --count 3000 --seed 7 --out var/bench/stages-3000.jsonl
	$(BIN)/python benchmarks/measure_stages.py var/bench/stages-3000.jsonl --repeat 3

bench-stories: install  ## write BENCH_COUNT generated raw items to var/bench/stories.jsonl (+ truth.jsonl)
	$(BIN)/python benchmarks/generate_stories.py --count $(BENCH_COUNT) --seed 7 \
	  --out var/bench/stories.jsonl --truth var/bench/truth.jsonl

DEMO_ARGS ?=
demo: install kafka-fetch  ## offline end-to-end demo: broker, sample feeds over local HTTP, connectors, pipeline, summary
	@KAFKA_PORT=$(KAFKA_PORT) $(KAFKA) up
	@NEWSWIRE_BOOTSTRAP=127.0.0.1:$(KAFKA_PORT) $(BIN)/newswire demo $(DEMO_ARGS)
	@echo "The broker keeps running on 127.0.0.1:$(KAFKA_PORT) for newswire tail; stop it with: make kafka-down"

BENCH_ARGS ?=
bench: install kafka-fetch  ## pipeline stories/s on BENCH_COUNT items: bare loop, DirectRunner, Kafka -> Kafka + Parquet
	@KAFKA_PORT=$(KAFKA_PORT) $(KAFKA) up
	NEWSWIRE_BOOTSTRAP=127.0.0.1:$(KAFKA_PORT) $(BIN)/python benchmarks/bench_pipeline.py \
	  --count $(BENCH_COUNT) $(BENCH_ARGS)

flink-latency: install kafka-fetch $(FLINK_JAR)  ## streaming follow mode on embedded Flink: publish -> news.trade latency of 1,000 stories
	@KAFKA_PORT=$(KAFKA_PORT) $(KAFKA) up
	NEWSWIRE_BOOTSTRAP=127.0.0.1:$(KAFKA_PORT) $(BIN)/python deploy/flink/probe_streaming_latency.py \
	  --pipeline --records 1000 --rate 20

clean:  ## remove the virtualenv, broker data and caches (not the Maven cache)
	rm -rf $(VENV) var deploy/local/data .pytest_cache .ruff_cache .mypy_cache *.egg-info
