package org.quanli.query.places;

import org.quanli.platform.architecture.FeatureInterface;

/**
 * A jurisdiction with every jurisdiction below it, in SQL, for questions "about a jurisdiction": they cover the
 * bodies of the jurisdiction and of all those under it. Bodies never change jurisdiction, so the places
 * projection's {@code body_view} decides which body is where.
 */
@FeatureInterface
public final class JurisdictionTree {

    /** A {@code with} clause naming {@code under(code)}: the jurisdiction bound to {@code :jurisdiction} and below. */
    public static final String UNDER = """
            with recursive under(code) as (
                select cast(:jurisdiction as varchar(12))
                union all
                select j.code from jurisdiction_view j join under u on j.parent_code = u.code)
            """;

    private JurisdictionTree() {
    }

    /** The condition that the body of the row {@code alias} lies in {@code under}. */
    public static String bodyUnder(String alias) {
        return alias + ".body_id in (select u_b.body_id from body_view u_b where u_b.jurisdiction_code in "
                + "(select code from under))";
    }
}
