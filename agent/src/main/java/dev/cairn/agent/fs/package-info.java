/** Linux file system details Java hides: names as raw bytes, and where a sparse file's data is. */
package dev.cairn.agent.fs;
