/** HTTP concerns of every route: request body limits, the answers of creating requests. */
package dev.cairn.tenant.http;
