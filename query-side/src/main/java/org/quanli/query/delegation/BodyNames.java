package org.quanli.query.delegation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.quanli.kernel.delegation.DelegationQueries.BodyName;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Names bodies as they were named on a date, from the places projection's name periods: two queries for any number
 * of bodies, then every lookup in memory.
 */
@Component
class BodyNames {

    private final JdbcClient jdbc;

    BodyNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Names of(Collection<String> bodyIds) {
        List<String> ids = bodyIds.stream().filter(Objects::nonNull).distinct().toList();
        Map<String, List<Period>> periods = new HashMap<>();
        Map<String, String[]> current = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("""
                    select body_id, name, effective_from, effective_to from body_name_period
                    where body_id in (:ids) order by body_id, sequence_number""")
                    .param("ids", ids)
                    .query((rs, n) -> periods.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new Period(rs.getString(2), rs.getObject(3, LocalDate.class),
                                    rs.getObject(4, LocalDate.class))))
                    .list();
            jdbc.sql("select body_id, name, jurisdiction_code from body_view where body_id in (:ids)")
                    .param("ids", ids)
                    .query((rs, n) -> current.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3)}))
                    .list();
        }
        return new Names(periods, current);
    }

    private record Period(String name, LocalDate from, LocalDate to) {

        boolean covers(LocalDate date) {
            return (from == null || !from.isAfter(date)) && (to == null || to.isAfter(date));
        }
    }

    static final class Names {

        private final Map<String, List<Period>> periods;
        private final Map<String, String[]> current;

        private Names(Map<String, List<Period>> periods, Map<String, String[]> current) {
            this.periods = periods;
            this.current = current;
        }

        /**
         * The name the body bore on the date; its current name when the date is null or before anything the ledger
         * knows; null (with the id) when the places projection has not seen the body yet.
         */
        BodyName on(String bodyId, LocalDate date) {
            if (bodyId == null) {
                return null;
            }
            String[] now = current.get(bodyId);
            String name = now == null ? null : now[0];
            if (date != null) {
                List<Period> known = periods.getOrDefault(bodyId, List.of());
                for (int i = known.size() - 1; i >= 0; i--) {
                    if (known.get(i).covers(date)) {
                        name = known.get(i).name();
                        break;
                    }
                }
            }
            return new BodyName(bodyId, name, now == null ? null : now[1]);
        }
    }
}
