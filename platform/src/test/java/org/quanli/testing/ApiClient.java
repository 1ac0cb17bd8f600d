package org.quanli.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to a running application over real HTTP, as a given user. Tests use it to prove endpoints end to end:
 * status, headers and JSON body as a client sees them.
 */
public final class ApiClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final DemoTokens tokens;
    private final String token;

    private ApiClient(String baseUrl, DemoTokens tokens, String token) {
        this.baseUrl = baseUrl;
        this.tokens = tokens;
        this.token = token;
    }

    public static ApiClient anonymous(int port, DemoTokens tokens) {
        return new ApiClient("http://localhost:" + port, tokens, null);
    }

    /** The same client acting as a user with one role, belonging to a body (may be null). */
    public ApiClient as(String userId, Role role, String body) {
        return new ApiClient(baseUrl, tokens, tokens.issue(userId, userId + "(测试)", List.of(role.name()), body));
    }

    public ApiClient withToken(String rawToken) {
        return new ApiClient(baseUrl, tokens, rawToken);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** @param headers names and values, alternating */
    public Response get(String path, String... headers) {
        return send(request(path).headers(headers).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).POST(json(body)).header("Content-Type", "application/json"));
    }

    public Response put(String path, Object body) {
        return send(request(path).PUT(json(body)).header("Content-Type", "application/json"));
    }

    public Response postRaw(String path, String rawJson) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(rawJson))
                .header("Content-Type", "application/json"));
    }

    /** A POST with an If-Match header carrying the version the client saw. */
    public Response post(String path, Object body, long ifMatchVersion) {
        return send(request(path).POST(json(body)).header("Content-Type", "application/json")
                .header("If-Match", "\"" + ifMatchVersion + "\""));
    }

    /** A multipart/form-data POST: text fields and one file part named {@code file}. */
    public Response postFile(String path, Map<String, String> fields, String fileName, byte[] file) {
        String boundary = "----quanli-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    /** A GET whose body is kept as bytes (a downloaded file), with the headers a download is judged by. */
    public Download download(String path) {
        HttpResponse<byte[]> response = exchange(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
        return new Download(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Content-Disposition").orElse(null), response.body());
    }

    public record Download(int status, String contentType, String contentDisposition, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    private static Response send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Location").orElse(null), response.body());
    }

    private static <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request.build(), body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, String location, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
