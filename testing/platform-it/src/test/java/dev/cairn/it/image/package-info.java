/** Tests of the container images the build writes (OCI tarballs): what the platform chart runs, on what base. */
package dev.cairn.it.image;
