package org.quanli.command.cases;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.quanli.command.cases.JointApprovalParts.Part;

/**
 * A case event's part of a joint approval that has not yet been told how the part ended; a handler parameter of type
 * {@link Part} marked with it matches only such an event ({@link org.quanli.platform.messaging.LookedUpParameter}).
 * Most cases are no part of any joint approval, so their ends cost the joint-approval process one look-up by key
 * instead of a batch of its own. {@link OpenJointPartResolver} resolves it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
@interface OpenJointPart {
}
