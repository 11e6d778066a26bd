/**
 * The object-storage port and its adapters: {@link io.playstream.objectstore.ObjectStore},
 * implemented by a local folder ({@link io.playstream.objectstore.FileSystemObjectStore}, atomic
 * writes by rename) and by S3/MinIO ({@link io.playstream.objectstore.S3ObjectStore}, configured by
 * an immutable {@link io.playstream.objectstore.S3Config}; needs the optional minio and okhttp-jvm
 * dependencies). {@link io.playstream.objectstore.ObjectStores} opens either from a store URI.
 * Every adapter passes the same contract test ({@code ObjectStoreContractTest} in the test-jar);
 * failures are {@link io.playstream.PlaystreamException}s, retriable when the store may come back.
 */
package io.playstream.objectstore;
