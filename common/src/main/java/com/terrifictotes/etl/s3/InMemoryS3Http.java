package com.terrifictotes.etl.s3;

import com.terrifictotes.etl.manifest.Checksum;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * The few S3 operations the stages use (conditional PUT, GET and HEAD with checksum mode, open-ended ranged GETs,
 * ListObjectsV2, multipart create / part / complete / abort), answered in memory with S3's own status codes, headers
 * and XML, for {@link S3Priming}: the SDK's marshallers, signers, endpoint rules and unmarshallers run as they do
 * against S3, with no socket and no credential. It is not a test double for anything else: it keeps no bucket list,
 * no versions and no metadata beyond what those calls read back.
 */
final class InMemoryS3Http implements SdkHttpClient {
    private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    private static final String NAMESPACE = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    private static final String LAST_MODIFIED = "Thu, 03 Nov 2022 14:20:52 GMT";

    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, Map<Integer, byte[]>> uploads = new ConcurrentHashMap<>();
    private final AtomicInteger uploadIds = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();

    /** Requests answered so far: the caller's proof that the SDK's paths really ran. */
    int requests() {
        return requests.get();
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                requests.incrementAndGet();
                return answer(request.httpRequest(), body(request));
            }

            @Override
            public void abort() {
                // answered synchronously from memory: nothing in flight to abort
            }
        };
    }

    @Override
    public String clientName() {
        return "InMemoryS3";
    }

    @Override
    public void close() {
        objects.clear();
        uploads.clear();
    }

    private static byte[] body(HttpExecuteRequest request) throws IOException {
        if (request.contentStreamProvider().isEmpty()) {
            return new byte[0];
        }
        try (InputStream in = request.contentStreamProvider().get().newStream()) {
            return in.readAllBytes();
        }
    }

    private HttpExecuteResponse answer(SdkHttpRequest request, byte[] body) {
        ObjectAddress address = ObjectAddress.of(request);
        Map<String, List<String>> query = request.rawQueryParameters();
        SdkHttpMethod method = request.method();
        if (address.key().isEmpty()) {
            return method == SdkHttpMethod.GET && query.containsKey("list-type") ? list(address, query)
                    : error(400, "InvalidRequest", "only ListObjectsV2 is answered on a bucket");
        }
        if (query.containsKey("uploads")) {
            return createUpload(address);
        }
        Optional<String> uploadId = first(query, "uploadId");
        if (uploadId.isPresent()) {
            return switch (method) {
                case PUT -> uploadPart(uploadId.get(), Integer.parseInt(first(query, "partNumber").orElse("1")), body);
                case POST -> completeUpload(address, uploadId.get(), request);
                case DELETE -> abortUpload(uploadId.get());
                default -> error(405, "MethodNotAllowed", method + " on an upload");
            };
        }
        return switch (method) {
            case PUT -> put(address, request, body);
            case GET, HEAD -> read(address, request, method == SdkHttpMethod.GET);
            default -> error(405, "MethodNotAllowed", method + " on an object");
        };
    }

    private HttpExecuteResponse put(ObjectAddress address, SdkHttpRequest request, byte[] body) {
        if (request.firstMatchingHeader("If-None-Match").isPresent() && objects.containsKey(address.path())) {
            return error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        }
        objects.put(address.path(), body);
        return respond(response(200, null).putHeader("ETag", etag(body))
                .putHeader("x-amz-checksum-crc32c", crc32c(body)), null);
    }

    private HttpExecuteResponse read(ObjectAddress address, SdkHttpRequest request, boolean withBody) {
        byte[] content = objects.get(address.path());
        if (content == null) {
            return withBody ? error(404, "NoSuchKey", "The specified key does not exist.") : empty(404);
        }
        Optional<String> range = request.firstMatchingHeader("Range");
        byte[] served = range.map(r -> slice(content, r)).orElse(content);
        SdkHttpResponse.Builder response = response(range.isPresent() ? 206 : 200, null)
                .putHeader("Content-Length", Integer.toString(served.length))
                .putHeader("Content-Type", "application/octet-stream")
                .putHeader("ETag", etag(content))
                .putHeader("Last-Modified", LAST_MODIFIED);
        if (range.isPresent()) {
            int from = content.length - served.length;
            response.putHeader("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        } else if (request.firstMatchingHeader("x-amz-checksum-mode").filter("ENABLED"::equalsIgnoreCase)
                .isPresent()) {
            response.putHeader("x-amz-checksum-crc32c", crc32c(content)).putHeader("x-amz-checksum-type",
                    "FULL_OBJECT");
        }
        return respond(response, withBody ? served : null);
    }

    /** The bytes of an open-ended range ({@code bytes=<from>-}), the only kind the stages ask for. */
    private static byte[] slice(byte[] content, String range) {
        String from = range.substring(range.indexOf('=') + 1, range.indexOf('-'));
        return Arrays.copyOfRange(content, Math.min(content.length, Integer.parseInt(from.trim())),
                content.length);
    }

    private HttpExecuteResponse list(ObjectAddress address, Map<String, List<String>> query) {
        String prefix = first(query, "prefix").map(SdkHttpUtils::urlDecode).orElse("");
        String bucketPrefix = address.bucket() + "/";
        StringBuilder xml = new StringBuilder(XML_HEAD).append("<ListBucketResult").append(NAMESPACE).append('>')
                .append("<Name>").append(escape(address.bucket())).append("</Name>")
                .append("<Prefix>").append(escape(prefix)).append("</Prefix>");
        int count = 0;
        StringBuilder contents = new StringBuilder();
        for (Map.Entry<String, byte[]> object : new TreeMap<>(objects).entrySet()) {
            if (object.getKey().startsWith(bucketPrefix + prefix)) {
                count++;
                contents.append("<Contents><Key>").append(escape(object.getKey().substring(bucketPrefix.length())))
                        .append("</Key><LastModified>2022-11-03T14:20:52.000Z</LastModified><ETag>")
                        .append(escape(etag(object.getValue()))).append("</ETag><ChecksumAlgorithm>CRC32C")
                        .append("</ChecksumAlgorithm><ChecksumType>FULL_OBJECT</ChecksumType><Size>")
                        .append(object.getValue().length).append("</Size><StorageClass>STANDARD</StorageClass>")
                        .append("</Contents>");
            }
        }
        xml.append("<KeyCount>").append(count).append("</KeyCount><MaxKeys>1000</MaxKeys>")
                .append("<IsTruncated>false</IsTruncated>").append(contents).append("</ListBucketResult>");
        return xml(200, xml.toString());
    }

    private HttpExecuteResponse createUpload(ObjectAddress address) {
        String id = "upload-" + uploadIds.incrementAndGet();
        uploads.put(id, new TreeMap<>());
        return xml(200, XML_HEAD + "<InitiateMultipartUploadResult" + NAMESPACE + "><Bucket>"
                + escape(address.bucket()) + "</Bucket><Key>" + escape(address.key()) + "</Key><UploadId>" + id
                + "</UploadId></InitiateMultipartUploadResult>");
    }

    private HttpExecuteResponse uploadPart(String uploadId, int partNumber, byte[] body) {
        Map<Integer, byte[]> parts = uploads.get(uploadId);
        if (parts == null) {
            return error(404, "NoSuchUpload", "The specified upload does not exist.");
        }
        parts.put(partNumber, body);
        return respond(response(200, null).putHeader("ETag", etag(body))
                .putHeader("x-amz-checksum-crc32c", crc32c(body)), null);
    }

    private HttpExecuteResponse completeUpload(ObjectAddress address, String uploadId, SdkHttpRequest request) {
        Map<Integer, byte[]> parts = uploads.remove(uploadId);
        if (parts == null) {
            return error(404, "NoSuchUpload", "The specified upload does not exist.");
        }
        if (request.firstMatchingHeader("If-None-Match").isPresent() && objects.containsKey(address.path())) {
            return error(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        parts.values().forEach(whole::writeBytes);
        byte[] content = whole.toByteArray();
        objects.put(address.path(), content);
        return xml(200, XML_HEAD + "<CompleteMultipartUploadResult" + NAMESPACE + "><Bucket>"
                + escape(address.bucket()) + "</Bucket><Key>" + escape(address.key()) + "</Key><ETag>"
                + escape(etag(content)) + "</ETag><ChecksumCRC32C>" + crc32c(content)
                + "</ChecksumCRC32C><ChecksumType>FULL_OBJECT</ChecksumType></CompleteMultipartUploadResult>");
    }

    private HttpExecuteResponse abortUpload(String uploadId) {
        uploads.remove(uploadId);
        return empty(204);
    }

    private static HttpExecuteResponse error(int status, String code, String message) {
        return xml(status, XML_HEAD + "<Error><Code>" + code + "</Code><Message>" + escape(message)
                + "</Message><RequestId>in-memory</RequestId></Error>");
    }

    private static HttpExecuteResponse empty(int status) {
        return respond(response(status, null), null);
    }

    private static HttpExecuteResponse xml(int status, String xml) {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        return respond(response(status, "application/xml")
                .putHeader("Content-Length", Integer.toString(bytes.length)), bytes);
    }

    private static HttpExecuteResponse respond(SdkHttpResponse.Builder response, byte[] body) {
        HttpExecuteResponse.Builder answer = HttpExecuteResponse.builder().response(response.build());
        return body == null ? answer.build()
                : answer.responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
    }

    private static SdkHttpResponse.Builder response(int status, String contentType) {
        SdkHttpResponse.Builder builder = SdkHttpResponse.builder().statusCode(status)
                .putHeader("x-amz-request-id", "in-memory");
        return contentType == null ? builder : builder.putHeader("Content-Type", contentType);
    }

    private static Optional<String> first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.ofNullable(values.get(0));
    }

    private static String etag(byte[] content) {
        return "\"" + Long.toHexString(crc(content)) + "-" + content.length + "\"";
    }

    private static String crc32c(byte[] content) {
        return Checksum.crc32c(crc(content)).value();
    }

    private static long crc(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        return crc.getValue();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Bucket and key of a request, in either addressing style: virtual-hosted ({@code <bucket>.s3.<region>...}, what
     * the SDK builds for AWS) or path-style ({@code /<bucket>/<key>}, with an endpoint override).
     */
    record ObjectAddress(String bucket, String key) {
        static ObjectAddress of(SdkHttpRequest request) {
            String path = SdkHttpUtils.urlDecode(request.encodedPath());
            String trimmed = path.startsWith("/") ? path.substring(1) : path;
            int dotS3 = request.host().indexOf(".s3.");
            if (dotS3 > 0) {
                return new ObjectAddress(request.host().substring(0, dotS3), trimmed);
            }
            int slash = trimmed.indexOf('/');
            return slash < 0 ? new ObjectAddress(trimmed, "") : new ObjectAddress(trimmed.substring(0, slash),
                    trimmed.substring(slash + 1));
        }

        String path() {
            return bucket + "/" + key;
        }
    }
}
