/** Record authentication: format, agent, tenant and MAC checks, with a reason for every rejection. */
package dev.cairn.ingest.record;
