package com.terrifictotes.etl.manifest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.terrifictotes.etl.csv.Timestamps;
import com.terrifictotes.etl.error.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;

/**
 * JSON form of the manifests and operator decisions. Timestamps use {@link Timestamps} (full precision, no zone)
 * rather than Jackson's defaults, so a window bound read back is exactly the bound written.
 *
 * <p>The one place where formats are versioned: every document carries {@code formatVersion}, which is checked
 * before anything else is read, so a document of a format this code does not know is refused with one message naming
 * the object, its version and the versions this code reads, never misread. Older formats are upcast here, as they
 * are read: a processed manifest of format 1 lacks {@code quarantinedBy}, which is null for it (no batch was
 * quarantined before format 2 existed); a data file of an ingestion manifest of format 1 or a processed manifest of
 * format 1 or 2 records a bare {@code sha256}, read as a SHA-256 {@link Checksum} ({@link DataFile}). Writers always
 * write the newest format.
 */
public final class ManifestJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new SimpleModule("totes-time")
                    .addSerializer(LocalDateTime.class, new LocalDateTimeSerializer())
                    .addDeserializer(LocalDateTime.class, new LocalDateTimeDeserializer())
                    .addSerializer(Instant.class, new InstantSerializer())
                    .addDeserializer(Instant.class, new InstantDeserializer()))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ManifestJson() {
    }

    public static byte[] write(Object manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IngestionManifest readIngestion(String location, byte[] json) {
        return read(location, json, IngestionManifest.class, IngestionManifest.OLDEST_READABLE_FORMAT,
                IngestionManifest.FORMAT_VERSION);
    }

    public static ProcessedManifest readProcessed(String location, byte[] json) {
        return read(location, json, ProcessedManifest.class, ProcessedManifest.OLDEST_READABLE_FORMAT,
                ProcessedManifest.FORMAT_VERSION);
    }

    public static OperatorDecision readDecision(String location, byte[] json) {
        return read(location, json, OperatorDecision.class, OperatorDecision.FORMAT_VERSION,
                OperatorDecision.FORMAT_VERSION);
    }

    private static <T> T read(String location, byte[] json, Class<T> type, int oldest, int newest) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            JsonNode version = tree == null ? null : tree.get("formatVersion");
            if (version == null || !version.canConvertToExactIntegral()) {
                throw new BadInputException("manifest " + location + " is not a valid " + type.getSimpleName()
                        + ": it has no formatVersion");
            }
            if (version.asInt() < oldest || version.asInt() > newest) {
                throw new BadInputException("manifest " + location + " is a " + type.getSimpleName() + " of format "
                        + version.asText() + ", which this code cannot read: it reads formats "
                        + (oldest == newest ? Integer.toString(newest) : oldest + " to " + newest)
                        + (version.asInt() > newest ? " (written by a newer version of the pipeline: deploy it)" : ""));
            }
            return MAPPER.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException ? e.getCause() : e;
            throw new BadInputException("manifest " + location + " is not a valid " + type.getSimpleName() + ": "
                    + firstLine(cause.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class LocalDateTimeSerializer extends JsonSerializer<LocalDateTime> {
        @Override
        public void serialize(LocalDateTime value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(Timestamps.format(value));
        }
    }

    private static final class LocalDateTimeDeserializer extends JsonDeserializer<LocalDateTime> {
        @Override
        public LocalDateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Timestamps.parse(parser.getValueAsString());
        }
    }

    private static final class InstantSerializer extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    private static final class InstantDeserializer extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Instant.parse(parser.getValueAsString());
        }
    }
}
