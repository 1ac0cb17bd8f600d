package org.quanli.platform.web;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The {@code size} of every paged read, on both sides: 1 to {@link #MAX} items a page. One limit and one message, so
 * the 400 a client gets for {@code size=500} says what the limit is, in the same words on every endpoint.
 */
@Documented
@Min(1)
@Max(PageSize.MAX)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Target({PARAMETER, FIELD, METHOD})
@Retention(RUNTIME)
public @interface PageSize {

    int MAX = 200;

    String message() default "每页条数应在1到" + MAX + "之间(每页最多" + MAX + "条)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
