"""
confluent-kafka-python against a Schema Registry (ours, in the interop test).

Reads one JSON job on stdin, prints one JSON result on stdout:
  job = {url, user?, password?, prefix, schema (Avro JSON text), breaking (text),
         evolved (text), value (record as JSON), node_bytes (hex, framed by our
         AvroSerializer)}
Result: what each client call returned, the decoding of node_bytes, and the
bytes Python's AvroSerializer wrote for `value`.
"""
import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.schema_registry.error import SchemaRegistryError
from confluent_kafka.serialization import MessageField, SerializationContext


def main():
    job = json.load(sys.stdin)
    conf = {"url": job["url"]}
    if job.get("user"):
        conf["basic.auth.user.info"] = "%s:%s" % (job["user"], job["password"])
    client = SchemaRegistryClient(conf)
    out = {}
    subject = job["prefix"] + "-py-value"

    # Register, fetch by id, latest, versions.
    schema = Schema(job["schema"], "AVRO")
    sid = client.register_schema(subject, schema)
    out["registered_id"] = sid
    out["register_again_id"] = client.register_schema(subject, schema)
    fetched = client.get_schema(sid)
    out["fetched_schema"] = json.loads(fetched.schema_str)
    out["fetched_type"] = fetched.schema_type
    latest = client.get_latest_version(subject)
    out["latest"] = {"id": latest.schema_id, "version": latest.version, "subject": latest.subject}
    looked = client.lookup_schema(subject, schema)
    out["lookup"] = {"id": looked.schema_id, "version": looked.version}
    evolved_id = client.register_schema(subject, Schema(job["evolved"], "AVRO"))
    out["evolved_id"] = evolved_id
    out["versions"] = client.get_versions(subject)
    out["version_2"] = client.get_version(subject, 2).schema_id

    # Compatibility: set, read, test, and a refused registration.
    out["set_compatibility"] = client.set_compatibility(subject, "FULL")
    out["get_compatibility"] = client.get_compatibility(subject)
    out["breaking_compatible"] = client.test_compatibility(subject, Schema(job["breaking"], "AVRO"))
    out["evolved_compatible_all"] = client.test_compatibility_all_versions(subject, Schema(job["evolved"], "AVRO"))
    try:
        client.register_schema(subject, Schema(job["breaking"], "AVRO"))
        out["breaking_error"] = None
    except SchemaRegistryError as e:
        out["breaking_error"] = {"http_status": e.http_status_code, "error_code": e.error_code}
    try:
        client.get_version(subject, 9)
        out["missing_version_error"] = None
    except SchemaRegistryError as e:
        out["missing_version_error"] = {"http_status": e.http_status_code, "error_code": e.error_code}

    # Serde: decode the bytes Node wrote, write our own for the same value.
    ctx = SerializationContext(job["prefix"] + "-orders", MessageField.VALUE)
    deserializer = AvroDeserializer(SchemaRegistryClient(conf))
    out["decoded_node_bytes"] = deserializer(bytes.fromhex(job["node_bytes"]), ctx)
    serializer = AvroSerializer(client, job["schema"])
    out["python_bytes"] = serializer(job["value"], ctx).hex()

    # Delete (soft, then permanent).
    out["deleted"] = client.delete_subject(subject)
    out["subjects_after_soft_delete"] = client.get_subjects()
    out["deleted_permanently"] = client.delete_subject(subject, permanent=True)

    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
