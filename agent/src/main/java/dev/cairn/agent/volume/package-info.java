/**
 * Pod volume data: which volumes of the selected pods are backed up ({@link dev.cairn.agent.volume.PodVolumes}),
 * the tasks the agent hands the node agents through ConfigMaps ({@link dev.cairn.agent.volume.VolumeTasks}), the
 * node agent that backs volumes up and restores them from the host side ({@link dev.cairn.agent.volume.NodeAgent}),
 * and the agent's side of both: backing the selected volumes up ({@link dev.cairn.agent.volume.VolumeBackups}) and
 * restoring the claims a restore created through restore pods ({@link dev.cairn.agent.volume.VolumeRestores}).
 */
package dev.cairn.agent.volume;
