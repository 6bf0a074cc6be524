/** The web portal in a real headless Chromium, against the platform the integration tests start (ADR 0020). */
package dev.cairn.it.portal;
