{
  # simple-kafka's addon links the librdkafka that node-rdkafka builds, so the
  # process loads exactly one librdkafka (both bindings see the same version,
  # features and global state).
  "variables": {
    "rdkafka_deps": "<!(node -p \"require('path').join(require('path').dirname(require.resolve('node-rdkafka/package.json')), 'build', 'deps')\")"
  },
  "targets": [
    {
      "target_name": "simple_kafka",
      "sources": [
        "native/addon.cc",
        "native/consumer.cc",
        "native/admin.cc",
        "native/mock_cluster.cc",
        "native/producer.cc"
      ],
      "include_dirs": [
        "<!(node -p \"require('node-addon-api').include_dir\")",
        "<(rdkafka_deps)/include"
      ],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-ignored-qualifiers"],
      "libraries": [
        "-L<(rdkafka_deps)",
        "-l:librdkafka.so.1",
        "-Wl,-rpath,'$$ORIGIN/../../node_modules/node-rdkafka/build/deps'",
        "-Wl,-rpath,'$$ORIGIN/../../../node-rdkafka/build/deps'",
        "-Wl,-rpath,<(rdkafka_deps)"
      ]
    }
  ]
}
