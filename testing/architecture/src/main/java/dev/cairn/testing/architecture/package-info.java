/** Architecture rules shared by every module's tests (ArchUnit). */
package dev.cairn.testing.architecture;
