package dev.culprit.model;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A JSON serde for one record type. Nulls pass through; I/O errors become {@link
 * SerializationException} so that Kafka's exception handlers and the dead-letter topic see them.
 */
public final class JsonSerde<T> implements Serde<T> {
  private final Class<T> type;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  public JsonSerde(Class<T> type) {
    this.type = type;
    this.writer = Json.mapper().writerFor(type);
    this.reader = Json.mapper().readerFor(type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(type);
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, data) -> {
      if (data == null) {
        return null;
      }
      try {
        return writer.writeValueAsBytes(data);
      } catch (IOException e) {
        throw new SerializationException("Cannot write " + type.getSimpleName(), e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.readValue(bytes);
      } catch (IOException | RuntimeException e) {
        throw new SerializationException(
            "Cannot read " + type.getSimpleName() + " from topic " + topic, e);
      }
    };
  }
}
