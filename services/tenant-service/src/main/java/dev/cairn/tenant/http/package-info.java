/** HTTP concerns of every route: request body limits. */
package dev.cairn.tenant.http;
