/** The tenant service's fault points for the race tests ({@code FaultDir}: hold or halt at a named point). */
package dev.cairn.tenant.fault;
