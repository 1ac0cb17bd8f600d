package org.quanli.kernel.rules;

/**
 * A business rule refused a command. {@code rule} is a stable, kebab-case name that clients can branch on
 * (it becomes part of the problem type); the message says in plain words what was wrong.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;

    public RuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }

    /** Throws when the condition does not hold: the one-line way aggregates state a rule. */
    public static void require(boolean condition, String rule, String message) {
        if (!condition) {
            throw new RuleViolation(rule, message);
        }
    }
}
