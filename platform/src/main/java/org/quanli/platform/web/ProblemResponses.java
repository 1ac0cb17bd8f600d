package org.quanli.platform.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds RFC 9457 problem details. Every problem has a type {@code urn:quanli:problem:<name>} that clients can
 * branch on; a broken business rule also carries its name in the {@code rule} member.
 */
@Component
public class ProblemResponses {

    public static final String TYPE_PREFIX = "urn:quanli:problem:";
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public static ProblemDetail problem(HttpStatus status, String name, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + name));
        return problem;
    }

    public ResponseEntity<ProblemDetail> entity(HttpStatus status, String name, String detail) {
        return ResponseEntity.status(status).contentType(PROBLEM_JSON).body(problem(status, name, detail));
    }

    /** For filters that answer before Spring MVC does (authentication, access). */
    public void write(HttpServletResponse response, HttpStatus status, String name, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem(status, name, detail));
    }
}
