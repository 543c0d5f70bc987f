#!/usr/bin/env bash
# Creates the virtualenv the registry interop test uses (default .cache/registry-venv)
# with confluent-kafka-python and fastavro, and checks that they import.
# Usage: bash scripts/python/setup-registry-venv.sh [venv-dir]
set -euo pipefail
cd "$(dirname "$0")/../.."
VENV="${1:-.cache/registry-venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r scripts/python/requirements-registry.txt
"$VENV/bin/python" -c 'import confluent_kafka, fastavro; from confluent_kafka.schema_registry import SchemaRegistryClient; from confluent_kafka.schema_registry.avro import AvroSerializer, AvroDeserializer; print("registry venv ready: confluent-kafka", confluent_kafka.version(), "fastavro", fastavro.__version__)'
