/**
 * What the integration tests share: the platform started once per run ({@link dev.cairn.it.support.TestPlatform}),
 * HTTP calls, tenants and agents made through the public API, a local agent, seeded datasets, crafted sources, file
 * tree checks, and reads of the ingest catalog. Tests live in feature packages beside it: {@code tenant},
 * {@code agent}, {@code backup}, {@code security}, {@code crash}, {@code platform}, {@code cli}.
 */
package dev.cairn.it.support;
