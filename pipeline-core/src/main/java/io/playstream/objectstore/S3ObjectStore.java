package io.playstream.objectstore;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import io.playstream.PlaystreamException;
import io.playstream.partition.ObjectKeys;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * S3, MinIO or any S3-protocol server as an object store, through the MinIO client. A put is one
 * PUT request, which S3 makes visible whole or not at all; keys are relative to the configured
 * prefix. Failures are sorted into retriable and permanent by {@link S3Failures}.
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectStore.class);

    private final S3Config config;
    private final OkHttpClient http;
    private final MinioClient client;

    public S3ObjectStore(S3Config config) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build();
        this.client = MinioClient.builder()
                .endpoint(config.endpoint().toString())
                .region(config.region())
                .credentials(config.accessKey(), config.secretKey())
                .httpClient(http)
                .build();
        if (config.pathStyle()) {
            client.disableVirtualStyleEndpoint();
        } else {
            client.enableVirtualStyleEndpoint();
        }
        if (config.createBucketIfMissing()) {
            createBucketIfMissing();
        }
    }

    public S3Config config() {
        return config;
    }

    @Override
    public void put(String key, byte[] body) {
        String name = objectName(key);
        try {
            // data(...) sends the bytes as one PUT: S3 shows the old object or the new one, never a part
            client.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(name)
                    .data(body, body.length).build());
        } catch (MinioException | IllegalStateException e) {
            throw S3Failures.toPlaystreamException("put " + key, describe(), e);
        }
    }

    @Override
    public InputStream open(String key) {
        String name = objectName(key);
        try {
            return client.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(name).build());
        } catch (MinioException | IllegalStateException e) {
            if (S3Failures.isMissingObject(e)) {
                throw PlaystreamException.permanent("no object " + key + " in " + describe(), e);
            }
            throw S3Failures.toPlaystreamException("open " + key, describe(), e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        String name = objectName(key);
        try {
            StatObjectResponse stat = client.statObject(
                    StatObjectArgs.builder().bucket(config.bucket()).object(name).build());
            return Optional.of(new ObjectInfo(key, stat.size(), unquote(stat.etag()), instant(stat.lastModified())));
        } catch (MinioException | IllegalStateException e) {
            if (S3Failures.isMissingObject(e)) {
                return Optional.empty();
            }
            throw S3Failures.toPlaystreamException("stat " + key, describe(), e);
        }
    }

    @Override
    public Stream<ObjectInfo> list(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        // the client's iterator fetches the next page (1,000 keys) only when the previous one is used up
        Iterator<Result<Item>> pages = client.listObjects(ListObjectsArgs.builder().bucket(config.bucket())
                .prefix(config.prefix() + prefix).recursive(true).build()).iterator();
        Iterator<Result<Item>> failingClearly = new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return pages.hasNext();
                } catch (IllegalStateException e) {
                    throw S3Failures.toPlaystreamException("list " + prefix, describe(), e);
                }
            }

            @Override
            public Result<Item> next() {
                return pages.next();
            }
        };
        var items = Spliterators.spliteratorUnknownSize(failingClearly, Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(items, false)
                .map(result -> info(result, prefix))
                .flatMap(Optional::stream);
    }

    @Override
    public void delete(String key) {
        String name = objectName(key);
        try {
            client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(name).build());
        } catch (MinioException | IllegalStateException e) {
            throw S3Failures.toPlaystreamException("delete " + key, describe(), e);
        }
    }

    @Override
    public String describe() {
        return config.describe();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            LOG.debug("Closing the S3 client failed(store={})", describe(), e);
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "S3ObjectStore[" + describe() + "]";
    }

    private Optional<ObjectInfo> info(Result<Item> result, String prefix) {
        Item item;
        try {
            item = result.get();
        } catch (MinioException | IllegalStateException e) {
            throw S3Failures.toPlaystreamException("list " + prefix, describe(), e);
        }
        String key = item.objectName().substring(config.prefix().length());
        if (item.isDir()) {
            return Optional.empty();
        }
        // an unsafe key such as "a/../b", written by another tool, is listed so that callers can count
        // it; open, stat and delete refuse it, so it never reaches a file system or a warehouse
        return Optional.of(new ObjectInfo(key, item.size(), unquote(item.etag()), instant(item.lastModified())));
    }

    private String objectName(String key) {
        return config.prefix() + ObjectKeys.requireSafe(key);
    }

    private void createBucketIfMissing() {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build());
                LOG.info("Created bucket(bucket={}, endpoint={})", config.bucket(), config.endpoint());
            }
        } catch (MinioException | IllegalStateException e) {
            throw S3Failures.toPlaystreamException("create bucket " + config.bucket(), describe(), e);
        }
    }

    private static String unquote(String etag) {
        if (etag == null) {
            return "";
        }
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static Instant instant(ZonedDateTime time) {
        return time == null ? Instant.EPOCH : time.toInstant();
    }
}
