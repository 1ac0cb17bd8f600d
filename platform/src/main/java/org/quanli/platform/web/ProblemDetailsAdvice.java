package org.quanli.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.quanli.kernel.rules.AlreadyExists;
import org.quanli.kernel.rules.Forbidden;
import org.quanli.kernel.rules.NotFound;
import org.quanli.kernel.rules.RuleViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into RFC 9457 problem details: a client's mistake gets a 4xx naming the field or the rule;
 * anything else is logged here and answered with a 500 that gives nothing of the server away.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** One invalid field: its path in the request, the constraint broken and what to do about it. */
    public record FieldProblem(String field, String rule, String message) {
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolated(RuleViolation e) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.UNPROCESSABLE_CONTENT, "rule:" + e.rule(), e.getMessage());
        problem.setTitle("业务规则不允许此操作");
        problem.setProperty("rule", e.rule());
        return response(problem);
    }

    @ExceptionHandler({NotFound.class, AggregateNotFoundException.class})
    ResponseEntity<ProblemDetail> notFound(RuntimeException e) {
        return response(ProblemResponses.problem(HttpStatus.NOT_FOUND, "not-found", e.getMessage()));
    }

    @ExceptionHandler({ConflictingModificationException.class, ConcurrencyException.class,
            AggregateStreamCreationException.class, DuplicateKeyException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        log.info("conflicting change refused: {}", e.getMessage());
        return response(ProblemResponses.problem(HttpStatus.CONFLICT, "conflict",
                "该记录已被他人修改或已存在,请刷新后重试"));
    }

    @ExceptionHandler(AlreadyExists.class)
    ResponseEntity<ProblemDetail> alreadyExists(AlreadyExists e) {
        return response(ProblemResponses.problem(HttpStatus.CONFLICT, "already-exists", e.getMessage()));
    }

    @ExceptionHandler(Unavailable.class)
    ResponseEntity<ProblemDetail> unavailable(Unavailable e) {
        ResponseEntity<ProblemDetail> response = response(
                ProblemResponses.problem(HttpStatus.SERVICE_UNAVAILABLE, e.name(), e.getMessage()));
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .body(response.getBody());
    }

    @ExceptionHandler({AccessDeniedException.class, Forbidden.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        return response(ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden", e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        if (outOfRange(e) != null) {
            return dateOutOfRange(new DateRange.Refused(e.getName(), e.getValue()));
        }
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "参数 " + e.getName() + " 的值不合法");
        problem.setProperty("errors", List.of(new FieldProblem(e.getName(), "type", "值不合法: " + e.getValue())));
        return response(problem);
    }

    @ExceptionHandler(ControlCharacters.Refused.class)
    ResponseEntity<ProblemDetail> controlCharacter(ControlCharacters.Refused e) {
        return invalidField(new FieldProblem(e.field(), ControlCharacters.RULE, e.getMessage()));
    }

    @ExceptionHandler(DateRange.Refused.class)
    ResponseEntity<ProblemDetail> dateOutOfRange(DateRange.Refused e) {
        return invalidField(new FieldProblem(e.field(), DateRange.RULE, e.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> invalidField(FieldProblem error) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation",
                error.field() + ": " + error.message());
        problem.setTitle("请求数据不合法");
        problem.setProperty("errors", List.of(error));
        return response(problem);
    }

    /** A date parameter's converter refuses a date out of range as a type mismatch caused by it. */
    private static DateRange.Refused outOfRange(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DateRange.Refused refused) {
                return refused;
            }
        }
        return null;
    }

    /** Spring Security's firewall checks parameter names only when they are read, here past its own filter. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return response(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-request", "请求中含有不允许的字符"));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return response(ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-request", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return response(ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "服务器内部错误,已记录日志"));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            DateRange.Refused date = error.contains(TypeMismatchException.class)
                    ? outOfRange(error.unwrap(TypeMismatchException.class)) : null;
            errors.add(date != null ? new FieldProblem(error.getField(), DateRange.RULE, date.getMessage())
                    : new FieldProblem(error.getField(), error.getCode(), error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors().forEach(error ->
                errors.add(new FieldProblem(error.getObjectName(), error.getCode(), error.getDefaultMessage())));
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation",
                errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
        problem.setTitle("请求数据不合法");
        problem.setProperty("errors", errors);
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(name,
                    error.getCodes() == null || error.getCodes().length == 0 ? null
                            : error.getCodes()[error.getCodes().length - 1],
                    error.getDefaultMessage())));
        }
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "validation",
                errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")));
        problem.setTitle("请求参数不合法");
        problem.setProperty("errors", errors);
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "请求体不是合法的 JSON");
        problem.setTitle("请求体无法解析");
        if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = fieldPath(databind);
            String message = whatIsWrong(databind);
            problem.setDetail("字段 " + field + ": " + message);
            problem.setProperty("errors", List.of(new FieldProblem(field, "type", message)));
        } else if (e.getCause() instanceof JacksonException jackson) {
            problem.setDetail("请求体不是合法的 JSON: " + jackson.getOriginalMessage());
        }
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Spring's own problems (unsupported method, missing parameter, …) keep its detail but get our type.
        if (body instanceof ProblemDetail problem && problem.getType().toString().equals("about:blank")) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            problem.setType(java.net.URI.create(ProblemResponses.TYPE_PREFIX
                    + (status == null ? "http-" + statusCode.value() : status.name().toLowerCase().replace('_', '-'))));
        }
        return super.handleExceptionInternal(e, body, headers, statusCode, request);
    }

    /** Says what is wrong with a value without naming the server's Java types. */
    private static String whatIsWrong(DatabindException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "值 " + invalid.getValue() + " 不是可选值之一: "
                    + Arrays.toString(invalid.getTargetType().getEnumConstants());
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "值的类型不正确,应为 " + describe(mismatched.getTargetType());
        }
        return "值无法解析";
    }

    private static String describe(Class<?> type) {
        if (type == boolean.class || type == Boolean.class) {
            return "true 或 false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "数字";
        }
        if (type == String.class) {
            return "字符串";
        }
        if (type == java.time.LocalDate.class) {
            return "日期 yyyy-MM-dd";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "数组";
        }
        return "对象";
    }

    private static String fieldPath(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(ProblemResponses.PROBLEM_JSON);
        return headers;
    }

    private static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).headers(problemHeaders()).body(problem);
    }

}
