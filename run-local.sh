#!/usr/bin/env bash
# Runs the mcp-lambda local server (both planes on loopback, in-process Lambda function host).
# Builds the runnable JAR first if it is missing or older than the sources.
# Usage: ./run-local.sh [--register-examples] [--auth iam --credentials FILE] ...  (--help for all)
set -euo pipefail
cd "$(dirname "$0")"

jar_pattern='local-server/target/local-server-*-runnable.jar'
newest_jar() { ls -t $jar_pattern 2>/dev/null | head -1 || true; }

jar="$(newest_jar)"
stale=""
if [ -n "$jar" ]; then
  # any source or pom newer than the JAR means a rebuild
  stale="$(find shared-model streaming-runtime mcp-handler registration-handler example-tools local-server pom.xml \
    \( -path '*/target' -prune \) -o \( -newer "$jar" \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' \) -print \) \
    2>/dev/null | head -1)"
fi
if [ -z "$jar" ] || [ -n "$stale" ]; then
  echo "building the local server (./mvnw -pl local-server -am package -DskipTests) ..." >&2
  ./mvnw -B -q -Dnpm.skip -DskipTests -Dspotless.check.skip -pl local-server -am package >&2
  jar="$(newest_jar)"
fi

# the JDK ./mvnw picked (>= 21), else JAVA_HOME, else java on the PATH
java_bin="java"
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java_bin="$JAVA_HOME/bin/java"
fi
if ! "$java_bin" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
  for d in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && "$d/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
      java_bin="$d/bin/java"
      break
    fi
  done
fi

exec "$java_bin" -XX:+UseSerialGC -Xshare:auto \
  -Dorg.slf4j.simpleLogger.showDateTime=true \
  -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
  -Dorg.slf4j.simpleLogger.showLogName=false \
  -Dorg.slf4j.simpleLogger.showShortLogName=true \
  -jar "$jar" "$@"
