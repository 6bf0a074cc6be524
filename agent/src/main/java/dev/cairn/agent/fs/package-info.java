/**
 * Linux file system details Java hides or makes costly: names as raw bytes, where a sparse file's data is, and a
 * file's status, open and reads as one system call each.
 */
package dev.cairn.agent.fs;
