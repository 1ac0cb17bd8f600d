package org.quanli.command.places;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.quanli.kernel.rules.RuleViolation;

/** Matches a {@link RuleViolation} of one named rule, for fixture tests that prove which rule refused a command. */
public final class Violates extends TypeSafeMatcher<RuleViolation> {

    private final String rule;
    private final String messagePart;

    private Violates(String rule, String messagePart) {
        this.rule = rule;
        this.messagePart = messagePart;
    }

    public static Matcher<RuleViolation> rule(String rule) {
        return new Violates(rule, "");
    }

    /** The rule, with a message that says this (a count, a name). */
    public static Matcher<RuleViolation> rule(String rule, String messagePart) {
        return new Violates(rule, messagePart);
    }

    @Override
    protected boolean matchesSafely(RuleViolation violation) {
        return rule.equals(violation.rule()) && violation.getMessage().contains(messagePart);
    }

    @Override
    public void describeTo(Description description) {
        description.appendText("a violation of rule " + rule + " saying \"" + messagePart + "\"");
    }

    @Override
    protected void describeMismatchSafely(RuleViolation violation, Description mismatch) {
        mismatch.appendText("rule " + violation.rule() + ": " + violation.getMessage());
    }
}
