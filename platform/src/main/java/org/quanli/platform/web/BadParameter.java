package org.quanli.platform.web;

import java.util.List;

import org.quanli.platform.web.ProblemDetailsAdvice.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A 400 that names the request parameter, shaped like the validation problems of {@code ProblemDetailsAdvice}, for
 * checks that annotations cannot express (one parameter against another) or that must not switch the whole
 * method to method validation.
 */
public final class BadParameter {

    private BadParameter() {
    }

    public static ErrorResponseException of(String name, String rule, String message) {
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "invalid-parameter",
                "参数 " + name + ": " + message);
        problem.setTitle("请求参数不合法");
        problem.setProperty("errors", List.of(new FieldProblem(name, rule, message)));
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    /** Null passes: the parameter is optional. */
    public static String requireMatching(String name, String value, String pattern, String message) {
        if (value != null && !value.matches(pattern)) {
            throw of(name, "Pattern", message);
        }
        return value;
    }
}
