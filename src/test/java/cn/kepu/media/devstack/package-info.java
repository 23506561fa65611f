/**
 * The local stack: a real PostgreSQL, Elasticsearch and S3 server (s3proxy) for dev runs and tests, without Docker.
 *
 * <p>{@link cn.kepu.media.devstack.LocalStack} owns it. Each store runs as its own OS process with a pidfile, so the
 * stack outlives the JVM that started it and the next dev run or test run reuses it. Everything (unpacked
 * distributions, data, logs, pidfiles, ports, JWT dev keys) lives in one folder, the stack home. The distributions come
 * from Maven Central through Maven (profile {@code local-stack} in pom.xml).
 *
 * <p>Test scope on purpose: none of this can end up in a production build. Entry points: the tests' resource
 * {@code cn.kepu.media.testsupport.LocalStackTestResource} and the scripts in {@code deploy/local}.
 */
package cn.kepu.media.devstack;
