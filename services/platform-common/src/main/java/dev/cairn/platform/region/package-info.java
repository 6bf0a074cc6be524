/** The regions of a deployment and their object stores (the S3 edge shared by the services that hold data). */
package dev.cairn.platform.region;
