package org.quanli.command.powerlist;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The merger of the body an item event has just brought the item to (received, restored, passed on), if that body is
 * merged; a handler parameter of type {@link BodyMerger} marked with it matches only such an arrival
 * ({@link org.quanli.platform.messaging.LookedUpParameter}). Nearly every item arrives at an active body, and those
 * arrivals cost the succession process one look-up instead of a batch of its own.
 * {@link ArrivedAtMergedBodyResolver} resolves it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface ArrivedAtMergedBody {
}
