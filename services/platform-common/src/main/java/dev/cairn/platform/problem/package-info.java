/** RFC 9457 problem details: the one shape of every error answer of the Cairn API. */
package dev.cairn.platform.problem;
