/** Named fault points where the crash and race tests halt or hold a service (never active in production). */
package dev.cairn.platform.fault;
