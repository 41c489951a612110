#!/bin/sh
# Runs every scenario with every peer that can run on this machine, side by side in one JMH run, and
# prints a "skipped: ..." line for each peer that cannot (mimalloc not installed, a hakmem preset whose
# feature modules have not landed). Arguments go to JMH, e.g.
#   hakmem-bench/bench.sh -f 1 -wi 3 -i 5 -w 1s -r 1s
#   hakmem-bench/bench.sh -p allocator=hakmem-minimal,glibc -prof gc TinyHot
# Build first: ./mvnw -B -q -pl hakmem-bench -am package -DskipTests   (JAVA_HOME = a JDK 25)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
exec "$java" --enable-native-access=ALL-UNNAMED -cp "$here/target/benchmarks.jar" io.hakmem.bench.Compare "$@"
