/**
 * The images' base, assembled from Debian packages without a Docker daemon or a registry: the packages are resolved from
 * Debian stable's indexes (verified from the release file down to each package by SHA-256), unpacked into one layer with
 * their dpkg records (so image scanners list them), and written as a {@code docker save} archive that Jib takes as its
 * {@code tar://} base image. ADR 0032.
 */
package dev.cairn.baseimage;
