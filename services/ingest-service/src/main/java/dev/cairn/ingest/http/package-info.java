/** HTTP concerns of every ingest route: request body limits. */
package dev.cairn.ingest.http;
