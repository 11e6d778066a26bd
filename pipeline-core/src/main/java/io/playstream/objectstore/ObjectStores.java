package io.playstream.objectstore;

import io.playstream.OptionalDependency;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens an {@link ObjectStore} from a store URI (the {@code --store} option):
 * <ul>
 *   <li>{@code file:/abs/path}: a local folder;</li>
 *   <li>{@code s3://bucket[/prefix]?endpoint=http://host:port[&region=R][&path-style=true|false][&create-bucket=true|false]}:
 *       S3 or MinIO, with the credentials {@value #ACCESS_KEY_VARIABLE} and {@value #SECRET_KEY_VARIABLE}
 *       taken from the environment the caller passes (core never reads the process environment).</li>
 * </ul>
 */
public final class ObjectStores {

    public static final String ACCESS_KEY_VARIABLE = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_KEY_VARIABLE = "AWS_SECRET_ACCESS_KEY";

    /** The URI forms, for a command's help and every error (a compile-time constant, so an option's description can use it). */
    public static final String FORMS = "file:/absolute/folder or "
            + "s3://bucket[/prefix]?endpoint=http://host:port[&region=us-east-1][&path-style=true][&create-bucket=false]"
            + " (S3 credentials from " + ACCESS_KEY_VARIABLE + " and " + SECRET_KEY_VARIABLE + ")";

    static final String ACCEPTED_FORMS = "accepted: " + FORMS;

    private static final Set<String> S3_PARAMETERS = Set.of("endpoint", "region", "path-style", "create-bucket");

    private ObjectStores() {
    }

    /**
     * The store a URI names, for a writer: a missing local folder is created (the sink's first
     * start). An {@link IllegalArgumentException} naming the problem when the URI names no store.
     */
    public static ObjectStore open(String uri, Map<String, String> environment) {
        URI parsed = parse(uri);
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme();
        return switch (scheme) {
            case "file" -> new FileSystemObjectStore(folder(parsed, uri));
            case "s3" -> s3Store(s3Config(parsed, uri, environment));
            default -> throw bad(uri, "unknown scheme '" + scheme + "'");
        };
    }

    /**
     * The store a URI names, for a reader: it must exist already, so a mistyped folder is an error
     * rather than an empty store that "loads 0 objects". A missing local folder is an
     * {@link IllegalArgumentException}; an S3 bucket is never created here, and a missing one fails
     * at the first listing.
     */
    public static ObjectStore openExisting(String uri, Map<String, String> environment) {
        URI parsed = parse(uri);
        if ("file".equals(parsed.getScheme())) {
            Path folder = folder(parsed, uri);
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("store '" + uri + "': the folder " + folder
                        + " does not exist (a command that reads never creates it; check the path)");
            }
            return new FileSystemObjectStore(folder);
        }
        if ("s3".equals(parsed.getScheme())) {
            return s3Store(s3Config(parsed, uri, environment).withCreateBucketIfMissing(false));
        }
        return open(uri, environment);
    }

    /** The S3 configuration an {@code s3://} URI names, without opening anything. */
    public static S3Config s3Config(String uri, Map<String, String> environment) {
        URI parsed = parse(uri);
        if (!"s3".equals(parsed.getScheme())) {
            throw bad(uri, "not an s3:// URI");
        }
        return s3Config(parsed, uri, environment);
    }

    private static ObjectStore s3Store(S3Config config) {
        OptionalDependency.requireAll(OptionalDependency.S3, OptionalDependency.OKHTTP);
        return new S3ObjectStore(config);
    }

    private static URI parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw bad(uri, "the store URI is empty");
        }
        try {
            return new URI(uri.strip());
        } catch (URISyntaxException e) {
            throw bad(uri, e.getMessage());
        }
    }

    private static Path folder(URI uri, String original) {
        if (uri.getPath() == null || !uri.getPath().startsWith("/") || uri.getQuery() != null
                || (uri.getAuthority() != null && !uri.getAuthority().isEmpty())) {
            throw bad(original, "a file store needs an absolute local path and no query");
        }
        return Path.of(uri.getPath());
    }

    private static S3Config s3Config(URI uri, String original, Map<String, String> environment) {
        String bucket = uri.getHost();
        if (bucket == null || uri.getUserInfo() != null || uri.getPort() != -1) {
            throw bad(original, "an s3 store needs a bucket name after s3://, without user or port");
        }
        Map<String, String> query = query(uri, original);
        String endpoint = query.get("endpoint");
        if (endpoint == null) {
            throw bad(original, "the endpoint parameter is missing (e.g. ?endpoint=http://127.0.0.1:9000, "
                    + "or ?endpoint=https://s3.eu-west-1.amazonaws.com for AWS)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String prefix = path.startsWith("/") ? path.substring(1) : path;
        boolean pathStyle = flag(query, "path-style", S3Config.DEFAULT_PATH_STYLE, original);
        boolean createBucket = flag(query, "create-bucket", S3Config.DEFAULT_CREATE_BUCKET_IF_MISSING, original);
        // the URI is fine by now; a missing credential is the environment's problem and says so
        String accessKey = credential(environment, ACCESS_KEY_VARIABLE, original);
        String secretKey = credential(environment, SECRET_KEY_VARIABLE, original);
        try {
            return new S3Config(URI.create(endpoint), query.getOrDefault("region", S3Config.DEFAULT_REGION), bucket,
                    prefix, accessKey, secretKey, pathStyle, createBucket,
                    S3Config.DEFAULT_CONNECT_TIMEOUT, S3Config.DEFAULT_REQUEST_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw bad(original, e.getMessage());
        }
    }

    private static Map<String, String> query(URI uri, String original) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()) {
            return parameters;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (!S3_PARAMETERS.contains(name)) {
                throw bad(original, "unknown parameter '" + name + "' (known: " + String.join(", ",
                        S3_PARAMETERS.stream().sorted().toList()) + ")");
            }
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (parameters.put(name, value) != null) {
                throw bad(original, "parameter '" + name + "' is given twice");
            }
        }
        return parameters;
    }

    private static boolean flag(Map<String, String> query, String name, boolean defaultValue, String original) {
        String value = query.get(name);
        if (value == null) {
            return defaultValue;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(original, "parameter '" + name + "' must be true or false, got '" + value + "'");
        };
    }

    private static String credential(Map<String, String> environment, String variable, String original) {
        String value = environment.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("store '" + original + "': the environment variable " + variable
                    + " is not set (S3 credentials come from " + ACCESS_KEY_VARIABLE + " and " + SECRET_KEY_VARIABLE
                    + " only)");
        }
        return value;
    }

    private static IllegalArgumentException bad(String uri, String problem) {
        return new IllegalArgumentException("bad store URI '" + uri + "': " + problem + "; " + ACCEPTED_FORMS);
    }
}
