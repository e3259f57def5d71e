#!/usr/bin/env bash
# Builds the benchmarks module (root pom profile `benchmarks`) and runs every benchmark: JMH, the
# side-by-side with the official SDKs, the chaos comparison and the outage. Writes docs/benchmarks.md
# and docs/benchmarks.svg. About 15-20 minutes; --quick about 5.
#
#   benchmarks/run.sh            full run
#   benchmarks/run.sh --quick    shorter runs, 500 chaos payments per client and fault rate
#   benchmarks/run.sh --scale 5  full run with 2,000 chaos payments
#   MVN_ARGS=-o benchmarks/run.sh --quick   offline build
#   benchmarks/run.sh --only issue8 --issue8-orders 2000
#                                issue 8's figures (cold start in fresh JVMs, then 10 % and 30 % faults
#                                against independent-gateway simulators); writes only its own section
#                                of docs/benchmarks.md. 500 orders take ~15 min on 2 busy cores.
#
# Extra arguments go to dev.resilientpay.benchmarks.BenchmarkSuite (--only jmh,load,chaos,outage,issue8).
set -euo pipefail

cd "$(dirname "$0")/.."
command_line="benchmarks/run.sh${*:+ $*}"

echo "building (mvn -P benchmarks -pl benchmarks -am package -DskipTests)..."
mvn -B -ntp -q ${MVN_ARGS:-} -P benchmarks -pl benchmarks -am package -DskipTests

classpath="benchmarks/target/classes:benchmarks/target/lib/*"
exec java -Xmx3g \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.logFile=benchmarks/target/slf4j-warnings.log \
  -cp "$classpath" dev.resilientpay.benchmarks.BenchmarkSuite --command "$command_line" "$@"
