/**
 * The object-storage port and its adapters: {@link io.playstream.objectstore.ObjectStore},
 * implemented by a local folder ({@link io.playstream.objectstore.FileSystemObjectStore}, atomic
 * writes by rename) and by S3/MinIO. Every adapter passes the same contract test.
 */
package io.playstream.objectstore;
