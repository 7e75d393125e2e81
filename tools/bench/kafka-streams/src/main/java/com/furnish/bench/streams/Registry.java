package com.furnish.bench.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A minimal client of a Confluent-compatible schema registry (Apicurio's ccompat API): writer
 * schemas by id (cached for the life of the process) and the id of a local schema under a subject
 * (looked up, registered when missing; cached per subject).
 */
final class Registry {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();
  private final Map<String, Integer> idBySubject = new ConcurrentHashMap<>();

  Registry(String baseUrl) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  Schema schemaById(int id) {
    return byId.computeIfAbsent(id, this::fetchSchema);
  }

  /** The id of `schema` under `subject`: looked up, or registered if the subject does not have it. */
  int idOf(String subject, Schema schema) {
    return idBySubject.computeIfAbsent(subject, s -> lookupOrRegister(s, schema));
  }

  private Schema fetchSchema(int id) {
    JsonNode body = request("GET", "/schemas/ids/" + id, null);
    if (body == null) throw new IllegalStateException("schema id " + id + " is not in the registry");
    return new Schema.Parser().parse(body.get("schema").asText());
  }

  private int lookupOrRegister(String subject, Schema schema) {
    String path = "/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8);
    String payload;
    try {
      payload = json.writeValueAsString(Map.of("schema", schema.toString(), "schemaType", "AVRO"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode found = request("POST", path, payload);
    if (found != null && found.has("id")) return found.get("id").asInt();
    JsonNode registered = request("POST", path + "/versions", payload);
    if (registered == null || !registered.has("id")) throw new IllegalStateException("registry refused a schema for " + subject);
    return registered.get("id").asInt();
  }

  /** The parsed body of a 2xx answer, null for a 404, an exception otherwise. */
  private JsonNode request(String method, String path, String body) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10)).header("accept", CONTENT_TYPE);
    if (body == null) builder.method(method, HttpRequest.BodyPublishers.noBody());
    else builder.header("content-type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 404) return null;
      if (response.statusCode() / 100 != 2) throw new IllegalStateException("registry answered " + response.statusCode() + " to " + method + " " + path + ": " + response.body());
      return json.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
