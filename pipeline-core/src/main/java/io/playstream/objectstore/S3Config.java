package io.playstream.objectstore;

import static java.util.Objects.requireNonNull;

import io.playstream.partition.ObjectKeys;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Where an {@link S3ObjectStore} writes: an S3-protocol endpoint (AWS S3, MinIO, S3Proxy), one
 * bucket and an optional key prefix. Immutable; change a copy with the {@code with*} methods.
 * {@link #toString()} never shows the secret key.
 *
 * @param endpoint              {@code http(s)://host[:port]} of the S3 API
 * @param region                signing region, {@value #DEFAULT_REGION} unless the server wants another
 * @param bucket                the bucket (S3 naming rules: 3-63 of {@code a-z 0-9 . -})
 * @param prefix                keys of the store are relative to it: empty, or ends with {@code /}
 * @param accessKey             access key id
 * @param secretKey             secret access key
 * @param pathStyle             {@code http://host/bucket/key} (MinIO, S3Proxy) instead of
 *                              {@code http://bucket.host/key}
 * @param createBucketIfMissing create the bucket when the store opens (tests, first start)
 * @param connectTimeout        how long to wait for a connection before a retriable failure
 * @param requestTimeout        how long a read or write may stall before a retriable failure
 */
public record S3Config(URI endpoint, String region, String bucket, String prefix, String accessKey,
        String secretKey, boolean pathStyle, boolean createBucketIfMissing, Duration connectTimeout,
        Duration requestTimeout) {

    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_PREFIX = "";
    public static final boolean DEFAULT_PATH_STYLE = true;
    public static final boolean DEFAULT_CREATE_BUCKET_IF_MISSING = false;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern REGION_NAME = Pattern.compile("[a-z0-9-]+");

    public S3Config {
        requireNonNull(endpoint, "endpoint");
        if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                || endpoint.getHost() == null) {
            throw new IllegalArgumentException(
                    "endpoint '" + endpoint + "' must be http://host[:port] or https://host[:port]");
        }
        requireNonNull(region, "region");
        if (!REGION_NAME.matcher(region).matches()) {
            throw new IllegalArgumentException("region '" + region + "' must be a region name such as "
                    + DEFAULT_REGION + " (lower-case letters, digits, '-')");
        }
        requireNonNull(bucket, "bucket");
        if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("bucket '" + bucket
                    + "' must be 3-63 characters of lower-case letters, digits, '.' and '-', "
                    + "starting and ending with a letter or digit");
        }
        prefix = normalisePrefix(requireNonNull(prefix, "prefix"));
        requireText(accessKey, "accessKey");
        requireText(secretKey, "secretKey");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
    }

    /** A config with every optional setting at its default. */
    public static S3Config of(URI endpoint, String bucket, String accessKey, String secretKey) {
        return new S3Config(endpoint, DEFAULT_REGION, bucket, DEFAULT_PREFIX, accessKey, secretKey,
                DEFAULT_PATH_STYLE, DEFAULT_CREATE_BUCKET_IF_MISSING, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_REQUEST_TIMEOUT);
    }

    public S3Config withRegion(String newRegion) {
        return new S3Config(endpoint, newRegion, bucket, prefix, accessKey, secretKey, pathStyle,
                createBucketIfMissing, connectTimeout, requestTimeout);
    }

    public S3Config withPrefix(String newPrefix) {
        return new S3Config(endpoint, region, bucket, newPrefix, accessKey, secretKey, pathStyle,
                createBucketIfMissing, connectTimeout, requestTimeout);
    }

    public S3Config withPathStyle(boolean newPathStyle) {
        return new S3Config(endpoint, region, bucket, prefix, accessKey, secretKey, newPathStyle,
                createBucketIfMissing, connectTimeout, requestTimeout);
    }

    public S3Config withCreateBucketIfMissing(boolean create) {
        return new S3Config(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle, create,
                connectTimeout, requestTimeout);
    }

    public S3Config withTimeouts(Duration newConnectTimeout, Duration newRequestTimeout) {
        return new S3Config(endpoint, region, bucket, prefix, accessKey, secretKey, pathStyle,
                createBucketIfMissing, newConnectTimeout, newRequestTimeout);
    }

    /** {@code s3://bucket/prefix at endpoint}: for logs and errors. */
    public String describe() {
        return "s3://" + bucket + "/" + prefix + " at " + endpoint;
    }

    @Override
    public String toString() {
        return "S3Config[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket + ", prefix=" + prefix
                + ", accessKey=" + abbreviate(accessKey) + ", secretKey=****, pathStyle=" + pathStyle
                + ", createBucketIfMissing=" + createBucketIfMissing + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }

    // enough of the key id to tell two configurations apart, not enough to use it
    private static String abbreviate(String key) {
        return key.length() > 8 ? key.substring(0, 4) + "****" : "****";
    }

    private static String normalisePrefix(String prefix) {
        if (prefix.isEmpty()) {
            return prefix;
        }
        String withSlash = prefix.endsWith("/") ? prefix : prefix + "/";
        if (!ObjectKeys.isSafe(withSlash.substring(0, withSlash.length() - 1))) {
            throw new IllegalArgumentException("prefix '" + prefix
                    + "' must be empty or a safe relative path such as 'playstream/' (no '..', '//' or leading '/')");
        }
        return withSlash;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}
